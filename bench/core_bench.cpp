// Speed of the core on one core: evaluating a parsed record (goal: at
// least 1,000,000 per second), reading one, writing its verdict, and all
// three together (the per-record cost of batch pre-screening); and loading
// and translating the criteria (what the web page does before its first frame).
#include "bundled/bundled_criteria.h"
#include "bundled/bundled_loaded.h"
#include "core/criteria/trial_loader.h"
#include "core/criteria/trial_translation.h"
#include "core/eval/evaluate.h"
#include "core/records/record_reader.h"
#include "core/report/verdict_json.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

namespace {

const elig::Trial& trial() { return elig::loaded_bundled_trial(); }

std::string base_record(const char* name)
{
    std::ifstream in(std::string(ELIG_CASES_DIR) + "/bases/" + name + ".json");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A complete eligible record (every criterion decided), the empty record
// (every criterion unknown), and an ineligible one with a review.
std::string record(int which)
{
    switch (which) {
    case 0: return base_record("t_all_eligible");
    case 1: return "{}";
    default: {
        std::string r = base_record("aml_eligible");
        r.insert(r.find('{') + 1, R"("lvef": 40, "age_years": 80, "alt": 200, "alt_uln": 40, )");
        // The base may already give these: keep the record valid by dropping the base's copies.
        for (const char* key : {"\"lvef\"", "\"age_years\"", "\"alt\"", "\"alt_uln\""}) {
            const size_t first = r.find(key), second = r.find(key, first + 1);
            if (second != std::string::npos) {
                const size_t end = r.find_first_of(",}", second);
                r.erase(second, end - second + (r[end] == ',' ? 1 : 0));
            }
        }
        return r;
    }
    }
}

const char* const kLabels[] = {"complete_eligible", "empty", "ineligible_with_review"};

void BM_Evaluate(benchmark::State& state)
{
    elig::RecordReader reader(trial());
    elig::Record rec;
    std::vector<elig::InputError> errors;
    if (!reader.read(record(static_cast<int>(state.range(0))), rec, errors)) state.SkipWithError("invalid record");
    elig::Evaluation ev;
    for (auto _ : state) {
        elig::evaluate(trial(), rec, ev);
        benchmark::DoNotOptimize(ev.overall);
    }
    state.SetLabel(kLabels[state.range(0)]);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Evaluate)->DenseRange(0, 2);

void BM_ReadRecord(benchmark::State& state)
{
    const std::string text = record(static_cast<int>(state.range(0)));
    elig::RecordReader reader(trial());
    elig::Record rec;
    std::vector<elig::InputError> errors;
    for (auto _ : state) benchmark::DoNotOptimize(reader.read(text, rec, errors));
    state.SetLabel(kLabels[state.range(0)]);
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ReadRecord)->DenseRange(0, 2);

void BM_WriteVerdict(benchmark::State& state)
{
    elig::RecordReader reader(trial());
    elig::Record rec;
    std::vector<elig::InputError> errors;
    reader.read(record(static_cast<int>(state.range(0))), rec, errors);
    elig::Evaluation ev;
    elig::evaluate(trial(), rec, ev);
    elig::VerdictWriter writer(trial());
    std::string out;
    for (auto _ : state) {
        out.clear();
        writer.write(rec, ev, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetLabel(kLabels[state.range(0)]);
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
}
BENCHMARK(BM_WriteVerdict)->DenseRange(0, 2);

void BM_ReadEvaluateWrite(benchmark::State& state)
{
    const std::string text = record(static_cast<int>(state.range(0)));
    elig::RecordReader reader(trial());
    elig::VerdictWriter writer(trial());
    elig::Record rec;
    elig::Evaluation ev;
    std::vector<elig::InputError> errors;
    std::string out;
    for (auto _ : state) {
        out.clear();
        reader.read(text, rec, errors);
        elig::evaluate(trial(), rec, ev);
        writer.write(rec, ev, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetLabel(kLabels[state.range(0)]);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReadEvaluateWrite)->DenseRange(0, 2);

// What the web page does before its first frame: load the bundled criteria,
// and for a Chinese page translate them (the trial's translation and the
// language's sentences).
void BM_LoadTrial(benchmark::State& state)
{
    for (auto _ : state) benchmark::DoNotOptimize(elig::load_trial(elig::bundled_criteria()).trial->fields.size());
}
BENCHMARK(BM_LoadTrial)->Unit(benchmark::kMillisecond);

void BM_TranslateTrial(benchmark::State& state)
{
    const elig::BundledLanguage& zh = elig::bundled_languages().front();
    for (auto _ : state) benchmark::DoNotOptimize(elig::translate_trial(trial(), zh.translation(), zh.language()).trial->fields.size());
    state.SetLabel(std::string(zh.tag));
}
BENCHMARK(BM_TranslateTrial)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
