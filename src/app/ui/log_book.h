// The page's screening log: many patients at once, each a record of the
// contract, with the verdict the core gives it; the rows a reader sees
// (sorted, filtered by verdict or criterion, searched by label), removal
// with undo, the summary a CONSORT diagram needs (core/log), and the log
// written back as NDJSON (each record as it was read) or as CSV for Excel.
// Platform-free and without ImGui: the app draws it (app_log.cpp).
//
// Example:
//   LogBook log(trial);
//   log.read("log.ndjson", text);          // rows for the records, errors with their lines
//   log.add(record_json);                  // "Add to log" for the patient in the calculator
//   log.set_sort(LogBook::Column::verdict, true);
//   for (size_t i : log.visible()) show(log.row(i));
//   log.summary().ineligible;              // as `eligibility log` counts them
#pragma once
#include "core/log/screening_log.h"
#include "core/model/trial.h"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace app {

struct LogRow {
    std::string record_json;             // the record, as read or as the form wrote it
    std::string label, date;             // its screening label and screening date ("" when absent)
    elig::Status overall = elig::Status::unknown;
    std::vector<elig::Status> criteria;  // like Trial::criteria
    std::vector<int> missing;            // the fields still missing, in dictionary order
    std::string source;                  // the file it came from, and its line ("log.ndjson:12"); "" when added here
    bool changed = false;                // edited since the log was opened
};

// Labels as a person reads them: runs of digits by their value ("S-2"
// before "S-10"), the rest byte by byte; "S-02" and "S-2" tie on value and
// then go by their bytes, so the order is total.
bool label_less(std::string_view a, std::string_view b);
// Whether `label` holds `part`, ignoring the case of ASCII letters ("s-01"
// finds "S-017").
bool label_contains(std::string_view label, std::string_view part);

class LogBook {
public:
    enum class Column : uint8_t { label, date, verdict, excluded, missing, changed };

    explicit LogBook(const elig::Trial& trial);
    // The trial in the reader's language: what does not read is said in it.
    void set_words(const elig::Trial& shown);

    // The records of a file (NDJSON, a JSON array, or CSV), each added as a
    // row; a record that does not read is listed with its line and reason.
    // Returns how many rows were added.
    size_t read(const std::string& file_name, std::string_view text, size_t first_line = 0);
    // A piece of an NDJSON file cut at a line break, whose first line is the
    // file's line first_line + 1 (a big file read over frames).
    size_t read_ndjson_part(const std::string& file_name, std::string_view text, size_t first_line);
    // One record (the calculator's patient, or a record file); false with
    // the reasons in errors() when it does not read.
    bool add(std::string_view record_json, const std::string& source = "");
    // The row's record replaced (it was edited in the calculator).
    bool update(size_t row, std::string_view record_json);
    // A file that gave no record (a FHIR file that did not import), listed with the rest.
    void add_error(const std::string& file_name, long line, std::string message);
    void remove(size_t row);
    bool undo_remove();
    bool can_undo() const { return !removed_.empty(); }
    void clear();

    size_t size() const { return rows_.size(); }
    const LogRow& row(size_t index) const { return rows_[index]; }
    const std::vector<elig::LogError>& errors() const { return errors_; }
    const std::vector<std::string>& error_files() const { return error_files_; }  // by error: its file

    // What the table shows: sorted, filtered, searched.
    void set_sort(Column column, bool ascending);
    void set_verdict_filter(int status);       // -1 all, else an elig::Status
    void set_criterion_filter(int criterion);  // -1 all, else the criterion that excludes
    void set_search(std::string text);         // a part of the label
    int verdict_filter() const { return verdict_filter_; }
    int criterion_filter() const { return criterion_filter_; }
    const std::vector<size_t>& visible();

    // The counts of every row (not only the visible ones), and by field how
    // many rows miss it.
    const elig::LogSummary& summary();
    const std::vector<long>& missing_counts();
    // The sequential attrition in an order of the reader's: each patient
    // counted at the first criterion of `order` that excludes them (by
    // criterion index; protocol order until it is changed).
    const std::vector<int>& attrition_order() const { return attrition_order_; }
    void move_in_attrition_order(int criterion, int by);  // -1 earlier, +1 later
    const std::vector<long>& first_fail_in_order();      // by criterion index
    // The log as NDJSON (one record a line, as read) and as CSV for Excel.
    std::string ndjson() const;
    std::string csv(const elig::Trial& shown) const;
    // Unsaved: changed since it was opened or last saved.
    bool unsaved() const { return unsaved_; }
    void saved() { unsaved_ = false; }

private:
    const elig::Trial& trial_;
    std::unique_ptr<elig::RecordReader> reader_;
    std::unique_ptr<elig::ScreeningLogReader> log_reader_;
    elig::Record record_;
    elig::Evaluation evaluation_;
    std::vector<elig::InputError> input_errors_;
    std::vector<LogRow> rows_;
    std::vector<std::pair<size_t, LogRow>> removed_;  // where each was, for undo
    std::vector<elig::LogError> errors_;
    std::vector<std::string> error_files_;
    Column sort_ = Column::label;
    bool ascending_ = true;
    int verdict_filter_ = -1, criterion_filter_ = -1;
    std::string search_;
    std::vector<size_t> visible_;
    bool visible_dirty_ = true;
    elig::LogSummary summary_;
    std::vector<long> missing_counts_;
    std::vector<int> attrition_order_;
    std::vector<long> first_fail_in_order_;
    bool summary_dirty_ = true;
    bool unsaved_ = false;

    void fill(LogRow& row, const elig::Record& record);
    size_t read_as(const std::string& file_name, std::string_view text, size_t first_line, const elig::LogFormat* format);
    void changed();
};

} // namespace app
