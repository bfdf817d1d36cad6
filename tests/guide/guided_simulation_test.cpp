// Guided pre-screening never stops wrongly: a physician answering from a
// known record (tests/guide/simulate.h) ends "ineligible" only where the
// whole record is ineligible, "eligible" only where it is eligible, and a
// record that fails a criterion the chart or the tests can show always ends
// "ineligible", never "worth referring". On the 308 cases and on records of
// the property generator; and it never takes more answers than the form.
#include "bundled/bundled_loaded.h"
#include "cases/cases.h"
#include "core/records/record_reader.h"
#include "guide/simulate.h"
#include "property/record_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace elig;

const Trial& trial() { return loaded_bundled_trial(); }

// The criteria the record fails whose every field is one the referring
// physician can know (chart or tests).
std::vector<size_t> failures_the_chart_shows(const Record& record, const Evaluation& ev)
{
    std::vector<size_t> out;
    for (size_t c = 0; c < trial().criteria.size(); ++c) {
        if (ev.criteria[c] != Status::fail) continue;
        const FieldSet read = fields_read(trial(), record, ev, trial().criteria[c].rule);
        bool shown = true;
        for (int f = 0; f < static_cast<int>(trial().fields.size()); ++f)
            if (read.contains_field(f) && trial().field(f).known_at == KnownAt::visit) shown = false;
        if (shown) out.push_back(c);
    }
    return out;
}

struct Tally {
    std::vector<int> guided, form;
    int records = 0;
};

void check(const std::string& name, const Record& full, Guide& guide, Tally& tally)
{
    Evaluation ev;
    evaluate(trial(), full, ev);
    const elig_test::Simulated guided = elig_test::simulate_guided(guide, trial(), full);
    const elig_test::Simulated form = elig_test::simulate_form_order(guide, trial(), full);
    ++tally.records;
    tally.guided.push_back(guided.answers);
    tally.form.push_back(form.answers);
    const std::string_view state = guide_state_name(guided.state);
    if (guided.state == GuideState::ineligible) {
        EXPECT_EQ(ev.overall, Status::fail) << name << ": stopped ineligible";
    }
    if (guided.state == GuideState::eligible) {
        EXPECT_EQ(ev.overall, Status::pass) << name << ": stopped eligible";
    }
    const std::vector<size_t> shown = failures_the_chart_shows(full, ev);
    if (!shown.empty()) {
        EXPECT_EQ(guided.state, GuideState::ineligible) << name << ": fails " << trial().criteria[shown[0]].id
                                                        << " on chart or test fields but ended " << state;
    }
    EXPECT_NE(guided.state, GuideState::ask) << name;
    if (form.state == GuideState::ineligible) {
        EXPECT_EQ(ev.overall, Status::fail) << name << ": form order stopped ineligible";
    }
}

int median(std::vector<int> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

TEST(GuidedSimulation, TheCasesNeverStopWrongly)
{
    std::vector<std::string> problems;
    const auto cases = elig_test::load_cases(ELIG_CASES_DIR, problems);
    ASSERT_TRUE(problems.empty()) << problems[0];
    ASSERT_GE(cases.size(), 300u);
    Guide guide(trial());
    RecordReader reader(trial());
    Tally tally;
    for (const elig_test::Case& c : cases) {
        Record full;
        std::vector<InputError> errors;
        if (!reader.read(c.record_text, full, errors)) continue;  // the cases of bad input
        check(c.name, full, guide, tally);
    }
    EXPECT_GE(tally.records, 250);
    EXPECT_LE(median(tally.guided), median(tally.form));
}

TEST(GuidedSimulation, GeneratedRecordsNeverStopWrongly)
{
    elig_test::RecordGenerator generator(trial(), 7);
    Guide guide(trial());
    RecordReader reader(trial());
    Tally tally;
    for (int i = 0; i < 2000; ++i) {
        const std::string text = generator.next();
        Record full;
        std::vector<InputError> errors;
        ASSERT_TRUE(reader.read(text, full, errors)) << text;
        check("generated record " + std::to_string(i) + ": " + text, full, guide, tally);
        if (HasFailure()) break;  // one record's story is enough to read
    }
    EXPECT_LE(median(tally.guided), median(tally.form));
}

} // namespace
