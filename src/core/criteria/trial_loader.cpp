#include "core/criteria/trial_loader.h"

#include "core/criteria/criteria_reader.h"
#include "core/criteria/derived_compiler.h"
#include "core/criteria/read_planner.h"
#include "core/criteria/rule_compiler.h"
#include "core/json/json_dom.h"

#include <cmath>
#include <map>
#include <set>

namespace elig {

namespace {

class TrialLoader {
public:
    TrialLoader(Trial& trial, std::vector<LoadError>& errors) : trial_(trial), reader_(errors), rules_(trial, reader_) {}

    void load(const Json& root);

private:
    Trial& trial_;
    CriteriaReader reader_;
    RuleCompiler rules_;
    std::map<std::string, std::string, std::less<>> display_units_;  // name -> the word shown

    void load_trial_info(const Json& info, const std::string& path);
    void load_conflicts(const Json& list, const std::string& path);
    void load_sections(const Json& list, const std::string& path);
    void load_fields(const Json& list, const std::string& path);
    void load_field(const Json& entry, const std::string& at);
    void load_units(const Json& entry, const std::string& at, FieldDef& field);
    void load_display(const Json& entry, const std::string& at, FieldDef& field);
    void load_display_units(const Json& table, const std::string& path);
    void load_notes(const Json& list, const std::string& path, std::vector<TrialNote>& out);
    void load_range(const Json& entry, const std::string& at, FieldDef& field);
    void load_values(const Json& entry, const std::string& at, FieldDef& field);
    void load_field_rules(const Json& list, const std::string& path);
    void load_constraints(const Json& list, const std::string& path);
    void load_criteria(const Json& list, const std::string& path);
    void load_sources(const Json& source, const std::string& at, Criterion& criterion);
    void load_not_computable(const Json& list, const std::string& path);
    void load_screen_failures(const Json& table, const std::string& path);
    void check_structured_notes(const Json& list, const std::string& path);

