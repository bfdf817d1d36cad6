// Criteria files: the bundled one loads; a broken one never crashes, never
// half-loads, and every problem comes with its JSON pointer.
#include "support/test_support.h"

#include "bundled/bundled_criteria.h"
#include "core/criteria/trial_loader.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace elig;
using elig_test::mini_criteria;
using nlohmann::json;

namespace {

std::vector<std::string> problems(const std::string& text)
{
    TrialLoadResult result = load_trial(text);
    EXPECT_FALSE(result.ok()) << "loaded a broken file";
    std::vector<std::string> out;
    for (const auto& e : result.errors) out.push_back(describe(e));
    return out;
}

const char* kFlag = R"([{"id": "a", "type": "bool", "section": "s", "label": "A"},
                        {"id": "n", "type": "number", "section": "s", "label": "N", "unit": "u", "units": {"u": 1}, "min": 0, "max": 9},
                        {"id": "e", "type": "enum", "section": "s", "label": "E", "values": [{"id": "x", "label": "X"}]},
                        {"id": "d", "type": "date", "section": "s", "label": "D"}])";

std::string with_rule(const std::string& rule)
{
    return mini_criteria(kFlag, R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": )" + rule + "}]");
}

TEST(TrialLoader, TheBundledCriteriaLoad)
{
    TrialLoadResult result = load_trial(bundled_criteria());
    ASSERT_TRUE(result.ok());
    const Trial& t = *result.trial;
    EXPECT_EQ(t.info.nct_id, "NCT07345780");
    EXPECT_EQ(t.info.record_date, "2026-01-16");
    EXPECT_EQ(t.info.enrollment, 28);
    EXPECT_EQ(t.criteria.size(), 38u);
    ASSERT_GE(t.conflicts.size(), 1u);
    EXPECT_EQ(t.conflicts[0].id, "maximum_age");
    EXPECT_EQ(t.conflicts[0].sources[0].value, 85);
    EXPECT_EQ(t.conflicts[0].sources[1].value, 78);
}

TEST(TrialLoader, SyntaxErrorsGiveLineAndColumn)
{
    auto p = problems("{\n  \"format\": \"eligibility-criteria/1\",\n  \"version\" 1\n}");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("line 3, column"), std::string::npos) << p[0];
}

TEST(TrialLoader, WrongFormatIsRefusedUpFront)
{
    EXPECT_EQ(problems(R"({"format": "eligibility-criteria/2"})"),
              std::vector<std::string>{"/format: unsupported format \"eligibility-criteria/2\" (this program reads \"eligibility-criteria/1\")"});
    EXPECT_EQ(problems("[]"), std::vector<std::string>{"(document): expected an object, found an array"});
}

TEST(TrialLoader, RuleErrorsPointIntoTheTree)
{
    EXPECT_EQ(problems(with_rule(R"({"all": [{"field": "a", "is": true}, {"field": "lvf", "is": true}]})")),
              std::vector<std::string>{"/criteria/0/rule/all/1/field: unknown field \"lvf\""});
    EXPECT_EQ(problems(with_rule(R"({"field": "a", "at_least": 2})")),
              std::vector<std::string>{"/criteria/0/rule/at_least: a comparison needs a number field; \"a\" is not one"});
    EXPECT_EQ(problems(with_rule(R"({"field": "e", "is": "y"})")),
              std::vector<std::string>{"/criteria/0/rule/is: not a value of \"e\""});
    EXPECT_EQ(problems(with_rule(R"({"field": "n", "at_least": 1, "at_most": 2})")),
              std::vector<std::string>{"/criteria/0/rule: a field rule takes one test; found both \"at_least\" and \"at_most\""});
    EXPECT_EQ(problems(with_rule(R"({"field": "n", "at_lest": 1})")).size(), 1u);
    EXPECT_EQ(problems(with_rule(R"({"field": "a", "is": "true"})")),
              std::vector<std::string>{"/criteria/0/rule/is: \"a\" is a yes/no field: expected true or false"});
    EXPECT_EQ(problems(with_rule(R"({"readings": [{"source": "x", "rule": true}]})")),
              std::vector<std::string>{"/criteria/0/rule/readings: expected a list of at least two readings"});
    EXPECT_EQ(problems(with_rule(R"({"field": "n", "not_within": {"weeks": 4}, "before": "d"})")),
              std::vector<std::string>{"/criteria/0/rule/field: \"n\" is not a date field"});
    EXPECT_EQ(problems(with_rule(R"({"field": "d", "not_within": {"days": 4}, "before": "d"})")),
              std::vector<std::string>{"/criteria/0/rule/not_within: expected {\"weeks\": N} or {\"months\": N}"});
    EXPECT_EQ(problems(with_rule(R"({"if": {"field": "a", "is": true}, "then": true})")),
              std::vector<std::string>{"/criteria/0/rule: an if-rule needs \"else\""});
    EXPECT_EQ(problems(with_rule(R"("pass")")),
              std::vector<std::string>{"/criteria/0/rule: expected a rule (an object, true or false), found a string"});
}

