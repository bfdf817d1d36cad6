#include "core/fhir/fhir_import.h"

#include "core/base/number_format.h"
#include "core/criteria/criteria_reader.h"
#include "core/json/json_dom.h"
#include "core/json/json_reader.h"
#include "core/records/record_json.h"
#include "core/records/record_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <tuple>
#include <unordered_map>

namespace elig {

namespace {

constexpr std::string_view kUcum = "http://unitsofmeasure.org";

// ---- The document ---------------------------------------------------------
// A view of one item of a JsonDocument: members are found by walking the
// siblings (FHIR objects have few members), nothing is copied.
class Node {
public:
    Node() = default;
    Node(const JsonDocument* doc, uint32_t index) : doc_(doc), index_(index) {}

    explicit operator bool() const { return doc_ != nullptr; }
    uint32_t index() const { return index_; }
    const JsonItem& item() const { return doc_->items[index_]; }
    bool is(JsonItem::Type type) const { return doc_ && item().type == type; }
    std::string_view str() const { return is(JsonItem::Type::string) ? item().text : std::string_view(); }

    Node get(std::string_view key) const
    {
        if (!is(JsonItem::Type::object)) return {};
        for (uint32_t i = index_ + 1; i < item().end; i = doc_->items[i].end)
            if (doc_->items[i].key == key) return {doc_, i};
        return {};
    }
    template <class F>
    void each(F&& f) const
    {
        if (!is(JsonItem::Type::object) && !is(JsonItem::Type::array)) return;
        for (uint32_t i = index_ + 1; i < item().end; i = doc_->items[i].end) f(Node(doc_, i));
    }

private:
    const JsonDocument* doc_ = nullptr;
    uint32_t index_ = 0;
};

// ---- FHIR dates -------------------------------------------------------------
// A date as written ("2015", "2015-08", "2015-08-16", "2015-08-16T06:40:17Z"):
// the local calendar days it may fall on, and the UTC instants (ms) it may
// mean. A date without a time zone may be anywhere from UTC-12 to UTC+14.
struct FhirTime {
    bool valid = false;
    DayNumber first_day = 0, last_day = 0;
    int64_t earliest = 0, latest = 0;
};

constexpr int64_t kDayMs = 86400000, kHourMs = 3600000;

bool read_digits(std::string_view s, size_t pos, size_t count, int& out)
{
    if (pos + count > s.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// "Thh:mm:ss(.fff)(Z|+hh:mm)" from `pos`; milliseconds since local midnight and the offset.
bool read_time(std::string_view s, size_t pos, int64_t& ms, int64_t& offset_ms)
{
    int h = 0, m = 0, sec = 0;
    if (s[pos] != 'T' || !read_digits(s, pos + 1, 2, h) || s.size() < pos + 9 || s[pos + 3] != ':' || !read_digits(s, pos + 4, 2, m) ||
        s[pos + 6] != ':' || !read_digits(s, pos + 7, 2, sec) || h > 23 || m > 59 || sec > 60)
        return false;
    ms = ((h * 60 + m) * 60 + sec) * int64_t{1000};
    pos += 9;
    if (pos < s.size() && s[pos] == '.') {
        int64_t scale = 100;
        for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10) ms += (s[pos] - '0') * scale;
    }
    if (pos < s.size() && s[pos] == 'Z' && pos + 1 == s.size()) {
        offset_ms = 0;
        return true;
    }
    int oh = 0, om = 0;
    if (pos + 6 != s.size() || (s[pos] != '+' && s[pos] != '-') || !read_digits(s, pos + 1, 2, oh) || s[pos + 3] != ':' || !read_digits(s, pos + 4, 2, om))
        return false;
    offset_ms = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om) * int64_t{60000};
    return true;
}

FhirTime parse_fhir_time(std::string_view s)
{
    FhirTime t;
    int year = 0, month = 1, day = 1;
    if (!read_digits(s, 0, 4, year) || year < 1) return t;
    const bool has_month = s.size() > 4, has_day = s.size() > 7;
    if (has_month && (s[4] != '-' || !read_digits(s, 5, 2, month) || month < 1 || month > 12)) return t;
    if (has_day && (s[7] != '-' || !read_digits(s, 8, 2, day))) return t;
    const auto first = parse_iso_date(std::string(s.substr(0, 4)) + "-" + (month < 10 ? "0" : "") + std::to_string(month) + "-" + (day < 10 ? "0" : "") + std::to_string(day));
    if (!first) return t;
    t.first_day = *first;
    if (has_day) t.last_day = t.first_day;
    else if (has_month) t.last_day = add_months(t.first_day, 1) - 1;
    else t.last_day = days_from_civil({year, 12, 31});
    if (s.size() > 10) {
        int64_t ms = 0, offset = 0;
        if (!read_time(s, 10, ms, offset)) return t;
        t.earliest = t.latest = t.first_day * kDayMs + ms - offset;
    } else if ((has_day && s.size() != 10) || (!has_day && has_month && s.size() != 7) || (!has_month && s.size() != 4)) {
        return t;
    } else {
        t.earliest = t.first_day * kDayMs - 14 * kHourMs;
        t.latest = (t.last_day + 1) * kDayMs + 12 * kHourMs - 1;
    }
    t.valid = true;
    return t;
}

// ---- Numbers ----------------------------------------------------------------

// The literal times a power of ten, exactly ("0.07" * 1000 is 70, not
// 70.00000000000001); other factors round to 15 significant digits, far
// below any lab's precision, so that the record shows the value an auditor
// would compute.
double convert(std::string_view literal, double number, double factor)
{
    if (factor == 1) return number;
    const double exponent = std::log10(factor);
    if (std::fabs(exponent - std::round(exponent)) < 1e-12 && std::fabs(exponent) < 30) {
        // -?digits(.digits)?(e±digits)? -> digits × 10^shift, shifted by the factor.
        std::string digits;
        long shift = std::lround(exponent);
        bool after_point = false;
        for (size_t i = 0; i < literal.size(); ++i) {
            const char ch = literal[i];
            if (ch == '-') {
                digits += ch;
            } else if (ch == '.') {
                after_point = true;
            } else if (ch == 'e' || ch == 'E') {
                // Clamped: "1e999999999999999999" must not overflow the shift.
                shift += std::clamp(std::strtol(std::string(literal.substr(i + 1)).c_str(), nullptr, 10), -100000L, 100000L);
                break;
            } else {
                if (!(digits.empty() || digits == "-") || ch != '0') digits += ch;  // no leading zeros
                shift -= after_point ? 1 : 0;
            }
        }
        if (digits.empty() || digits == "-") return 0;
        return parse_json_number(digits + "e" + std::to_string(shift));
    }
    char text[40];
    std::snprintf(text, sizeof text, "%.15g", number * factor);
    return parse_json_number(text);
}

nlohmann::ordered_json number_json(double value)
{
    using json = nlohmann::ordered_json;
    return std::floor(value) == value && std::fabs(value) < 9e15 ? json(static_cast<long long>(value)) : json(value);
}

std::string lower_words(std::string_view text)
{
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '.' || out.back() == '!')) out.pop_back();
    return out;
}

