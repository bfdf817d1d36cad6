// eligibility: the command-line shell around the core, for single records
// and batch pre-screening (NDJSON). All decisions live in src/core.
#include "batch.h"
#include "parallel_batch.h"
#include "bundled/bundled_criteria.h"
#include "core/evaluate.h"
#include "core/record_reader.h"
#include "core/text_report.h"
#include "core/trial_loader.h"
#include "core/verdict_json.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace elig;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // I/O failure while writing or reading a batch
constexpr int kExitUsage = 2;    // usage or input error

const char* const kUsage =
    "usage:\n"
    "  eligibility evaluate [--criteria FILE] [--format json|text] RECORD.json\n"
    "  eligibility evaluate [--criteria FILE] --ndjson [--jobs N] [FILE|-]\n"
    "  eligibility check-criteria FILE\n"
    "  eligibility --help | --version\n"
    "\n"
    "evaluate        prints the verdict of one patient record (JSON, or a readable\n"
    "                report with --format text); RECORD.json may be - for stdin.\n"
    "--ndjson        reads one record per line and prints one verdict per line;\n"
    "                a bad line prints {\"line\": N, \"errors\": [...]} and the rest run.\n"
    "--jobs N        batch evaluation on N cores (default: all); the output is the same.\n"
    "--criteria      a criteria file instead of the bundled NCT07345780 criteria.\n"
    "check-criteria  validates a criteria file.\n"
    "\n"
    "exit status: 0 verdicts produced; 2 usage, criteria or record error.\n";

bool read_stream(std::FILE* in, std::string& out)
{
    char buffer[1 << 16];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) out.append(buffer, n);
    return !std::ferror(in);
}

std::optional<std::string> read_input(const std::string& path)
{
    std::string text;
    if (path == "-") {
        if (!read_stream(stdin, text)) return std::nullopt;
        return text;
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
        std::fprintf(stderr, "eligibility: cannot open %s: %s\n", path.c_str(), std::strerror(errno));
        return std::nullopt;
    }
    const bool ok = read_stream(file, text);
    std::fclose(file);
    if (!ok) {
        std::fprintf(stderr, "eligibility: cannot read %s\n", path.c_str());
        return std::nullopt;
    }
    return text;
}

bool write_out(const std::string& text)
{
    return std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
}

// Loads --criteria FILE, or the bundled criteria.
std::optional<Trial> load_criteria(const std::string& path)
{
    std::string text;
    if (!path.empty()) {
        auto read = read_input(path);
        if (!read) return std::nullopt;
        text = std::move(*read);
    }
    TrialLoadResult loaded = load_trial(path.empty() ? bundled_criteria() : std::string_view(text));
    if (!loaded.ok()) {
        std::fprintf(stderr, "eligibility: %s is not a valid criteria file:\n", path.empty() ? "the bundled criteria" : path.c_str());
        for (const LoadError& e : loaded.errors) std::fprintf(stderr, "  %s\n", describe(e).c_str());
        return std::nullopt;
    }
    return std::move(loaded.trial);
}

int evaluate_one(const Trial& trial, const std::string& path, bool text_format)
{
    auto input = read_input(path);
    if (!input) return kExitUsage;
    RecordReader reader(trial);
    Record record;
    std::vector<InputError> errors;
    if (!reader.read(*input, record, errors)) {
        std::fputs(text_errors(errors).c_str(), stderr);
        return kExitUsage;
    }
    Evaluation ev;
    evaluate(trial, record, ev);
    std::string out;
    if (text_format) {
        out = text_report(trial, record, ev);
    } else {
        VerdictWriter(trial).write(record, ev, out);
        out += '\n';
    }
    return write_out(out) ? kExitOk : kExitFailure;
}

