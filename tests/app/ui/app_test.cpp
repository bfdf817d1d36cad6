// The calculator's UI, natively: the app on a headless Dear ImGui context
// (as imgui's examples/example_null does: a display size, NewFrame and
// Render, no GPU), driven the way the page drives it: clicks at the
// rectangles the app publishes for its items, text through set_text() as
// the DOM input layer hands it over. The browser tests keep what only a
// page can show.
#include "app/ui/app.h"
#include "app/ui/theme.h"
#include "ui_driver.h"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

namespace {

using nlohmann::json;

using ui_test::RecordingPlatform;
using ui_test::Ui;

TEST(AppUi, StartsWithTodayAndAnIncompleteVerdict)
{
    Ui ui;
    ASSERT_TRUE(ui.app->ok()) << ui.app->problems();
    EXPECT_EQ(ui.record(), json({{"screening_date", "2027-01-10"}}));
    EXPECT_EQ(ui.app->overall(), elig::Status::unknown);
    EXPECT_EQ(json::parse(ui.platform.verdict)["overall"], "incomplete");
    for (const char* key : {"button:save", "button:load", "button:reset", "button:copy", "button:print", "button:language", "panel:form", "panel:verdict"})
        EXPECT_TRUE(ui.has(key)) << key;
}

TEST(AppUi, FieldsThatDoNotApplyAreHidden)
{
    Ui ui;
    // Diagnosis unknown: both the T-lineage and the AML questions are asked.
    EXPECT_TRUE(ui.has("field:t_relapse_after_cr:Yes"));
    EXPECT_TRUE(ui.has("field:aml_relapse_blood:Yes") || ui.field_state("aml_relapse_blood")["relevant"] == true);
    ui.click("field:diagnosis");
    ui.click("option:diagnosis:t_all");
    EXPECT_EQ(ui.record()["diagnosis"], "t_all");
    EXPECT_FALSE(ui.has("field:aml_relapse_blood:Yes")) << "an AML question is shown for T-ALL";
    EXPECT_EQ(ui.field_state("aml_relapse_blood")["relevant"], false);
    EXPECT_EQ(ui.field_state("t_relapse_after_cr")["relevant"], true);
    // A man is not asked about pregnancy (the contract: it passes for male).
    ui.click("field:sex");
    ui.click("option:sex:male");
    EXPECT_EQ(ui.field_state("pregnant_or_lactating")["relevant"], false);
}

TEST(AppUi, AUnitIsChosenAndTheValueConverted)
{
    Ui ui;
    ui.type("hemoglobin", "7.2");
    ui.click("field:hemoglobin:unit");
    ui.click("unit:hemoglobin:g/dL");
    EXPECT_EQ(ui.record()["hemoglobin"], json({{"value", 7.2}, {"unit", "g/dL"}}));
    // 7.2 g/dL is 72 g/L: above the protocol's 60 g/L.
    const json verdict = json::parse(ui.platform.verdict);
    for (const json& c : verdict["criteria"])
        if (c["id"] == "inc_hemoglobin") {
            EXPECT_EQ(c["status"], "pass");
            EXPECT_EQ(c["reason"], "Hemoglobin 72 g/L (7.2 g/dL) meets the minimum of 60 g/L");
        }
}

TEST(AppUi, InvalidInputIsKeptAsTypedMarkedAndGivesNoVerdict)
{
    Ui ui;
    ui.type("lvef", "4o");
    EXPECT_EQ(ui.record()["lvef"], "4o");
    EXPECT_TRUE(ui.platform.verdict.empty()) << "a verdict for an invalid record";
    EXPECT_EQ(ui.field_state("lvef")["error"], "lvef: expected a number in %, got \"4o\"");
    EXPECT_EQ(ui.field_state("lvef")["text"], "4o");
    EXPECT_FALSE(ui.platform.form["can_save"].get<bool>());
    ui.type("lvef", "50");
    EXPECT_EQ(ui.record()["lvef"], 50);
    EXPECT_FALSE(ui.platform.verdict.empty());
}

TEST(AppUi, AMalformedFileKeepsTheFormAndSaysWhy)
{
    Ui ui;
    ui.type("lvef", "50");
    const json before = ui.record();
    ui.app->load_file("bad.json", R"({"lvef": "high", "hemoglobin": {"value": 7, "unit": "mmol/L"}})");
    ui.frames(3);
    EXPECT_EQ(ui.record(), before);
    ASSERT_TRUE(ui.platform.form.contains("dialog"));
    const std::string text = ui.platform.form["dialog"]["text"];
    EXPECT_NE(text.find("\"bad.json\" was not loaded; the form is unchanged."), std::string::npos) << text;
    EXPECT_NE(text.find("hemoglobin: unknown unit \"mmol/L\" (accepted: g/L, g/dL)"), std::string::npos) << text;
    ui.click("button:ok");
    EXPECT_FALSE(ui.app->dialog_open());
    EXPECT_FALSE(ui.platform.form.contains("dialog"));
}

TEST(AppUi, AGoodFileFillsTheForm)
{
    Ui ui;
    ui.app->load_file("saved.json", R"({"lvef": 40, "hemoglobin": {"value": 7.2, "unit": "g/dL"}, "last_hsct_date": "none"})");
    ui.frames(2);
    EXPECT_EQ(ui.record(), json::parse(R"({"lvef": 40, "hemoglobin": {"value": 7.2, "unit": "g/dL"}, "last_hsct_date": "none"})"));
    EXPECT_EQ(ui.app->overall(), elig::Status::fail);
}

TEST(AppUi, AClickOnAMissingFieldReachesItsInput)
{
    Ui ui;
    ASSERT_TRUE(ui.has("missing:lvef"));
    ui.click("missing:lvef");
    ASSERT_FALSE(ui.platform.focused.empty());
    EXPECT_EQ(ui.platform.focused.back(), "field:lvef");
    // The page focuses the control; the app shows where it is.
    ui.app->set_dom_focus("field:lvef", 0);
    ui.frames(3);
    const auto field = ui.rect("field:lvef");
    const auto panel = ui.rect("panel:form");
    EXPECT_GE(field[1], panel[1]);
    EXPECT_LE(field[1] + field[3], panel[1] + panel[3]);
}

TEST(AppUi, AClickOnAFailingCriterionReachesItsInput)
{
    Ui ui;
    ui.type("lvef", "40");
    ui.click("criterion:inc_lvef");
    ASSERT_FALSE(ui.platform.focused.empty());
    EXPECT_EQ(ui.platform.focused.back(), "field:lvef");
}

TEST(AppUi, ResetAsksFirstThenClearsToToday)
{
    Ui ui;
    ui.type("lvef", "50");
    ui.click("button:reset");
    ASSERT_TRUE(ui.has("button:confirm_clear"));
    ui.click("button:cancel");
    EXPECT_EQ(ui.record()["lvef"], 50);
    ui.click("button:reset");
    ui.click("button:confirm_clear");
    EXPECT_EQ(ui.record(), json({{"screening_date", "2027-01-10"}}));
}

TEST(AppUi, SaveWritesTheRecordUnderItsLabel)
{
    Ui ui;
    ui.type("id", "case 7");
    ui.type("lvef", "50");
    ui.click("button:save");
    ASSERT_EQ(ui.platform.downloads.size(), 1u);
    EXPECT_EQ(ui.platform.downloads[0].first, "screening-case_7.json");
    EXPECT_EQ(json::parse(ui.platform.downloads[0].second), ui.record());
}

TEST(AppUi, SwitchingLanguageChangesWordsNotValuesOrVerdicts)
{
    Ui ui;
    ui.app->load_file("saved.json", R"({"lvef": 40, "age_years": 80, "hemoglobin": {"value": 7.2, "unit": "g/dL"}})");
    ui.frames(2);
    const json record = ui.record();
    json before = json::parse(ui.platform.verdict);
    ASSERT_TRUE(ui.app->set_language("zh-CN"));
    ui.frames(2);
    EXPECT_EQ(ui.platform.language, "zh-CN");
    EXPECT_EQ(ui.record(), record);
    json after = json::parse(ui.platform.verdict);
    EXPECT_EQ(after["overall"], before["overall"]);
    ASSERT_EQ(after["criteria"].size(), before["criteria"].size());
    for (size_t c = 0; c < after["criteria"].size(); ++c) {
        EXPECT_EQ(after["criteria"][c]["status"], before["criteria"][c]["status"]);
        EXPECT_EQ(after["criteria"][c]["missing"], before["criteria"][c]["missing"]);
    }
    // The label from criteria/NCT07345780.zh-CN.json.
    EXPECT_EQ(ui.platform.dictionary["fields"][static_cast<size_t>(ui.app->trial().find_slot("hemoglobin"))]["label"], "血红蛋白");
    ASSERT_TRUE(ui.app->set_language("en"));
    ui.frames(2);
    EXPECT_EQ(json::parse(ui.platform.verdict), before);
}

TEST(AppUi, TouchScreensGetTapTargetsOf44CssPixels)
{
    Ui ui;
    ui.app->set_screen(2, true);  // a phone at ratio 2: CSS px are half the device px
    ui.frames(3);
    for (const char* key : {"field:consent:Yes", "field:consent:No", "button:save", "field:lvef", "field:sex"})
        if (ui.has(key)) {
            EXPECT_GE(ui.rect(key)[3], 44.0f) << key;  // the locator reports CSS px
        }
}

TEST(AppUi, APhoneScreenGetsTheCompactHeaderAndAMenu)
{
    Ui ui(390 * 3, 844 * 3);
    ui.app->set_screen(3, true);
    ui.frames(3);
    EXPECT_TRUE(ui.has("button:menu"));
    EXPECT_TRUE(ui.has("chip:verdict"));
    EXPECT_FALSE(ui.has("button:save")) << "the toolbar should be in the menu";
    EXPECT_TRUE(ui.has("tab:verdict") && ui.has("tab:patient"));
    // Nothing is cut off: every item starts within the screen.
    for (auto it = ui.platform.items.begin(); it != ui.platform.items.end(); ++it) EXPECT_LT(it.value()[0].get<float>(), 390.0f) << it.key();
    ui.click("button:menu");
    EXPECT_TRUE(ui.has("button:save"));
    EXPECT_TRUE(ui.has("button:print"));
}

// The phone's header chip: the verdict's full words where they fit, else a
// short word, else the icon alone; never a word cut off (i18n/en.json).
TEST(AppUi, ThePhoneChipShowsWholeWordsOrTheIconAlone)
{
    Ui ui;
    const float padding = ImGui::GetStyle().ItemInnerSpacing.x * 2;  // a chip's margins
    auto label_in = [&](float room) {
        ImGui::NewFrame();
        std::string label = ui.app->verdict_chip_label(room);
        ImGui::Render();
        return label;
    };
    auto needs = [&](const char* text) {
        ImGui::NewFrame();
        const float width = ImGui::CalcTextSize(text).x + padding;
        ImGui::Render();
        return width;
    };
    // An empty record is incomplete.
    EXPECT_EQ(label_in(10000), "? Incomplete: data missing");
    EXPECT_EQ(label_in(needs("? Incomplete: data missing")), "? Incomplete: data missing");
    EXPECT_EQ(label_in(needs("? Incomplete: data missing") - 1), "? Incomplete");
    EXPECT_EQ(label_in(needs("? Incomplete")), "? Incomplete");
    EXPECT_EQ(label_in(needs("? Incomplete") - 1), "Incomplete");
    EXPECT_EQ(label_in(needs("Incomplete")), "Incomplete");
    EXPECT_EQ(label_in(needs("Incomplete") - 1), "?");
    EXPECT_EQ(label_in(0), "?");
    // Invalid input: no verdict.
    ui.app->set_text(ui.app->trial().find_slot("lvef"), "sixty");
    ui.frames(2);
    EXPECT_EQ(label_in(10000), "\xE2\x9C\x97 No verdict: fix 1 input");
    EXPECT_EQ(label_in(needs("\xE2\x9C\x97 No verdict: fix 1 input") - 1), "\xE2\x9C\x97 No verdict");
    EXPECT_EQ(label_in(needs("\xE2\x9C\x97 No verdict") - 1), "No verdict");
    EXPECT_EQ(label_in(needs("No verdict") - 1), "\xE2\x9C\x97");
}

TEST(AppUi, TheDomLayerGetsEveryFieldWithItsWords)
{
    Ui ui;
    const json& dictionary = ui.platform.dictionary;
    EXPECT_EQ(dictionary["fields"].size(), ui.app->trial().fields.size());
    EXPECT_EQ(ui.platform.form["fields"].size(), ui.app->trial().fields.size());
    for (const json& f : dictionary["fields"]) EXPECT_FALSE(f["label"].get<std::string>().empty()) << f["id"];
    for (const char* word : {"yes", "no", "unknown", "none", "save", "load", "reset", "copy", "print", "language"})
        EXPECT_FALSE(dictionary["words"][word].get<std::string>().empty()) << word;
}

std::string fixture(const std::string& name)
{
    std::ifstream in(std::string(ELIG_SOURCE_DIR) + "/tests/fhir/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// tests/fhir/conflict.json (see its README): patient p1, born 1970-03-15,
// female; creatinine 1.1 mg/dL (ULN 1.2) from cr-a; two haemoglobins at the
// same instant disagree, so haemoglobin stays unknown.
TEST(AppUiImport, AFhirFileIsSummarizedFirstAndFillsTheFormOnlyWhenConfirmed)
{
    Ui ui;
    ui.type("lvef", "50");
    const json before = ui.record();
    ui.app->load_file("conflict.json", fixture("conflict.json"));
    ui.frames(3);
    EXPECT_EQ(ui.record(), before) << "the form changed before the user said yes";
    ASSERT_TRUE(ui.platform.form.contains("dialog"));
    const json& dialog = ui.platform.form["dialog"];
    EXPECT_EQ(dialog["title"], "Fill the form from \u201cconflict.json\u201d?");
    const std::string text = dialog["text"];
    for (const char* expected : {"Patient", "id p1", "born 1970-03-15", "As of 2027-01-10", "4 fields will be filled:", "Serum creatinine: 1.1 mg/dL",
                                 "Observation/cr-a http://loinc.org|2160-0", "Left unknown, different values at the same time (1):", "Hemoglobin:"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << " is not in:\n" << text;
    ui.click("button:import");
    EXPECT_FALSE(ui.app->dialog_open());
    const json after = ui.record();
    EXPECT_EQ(after["lvef"], 50) << "a typed value was lost";
    EXPECT_EQ(after["birth_date"], "1970-03-15");
    EXPECT_EQ(after["sex"], "female");
    EXPECT_EQ(after["creatinine"], json({{"value", 1.1}, {"unit", "mg/dL"}}));
    EXPECT_FALSE(after.contains("hemoglobin")) << "a conflict was settled silently";
    // Marks with the provenance; an edit takes the mark away.
    const std::string source = ui.field_state("creatinine")["source"];
    EXPECT_NE(source.find("Observation/cr-a"), std::string::npos) << source;
    EXPECT_NE(source.find("2026-03-01"), std::string::npos) << source;
    ui.frames(2);
    ui.reveal("source:creatinine");
    EXPECT_TRUE(ui.has("source:creatinine"));
    ui.type("creatinine", "1.0");
    EXPECT_FALSE(ui.field_state("creatinine").contains("source"));
    EXPECT_TRUE(ui.field_state("sex").contains("source"));
}

TEST(AppUiImport, CancelChangesNothing)
{
    Ui ui;
    const json before = ui.record();
    ui.app->load_file("conflict.json", fixture("conflict.json"));
    ui.frames(2);
    ui.click("button:cancel");
    EXPECT_FALSE(ui.app->dialog_open());
    EXPECT_EQ(ui.record(), before);
}

TEST(AppUiImport, SeveralPatientsAreListedToChooseFrom)
{
    Ui ui;
    ui.app->load_file("several_patients.json", fixture("several_patients.json"));
    ui.frames(2);
    ASSERT_TRUE(ui.platform.form.contains("dialog"));
    EXPECT_EQ(ui.platform.form["dialog"]["title"], "Which patient?");
    ASSERT_TRUE(ui.has("button:patient_0"));
    ui.click("button:patient_0");
    ASSERT_TRUE(ui.platform.form.contains("dialog"));
    EXPECT_NE(ui.platform.form["dialog"]["title"].get<std::string>().find("several_patients.json"), std::string::npos);
    ui.click("button:import");
    EXPECT_FALSE(ui.app->dialog_open());
}

TEST(AppUiImport, NotFhirAndBrokenFhirKeepTheForm)
{
    Ui ui;
    const json before = ui.record();
    ui.app->load_file("bundle.json", R"({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Medication"}}]})");
    ui.frames(2);
    ASSERT_TRUE(ui.platform.form.contains("dialog"));
    EXPECT_EQ(ui.platform.form["dialog"]["title"], "Could not load the file");
    ui.click("button:ok");
    EXPECT_EQ(ui.record(), before);
}

} // namespace