// ---- Resources --------------------------------------------------------------

struct Resource {
    Node node;
    std::string_view type, id, full_url;
    std::string path;  // JSON pointer in the file
    std::string key() const { return id.empty() ? std::string(full_url) : std::string(type) + "/" + std::string(id); }
    std::string patient_id() const { return id.empty() ? std::string(full_url) : std::string(id); }
};

// A value found for a field: usable, or why not.
enum class Use : uint8_t { usable, blocking, ignored };

struct Candidate {
    int resource = -1;
    FhirSource source;
    FhirTime time;
    Use use = Use::usable;
    FhirSkipReason reason = FhirSkipReason::no_value;
    std::vector<std::pair<std::string, std::string>> params;
    std::string detail;
    FieldValue value;
    std::string sent_unit;  // the unit as looked up in the mapping
    std::string from_unit;  // set when converted
    double factor = 1;

    void refuse(FhirSkipReason why, std::string text, std::vector<std::pair<std::string, std::string>> with = {});
};

// Blocking reasons: the reading carries this field's information, but not
// in a form that can be used; an older value is then not the current one.
// The others say nothing about the field's current value.
Use use_of(FhirSkipReason reason)
{
    switch (reason) {
    case FhirSkipReason::look_alike_code:
    case FhirSkipReason::no_subject:
    case FhirSkipReason::status_no_result:
    case FhirSkipReason::no_date:
    case FhirSkipReason::ambiguous_date:
    case FhirSkipReason::after_as_of:
    case FhirSkipReason::imprecise_date:
    case FhirSkipReason::no_value:
    case FhirSkipReason::superseded_by_unusable: return Use::ignored;
    case FhirSkipReason::status_not_final: case FhirSkipReason::unusable_value_type: case FhirSkipReason::unknown_unit:
    case FhirSkipReason::comparator: case FhirSkipReason::out_of_range: case FhirSkipReason::unrecognized_result:
    case FhirSkipReason::contradictory_result: case FhirSkipReason::result_not_usable: case FhirSkipReason::refused_component:
    case FhirSkipReason::no_reference_range: case FhirSkipReason::ambiguous_reference_range: case FhirSkipReason::partial_birth_date:
    case FhirSkipReason::gender_unmapped: case FhirSkipReason::rejected_by_record: break;
    }
    return Use::blocking;
}

void Candidate::refuse(FhirSkipReason why, std::string text, std::vector<std::pair<std::string, std::string>> with)
{
    use = use_of(why);
    reason = why;
    detail = std::move(text);
    params = std::move(with);
}

// The record reader's own range check: a value it would refuse is not imported.
void check_range(const FieldDef& field, Candidate& c)
{
    c.value.number = c.value.given * (field.units.empty() ? 1.0 : field.units[static_cast<size_t>(c.value.unit)].to_canonical);
    c.value.state = Value::State::known;
    const bool whole = field.type != FieldType::integer || c.value.given == std::floor(c.value.given);
    const bool below = field.min_exclusive ? !(c.value.number > field.min) : !(c.value.number >= field.min);
    if (!field.has_range || (whole && !below && c.value.number <= field.max && std::isfinite(c.value.number))) return;
    const std::string range = (field.min_exclusive ? "above " : "") + format_number(field.min) + "–" + format_number(field.max) + (field.unit.empty() ? "" : " " + field.unit);
    c.refuse(FhirSkipReason::out_of_range,
             whole ? format_number(c.value.number) + (field.unit.empty() ? "" : " " + field.unit) + " is outside the plausible range " + range
                   : format_number(c.value.given) + " is not a whole number",
             {{"value", format_number(c.value.number)}, {"range", range}});
}

class Importer {
public:
    Importer(const Trial& trial, const FhirMapping& mapping, const FhirImportOptions& options, FhirImportResult& out)
        : trial_(trial), mapping_(mapping), options_(options), out_(out) {}

    void run(std::string_view text);

private:
    const Trial& trial_;
    const FhirMapping& mapping_;
    const FhirImportOptions& options_;
    FhirImportResult& out_;
    JsonDocument doc_;
    std::vector<Resource> resources_;
    std::unordered_map<std::string_view, int> by_url_;
    std::unordered_map<std::string, int> by_key_;  // "Type/id"; -2 when ambiguous
    std::vector<std::vector<int>> containers_;     // the panels and reports holding each resource
    std::vector<std::string> subject_;             // each resource's patient ("" none)
    std::string code_;                              // scratch "system|code"
    Record record_;
    std::vector<std::vector<Candidate>> candidates_;  // per field map

    void error(FhirErrorCode code, std::string path, std::string message) { out_.errors.push_back({code, std::move(path), std::move(message)}); }
    bool read(std::string_view text);
    void walk(Node node, const std::string& path, std::string_view full_url, int depth);
    int resolve(std::string_view reference, const Resource& from) const;
    std::string patient_of(const Resource& resource) const;
    void link();
    bool choose_patient();

    void collect();
    void observe(int r, const FhirFieldMap& map, int map_index, const std::string& code, std::string_view display, bool look_alike);
    bool date(int r, Candidate& c);
    void read_quantity(const FhirFieldMap& map, Node obs, Candidate& c);
    bool quantity_value(const FhirFieldMap& map, Node quantity, Candidate& c, std::string_view element, std::string_view unitless_as = {});
    void read_finding(const FhirFieldMap& map, Node obs, Candidate& c);
    int verdict(const FhirResultSet& set, Node obs, Candidate& c, std::string& seen);
    void patient_fields(int map_index);

    void decide(int map_index);
    void fill(int field_index, const Candidate& chosen, const std::vector<const Candidate*>& others);
    void fill_uln(const FhirFieldMap& map, const Candidate& chosen);
    void skip(int field, const Candidate& c);
    void finish();
};

// ---- Reading and indexing ---------------------------------------------------

bool Importer::read(std::string_view text)
{
    if (!read_json(text, doc_)) {
        error(FhirErrorCode::not_json, "", "not valid JSON: " + doc_.error);
        return false;
    }
    const Node root(&doc_, 0);
    if (!root.is(JsonItem::Type::object) || root.get("resourceType").str().empty()) {
        error(FhirErrorCode::not_fhir, "", "not FHIR R4 JSON: expected a resource or a Bundle, an object with \"resourceType\"");
        return false;
    }
    walk(root, "", {}, 0);
    return out_.errors.empty();
}

