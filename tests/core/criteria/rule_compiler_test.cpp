// RuleCompiler, the second stage of loading a criteria file: each rule,
// written as JSON, to nodes of the rule tree. Operators and field tests are
// found through tables, so a key no operator takes reports itself at its
// own JSON pointer; every field test has errors of its own.
#include "support/test_support.h"

#include "core/criteria/rule_compiler.h"

#include <gtest/gtest.h>

using namespace elig;
using elig_test::load_valid;
using elig_test::mini_criteria;

namespace {

using Lines = std::vector<std::string>;

// One field of each kind a test can be about.
const char* const kFields = R"([
  {"id": "a", "type": "bool", "section": "s", "label": "A"},
  {"id": "n", "type": "number", "section": "s", "label": "N", "unit": "u", "units": {"u": 1}, "min": 0, "max": 9},
  {"id": "i", "type": "integer", "section": "s", "label": "I", "min": 0, "max": 9},
  {"id": "e", "type": "enum", "section": "s", "label": "E", "values": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}]},
  {"id": "d", "type": "date", "section": "s", "label": "D"},
  {"id": "dn", "type": "date", "section": "s", "label": "DN", "allow_none": true},
  {"id": "t", "type": "text", "section": "s", "label": "T"}])";

class RuleCompilerTest : public ::testing::Test {
protected:
    Trial trial = load_valid(mini_criteria(kFields, R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])"));
    std::vector<LoadError> errors;
    CriteriaReader reader{errors};
    RuleCompiler compiler{trial, reader};

    // The node of `rule` compiled at "/r", or -1.
    int compile(const std::string& rule, int slot_limit = -1)
    {
        errors.clear();
        return compiler.compile(Json::parse(rule), "/r", slot_limit < 0 ? trial.slot_count() : slot_limit);
    }
    // Everything compiling `rule` reported.
    Lines problems(const std::string& rule, int slot_limit = -1)
    {
        compile(rule, slot_limit);
        Lines out;
        for (const LoadError& e : errors) out.push_back(describe(e));
        return out;
    }
    const Node& node(int index) const { return trial.node(index); }
    const Node& child(int index, int i) const { return trial.node(trial.child(trial.node(index), i)); }
};

// ---- The operator table --------------------------------------------------------

TEST_F(RuleCompilerTest, AnUnknownKeyReportsItselfWithItsPointer)
{
    EXPECT_EQ(compile(R"({"al": [true]})"), -1);
    EXPECT_EQ(problems(R"({"al": [true]})"), Lines{"/r/al: unknown key \"al\" (a rule takes one of: all, any, not, if, readings, field)"});
    EXPECT_EQ(problems(R"({"x": 1, "y/z": 2})"), (Lines{"/r/x: unknown key \"x\" (a rule takes one of: all, any, not, if, readings, field)",
                                                       "/r/y~1z: unknown key \"y/z\" (a rule takes one of: all, any, not, if, readings, field)"}));
    // Deeper in the tree, the pointer says where.
    EXPECT_EQ(problems(R"({"any": [true, {"not": {"nto": true}}]})"),
              Lines{"/r/any/1/not/nto: unknown key \"nto\" (a rule takes one of: all, any, not, if, readings, field)"});
}

TEST_F(RuleCompilerTest, ARuleWithNoKeySaysWhatItNeeds)
{
    EXPECT_EQ(compile("{}"), -1);
    EXPECT_EQ(problems("{}"), Lines{"/r: a rule needs one of \"all\", \"any\", \"not\", \"if\", \"readings\" or \"field\""});
}

TEST_F(RuleCompilerTest, NotARule)
{
    EXPECT_EQ(problems(R"("pass")"), Lines{"/r: expected a rule (an object, true or false), found a string"});
    EXPECT_EQ(problems("[true]"), Lines{"/r: expected a rule (an object, true or false), found an array"});
    const int yes = compile("true"), no = compile("false");
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(node(yes).kind, NodeKind::constant);
    EXPECT_EQ(node(yes).constant, Status::pass);
    EXPECT_EQ(node(no).constant, Status::fail);
}

