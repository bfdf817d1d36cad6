// Guided pre-screening on the bundled NCT07345780 criteria: what is asked
// first, what each answer is said to do, and when the asking stops. Each
// expectation is read off the criteria file (criteria/NCT07345780.json).
#include "core/guide/next_question.h"

#include "bundled/bundled_loaded.h"
#include "core/guide/guidance_json.h"
#include "core/records/record_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace elig;

namespace {

const Trial& trial() { return loaded_bundled_trial(); }

Record record_of(const std::string& json)
{
    Record record;
    std::vector<InputError> errors;
    EXPECT_TRUE(RecordReader(trial()).read(json, record, errors)) << json;
    return record;
}

int field(const char* id) { return trial().find_slot(id); }
int criterion(const char* id)
{
    for (size_t c = 0; c < trial().criteria.size(); ++c)
        if (trial().criteria[c].id == id) return static_cast<int>(c);
    ADD_FAILURE() << "no criterion " << id;
    return -1;
}

const GuideQuestion* question_on(const Guidance& g, const char* id)
{
    for (const GuideQuestion& q : g.questions)
        if (q.field == field(id)) return &q;
    return nullptr;
}

std::vector<std::string> asked(const Guidance& g)
{
    std::vector<std::string> out;
    for (const GuideQuestion& q : g.questions) out.push_back(trial().field(q.field).id);
    return out;
}

const Record kScreeningOnly = record_of(R"({"screening_date": "2027-01-10"})");

TEST(Guide, AsksTheDiagnosisFirst)
{
    // inc_disease carries the largest screen-failure weight (0.20), and the
    // diagnosis alone can fail it ("other" is neither T-lineage nor AML).
    Guide guide(trial());
    const Guidance& g = guide.next(kScreeningOnly, {});
    ASSERT_EQ(g.state, GuideState::ask);
    EXPECT_EQ(g.overall, Status::unknown);
    ASSERT_FALSE(g.questions.empty());
    const GuideQuestion& first = g.questions.front();
    EXPECT_EQ(first.field, field("diagnosis"));
    EXPECT_EQ(first.known_at, KnownAt::chart);
    EXPECT_TRUE(first.can_end);
    ASSERT_EQ(first.answers.size(), 5u);  // t_all, etp_all, t_lbl, aml, other
    const GuideAnswer& other = first.answers[4];
    EXPECT_EQ(trial().field(other.field).value_at(other.choice).id, "other");
    EXPECT_EQ(other.overall, Status::fail);
    EXPECT_EQ(other.fails, std::vector<int>{criterion("inc_disease")});
    for (size_t a = 0; a < 4; ++a) EXPECT_TRUE(first.answers[a].fails.empty()) << a;  // a T-lineage or AML diagnosis still needs its history
}

TEST(Guide, AsksChartBeforeTestsAndNeverAVisitField)
{
    Guide guide(trial());
    const Guidance& g = guide.next(kScreeningOnly, {});
    bool seen_tests = false;
    for (const GuideQuestion& q : g.questions) {
        EXPECT_NE(q.known_at, KnownAt::visit) << trial().field(q.field).id;
        // Among the questions that can end the screening, chart ones come first.
        if (q.can_end && q.known_at == KnownAt::tests) seen_tests = true;
        if (q.can_end && q.known_at == KnownAt::chart) {
            EXPECT_FALSE(seen_tests) << trial().field(q.field).id << " after a tests question";
        }
    }
    // Consent and the investigator's judgement are for the visit.
    EXPECT_NE(std::find(g.visit.begin(), g.visit.end(), field("consent")), g.visit.end());
    EXPECT_NE(std::find(g.visit.begin(), g.visit.end(), field("investigator_contraindication")), g.visit.end());
    EXPECT_EQ(question_on(g, "consent"), nullptr);
}

TEST(Guide, NeverAsksWhatNoUndecidedCriterionReads)
{
    // A T-ALL patient: the AML items of inc_disease are on the branch not taken.
    Guide guide(trial());
    const Guidance& g = guide.next(record_of(R"({"screening_date": "2027-01-10", "diagnosis": "t_all"})"), {});
    ASSERT_EQ(g.state, GuideState::ask);
    for (const std::string& id : asked(g)) EXPECT_NE(id.rfind("aml_", 0), 0u) << id;
    EXPECT_EQ(question_on(g, "diagnosis"), nullptr);  // the record has it
    EXPECT_NE(question_on(g, "t_relapse_after_cr"), nullptr);
}

TEST(Guide, NeverAsksASkippedField)
{
    Guide guide(trial());
    FieldSet skipped;
    skipped.insert_field(field("diagnosis"));
    const Guidance& g = guide.next(kScreeningOnly, skipped);
    EXPECT_EQ(question_on(g, "diagnosis"), nullptr);
    EXPECT_FALSE(g.questions.empty());
}

TEST(Guide, NumberAnswersAreTheRangesBetweenTheThresholds)
{
    // inc_cd7: CD7-positive tumour cells at least 70%.
    Guide guide(trial());
    const Guidance& g = guide.next(kScreeningOnly, {});
    const GuideQuestion* cd7 = question_on(g, "cd7_percent");
    ASSERT_NE(cd7, nullptr);
    EXPECT_EQ(cd7->known_at, KnownAt::tests);
    ASSERT_EQ(cd7->answers.size(), 2u);
    const GuideAnswer& below = cd7->answers[0];
    EXPECT_TRUE(!below.has_low && below.has_high && below.high == 70 && !below.high_inclusive);
    EXPECT_EQ(below.fails, std::vector<int>{criterion("inc_cd7")});
    EXPECT_EQ(below.overall, Status::fail);
    const GuideAnswer& at_least = cd7->answers[1];
    EXPECT_TRUE(at_least.has_low && at_least.low == 70 && at_least.low_inclusive && !at_least.has_high);
    EXPECT_TRUE(at_least.fails.empty());
    EXPECT_EQ(at_least.settles, std::vector<int>{criterion("inc_cd7")});
}

TEST(Guide, ALabIsAskedWithItsUpperLimitAndAnsweredInMultiples)
{
    // inc_alt: ALT at most 3 x ULN, or 5 x ULN when the abnormality is
    // disease-related (not yet known here): at most 3 passes either way,
    // above 5 fails either way, and between them it depends.
    Guide guide(trial());
    const Guidance& g = guide.next(kScreeningOnly, {});
    const GuideQuestion* alt = question_on(g, "alt");
    ASSERT_NE(alt, nullptr);
    EXPECT_EQ(alt->with, (std::vector<int>{field("alt_uln"), field("alt_x_uln")}));
    EXPECT_EQ(question_on(g, "alt_uln"), nullptr);  // part of the ALT question
    ASSERT_EQ(alt->answers.size(), 3u);
    for (const GuideAnswer& a : alt->answers) EXPECT_EQ(a.field, field("alt_x_uln"));
    const GuideAnswer &low = alt->answers[0], &mid = alt->answers[1], &high = alt->answers[2];
    EXPECT_TRUE(!low.has_low && low.has_high && low.high == 3 && low.high_inclusive);
    EXPECT_EQ(low.settles, std::vector<int>{criterion("inc_alt")});
    EXPECT_TRUE(mid.has_low && mid.low == 3 && !mid.low_inclusive && mid.has_high && mid.high == 5 && mid.high_inclusive);
    EXPECT_TRUE(mid.settles.empty() && mid.fails.empty());
    EXPECT_TRUE(high.has_low && high.low == 5 && !high.low_inclusive && !high.has_high);
    EXPECT_EQ(high.fails, std::vector<int>{criterion("inc_alt")});
}

TEST(Guide, ADateIsAskedAsNoneOrEachSideOfItsWindow)
{
    // exc_recent_hsct: no HSCT within 6 months before the screening date.
    Guide guide(trial());
    const Guidance& g = guide.next(kScreeningOnly, {});
    const GuideQuestion* hsct = question_on(g, "last_hsct_date");
    ASSERT_NE(hsct, nullptr);
    std::vector<GuideAnswer::Kind> kinds;
    for (const GuideAnswer& a : hsct->answers) kinds.push_back(a.kind);
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), GuideAnswer::Kind::none), kinds.end());
    bool within_fails = false, before_passes = false;
    for (const GuideAnswer& a : hsct->answers) {
        const bool fails_hsct = std::find(a.fails.begin(), a.fails.end(), criterion("exc_recent_hsct")) != a.fails.end();
        if (a.kind == GuideAnswer::Kind::within && trial().node(a.window_node).window == 6) within_fails |= fails_hsct;
        if (a.kind == GuideAnswer::Kind::before && trial().node(a.window_node).window == 6) before_passes |= !fails_hsct;
    }
    EXPECT_TRUE(within_fails);
    EXPECT_TRUE(before_passes);
}

