#include "app/ui/log_book.h"

#include "core/base/date.h"
#include "core/records/record_json.h"

#include <algorithm>

namespace app {

namespace {

int verdict_rank(elig::Status status)
{
    // The order a coordinator reads a log in: who is out, who is in, who is waiting.
    switch (status) {
    case elig::Status::fail: return 0;
    case elig::Status::pass: return 1;
    case elig::Status::review: return 2;
    case elig::Status::unknown: return 3;
    }
    return 3;
}

int excluded_count(const LogRow& row) { return static_cast<int>(std::count(row.criteria.begin(), row.criteria.end(), elig::Status::fail)); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

} // namespace

bool label_less(std::string_view a, std::string_view b)
{
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            // Two numbers: without their leading zeros, the longer is larger, else the first digit that differs.
            size_t i_end = i, j_end = j;
            while (i_end < a.size() && is_digit(a[i_end])) ++i_end;
            while (j_end < b.size() && is_digit(b[j_end])) ++j_end;
            size_t i_lead = i, j_lead = j;
            while (i_lead + 1 < i_end && a[i_lead] == '0') ++i_lead;
            while (j_lead + 1 < j_end && b[j_lead] == '0') ++j_lead;
            const std::string_view x = a.substr(i_lead, i_end - i_lead), y = b.substr(j_lead, j_end - j_lead);
            if (x.size() != y.size()) return x.size() < y.size();
            if (x != y) return x < y;
            i = i_end;
            j = j_end;
        } else {
            if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
            ++i;
            ++j;
        }
    }
    if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
    return a < b;  // equal by value: their bytes decide
}

bool label_contains(std::string_view label, std::string_view part)
{
    if (part.empty()) return true;
    for (size_t start = 0; start + part.size() <= label.size(); ++start) {
        size_t k = 0;
        while (k < part.size() && ascii_lower(label[start + k]) == ascii_lower(part[k])) ++k;
        if (k == part.size()) return true;
    }
    return false;
}

LogBook::LogBook(const elig::Trial& trial) : trial_(trial), summary_(trial)
{
    set_words(trial);
    for (size_t c = 0; c < trial.criteria.size(); ++c) attrition_order_.push_back(static_cast<int>(c));
}

// Past the next criterion that excludes anyone (the chart lists only those).
void LogBook::move_in_attrition_order(int criterion, int by)
{
    const auto at = std::find(attrition_order_.begin(), attrition_order_.end(), criterion);
    if (at == attrition_order_.end() || by == 0) return;
    const elig::LogSummary& counts = summary();
    std::ptrdiff_t to = at - attrition_order_.begin();
    const std::ptrdiff_t step = by < 0 ? -1 : 1, size = static_cast<std::ptrdiff_t>(attrition_order_.size());
    do to += step;
    while (to >= 0 && to < size && counts.criteria[static_cast<size_t>(attrition_order_[static_cast<size_t>(to)])].fail == 0);
    if (to < 0 || to >= size) return;
    const std::ptrdiff_t from = at - attrition_order_.begin();
    if (step < 0) std::rotate(attrition_order_.begin() + to, attrition_order_.begin() + from, attrition_order_.begin() + from + 1);
    else std::rotate(attrition_order_.begin() + from, attrition_order_.begin() + from + 1, attrition_order_.begin() + to + 1);
    summary_dirty_ = true;
}

const std::vector<long>& LogBook::first_fail_in_order()
{
    summary();
    return first_fail_in_order_;
}

void LogBook::set_words(const elig::Trial& shown)
{
    reader_ = std::make_unique<elig::RecordReader>(shown);
    log_reader_ = std::make_unique<elig::ScreeningLogReader>(shown);
}

void LogBook::fill(LogRow& row, const elig::Record& record)
{
    elig::evaluate(trial_, record, evaluation_);
    row.overall = evaluation_.overall;
    row.criteria = evaluation_.criteria;
    row.missing.clear();
    elig::for_each_field(evaluation_.missing, [&](size_t f) { row.missing.push_back(static_cast<int>(f)); });
    const int id = trial_.find_slot("id"), date = trial_.find_slot("screening_date");
    row.label = trial_.is_field(id) && record.value(id).known() ? record.value(id).text : std::string();
    row.date = trial_.is_field(date) && record.value(date).known() ? elig::format_iso_date(record.value(date).date) : std::string();
}

void LogBook::changed()
{
    visible_dirty_ = summary_dirty_ = true;
    unsaved_ = true;
}

size_t LogBook::read(const std::string& file_name, std::string_view text, size_t first_line) { return read_as(file_name, text, first_line, nullptr); }

size_t LogBook::read_ndjson_part(const std::string& file_name, std::string_view text, size_t first_line)
{
    const elig::LogFormat ndjson = elig::LogFormat::ndjson;
    return read_as(file_name, text, first_line, &ndjson);
}

size_t LogBook::read_as(const std::string& file_name, std::string_view text, size_t first_line, const elig::LogFormat* format)
{
    const size_t before = rows_.size(), errors_before = errors_.size();
    auto on_record = [&](long line, const elig::Record& record) {
        LogRow row;
        // As the file has it, saved again unchanged; an array's element over
        // several lines is written on one, for NDJSON.
        const std::string_view as_read = log_reader_->record_json();
        if (as_read.find_first_of("\r\n") == std::string_view::npos) row.record_json = as_read;
        else row.record_json = elig::write_record_json(trial_, record);
        row.source = file_name + ":" + std::to_string(static_cast<long>(first_line) + line);
        fill(row, record);
        rows_.push_back(std::move(row));
    };
    if (format) log_reader_->read(text, *format, on_record, errors_);
    else log_reader_->read(text, on_record, errors_);
    for (size_t e = errors_before; e < errors_.size(); ++e) {
        errors_[e].line += static_cast<long>(first_line);
        error_files_.push_back(file_name);
    }
    if (rows_.size() != before) changed();
    return rows_.size() - before;
}

