// Speed of guided pre-screening's ranking (goal: at most 1 ms a record in
// the WebAssembly build): the first questions of a screening that has only
// its date, of a T-ALL referral half filled from the chart, and the stop of
// an eligible record (every decided criterion checked for what could still
// change it).
#include "bundled/bundled_loaded.h"
#include "core/guide/next_question.h"
#include "core/records/record_reader.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

namespace {

const elig::Trial& trial() { return elig::loaded_bundled_trial(); }

elig::Record read(const std::string& text)
{
    elig::Record record;
    std::vector<elig::InputError> errors;
    elig::RecordReader(trial()).read(text, record, errors);
    return record;
}

std::string base(const char* name)
{
    std::ifstream in(std::string(ELIG_CASES_DIR) + "/bases/" + name + ".json");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void rank(benchmark::State& state, const elig::Record& record)
{
    elig::Guide guide(trial());
    for (auto _ : state) benchmark::DoNotOptimize(guide.next(record, {}).questions.size());
}

void BM_GuideScreeningDateOnly(benchmark::State& state) { rank(state, read(R"({"screening_date": "2027-01-10"})")); }
BENCHMARK(BM_GuideScreeningDateOnly);

void BM_GuideHalfFilledTAll(benchmark::State& state)
{
    rank(state, read(R"({"screening_date": "2027-01-10", "diagnosis": "t_all", "age_years": 34, "sex": "male", "prior_regimens": 2,
                         "t_relapse_after_cr": true, "ecog": 1, "uncontrolled_infection": false, "cns_leukemia_symptomatic": false})"));
}
BENCHMARK(BM_GuideHalfFilledTAll);

void BM_GuideEligibleRecord(benchmark::State& state) { rank(state, read(base("t_all_eligible"))); }
BENCHMARK(BM_GuideEligibleRecord);

} // namespace

BENCHMARK_MAIN();