TEST(Guide, AFailingCriterionStopsTheScreening)
{
    Guide guide(trial());
    const Guidance& g = guide.next(record_of(R"({"screening_date": "2027-01-10", "uncontrolled_infection": true})"), {});
    EXPECT_EQ(g.state, GuideState::ineligible);
    EXPECT_EQ(g.deciding, std::vector<int>{criterion("exc_infection")});
    EXPECT_TRUE(g.questions.empty());
}

TEST(Guide, WhenOnlySkippedFieldsRemainItIsUnanswered)
{
    Guide guide(trial());
    FieldSet skipped;
    for (int f = 0; f < static_cast<int>(trial().fields.size()); ++f)
        if (trial().field(f).known_at != KnownAt::visit) skipped.insert_field(f);
    const Guidance& g = guide.next(kScreeningOnly, skipped);
    EXPECT_EQ(g.state, GuideState::unanswered);
    EXPECT_TRUE(g.questions.empty());
}

TEST(Guide, TheJsonNamesFieldsCriteriaAndAnswers)
{
    Guide guide(trial());
    std::string out;
    JsonWriter json(out);
    write_guidance_json(trial(), guide.next(record_of(R"({"screening_date": "2027-01-10", "uncontrolled_infection": true})"), {}), json);
    EXPECT_EQ(out, R"({"state":"ineligible","overall":"ineligible","deciding":["exc_infection"],"questions":[],"visit":[]})");
    out.clear();
    JsonWriter again(out);
    write_guidance_json(trial(), guide.next(kScreeningOnly, {}, 1), again);
    EXPECT_EQ(out.rfind(R"({"state":"ask","overall":"incomplete","questions":[{"field":"diagnosis","with":[],"known_at":"chart","can_end":true,)", 0), 0u)
        << out.substr(0, 200);
    EXPECT_NE(out.find(R"({"answer":"other","then":"ineligible","fails":["inc_disease"],"settles":["inc_disease"]})"), std::string::npos);
}

} // namespace
