#include "core/log/screening_log.h"

#include "core/json/json_reader.h"

#include <algorithm>

namespace elig {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view without_bom(std::string_view text) { return text.substr(0, 3) == kBom ? text.substr(3) : text; }

long count_lines(std::string_view text)
{
    if (text.empty()) return 0;
    return static_cast<long>(std::count(text.begin(), text.end(), '\n')) + (text.back() == '\n' ? 0 : 1);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// One row of a CSV (RFC 4180: quoted cells may hold commas, quotes as "",
// and line breaks), from `at`, counting the line breaks it reads in `line`;
// returns false at the end of the text.
bool csv_row(std::string_view text, size_t& at, long& line, std::vector<std::string>& cells)
{
    cells.clear();
    if (at >= text.size()) return false;
    std::string cell;
    bool quoted = false, was_quoted = false;
    while (at < text.size()) {
        const char c = text[at++];
        if (quoted) {
            if (c == '"' && at < text.size() && text[at] == '"') cell += '"', ++at;
            else if (c == '"') quoted = false;
            else {
                if (c == '\n') ++line;
                cell += c;
            }
        } else if (c == '"' && cell.empty() && !was_quoted) {
            quoted = was_quoted = true;
        } else if (c == ',') {
            cells.push_back(csv_cell_as_typed(cell));
            cell.clear();
            was_quoted = false;
        } else if (c == '\n' || (c == '\r' && at < text.size() && text[at] == '\n')) {
            // A row ends at LF or CRLF (a lone CR is part of its cell): lines
            // are counted as everywhere else, by LF.
            if (c == '\r') ++at;
            ++line;
            break;
        } else {
            cell += c;
        }
    }
    cells.push_back(csv_cell_as_typed(cell));
    return true;
}

bool starts_formula(std::string_view cell)
{
    size_t i = 0;
    while (i < cell.size() && cell[i] == '\'') ++i;
    return i < cell.size() && (cell[i] == '=' || cell[i] == '+' || cell[i] == '-' || cell[i] == '@' || cell[i] == '\t' || cell[i] == '\r');
}

// A CSV cell as the record JSON holds it: empty is absent; a number field's
// cell that is a JSON number is a number, true/false a yes/no; everything
// else a string, for the record reader to judge (and refuse with the
// field's name when it is not what the field takes).
void cell_json(const FieldDef& field, const std::string& cell, JsonWriter& out)
{
    if ((field.type == FieldType::number || field.type == FieldType::integer) && !cell.empty()) {
        JsonDocument doc;
        if (read_json(cell, doc) && doc.items.size() == 1 && doc.items[0].type() == JsonItem::Type::number) {
            out.raw(cell);
            return;
        }
    }
    if (field.type == FieldType::boolean && (cell == "true" || cell == "false")) {
        out.value(cell == "true");
        return;
    }
    out.value(cell);
}

} // namespace

LogFormat detect_log_format(std::string_view text)
{
    text = without_bom(text);
    size_t i = 0;
    while (i < text.size() && is_space(text[i])) ++i;
    if (i == text.size() || text[i] == '{') return LogFormat::ndjson;
    if (text[i] == '[') return LogFormat::json_array;
    return LogFormat::csv;
}

void ScreeningLogReader::one(long line, std::string_view json, const std::function<void(long, const Record&)>& on_record,
                             std::vector<LogError>& errors)
{
    input_errors_.clear();
    if (reader_.read(json, record_, input_errors_)) {
        record_json_ = json;
        on_record(line, record_);
        return;
    }
    LogError error{line, {}};
    for (const InputError& e : input_errors_) error.message += (error.message.empty() ? "" : "; ") + e.message;
    errors.push_back(std::move(error));
}

long ScreeningLogReader::read(std::string_view text, const std::function<void(long, const Record&)>& on_record, std::vector<LogError>& errors)
{
    return read(text, detect_log_format(text), on_record, errors);
}

long ScreeningLogReader::read(std::string_view text, LogFormat format, const std::function<void(long, const Record&)>& on_record,
                              std::vector<LogError>& errors)
{
    const std::string_view body = without_bom(text);
    switch (format) {
    case LogFormat::ndjson: return read_ndjson(body, on_record, errors);
    case LogFormat::json_array: return read_array(body, on_record, errors);
    case LogFormat::csv: return read_csv(body, on_record, errors);
    }
    return 0;
}

long ScreeningLogReader::read_ndjson(std::string_view text, const std::function<void(long, const Record&)>& on_record, std::vector<LogError>& errors)
{
    long line = 0;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        ++line;
        const std::string_view row = text.substr(start, end - start);
        if (std::any_of(row.begin(), row.end(), [](char c) { return !is_space(c); })) one(line, row, on_record, errors);
        start = end + 1;
    }
    return line;
}

