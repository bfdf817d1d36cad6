// Guided mode, natively: the questions on the same record as the form, tap
// answers, typed answers kept on screen until Next, Don't know, Back, and
// the stop screens, driven by clicks at the items the app publishes. The
// expected questions and stops come from the registry record
// (../shared/trial-record/NCT07345780.txt) and the criteria file's fields.
#include "ui_driver.h"

#include <fstream>
#include <sstream>

namespace {

using ui_test::json;
using ui_test::Ui;

std::string base_record(const std::string& name)
{
    std::ifstream in(std::string(ELIG_SOURCE_DIR) + "/tests/cases/bases/" + name + ".json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const json& guide(const Ui& ui) { return ui.platform.form["guide"]; }

std::string asked(const Ui& ui)
{
    const elig::GuideQuestion* q = ui.app->question();
    return q ? ui.app->trial().field(q->field).id : std::string();
}

// The tap answer whose words are `label`, as the DOM layer lists them.
std::string answer_key(const Ui& ui, const std::string& label)
{
    for (const json& a : guide(ui)["question"]["answers"])
        if (a["label"] == label) return a["key"];
    ADD_FAILURE() << "no answer " << label << " in " << guide(ui).dump();
    return "";
}

TEST(GuidedUi, TheTabAsksTheDiagnosisFirstOnTheFormsRecord)
{
    Ui ui;
    EXPECT_EQ(guide(ui)["mode"], "form");
    ui.click("tab:guided");
    ASSERT_TRUE(ui.app->guided());
    EXPECT_EQ(guide(ui)["mode"], "guided");
    // From the screening date alone, the disease decides most: one answer
    // ("other": not CD7+ T-ALL/LBL or AML) rules the patient out.
    EXPECT_EQ(asked(ui), "diagnosis");
    EXPECT_EQ(guide(ui)["question"]["field"], "diagnosis");
    EXPECT_EQ(guide(ui)["question"]["answers"].size(), 5u);  // every value of the diagnosis field
    EXPECT_TRUE(ui.has("guide:answer:0") && ui.has("guide:skip") && ui.has("guide:back") && ui.has("guide:progress"));
    // The form keeps its values: switching back shows what it had.
    ui.click("tab:form");
    EXPECT_FALSE(ui.app->guided());
    EXPECT_EQ(ui.record(), json({{"screening_date", "2027-01-10"}}));
}

TEST(GuidedUi, AKnockOutAnswerStopsWithTheDecidingCriterionAndBackUndoesIt)
{
    Ui ui;
    ui.app->action("mode:guided");
    ui.frames(3);
    ASSERT_EQ(asked(ui), "diagnosis");
    const std::string other = answer_key(ui, ui.platform.dictionary["fields"][static_cast<size_t>(ui.app->trial().find_slot("diagnosis"))]["values"][4]["label"]);
    ui.click(other);
    EXPECT_EQ(ui.record()["diagnosis"], "other");  // the same record as the form's
    EXPECT_EQ(ui.app->guidance().state, elig::GuideState::ineligible);
    EXPECT_EQ(guide(ui)["state"], "ineligible");
    ASSERT_EQ(guide(ui)["stop"]["items"].size(), 1u);
    const json& item = guide(ui)["stop"]["items"][0];
    // The disease inclusion, with its verbatim registry sentence.
    EXPECT_NE(item["source"].get<std::string>().find("T-lymphoblastic"), std::string::npos) << item.dump();
    EXPECT_TRUE(ui.has("guide:stop") && ui.has("guide:save") && ui.has("guide:print"));
    EXPECT_EQ(asked(ui), "");
    ui.click("guide:back_stop");
    EXPECT_FALSE(ui.record().contains("diagnosis"));
    EXPECT_EQ(asked(ui), "diagnosis");
    EXPECT_EQ(guide(ui)["can_back"], false);
}

TEST(GuidedUi, DontKnowMovesOnAndIsCounted)
{
    Ui ui;
    ui.app->action("mode:guided");
    ui.frames(3);
    ui.click("guide:skip");
    EXPECT_NE(asked(ui), "diagnosis");
    EXPECT_NE(asked(ui), "");
    EXPECT_FALSE(ui.record().contains("diagnosis"));
    EXPECT_NE(guide(ui)["progress"].get<std::string>().find("1 not known"), std::string::npos) << guide(ui)["progress"];
    ui.click("guide:back");
    EXPECT_EQ(asked(ui), "diagnosis");
    EXPECT_EQ(guide(ui)["progress"].get<std::string>().find("not known"), std::string::npos);
}

TEST(GuidedUi, ATypedAnswerStaysOnScreenUntilNext)
{
    Ui ui;
    // What the form already holds is never asked.
    ui.app->set_choice(ui.app->trial().find_slot("diagnosis"), 0);  // t_all
    ui.app->set_choice(ui.app->trial().find_slot("uncontrolled_infection"), 0);
    ui.app->action("mode:guided");
    ui.frames(3);
    ASSERT_EQ(asked(ui), "ecog");  // ECOG 0-2 (inclusion): one typed answer above 2 rules out
    const json meanings = guide(ui)["question"]["meanings"];
    ASSERT_EQ(meanings.size(), 2u);
    EXPECT_EQ(meanings[0], "2 or less \xE2\x86\x92 settles ECOG 0\xE2\x80\x93" "2") << meanings.dump();
    EXPECT_NE(meanings[1].get<std::string>().find("over 2 \xE2\x86\x92 not eligible"), std::string::npos) << meanings.dump();
    EXPECT_EQ(guide(ui)["question"]["typed"], json({"ecog"}));
    EXPECT_EQ(guide(ui)["question"]["can_next"], false);
    ui.type("ecog", "3");
    EXPECT_EQ(asked(ui), "ecog");  // not an answer until Next
    EXPECT_EQ(guide(ui)["question"]["can_next"], true);
    ui.click("guide:next");
    EXPECT_EQ(guide(ui)["state"], "ineligible");
    ui.click("guide:back_stop");
    EXPECT_EQ(asked(ui), "ecog");
    EXPECT_FALSE(ui.record().contains("ecog"));
}

TEST(GuidedUi, WhatOnlyTheVisitSettlesIsListedAndWorthReferring)
{
    Ui ui;
    json record = json::parse(base_record("t_all_eligible"));
    // The visit fields of the criteria file (known_at "visit") the base holds.
    for (const char* visit : {"consent", "can_donate_cells", "life_expectancy_months", "unstable_systemic_disease", "investigator_contraindication"})
        record.erase(visit);
    ui.app->load_file("referral.json", record.dump());
    ui.app->action("mode:guided");
    ui.frames(3);
    EXPECT_EQ(ui.app->guidance().state, elig::GuideState::referable);
    EXPECT_EQ(guide(ui)["state"], "referable");
    std::vector<std::string> visit;
    for (int f : ui.app->guidance().visit) visit.push_back(ui.app->trial().field(f).id);
    EXPECT_EQ(visit, (std::vector<std::string>{"consent", "can_donate_cells", "life_expectancy_months", "unstable_systemic_disease", "investigator_contraindication"}));
    EXPECT_EQ(guide(ui)["stop"]["items"].size(), 5u);
}

TEST(GuidedUi, TheWordsFollowTheLanguageAndTheQuestionStays)
{
    Ui ui;
    ui.app->action("mode:guided");
    ui.frames(3);
    ASSERT_TRUE(ui.app->set_language("zh-CN"));
    ui.frames(3);
    EXPECT_EQ(asked(ui), "diagnosis");
    EXPECT_EQ(guide(ui)["question"]["title"], ui.platform.dictionary["fields"][static_cast<size_t>(ui.app->trial().find_slot("diagnosis"))]["label"]);
    EXPECT_NE(guide(ui)["progress"].get<std::string>().find("已回答0项"), std::string::npos) << guide(ui)["progress"];
}

TEST(GuidedUi, APhoneAsksOneQuestionInItsOwnTab)
{
    Ui ui(390, 844);
    ui.app->set_screen(1, true);
    ui.frames(3);
    ui.click("tab:guided");
    EXPECT_TRUE(ui.app->guided());
    EXPECT_TRUE(ui.has("panel:guide"));
    EXPECT_FALSE(ui.has("panel:form"));
    // Tap targets span the panel on a phone.
    const auto answer = ui.rect("guide:answer:0");
    EXPECT_GE(answer[3], 44.0f);
    ui.click("tab:patient");
    EXPECT_FALSE(ui.app->guided());
    // The DOM layer's tabs (a keyboard or a screen reader) switch it too, and it stays switched.
    ui.app->action("mode:guided");
    ui.frames(4);
    EXPECT_TRUE(ui.app->guided() && ui.has("panel:guide"));
    ui.app->action("mode:form");
    ui.frames(4);
    EXPECT_FALSE(ui.app->guided());
    EXPECT_TRUE(ui.has("panel:form"));
}

} // namespace
