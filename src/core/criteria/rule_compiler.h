// The second stage of loading a criteria file: each rule, written as JSON,
// becomes nodes of the Trial's rule tree (children before their parents).
// One function per operator, found through a table, so that a key no
// operator knows reports itself with its JSON pointer.
//
// Example:
//   std::vector<LoadError> errors;
//   CriteriaReader reader(errors);
//   Trial draft = trial;                           // a trial being loaded, its fields known
//   RuleCompiler compiler(draft, reader);
//   const int node = compiler.compile(Json::parse(R"({"field": "lvef", "at_least": 45})"),
//                                     "/criteria/14/rule", draft.slot_count());
//   draft.node(node).kind;    // NodeKind::at_least, number 45, slot of "lvef"
//   // {"field": "lvef", "atleast": 45} gives -1 and reports
//   // "/criteria/14/rule/atleast: unknown key "atleast" (a field rule takes one test: is, in, ...)"
#pragma once
#include "core/criteria/criteria_reader.h"
#include "core/model/trial.h"

#include <string>

namespace elig {

class RuleCompiler {
public:
    RuleCompiler(Trial& trial, CriteriaReader& reader) : trial_(trial), reader_(reader) {}

    // The node index of `rule` (at `path`), or -1 after reporting why. The
    // rule may read slots below `slot_limit` only (a derived value may use
    // only what is defined before it).
    int compile(const Json& rule, const std::string& path, int slot_limit);

    static constexpr int kMaxDepth = 64;

private:
    struct At {
        std::string path;
        int depth = 0;
        int slot_limit = 0;
        At inside(const std::string& key) const { return {path + "/" + key, depth + 1, slot_limit}; }
    };
    // A field rule being compiled: {"field": id, <test>: operand, ...}.
    struct FieldRule {
        const Json& rule;
        const At& at;
        std::string id;
        FieldType type = FieldType::text;
        const char* test = nullptr;
        const Json* operand = nullptr;
        std::string test_path;
    };
    struct Operator;
    struct FieldTest;
    static const Operator kOperators[];
    static const FieldTest kFieldTests[];

    Trial& trial_;
    CriteriaReader& reader_;

    int rule(const Json& value, const At& at);
    int all_or_any(const Json& value, const At& at);
    int negation(const Json& value, const At& at);
    int condition(const Json& value, const At& at);
    int readings(const Json& value, const At& at);
    int field_rule(const Json& value, const At& at);
    // Each key of `value` but `known` (when given) is reported; none at all reports `needs`.
    void report_unknown_keys(const Json& value, const At& at, const char* needs, const char* takes, const char* known = nullptr);

    void test_is(FieldRule& rule, Node& node);
    void test_in(FieldRule& rule, Node& node);
    void test_comparison(FieldRule& rule, Node& node);
    void test_window(FieldRule& rule, Node& node);
    void test_order(FieldRule& rule, Node& node);
    int date_reference(const Json& reference, const std::string& path, int slot_limit);
    int16_t enum_index(const FieldDef& enums, const Json& value) const;

    int add_node(Node node);
    void add_children(Node& node, const std::vector<int>& children);
};

} // namespace elig