// Each element of the array is one record, numbered by the line it starts on.
long ScreeningLogReader::read_array(std::string_view text, const std::function<void(long, const Record&)>& on_record, std::vector<LogError>& errors)
{
    long line = 1;
    size_t at = text.find('[') + 1;
    for (size_t i = 0; i < at; ++i) line += text[i] == '\n';
    for (;;) {
        while (at < text.size() && is_space(text[at])) line += text[at++] == '\n';
        if (at >= text.size()) {
            // At the end of the text: its last line (a final line break ends it).
            errors.push_back({std::max(1L, count_lines(text)), "the array of records has no closing ]"});
            break;
        }
        if (text[at] == ']') {
            const size_t rest = text.find_first_not_of(" \t\r\n", at + 1);
            if (rest != std::string_view::npos) {
                for (size_t i = at; i < rest; ++i) line += text[i] == '\n';
                errors.push_back({line, "text after the array of records"});
            }
            break;
        }
        const long element_line = line;
        const size_t start = at;
        int depth = 0;
        bool in_string = false;
        for (; at < text.size(); ++at) {
            const char c = text[at];
            line += c == '\n';
            if (in_string) {
                if (c == '\\') ++at;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0) break;
                --depth;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        if (at == start) ++at;  // a stray } or ] where an element starts: it is the element (and an error)
        one(element_line, text.substr(start, at - start), on_record, errors);
        if (at < text.size() && text[at] == ',') ++at;
    }
    return count_lines(text);
}

long ScreeningLogReader::read_csv(std::string_view text, const std::function<void(long, const Record&)>& on_record, std::vector<LogError>& errors)
{
    size_t at = 0;
    long line = 0;
    std::vector<std::string> header, cells;
    if (!csv_row(text, at, line, header)) return 0;
    std::vector<int> slots;
    for (const std::string& name : header) slots.push_back(trial_.find_slot(name));
    while (at < text.size()) {
        const long row_line = line + 1;
        csv_row(text, at, line, cells);
        if (cells.size() == 1 && cells[0].empty()) continue;  // a blank line
        if (cells.size() != header.size()) {
            errors.push_back({row_line, "expected " + std::to_string(header.size()) + " cells as in the header, found " + std::to_string(cells.size())});
            continue;
        }
        json_.clear();
        JsonWriter out(json_);
        out.begin_object();
        for (size_t i = 0; i < cells.size(); ++i) {
            if (cells[i].empty()) continue;
            out.key(header[i]);
            // An unknown column goes to the record reader as it is, which names it.
            if (trial_.is_field(slots[i])) cell_json(trial_.field(slots[i]), cells[i], out);
            else out.value(cells[i]);
        }
        out.end_object();
        one(row_line, json_, on_record, errors);
    }
    return count_lines(text);
}

void LogSummary::add(const Evaluation& ev)
{
    ++assessed;
    switch (ev.overall) {
    case Status::pass: ++eligible; break;
    case Status::fail: ++ineligible; break;
    case Status::unknown: ++incomplete; break;
    case Status::review: ++review; break;
    }
    size_t passing = 0;
    bool first = true;
    for (size_t c = 0; c < criteria.size(); ++c) {
        const Status s = ev.criteria[c];
        passing += s == Status::pass;
        criteria[c].fail += s == Status::fail;
        criteria[c].unknown += s == Status::unknown;
        if (s == Status::fail && first) {
            ++criteria[c].first_fail;
            first = false;
        }
    }
    // Waiving one criterion makes the patient eligible when it is the only
    // one that does not pass.
    if (passing + 1 == criteria.size())
        for (size_t c = 0; c < criteria.size(); ++c) criteria[c].waived_eligible += ev.criteria[c] != Status::pass;
}

void LogSummary::merge(const LogSummary& later)
{
    for (const LogError& e : later.errors) errors.push_back({e.line + lines, e.message});
    assessed += later.assessed;
    lines += later.lines;
    eligible += later.eligible;
    ineligible += later.ineligible;
    incomplete += later.incomplete;
    review += later.review;
    for (size_t c = 0; c < criteria.size() && c < later.criteria.size(); ++c) {
        criteria[c].fail += later.criteria[c].fail;
        criteria[c].unknown += later.criteria[c].unknown;
        criteria[c].first_fail += later.criteria[c].first_fail;
        criteria[c].waived_eligible += later.criteria[c].waived_eligible;
    }
}

void write_log_summary_json(const Trial& trial, const LogSummary& summary, JsonWriter& out)
{
    out.begin_object();
    out.key("trial").value(trial.info.nct_id);
    out.key("criteria_version").value(trial.version);
    out.key("assessed").value(summary.assessed);
    out.key("invalid").value(summary.invalid());
    out.key("lines").value(summary.lines);
    out.key("errors").begin_array();
    for (const LogError& e : summary.errors) out.begin_object().key("line").value(e.line).key("message").value(e.message).end_object();
    out.end_array();
    out.key("overall").begin_object();
    out.key("eligible").value(summary.eligible).key("ineligible").value(summary.ineligible);
    out.key("incomplete").value(summary.incomplete).key("review").value(summary.review);
    out.end_object();
    out.key("criteria").begin_array();
    for (size_t c = 0; c < trial.criteria.size(); ++c) {
        const CriterionCounts& n = summary.criteria[c];
        out.begin_object().key("id").value(trial.criteria[c].id).key("fail").value(n.fail).key("unknown").value(n.unknown);
        out.key("first_fail").value(n.first_fail).key("waived_eligible").value(n.waived_eligible).end_object();
    }
    out.end_array();
    out.end_object();
}

bool read_log_summary_json(const Trial& trial, std::string_view text, LogSummary& out, std::string& problem)
{
    JsonDocument doc;
    if (!read_json(text, doc)) {
        problem = "not JSON (line " + std::to_string(doc.error.line) + ", column " + std::to_string(doc.error.column) + ")";
        return false;
    }
    const std::vector<JsonItem>& items = doc.items;
    auto member = [&](size_t object, std::string_view key) -> size_t {
        if (items[object].type() != JsonItem::Type::object) return 0;
        for (size_t m = object + 1; m < items[object].end(); m = items[m].end())
            if (doc.key(items[m]) == key) return m;
        return 0;
    };
    auto count = [&](size_t object, std::string_view key, const std::string& at, long& value) {
        const size_t m = member(object, key);
        const double n = m && items[m].type() == JsonItem::Type::number ? doc.number(items[m]) : -1;
        if (!(n >= 0 && n <= 1e15 && n == static_cast<double>(static_cast<long long>(n)))) {
            problem = at + "/" + std::string(key) + ": expected a count (a whole number from 0)";
            return false;
        }
        value = static_cast<long>(doc.number(items[m]));
        return true;
    };
    const size_t version = member(0, "criteria_version");
    if (!version || doc.text(items[version]) != trial.version) {
        problem = "/criteria_version: not a summary of criteria " + trial.version;
        return false;
    }
    long invalid = 0;
    if (!count(0, "assessed", "", out.assessed) || !count(0, "invalid", "", invalid) || !count(0, "lines", "", out.lines)) return false;
    const size_t overall = member(0, "overall");
    if (!count(overall, "eligible", "/overall", out.eligible) || !count(overall, "ineligible", "/overall", out.ineligible) ||
        !count(overall, "incomplete", "/overall", out.incomplete) || !count(overall, "review", "/overall", out.review))
        return false;
    out.errors.clear();
    if (const size_t errors = member(0, "errors"); errors && items[errors].type() == JsonItem::Type::array) {
        size_t i = 0;
        for (size_t e = errors + 1; e < items[errors].end(); e = items[e].end(), ++i) {
            LogError error;
            const size_t message = member(e, "message");
            if (!count(e, "line", "/errors/" + std::to_string(i), error.line) || !message) {
                if (problem.empty()) problem = "/errors/" + std::to_string(i) + "/message: missing";
                return false;
            }
            error.message = std::string(doc.text(items[message]));
            out.errors.push_back(std::move(error));
        }
    }
    if (invalid != out.invalid()) {
        problem = "/invalid: " + std::to_string(invalid) + ", but /errors lists " + std::to_string(out.invalid());
        return false;
    }
    const size_t criteria = member(0, "criteria");
    size_t c = 0;
    if (criteria && items[criteria].type() == JsonItem::Type::array)
        for (size_t e = criteria + 1; e < items[criteria].end() && c < trial.criteria.size(); e = items[e].end(), ++c) {
            const std::string at = "/criteria/" + std::to_string(c);
            const size_t id = member(e, "id");
            if (!id || doc.text(items[id]) != trial.criteria[c].id) {
                problem = at + "/id: expected " + trial.criteria[c].id;
                return false;
            }
            CriterionCounts& n = out.criteria[c];
            if (!count(e, "fail", at, n.fail) || !count(e, "unknown", at, n.unknown) || !count(e, "first_fail", at, n.first_fail) ||
                !count(e, "waived_eligible", at, n.waived_eligible))
                return false;
        }
    if (c != trial.criteria.size()) {
        problem = "/criteria: expected " + std::to_string(trial.criteria.size()) + " criteria in protocol order";
        return false;
    }
    return true;
}

void append_csv_cell(std::string& out, std::string_view text)
{
    std::string cell;
    if (starts_formula(text)) cell += '\'';
    cell += text;
    if (cell.find_first_of(",\"\n\r") == std::string::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string csv_cell_as_typed(std::string_view cell)
{
    if (!cell.empty() && cell[0] == '\'' && starts_formula(cell.substr(1))) return std::string(cell.substr(1));
    return std::string(cell);
}

void write_log_csv_header(const Trial&, std::string& out)
{
    out += kBom;
    out += "label,screening_date,verdict,excluded_by,excluded_by_titles,missing\r\n";
}

void append_log_csv_row(const Trial& trial, const Record& record, const Evaluation& ev, std::string& out)
{
    auto text_of = [&](const char* id) -> std::string {
        const int slot = trial.find_slot(id);
        if (!trial.is_field(slot) || !record.value(slot).known()) return "";
        if (trial.field(slot).type == FieldType::date) return format_iso_date(record.value(slot).date);
        return record.value(slot).text;
    };
    append_csv_cell(out, text_of("id"));
    out += ',';
    append_csv_cell(out, text_of("screening_date"));
    out += ',';
    static constexpr const char* kVerdict[] = {"eligible", "ineligible", "incomplete", "review"};
    out += kVerdict[static_cast<size_t>(ev.overall)];
    std::string ids, titles, missing;
    for (size_t c = 0; c < trial.criteria.size(); ++c)
        if (ev.criteria[c] == Status::fail) {
            ids += (ids.empty() ? "" : "; ") + trial.criteria[c].id;
            titles += (titles.empty() ? "" : "; ") + trial.criteria[c].title;
        }
    for (size_t f = 0; f < trial.fields.size(); ++f)
        if (ev.missing.contains(f)) missing += (missing.empty() ? "" : "; ") + trial.fields[f].id;
    out += ',';
    append_csv_cell(out, ids);
    out += ',';
    append_csv_cell(out, titles);
    out += ',';
    append_csv_cell(out, missing);
    out += "\r\n";
}

} // namespace elig