void Importer::walk(Node node, const std::string& path, std::string_view full_url, int depth)
{
    const std::string_view type = node.get("resourceType").str();
    if (type != "Bundle") {
        resources_.push_back({node, type, node.get("id").str(), full_url, path});
        return;
    }
    const Node entries = node.get("entry");
    if (entries && !entries.is(JsonItem::Type::array)) {
        error(FhirErrorCode::not_fhir, path + "/entry", "not FHIR R4 JSON: a Bundle's entry must be an array");
        return;
    }
    size_t i = 0;
    entries.each([&](Node entry) {
        const std::string at = path + "/entry/" + std::to_string(i++);
        const Node resource = entry.get("resource");
        if (!resource) return;  // a request or response without a resource
        if (!resource.is(JsonItem::Type::object) || resource.get("resourceType").str().empty()) {
            error(FhirErrorCode::not_fhir, at + "/resource", "not FHIR R4 JSON: a resource must be an object with \"resourceType\"");
            return;
        }
        if (depth < 8) walk(resource, at + "/resource", entry.get("fullUrl").str(), depth + 1);
    });
}

// References inside the file: the fullUrl itself; a relative "Type/id"
// against the referring entry's base, then any unique "Type/id".
int Importer::resolve(std::string_view reference, const Resource& from) const
{
    if (reference.empty() || reference[0] == '#') return -1;
    if (const size_t history = reference.find("/_history/"); history != std::string_view::npos) reference = reference.substr(0, history);
    if (auto it = by_url_.find(reference); it != by_url_.end()) return it->second;
    const bool relative = reference.find(':') == std::string_view::npos;
    if (relative && !from.full_url.empty()) {
        std::string_view base = from.full_url;  // "https://x/base/Observation/1" -> "https://x/base"
        for (int cut = 0; cut < 2; ++cut) {
            const size_t s = base.find_last_of('/');
            base = s == std::string_view::npos ? std::string_view() : base.substr(0, s);
        }
        if (!base.empty())
            if (auto it = by_url_.find(std::string(base) + "/" + std::string(reference)); it != by_url_.end()) return it->second;
    }
    const size_t slash = reference.find_last_of('/');
    if (slash == std::string_view::npos || slash == 0) return -1;
    const size_t type_start = reference.find_last_of('/', slash - 1);
    const std::string key(reference.substr(type_start == std::string_view::npos ? 0 : type_start + 1));
    auto it = by_key_.find(key);
    return it == by_key_.end() || it->second < 0 ? -1 : it->second;
}

// The patient an Observation belongs to is its subject: the Patient it
// resolves to, or the id of a reference outside the file ("Patient/2" is 2).
std::string Importer::patient_of(const Resource& resource) const
{
    std::string_view reference = resource.node.get("subject").get("reference").str();
    if (reference.empty()) return {};
    if (const int target = resolve(reference, resource); target >= 0) {
        const Resource& subject = resources_[static_cast<size_t>(target)];
        return subject.type == "Patient" ? subject.patient_id() : std::string();
    }
    if (const size_t history = reference.find("/_history/"); history != std::string_view::npos) reference = reference.substr(0, history);
    const size_t slash = reference.find_last_of('/');
    // "urn:uuid:…" outside the file: the subject of an Observation is a patient far more often than a group or device.
    if (slash == std::string_view::npos) return reference.rfind("urn:", 0) == 0 ? std::string(reference) : std::string();
    const std::string_view head = reference.substr(0, slash);
    const size_t type_start = head.find_last_of('/');
    const std::string_view type = type_start == std::string_view::npos ? head : head.substr(type_start + 1);
    return type == "Patient" && slash + 1 < reference.size() ? std::string(reference.substr(slash + 1)) : std::string();
}

void Importer::link()
{
    for (size_t r = 0; r < resources_.size(); ++r) {
        const Resource& res = resources_[r];
        if (!res.full_url.empty()) by_url_.emplace(res.full_url, static_cast<int>(r));
        if (!res.id.empty()) {
            auto [it, inserted] = by_key_.emplace(std::string(res.type) + "/" + std::string(res.id), static_cast<int>(r));
            if (!inserted) it->second = -2;  // duplicated: never guess which
        }
    }
    containers_.assign(resources_.size(), {});
    subject_.assign(resources_.size(), {});
    for (size_t r = 0; r < resources_.size(); ++r) {
        const Resource& res = resources_[r];
        if (res.type == "Observation") subject_[r] = patient_of(res);
        const char* list = res.type == "DiagnosticReport" ? "result" : res.type == "Observation" ? "hasMember" : nullptr;
        if (!list) continue;
        res.node.get(list).each([&](Node ref) {
            const int member = resolve(ref.get("reference").str(), res);
            if (member >= 0 && member != static_cast<int>(r)) containers_[static_cast<size_t>(member)].push_back(static_cast<int>(r));
        });
    }
}

bool Importer::choose_patient()
{
    std::map<std::string, FhirPatient> patients;
    for (size_t r = 0; r < resources_.size(); ++r) {
        const Resource& res = resources_[r];
        if (res.type == "Patient") {
            FhirPatient& p = patients[res.patient_id()];
            p.in_file = true;
            p.birth_date = res.node.get("birthDate").str();
            p.gender = res.node.get("gender").str();
            p.deceased = res.node.get("deceasedDateTime").str();
            if (res.node.get("deceasedBoolean").is(JsonItem::Type::boolean) && res.node.get("deceasedBoolean").item().boolean) p.deceased = "true";
            std::string name;
            res.node.get("name").each([&](Node n) {
                if (!name.empty()) return;
                name = n.get("text").str();
                if (!name.empty()) return;
                n.get("given").each([&](Node g) { name += std::string(g.str()) + " "; });
                name += n.get("family").str();
            });
            p.name = name;
        } else if (!subject_[r].empty()) {
            patients[subject_[r]];
        }
    }
    for (auto& [id, p] : patients) {
        p.id = id;
        out_.patients.push_back(p);
    }
    std::string ids;
    for (const FhirPatient& p : out_.patients) ids += (ids.empty() ? "" : ", ") + p.id;
    if (!options_.patient.empty()) {
        if (patients.count(options_.patient)) out_.patient = options_.patient;
        else error(FhirErrorCode::unknown_patient, "", "patient " + in_quotes(options_.patient) + " is not in the file" + (ids.empty() ? " (it has no patient)" : " (patients: " + ids + ")"));
    } else if (patients.size() == 1) {
        out_.patient = patients.begin()->first;
    } else if (patients.empty()) {
        std::map<std::string_view, int> types;
        for (const Resource& res : resources_) ++types[res.type];
        std::string held;
        for (const auto& [type, count] : types) held += (held.empty() ? "" : ", ") + std::to_string(count) + " " + std::string(type);
        if (!types.count("Observation"))
            error(FhirErrorCode::nothing_to_import, "", "nothing to import: the file holds " + held + "; the importer reads Patient and Observation resources");
        else
            error(FhirErrorCode::no_patient, "", "no patient: no Patient resource, and no Observation names its subject (" + held + ")");
    } else {
        error(FhirErrorCode::several_patients, "", "several patients (" + ids + "); choose one");
    }
    return out_.errors.empty();
}