bool LogBook::add(std::string_view record_json, const std::string& source)
{
    input_errors_.clear();
    if (!reader_->read(record_json, record_, input_errors_)) {
        std::string message;
        for (const elig::InputError& e : input_errors_) message += (message.empty() ? "" : "; ") + e.message;
        errors_.push_back({0, message});
        error_files_.push_back(source);
        return false;
    }
    LogRow row;
    row.record_json = elig::write_record_json(trial_, record_);
    row.source = source;
    fill(row, record_);
    rows_.push_back(std::move(row));
    changed();
    return true;
}

bool LogBook::update(size_t index, std::string_view record_json)
{
    if (index >= rows_.size() || !reader_->read(record_json, record_, input_errors_)) return false;
    LogRow& row = rows_[index];
    std::string json = elig::write_record_json(trial_, record_);
    if (json == row.record_json) return false;
    row.record_json = std::move(json);
    row.changed = true;
    fill(row, record_);
    changed();
    return true;
}

void LogBook::add_error(const std::string& file_name, long line, std::string message)
{
    errors_.push_back({line, std::move(message)});
    error_files_.push_back(file_name);
    summary_dirty_ = true;
}

void LogBook::remove(size_t index)
{
    if (index >= rows_.size()) return;
    removed_.emplace_back(index, std::move(rows_[index]));
    rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(index));
    changed();
}

bool LogBook::undo_remove()
{
    if (removed_.empty()) return false;
    auto [index, row] = std::move(removed_.back());
    removed_.pop_back();
    rows_.insert(rows_.begin() + static_cast<std::ptrdiff_t>(std::min(index, rows_.size())), std::move(row));
    changed();
    return true;
}

void LogBook::clear()
{
    rows_.clear();
    removed_.clear();
    errors_.clear();
    error_files_.clear();
    visible_dirty_ = summary_dirty_ = true;
    unsaved_ = false;
}

void LogBook::set_sort(Column column, bool ascending)
{
    if (sort_ == column && ascending_ == ascending) return;
    sort_ = column;
    ascending_ = ascending;
    visible_dirty_ = true;
}

void LogBook::set_verdict_filter(int status)
{
    verdict_filter_ = status;
    visible_dirty_ = true;
}

void LogBook::set_criterion_filter(int criterion)
{
    criterion_filter_ = criterion;
    visible_dirty_ = true;
}

void LogBook::set_search(std::string text)
{
    search_ = std::move(text);
    visible_dirty_ = true;
}

const std::vector<size_t>& LogBook::visible()
{
    if (!visible_dirty_) return visible_;
    visible_dirty_ = false;
    visible_.clear();
    for (size_t i = 0; i < rows_.size(); ++i) {
        const LogRow& row = rows_[i];
        if (verdict_filter_ >= 0 && static_cast<int>(row.overall) != verdict_filter_) continue;
        if (criterion_filter_ >= 0 && row.criteria[static_cast<size_t>(criterion_filter_)] != elig::Status::fail) continue;
        if (!label_contains(row.label, search_)) continue;
        visible_.push_back(i);
    }
    auto key_less = [&](size_t a, size_t b) {
        const LogRow &x = rows_[a], &y = rows_[b];
        switch (sort_) {
        case Column::label: return label_less(x.label, y.label);
        case Column::date: return x.date < y.date;
        case Column::verdict: return verdict_rank(x.overall) < verdict_rank(y.overall);
        case Column::excluded: return excluded_count(x) < excluded_count(y);
        case Column::missing: return x.missing.size() < y.missing.size();
        case Column::changed: return x.changed < y.changed;
        }
        return false;
    };
    // Stable: rows that tie keep the log's order.
    std::stable_sort(visible_.begin(), visible_.end(), [&](size_t a, size_t b) { return ascending_ ? key_less(a, b) : key_less(b, a); });
    return visible_;
}

const elig::LogSummary& LogBook::summary()
{
    if (!summary_dirty_) return summary_;
    summary_dirty_ = false;
    summary_ = elig::LogSummary(trial_);
    missing_counts_.assign(trial_.fields.size(), 0);
    first_fail_in_order_.assign(trial_.criteria.size(), 0);
    elig::Evaluation ev;
    for (const LogRow& row : rows_) {
        ev.overall = row.overall;
        ev.criteria = row.criteria;
        summary_.add(ev);
        for (int f : row.missing) ++missing_counts_[static_cast<size_t>(f)];
        for (int c : attrition_order_)
            if (row.criteria[static_cast<size_t>(c)] == elig::Status::fail) {
                ++first_fail_in_order_[static_cast<size_t>(c)];
                break;
            }
    }
    summary_.errors = errors_;
    return summary_;
}

const std::vector<long>& LogBook::missing_counts()
{
    summary();
    return missing_counts_;
}

std::string LogBook::ndjson() const
{
    std::string out;
    for (const LogRow& row : rows_) out += row.record_json + "\n";
    return out;
}

std::string LogBook::csv(const elig::Trial& shown) const
{
    std::string out;
    elig::write_log_csv_header(shown, out);
    elig::Record record;
    elig::RecordReader reader(shown);
    std::vector<elig::InputError> problems;
    elig::Evaluation ev;
    for (const LogRow& row : rows_) {
        if (!reader.read(row.record_json, record, problems)) continue;  // every row read once already
        elig::evaluate(shown, record, ev);
        elig::append_log_csv_row(shown, record, ev, out);
    }
    return out;
}

} // namespace app