// The first operator of the table that the rule holds takes it; the other
// keys are then unknown to that operator.
TEST_F(RuleCompilerTest, OneOperatorPerRuleInTableOrder)
{
    EXPECT_EQ(problems(R"({"all": [true], "any": [true]})"), Lines{"/r/any: unknown key \"any\" (expected one of: all)"});
    EXPECT_EQ(problems(R"({"field": "a", "is": true, "not": true})"),
              (Lines{"/r/field: unknown key \"field\" (expected one of: not)", "/r/is: unknown key \"is\" (expected one of: not)"}));
    EXPECT_GE(compile(R"({"not": true, "also": 1})"), 0);  // reported, and compiled all the same
    EXPECT_EQ(problems(R"({"not": true, "also": 1})"), Lines{"/r/also: unknown key \"also\" (expected one of: not)"});
}

TEST_F(RuleCompilerTest, ChildrenPrecedeTheirParents)
{
    const int root = compile(R"({"all": [{"field": "n", "at_least": 1.5}, {"not": {"field": "a", "is": true}}]})");
    ASSERT_TRUE(errors.empty());
    EXPECT_EQ(root, static_cast<int>(trial.nodes.size()) - 1);
    EXPECT_EQ(node(root).kind, NodeKind::all);
    ASSERT_EQ(node(root).child_count, 2);
    EXPECT_EQ(child(root, 0).kind, NodeKind::at_least);
    EXPECT_EQ(child(root, 0).slot, trial.find_slot("n"));
    EXPECT_EQ(child(root, 0).number, 1.5);
    EXPECT_EQ(child(root, 1).kind, NodeKind::negate);
    EXPECT_LT(trial.child(node(root), 0), root);
    EXPECT_LT(trial.child(node(root), 1), root);
}

TEST_F(RuleCompilerTest, Combinations)
{
    EXPECT_EQ(problems(R"({"all": []})"), Lines{"/r/all: expected a list of at least 1 rules"});
    EXPECT_EQ(problems(R"({"any": {"field": "a", "is": true}})"), Lines{"/r/any: expected a list of at least 1 rules"});
    EXPECT_EQ(problems(R"({"if": true})"), (Lines{"/r: an if-rule needs \"then\"", "/r: an if-rule needs \"else\""}));
    EXPECT_EQ(problems(R"({"if": true, "then": true, "else": false, "otherwise": true})"),
              Lines{"/r/otherwise: unknown key \"otherwise\" (expected one of: if, then, else)"});
    const int condition = compile(R"({"if": {"field": "a", "is": true}, "then": true, "else": false})");
    EXPECT_EQ(node(condition).kind, NodeKind::if_then_else);
    EXPECT_EQ(child(condition, 0).kind, NodeKind::is_bool);
}

TEST_F(RuleCompilerTest, Readings)
{
    EXPECT_EQ(problems(R"({"readings": [{"source": "text", "rule": true}]})"), Lines{"/r/readings: expected a list of at least two readings"});
    EXPECT_EQ(problems(R"({"readings": [3, {"rule": true}]})"),
              (Lines{"/r/readings/0: expected an object, found a number", "/r/readings/1: missing required key \"source\""}));
    EXPECT_EQ(problems(R"({"readings": [{"source": "a", "rule": true, "note": 1}, {"source": "", "rule": true}]})"),
              (Lines{"/r/readings/0/note: unknown key \"note\" (expected one of: source, rule)", "/r/readings/1/source: must not be empty"}));
    const int readings = compile(R"({"readings": [{"source": "text", "rule": {"field": "n", "at_most": 8}}, {"source": "registry", "rule": true}]})");
    ASSERT_TRUE(errors.empty());
    EXPECT_EQ(node(readings).kind, NodeKind::readings);
    EXPECT_EQ(child(readings, 0).reading_source, "text");
    EXPECT_EQ(child(readings, 1).reading_source, "registry");
}

TEST_F(RuleCompilerTest, DepthLimit)
{
    const auto nested = [](int depth) {
        std::string rule = "true";
        for (int i = 0; i < depth; ++i) rule = R"({"not": )" + rule + "}";
        return rule;
    };
    EXPECT_TRUE(problems(nested(RuleCompiler::kMaxDepth)).empty());
    std::string path = "/r";
    for (int i = 0; i <= RuleCompiler::kMaxDepth; ++i) path += "/not";
    EXPECT_EQ(problems(nested(RuleCompiler::kMaxDepth + 1)), Lines{path + ": rule nested deeper than 64 levels"});
}

// ---- The field-test table ------------------------------------------------------