// ---- Candidates -------------------------------------------------------------

void Importer::collect()
{
    candidates_.assign(mapping_.fields.size(), {});
    bool usable = false;
    for (size_t r = 0; r < resources_.size(); ++r) {
        const Resource& res = resources_[r];
        if (res.type == "Patient" && res.patient_id() == out_.patient) usable = true;
        if (res.type != "Observation" || (subject_[r] != out_.patient && !subject_[r].empty())) continue;
        res.node.get("code").get("coding").each([&](Node coding) {
            const std::string_view system = coding.get("system").str(), code = coding.get("code").str();
            if (system.empty() || code.empty()) return;  // a bare code never matches
            code_.assign(system).append("|").append(code);
            const std::vector<FhirCodeUse>* uses = mapping_.uses(code_);
            if (!uses) return;
            for (const FhirCodeUse& use : *uses) {
                bool seen = false;  // one candidate per Observation and field
                for (const Candidate& c : candidates_[static_cast<size_t>(use.field_map)]) seen |= c.resource == static_cast<int>(r);
                if (seen) continue;
                observe(static_cast<int>(r), mapping_.fields[static_cast<size_t>(use.field_map)], use.field_map, code_, coding.get("display").str(), use.look_alike);
                usable |= !subject_[r].empty();
            }
        });
    }
    if (!usable)
        error(FhirErrorCode::nothing_to_import, "",
              "nothing to import for patient " + in_quotes(out_.patient) + ": no Patient resource and no Observation with a code the mapping knows");
    for (size_t m = 0; m < mapping_.fields.size(); ++m)
        if (mapping_.fields[m].kind == FhirFieldKind::birth_date || mapping_.fields[m].kind == FhirFieldKind::gender) patient_fields(static_cast<int>(m));
}

void Importer::observe(int r, const FhirFieldMap& map, int map_index, const std::string& code, std::string_view display, bool look_alike)
{
    const Resource& res = resources_[static_cast<size_t>(r)];
    Candidate c;
    c.resource = r;
    c.source = {res.key(), std::string(res.full_url), res.path, code, std::string(display), {}, {}, {}, {}, {}, {}};
    const bool dated = date(r, c);
    if (look_alike) {
        const FhirCodeNote* note = map.look_alike(code);
        c.refuse(FhirSkipReason::look_alike_code, code + " is " + note->why, {{"why", note->why}});
    } else if (subject_[static_cast<size_t>(r)].empty()) {
        c.refuse(FhirSkipReason::no_subject, "the Observation names no patient (no subject reference)");
    } else if (const std::string_view status = res.node.get("status").str();
               std::find(mapping_.accepted_status.begin(), mapping_.accepted_status.end(), status) == mapping_.accepted_status.end()) {
        const bool no_result = status == "registered" || status == "cancelled" || status == "entered-in-error";
        c.refuse(no_result ? FhirSkipReason::status_no_result : FhirSkipReason::status_not_final,
                 "status " + (status.empty() ? std::string("missing") : in_quotes(status)) + " is not a final result", {{"status", std::string(status)}});
    } else if (dated) {
        if (map.kind == FhirFieldKind::quantity) read_quantity(map, res.node, c);
        else read_finding(map, res.node, c);
    }
    candidates_[static_cast<size_t>(map_index)].push_back(std::move(c));
}

// effective[x], else the panel or report holding it (nearest first), else
// its own issued. Sets the skip when there is none or it is not usable.
bool Importer::date(int r, Candidate& c)
{
    auto effective = [&](Node node, std::string& element) -> std::string_view {
        static const char* const kPaths[][2] = {{"effectiveDateTime", nullptr}, {"effectiveInstant", nullptr}, {"effectivePeriod", "end"}, {"effectivePeriod", "start"}};
        for (const auto& p : kPaths) {
            Node value = node.get(p[0]);
            if (p[1]) value = value.get(p[1]);
            if (!value.str().empty()) {
                element = std::string(p[0]) + (p[1] ? std::string(".") + p[1] : "");
                return value.str();
            }
        }
        return {};
    };
    std::string element;
    std::string_view text = effective(resources_[static_cast<size_t>(r)].node, element);
    std::vector<int> level = containers_[static_cast<size_t>(r)];
    for (int depth = 0; text.empty() && !level.empty() && depth < 4; ++depth) {
        std::vector<int> next;
        std::string found_from;
        for (int holder : level) {
            std::string holder_element;
            const std::string_view holder_text = effective(resources_[static_cast<size_t>(holder)].node, holder_element);
            if (holder_text.empty()) {
                next.insert(next.end(), containers_[static_cast<size_t>(holder)].begin(), containers_[static_cast<size_t>(holder)].end());
            } else if (text.empty()) {
                text = holder_text;
                found_from = resources_[static_cast<size_t>(holder)].key();
                element = found_from + " " + holder_element;
            } else if (holder_text != text) {
                c.refuse(FhirSkipReason::ambiguous_date,
                         "it is held by " + found_from + " (" + std::string(text) + ") and " + resources_[static_cast<size_t>(holder)].key() + " (" + std::string(holder_text) + ")",
                         {{"dates", std::string(text) + ", " + std::string(holder_text)}});
                return false;
            }
        }
        std::sort(next.begin(), next.end());  // panels holding each other: each once
        next.erase(std::unique(next.begin(), next.end()), next.end());
        level = std::move(next);
    }
    if (text.empty() && !(text = resources_[static_cast<size_t>(r)].node.get("issued").str()).empty()) element = "issued";
    c.source.date = text;
    c.source.date_source = element;
    if (text.empty()) {
        c.refuse(FhirSkipReason::no_date, "no date: no effective[x], no dated panel or report holding it, no issued");
        return false;
    }
    c.time = parse_fhir_time(text);
    const std::string as_of = format_iso_date(options_.as_of);
    if (!c.time.valid) c.refuse(FhirSkipReason::no_date, "unreadable date " + in_quotes(text) + " (" + element + ")", {{"date", std::string(text)}});
    else if (c.time.first_day > options_.as_of) c.refuse(FhirSkipReason::after_as_of, "dated " + std::string(text) + ", after " + as_of, {{"date", std::string(text)}, {"as_of", as_of}});
    else if (c.time.last_day > options_.as_of) c.refuse(FhirSkipReason::imprecise_date, "dated " + std::string(text) + ": maybe after " + as_of, {{"date", std::string(text)}, {"as_of", as_of}});
    return c.use == Use::usable;
}

