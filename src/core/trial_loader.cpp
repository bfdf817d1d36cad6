#include "trial_loader.h"

#include "field_set.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

namespace elig {

using json = nlohmann::ordered_json;  // keeps the file's order: units, values

std::string describe(const LoadError& error)
{
    return (error.path.empty() ? std::string("(document)") : error.path) + ": " + error.message;
}

namespace {

// ---- JSON parsing without exceptions -----------------------------------
// nlohmann's DOM builder, keeping the parse error's text (with its line and
// column) instead of throwing: the web build runs without exceptions.
struct DomParserKeepingError : nlohmann::detail::json_sax_dom_parser<json> {
    std::string error;
    explicit DomParserKeepingError(json& target) : json_sax_dom_parser(target, false) {}
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex)
    {
        error = ex.what();
        return false;
    }
};

constexpr int kMaxRuleDepth = 64;

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string pointer_token(std::string_view key)
{
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

bool is_identifier(const std::string& id)
{
    if (id.empty() || id.size() > 64)
        return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return !(id[0] >= '0' && id[0] <= '9');
}

const char* json_type_name(const json& value)
{
    switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "an unsupported value";
    }
}

// ---- The loader --------------------------------------------------------

class Loader {
public:
    Loader(Trial& trial, std::vector<LoadError>& errors) : trial_(trial), errors_(errors) {}

    void load(const json& root);

private:
    Trial& trial_;
    std::vector<LoadError>& errors_;

    void error(const std::string& path, std::string message) { errors_.push_back({path, std::move(message)}); }

    // Typed members: report and return null/defaults when absent or mistyped.
    const json* member(const json& object, const char* key, const std::string& path, bool required)
    {
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) error(path, "missing required key " + in_quotes(key));
            return nullptr;
        }
        return &*it;
    }
    std::string string_member(const json& object, const char* key, const std::string& path, bool required)
    {
        const json* value = member(object, key, path, required);
        if (!value) return {};
        if (!value->is_string()) {
            error(path + "/" + key, std::string("expected a string, found ") + json_type_name(*value));
            return {};
        }
        return value->get<std::string>();
    }
    std::string text_member(const json& object, const char* key, const std::string& path)
    {
        std::string text = string_member(object, key, path, true);
        if (object.contains(key) && object[key].is_string() && text.empty())
            error(path + "/" + key, "must not be empty");
        return text;
    }
    bool number_member(const json& object, const char* key, const std::string& path, bool required, double& out)
    {
        const json* value = member(object, key, path, required);
        if (!value) return false;
        if (!value->is_number()) {
            error(path + "/" + key, std::string("expected a number, found ") + json_type_name(*value));
            return false;
        }
        out = value->get<double>();
        return true;
    }
    bool bool_member(const json& object, const char* key, const std::string& path, bool fallback)
    {
        const json* value = member(object, key, path, false);
        if (!value) return fallback;
        if (!value->is_boolean()) {
            error(path + "/" + key, std::string("expected true or false, found ") + json_type_name(*value));
            return fallback;
        }
        return value->get<bool>();
    }
    const json* array_member(const json& object, const char* key, const std::string& path, bool required)
    {
        const json* value = member(object, key, path, required);
        if (value && !value->is_array()) {
            error(path + "/" + key, std::string("expected an array, found ") + json_type_name(*value));
            return nullptr;
        }
        return value;
    }
    bool expect_object(const json& value, const std::string& path)
    {
        if (value.is_object()) return true;
        error(path, std::string("expected an object, found ") + json_type_name(value));
        return false;
    }
    // Typos in key names must not pass silently.
    void only_keys(const json& object, const std::string& path, std::initializer_list<const char*> allowed)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool known = false;
            for (const char* key : allowed)
                if (it.key() == key) known = true;
            if (!known) {
                std::string list;
                for (const char* key : allowed) list += (list.empty() ? "" : ", ") + std::string(key);
                error(path + "/" + pointer_token(it.key()), "unknown key " + in_quotes(it.key()) + " (expected one of: " + list + ")");
            }
        }
    }

    void load_trial_info(const json& info, const std::string& path);
    void load_conflicts(const json& list, const std::string& path);
    void load_sections(const json& list, const std::string& path);
    void load_fields(const json& list, const std::string& path);
    void load_field_rules(const json& list, const std::string& path);
    void load_derived(const json& list, const std::string& path);
    void load_constraints(const json& list, const std::string& path);
    void load_criteria(const json& list, const std::string& path);
    void load_not_computable(const json& list, const std::string& path);
    void check_structured_notes(const json& list, const std::string& path);

    int slot_argument(const json& args, const char* key, const std::string& path, int before_slot);
    int parse_rule(const json& value, const std::string& path, int depth, int slot_limit);
    int parse_field_rule(const json& value, const std::string& path, int slot_limit);
    int add_node(Node node)
    {
        trial_.nodes.push_back(std::move(node));
        return static_cast<int>(trial_.nodes.size()) - 1;
    }
};