TEST_F(RuleCompilerTest, TwoTestsInOneFieldRule)
{
    EXPECT_EQ(compile(R"({"field": "n", "at_least": 1, "at_most": 2})"), -1);
    EXPECT_EQ(problems(R"({"field": "n", "at_least": 1, "at_most": 2})"),
              Lines{"/r: a field rule takes one test; found both \"at_least\" and \"at_most\""});
    // Named in the table's order, not the rule's.
    EXPECT_EQ(problems(R"({"field": "dn", "earlier_than": "d", "is": "none"})"),
              Lines{"/r: a field rule takes one test; found both \"is\" and \"earlier_than\""});
}

TEST_F(RuleCompilerTest, AFieldRuleWithoutATest)
{
    EXPECT_EQ(problems(R"({"field": "n"})"),
              Lines{"/r: a field rule needs a test: is, in, at_least, at_most, above, below, not_within, earlier_than or later_than"});
    EXPECT_EQ(problems(R"({"field": "n", "atleast": 1})"),
              Lines{"/r/atleast: unknown key \"atleast\" (a field rule takes one test: is, in, at_least, at_most, above, below, not_within, "
                    "earlier_than, later_than)"});
}

TEST_F(RuleCompilerTest, KeysATestDoesNotTake)
{
    EXPECT_GE(compile(R"({"field": "n", "at_least": 1, "unit": "u"})"), 0);
    EXPECT_EQ(problems(R"({"field": "n", "at_least": 1, "unit": "u"})"), Lines{"/r/unit: unknown key \"unit\" (expected one of: field, at_least)"});
    EXPECT_EQ(problems(R"({"field": "d", "not_within": {"weeks": 1}, "before": "d", "before_is_on_or_after": "d", "after": "d"})"),
              Lines{"/r/after: unknown key \"after\" (expected one of: field, not_within, before, before_is_on_or_after)"});
    EXPECT_EQ(problems(R"({"field": "d", "earlier_than": "d", "before": "d"})"),
              Lines{"/r/before: unknown key \"before\" (expected one of: field, earlier_than)"});
}

TEST_F(RuleCompilerTest, TheFieldItself)
{
    EXPECT_EQ(problems(R"({"field": "zz", "is": true})"), Lines{"/r/field: unknown field \"zz\""});
    EXPECT_EQ(problems(R"({"field": 3, "is": true})"), Lines{"/r/field: expected a string, found a number"});
    EXPECT_EQ(problems(R"({"field": "d", "is": "none"})", trial.find_slot("d")), Lines{"/r/field: \"d\" is defined later and cannot be used here"});
}

TEST_F(RuleCompilerTest, IsErrors)
{
    EXPECT_EQ(problems(R"({"field": "a", "is": "true"})"), Lines{"/r/is: \"a\" is a yes/no field: expected true or false"});
    EXPECT_EQ(problems(R"({"field": "e", "is": "z"})"), Lines{"/r/is: not a value of \"e\""});
    EXPECT_EQ(problems(R"({"field": "e", "is": 1})"), Lines{"/r/is: not a value of \"e\""});
    EXPECT_EQ(problems(R"({"field": "dn", "is": "never"})"), Lines{"/r/is: a date field can be tested only for \"none\""});
    EXPECT_EQ(problems(R"({"field": "n", "is": 1})"), Lines{"/r/is: \"is\" needs a yes/no, enum or none-allowing date field; \"n\" is not one"});
    EXPECT_EQ(problems(R"({"field": "d", "is": "none"})"), Lines{"/r/is: \"is\" needs a yes/no, enum or none-allowing date field; \"d\" is not one"});
    EXPECT_EQ(problems(R"({"field": "t", "is": "x"})"), Lines{"/r/is: \"is\" needs a yes/no, enum or none-allowing date field; \"t\" is not one"});
    EXPECT_EQ(node(compile(R"({"field": "a", "is": false})")).kind, NodeKind::is_bool);
    EXPECT_EQ(node(compile(R"({"field": "e", "is": "y"})")).enum_index, 1);
    EXPECT_EQ(node(compile(R"({"field": "dn", "is": "none"})")).kind, NodeKind::is_none);
    EXPECT_TRUE(errors.empty());
}

TEST_F(RuleCompilerTest, InErrors)
{
    EXPECT_EQ(problems(R"({"field": "n", "in": [1]})"), Lines{"/r/in: \"in\" needs an enum field; \"n\" is not one"});
    EXPECT_EQ(problems(R"({"field": "e", "in": []})"), Lines{"/r/in: expected a non-empty list of values"});
    EXPECT_EQ(problems(R"({"field": "e", "in": "x"})"), Lines{"/r/in: expected a non-empty list of values"});
    EXPECT_EQ(problems(R"({"field": "e", "in": ["x", "z", 3]})"), (Lines{"/r/in/1: not a value of \"e\"", "/r/in/2: not a value of \"e\""}));
    EXPECT_EQ(node(compile(R"({"field": "e", "in": ["y", "x"]})")).enum_mask, 3u);
}