void Importer::read_quantity(const FhirFieldMap& map, Node obs, Candidate& c)
{
    for (const FhirCodeNote& refused : map.refuse_components) {
        bool present = false;
        obs.get("component").each([&](Node component) {
            component.get("code").get("coding").each([&](Node coding) {
                present |= std::string(coding.get("system").str()) + "|" + std::string(coding.get("code").str()) == refused.code;
            });
        });
        if (present) return c.refuse(FhirSkipReason::refused_component, "it has a component " + refused.code + ": " + refused.why, {{"component", refused.code}, {"why", refused.why}});
    }
    if (const Node quantity = obs.get("valueQuantity")) {
        quantity_value(map, quantity, c, "valueQuantity");
    } else if (const Node integer = obs.get("valueInteger"); integer.is(JsonItem::Type::number)) {
        c.source.element = "valueInteger";
        c.source.value = integer.item().text;
        const FhirUnitRule* rule = map.unit("");
        if (!rule) return c.refuse(FhirSkipReason::unknown_unit, "an integer without a unit", {{"unit", ""}});
        c.value.unit = rule->to;
        c.value.given = integer.item().number;
    } else if (const Node cc = obs.get("valueCodeableConcept")) {
        c.source.element = "valueCodeableConcept";
        bool found = false;
        cc.get("coding").each([&](Node coding) {
            const std::string key = std::string(coding.get("system").str()) + "|" + std::string(coding.get("code").str());
            for (const auto& [answer, number] : map.answers)
                if (answer == key && !found) {
                    found = true;
                    c.source.value = key;
                    c.value.given = number;
                }
        });
        if (!found) return c.refuse(FhirSkipReason::unrecognized_result, "a coded answer the mapping does not know", {{"result", std::string(cc.get("text").str())}});
    } else if (obs.get("dataAbsentReason") || !obs.get("valueString")) {
        return c.refuse(FhirSkipReason::no_value, "no value", {{"data_absent_reason", std::string(obs.get("dataAbsentReason").get("text").str())}});
    } else {
        c.source.element = "valueString";
        c.source.value = obs.get("valueString").str();
        return c.refuse(FhirSkipReason::unusable_value_type, "a text value " + in_quotes(c.source.value) + " where a number is expected", {{"type", "valueString"}});
    }
    if (c.use == Use::usable) check_range(trial_.fields[static_cast<size_t>(map.field_index)], c);
}

// A Quantity: its value, comparator and unit. The unit is Quantity.code
// when it is UCUM (or has no system), else Quantity.unit as written.
bool Importer::quantity_value(const FhirFieldMap& map, Node quantity, Candidate& c, std::string_view element, std::string_view unitless_as)
{
    const Node value = quantity.get("value");
    const std::string_view system = quantity.get("system").str(), code = quantity.get("code").str();
    c.source.element = element;
    c.source.value = value.is(JsonItem::Type::number) ? value.item().text : std::string_view();
    c.source.unit = quantity.get("unit").str();
    c.source.unit_code = code;
    if (!value.is(JsonItem::Type::number)) {
        c.refuse(FhirSkipReason::no_value, std::string(element) + " has no number");
        return false;
    }
    if (const std::string_view comparator = quantity.get("comparator").str(); !comparator.empty()) {
        c.refuse(FhirSkipReason::comparator, std::string(comparator) + std::string(c.source.value) + " is a bound, not a value",
                 {{"comparator", std::string(comparator)}, {"value", c.source.value}});
        return false;
    }
    std::string_view sent = !code.empty() && (system.empty() || system == kUcum) ? code : std::string_view(c.source.unit);
    if (code.empty() && c.source.unit.empty() && !unitless_as.empty()) sent = unitless_as;  // a ULN without a unit is in the value's
    c.sent_unit = sent;
    const FhirUnitRule* rule = map.unit(sent);
    if (!rule) {
        std::string accepted;
        for (const FhirUnitRule& u : map.units) accepted += (accepted.empty() ? "" : ", ") + (u.from.empty() ? std::string("(none)") : u.from);
        c.refuse(FhirSkipReason::unknown_unit, "unit " + in_quotes(sent) + " is not one the mapping converts (" + accepted + ")", {{"unit", std::string(sent)}, {"accepted", accepted}});
        return false;
    }
    c.value.unit = rule->to;
    c.value.given = convert(value.item().text, value.item().number, rule->factor);
    const std::vector<Unit>& units = trial_.fields[static_cast<size_t>(map.field_index)].units;
    if (rule->factor != 1 || (!units.empty() && units[static_cast<size_t>(rule->to)].name != sent)) {  // "IU/L" -> "U/L" is shown too
        c.from_unit = sent;
        c.factor = rule->factor;
    }
    return true;
}

// A qualitative result: every carrier the mapping knows (the coded value,
// a text value, a true/false value, the interpretation) must agree.
void Importer::read_finding(const FhirFieldMap& map, Node obs, Candidate& c)
{
    const FhirResultSet& set = mapping_.result_sets[static_cast<size_t>(map.result_set)];
    int result = -1;
    if (const Node quantity = obs.get("valueQuantity")) {
        if (!map.above_reference_high)
            return c.refuse(FhirSkipReason::unusable_value_type, "a quantity where a qualitative result is expected", {{"type", "valueQuantity"}});
        c.source.element = "valueQuantity";
        c.source.value = quantity.get("value").is(JsonItem::Type::number) ? quantity.get("value").item().text : std::string_view();
        c.source.unit = quantity.get("unit").str();
        c.source.unit_code = quantity.get("code").str();
        const std::string unit = std::string(quantity.get("code").str().empty() ? c.source.unit : c.source.unit_code);
        std::vector<double> highs;
        obs.get("referenceRange").each([&](Node range) {
            const Node high = range.get("high");
            const std::string high_unit = std::string(high.get("code").str().empty() ? high.get("unit").str() : high.get("code").str());
            if (high.get("value").is(JsonItem::Type::number) && (high_unit.empty() || high_unit == unit)) highs.push_back(high.get("value").item().number);
        });
        const Node value = quantity.get("value");
        if (!value.is(JsonItem::Type::number)) return c.refuse(FhirSkipReason::no_value, "valueQuantity has no number");
        if (highs.empty()) return c.refuse(FhirSkipReason::no_reference_range, "no referenceRange.high in " + in_quotes(unit) + " to compare the value with");
        if (std::adjacent_find(highs.begin(), highs.end(), std::not_equal_to<>()) != highs.end())
            return c.refuse(FhirSkipReason::ambiguous_reference_range, "several different referenceRange.high");
        const std::string_view comparator = quantity.get("comparator").str();
        const double v = value.item().number, high = highs.front();
        if (comparator.empty()) result = v > high ? 1 : 0;
        else if ((comparator == "<" || comparator == "<=") && v <= high) result = 0;
        else if ((comparator == ">" || comparator == ">=") && v >= high) result = 1;
        else return c.refuse(FhirSkipReason::comparator, std::string(comparator) + std::string(c.source.value) + " cannot be compared with " + format_number(high), {{"comparator", std::string(comparator)}, {"value", c.source.value}});
        c.source.value = std::string(comparator) + c.source.value + " (referenceRange.high " + format_number(high) + ")";
    } else {
        std::string seen;
        result = verdict(set, obs, c, seen);
        if (c.use != Use::usable) return;
        if (result < 0 && seen.empty()) return c.refuse(FhirSkipReason::no_value, "no result");
        if (result < 0) return c.refuse(FhirSkipReason::unrecognized_result, "the result " + in_quotes(seen) + " is not one the mapping knows", {{"result", seen}});
    }
    for (const FhirLimit& limit : map.limits)
        if (limit.positive == (result == 1) && (limit.code.empty() || limit.code == c.source.code))
            return c.refuse(FhirSkipReason::result_not_usable, std::string(result ? "a positive" : "a negative") + " result: " + limit.why,
                            {{"result", result ? "positive" : "negative"}, {"why", limit.why}});
    c.value.state = Value::State::known;
    c.value.boolean = result == 1;
}

