// libFuzzer target: the screening log's readers (NDJSON, JSON array, CSV)
// and the summary. Whatever the bytes: no crash; every record is counted
// once, assessed or invalid; a summary reads back as itself; and an NDJSON
// log cut at any line break (the first byte chooses where) gives two
// summaries whose merge is the summary of the whole.
#include "bundled/bundled_loaded.h"
#include "core/log/screening_log.h"

#include <cstdio>
#include <cstdlib>

namespace {

elig::LogSummary summarise(const elig::Trial& trial, std::string_view text)
{
    elig::ScreeningLogReader reader(trial);
    elig::LogSummary summary(trial);
    elig::Evaluation ev;
    summary.lines = reader.read(text, [&](long, const elig::Record& r) {
        elig::evaluate(trial, r, ev);
        summary.add(ev);
    }, summary.errors);
    return summary;
}

std::string as_json(const elig::Trial& trial, const elig::LogSummary& summary)
{
    std::string out;
    elig::JsonWriter writer(out);
    elig::write_log_summary_json(trial, summary, writer);
    return out;
}

void fail(const char* what)
{
    std::fprintf(stderr, "%s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const elig::Trial& trial = elig::loaded_bundled_trial();
    if (size == 0) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const elig::LogSummary whole = summarise(trial, input);
    long counted = whole.eligible + whole.ineligible + whole.incomplete + whole.review;
    if (counted != whole.assessed) fail("the verdicts do not add up to the records assessed");
    for (const elig::LogError& e : whole.errors)
        if (e.line < 1 || (whole.lines > 0 && e.line > whole.lines)) fail("an error's line is outside the file");

    const std::string text = as_json(trial, whole);
    elig::LogSummary back(trial);
    std::string problem;
    if (!elig::read_log_summary_json(trial, text, back, problem) || as_json(trial, back) != text) fail("a summary does not read back as itself");

    // Cut after a line break and merge the halves.
    size_t cut = input.empty() ? 0 : data[0] % input.size();
    cut = input.find('\n', cut);
    if (cut == std::string_view::npos) return 0;
    const std::string_view first = input.substr(0, cut + 1), second = input.substr(cut + 1);
    using elig::LogFormat;
    if (elig::detect_log_format(input) != LogFormat::ndjson || elig::detect_log_format(first) != LogFormat::ndjson ||
        elig::detect_log_format(second) != LogFormat::ndjson || second.substr(0, 3) == "\xEF\xBB\xBF")
        return 0;
    elig::LogSummary merged = summarise(trial, first);
    merged.merge(summarise(trial, second));
    if (as_json(trial, merged) != text) fail("the merged halves are not the whole");
    return 0;
}