void Loader::load(const json& root)
{
    if (!expect_object(root, ""))
        return;
    only_keys(root, "", {"format", "version", "trial", "conflicts", "sections", "fields", "derived", "constraints",
                         "criteria", "not_computable", "structured_eligibility", "$schema", "description"});
    const std::string format = string_member(root, "format", "", true);
    if (root.contains("format") && root["format"].is_string() && format != "eligibility-criteria/1") {
        error("/format", "unsupported format " + in_quotes(format) + " (this program reads \"eligibility-criteria/1\")");
        return;
    }
    trial_.version = text_member(root, "version", "");
    if (const json* info = member(root, "trial", "", true); info && expect_object(*info, "/trial"))
        load_trial_info(*info, "/trial");
    if (const json* list = array_member(root, "conflicts", "", false)) load_conflicts(*list, "/conflicts");
    if (const json* list = array_member(root, "sections", "", true)) load_sections(*list, "/sections");
    const json* fields = array_member(root, "fields", "", true);
    if (fields) load_fields(*fields, "/fields");
    if (!errors_.empty())
        return;  // later parts refer to fields by id: stop before cascading errors
    if (const json* list = array_member(root, "derived", "", false)) load_derived(*list, "/derived");
    if (fields) load_field_rules(*fields, "/fields");
    if (const json* list = array_member(root, "constraints", "", false)) load_constraints(*list, "/constraints");
    if (const json* list = array_member(root, "criteria", "", true)) load_criteria(*list, "/criteria");
    if (const json* list = array_member(root, "not_computable", "", false)) load_not_computable(*list, "/not_computable");
    if (const json* list = array_member(root, "structured_eligibility", "", false)) check_structured_notes(*list, "/structured_eligibility");
}

void Loader::load_trial_info(const json& info, const std::string& path)
{
    only_keys(info, path, {"nct_id", "title", "short_title", "phase", "status", "study_type", "enrollment", "start_date",
                           "completion_date", "record_date", "sponsor", "site", "conditions", "source_file"});
    TrialInfo& t = trial_.info;
    t.nct_id = text_member(info, "nct_id", path);
    t.title = text_member(info, "title", path);
    t.short_title = string_member(info, "short_title", path, false);
    t.phase = text_member(info, "phase", path);
    t.status = text_member(info, "status", path);
    t.study_type = string_member(info, "study_type", path, false);
    double enrollment = 0;
    if (number_member(info, "enrollment", path, false, enrollment)) {
        if (enrollment < 0 || enrollment != std::floor(enrollment) || enrollment > 1e9)
            error(path + "/enrollment", "expected a whole number of participants");
        else
            t.enrollment = static_cast<int>(enrollment);
    }
    for (auto [key, out] : {std::pair{"start_date", &t.start_date}, {"completion_date", &t.completion_date}, {"record_date", &t.record_date}}) {
        *out = string_member(info, key, path, std::string(key) == "record_date");
        if (!out->empty() && !parse_iso_date(*out))
            error(path + "/" + key, "expected a date YYYY-MM-DD, found " + in_quotes(*out));
    }
    t.sponsor = string_member(info, "sponsor", path, false);
    t.site = string_member(info, "site", path, false);
    t.source_file = string_member(info, "source_file", path, false);
    if (const json* list = array_member(info, "conditions", path, false))
        for (size_t i = 0; i < list->size(); ++i) {
            if ((*list)[i].is_string()) t.conditions.push_back((*list)[i].get<std::string>());
            else error(path + "/conditions/" + std::to_string(i), "expected a string");
        }
}

void Loader::load_conflicts(const json& list, const std::string& path)
{
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "/" + std::to_string(i);
        if (!expect_object(list[i], at)) continue;
        only_keys(list[i], at, {"id", "summary", "sources", "resolution"});
        Conflict conflict;
        conflict.id = text_member(list[i], "id", at);
        conflict.summary = text_member(list[i], "summary", at);
        conflict.resolution = text_member(list[i], "resolution", at);
        if (const json* sources = array_member(list[i], "sources", at, true)) {
            if (sources->size() < 2) error(at + "/sources", "a conflict needs at least two sources");
            for (size_t s = 0; s < sources->size(); ++s) {
                const std::string sat = at + "/sources/" + std::to_string(s);
                if (!expect_object((*sources)[s], sat)) continue;
                only_keys((*sources)[s], sat, {"where", "text", "value"});
                ConflictSource source;
                source.where = text_member((*sources)[s], "where", sat);
                source.text = text_member((*sources)[s], "text", sat);
                number_member((*sources)[s], "value", sat, false, source.value);
                conflict.sources.push_back(std::move(source));
            }
        }
        trial_.conflicts.push_back(std::move(conflict));
    }
}

