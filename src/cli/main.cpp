// eligibility: the command-line shell around the core, for single records
// and batch pre-screening (NDJSON). All decisions live in src/core.
#include "bundled/bundled_criteria.h"
#include "cli/batch.h"
#include "cli/cli_io.h"
#include "cli/fhir_command.h"
#include "cli/parallel_batch.h"
#include "core/criteria/trial_loader.h"
#include "core/criteria/trial_translation.h"
#include "core/guide/guidance_json.h"
#include "core/log/screening_log.h"
#include "core/records/record_reader.h"
#include "core/report/text_report.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace elig;

namespace {

const char* const kUsage =
    "usage:\n"
    "  eligibility evaluate [--criteria FILE] [--lang en|zh] [--format json|text] RECORD.json\n"
    "  eligibility evaluate [--criteria FILE] [--lang en|zh] --ndjson [--jobs N] [FILE|-]\n"
    "  eligibility evaluate [--format json|text] --fhir FILE [--patient ID] [--as-of DATE]\n"
    "  eligibility next [--criteria FILE] [--lang en|zh] [--skipped ID[,ID...]] RECORD.json\n"
    "  eligibility log [--criteria FILE] [--lang en|zh] [--format json|csv] [--jobs N] FILE\n"
    "  eligibility log [--criteria FILE] --merge SUMMARY.json SUMMARY.json...\n"
    "  eligibility import-fhir FILE [--patient ID] [--as-of DATE] [--provenance]\n"
    "  eligibility check-criteria FILE\n"
    "  eligibility --help | --version\n"
    "\n"
    "evaluate        prints the verdict of one patient record (JSON, or a readable\n"
    "                report with --format text); RECORD.json may be - for stdin.\n"
    "--ndjson        reads one record per line and prints one verdict per line;\n"
    "                a bad line prints {\"line\": N, \"errors\": [...]} and the rest run.\n"
    "--jobs N        evaluate --ndjson and log on N cores (default: all); the output is the same.\n"
    "--criteria      a criteria file instead of the bundled NCT07345780 criteria.\n"
    "--lang          the language of reasons, reports and input errors: en (default)\n"
    "                or zh (Simplified Chinese); ids and keys stay the same. With\n"
    "                --criteria FILE, its translation FILE-stem.<tag>.json must be beside it.\n"
    "next            guided pre-screening: prints {\"state\", \"overall\", \"questions\",\n"
    "                \"visit\"}, the questions that decide most first, each with what\n"
    "                every answer would do; --skipped lists fields not to ask again.\n"
    "log             the screening log of many records (NDJSON, a JSON array, or CSV\n"
    "                with field ids in its header row): json prints the summary\n"
    "                {\"assessed\", \"invalid\", \"errors\", \"overall\", \"criteria\"}; csv one\n"
    "                row per patient for a spreadsheet. --merge adds up the summaries\n"
    "                of a file's parts, in order, into the summary of the whole.\n"
    "check-criteria  validates a criteria file.\n"
    "import-fhir     reads a FHIR R4 file (Bundle or resource) and prints the patient's\n"
    "                record; --provenance prints {\"record\", \"provenance\", \"skipped\",\n"
    "                \"conflicts\"}: where each value came from and why others were not used.\n"
    "--fhir FILE     evaluate the record imported from FILE (as of its screening date).\n"
    "--patient ID    the patient to import when the file has several.\n"
    "--as-of DATE    use values on or before DATE (default today); it becomes the\n"
    "                record's screening_date.\n"
    "\n"
    "exit status: 0 verdicts produced; 2 usage, criteria or record error.\n";

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

// The trial in language `lang` ("en", "zh", "zh-CN"): the bundled
// translation, or for --criteria FILE the translation beside it.
std::optional<Trial> in_language(Trial trial, const std::string& lang, const std::string& criteria_path)
{
    if (lang == "en") return trial;
    const BundledLanguage* language = find_bundled_language(lang);
    if (!language) {
        std::fprintf(stderr, "eligibility: no language \"%s\" (this program has en", lang.c_str());
        for (const BundledLanguage& l : bundled_languages()) std::fprintf(stderr, ", %.*s", static_cast<int>(l.tag.size()), l.tag.data());
        std::fprintf(stderr, ")\n");
        return std::nullopt;
    }
    std::string translation(language->translation());
    std::string translation_path = "the bundled " + std::string(language->tag) + " translation";
    if (!criteria_path.empty()) {
        const size_t dot = criteria_path.rfind('.');
        translation_path = (dot == std::string::npos ? criteria_path : criteria_path.substr(0, dot)) + "." + std::string(language->tag) + ".json";
        std::FILE* exists = std::fopen(translation_path.c_str(), "rb");
        if (!exists) {
            std::fprintf(stderr, "eligibility: no %.*s translation of %s: expected it beside it, as %s\n", static_cast<int>(language->tag.size()),
                         language->tag.data(), criteria_path.c_str(), translation_path.c_str());
            return std::nullopt;
        }
        std::fclose(exists);
        auto text = read_input(translation_path);
        if (!text) return std::nullopt;
        translation = std::move(*text);
    }
    TrialLoadResult translated = translate_trial(trial, translation, language->language());
    if (!translated.ok()) {
        std::fprintf(stderr, "eligibility: %s is not a valid translation:\n", translation_path.c_str());
        for (const LoadError& e : translated.errors) std::fprintf(stderr, "  %s\n", describe(e).c_str());
        return std::nullopt;
    }
    return std::move(translated.trial);
}

int evaluate_one(const Trial& trial, const std::string& path, bool text_format)
{
    auto input = read_input(path);
    if (!input) return kExitUsage;
    return print_verdict(trial, *input, text_format);
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

// next: the guidance for one record, the fields in `skipped` not asked again.
int next_questions(const Trial& trial, const std::string& path, const std::string& skipped_list, long repeat)
{
    FieldSet skipped;
    for (size_t start = 0; start < skipped_list.size();) {
        size_t end = skipped_list.find(',', start);
        if (end == std::string::npos) end = skipped_list.size();
        const std::string id = skipped_list.substr(start, end - start);
        const int slot = trial.find_slot(id);
        if (!trial.is_field(slot)) {
            const std::string hint = trial.closest_field_id(id);
            std::fprintf(stderr, "eligibility: --skipped: \"%s\" is not a field of %s%s%s%s\n", id.c_str(), trial.info.nct_id.c_str(),
                         hint.empty() ? "" : " (did you mean \"", hint.c_str(), hint.empty() ? "" : "\"?)");
            return kExitUsage;
        }
        skipped.insert_field(slot);
        start = end + 1;
    }
    auto input = read_input(path);
    if (!input) return kExitUsage;
    RecordReader reader(trial);
    Record record;
    std::vector<InputError> errors;
    if (!reader.read(*input, record, errors)) {
        std::fputs(text_errors(trial.messages, errors).c_str(), stderr);
        return kExitUsage;
    }
    Guide guide(trial);
    if (repeat > 0) {  // hidden --repeat N: the ranking's time, for the WebAssembly build under node
        std::vector<double> ms;
        for (long i = 0; i < repeat; ++i) {
            const auto start = std::chrono::steady_clock::now();
            guide.next(record, skipped);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(ms.begin(), ms.end());
        std::fprintf(stderr, "next: median %.3f ms, min %.3f ms over %ld rankings\n", ms[ms.size() / 2], ms.front(), repeat);
    }
    std::string out;
    JsonWriter json(out);
    write_guidance_json(trial, guide.next(record, skipped), json);
    out += '\n';
    return write_out(out) ? kExitOk : kExitFailure;
}

int usage_error(const std::string& message);

// The cores to use: all of them, or --jobs N (`text`, "" when not given);
// false unless N is a number from 1 to 256. The node build has no threads
// and keeps one.
bool read_jobs(const std::string& text, unsigned& jobs)
{
    jobs = std::max(1u, std::thread::hardware_concurrency());
    if (!text.empty()) {
        char* end = nullptr;
        const long n = std::strtol(text.c_str(), &end, 10);
        if (*end || n < 1 || n > 256) return false;
        jobs = static_cast<unsigned>(n);
    }
#ifdef __EMSCRIPTEN__
    jobs = 1;
#endif
    return true;
}

// log: the summary (json) or the spreadsheet (csv) of a file of records.
// One part of a log: its summary, and its CSV rows when asked for.
struct LogPart {
    explicit LogPart(const Trial& trial) : summary(trial) {}
    LogSummary summary;
    std::string csv;
};

void summarise_part(const Trial& trial, std::string_view text, LogFormat format, bool csv, LogPart& part)
{
    ScreeningLogReader reader(trial);
    Evaluation ev;
    part.summary.lines = reader.read(text, format, [&](long, const Record& record) {
        // The summary counts statuses; only the CSV lists what is missing.
        if (csv) {
            evaluate(trial, record, ev);
            part.summary.add(ev);
            append_log_csv_row(trial, record, ev, part.csv);
        } else {
            Evaluation& derived = reader.evaluation();
            evaluate_statuses_derived(trial, record, derived);
            part.summary.add(derived);
        }
    }, part.summary.errors);
}

// log: the summary (json) or the spreadsheet (csv) of a file of records.
// NDJSON is cut at line breaks into one part per core; the parts' summaries
// merged in order are the whole's (LogSummary::merge), their rows in order
// the whole's CSV.
int screening_log(const Trial& trial, const std::string& path, bool csv, unsigned jobs)
{
    InputText input;
    if (!input.open(path)) return kExitUsage;
    const std::string_view all = input.text();
    const LogFormat format = detect_log_format(all);
    std::vector<std::string_view> pieces;
    if (format == LogFormat::ndjson && jobs > 1 && all.size() > (1u << 20)) {
        size_t start = 0;
        for (unsigned j = 1; j < jobs && start < all.size(); ++j) {
            size_t cut = all.find('\n', std::max(start, all.size() * j / jobs));
            if (cut == std::string_view::npos) break;
            pieces.push_back(all.substr(start, cut + 1 - start));
            start = cut + 1;
        }
        pieces.push_back(all.substr(start));
    } else {
        pieces.push_back(all);
    }
    std::vector<LogPart> parts(pieces.size(), LogPart(trial));
    std::vector<std::thread> threads;
    for (size_t i = 1; i < pieces.size(); ++i) threads.emplace_back([&, i] { summarise_part(trial, pieces[i], format, csv, parts[i]); });
    summarise_part(trial, pieces[0], format, csv, parts[0]);
    for (std::thread& t : threads) t.join();
    LogSummary& summary = parts[0].summary;
    for (size_t i = 1; i < parts.size(); ++i) summary.merge(parts[i].summary);

    std::string out;
    bool write_failed = false;
    if (csv) {
        write_log_csv_header(trial, out);
        for (LogPart& part : parts) {
            out += part.csv;
            write_failed |= !write_out(out);
            out.clear();
        }
        for (const LogError& e : summary.errors) std::fprintf(stderr, "eligibility: %s line %ld: %s\n", path.c_str(), e.line, e.message.c_str());
    } else {
        JsonWriter json(out);
        write_log_summary_json(trial, summary, json);
        out += '\n';
    }
    write_failed |= !write_out(out);
    return write_failed ? kExitFailure : kExitOk;
}

int merge_summaries(const Trial& trial, const std::vector<std::string>& paths)
{
    LogSummary whole(trial);
    for (const std::string& path : paths) {
        auto text = read_input(path);
        if (!text) return kExitUsage;
        LogSummary part(trial);
        std::string problem;
        if (!read_log_summary_json(trial, *text, part, problem)) {
            std::fprintf(stderr, "eligibility: %s is not a screening log summary: %s\n", path.c_str(), problem.c_str());
            return kExitUsage;
        }
        whole.merge(part);
    }
    std::string out;
    JsonWriter json(out);
    write_log_summary_json(trial, whole, json);
    out += '\n';
    return write_out(out) ? kExitOk : kExitFailure;
}

// eligibility log [--criteria FILE] [--lang L] [--format json|csv] FILE | --merge SUMMARY...
int log_command(const std::vector<std::string>& args)
{
    std::string criteria_path, lang = "en", format = "json", jobs_text;
    std::vector<std::string> inputs;
    bool merge = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--criteria" || a == "--lang" || a == "--format" || a == "--jobs") {
            if (i + 1 >= args.size()) return usage_error(a + " needs a value");
            (a == "--criteria" ? criteria_path : a == "--lang" ? lang : a == "--format" ? format : jobs_text) = args[++i];
        } else if (a == "--merge") {
            merge = true;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return usage_error("unknown option \"" + a + "\"");
        } else {
            inputs.push_back(a);
        }
    }
    if (format != "json" && format != "csv") return usage_error("--format is json or csv");
    if (merge && format != "json") return usage_error("--merge prints a summary: no --format csv");
    if (!merge && inputs.size() != 1) return usage_error("log takes one FILE (or - for stdin); --merge takes summaries");
    if (merge && inputs.empty()) return usage_error("--merge needs the summaries to add up");
    unsigned jobs = 1;
    if (!read_jobs(jobs_text, jobs)) return usage_error("--jobs takes a number from 1 to 256");
    std::optional<Trial> trial = load_criteria(criteria_path);
    if (trial) trial = in_language(std::move(*trial), lang, criteria_path);
    if (!trial) return kExitUsage;
    return merge ? merge_summaries(*trial, inputs) : screening_log(*trial, inputs[0], format == "csv", jobs);
}

int usage_error(const std::string& message)
{
    std::fprintf(stderr, "eligibility: %s\n\n%s", message.c_str(), kUsage);
    return kExitUsage;
}

// eligibility next [--criteria FILE] [--lang L] [--skipped IDS] RECORD.json
int next_command(const std::vector<std::string>& args)
{
    std::string criteria_path, lang = "en", skipped, input, repeat = "0";
    bool have_input = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--criteria" || a == "--lang" || a == "--skipped" || a == "--repeat") {
            if (i + 1 >= args.size()) return usage_error(a + " needs a value");
            (a == "--criteria" ? criteria_path : a == "--lang" ? lang : a == "--repeat" ? repeat : skipped) = args[++i];
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return usage_error("unknown option \"" + a + "\"");
        } else {
            if (have_input) return usage_error("next takes one RECORD.json");
            input = a;
            have_input = true;
        }
    }
    if (!have_input) return usage_error("next needs a RECORD.json (or - for stdin)");
    std::optional<Trial> trial = load_criteria(criteria_path);
    if (trial) trial = in_language(std::move(*trial), lang, criteria_path);
    if (!trial) return kExitUsage;
    char* end = nullptr;
    const long times = std::strtol(repeat.c_str(), &end, 10);
    if (*end || times < 0 || times > 100000) return usage_error("--repeat takes a number from 0 to 100000");
    return next_questions(*trial, input, skipped, times);
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
    if (args[0] == "import-fhir") return import_fhir_command({args.begin() + 1, args.end()});
    if (args[0] == "next") return next_command(args);
    if (args[0] == "log") return log_command(args);
    if (args[0] != "evaluate") return usage_error("unknown command \"" + args[0] + "\"");

    std::string criteria_path, format = "json", input, jobs_text, lang = "en";
    bool ndjson = false, have_input = false;
    FhirCommandOptions fhir;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--fhir" || a == "--patient" || a == "--as-of") {
            if (i + 1 >= args.size()) return usage_error(a + " needs a value");
            set_fhir_option(fhir, a, args[++i]);
        } else if (a == "--criteria" || a == "--format" || a == "--jobs" || a == "--lang") {
            if (i + 1 >= args.size()) return usage_error(a + " needs a value");
            (a == "--criteria" ? criteria_path : a == "--format" ? format : a == "--lang" ? lang : jobs_text) = args[++i];
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
    if (!fhir.file.empty() && (ndjson || have_input)) return usage_error("--fhir FILE is the input: no RECORD.json, no --ndjson");
    if ((!fhir.patient.empty() || !fhir.as_of.empty()) && fhir.file.empty()) return usage_error("--patient and --as-of are for --fhir FILE");
    if (!ndjson && !have_input && fhir.file.empty()) return usage_error("evaluate needs a RECORD.json (or - for stdin)");

    unsigned jobs = 1;
    if (!read_jobs(jobs_text, jobs)) return usage_error("--jobs takes a number from 1 to 256");
    if (!jobs_text.empty() && !ndjson) return usage_error("--jobs is for --ndjson");

    std::optional<Trial> trial = load_criteria(criteria_path);
    if (trial) trial = in_language(std::move(*trial), lang, criteria_path);
    if (!trial) return kExitUsage;
    if (!fhir.file.empty()) return evaluate_fhir_command(*trial, fhir, format == "text");
    if (ndjson) return evaluate_batch(*trial, have_input ? input : "-", jobs);
    return evaluate_one(*trial, input, format == "text");
}