// 1 positive, 0 negative, -1 none; `seen` collects what was read.
int Importer::verdict(const FhirResultSet& set, Node obs, Candidate& c, std::string& seen)
{
    bool said[2] = {false, false};
    auto word = [&](std::string_view text, const char* element) {
        if (text.empty()) return;
        const std::string w = lower_words(text);
        seen += (seen.empty() ? "" : "; ") + std::string(text);
        if (c.source.element.empty()) {
            c.source.element = element;
            c.source.value = text;
        }
        for (int side = 0; side < 2; ++side)
            for (const std::string& known : set.words[side]) said[side] |= known == w;
    };
    auto coded = [&](Node cc, const char* element, bool note_unknown) {
        cc.get("coding").each([&](Node coding) {
            const std::string key = std::string(coding.get("system").str()) + "|" + std::string(coding.get("code").str());
            bool known = false;
            for (int side = 0; side < 2; ++side)
                for (const std::string& k : set.codes[side])
                    if (k == key) said[side] = known = true;
            if (known || note_unknown) {
                seen += (seen.empty() ? "" : "; ") + key;
                if (c.source.element.empty()) {
                    c.source.element = element;
                    c.source.value = key;
                }
            }
        });
        if (note_unknown) word(cc.get("text").str(), element);
    };
    coded(obs.get("valueCodeableConcept"), "valueCodeableConcept", true);
    word(obs.get("valueString").str(), "valueString");
    if (const Node b = obs.get("valueBoolean"); b.is(JsonItem::Type::boolean)) {
        said[b.item().boolean ? 1 : 0] = true;
        seen += (seen.empty() ? "" : "; ") + std::string(b.item().boolean ? "true" : "false");
        if (c.source.element.empty()) {
            c.source.element = "valueBoolean";
            c.source.value = b.item().boolean ? "true" : "false";
        }
    }
    obs.get("interpretation").each([&](Node cc) { coded(cc, "interpretation", false); });
    if (said[0] && said[1]) {
        c.refuse(FhirSkipReason::contradictory_result, "the result says both positive and negative: " + seen, {{"results", seen}});
        return -1;
    }
    return said[1] ? 1 : said[0] ? 0 : -1;
}

// birthDate and gender of the chosen patient's Patient resources.
void Importer::patient_fields(int map_index)
{
    const FhirFieldMap& map = mapping_.fields[static_cast<size_t>(map_index)];
    for (size_t r = 0; r < resources_.size(); ++r) {
        const Resource& res = resources_[r];
        if (res.type != "Patient" || res.patient_id() != out_.patient) continue;
        const char* element = map.kind == FhirFieldKind::birth_date ? "birthDate" : "gender";
        const std::string_view text = res.node.get(element).str();
        if (text.empty()) continue;
        Candidate c;
        c.resource = static_cast<int>(r);
        c.source = {res.key(), std::string(res.full_url), res.path, {}, {}, element, std::string(text), {}, {}, {}, {}};
        c.value.state = Value::State::known;
        if (map.kind == FhirFieldKind::birth_date) {
            const auto day = parse_iso_date(text);
            if (day) c.value.date = *day;
            else if (parse_fhir_time(text).valid && text.size() < 10)
                c.refuse(FhirSkipReason::partial_birth_date, "birthDate " + in_quotes(text) + " is not a whole date", {{"birth_date", std::string(text)}});
            else
                c.refuse(FhirSkipReason::no_value, "birthDate " + in_quotes(text) + " is not a date", {{"birth_date", std::string(text)}});
        } else {
            std::string known;
            for (const auto& [gender, index] : map.gender_values) known += (known.empty() ? "" : ", ") + gender;
            c.refuse(FhirSkipReason::gender_unmapped, "gender " + in_quotes(text) + " is not one " + map.field + " can hold (" + known + ")", {{"gender", std::string(text)}});
            for (const auto& [gender, index] : map.gender_values)
                if (gender == text) {
                    c.use = Use::usable;
                    c.value.enum_index = index;
                }
        }
        candidates_[static_cast<size_t>(map_index)].push_back(std::move(c));
    }
}

// ---- Deciding ---------------------------------------------------------------

bool same_value(const FieldValue& a, const FieldValue& b, FieldType type)
{
    switch (type) {
    case FieldType::boolean: return a.boolean == b.boolean;
    case FieldType::enumeration: return a.enum_index == b.enum_index;
    case FieldType::date: return a.date == b.date;
    case FieldType::text: return a.text == b.text;
    case FieldType::number:
    case FieldType::integer: return std::fabs(a.number - b.number) <= 1e-9 * std::max({1.0, std::fabs(a.number), std::fabs(b.number)});
    }
    return false;
}

