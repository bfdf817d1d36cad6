// The screening log: its summary of the 308 cases worked out from their
// expected verdicts (not from the program's output), first-fail and waived
// counts on a small log whose answer is written here, the three input
// formats, bad lines with their numbers, merging parts, and CSV cells that
// a spreadsheet shows as text and that read back as typed.
#include "core/log/screening_log.h"

#include "bundled/bundled_loaded.h"
#include "cases/cases.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace {

using namespace elig;
using json = nlohmann::ordered_json;

const Trial& trial() { return loaded_bundled_trial(); }

LogSummary summarise(std::string_view text)
{
    ScreeningLogReader reader(trial());
    LogSummary summary(trial());
    Evaluation ev;
    summary.lines = reader.read(text, [&](long, const Record& r) {
        evaluate(trial(), r, ev);
        summary.add(ev);
    }, summary.errors);
    return summary;
}

std::string as_json(const LogSummary& summary)
{
    std::string out;
    JsonWriter writer(out);
    write_log_summary_json(trial(), summary, writer);
    return out;
}

size_t index_of(const std::string& id)
{
    for (size_t c = 0; c < trial().criteria.size(); ++c)
        if (trial().criteria[c].id == id) return c;
    ADD_FAILURE() << "no criterion " << id;
    return 0;
}

std::string base_line()
{
    std::ifstream in(std::string(ELIG_CASES_DIR) + "/bases/t_all_eligible.json");
    std::ostringstream text;
    text << in.rdbuf();
    return json::parse(text.str()).dump();
}

std::string with(const char* change)
{
    json record = json::parse(base_line());
    record.merge_patch(json::parse(change));
    return record.dump();
}

// A case's record as one NDJSON line (as tests/cases/case_records does: line
// breaks become spaces, which JSON treats alike; some records are not JSON).
std::string one_line(std::string text)
{
    for (char& ch : text)
        if (ch == '\n' || ch == '\r') ch = ' ';
    return text;
}

TEST(ScreeningLog, TheCasesAddUpAsTheirExpectationsSay)
{
    std::vector<std::string> problems;
    const auto cases = elig_test::load_cases(ELIG_CASES_DIR, problems);
    ASSERT_TRUE(problems.empty());
    std::string ndjson;
    long invalid = 0;
    std::map<std::string, long> overall;
    std::vector<CriterionCounts> expected(trial().criteria.size());
    for (const elig_test::Case& c : cases) {
        ndjson += one_line(c.record_text) + "\n";
        const std::string verdict = c.expect["overall"].get<std::string>();
        if (verdict == "error") {
            ++invalid;
            continue;
        }
        ++overall[verdict];
        std::set<size_t> failing, not_passing;
        const auto list = [&](const char* key) { return c.expect.contains(key) ? c.expect[key] : nlohmann::json::array(); };
        const nlohmann::json fails = c.expect.contains("fail") ? c.expect["fail"] : nlohmann::json::object();
        for (auto it = fails.begin(); it != fails.end(); ++it) failing.insert(index_of(it.key()));
        for (size_t f : failing) ++expected[f].fail, not_passing.insert(f);
        if (!failing.empty()) ++expected[*failing.begin()].first_fail;  // the first in protocol order
        for (const auto& id : list("unknown")) ++expected[index_of(id)].unknown, not_passing.insert(index_of(id));
        for (const auto& id : list("review")) not_passing.insert(index_of(id));
        if (not_passing.size() == 1) ++expected[*not_passing.begin()].waived_eligible;
    }
    const LogSummary summary = summarise(ndjson);
    EXPECT_EQ(summary.assessed + summary.invalid(), static_cast<long>(cases.size()));
    EXPECT_EQ(summary.invalid(), invalid);
    EXPECT_EQ(summary.eligible, overall["eligible"]);
    EXPECT_EQ(summary.ineligible, overall["ineligible"]);
    EXPECT_EQ(summary.incomplete, overall["incomplete"]);
    EXPECT_EQ(summary.review, overall["review"]);
    for (size_t c = 0; c < expected.size(); ++c) {
        const std::string& id = trial().criteria[c].id;
        EXPECT_EQ(summary.criteria[c].fail, expected[c].fail) << id;
        EXPECT_EQ(summary.criteria[c].unknown, expected[c].unknown) << id;
        EXPECT_EQ(summary.criteria[c].first_fail, expected[c].first_fail) << id;
        EXPECT_EQ(summary.criteria[c].waived_eligible, expected[c].waived_eligible) << id;
    }
}