void Loader::load_sections(const json& list, const std::string& path)
{
    std::set<std::string> seen;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "/" + std::to_string(i);
        if (!expect_object(list[i], at)) continue;
        only_keys(list[i], at, {"id", "label"});
        Section section{text_member(list[i], "id", at), text_member(list[i], "label", at)};
        if (!section.id.empty() && !seen.insert(section.id).second)
            error(at + "/id", "duplicate section id " + in_quotes(section.id));
        trial_.sections.push_back(std::move(section));
    }
}

FieldType parse_field_type(const std::string& name, bool& ok)
{
    ok = true;
    if (name == "text") return FieldType::text;
    if (name == "date") return FieldType::date;
    if (name == "bool") return FieldType::boolean;
    if (name == "number") return FieldType::number;
    if (name == "integer") return FieldType::integer;
    if (name == "enum") return FieldType::enumeration;
    ok = false;
    return FieldType::text;
}

void Loader::load_fields(const json& list, const std::string& path)
{
    if (list.size() > kMaxFields) {
        error(path, "at most " + std::to_string(kMaxFields) + " fields are supported");
        return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "/" + std::to_string(i);
        if (!expect_object(list[i], at)) continue;
        const json& f = list[i];
        only_keys(f, at, {"id", "type", "section", "label", "help", "unit", "units", "min", "max", "min_exclusive",
                          "allow_none", "values", "relevant_when"});
        FieldDef field;
        field.id = text_member(f, "id", at);
        if (!field.id.empty() && !is_identifier(field.id))
            error(at + "/id", "field ids are lower-case letters, digits and _ (found " + in_quotes(field.id) + ")");
        const std::string type = text_member(f, "type", at);
        bool type_ok = true;
        field.type = parse_field_type(type, type_ok);
        if (!type.empty() && !type_ok)
            error(at + "/type", "unknown type " + in_quotes(type) + " (expected text, date, bool, number, integer or enum)");
        field.section = text_member(f, "section", at);
        bool section_known = false;
        for (const Section& s : trial_.sections) section_known |= s.id == field.section;
        if (!field.section.empty() && !section_known)
            error(at + "/section", "unknown section " + in_quotes(field.section));
        field.label = text_member(f, "label", at);
        field.help = string_member(f, "help", at, false);
        field.unit = string_member(f, "unit", at, false);
        const bool numeric = field.type == FieldType::number || field.type == FieldType::integer;

        if (const json* units = member(f, "units", at, false)) {
            if (field.type != FieldType::number) error(at + "/units", "only number fields take units");
            else if (!units->is_object() || units->empty()) error(at + "/units", "expected an object of unit name to factor");
            else {
                for (auto it = units->begin(); it != units->end(); ++it) {
                    if (!it.value().is_number() || !(it.value().get<double>() > 0) || !std::isfinite(it.value().get<double>()))
                        error(at + "/units/" + pointer_token(it.key()), "expected a factor > 0 to the canonical unit");
                    else if (it.key() == field.unit)
                        field.units.insert(field.units.begin(), Unit{it.key(), it.value().get<double>()});
                    else
                        field.units.push_back(Unit{it.key(), it.value().get<double>()});
                }
                if (field.units.empty() || field.units.front().name != field.unit || field.units.front().to_canonical != 1.0)
                    error(at + "/units", "must list the canonical unit " + in_quotes(field.unit) + " with factor 1");
            }
        }
        const bool has_min = f.contains("min"), has_max = f.contains("max");
        if ((has_min || has_max) && !numeric) error(at, "only number and integer fields take min/max");
        if (numeric) {
            if (!has_min || !has_max) error(at, "number and integer fields need a plausible range: min and max");
            const bool has_low = number_member(f, "min", at, false, field.min);
            const bool has_high = number_member(f, "max", at, false, field.max);
            field.has_range = has_low && has_high;
            if (field.has_range && field.min > field.max) error(at + "/max", "max is below min");
        }
        field.min_exclusive = bool_member(f, "min_exclusive", at, false);
        field.allow_none = bool_member(f, "allow_none", at, false);
        if (field.allow_none && field.type != FieldType::date) error(at + "/allow_none", "only date fields take \"none\"");
        if (const json* values = array_member(f, "values", at, field.type == FieldType::enumeration)) {
            if (field.type != FieldType::enumeration) error(at + "/values", "only enum fields take values");
            if (values->empty() || values->size() > 64) error(at + "/values", "an enum needs 1 to 64 values");
            std::set<std::string> seen;
            for (size_t v = 0; v < values->size(); ++v) {
                const std::string vat = at + "/values/" + std::to_string(v);
                if (!expect_object((*values)[v], vat)) continue;
                only_keys((*values)[v], vat, {"id", "label", "help"});
                EnumValue value{text_member((*values)[v], "id", vat), text_member((*values)[v], "label", vat),
                                string_member((*values)[v], "help", vat, false)};
                if (!value.id.empty() && !seen.insert(value.id).second) error(vat + "/id", "duplicate value " + in_quotes(value.id));
                field.values.push_back(std::move(value));
            }
        }
        if (!field.id.empty()) {
            if (!trial_.slot_by_id.emplace(field.id, static_cast<int>(trial_.fields.size())).second)
                error(at + "/id", "duplicate field id " + in_quotes(field.id));
        }
        trial_.fields.push_back(std::move(field));
    }
}

