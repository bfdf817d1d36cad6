// The screening log: many records at once, read from NDJSON (one record a
// line, the CLI's format), a JSON array of records, or a CSV whose header
// row names fields by id; summarised into the counts a CONSORT diagram and
// a sponsor's screening log need; and written as CSV for a spreadsheet.
// A bad line is an error with its line number and reason; every other
// record is read. Summaries of the parts of a file, merged in order, are
// the summary of the whole (line numbers included), so a long history can
// be split by lines over any number of machines.
//
// Example:
//   ScreeningLogReader reader(trial);
//   LogSummary summary(trial);
//   Evaluation ev;
//   summary.lines = reader.read(text, [&](long, const Record& r) { evaluate(trial, r, ev); summary.add(ev); }, summary.errors);
//   std::string json;
//   JsonWriter out(json);
//   write_log_summary_json(trial, summary, out);  // {"assessed":…,"invalid":…,"errors":[…],"overall":{…},"criteria":[…]}
#pragma once
#include "core/eval/evaluate.h"
#include "core/json/json_writer.h"
#include "core/records/record_reader.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

struct LogError {
    long line = 0;        // 1-based, in the file as given
    std::string message;  // the record reader's sentences, joined
};

enum class LogFormat : uint8_t { ndjson, json_array, csv };
// A JSON array starts with "["; NDJSON with "{" (or is empty); anything
// else is CSV. A UTF-8 byte order mark is skipped.
LogFormat detect_log_format(std::string_view text);

class ScreeningLogReader {
public:
    explicit ScreeningLogReader(const Trial& trial) : trial_(trial), reader_(trial) {}

    // Calls `on_record(line, record)` for each record that reads, in file
    // order, and adds an error for each that does not. Returns the number
    // of lines of `text`.
    long read(std::string_view text, const std::function<void(long, const Record&)>& on_record, std::vector<LogError>& errors);
    // The same for a part of a file whose format is known (a piece of an
    // NDJSON file cut at a line break is NDJSON whatever its first line).
    long read(std::string_view text, LogFormat format, const std::function<void(long, const Record&)>& on_record, std::vector<LogError>& errors);

    // In on_record: the record's JSON as read (a CSV row's, as converted).
    std::string_view record_json() const { return record_json_; }
    // In on_record: the record's derived values, already computed by its
    // checks (RecordReader::evaluation()).
    Evaluation& evaluation() { return reader_.evaluation(); }

private:
    const Trial& trial_;
    RecordReader reader_;
    std::string_view record_json_;
    Record record_;
    std::vector<InputError> input_errors_;
    std::string json_;

    void one(long line, std::string_view json, const std::function<void(long, const Record&)>& on_record, std::vector<LogError>& errors);
    long read_ndjson(std::string_view text, const std::function<void(long, const Record&)>& on_record, std::vector<LogError>& errors);
    long read_array(std::string_view text, const std::function<void(long, const Record&)>& on_record, std::vector<LogError>& errors);
    long read_csv(std::string_view text, const std::function<void(long, const Record&)>& on_record, std::vector<LogError>& errors);
};

struct CriterionCounts {
    long fail = 0;             // patients it excludes
    long unknown = 0;          // patients still unknown on it
    long first_fail = 0;       // patients it is the first to exclude, in protocol order
    long waived_eligible = 0;  // patients every other criterion passes: eligible were it waived
};

struct LogSummary {
    explicit LogSummary(const Trial& trial) : criteria(trial.criteria.size()) {}
    long assessed = 0, lines = 0;
    std::vector<LogError> errors;  // one a record that did not read
    long invalid() const { return static_cast<long>(errors.size()); }
    long eligible = 0, ineligible = 0, incomplete = 0, review = 0;
    std::vector<CriterionCounts> criteria;  // like Trial::criteria

    void add(const Evaluation& ev);
    // `later` is the next part of the same file: its lines come after ours.
    void merge(const LogSummary& later);
};

void write_log_summary_json(const Trial& trial, const LogSummary& summary, JsonWriter& out);
// A summary written by write_log_summary_json (for --merge); false with a
// reason naming the JSON path when it is not one of this trial's.
bool read_log_summary_json(const Trial& trial, std::string_view text, LogSummary& out, std::string& problem);

// The log as CSV for a spreadsheet: UTF-8 with a byte order mark (so that
// Excel shows Chinese), one row per patient: label, screening date,
// verdict, the excluding criteria's ids and titles, the missing fields.
// A cell that a spreadsheet would run as a formula (it begins with =, +,
// -, @, a tab or a carriage return) is written after an apostrophe, as
// OWASP advises; csv_cell_as_typed() undoes it.
void write_log_csv_header(const Trial& trial, std::string& out);
void append_log_csv_row(const Trial& trial, const Record& record, const Evaluation& ev, std::string& out);
void append_csv_cell(std::string& out, std::string_view text);
std::string csv_cell_as_typed(std::string_view cell);

} // namespace elig