namespace {

int slot_of(const app::App& a, const char* id) { return a.trial().find_slot(id); }

} // namespace

TEST(Protocol, TodayIsTheDateOfTheClickFromEitherSide)
{
    Ui ui;
    const int screening = slot_of(*ui.app, "screening_date");
    EXPECT_EQ(ui.app->form().input(screening).text, "2027-01-10");  // the form's first day
    ui.platform.today_is = "2027-01-11";                             // the page was left open overnight
    ui.app->set_text(screening, "2020-01-01");
    ui.app->action("today");                                         // the DOM layer's button
    EXPECT_EQ(ui.app->form().input(screening).text, "2027-01-11");
    ui.platform.today_is = "2027-01-12";
    ui.app->set_text(screening, "2020-01-01");
    ui.frames(2);
    ui.click("field:screening_date:today");                          // the canvas's button, the same date
    EXPECT_EQ(ui.app->form().input(screening).text, "2027-01-12");
}

TEST(Protocol, TheFormStateCarriesWhatThePageShows)
{
    Ui ui;
    app::App& a = *ui.app;
    a.set_text(slot_of(a, "lvef"), "40");
    a.set_text(slot_of(a, "age_years"), "54");
    a.set_text(slot_of(a, "alt"), "80");
    a.set_text(slot_of(a, "alt_uln"), "40");
    a.set_choice(slot_of(a, "consent"), 1);
    ui.frames(3);
    const json& fields = ui.platform.form["fields"];
    auto field = [&](const char* id) { return fields[static_cast<size_t>(slot_of(a, id))]; };
    // Values as the canvas writes them (append_unit): no space before %, one before a word.
    EXPECT_EQ(field("lvef")["display"], "40%");
    EXPECT_EQ(field("age_years")["display"], "54 years");
    EXPECT_EQ(field("consent")["display"], "Yes");
    // Creatinine accepts µmol/L, umol/L and μmol/L (spellings of one unit) and mg/dL: two are offered.
    EXPECT_EQ(field("creatinine")["units"], json::array({0, 3}));
    // ALT and its ULN give the multiple: the canvas shows "= 2× ULN", no input.
    EXPECT_FALSE(field("alt_x_uln")["input"].get<bool>());
    EXPECT_TRUE(field("alt")["input"].get<bool>());
    // What decides first: LVEF 40% fails inc_lvef, so it leads.
    const json& order = ui.platform.form["criteria_order"];
    ASSERT_EQ(order.size(), a.trial().criteria.size());
    EXPECT_EQ(order[0], "inc_lvef");
    // The languages the build bundles, English first; the switch goes round them.
    EXPECT_EQ(ui.platform.dictionary["languages"], json::array({"en", "zh-CN"}));
    a.action("language");
    EXPECT_EQ(a.language(), "zh-CN");
    ui.frames(2);
    EXPECT_EQ(ui.platform.form["fields"][static_cast<size_t>(slot_of(a, "age_years"))]["display"], "54岁");
    a.action("language");
    EXPECT_EQ(a.language(), "en");
    // Errors say their code, and null for the record as a whole.
    a.set_text(slot_of(a, "lvef"), "high");
    ui.frames(2);
    const json errors = json::parse(ui.platform.errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0]["field"], "lvef");
    EXPECT_EQ(errors[0]["code"], "expected_number_in");
}