int evaluate_batch(const Trial& trial, const std::string& path, unsigned jobs)
{
    std::FILE* in = stdin;
    if (path != "-") {
        in = std::fopen(path.c_str(), "rb");
        if (!in) {
            std::fprintf(stderr, "eligibility: cannot open %s: %s\n", path.c_str(), std::strerror(errno));
            return kExitUsage;
        }
    }
    BatchTotals totals;
    if (jobs <= 1) {
        // One core: stream through a single evaluator.
        BatchEvaluator batch(trial);
        std::string out;
        char buffer[1 << 16];
        size_t n;
        while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) {
            batch.feed(std::string_view(buffer, n), out);
            if (out.size() > (1 << 20)) {
                totals.write_failed |= !write_out(out);
                out.clear();
            }
        }
        totals.read_failed = std::ferror(in) != 0;
        batch.finish(out);
        totals.write_failed |= !write_out(out);
        totals.lines = batch.lines();
        totals.bad_lines = batch.bad_lines();
    } else {
        totals = evaluate_in_parallel(trial, in, jobs, write_out);
    }
    if (in != stdin) std::fclose(in);
    if (totals.bad_lines)
        std::fprintf(stderr, "eligibility: %ld of %ld lines had input errors (see their \"errors\")\n", totals.bad_lines, totals.lines);
    if (totals.read_failed) {
        std::fprintf(stderr, "eligibility: error reading %s\n", path.c_str());
        return kExitFailure;
    }
    return totals.write_failed ? kExitFailure : kExitOk;
}

int check_criteria(const std::string& path)
{
    auto text = read_input(path);
    if (!text) return kExitUsage;
    TrialLoadResult loaded = load_trial(*text);
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s: %zu problem%s:\n", path.c_str(), loaded.errors.size(), loaded.errors.size() == 1 ? "" : "s");
        for (const LoadError& e : loaded.errors) std::fprintf(stderr, "  %s\n", describe(e).c_str());
        return kExitUsage;
    }
    const Trial& trial = *loaded.trial;
    std::printf("%s: valid — %s, version %s: %zu criteria, %zu fields, %zu derived values, %zu constraints\n", path.c_str(),
                trial.info.nct_id.c_str(), trial.version.c_str(), trial.criteria.size(), trial.fields.size(), trial.derived.size(),
                trial.constraints.size());
    return kExitOk;
}

int usage_error(const std::string& message)
{
    std::fprintf(stderr, "eligibility: %s\n\n%s", message.c_str(), kUsage);
    return kExitUsage;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage_error("no command given");
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(kUsage, stdout);
        return kExitOk;
    }
    if (args[0] == "--version") {
        std::printf("eligibility 1.0.0\n");
        return kExitOk;
    }
    if (args[0] == "check-criteria") {
        if (args.size() != 2) return usage_error("check-criteria takes one FILE");
        return check_criteria(args[1]);
    }
    if (args[0] != "evaluate") return usage_error("unknown command \"" + args[0] + "\"");

    std::string criteria_path, format = "json", input, jobs_text;
    bool ndjson = false, have_input = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--criteria" || a == "--format" || a == "--jobs") {
            if (i + 1 >= args.size()) return usage_error(a + " needs a value");
            (a == "--criteria" ? criteria_path : a == "--format" ? format : jobs_text) = args[++i];
        } else if (a == "--ndjson") {
            ndjson = true;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return usage_error("unknown option \"" + a + "\"");
        } else {
            if (have_input) return usage_error("evaluate takes one input file");
            input = a;
            have_input = true;
        }
    }
    if (format != "json" && format != "text") return usage_error("--format is json or text");
    if (ndjson && format != "json") return usage_error("--ndjson prints JSON lines; --format text is for one record");
    if (!ndjson && !have_input) return usage_error("evaluate needs a RECORD.json (or - for stdin)");

    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
#ifdef __EMSCRIPTEN__
    jobs = 1;  // the node build has no threads
#endif
    if (!jobs_text.empty()) {
        char* end = nullptr;
        const long n = std::strtol(jobs_text.c_str(), &end, 10);
        if (*end || n < 1 || n > 256) return usage_error("--jobs takes a number from 1 to 256");
#ifndef __EMSCRIPTEN__
        jobs = static_cast<unsigned>(n);
#endif
    }
    if (!jobs_text.empty() && !ndjson) return usage_error("--jobs is for --ndjson");

    std::optional<Trial> trial = load_criteria(criteria_path);
    if (!trial) return kExitUsage;
    if (ndjson) return evaluate_batch(*trial, have_input ? input : "-", jobs);
    return evaluate_one(*trial, input, format == "text");
}