    // Calls load(entry, "path/i") for each object of `list`.
    template <typename Load>
    void each_object(const Json& list, const std::string& path, Load&& load)
    {
        for (size_t i = 0; i < list.size(); ++i) {
            const std::string at = path + "/" + std::to_string(i);
            if (reader_.expect_object(list[i], at)) load(list[i], at);
        }
    }
};

void TrialLoader::load(const Json& root)
{
    if (!reader_.expect_object(root, ""))
        return;
    reader_.only_keys(root, "", {"format", "version", "trial", "conflicts", "interpretations", "open_questions", "display_units", "sections", "fields",
                                 "derived", "constraints", "screen_failures", "criteria", "not_computable", "structured_eligibility", "$schema",
                                 "description"});
    const std::string format = reader_.string_member(root, "format", "", true);
    if (root.contains("format") && root["format"].is_string() && format != "eligibility-criteria/1") {
        reader_.error("/format", "unsupported format " + in_quotes(format) + " (this program reads \"eligibility-criteria/1\")");
        return;
    }
    trial_.version = reader_.text_member(root, "version", "");
    if (const Json* info = reader_.member(root, "trial", "", true); info && reader_.expect_object(*info, "/trial"))
        load_trial_info(*info, "/trial");
    if (const Json* list = reader_.array_member(root, "conflicts", "", false)) load_conflicts(*list, "/conflicts");
    if (const Json* list = reader_.array_member(root, "interpretations", "", false)) load_notes(*list, "/interpretations", trial_.interpretations);
    if (const Json* list = reader_.array_member(root, "open_questions", "", false)) load_notes(*list, "/open_questions", trial_.open_questions);
    if (const Json* table = reader_.member(root, "display_units", "", false)) load_display_units(*table, "/display_units");
    if (const Json* list = reader_.array_member(root, "sections", "", true)) load_sections(*list, "/sections");
    const Json* fields = reader_.array_member(root, "fields", "", true);
    if (fields) load_fields(*fields, "/fields");
    if (reader_.has_errors())
        return;  // later parts refer to fields by id: stop before cascading errors
    if (const Json* list = reader_.array_member(root, "derived", "", false)) DerivedCompiler(trial_, reader_, rules_).load(*list, "/derived");
    if (fields) load_field_rules(*fields, "/fields");
    if (const Json* list = reader_.array_member(root, "constraints", "", false)) load_constraints(*list, "/constraints");
    if (const Json* list = reader_.array_member(root, "criteria", "", true)) load_criteria(*list, "/criteria");
    if (const Json* table = reader_.member(root, "screen_failures", "", false)) load_screen_failures(*table, "/screen_failures");
    if (const Json* list = reader_.array_member(root, "not_computable", "", false)) load_not_computable(*list, "/not_computable");
    if (const Json* list = reader_.array_member(root, "structured_eligibility", "", false)) check_structured_notes(*list, "/structured_eligibility");
}

void TrialLoader::load_trial_info(const Json& info, const std::string& path)
{
    reader_.only_keys(info, path, {"nct_id", "title", "short_title", "phase", "status", "study_type", "enrollment", "start_date",
                                   "completion_date", "record_date", "sponsor", "site", "conditions", "source_file"});
    TrialInfo& t = trial_.info;
    t.nct_id = reader_.text_member(info, "nct_id", path);
    t.title = reader_.text_member(info, "title", path);
    t.short_title = reader_.string_member(info, "short_title", path, false);
    t.phase = reader_.text_member(info, "phase", path);
    t.status = reader_.text_member(info, "status", path);
    t.study_type = reader_.string_member(info, "study_type", path, false);
    double enrollment = 0;
    if (reader_.number_member(info, "enrollment", path, false, enrollment)) {
        if (enrollment < 0 || enrollment != std::floor(enrollment) || enrollment > 1e9)
            reader_.error(path + "/enrollment", "expected a whole number of participants");
        else
            t.enrollment = static_cast<int>(enrollment);
    }
    for (auto [key, out] : {std::pair{"start_date", &t.start_date}, {"completion_date", &t.completion_date}, {"record_date", &t.record_date}}) {
        *out = reader_.string_member(info, key, path, std::string(key) == "record_date");
        if (!out->empty() && !parse_iso_date(*out))
            reader_.error(path + "/" + key, "expected a date YYYY-MM-DD, found " + in_quotes(*out));
    }
    t.sponsor = reader_.string_member(info, "sponsor", path, false);
    t.site = reader_.string_member(info, "site", path, false);
    t.source_file = reader_.string_member(info, "source_file", path, false);
    if (const Json* list = reader_.array_member(info, "conditions", path, false))
        for (size_t i = 0; i < list->size(); ++i) {
            if ((*list)[i].is_string()) t.conditions.push_back((*list)[i].get<std::string>());
            else reader_.error(path + "/conditions/" + std::to_string(i), "expected a string");
        }
}

// How the calculator reads a sentence the registry leaves open to more
// than one reading, and the questions it leaves to the study team.
void TrialLoader::load_notes(const Json& list, const std::string& path, std::vector<TrialNote>& out)
{
    each_object(list, path, [&](const Json& entry, const std::string& at) {
        reader_.only_keys(entry, at, {"id", "text"});
        TrialNote note{reader_.text_member(entry, "id", at), reader_.text_member(entry, "text", at)};
        if (!note.id.empty() && !is_identifier(note.id)) reader_.error(at + "/id", "ids are lower-case letters, digits and _");
        for (const TrialNote& other : out)
            if (other.id == note.id) reader_.error(at + "/id", "duplicate id " + in_quotes(note.id));
        out.push_back(std::move(note));
    });
}

// {"points": "", "class": ""}: the words scores and counts are written
// with, in English ("" for none); translations give theirs in "units".
void TrialLoader::load_display_units(const Json& table, const std::string& path)
{
    if (!reader_.expect_object(table, path)) return;
    for (auto it = table.begin(); it != table.end(); ++it) {
        if (!is_identifier(it.key())) reader_.error(path + "/" + pointer_token(it.key()), "display unit names are lower-case letters, digits and _");
        if (!it.value().is_string()) reader_.error(path + "/" + pointer_token(it.key()), "expected the word shown in English (\"\" for none)");
        else display_units_[it.key()] = it.value().get<std::string>();
    }
}

void TrialLoader::load_conflicts(const Json& list, const std::string& path)
{
    each_object(list, path, [&](const Json& entry, const std::string& at) {
        reader_.only_keys(entry, at, {"id", "summary", "sources", "resolution"});
        Conflict conflict;
        conflict.id = reader_.text_member(entry, "id", at);
        conflict.summary = reader_.text_member(entry, "summary", at);
        conflict.resolution = reader_.text_member(entry, "resolution", at);
        if (const Json* sources = reader_.array_member(entry, "sources", at, true)) {
            if (sources->size() < 2) reader_.error(at + "/sources", "a conflict needs at least two sources");
            each_object(*sources, at + "/sources", [&](const Json& source_entry, const std::string& source_at) {
                reader_.only_keys(source_entry, source_at, {"where", "text", "value"});
                ConflictSource source;
                source.where = reader_.text_member(source_entry, "where", source_at);
                source.text = reader_.text_member(source_entry, "text", source_at);
                reader_.number_member(source_entry, "value", source_at, false, source.value);
                conflict.sources.push_back(std::move(source));
            });
        }
        trial_.conflicts.push_back(std::move(conflict));
    });
}

void TrialLoader::load_sections(const Json& list, const std::string& path)
{
    std::set<std::string> seen;
    each_object(list, path, [&](const Json& entry, const std::string& at) {
        reader_.only_keys(entry, at, {"id", "label"});
        Section section{reader_.text_member(entry, "id", at), reader_.text_member(entry, "label", at)};
        if (!section.id.empty() && !seen.insert(section.id).second) reader_.error(at + "/id", "duplicate section id " + in_quotes(section.id));
        trial_.sections.push_back(std::move(section));
    });
}

bool parse_field_type(const std::string& name, FieldType& type)
{
    static constexpr std::pair<const char*, FieldType> kTypes[] = {{"text", FieldType::text},       {"date", FieldType::date},
                                                                   {"bool", FieldType::boolean},    {"number", FieldType::number},
                                                                   {"integer", FieldType::integer}, {"enum", FieldType::enumeration}};
    for (const auto& [type_name, value] : kTypes)
        if (name == type_name) {
            type = value;
            return true;
        }
    return false;
}

void TrialLoader::load_fields(const Json& list, const std::string& path)
{
    if (list.size() > kMaxFields) {
        reader_.error(path, "at most " + std::to_string(kMaxFields) + " fields are supported");
        return;
    }
    each_object(list, path, [&](const Json& entry, const std::string& at) { load_field(entry, at); });
}

void TrialLoader::load_field(const Json& entry, const std::string& at)
{
    reader_.only_keys(entry, at, {"id", "type", "section", "known_at", "visit_reason", "label", "help", "unit", "units", "min", "max",
                                  "min_exclusive", "allow_none", "values", "relevant_when", "display"});
    FieldDef field;
    field.id = reader_.text_member(entry, "id", at);
    if (!field.id.empty() && !is_identifier(field.id))
        reader_.error(at + "/id", "field ids are lower-case letters, digits and _ (found " + in_quotes(field.id) + ")");
    const std::string type = reader_.text_member(entry, "type", at);
    if (!type.empty() && !parse_field_type(type, field.type))
        reader_.error(at + "/type", "unknown type " + in_quotes(type) + " (expected text, date, bool, number, integer or enum)");
    field.section = reader_.text_member(entry, "section", at);
    bool section_known = false;
    for (const Section& s : trial_.sections) section_known |= s.id == field.section;
    if (!field.section.empty() && !section_known) reader_.error(at + "/section", "unknown section " + in_quotes(field.section));
    const std::string known_at = reader_.string_member(entry, "known_at", at, false);
    if (known_at == "tests") field.known_at = KnownAt::tests;
    else if (known_at == "visit") field.known_at = KnownAt::visit;
    else if (!known_at.empty() && known_at != "chart")
        reader_.error(at + "/known_at", "expected \"chart\", \"tests\" or \"visit\", found " + in_quotes(known_at));
    if (field.known_at == KnownAt::visit) field.visit_reason = reader_.text_member(entry, "visit_reason", at);
    else if (entry.contains("visit_reason")) reader_.error(at + "/visit_reason", "only a visit field has a visit reason");
    field.label = reader_.text_member(entry, "label", at);
    field.help = reader_.string_member(entry, "help", at, false);
    field.unit = reader_.string_member(entry, "unit", at, false);
    field.unit_label = field.unit;
    load_units(entry, at, field);
    load_range(entry, at, field);
    field.allow_none = reader_.bool_member(entry, "allow_none", at, false);
    if (field.allow_none && field.type != FieldType::date) reader_.error(at + "/allow_none", "only date fields take \"none\"");
    load_values(entry, at, field);
    load_display(entry, at, field);
    if (!field.id.empty() && !trial_.slot_by_id.emplace(field.id, static_cast<int>(trial_.fields.size())).second)
        reader_.error(at + "/id", "duplicate field id " + in_quotes(field.id));
    trial_.fields.push_back(std::move(field));
}

// {"unit": "points", "numerals": "roman"}: how a count or score is written.
void TrialLoader::load_display(const Json& entry, const std::string& at, FieldDef& field)
{
    const Json* display = reader_.member(entry, "display", at, false);
    if (!display || !reader_.expect_object(*display, at + "/display")) return;
    reader_.only_keys(*display, at + "/display", {"unit", "numerals"});
    if (field.type != FieldType::integer || !field.unit.empty())
        return reader_.error(at + "/display", "only integer fields without a unit take a display form (a count or a score)");
    field.display_unit = reader_.string_member(*display, "unit", at + "/display", false);
    if (!field.display_unit.empty()) {
        auto it = display_units_.find(field.display_unit);
        if (it == display_units_.end()) reader_.error(at + "/display/unit", "not one of display_units: " + in_quotes(field.display_unit));
        else field.unit_label = it->second;
    }
    const std::string numerals = reader_.string_member(*display, "numerals", at + "/display", false);
    if (!numerals.empty() && numerals != "roman" && numerals != "arabic")
        reader_.error(at + "/display/numerals", "expected \"roman\" or \"arabic\"");
    field.roman = numerals == "roman";
}

void TrialLoader::load_units(const Json& entry, const std::string& at, FieldDef& field)
{
    const Json* units = reader_.member(entry, "units", at, false);
    if (!units) return;
    if (field.type != FieldType::number) return reader_.error(at + "/units", "only number fields take units");
    if (!units->is_object() || units->empty()) return reader_.error(at + "/units", "expected an object of unit name to factor");
    for (auto it = units->begin(); it != units->end(); ++it) {
        if (!it.value().is_number() || !(it.value().get<double>() > 0) || !std::isfinite(it.value().get<double>()))
            reader_.error(at + "/units/" + pointer_token(it.key()), "expected a factor > 0 to the canonical unit");
        else if (it.key() == field.unit)
            field.units.insert(field.units.begin(), Unit{it.key(), it.value().get<double>(), it.key()});
        else
            field.units.push_back(Unit{it.key(), it.value().get<double>(), it.key()});
    }
    if (field.units.empty() || field.units.front().name != field.unit || field.units.front().to_canonical != 1.0)
        reader_.error(at + "/units", "must list the canonical unit " + in_quotes(field.unit) + " with factor 1");
}

void TrialLoader::load_range(const Json& entry, const std::string& at, FieldDef& field)
{
    const bool has_min = entry.contains("min"), has_max = entry.contains("max");
    if ((has_min || has_max) && !field.numeric()) reader_.error(at, "only number and integer fields take min/max");
    if (field.numeric()) {
        if (!has_min || !has_max) reader_.error(at, "number and integer fields need a plausible range: min and max");
        const bool has_low = reader_.number_member(entry, "min", at, false, field.min);
        const bool has_high = reader_.number_member(entry, "max", at, false, field.max);
        field.has_range = has_low && has_high;
        if (field.has_range && field.min > field.max) reader_.error(at + "/max", "max is below min");
    }
    field.min_exclusive = reader_.bool_member(entry, "min_exclusive", at, false);
}

void TrialLoader::load_values(const Json& entry, const std::string& at, FieldDef& field)
{
    const Json* values = reader_.array_member(entry, "values", at, field.type == FieldType::enumeration);
    if (!values) return;
    if (field.type != FieldType::enumeration) reader_.error(at + "/values", "only enum fields take values");
    if (values->empty() || values->size() > 64) reader_.error(at + "/values", "an enum needs 1 to 64 values");
    std::set<std::string> seen;
    each_object(*values, at + "/values", [&](const Json& value_entry, const std::string& value_at) {
        reader_.only_keys(value_entry, value_at, {"id", "label", "help"});
        EnumValue value{reader_.text_member(value_entry, "id", value_at), reader_.text_member(value_entry, "label", value_at),
                        reader_.string_member(value_entry, "help", value_at, false)};
        if (!value.id.empty() && !seen.insert(value.id).second) reader_.error(value_at + "/id", "duplicate value " + in_quotes(value.id));
        field.values.push_back(std::move(value));
    });
}

// relevant_when may refer to derived values, so it is read after them.
void TrialLoader::load_field_rules(const Json& list, const std::string& path)
{
    for (size_t i = 0; i < list.size() && i < trial_.fields.size(); ++i)
        if (const Json* rule = reader_.member(list[i], "relevant_when", path, false))
            trial_.fields[i].relevant_when = rules_.compile(*rule, path + "/" + std::to_string(i) + "/relevant_when", trial_.slot_count());
}

void TrialLoader::load_constraints(const Json& list, const std::string& path)
{
    each_object(list, path, [&](const Json& entry, const std::string& at) {
        reader_.only_keys(entry, at, {"field", "forbid", "message"});
        Constraint constraint;
        const std::string field = reader_.text_member(entry, "field", at);
        constraint.field = trial_.find_slot(field);
        if (!field.empty() && !trial_.is_field(constraint.field)) reader_.error(at + "/field", "unknown field " + in_quotes(field));
        constraint.message = reader_.text_member(entry, "message", at);
        if (const Json* forbid = reader_.member(entry, "forbid", at, true)) constraint.forbid = rules_.compile(*forbid, at + "/forbid", trial_.slot_count());
        trial_.constraints.push_back(std::move(constraint));
    });
}

void TrialLoader::load_sources(const Json& source, const std::string& at, Criterion& criterion)
{
    if (source.is_string()) {
        criterion.sources.push_back(source.get<std::string>());
    } else if (source.is_array()) {
        for (size_t s = 0; s < source.size(); ++s) {
            if (source[s].is_string()) criterion.sources.push_back(source[s].get<std::string>());
            else reader_.error(at + "/source/" + std::to_string(s), "expected a string");
        }
    } else {
        reader_.error(at + "/source", "expected the verbatim sentence, or a list of them");
    }
    for (const std::string& s : criterion.sources) {
        if (s.empty()) reader_.error(at + "/source", "a source sentence must not be empty");
        criterion.source += (criterion.source.empty() ? "" : " ") + s;
    }
    if (criterion.sources.empty() && source.is_array()) reader_.error(at + "/source", "needs at least one sentence");
}

void TrialLoader::load_criteria(const Json& list, const std::string& path)
{
    if (list.empty()) reader_.error(path, "a trial needs at least one criterion");
    std::set<std::string> seen;
    each_object(list, path, [&](const Json& entry, const std::string& at) {
        reader_.only_keys(entry, at, {"id", "kind", "title", "source", "rule"});
        Criterion criterion;
        criterion.id = reader_.text_member(entry, "id", at);
        if (!criterion.id.empty() && !is_identifier(criterion.id)) reader_.error(at + "/id", "criterion ids are lower-case letters, digits and _");
        if (!criterion.id.empty() && !seen.insert(criterion.id).second) reader_.error(at + "/id", "duplicate criterion id " + in_quotes(criterion.id));
        const std::string kind = reader_.text_member(entry, "kind", at);
        if (kind == "inclusion") criterion.kind = CriterionKind::inclusion;
        else if (kind == "exclusion") criterion.kind = CriterionKind::exclusion;
        else if (!kind.empty()) reader_.error(at + "/kind", "expected \"inclusion\" or \"exclusion\", found " + in_quotes(kind));
        criterion.title = reader_.text_member(entry, "title", at);
        if (const Json* source = reader_.member(entry, "source", at, true)) load_sources(*source, at, criterion);
        criterion.first_node = static_cast<int>(trial_.nodes.size());
        if (const Json* rule = reader_.member(entry, "rule", at, true)) criterion.rule = rules_.compile(*rule, at + "/rule", trial_.slot_count());
        trial_.criteria.push_back(std::move(criterion));
    });
}

// {"source": "...", "weights": {"inc_cd7": 0.15, ...}}: how often each
// criterion screens referred patients out, and where that comes from.
void TrialLoader::load_screen_failures(const Json& table, const std::string& path)
{
    if (!reader_.expect_object(table, path)) return;
    reader_.only_keys(table, path, {"source", "weights"});
    trial_.screen_failure_source = reader_.text_member(table, "source", path);
    const Json* weights = reader_.member(table, "weights", path, true);
    if (!weights || !reader_.expect_object(*weights, path + "/weights")) return;
    if (weights->empty()) reader_.error(path + "/weights", "expected at least one criterion's weight");
    for (auto it = weights->begin(); it != weights->end(); ++it) {
        const std::string at = path + "/weights/" + pointer_token(it.key());
        Criterion* found = nullptr;
        for (Criterion& c : trial_.criteria)
            if (c.id == it.key()) found = &c;
        if (!found) reader_.error(at, "no criterion " + in_quotes(it.key()));
        else if (!it->is_number() || !(it->get<double>() > 0 && it->get<double>() <= 1)) reader_.error(at, "expected a share above 0, at most 1");
        else found->screen_failure_weight = it->get<double>();
    }
}

void TrialLoader::load_not_computable(const Json& list, const std::string& path)
{
    each_object(list, path, [&](const Json& entry, const std::string& at) {
        reader_.only_keys(entry, at, {"text", "reason"});
        NotComputable item;
        item.text = reader_.text_member(entry, "text", at);
        item.reason = reader_.text_member(entry, "reason", at);
        trial_.not_computable.push_back(std::move(item));
    });
}

void TrialLoader::check_structured_notes(const Json& list, const std::string& path)
{
    each_object(list, path, [&](const Json& entry, const std::string& at) {
        reader_.only_keys(entry, at, {"field", "value", "note"});
        for (const char* key : {"field", "value", "note"}) reader_.text_member(entry, key, at);
    });
}

} // namespace

TrialLoadResult load_trial(std::string_view json_text)
{
    TrialLoadResult result;
    Json root;
    JsonDomError problem;
    if (!parse_json_dom(json_text, root, problem)) {
        result.errors.push_back(json_load_error(problem));
        return result;
    }
    Trial trial;
    TrialLoader(trial, result.errors).load(root);
    if (!result.errors.empty())
        return result;
    plan_reads(trial);
    std::vector<LoadError> language;
    if (!trial.messages.load(english_language_file(), language)) {
        for (LoadError& e : language) result.errors.push_back({"(i18n/en.json)" + e.path, e.message});
        return result;
    }
    result.trial = std::move(trial);
    return result;
}

} // namespace elig