TEST_F(RuleCompilerTest, ComparisonErrors)
{
    EXPECT_EQ(problems(R"({"field": "a", "at_least": 2})"), Lines{"/r/at_least: a comparison needs a number field; \"a\" is not one"});
    EXPECT_EQ(problems(R"({"field": "d", "below": 2})"), Lines{"/r/below: a comparison needs a number field; \"d\" is not one"});
    EXPECT_EQ(problems(R"({"field": "n", "at_most": "5"})"), Lines{"/r/at_most: expected a number (in the field's canonical unit)"});
    const int above = compile(R"({"field": "i", "above": 2})");
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(node(above).kind, NodeKind::above);
    EXPECT_EQ(node(compile(R"({"field": "n", "below": 2})")).kind, NodeKind::below);
}

TEST_F(RuleCompilerTest, WindowErrors)
{
    EXPECT_EQ(problems(R"({"field": "n", "not_within": {"weeks": 4}, "before": "d"})"), Lines{"/r/field: \"n\" is not a date field"});
    for (const char* span : {R"({"days": 4})", R"({"weeks": 1, "months": 1})", "4"})
        EXPECT_EQ(problems(std::string(R"({"field": "d", "not_within": )") + span + R"(, "before": "d"})"),
                  Lines{"/r/not_within: expected {\"weeks\": N} or {\"months\": N}"})
            << span;
    // A wrong amount is reported at the amount itself.
    for (const auto& [span, unit] : {std::pair{R"({"weeks": 0})", "weeks"}, {R"({"months": 1.5})", "months"}, {R"({"weeks": 1201})", "weeks"},
                                     {R"({"months": "6"})", "months"}})
        EXPECT_EQ(problems(std::string(R"({"field": "d", "not_within": )") + span + R"(, "before": "d"})"),
                  Lines{std::string("/r/not_within/") + unit + ": expected a whole number of weeks or months, 1 to 1200"})
            << span;
    EXPECT_EQ(problems(R"({"field": "d", "not_within": {"weeks": 4}})"), Lines{"/r: not_within needs \"before\": the reference date field"});
    EXPECT_EQ(problems(R"({"field": "d", "not_within": {"weeks": 4}, "before": "n"})"), Lines{"/r/before: \"n\" is not a date field"});
    EXPECT_EQ(problems(R"({"field": "d", "not_within": {"weeks": 4}, "before": 3})"), Lines{"/r/before: expected the id of a date field"});
    EXPECT_EQ(problems(R"({"field": "d", "not_within": {"weeks": 4}, "before": "dn", "before_is_on_or_after": "zz"})"),
              Lines{"/r/before_is_on_or_after: \"zz\" is not a date field"});
    const int window = compile(R"({"field": "dn", "not_within": {"months": 6}, "before": "d", "before_is_on_or_after": "d"})");
    ASSERT_TRUE(errors.empty());
    EXPECT_EQ(node(window).kind, NodeKind::not_within);
    EXPECT_EQ(node(window).window, 6);
    EXPECT_EQ(node(window).window_unit, WindowUnit::months);
    EXPECT_EQ(node(window).reference, trial.find_slot("d"));
    EXPECT_EQ(node(window).reference_floor, trial.find_slot("d"));
}

TEST_F(RuleCompilerTest, DateOrderErrors)
{
    EXPECT_EQ(problems(R"({"field": "n", "earlier_than": "d"})"), Lines{"/r/field: \"n\" is not a date field"});
    EXPECT_EQ(problems(R"({"field": "d", "later_than": "a"})"), Lines{"/r/later_than: \"a\" is not a date field"});
    EXPECT_EQ(problems(R"({"field": "d", "earlier_than": 5})"), Lines{"/r/earlier_than: expected the id of a date field"});
    const int order = compile(R"({"field": "d", "later_than": "dn"})");
    ASSERT_TRUE(errors.empty());
    EXPECT_EQ(node(order).kind, NodeKind::later_than);
    EXPECT_EQ(node(order).reference, trial.find_slot("dn"));
}

} // namespace