// Five lines: eligible; LVEF 40 (inc_lvef alone fails); LVEF 40 and age 90
// (inc_age fails first, in protocol order; waiving one still leaves the
// other); no consent (inc_consent alone unknown); a bad line; and a blank one.
std::vector<std::string> small_log()
{
    json no_consent = json::parse(base_line());
    no_consent.erase("consent");
    return {base_line(), with(R"({"lvef": 40})"), with(R"({"lvef": 40, "age_years": 90})"), no_consent.dump(), R"({"lvef": "x"})"};
}

void expect_small_log(const LogSummary& s, long bad_line)
{
    EXPECT_EQ(s.assessed, 4);
    EXPECT_EQ(s.eligible, 1);
    EXPECT_EQ(s.ineligible, 2);
    EXPECT_EQ(s.incomplete, 1);
    const CriterionCounts& lvef = s.criteria[index_of("inc_lvef")];
    EXPECT_EQ(lvef.fail, 2);
    EXPECT_EQ(lvef.first_fail, 1);
    EXPECT_EQ(lvef.waived_eligible, 1);
    const CriterionCounts& age = s.criteria[index_of("inc_age")];
    EXPECT_EQ(age.fail, 1);
    EXPECT_EQ(age.first_fail, 1);
    EXPECT_EQ(age.waived_eligible, 0);
    const CriterionCounts& consent = s.criteria[index_of("inc_consent")];
    EXPECT_EQ(consent.unknown, 1);
    EXPECT_EQ(consent.waived_eligible, 1);
    ASSERT_EQ(s.errors.size(), 1u);
    EXPECT_EQ(s.errors[0].line, bad_line);
    EXPECT_NE(s.errors[0].message.find("lvef"), std::string::npos) << s.errors[0].message;
}

TEST(ScreeningLog, FirstFailAndWaivedCountsOfASmallLog)
{
    std::string ndjson;
    for (const std::string& line : small_log()) ndjson += line + "\n";
    ndjson += "\n";
    const LogSummary s = summarise(ndjson);
    expect_small_log(s, 5);
    EXPECT_EQ(s.lines, 6);
}

TEST(ScreeningLog, AJsonArrayGivesTheSameCounts)
{
    std::string array = "[\n";
    const auto lines = small_log();
    for (size_t i = 0; i < lines.size(); ++i) array += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    array += "]\n";
    expect_small_log(summarise(array), 6);  // the bad element starts on line 6
    EXPECT_EQ(summarise("[{\"lvef\": 50},").errors.back().message, "the array of records has no closing ]");
    // A stray closing bracket is an element in error, and reading goes on past it.
    const LogSummary stray = summarise("[{\"lvef\": 50}}, {\"lvef\": 40}]");
    EXPECT_EQ(stray.assessed, 2);
    EXPECT_EQ(stray.errors.size(), 1u);
    EXPECT_EQ(summarise("[}]").errors.size(), 1u);
}