// relevant_when may refer to derived values, so it is read after them.
void Loader::load_field_rules(const json& list, const std::string& path)
{
    for (size_t i = 0; i < list.size() && i < trial_.fields.size(); ++i)
        if (const json* rule = member(list[i], "relevant_when", path, false))
            trial_.fields[i].relevant_when = parse_rule(*rule, path + "/" + std::to_string(i) + "/relevant_when", 0, trial_.slot_count());
}

int Loader::slot_argument(const json& args, const char* key, const std::string& path, int before_slot)
{
    const std::string id = string_member(args, key, path, true);
    if (id.empty()) return -1;
    const int slot = trial_.find_slot(id);
    if (slot < 0) {
        error(path + "/" + key, "unknown field " + in_quotes(id));
        return -1;
    }
    if (slot >= before_slot) {
        error(path + "/" + key, in_quotes(id) + " is defined later; a derived value may use only fields and earlier derived values");
        return -1;
    }
    return slot;
}

void Loader::load_derived(const json& list, const std::string& path)
{
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "/" + std::to_string(i);
        if (!expect_object(list[i], at)) continue;
        const json& d = list[i];
        only_keys(d, at, {"id", "function", "label", "unit", "args"});
        DerivedDef def;
        def.id = text_member(d, "id", at);
        def.label = text_member(d, "label", at);
        def.unit = string_member(d, "unit", at, false);
        const std::string function = text_member(d, "function", at);
        const int self = static_cast<int>(trial_.fields.size() + trial_.derived.size());
        const json* args_ptr = member(d, "args", at, true);
        if (!args_ptr || !expect_object(*args_ptr, at + "/args")) {
            trial_.derived.push_back(std::move(def));
            continue;
        }
        const json& args = *args_ptr;
        const std::string aat = at + "/args";
        auto want_type = [&](int slot, const char* key, FieldType type, const char* what) {
            if (slot >= 0 && trial_.slot_type(slot) != type)
                error(aat + "/" + key, in_quotes(trial_.slot_id(slot)) + " must be " + what);
        };
        if (function == "completed_years") {
            def.function = DerivedFunction::completed_years;
            only_keys(args, aat, {"years", "birth_date", "at"});
            def.years = slot_argument(args, "years", aat, self);
            def.birth_date = slot_argument(args, "birth_date", aat, self);
            def.at = slot_argument(args, "at", aat, self);
            want_type(def.years, "years", FieldType::number, "a number field");
            want_type(def.birth_date, "birth_date", FieldType::date, "a date field");
            want_type(def.at, "at", FieldType::date, "a date field");
            if (def.years >= 0 && !trial_.is_field(def.years)) error(aat + "/years", "must be a record field");
        } else if (function == "multiple_of_uln") {
            def.function = DerivedFunction::multiple_of_uln;
            only_keys(args, aat, {"value", "uln", "multiple"});
            def.value = slot_argument(args, "value", aat, self);
            def.uln = slot_argument(args, "uln", aat, self);
            def.multiple = slot_argument(args, "multiple", aat, self);
            for (auto [key, slot] : {std::pair{"value", def.value}, {"uln", def.uln}, {"multiple", def.multiple}}) {
                want_type(slot, key, FieldType::number, "a number field");
                if (slot >= 0 && !trial_.is_field(slot)) error(aat + "/" + key, "must be a record field");
            }
            if (def.value >= 0 && def.uln >= 0 && trial_.fields[static_cast<size_t>(def.value)].unit != trial_.fields[static_cast<size_t>(def.uln)].unit)
                error(aat + "/uln", "the value and its ULN must share a canonical unit");
        } else if (function == "cockcroft_gault_unless_measured") {
            def.function = DerivedFunction::cockcroft_gault_unless_measured;
            only_keys(args, aat, {"measured", "age", "weight_kg", "sex", "female", "creatinine"});
            def.measured = slot_argument(args, "measured", aat, self);
            def.age = slot_argument(args, "age", aat, self);
            def.weight_kg = slot_argument(args, "weight_kg", aat, self);
            def.sex = slot_argument(args, "sex", aat, self);
            def.creatinine = slot_argument(args, "creatinine", aat, self);
            want_type(def.measured, "measured", FieldType::number, "a number field");
            want_type(def.age, "age", FieldType::number, "a number");
            want_type(def.weight_kg, "weight_kg", FieldType::number, "a number field");
            want_type(def.creatinine, "creatinine", FieldType::number, "a number field");
            if (def.weight_kg >= 0 && trial_.is_field(def.weight_kg) && trial_.fields[static_cast<size_t>(def.weight_kg)].unit != "kg")
                error(aat + "/weight_kg", "the weight field's canonical unit must be kg");
            if (def.creatinine >= 0 && trial_.is_field(def.creatinine)) {
                for (const Unit& unit : trial_.fields[static_cast<size_t>(def.creatinine)].units)
                    if (unit.name == "mg/dL") def.creatinine_per_mg_dl = unit.to_canonical;
                if (def.creatinine_per_mg_dl <= 0) error(aat + "/creatinine", "the creatinine field must accept mg/dL (Cockcroft–Gault is defined in mg/dL)");
            }
            const std::string female = string_member(args, "female", aat, true);
            if (const FieldDef* sex = trial_.enum_source(def.sex)) {
                for (size_t v = 0; v < sex->values.size(); ++v)
                    if (sex->values[v].id == female) def.female_value = static_cast<int16_t>(v);
                if (def.female_value < 0) error(aat + "/female", in_quotes(female) + " is not a value of " + in_quotes(sex->id));
            } else if (def.sex >= 0) {
                error(aat + "/sex", "must be an enum field");
            }
        } else if (function == "implied_value") {
            def.function = DerivedFunction::implied_value;
            only_keys(args, aat, {"field", "when", "value"});
            def.field = slot_argument(args, "field", aat, self);
            if (def.field >= 0 && !trial_.is_field(def.field)) error(aat + "/field", "must be a record field");
            if (const json* when = member(args, "when", aat, true))
                def.condition = parse_rule(*when, aat + "/when", 0, self);
            const json* value = member(args, "value", aat, true);
            if (def.field >= 0 && trial_.slot_type(def.field) == FieldType::boolean) {
                if (value && !value->is_boolean()) error(aat + "/value", "expected true or false (the field is yes/no)");
                else if (value) def.implied_bool = value->get<bool>();
            } else if (const FieldDef* source = trial_.enum_source(def.field)) {
                if (value && value->is_string())
                    for (size_t v = 0; v < source->values.size(); ++v)
                        if (source->values[v].id == value->get<std::string>()) def.implied_enum = static_cast<int16_t>(v);
                if (value && def.implied_enum < 0) error(aat + "/value", "not a value of " + in_quotes(source->id));
            } else if (def.field >= 0) {
                error(aat + "/field", "implied_value works on enum and yes/no fields");
            }
        } else if (!function.empty()) {
            error(at + "/function", "unknown function " + in_quotes(function) +
                  " (expected completed_years, multiple_of_uln, cockcroft_gault_unless_measured or implied_value)");
        }
        if (!def.id.empty()) {
            if (!is_identifier(def.id)) error(at + "/id", "derived ids are lower-case letters, digits and _");
            if (!trial_.slot_by_id.emplace(def.id, self).second) error(at + "/id", "duplicate id " + in_quotes(def.id));
        }
        trial_.derived.push_back(std::move(def));
    }
}

