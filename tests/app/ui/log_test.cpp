// The screening log in the page, natively: the rows and counts of a small
// log whose answers are worked out here from the protocol, sorting,
// filters, removal with undo, and the app's flow (add the patient, open a
// row in the calculator, edit it, see the row change, save and export).
#include "ui_driver.h"

#include <fstream>
#include <sstream>

namespace {

using ui_test::json;
using ui_test::Ui;

json base()
{
    std::ifstream in(std::string(ELIG_SOURCE_DIR) + "/tests/cases/bases/t_all_eligible.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

// Four lines: an eligible T-ALL patient; the same with LVEF 40% (inclusion:
// LVEF ≥ 45%, so inc_lvef alone excludes); the same without the consent
// (inc_consent unknown: incomplete); a line that is not JSON.
std::string small_log()
{
    json eligible = base(), low_lvef = base(), no_consent = base();
    eligible["id"] = "S-001";
    low_lvef["id"] = "S-002";
    low_lvef["lvef"] = 40;
    no_consent["id"] = "S-003";
    no_consent.erase("consent");
    return eligible.dump() + "\n" + low_lvef.dump() + "\n" + no_consent.dump() + "\nnot a record\n";
}

int criterion(const Ui& ui, const std::string& id)
{
    const auto& criteria = ui.app->trial().criteria;
    for (size_t c = 0; c < criteria.size(); ++c)
        if (criteria[c].id == id) return static_cast<int>(c);
    ADD_FAILURE() << "no criterion " << id;
    return 0;
}

TEST(LogBook, CountsASmallLogAsWorkedOutFromTheProtocol)
{
    Ui ui;
    app::LogBook& log = ui.app->log();
    EXPECT_EQ(log.read("log.ndjson", small_log()), 3u);
    ASSERT_EQ(log.errors().size(), 1u);
    EXPECT_EQ(log.errors()[0].line, 4);
    EXPECT_EQ(log.error_files()[0], "log.ndjson");
    const elig::LogSummary& s = log.summary();
    EXPECT_EQ(s.assessed, 3);
    EXPECT_EQ(s.invalid(), 1);
    EXPECT_EQ(s.eligible, 1);
    EXPECT_EQ(s.ineligible, 1);
    EXPECT_EQ(s.incomplete, 1);
    const size_t lvef = static_cast<size_t>(criterion(ui, "inc_lvef")), consent = static_cast<size_t>(criterion(ui, "inc_consent"));
    EXPECT_EQ(s.criteria[lvef].fail, 1);
    EXPECT_EQ(s.criteria[lvef].first_fail, 1);
    // Each of the two is one criterion short of eligible: waiving it would make them eligible.
    EXPECT_EQ(s.criteria[lvef].waived_eligible, 1);
    EXPECT_EQ(s.criteria[consent].unknown, 1);
    EXPECT_EQ(s.criteria[consent].waived_eligible, 1);
    EXPECT_EQ(log.row(1).label, "S-002");
    EXPECT_EQ(log.row(1).date, "2027-01-10");
    EXPECT_EQ(log.row(2).missing.size(), 1u);  // consent
    EXPECT_EQ(log.row(0).source, "log.ndjson:1");
}

TEST(LogBook, SortsFiltersSearchesAndUndoesARemoval)
{
    Ui ui;
    app::LogBook& log = ui.app->log();
    log.read("log.ndjson", small_log());
    log.set_sort(app::LogBook::Column::verdict, true);
    // Out first, then in, then waiting.
    EXPECT_EQ(log.visible(), (std::vector<size_t>{1, 0, 2}));
    log.set_sort(app::LogBook::Column::label, false);
    EXPECT_EQ(log.visible(), (std::vector<size_t>{2, 1, 0}));
    log.set_verdict_filter(static_cast<int>(elig::Status::fail));
    EXPECT_EQ(log.visible(), (std::vector<size_t>{1}));
    log.set_verdict_filter(-1);
    log.set_criterion_filter(criterion(ui, "inc_lvef"));
    EXPECT_EQ(log.visible(), (std::vector<size_t>{1}));
    log.set_criterion_filter(-1);
    log.set_search("003");
    EXPECT_EQ(log.visible(), (std::vector<size_t>{2}));
    log.set_search("");
    log.remove(0);
    EXPECT_EQ(log.size(), 2u);
    EXPECT_EQ(log.summary().eligible, 0);
    ASSERT_TRUE(log.undo_remove());
    EXPECT_EQ(log.row(0).label, "S-001");
    EXPECT_EQ(log.summary().eligible, 1);
}

// A site's screening IDs are numbered: S-2 comes before S-10 as a
// coordinator counts, and a search need not match the letters' case.
TEST(LogBook, LabelsSortAsNumberedAndSearchIgnoresCase)
{
    EXPECT_TRUE(app::label_less("S-2", "S-10"));
    EXPECT_FALSE(app::label_less("S-10", "S-2"));
    EXPECT_TRUE(app::label_less("S-9", "S-009a"));   // 9 = 009, then the shorter goes first
    EXPECT_TRUE(app::label_less("S-02", "S-2"));     // equal by value: by their bytes, so the order is total
    EXPECT_FALSE(app::label_less("S-2", "S-02"));
    EXPECT_FALSE(app::label_less("S-2", "S-2"));
    EXPECT_TRUE(app::label_less("A-100", "B-2"));    // letters before numbers decide first
    EXPECT_TRUE(app::label_less("", "S-1"));
    EXPECT_TRUE(app::label_less("2026-1-9", "2026-1-10"));
    EXPECT_TRUE(app::label_contains("S-017", "s-01"));
    EXPECT_TRUE(app::label_contains("筛选-017", "选-0"));
    EXPECT_FALSE(app::label_contains("S-017", "s-02"));

    Ui ui;
    app::LogBook& log = ui.app->log();
    std::string text;
    for (const char* label : {"S-10", "S-9", "s-100", "S-1"}) text += std::string(R"({"id": ")") + label + R"(", "screening_date": "2026-03-01"})" + "\n";
    ASSERT_EQ(log.read("log.ndjson", text), 4u);
    log.set_sort(app::LogBook::Column::label, true);
    // By letters first ("S" before "s"), then by number: S-1, S-9, S-10, s-100.
    EXPECT_EQ(log.visible(), (std::vector<size_t>{3, 1, 0, 2}));
    log.set_search("s-1");
    EXPECT_EQ(log.visible(), (std::vector<size_t>{3, 0, 2}));
}

TEST(LogBook, SavesEachRecordOnALineAndExportsCsvForExcel)
{
    Ui ui;
    app::LogBook& log = ui.app->log();
    log.read("log.ndjson", small_log());
    const std::string ndjson = log.ndjson();
    EXPECT_EQ(std::count(ndjson.begin(), ndjson.end(), '\n'), 3);
    app::LogBook again(ui.app->trial());
    EXPECT_EQ(again.read("saved.ndjson", ndjson), 3u);
    EXPECT_TRUE(again.errors().empty());
    const std::string csv = log.csv(ui.app->shown_trial());
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);  // a byte order mark: Excel reads UTF-8
    EXPECT_NE(csv.find("S-002"), std::string::npos);
}

TEST(LogBook, TheSequentialAttritionFollowsTheReadersOrder)
{
    Ui ui;
    app::LogBook& log = ui.app->log();
    // A fails CD7 (≥ 70% required) and LVEF (≥ 45%); B fails LVEF only.
    json a = base(), b = base();
    a["cd7_percent"] = 50;
    a["lvef"] = 40;
    b["lvef"] = 40;
    log.read("log.ndjson", a.dump() + "\n" + b.dump() + "\n");
    const int cd7 = criterion(ui, "inc_cd7"), lvef = criterion(ui, "inc_lvef");
    ASSERT_LT(cd7, lvef);  // the protocol lists CD7 first
    EXPECT_EQ(log.first_fail_in_order()[static_cast<size_t>(cd7)], 1);
    EXPECT_EQ(log.first_fail_in_order()[static_cast<size_t>(lvef)], 1);
    // LVEF moved ahead of CD7 (one step: the criteria between exclude no one): both are counted at LVEF.
    log.move_in_attrition_order(lvef, -1);
    EXPECT_EQ(log.first_fail_in_order()[static_cast<size_t>(lvef)], 2);
    EXPECT_EQ(log.first_fail_in_order()[static_cast<size_t>(cd7)], 0);
    // The protocol-order counts of the summary do not move.
    EXPECT_EQ(log.summary().criteria[static_cast<size_t>(cd7)].first_fail, 1);
    log.move_in_attrition_order(lvef, +1);  // and back
    EXPECT_EQ(log.attrition_order()[static_cast<size_t>(cd7)], cd7);
    EXPECT_EQ(log.first_fail_in_order()[static_cast<size_t>(cd7)], 1);
}

TEST(LogUi, AddOpenEditAndTheRowFollows)
{
    Ui ui;
    json patient = base();
    patient["id"] = "S-010";
    ui.app->load_file("patient.json", patient.dump());
    ui.frames(2);
    ui.click("button:log_add");
    ASSERT_EQ(ui.app->log().size(), 1u);
    EXPECT_EQ(ui.app->log().row(0).overall, elig::Status::pass);
    ui.click("button:log");
    ASSERT_TRUE(ui.app->log_open());
    const json& state = ui.platform.form["log"];
    EXPECT_TRUE(state["open"].get<bool>());
    ASSERT_EQ(state["rows"].size(), 1u);
    EXPECT_EQ(state["rows"][0]["label"], "S-010");
    EXPECT_EQ(state["summary"]["eligible"], 1);
    EXPECT_TRUE(ui.has("log:row:0") && ui.has("log:chart"));
    ui.click("log:row:0");
    EXPECT_FALSE(ui.app->log_open());
    EXPECT_EQ(ui.record()["id"], "S-010");
    ui.type("lvef", "40");
    EXPECT_EQ(ui.app->log().row(0).overall, elig::Status::fail);
    EXPECT_TRUE(ui.app->log().row(0).changed);
    EXPECT_TRUE(ui.platform.form["log"]["unsaved"].get<bool>());
    ui.app->action("log:open");
    ui.frames(2);
    ui.app->action("log:save");
    ASSERT_FALSE(ui.platform.downloads.empty());
    EXPECT_EQ(ui.platform.downloads.back().first, "screening-log-" + ui.app->trial().version + ".ndjson");
    EXPECT_NE(ui.platform.downloads.back().second.find("\"lvef\":40"), std::string::npos);
    ui.frames(2);
    EXPECT_FALSE(ui.platform.form["log"]["unsaved"].get<bool>());
}

TEST(LogUi, FilesDroppedOnTheLogAreRowsAndABadOneIsListed)
{
    Ui ui;
    ui.app->action("log:open");
    ui.frames(2);
    ui.app->load_file("log.ndjson", small_log());
    json one = base();
    one["id"] = "S-020";
    ui.app->load_file("one.json", one.dump());
    ui.frames(2);
    EXPECT_EQ(ui.app->log().size(), 4u);
    const json& state = ui.platform.form["log"];
    ASSERT_EQ(state["errors"].size(), 1u);
    EXPECT_NE(state["errors"][0].get<std::string>().find("log.ndjson, line 4"), std::string::npos) << state["errors"][0];
    EXPECT_EQ(state["summary"]["assessed"], 4);
}

TEST(LogUi, ABigLogIsReadOverFramesWithItsProgressAndItsLineNumbers)
{
    Ui ui;
    ui.app->action("log:open");
    ui.frames(2);
    json record = base();
    std::string text;
    for (int i = 1; i <= 1000; ++i) {
        record["id"] = "B-" + std::to_string(i);
        text += i == 700 ? std::string("{\"lvef\": \"high\"}") : record.dump();
        text += "\n";
    }
    ui.app->set_log_read_at_once(1u << 20);  // this 1.4 MB file is read over frames
    ASSERT_GT(text.size(), 1u << 20);
    ui.app->set_import_budget_ms(0.001);  // a slice a frame
    ui.app->load_file("big.ndjson", text);
    EXPECT_TRUE(ui.app->busy());
    ui.frame();
    EXPECT_TRUE(ui.platform.form.contains("dialog") && ui.platform.form["dialog"].contains("progress"));
    for (int f = 0; f < 200 && ui.app->busy(); ++f) ui.frame();
    ASSERT_FALSE(ui.app->busy());
    EXPECT_EQ(ui.app->log().size(), 999u);
    ASSERT_EQ(ui.app->log().errors().size(), 1u);
    EXPECT_EQ(ui.app->log().errors()[0].line, 700);
    EXPECT_EQ(ui.app->log().row(998).label, "B-1000");
    EXPECT_EQ(ui.app->log().row(998).source, "big.ndjson:1000");
}

TEST(LogUi, ALogSavedUnderOtherCriteriaSaysSo)
{
    Ui ui;
    ui.app->action("log:open");
    ui.frames(2);
    ui.app->load_file("screening-log-NCT07345780-2025-01-01.r0.ndjson", base().dump() + "\n");
    ui.frames(2);
    ASSERT_FALSE(ui.platform.form["log"]["errors"].empty());
    const std::string notice = ui.platform.form["log"]["errors"][0];
    EXPECT_NE(notice.find("NCT07345780-2025-01-01.r0"), std::string::npos) << notice;
    EXPECT_NE(notice.find(ui.app->trial().version), std::string::npos) << notice;
    EXPECT_EQ(ui.app->log().size(), 1u);
}

} // namespace

namespace {

// A FHIR file is told by its root's own "resourceType", without parsing the rest.
TEST(FileKind, FhirIsARootObjectWithResourceType)
{
    EXPECT_TRUE(app::looks_like_fhir(R"({"resourceType": "Bundle", "entry": [)"));  // the rest unread
    EXPECT_TRUE(app::looks_like_fhir("\xEF\xBB\xBF\n {\"id\": \"p\", \"resourceType\": \"Patient\"}"));
    EXPECT_FALSE(app::looks_like_fhir(R"({"id": "S-1", "note": {"resourceType": "x"}})"));  // nested: a record
    EXPECT_FALSE(app::looks_like_fhir(R"({"id": "say \"resourceType\""})"));
    EXPECT_FALSE(app::looks_like_fhir(R"([{"resourceType": "Patient"}])"));
    EXPECT_FALSE(app::looks_like_fhir("{\"id\": 1}\n{\"resourceType\": \"Patient\"}\n"));  // NDJSON of records
    EXPECT_FALSE(app::looks_like_fhir("label,screening_date\n"));
}

} // namespace
