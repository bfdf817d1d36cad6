// How many answers guided pre-screening takes to reach a stop, against the
// form in its order (tests/guide/simulate.h: the physician answers from a
// known record; a field the record lacks is "don't know"). Three sets: the
// 308 cases, 20,000 records of the property generator, and 2,000 records
// weighted like real referrals (an eligible base record, T-ALL or AML, with
// one criterion broken, the criterion drawn by the criteria file's
// screen-failure weights; 30% left eligible). Prints the median and 90th
// percentile by the full record's verdict.
//
// usage: guide_simulation [GENERATED_RECORDS]
#include "bundled/bundled_loaded.h"
#include "cases/cases.h"
#include "core/records/record_reader.h"
#include "guide/simulate.h"
#include "property/record_generator.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace elig;

namespace {

const Trial& trial() { return loaded_bundled_trial(); }

struct Counts {
    std::map<std::string, std::vector<int>> guided, form;  // by the full record's verdict
};

const char* verdict_of(Status s)
{
    switch (s) {
    case Status::pass: return "eligible";
    case Status::fail: return "ineligible";
    case Status::unknown: return "incomplete";
    case Status::review: return "review";
    }
    return "?";
}

void add(Guide& guide, const Record& full, Counts& counts)
{
    Evaluation ev;
    evaluate(trial(), full, ev);
    const std::string verdict = verdict_of(ev.overall);
    counts.guided[verdict].push_back(elig_test::simulate_guided(guide, trial(), full).answers);
    counts.form[verdict].push_back(elig_test::simulate_form_order(guide, trial(), full).answers);
}

int percentile(std::vector<int> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

void print(const char* set, const Counts& counts)
{
    for (const auto& [verdict, guided] : counts.guided) {
        const std::vector<int>& form = counts.form.at(verdict);
        std::printf("| %s | %s | %zu | %d / %d | %d / %d |\n", set, verdict.c_str(), guided.size(), percentile(guided, 0.5), percentile(guided, 0.9),
                    percentile(form, 0.5), percentile(form, 0.9));
    }
}

Record read(const std::string& text)
{
    Record record;
    std::vector<InputError> errors;
    if (!RecordReader(trial()).read(text, record, errors)) {
        std::fprintf(stderr, "guide_simulation: a record does not read: %s\n%s\n", errors.empty() ? "?" : errors[0].message.c_str(), text.c_str());
        std::exit(1);
    }
    return record;
}

std::string file_text(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A referral like the real ones: `base` with criterion `c` made to fail by
// the first answer the guide offers that fails it, asked of the base
// without the fields the criterion reads.
bool break_criterion(Guide& guide, Record& record, size_t c)
{
    Evaluation ev;
    evaluate(trial(), record, ev);
    Record partial = record;
    const FieldSet read = fields_read(trial(), record, ev, trial().criteria[c].rule);
    for (int f = 0; f < static_cast<int>(trial().fields.size()); ++f)
        if (read.contains_field(f) && trial().field(f).id != "screening_date") partial.value(f) = FieldValue{};
    const Guidance& g = guide.next(partial, {});
    for (const GuideQuestion& q : g.questions)
        for (const GuideAnswer& a : q.answers)
            if (std::find(a.fails.begin(), a.fails.end(), static_cast<int>(c)) != a.fails.end()) {
                // The record keeps everything else; the question's fields
                // become the answer (a lab's value and ULN give way to its multiple).
                record.value(q.field) = FieldValue{};
                for (int f : q.with) record.value(f) = FieldValue{};
                static_cast<Value&>(record.value(a.field)) = a.value;
                record.value(a.field).given = a.value.number;
                return true;
            }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    const int generated = argc > 1 ? std::atoi(argv[1]) : 20000;
    Guide guide(trial());
    std::printf("| set | full record | records | guided: median / p90 answers | form order: median / p90 |\n|---|---|---|---|---|\n");

    Counts cases;
    std::vector<std::string> problems;
    for (const elig_test::Case& c : elig_test::load_cases(ELIG_CASES_DIR, problems)) {
        Record full;
        std::vector<InputError> errors;
        if (RecordReader(trial()).read(c.record_text, full, errors)) add(guide, full, cases);
    }
    print("the 308 cases", cases);

    Counts random;
    elig_test::RecordGenerator generator(trial(), 7);
    for (int i = 0; i < generated; ++i) add(guide, read(generator.next()), random);
    print("property generator", random);

    Counts referrals;
    const Record bases[] = {read(file_text(std::string(ELIG_CASES_DIR) + "/bases/t_all_eligible.json")),
                            read(file_text(std::string(ELIG_CASES_DIR) + "/bases/aml_eligible.json"))};
    double total = 0;
    for (const Criterion& c : trial().criteria) total += c.screen_failure_weight;
    uint64_t state = 12345;
    auto draw = [&] {  // a portable LCG: the same referrals everywhere
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<double>(state >> 11) / static_cast<double>(1ull << 53);
    };
    int broken = 0;
    for (int i = 0; i < 2000; ++i) {
        Record record = bases[i % 2];
        if (draw() >= 0.3 && total > 0) {
            double pick = draw() * total;
            size_t c = 0;
            while (c + 1 < trial().criteria.size() && pick >= trial().criteria[c].screen_failure_weight) pick -= trial().criteria[c++].screen_failure_weight;
            broken += break_criterion(guide, record, c);
        }
        add(guide, record, referrals);
    }
    print("weighted like referrals", referrals);
    std::printf("\n%d of the referrals had a criterion broken; weights: %s\n", broken, trial().screen_failure_source.c_str());
    return 0;
}
