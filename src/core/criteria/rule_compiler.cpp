#include "core/criteria/rule_compiler.h"

#include "core/json/json_dom.h"

#include <cmath>

namespace elig {

struct RuleCompiler::Operator {
    const char* key;
    int (RuleCompiler::*compile)(const Json& value, const At& at);
};

const RuleCompiler::Operator RuleCompiler::kOperators[] = {
    {"all", &RuleCompiler::all_or_any},
    {"any", &RuleCompiler::all_or_any},
    {"not", &RuleCompiler::negation},
    {"if", &RuleCompiler::condition},
    {"readings", &RuleCompiler::readings},
    {"field", &RuleCompiler::field_rule},
};

struct RuleCompiler::FieldTest {
    const char* key;
    const char* other_keys[2];  // keys the test takes besides "field" and its own
    void (RuleCompiler::*compile)(FieldRule& rule, Node& node);
};

const RuleCompiler::FieldTest RuleCompiler::kFieldTests[] = {
    {"is", {}, &RuleCompiler::test_is},
    {"in", {}, &RuleCompiler::test_in},
    {"at_least", {}, &RuleCompiler::test_comparison},
    {"at_most", {}, &RuleCompiler::test_comparison},
    {"above", {}, &RuleCompiler::test_comparison},
    {"below", {}, &RuleCompiler::test_comparison},
    {"not_within", {"before", "before_is_on_or_after"}, &RuleCompiler::test_window},
    {"earlier_than", {}, &RuleCompiler::test_order},
    {"later_than", {}, &RuleCompiler::test_order},
};

namespace {

constexpr const char* kRuleExpected = "a rule needs one of \"all\", \"any\", \"not\", \"if\", \"readings\" or \"field\"";
constexpr const char* kRuleKeys = "a rule takes one of: all, any, not, if, readings, field";
constexpr const char* kFieldTestExpected =
    "a field rule needs a test: is, in, at_least, at_most, above, below, not_within, earlier_than or later_than";
constexpr const char* kFieldTestKeys = "a field rule takes one test: is, in, at_least, at_most, above, below, not_within, earlier_than, later_than";

} // namespace

int RuleCompiler::compile(const Json& value, const std::string& path, int slot_limit)
{
    return rule(value, At{path, 0, slot_limit});
}

int RuleCompiler::add_node(Node node)
{
    trial_.nodes.push_back(std::move(node));
    return static_cast<int>(trial_.nodes.size()) - 1;
}

void RuleCompiler::add_children(Node& node, const std::vector<int>& children)
{
    node.first_child = static_cast<int>(trial_.children.size());
    node.child_count = static_cast<int>(children.size());
    trial_.children.insert(trial_.children.end(), children.begin(), children.end());
}

// Each key of a rule that no operator takes is reported where it is; a
// rule with no key at all says what it needs.
void RuleCompiler::report_unknown_keys(const Json& value, const At& at, const char* needs, const char* takes, const char* known)
{
    if (value.size() == (known && value.contains(known) ? 1u : 0u)) return reader_.error(at.path, needs);
    for (auto it = value.begin(); it != value.end(); ++it)
        if (!known || it.key() != known) reader_.error(at.path + "/" + pointer_token(it.key()), "unknown key " + in_quotes(it.key()) + " (" + takes + ")");
}

int RuleCompiler::rule(const Json& value, const At& at)
{
    if (at.depth > kMaxDepth) {
        reader_.error(at.path, "rule nested deeper than " + std::to_string(kMaxDepth) + " levels");
        return -1;
    }
    if (value.is_boolean()) {
        Node node;
        node.kind = NodeKind::constant;
        node.constant = value.get<bool>() ? Status::pass : Status::fail;
        return add_node(node);
    }
    if (!value.is_object()) {
        reader_.error(at.path, std::string("expected a rule (an object, true or false), found ") + json_type_name(value));
        return -1;
    }
    for (const Operator& op : kOperators)
        if (value.contains(op.key)) return (this->*op.compile)(value, at);
    report_unknown_keys(value, at, kRuleExpected, kRuleKeys);
    return -1;
}

int RuleCompiler::all_or_any(const Json& value, const At& at)
{
    const char* key = value.contains("all") ? "all" : "any";
    reader_.only_keys(value, at.path, {key});
    Node node;
    node.kind = value.contains("all") ? NodeKind::all : NodeKind::any;
    const Json& list = value[key];
    const At inside = at.inside(key);
    if (!list.is_array() || list.empty()) {
        reader_.error(inside.path, "expected a list of at least 1 rules");
        return add_node(node);
    }
    std::vector<int> children;
    for (size_t i = 0; i < list.size(); ++i) children.push_back(rule(list[i], inside.inside(std::to_string(i))));
    add_children(node, children);
    return add_node(node);
}

int RuleCompiler::negation(const Json& value, const At& at)
{
    reader_.only_keys(value, at.path, {"not"});
    Node node;
    node.kind = NodeKind::negate;
    add_children(node, {rule(value["not"], at.inside("not"))});
    return add_node(node);
}

int RuleCompiler::condition(const Json& value, const At& at)
{
    reader_.only_keys(value, at.path, {"if", "then", "else"});
    Node node;
    node.kind = NodeKind::if_then_else;
    std::vector<int> parts;
    for (const char* key : {"if", "then", "else"}) {
        if (!value.contains(key)) reader_.error(at.path, std::string("an if-rule needs \"") + key + "\"");
        parts.push_back(value.contains(key) ? rule(value[key], at.inside(key)) : -1);
    }
    add_children(node, parts);
    return add_node(node);
}

int RuleCompiler::readings(const Json& value, const At& at)
{
    reader_.only_keys(value, at.path, {"readings"});
    const Json& list = value["readings"];
    const At inside = at.inside("readings");
    if (!list.is_array() || list.size() < 2) {
        reader_.error(inside.path, "expected a list of at least two readings");
        return -1;
    }
    Node node;
    node.kind = NodeKind::readings;
    std::vector<int> children;
    for (size_t i = 0; i < list.size(); ++i) {
        const At reading = inside.inside(std::to_string(i));
        if (!reader_.expect_object(list[i], reading.path)) continue;
        reader_.only_keys(list[i], reading.path, {"source", "rule"});
        const std::string source = reader_.text_member(list[i], "source", reading.path);
        const Json* child_rule = reader_.member(list[i], "rule", reading.path, true);
        const int child = child_rule ? rule(*child_rule, reading.inside("rule")) : -1;
        if (child >= 0) trial_.nodes[static_cast<size_t>(child)].reading_source = source;
        children.push_back(child);
    }
    add_children(node, children);
    return add_node(node);
}

int RuleCompiler::field_rule(const Json& value, const At& at)
{
    FieldRule field{value, at, reader_.string_member(value, "field", at.path, true), FieldType::text, nullptr, nullptr, {}};
    Node node;
    node.slot = trial_.find_slot(field.id);
    if (node.slot < 0 || node.slot >= at.slot_limit) {
        if (!field.id.empty())
            reader_.error(at.path + "/field", node.slot < 0 ? "unknown field " + in_quotes(field.id) : in_quotes(field.id) + " is defined later and cannot be used here");
        return -1;
    }
    field.type = trial_.slot_type(node.slot);
    const FieldTest* test = nullptr;
    for (const FieldTest& candidate : kFieldTests) {
        if (!value.contains(candidate.key)) continue;
        if (test) {
            reader_.error(at.path, std::string("a field rule takes one test; found both \"") + test->key + "\" and \"" + candidate.key + "\"");
            return -1;
        }
        test = &candidate;
    }
    if (!test) {
        report_unknown_keys(value, at, kFieldTestExpected, kFieldTestKeys, "field");
        return -1;
    }
    const char* allowed[] = {"field", test->key, test->other_keys[0], test->other_keys[1]};
    reader_.only_keys(value, at.path, std::span<const char* const>(allowed, test->other_keys[1] ? 4 : test->other_keys[0] ? 3 : 2));
    field.test = test->key;
    field.operand = &value[test->key];
    field.test_path = at.path + "/" + test->key;
    (this->*test->compile)(field, node);
    return add_node(node);
}

int16_t RuleCompiler::enum_index(const FieldDef& enums, const Json& value) const
{
    if (value.is_string())
        for (size_t v = 0; v < enums.values.size(); ++v)
            if (enums.values[v].id == value.get<std::string>()) return static_cast<int16_t>(v);
    return -1;
}

void RuleCompiler::test_is(FieldRule& rule, Node& node)
{
    const Json& operand = *rule.operand;
    const FieldDef* enums = trial_.enum_source(node.slot);
    if (rule.type == FieldType::boolean) {
        node.kind = NodeKind::is_bool;
        if (!operand.is_boolean()) reader_.error(rule.test_path, in_quotes(rule.id) + " is a yes/no field: expected true or false");
        else node.boolean = operand.get<bool>();
    } else if (enums) {
        node.kind = NodeKind::is_enum;
        node.enum_index = enum_index(*enums, operand);
        if (node.enum_index < 0) reader_.error(rule.test_path, "not a value of " + in_quotes(enums->id));
    } else if (rule.type == FieldType::date && trial_.is_field(node.slot) && trial_.field(node.slot).allow_none) {
        node.kind = NodeKind::is_none;
        if (!(operand.is_string() && operand.get<std::string>() == "none")) reader_.error(rule.test_path, "a date field can be tested only for \"none\"");
    } else {
        reader_.error(rule.test_path, "\"is\" needs a yes/no, enum or none-allowing date field; " + in_quotes(rule.id) + " is not one");
    }
}

void RuleCompiler::test_in(FieldRule& rule, Node& node)
{
    const Json& operand = *rule.operand;
    node.kind = NodeKind::in_enum;
    const FieldDef* enums = trial_.enum_source(node.slot);
    if (!enums) return reader_.error(rule.test_path, "\"in\" needs an enum field; " + in_quotes(rule.id) + " is not one");
    if (!operand.is_array() || operand.empty()) return reader_.error(rule.test_path, "expected a non-empty list of values");
    for (size_t i = 0; i < operand.size(); ++i) {
        const int16_t index = enum_index(*enums, operand[i]);
        if (index < 0) reader_.error(rule.test_path + "/" + std::to_string(i), "not a value of " + in_quotes(enums->id));
        else node.enum_mask |= uint64_t{1} << index;
    }
}

void RuleCompiler::test_comparison(FieldRule& rule, Node& node)
{
    const std::string_view name = rule.test;
    node.kind = name == "at_least" ? NodeKind::at_least : name == "at_most" ? NodeKind::at_most : name == "above" ? NodeKind::above : NodeKind::below;
    const Json& operand = *rule.operand;
    if (rule.type != FieldType::number && rule.type != FieldType::integer)
        reader_.error(rule.test_path, "a comparison needs a number field; " + in_quotes(rule.id) + " is not one");
    else if (!operand.is_number() || !std::isfinite(operand.get<double>()))
        reader_.error(rule.test_path, "expected a number (in the field's canonical unit)");
    else
        node.number = operand.get<double>();
}

int RuleCompiler::date_reference(const Json& reference, const std::string& path, int slot_limit)
{
    if (!reference.is_string()) {
        reader_.error(path, "expected the id of a date field");
        return -1;
    }
    const int slot = trial_.find_slot(reference.get<std::string>());
    if (slot < 0 || slot >= slot_limit || trial_.slot_type(slot) != FieldType::date) {
        reader_.error(path, in_quotes(reference.get<std::string>()) + " is not a date field");
        return -1;
    }
    return slot;
}

void RuleCompiler::test_window(FieldRule& rule, Node& node)
{
    node.kind = NodeKind::not_within;
    const Json& operand = *rule.operand;
    if (rule.type != FieldType::date) reader_.error(rule.at.path + "/field", in_quotes(rule.id) + " is not a date field");
    if (!operand.is_object() || operand.size() != 1 || !(operand.contains("weeks") || operand.contains("months"))) {
        reader_.error(rule.test_path, "expected {\"weeks\": N} or {\"months\": N}");
    } else {
        const bool weeks = operand.contains("weeks");
        const Json& amount = weeks ? operand["weeks"] : operand["months"];
        if (!amount.is_number_integer() || amount.get<long long>() < 1 || amount.get<long long>() > 1200)
            reader_.error(rule.test_path + (weeks ? "/weeks" : "/months"), "expected a whole number of weeks or months, 1 to 1200");
        else
            node.window = static_cast<int>(amount.get<long long>());
        node.window_unit = weeks ? WindowUnit::weeks : WindowUnit::months;
    }
    const Json& value = rule.rule;
    if (!value.contains("before")) reader_.error(rule.at.path, "not_within needs \"before\": the reference date field");
    else node.reference = date_reference(value["before"], rule.at.path + "/before", rule.at.slot_limit);
    if (value.contains("before_is_on_or_after"))
        node.reference_floor = date_reference(value["before_is_on_or_after"], rule.at.path + "/before_is_on_or_after", rule.at.slot_limit);
}

void RuleCompiler::test_order(FieldRule& rule, Node& node)
{
    node.kind = std::string_view(rule.test) == "earlier_than" ? NodeKind::earlier_than : NodeKind::later_than;
    if (rule.type != FieldType::date) reader_.error(rule.at.path + "/field", in_quotes(rule.id) + " is not a date field");
    node.reference = date_reference(*rule.operand, rule.test_path, rule.at.slot_limit);
}

} // namespace elig
