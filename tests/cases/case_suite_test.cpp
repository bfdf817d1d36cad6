// Runs every case of tests/cases through the core and checks the verdict
// JSON (what users see) against the case's expectations.
#include "bundled/bundled_criteria.h"
#include "cases/cases.h"
#include "core/criteria/trial_loader.h"
#include "core/eval/evaluate.h"
#include "core/records/record_reader.h"
#include "core/report/verdict_json.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace {

using nlohmann::json;
using elig_test::Case;

// The bundled criteria, or ELIG_CRITERIA_FILE (the mutation tests run the
// suite against altered criteria and expect it to fail).
const elig::Trial& trial()
{
    static const elig::Trial loaded = [] {
        std::string text(elig::bundled_criteria());
        if (const char* path = std::getenv("ELIG_CRITERIA_FILE")) {
            std::ifstream in(path, std::ios::binary);
            std::ostringstream buffer;
            buffer << in.rdbuf();
            text = buffer.str();
        }
        auto result = elig::load_trial(text);
        if (!result.ok()) {
            std::fprintf(stderr, "criteria do not load: %s\n", elig::describe(result.errors[0]).c_str());
            std::exit(3);
        }
        return *result.trial;
    }();
    return loaded;
}

std::vector<Case> all_cases()
{
    std::vector<std::string> problems;
    auto cases = elig_test::load_cases(ELIG_CASES_DIR, problems);
    for (const auto& p : problems) ADD_FAILURE() << "case file problem: " << p;
    return cases;
}

std::set<std::string> string_set(const json& value)
{
    std::set<std::string> out;
    if (value.is_array())
        for (const auto& v : value) out.insert(v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

std::string show(const std::set<std::string>& set)
{
    std::string out = "{";
    for (const auto& s : set) out += (out.size() > 1 ? ", " : "") + s;
    return out + "}";
}

class CaseSuite : public ::testing::TestWithParam<Case> {};

TEST_P(CaseSuite, VerdictMatchesTheProtocol)
{
    const Case& c = GetParam();
    const json& expect = c.expect;
    SCOPED_TRACE(c.name + ": " + c.about);
    ASSERT_TRUE(expect.contains("overall") && expect["overall"].is_string());
    const std::string overall = expect["overall"].get<std::string>();

    elig::RecordReader reader(trial());
    elig::Record record;
    std::vector<elig::InputError> errors;
    const bool valid = reader.read(c.record_text, record, errors);

    if (overall == "error") {
        ASSERT_FALSE(valid) << "expected an input error, the record was accepted";
        std::set<std::string> named;
        for (const auto& e : errors) {
            EXPECT_FALSE(e.message.empty());
            if (!e.field.empty()) named.insert(e.field);
        }
        EXPECT_EQ(show(named), show(string_set(expect.value("errors", json::array()))));
        return;
    }
    std::string messages;
    for (const auto& e : errors) messages += e.message + "\n";
    ASSERT_TRUE(valid) << "the record was refused:\n" << messages;

    elig::Evaluation ev;
    elig::evaluate(trial(), record, ev);
    std::string text;
    elig::VerdictWriter(trial()).write(record, ev, text);
    const json verdict = json::parse(text, nullptr, false);
    ASSERT_FALSE(verdict.is_discarded()) << "the verdict is not valid JSON: " << text;

    EXPECT_EQ(verdict["overall"].get<std::string>(), overall);
    std::set<std::string> failing, unknown, review;
    std::map<std::string, json> by_id;
    for (const auto& criterion : verdict["criteria"]) {
        const std::string id = criterion["id"].get<std::string>();
        const std::string status = criterion["status"].get<std::string>();
        by_id[id] = criterion;
        if (status == "fail") failing.insert(id);
        if (status == "unknown") unknown.insert(id);
        if (status == "review") review.insert(id);
        EXPECT_FALSE(criterion["reason"].get<std::string>().empty()) << id;
        EXPECT_FALSE(criterion["source"].get<std::string>().empty()) << id;
        if (status == "unknown") EXPECT_FALSE(criterion["missing"].empty()) << id << " is unknown but names nothing missing";
        else EXPECT_TRUE(criterion["missing"].empty()) << id;
    }
    std::set<std::string> expected_failing;
    if (expect.contains("fail"))
        for (auto it = expect["fail"].begin(); it != expect["fail"].end(); ++it) {
            expected_failing.insert(it.key());
            if (!by_id.count(it.key())) continue;
            const auto read = string_set(by_id[it.key()]["fields"]);
            for (const auto& field : it.value())
                EXPECT_TRUE(read.count(field.get<std::string>())) << it.key() << " should name field " << field << "; it names " << show(read);
        }
    EXPECT_EQ(show(failing), show(expected_failing)) << "failing criteria";
    EXPECT_EQ(show(unknown), show(string_set(expect.value("unknown", json::array())))) << "unknown criteria";
    EXPECT_EQ(show(review), show(string_set(expect.value("review", json::array())))) << "review criteria";
    EXPECT_EQ(show(string_set(verdict["missing"])), show(string_set(expect.value("missing", json::array())))) << "missing fields";
    if (expect.contains("reason"))
        for (auto it = expect["reason"].begin(); it != expect["reason"].end(); ++it) {
            ASSERT_TRUE(by_id.count(it.key())) << it.key();
            const std::string reason = by_id[it.key()]["reason"].get<std::string>();
            for (const auto& part : it.value())
                EXPECT_NE(reason.find(part.get<std::string>()), std::string::npos) << it.key() << " reason \"" << reason << "\" lacks " << part;
        }
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseSuite, ::testing::ValuesIn(all_cases()), [](const ::testing::TestParamInfo<Case>& param) {
    std::string name = param.param.name;
    for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return name;
});

// The suite itself must be big enough to mean something.
TEST(CaseSuiteSize, HasAtLeast100Cases) { EXPECT_GE(all_cases().size(), 100u); }

} // namespace