TEST(ScreeningLog, ACsvNamesFieldsByIdInItsHeader)
{
    // Quoted cells may hold commas and line breaks; an empty cell is absent.
    const std::string csv = "\xEF\xBB\xBF" "id,screening_date,lvef,diagnosis,uncontrolled_infection\r\n"
                            "\"病例 1, 武汉\",2027-01-10,40,t_all,\r\n"
                            "\"two\nlines\",2027-01-10,,aml,true\r\n"
                            "bad,2027-01-10,forty,t_all,false\r\n"
                            "short,2027-01-10\r\n";
    std::vector<std::string> labels;
    ScreeningLogReader reader(trial());
    std::vector<LogError> errors;
    std::vector<long> lines;
    reader.read(csv, [&](long line, const Record& r) {
        labels.push_back(r.value(trial().find_slot("id")).text);
        lines.push_back(line);
    }, errors);
    EXPECT_EQ(labels, (std::vector<std::string>{"病例 1, 武汉", "two\nlines"}));
    EXPECT_EQ(lines, (std::vector<long>{2, 3}));
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].line, 5);  // the quoted line break makes "bad" the fifth line
    EXPECT_NE(errors[0].message.find("lvef"), std::string::npos) << errors[0].message;
    EXPECT_EQ(errors[1].line, 6);
    EXPECT_EQ(errors[1].message, "expected 5 cells as in the header, found 2");
}

TEST(ScreeningLog, PartsMergedInOrderAreTheWhole)
{
    std::vector<std::string> problems;
    std::string ndjson;
    for (const elig_test::Case& c : elig_test::load_cases(ELIG_CASES_DIR, problems)) ndjson += one_line(c.record_text) + "\n";
    const size_t cut = [&] {
        size_t at = 0;
        for (int i = 0; i < 200; ++i) at = ndjson.find('\n', at) + 1;
        return at;
    }();
    LogSummary merged = summarise(std::string_view(ndjson).substr(0, cut));
    LogSummary second(trial());
    std::string problem;
    ASSERT_TRUE(read_log_summary_json(trial(), as_json(summarise(std::string_view(ndjson).substr(cut))), second, problem)) << problem;
    merged.merge(second);
    EXPECT_EQ(as_json(merged), as_json(summarise(ndjson)));
    LogSummary wrong(trial());
    EXPECT_FALSE(read_log_summary_json(trial(), R"({"criteria_version": "other"})", wrong, problem));
    EXPECT_EQ(problem, "/criteria_version: not a summary of criteria " + trial().version);
}

TEST(ScreeningLog, CsvCellsThatLookLikeFormulasAreWrittenAsText)
{
    auto cell = [](std::string_view typed) {
        std::string out;
        append_csv_cell(out, typed);
        return out;
    };
    EXPECT_EQ(cell("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    EXPECT_EQ(cell("+1"), "'+1");
    EXPECT_EQ(cell("-2"), "'-2");
    EXPECT_EQ(cell("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(cell("\tx"), "'\tx");
    EXPECT_EQ(cell("病例 7"), "病例 7");
    EXPECT_EQ(cell("'=x"), "''=x");  // so that it, too, reads back as typed
    EXPECT_EQ(cell("'plain"), "'plain");
    for (std::string_view typed : {"=1+1", "+1", "-2", "@a", "\tx", "\rx", "'=x", "''+y", "'plain", "病例", ""})
        EXPECT_EQ(csv_cell_as_typed(cell(typed)[0] == '"' ? std::string_view(cell(typed)).substr(1, cell(typed).size() - 2) : cell(typed)), typed);
}

TEST(ScreeningLog, TheSpreadsheetRowSaysWhoExcludesThePatient)
{
    Record record;
    std::vector<InputError> errors;
    ASSERT_TRUE(RecordReader(trial()).read(with(R"({"id": "=cmd", "lvef": 40})"), record, errors));
    Evaluation ev;
    evaluate(trial(), record, ev);
    std::string out;
    write_log_csv_header(trial(), out);
    append_log_csv_row(trial(), record, ev, out);
    EXPECT_EQ(out, "\xEF\xBB\xBFlabel,screening_date,verdict,excluded_by,excluded_by_titles,missing\r\n"
                   "'=cmd,2027-01-10,ineligible,inc_lvef," + trial().criteria[index_of("inc_lvef")].title + ",\r\n");
}

} // namespace