void Loader::load_constraints(const json& list, const std::string& path)
{
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "/" + std::to_string(i);
        if (!expect_object(list[i], at)) continue;
        only_keys(list[i], at, {"field", "forbid", "message"});
        Constraint constraint;
        const std::string field = text_member(list[i], "field", at);
        constraint.field = trial_.find_slot(field);
        if (!field.empty() && !trial_.is_field(constraint.field)) error(at + "/field", "unknown field " + in_quotes(field));
        constraint.message = text_member(list[i], "message", at);
        if (const json* forbid = member(list[i], "forbid", at, true))
            constraint.forbid = parse_rule(*forbid, at + "/forbid", 0, trial_.slot_count());
        trial_.constraints.push_back(std::move(constraint));
    }
}

void Loader::load_criteria(const json& list, const std::string& path)
{
    if (list.empty()) error(path, "a trial needs at least one criterion");
    std::set<std::string> seen;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "/" + std::to_string(i);
        if (!expect_object(list[i], at)) continue;
        const json& c = list[i];
        only_keys(c, at, {"id", "kind", "title", "source", "rule"});
        Criterion criterion;
        criterion.id = text_member(c, "id", at);
        if (!criterion.id.empty() && !is_identifier(criterion.id)) error(at + "/id", "criterion ids are lower-case letters, digits and _");
        if (!criterion.id.empty() && !seen.insert(criterion.id).second) error(at + "/id", "duplicate criterion id " + in_quotes(criterion.id));
        const std::string kind = text_member(c, "kind", at);
        if (kind == "inclusion") criterion.kind = CriterionKind::inclusion;
        else if (kind == "exclusion") criterion.kind = CriterionKind::exclusion;
        else if (!kind.empty()) error(at + "/kind", "expected \"inclusion\" or \"exclusion\", found " + in_quotes(kind));
        criterion.title = text_member(c, "title", at);
        if (const json* source = member(c, "source", at, true)) {
            if (source->is_string()) criterion.sources.push_back(source->get<std::string>());
            else if (source->is_array()) {
                for (size_t s = 0; s < source->size(); ++s) {
                    if ((*source)[s].is_string()) criterion.sources.push_back((*source)[s].get<std::string>());
                    else error(at + "/source/" + std::to_string(s), "expected a string");
                }
            } else {
                error(at + "/source", "expected the verbatim sentence, or a list of them");
            }
            for (const std::string& s : criterion.sources) {
                if (s.empty()) error(at + "/source", "a source sentence must not be empty");
                criterion.source += (criterion.source.empty() ? "" : " ") + s;
            }
            if (criterion.sources.empty() && source->is_array()) error(at + "/source", "needs at least one sentence");
        }
        criterion.first_node = static_cast<int>(trial_.nodes.size());
        if (const json* rule = member(c, "rule", at, true))
            criterion.rule = parse_rule(*rule, at + "/rule", 0, trial_.slot_count());
        trial_.criteria.push_back(std::move(criterion));
    }
}