TEST(Protocol, ABigChartIsReadOverFramesWithItsProgress)
{
    Ui ui;
    // 20,000 haemoglobins (about 7 MB): more than a frame's slice, one a
    // second from 2026-12-01T00:00:00Z, the i-th 80 + (i mod 7) g/L.
    std::string chart = R"({"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","id":"p","gender":"male","birthDate":"1970-01-01"}})";
    for (int i = 0; i < 20000; ++i) {
        char when[32];
        std::snprintf(when, sizeof when, "2026-12-01T%02d:%02d:%02dZ", i / 3600, i / 60 % 60, i % 60);
        chart += R"(,{"resource":{"resourceType":"Observation","id":"h)" + std::to_string(i) +
                 R"(","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"718-7"}]},"subject":{"reference":"Patient/p"},"effectiveDateTime":")" +
                 when + R"(","valueQuantity":{"value":)" + std::to_string(80 + i % 7) + R"(,"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"}}})";
    }
    chart += "]}";
    ui.app->set_import_budget_ms(0);  // a slice a frame, whatever this machine's speed
    ui.app->load_file("history.json", chart);
    ASSERT_TRUE(ui.app->busy()) << "read at once: the test needs a bigger file";
    double last = 0;
    int frames = 0;
    while (ui.app->busy() && frames < 2000) {
        ui.frame();
        ++frames;
        if (!ui.platform.form.contains("dialog") || !ui.platform.form["dialog"].contains("progress")) continue;
        const double progress = ui.platform.form["dialog"]["progress"].get<double>();
        EXPECT_GE(progress, last);
        last = progress;
    }
    EXPECT_FALSE(ui.app->busy());
    EXPECT_GT(frames, 1);
    EXPECT_GT(last, 0.0);
    ui.frames(2);
    // The summary, as for any file: the newest is h19999 (05:33:19), 80 + 19999 mod 7 = 80 g/L.
    const std::string text = ui.platform.form["dialog"]["text"].get<std::string>();
    EXPECT_NE(text.find("Hemoglobin: 80 g/L"), std::string::npos) << text.substr(0, 400);
}