TEST(TrialLoader, DeepRulesAreRefusedNotOverflowed)
{
    std::string rule = "true";
    for (int i = 0; i < 70; ++i) rule = R"({"not": )" + rule + "}";
    auto p = problems(with_rule(rule));
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("nested deeper than 64 levels"), std::string::npos) << p[0];
}

TEST(TrialLoader, FieldDictionaryErrors)
{
    EXPECT_EQ(problems(mini_criteria(R"([{"id": "a", "type": "bool", "section": "s", "label": "A"}, {"id": "a", "type": "bool", "section": "s", "label": "B"}])", "[]")),
              std::vector<std::string>{"/fields/1/id: duplicate field id \"a\""});  // rules are not read against a broken dictionary
    EXPECT_EQ(problems(mini_criteria(R"([{"id": "n", "type": "number", "section": "s", "label": "N", "unit": "g/L", "units": {"g/dL": 10}, "min": 0, "max": 1}])",
                                     R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])")),
              std::vector<std::string>{"/fields/0/units: must list the canonical unit \"g/L\" with factor 1"});
    EXPECT_EQ(problems(mini_criteria(R"([{"id": "n", "type": "number", "section": "s", "label": "N"}])",
                                     R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])")),
              std::vector<std::string>{"/fields/0: number and integer fields need a plausible range: min and max"});
    EXPECT_EQ(problems(mini_criteria(R"([{"id": "a", "type": "boolean", "section": "s", "label": "A"}])",
                                     R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])")),
              std::vector<std::string>{"/fields/0/type: unknown type \"boolean\" (expected text, date, bool, number, integer or enum)"});
    EXPECT_EQ(problems(mini_criteria(R"([{"id": "a", "type": "bool", "section": "t", "label": "A", "colour": 1}])",
                                     R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])")),
              (std::vector<std::string>{"/fields/0/colour: unknown key \"colour\" (expected one of: id, type, section, known_at, visit_reason, label, help, unit, units, min, max, min_exclusive, allow_none, values, relevant_when, display)",
                                        "/fields/0/section: unknown section \"t\""}));
}

TEST(TrialLoader, CriterionErrors)
{
    EXPECT_EQ(problems(mini_criteria(kFlag, R"([{"id": "k", "kind": "inclusive", "title": "K", "source": "S.", "rule": true}])")),
              std::vector<std::string>{"/criteria/0/kind: expected \"inclusion\" or \"exclusion\", found \"inclusive\""});
    EXPECT_EQ(problems(mini_criteria(kFlag, R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "", "rule": true}])")),
              std::vector<std::string>{"/criteria/0/source: a source sentence must not be empty"});
    EXPECT_EQ(problems(mini_criteria(kFlag, R"([{"id": "k", "kind": "inclusion", "title": "K", "rule": true},
                                                {"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])")),
              (std::vector<std::string>{"/criteria/0: missing required key \"source\"", "/criteria/1/id: duplicate criterion id \"k\""}));
}