void Loader::load_not_computable(const json& list, const std::string& path)
{
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "/" + std::to_string(i);
        if (!expect_object(list[i], at)) continue;
        only_keys(list[i], at, {"text", "reason"});
        trial_.not_computable.push_back({text_member(list[i], "text", at), text_member(list[i], "reason", at)});
    }
}

void Loader::check_structured_notes(const json& list, const std::string& path)
{
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "/" + std::to_string(i);
        if (!expect_object(list[i], at)) continue;
        only_keys(list[i], at, {"field", "value", "note"});
        text_member(list[i], "field", at);
        text_member(list[i], "value", at);
        text_member(list[i], "note", at);
    }
}

// ---- Rules -------------------------------------------------------------

int Loader::parse_rule(const json& value, const std::string& path, int depth, int slot_limit)
{
    if (depth > kMaxRuleDepth) {
        error(path, "rule nested deeper than " + std::to_string(kMaxRuleDepth) + " levels");
        return -1;
    }
    if (value.is_boolean()) {
        Node node;
        node.kind = NodeKind::constant;
        node.constant = value.get<bool>() ? Status::pass : Status::fail;
        return add_node(node);
    }
    if (!value.is_object()) {
        error(path, std::string("expected a rule (an object, true or false), found ") + json_type_name(value));
        return -1;
    }
    auto parse_children = [&](const json& list, const std::string& at, Node& node, size_t minimum) {
        if (!list.is_array() || list.size() < minimum) {
            error(at, "expected a list of at least " + std::to_string(minimum) + " rules");
            return;
        }
        std::vector<int> kids;
        for (size_t i = 0; i < list.size(); ++i)
            kids.push_back(parse_rule(list[i], at + "/" + std::to_string(i), depth + 1, slot_limit));
        node.first_child = static_cast<int>(trial_.children.size());
        node.child_count = static_cast<int>(kids.size());
        trial_.children.insert(trial_.children.end(), kids.begin(), kids.end());
    };
    Node node;
    if (value.contains("all") || value.contains("any")) {
        const char* key = value.contains("all") ? "all" : "any";
        only_keys(value, path, {key});
        node.kind = value.contains("all") ? NodeKind::all : NodeKind::any;
        parse_children(value[key], path + "/" + key, node, 1);
        return add_node(node);
    }
    if (value.contains("not")) {
        only_keys(value, path, {"not"});
        node.kind = NodeKind::negate;
        const int child = parse_rule(value["not"], path + "/not", depth + 1, slot_limit);
        node.first_child = static_cast<int>(trial_.children.size());
        node.child_count = 1;
        trial_.children.push_back(child);
        return add_node(node);
    }
    if (value.contains("if")) {
        only_keys(value, path, {"if", "then", "else"});
        node.kind = NodeKind::if_then_else;
        int parts[3] = {-1, -1, -1};
        const char* keys[3] = {"if", "then", "else"};
        for (int p = 0; p < 3; ++p) {
            if (!value.contains(keys[p])) error(path, std::string("an if-rule needs \"") + keys[p] + "\"");
            else parts[p] = parse_rule(value[keys[p]], path + "/" + keys[p], depth + 1, slot_limit);
        }
        node.first_child = static_cast<int>(trial_.children.size());
        node.child_count = 3;
        trial_.children.insert(trial_.children.end(), parts, parts + 3);
        return add_node(node);
    }
    if (value.contains("readings")) {
        only_keys(value, path, {"readings"});
        node.kind = NodeKind::readings;
        const json& list = value["readings"];
        if (!list.is_array() || list.size() < 2) {
            error(path + "/readings", "expected a list of at least two readings");
            return -1;
        }
        std::vector<int> kids;
        for (size_t i = 0; i < list.size(); ++i) {
            const std::string at = path + "/readings/" + std::to_string(i);
            if (!expect_object(list[i], at)) continue;
            only_keys(list[i], at, {"source", "rule"});
            const std::string source = text_member(list[i], "source", at);
            const json* rule = member(list[i], "rule", at, true);
            const int kid = rule ? parse_rule(*rule, at + "/rule", depth + 1, slot_limit) : -1;
            if (kid >= 0) trial_.nodes[static_cast<size_t>(kid)].reading_source = source;
            kids.push_back(kid);
        }
        node.first_child = static_cast<int>(trial_.children.size());
        node.child_count = static_cast<int>(kids.size());
        trial_.children.insert(trial_.children.end(), kids.begin(), kids.end());
        return add_node(node);
    }
    if (value.contains("field"))
        return parse_field_rule(value, path, slot_limit);
    error(path, "a rule needs one of \"all\", \"any\", \"not\", \"if\", \"readings\" or \"field\"");
    return -1;
}