std::string value_json(const FieldDef& field, const FieldValue& value)
{
    using json = nlohmann::ordered_json;
    json out;
    switch (field.type) {
    case FieldType::boolean: out = value.boolean; break;
    case FieldType::enumeration: out = field.values[static_cast<size_t>(value.enum_index)].id; break;
    case FieldType::date: out = format_iso_date(value.date); break;
    case FieldType::text: out = value.text; break;
    case FieldType::number:
    case FieldType::integer:
        out = field.units.empty() ? number_json(value.given) : json{{"value", number_json(value.given)}, {"unit", field.units[static_cast<size_t>(value.unit)].name}};
    }
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

void Importer::decide(int map_index)
{
    const FhirFieldMap& map = mapping_.fields[static_cast<size_t>(map_index)];
    std::vector<Candidate>& all = candidates_[static_cast<size_t>(map_index)];
    // A canonical order, so that the order of the entries never matters.
    std::sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) {
        if (a.time.latest != b.time.latest) return a.time.latest > b.time.latest;
        if (a.time.earliest != b.time.earliest) return a.time.earliest > b.time.earliest;
        return std::tie(a.source.resource, a.source.full_url, a.source.code, a.source.value) < std::tie(b.source.resource, b.source.full_url, b.source.code, b.source.value);
    });
    int64_t newest = std::numeric_limits<int64_t>::min();
    for (const Candidate& c : all)
        if (c.use != Use::ignored) newest = std::max(newest, c.time.earliest);
    std::vector<const Candidate*> latest, older;
    const Candidate* blocker = nullptr;
    for (const Candidate& c : all) {
        if (c.use == Use::ignored) {
            skip(map.field_index, c);
        } else if (c.time.latest >= newest) {
            if (c.use == Use::blocking && !blocker) blocker = &c;
            if (c.use == Use::blocking) skip(map.field_index, c);
            else latest.push_back(&c);
        } else if (c.use == Use::blocking) {
            skip(map.field_index, c);
        } else {
            older.push_back(&c);
        }
    }
    if (blocker) {
        for (const Candidate* c : latest) older.insert(older.begin(), c);
        for (const Candidate* c : older) {
            Candidate superseded = *c;
            superseded.refuse(FhirSkipReason::superseded_by_unusable,
                              "not used: the latest reading (" + blocker->source.resource + ", " + blocker->source.date + ") could not be used",
                              {{"latest", blocker->source.resource}, {"latest_date", blocker->source.date}});
            skip(map.field_index, superseded);
        }
        return;
    }
    if (latest.empty()) return;
    const FieldDef& field = trial_.fields[static_cast<size_t>(map.field_index)];
    bool differ = false;
    for (const Candidate* c : latest) differ |= !same_value(c->value, latest.front()->value, field.type);
    if (differ) {
        FhirConflict conflict;
        conflict.field = map.field_index;
        std::string shown;
        for (const Candidate* c : latest) {
            conflict.candidates.push_back(c->source);
            conflict.values_json.push_back(value_json(field, c->value));
            shown += (shown.empty() ? "" : ", ") + conflict.values_json.back() + " (" + c->source.resource + ")";
        }
        conflict.message = field.id + ": different values at the same latest time " + latest.front()->source.date + ": " + shown + "; left unknown";
        out_.conflicts.push_back(std::move(conflict));
        return;
    }
    older.insert(older.begin(), latest.begin() + 1, latest.end());
    fill(map.field_index, *latest.front(), older);
    if (map.uln_field >= 0) fill_uln(map, *latest.front());
}

void Importer::fill(int field_index, const Candidate& chosen, const std::vector<const Candidate*>& others)
{
    const FieldDef& field = trial_.fields[static_cast<size_t>(field_index)];
    record_.values[static_cast<size_t>(field_index)] = chosen.value;
    FhirFilled filled;
    filled.field = field_index;
    filled.value_json = value_json(field, chosen.value);
    filled.source = chosen.source;
    filled.from_unit = chosen.from_unit;
    filled.factor = chosen.factor;
    if (!chosen.from_unit.empty()) filled.to_unit = field.units[static_cast<size_t>(chosen.value.unit)].name;
    if (!chosen.source.date.empty()) filled.days_before_as_of = options_.as_of - chosen.time.last_day;
    for (const Candidate* c : others) filled.passed_over.push_back(c->source);
    out_.filled.push_back(std::move(filled));
}

// The ULN is the referenceRange.high of the very Observation the value came
// from (another sample's range may be another lab's), in the same units.
void Importer::fill_uln(const FhirFieldMap& map, const Candidate& chosen)
{
    const FieldDef& field = trial_.fields[static_cast<size_t>(map.uln_field)];
    Candidate base;
    base.resource = chosen.resource;
    base.source = chosen.source;
    base.source.element = "referenceRange.high";
    base.source.value.clear();
    base.source.unit.clear();
    base.source.unit_code.clear();
    base.time = chosen.time;
    std::vector<Candidate> found;
    resources_[static_cast<size_t>(chosen.resource)].node.get("referenceRange").each([&](Node range) {
        bool normal = true;  // a range typed otherwise (therapeutic, ...) is not a ULN
        range.get("type").get("coding").each([&](Node coding) { normal &= coding.get("code").str() == "normal"; });
        if (!normal || !range.get("high")) return;
        Candidate c = base;
        if (quantity_value(map, range.get("high"), c, "referenceRange.high", chosen.sent_unit)) check_range(field, c);
        found.push_back(std::move(c));
    });
    if (found.empty()) {
        base.refuse(FhirSkipReason::no_reference_range, "no referenceRange.high in the Observation: the ULN stays unknown");
        return skip(map.uln_field, base);
    }
    for (const Candidate& c : found)
        if (c.use != Use::usable) return skip(map.uln_field, c);
    for (const Candidate& c : found)
        if (!same_value(c.value, found.front().value, field.type)) {
            base.refuse(FhirSkipReason::ambiguous_reference_range, "several different referenceRange.high: the ULN stays unknown");
            return skip(map.uln_field, base);
        }
    fill(map.uln_field, found.front(), {});
}

void Importer::skip(int field, const Candidate& c)
{
    FhirSkipped s;
    s.reason = c.reason;
    s.field = field;
    s.source = c.source;
    s.params = c.params;
    const std::string where = c.source.resource + (c.source.code.empty() ? "" : " " + c.source.code) + (c.source.date.empty() ? "" : ", " + c.source.date);
    s.message = trial_.fields[static_cast<size_t>(field)].id + ": " + where + ": " + c.detail;
    out_.skipped.push_back(std::move(s));
}

// The record through the record reader, as any saved record: a value it
// refuses (birth date after the screening date, pregnant and male) is
// dropped with the reader's own words.
void Importer::finish()
{
    const size_t screening = static_cast<size_t>(trial_.find_slot("screening_date"));
    if (trial_.is_field(static_cast<int>(screening))) {
        record_.values[screening].state = Value::State::known;
        record_.values[screening].date = options_.as_of;
    }
    RecordReader reader(trial_);
    Record check;
    std::vector<InputError> errors;
    for (size_t round = 0; round <= trial_.fields.size(); ++round) {
        out_.record_json = write_record_json(trial_, record_);
        if (reader.read(out_.record_json, check, errors)) break;
        for (const InputError& e : errors) {
            const int slot = trial_.find_slot(e.field);
            if (!trial_.is_field(slot) || static_cast<size_t>(slot) == screening) continue;
            for (auto it = out_.filled.begin(); it != out_.filled.end(); ++it)
                if (it->field == slot) {
                    Candidate c;
                    c.source = it->source;
                    c.refuse(FhirSkipReason::rejected_by_record, "the record refuses it: " + e.message, {{"error", e.message}});
                    skip(slot, c);
                    out_.filled.erase(it);
                    break;
                }
            record_.values[static_cast<size_t>(slot)] = FieldValue();
        }
    }
    if (!reader.read(out_.record_json, check, errors)) {  // never expected: keep only what cannot be wrong
        record_.values.assign(trial_.fields.size(), FieldValue());
        out_.filled.clear();
        if (trial_.is_field(static_cast<int>(screening))) record_.values[screening] = check.values[screening];
        out_.record_json = write_record_json(trial_, record_);
    }
    auto by_field = [](const auto& a, const auto& b) { return a.field < b.field; };
    std::stable_sort(out_.filled.begin(), out_.filled.end(), by_field);
    std::stable_sort(out_.skipped.begin(), out_.skipped.end(), by_field);
    std::stable_sort(out_.conflicts.begin(), out_.conflicts.end(), by_field);
}