TEST(TrialLoader, DerivedValuesMayUseOnlyWhatCameBefore)
{
    const std::string fields = R"([{"id": "v", "type": "number", "section": "s", "label": "V", "min": 0, "max": 9},
                                   {"id": "u", "type": "number", "section": "s", "label": "U", "min": 0, "max": 9},
                                   {"id": "m", "type": "number", "section": "s", "label": "M", "min": 0, "max": 9}])";
    const std::string criteria = R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])";
    EXPECT_EQ(problems(mini_criteria(fields, criteria, R"([{"id": "x", "function": "multiple_of_uln", "label": "X", "args": {"value": "v", "uln": "later", "multiple": "m"}},
                                                           {"id": "later", "function": "multiple_of_uln", "label": "L", "args": {"value": "v", "uln": "u", "multiple": "m"}}])")),
              std::vector<std::string>{"/derived/0/args/uln: unknown field \"later\""});
    EXPECT_EQ(problems(mini_criteria(fields, criteria, R"([{"id": "x", "function": "mean", "label": "X", "args": {}}])")),
              std::vector<std::string>{"/derived/0/function: unknown function \"mean\" (expected completed_years, multiple_of_uln, cockcroft_gault_unless_measured or implied_value)"});
}

// Found by fuzz_criteria: a rule on an implied value whose field did not
// load read outside the derived values.
TEST(TrialLoader, RulesOnADerivedValueWithAnUnknownFieldAreErrorsNotCrashes)
{
    const std::string fields = R"([{"id": "a", "type": "bool", "section": "s", "label": "A"}])";
    const std::string derived = R"([{"id": "implied", "function": "implied_value", "label": "I",
                                      "args": {"field": "missing_field", "when": {"field": "a", "is": true}, "value": "x"}}])";
    const auto p = problems(mini_criteria(fields, R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": {"field": "implied", "is": "x"}}])", derived));
    ASSERT_GE(p.size(), 1u);
    EXPECT_EQ(p[0], "/derived/0/args/field: unknown field \"missing_field\"");
}

TEST(TrialLoader, NoPartialTrialEverAndNoCrashOnAnyTruncation)
{
    const std::string_view full = bundled_criteria();
    // Any proper prefix of an object is not JSON: one error, for the whole
    // document, saying where the text stops making sense.
    for (size_t cut = 0; cut < full.size(); cut += 131) {
        TrialLoadResult result = load_trial(full.substr(0, cut));
        EXPECT_FALSE(result.ok()) << "loaded a file cut at " << cut;
        ASSERT_EQ(result.errors.size(), 1u) << "cut at " << cut;
        EXPECT_EQ(result.errors[0].path, "") << "cut at " << cut;
        EXPECT_EQ(result.errors[0].message.rfind("line ", 0), 0u) << "cut at " << cut << ": " << result.errors[0].message;
    }
}

TEST(TrialLoader, EveryValueOfTheWrongTypeIsRefusedWhereItIs)
{
    // Replace each value of the bundled file, one at a time, by a value of
    // the wrong type (a string by 42, anything else by "x"): the loader
    // must refuse the file and name that very place, by its JSON pointer,
    // among its errors. The one value that may take a string as well is a
    // criterion's source: one sentence, or a list of them.
    json doc = json::parse(bundled_criteria());
    std::vector<json::json_pointer> pointers;
    std::function<void(const json&, const json::json_pointer&)> walk = [&](const json& v, const json::json_pointer& at) {
        pointers.push_back(at);
        if (v.is_object())
            for (auto it = v.begin(); it != v.end(); ++it) walk(it.value(), at / it.key());
        if (v.is_array())
            for (size_t i = 0; i < v.size(); ++i) walk(v[i], at / i);
    };
    walk(doc, json::json_pointer());
    size_t checked = 0;
    for (size_t i = 1; i < pointers.size(); ++i) {
        json mutated = doc;
        json& target = mutated[pointers[i]];
        const bool a_list_of_sentences = target.is_array() && pointers[i].back() == "source";
        target = target.is_string() ? json(42) : json("x");
        const TrialLoadResult result = load_trial(mutated.dump());
        const std::string where = pointers[i].to_string();
        if (a_list_of_sentences) {
            EXPECT_TRUE(result.ok()) << where << ": one sentence is a source too";
            continue;
        }
        ASSERT_FALSE(result.ok()) << where << " took the wrong type";
        bool named = false;
        for (const LoadError& e : result.errors) named |= e.path == where && !e.message.empty();
        EXPECT_TRUE(named) << where << " is not named; the first error is " << describe(result.errors.front());
        ++checked;
    }
    EXPECT_GT(checked, 1400u);  // every value of the file but the sources' lists (1,438 values in all)
}

} // namespace