int Loader::parse_field_rule(const json& value, const std::string& path, int slot_limit)
{
    Node node;
    const std::string id = string_member(value, "field", path, true);
    node.slot = trial_.find_slot(id);
    if (node.slot < 0 || node.slot >= slot_limit) {
        if (!id.empty()) error(path + "/field", node.slot < 0 ? "unknown field " + in_quotes(id) : in_quotes(id) + " is defined later and cannot be used here");
        return -1;
    }
    const FieldType type = trial_.slot_type(node.slot);
    const bool numeric = type == FieldType::number || type == FieldType::integer;
    static const char* const ops[] = {"is", "in", "at_least", "at_most", "above", "below", "not_within", "earlier_than", "later_than"};
    const char* op = nullptr;
    for (const char* candidate : ops)
        if (value.contains(candidate)) {
            if (op) {
                error(path, std::string("a field rule takes one test; found both \"") + op + "\" and \"" + candidate + "\"");
                return -1;
            }
            op = candidate;
        }
    if (!op) {
        error(path, "a field rule needs a test: is, in, at_least, at_most, above, below, not_within, earlier_than or later_than");
        return -1;
    }
    const std::string op_path = path + "/" + op;
    const json& operand = value[op];
    const std::string_view name = op;
    auto date_reference = [&](const json& ref, const std::string& at) {
        if (!ref.is_string()) {
            error(at, "expected the id of a date field");
            return -1;
        }
        const int slot = trial_.find_slot(ref.get<std::string>());
        if (slot < 0 || slot >= slot_limit || trial_.slot_type(slot) != FieldType::date) {
            error(at, in_quotes(ref.get<std::string>()) + " is not a date field");
            return -1;
        }
        return slot;
    };

    if (name == "is") {
        only_keys(value, path, {"field", "is"});
        const FieldDef* enums = trial_.enum_source(node.slot);
        if (type == FieldType::boolean) {
            if (!operand.is_boolean()) error(op_path, in_quotes(id) + " is a yes/no field: expected true or false");
            else node.boolean = operand.get<bool>();
            node.kind = NodeKind::is_bool;
        } else if (enums) {
            node.kind = NodeKind::is_enum;
            if (operand.is_string())
                for (size_t v = 0; v < enums->values.size(); ++v)
                    if (enums->values[v].id == operand.get<std::string>()) node.enum_index = static_cast<int16_t>(v);
            if (node.enum_index < 0) error(op_path, "not a value of " + in_quotes(enums->id));
        } else if (type == FieldType::date && trial_.is_field(node.slot) && trial_.fields[static_cast<size_t>(node.slot)].allow_none) {
            node.kind = NodeKind::is_none;
            if (!(operand.is_string() && operand.get<std::string>() == "none")) error(op_path, "a date field can be tested only for \"none\"");
        } else {
            error(op_path, "\"is\" needs a yes/no, enum or none-allowing date field; " + in_quotes(id) + " is not one");
        }
    } else if (name == "in") {
        only_keys(value, path, {"field", "in"});
        node.kind = NodeKind::in_enum;
        const FieldDef* enums = trial_.enum_source(node.slot);
        if (!enums) error(op_path, "\"in\" needs an enum field; " + in_quotes(id) + " is not one");
        else if (!operand.is_array() || operand.empty()) error(op_path, "expected a non-empty list of values");
        else
            for (size_t i = 0; i < operand.size(); ++i) {
                int16_t index = -1;
                if (operand[i].is_string())
                    for (size_t v = 0; v < enums->values.size(); ++v)
                        if (enums->values[v].id == operand[i].get<std::string>()) index = static_cast<int16_t>(v);
                if (index < 0) error(op_path + "/" + std::to_string(i), "not a value of " + in_quotes(enums->id));
                else node.enum_mask |= uint64_t{1} << index;
            }
    } else if (name == "at_least" || name == "at_most" || name == "above" || name == "below") {
        only_keys(value, path, {"field", op});
        node.kind = name == "at_least" ? NodeKind::at_least : name == "at_most" ? NodeKind::at_most
                  : name == "above" ? NodeKind::above : NodeKind::below;
        if (!numeric) error(op_path, "a comparison needs a number field; " + in_quotes(id) + " is not one");
        else if (!operand.is_number() || !std::isfinite(operand.get<double>())) error(op_path, "expected a number (in the field's canonical unit)");
        else node.number = operand.get<double>();
    } else if (name == "not_within") {
        only_keys(value, path, {"field", "not_within", "before", "before_is_on_or_after"});
        node.kind = NodeKind::not_within;
        if (type != FieldType::date) error(path + "/field", in_quotes(id) + " is not a date field");
        if (!operand.is_object() || operand.size() != 1 || !(operand.contains("weeks") || operand.contains("months")))
            error(op_path, "expected {\"weeks\": N} or {\"months\": N}");
        else {
            const bool weeks = operand.contains("weeks");
            const json& amount = weeks ? operand["weeks"] : operand["months"];
            if (!amount.is_number_integer() || amount.get<long long>() < 1 || amount.get<long long>() > 1200)
                error(op_path, "expected a whole number of weeks or months, 1 to 1200");
            else node.window = static_cast<int>(amount.get<long long>());
            node.window_unit = weeks ? WindowUnit::weeks : WindowUnit::months;
        }
        if (!value.contains("before")) error(path, "not_within needs \"before\": the reference date field");
        else node.reference = date_reference(value["before"], path + "/before");
        if (value.contains("before_is_on_or_after"))
            node.reference_floor = date_reference(value["before_is_on_or_after"], path + "/before_is_on_or_after");
    } else {  // earlier_than, later_than
        only_keys(value, path, {"field", op});
        node.kind = name == "earlier_than" ? NodeKind::earlier_than : NodeKind::later_than;
        if (type != FieldType::date) error(path + "/field", in_quotes(id) + " is not a date field");
        node.reference = date_reference(operand, op_path);
    }
    return add_node(node);
}

} // namespace