void Importer::run(std::string_view text)
{
    out_.as_of = options_.as_of;
    if (!read(text)) return;
    link();
    if (!choose_patient()) return;
    record_.values.assign(trial_.fields.size(), FieldValue());
    collect();
    if (!out_.ok()) return;
    for (size_t m = 0; m < mapping_.fields.size(); ++m) decide(static_cast<int>(m));
    finish();
}

} // namespace

namespace {

using ojson = nlohmann::ordered_json;

ojson source_json(const FhirSource& s)
{
    ojson out = {{"resource", s.resource}};
    if (!s.full_url.empty()) out["full_url"] = s.full_url;
    out["path"] = s.path;
    if (!s.code.empty()) out["code"] = s.code;
    if (!s.display.empty()) out["display"] = s.display;
    out["element"] = s.element;
    out["value"] = s.value;
    if (!s.unit.empty()) out["unit"] = s.unit;
    if (!s.unit_code.empty()) out["unit_code"] = s.unit_code;
    out["date"] = s.date.empty() ? ojson() : ojson(s.date);
    if (!s.date_source.empty()) out["date_source"] = s.date_source;
    return out;
}

ojson parsed(const std::string& json_text)
{
    ojson out;
    std::string ignored;
    parse_json_dom(json_text, out, ignored);
    return out;
}

} // namespace

std::string fhir_import_json(const Trial& trial, const FhirImportResult& result, bool pretty)
{
    ojson out = ojson::object();
    out["record"] = result.ok() ? parsed(result.record_json) : ojson();
    out["as_of"] = format_iso_date(result.as_of);
    out["patient"] = result.patient;
    ojson provenance = ojson::object();
    for (const FhirFilled& f : result.filled) {
        ojson entry = {{"value", parsed(f.value_json)}, {"source", source_json(f.source)}};
        entry["conversion"] = f.from_unit.empty() ? ojson() : ojson{{"from", f.from_unit}, {"factor", number_json(f.factor)}, {"to", f.to_unit}};
        entry["days_before_as_of"] = f.days_before_as_of < 0 ? ojson() : ojson(f.days_before_as_of);
        ojson passed = ojson::array();
        for (const FhirSource& s : f.passed_over) passed.push_back(source_json(s));
        entry["passed_over"] = std::move(passed);
        provenance[trial.fields[static_cast<size_t>(f.field)].id] = std::move(entry);
    }
    out["provenance"] = std::move(provenance);
    ojson skipped = ojson::array();
    for (const FhirSkipped& s : result.skipped) {
        ojson params = ojson::object();
        for (const auto& [key, value] : s.params) params[key] = value;
        skipped.push_back({{"field", trial.fields[static_cast<size_t>(s.field)].id}, {"reason", fhir_skip_code(s.reason)}, {"params", std::move(params)},
                           {"source", source_json(s.source)}, {"message", s.message}});
    }
    out["skipped"] = std::move(skipped);
    ojson conflicts = ojson::array();
    for (const FhirConflict& c : result.conflicts) {
        ojson candidates = ojson::array();
        for (size_t i = 0; i < c.candidates.size(); ++i) {
            ojson candidate = source_json(c.candidates[i]);
            candidate["would_give"] = parsed(c.values_json[i]);
            candidates.push_back(std::move(candidate));
        }
        conflicts.push_back({{"field", trial.fields[static_cast<size_t>(c.field)].id}, {"candidates", std::move(candidates)}, {"message", c.message}});
    }
    out["conflicts"] = std::move(conflicts);
    ojson patients = ojson::array();
    for (const FhirPatient& p : result.patients) {
        ojson patient = {{"id", p.id}, {"in_file", p.in_file}};
        for (const auto& [key, value] : {std::pair{"name", &p.name}, {"birth_date", &p.birth_date}, {"gender", &p.gender}, {"deceased", &p.deceased}})
            if (!value->empty()) patient[key] = *value;
        patients.push_back(std::move(patient));
    }
    out["patients"] = std::move(patients);
    ojson errors = ojson::array();
    for (const FhirImportError& e : result.errors) errors.push_back({{"code", fhir_error_code(e.code)}, {"path", e.path}, {"message", e.message}});
    out["errors"] = std::move(errors);
    return out.dump(pretty ? 2 : -1, ' ', false, ojson::error_handler_t::replace);
}

const char* fhir_skip_code(FhirSkipReason reason)
{
    static const char* const kCodes[] = {
        "look_alike_code", "no_subject", "status_no_result", "status_not_final", "no_date", "ambiguous_date", "after_as_of", "imprecise_date",
        "no_value", "unusable_value_type", "unknown_unit", "comparator", "out_of_range", "unrecognized_result", "contradictory_result",
        "result_not_usable", "refused_component", "no_reference_range", "ambiguous_reference_range", "superseded_by_unusable",
        "partial_birth_date", "gender_unmapped", "rejected_by_record"};
    static_assert(sizeof kCodes / sizeof kCodes[0] == static_cast<size_t>(FhirSkipReason::rejected_by_record) + 1);
    return kCodes[static_cast<size_t>(reason)];
}

const char* fhir_error_code(FhirErrorCode code)
{
    static const char* const kCodes[] = {"not_json", "not_fhir", "no_patient", "several_patients", "unknown_patient", "nothing_to_import"};
    static_assert(sizeof kCodes / sizeof kCodes[0] == static_cast<size_t>(FhirErrorCode::nothing_to_import) + 1);
    return kCodes[static_cast<size_t>(code)];
}

std::string describe(const FhirImportError& error)
{
    return (error.path.empty() ? std::string("(file)") : error.path) + ": " + error.message;
}

FhirImportResult import_fhir(std::string_view fhir_json, const Trial& trial, const FhirMapping& mapping, const FhirImportOptions& options)
{
    FhirImportResult result;
    Importer(trial, mapping, options, result).run(fhir_json);
    if (!result.ok()) {
        result.record_json.clear();
        result.filled.clear();
        result.skipped.clear();
        result.conflicts.clear();
    }
    return result;
}

} // namespace elig