TrialLoadResult load_trial(std::string_view json_text)
{
    TrialLoadResult result;
    json root;
    DomParserKeepingError parser(root);
    if (!json::sax_parse(json_text.begin(), json_text.end(), &parser) || !parser.error.empty()) {
        std::string message = parser.error.empty() ? "not valid JSON" : parser.error;
        // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
        if (auto cut = message.find("] "); message.rfind("[json.exception", 0) == 0 && cut != std::string::npos)
            message = message.substr(cut + 2);
        result.errors.push_back({"", message});
        return result;
    }
    Trial trial;
    Loader loader(trial, result.errors);
    loader.load(root);
    if (!result.errors.empty())
        return result;
    // Children precede their parents in `nodes`: one pass settles which
    // nodes read a fixed set of fields.
    for (Node& node : trial.nodes) {
        switch (node.kind) {
        case NodeKind::constant:
            node.reads_fixed_fields = true;
            break;
        case NodeKind::all:
        case NodeKind::any:
        case NodeKind::readings:
        case NodeKind::negate:
            node.reads_fixed_fields = true;
            for (int i = 0; i < node.child_count; ++i) {
                const Node& child = trial.node(trial.child(node, i));
                node.reads_fixed_fields &= child.reads_fixed_fields;
                node.fixed_reads |= child.fixed_reads;
            }
            break;
        case NodeKind::if_then_else:
        case NodeKind::not_within:
            break;
        case NodeKind::earlier_than:
        case NodeKind::later_than:
            node.reads_fixed_fields = trial.is_field(node.slot) && trial.is_field(node.reference);
            if (node.reads_fixed_fields) {
                node.fixed_reads.insert(static_cast<size_t>(node.slot));
                node.fixed_reads.insert(static_cast<size_t>(node.reference));
            }
            break;
        default:
            node.reads_fixed_fields = trial.is_field(node.slot);
            if (node.reads_fixed_fields) node.fixed_reads.insert(static_cast<size_t>(node.slot));
            break;
        }
    }
    result.trial = std::move(trial);
    return result;
}

} // namespace elig
