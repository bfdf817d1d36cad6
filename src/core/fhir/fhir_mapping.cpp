#include "core/fhir/fhir_mapping.h"

#include "core/criteria/criteria_reader.h"
#include "core/json/json_dom.h"

#include <cmath>
#include <set>

namespace elig {

using json = Json;

const FhirUnitRule* FhirFieldMap::unit(std::string_view sent) const
{
    for (const FhirUnitRule& rule : units)
        if (rule.from == sent) return &rule;
    return nullptr;
}

const FhirCodeNote* FhirFieldMap::look_alike(std::string_view code) const
{
    for (const FhirCodeNote& note : look_alikes)
        if (note.code == code) return &note;
    return nullptr;
}

namespace {

// "http://loinc.org|718-7": a URI-like system (scheme and colon), a bar,
// a code, no spaces. A bare "718-7" could be any code system's.
bool is_system_code(const std::string& text)
{
    const size_t bar = text.find('|');
    if (bar == std::string::npos || bar == 0 || bar + 1 >= text.size() || text.find('|', bar + 1) != std::string::npos) return false;
    if (text.find_first_of(" \t\n\r") != std::string::npos) return false;
    const size_t colon = text.find(':');
    return colon != std::string::npos && colon > 0 && colon < bar;
}

class MappingLoader {
public:
    MappingLoader(const Trial& trial, FhirMapping& mapping, std::vector<LoadError>& errors) : trial_(trial), mapping_(mapping), reader_(errors) {}

    void load(const json& root);

private:
    const Trial& trial_;
    FhirMapping& mapping_;
    CriteriaReader reader_;  // members, keys and errors, as the criteria are read

    bool expect(const json& value, bool ok, const std::string& path, const char* what)
    {
        if (!ok) reader_.error(path, std::string("expected ") + what + ", found " + json_type_name(value));
        return ok;
    }
    std::string code(const json& value, const std::string& path)
    {
        if (!expect(value, value.is_string(), path, "a string \"system|code\"")) return {};
        const std::string text = value.get<std::string>();
        if (is_system_code(text)) return text;
        if (text.find('|') == std::string::npos)
            reader_.error(path, in_quotes(text) + " is a bare code; write it as system|code (for LOINC: http://loinc.org|" + text + ")");
        else
            reader_.error(path, in_quotes(text) + " is not system|code (a URI, a bar, a code, no spaces)");
        return {};
    }
    std::vector<std::string> codes(const json& object, const char* key, const std::string& path, bool required)
    {
        std::vector<std::string> out;
        const json* list = reader_.member(object, key, path, required);
        if (!list || !expect(*list, list->is_array(), path + "/" + key, "an array")) return out;
        for (size_t i = 0; i < list->size(); ++i)
            if (std::string c = code((*list)[i], path + "/" + key + "/" + std::to_string(i)); !c.empty()) out.push_back(std::move(c));
        return out;
    }
    std::vector<FhirCodeNote> notes(const json& object, const char* key, const std::string& path);

    void load_result_sets(const json& sets, const std::string& path);
    void load_field(const json& entry, const std::string& path);
    bool check_field_type(FhirFieldMap& map, const std::string& path);
    void load_units(const json& entry, FhirFieldMap& map, const std::string& path);
    void load_uln(const json& entry, FhirFieldMap& map, const std::string& path);
    void load_answers(const json& entry, FhirFieldMap& map, const std::string& path);
    void load_finding(const json& entry, FhirFieldMap& map, const std::string& path);
    void load_gender(const json& entry, FhirFieldMap& map, const std::string& path);
    void index_codes();
};

void MappingLoader::load(const json& root)
{
    if (!expect(root, root.is_object(), "", "an object")) return;
    reader_.only_keys(root, "", {"$schema", "format", "version", "trial", "description", "accepted_status", "result_sets", "fields"});
    const std::string format = reader_.text_member(root, "format", "");
    if (!format.empty() && format != "fhir-mapping/1") {
        reader_.error("/format", "unsupported format " + in_quotes(format) + " (this program reads \"fhir-mapping/1\")");
        return;
    }
    mapping_.version = reader_.text_member(root, "version", "");
    mapping_.trial = reader_.text_member(root, "trial", "");
    if (!mapping_.trial.empty() && mapping_.trial != trial_.info.nct_id)
        reader_.error("/trial", "the mapping is for " + mapping_.trial + ", the criteria for " + trial_.info.nct_id);
    if (const json* status = reader_.member(root, "accepted_status", "", true); status && expect(*status, status->is_array(), "/accepted_status", "an array"))
        for (size_t i = 0; i < status->size(); ++i)
            if (expect((*status)[i], (*status)[i].is_string(), "/accepted_status/" + std::to_string(i), "a string"))
                mapping_.accepted_status.push_back((*status)[i].get<std::string>());
    if (const json* sets = reader_.member(root, "result_sets", "", true); sets && expect(*sets, sets->is_object(), "/result_sets", "an object"))
        load_result_sets(*sets, "/result_sets");
    const json* fields = reader_.member(root, "fields", "", true);
    if (!fields || !expect(*fields, fields->is_array(), "/fields", "an array")) return;
    for (size_t i = 0; i < fields->size(); ++i) load_field((*fields)[i], "/fields/" + std::to_string(i));
    index_codes();
}

void MappingLoader::load_result_sets(const json& sets, const std::string& path)
{
    for (auto it = sets.begin(); it != sets.end(); ++it) {
        const std::string at = path + "/" + pointer_token(it.key());
        if (!expect(*it, it->is_object(), at, "an object")) continue;
        reader_.only_keys(*it, at, {"description", "positive", "negative"});
        FhirResultSet set;
        set.name = it.key();
        std::set<std::string> seen;
        for (int side = 0; side < 2; ++side) {
            const char* key = side ? "positive" : "negative";
            const json* part = reader_.member(*it, key, at, true);
            if (!part || !expect(*part, part->is_object(), at + "/" + key, "an object")) continue;
            reader_.only_keys(*part, at + "/" + key, {"codes", "words"});
            set.codes[side] = codes(*part, "codes", at + "/" + key, true);
            for (const std::string& c : set.codes[side])
                if (!seen.insert(c).second) reader_.error(at + "/" + key + "/codes", in_quotes(c) + " is both a positive and a negative result");
            const json* words = reader_.member(*part, "words", at + "/" + key, true);
            if (!words || !expect(*words, words->is_array(), at + "/" + key + "/words", "an array")) continue;
            for (size_t w = 0; w < words->size(); ++w) {
                const std::string wp = at + "/" + key + "/words/" + std::to_string(w);
                if (!expect((*words)[w], (*words)[w].is_string(), wp, "a string")) continue;
                const std::string word = (*words)[w].get<std::string>();
                if (word.empty() || word.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n") != std::string::npos || word.find("  ") != std::string::npos)
                    reader_.error(wp, in_quotes(word) + ": words are compared in lower case with single spaces; write them so");
                else if (!seen.insert("word:" + word).second)
                    reader_.error(wp, in_quotes(word) + " is both a positive and a negative result");
                else
                    set.words[side].push_back(word);
            }
        }
        mapping_.result_sets.push_back(std::move(set));
    }
}

std::vector<FhirCodeNote> MappingLoader::notes(const json& object, const char* key, const std::string& path)
{
    std::vector<FhirCodeNote> out;
    const json* list = reader_.member(object, key, path, false);
    if (!list || !expect(*list, list->is_array(), path + "/" + key, "an array")) return out;
    for (size_t i = 0; i < list->size(); ++i) {
        const std::string at = path + "/" + key + "/" + std::to_string(i);
        const json& item = (*list)[i];
        if (!expect(item, item.is_object(), at, "an object")) continue;
        reader_.only_keys(item, at, {"code", "why"});
        FhirCodeNote note;
        if (const json* c = reader_.member(item, "code", at, true)) note.code = code(*c, at + "/code");
        note.why = reader_.text_member(item, "why", at);
        if (!note.code.empty() && !note.why.empty()) out.push_back(std::move(note));
    }
    return out;
}

void MappingLoader::load_field(const json& entry, const std::string& path)
{
    if (!expect(entry, entry.is_object(), path, "an object")) return;
    FhirFieldMap map;
    map.pointer = path;
    map.field = reader_.text_member(entry, "field", path);
    const std::string kind = reader_.text_member(entry, "kind", path);
    static const std::pair<const char*, FhirFieldKind> kKinds[] = {
        {"birth_date", FhirFieldKind::birth_date}, {"gender", FhirFieldKind::gender}, {"quantity", FhirFieldKind::quantity}, {"finding", FhirFieldKind::finding}};
    bool known_kind = false;
    for (const auto& [name, value] : kKinds)
        if (kind == name) {
            map.kind = value;
            known_kind = true;
        }
    if (!known_kind) {
        if (!kind.empty()) reader_.error(path + "/kind", "unknown kind " + in_quotes(kind) + " (expected birth_date, gender, quantity or finding)");
        return;
    }
    for (const FhirFieldMap& other : mapping_.fields)
        if (other.field == map.field) reader_.error(path + "/field", in_quotes(map.field) + " is mapped twice (also at " + other.pointer + ")");
    if (!check_field_type(map, path)) return;
    switch (map.kind) {
    case FhirFieldKind::birth_date: reader_.only_keys(entry, path, {"field", "kind"}); break;
    case FhirFieldKind::gender: load_gender(entry, map, path); break;
    case FhirFieldKind::quantity:
        reader_.only_keys(entry, path, {"field", "kind", "codes", "units", "uln", "answers", "refuse_components", "look_alikes"});
        map.codes = codes(entry, "codes", path, true);
        load_units(entry, map, path);
        load_uln(entry, map, path);
        load_answers(entry, map, path);
        map.refuse_components = notes(entry, "refuse_components", path);
        map.look_alikes = notes(entry, "look_alikes", path);
        break;
    case FhirFieldKind::finding: load_finding(entry, map, path); break;
    }
    for (const FhirCodeNote& note : map.look_alikes)
        for (const std::string& c : map.codes)
            if (c == note.code) reader_.error(path + "/look_alikes", in_quotes(c) + " is both a code of " + map.field + " and a look-alike of it");
    mapping_.fields.push_back(std::move(map));
}

// The kind must suit the field's type: the record reader would refuse
// anything else.
bool MappingLoader::check_field_type(FhirFieldMap& map, const std::string& path)
{
    const int slot = trial_.find_slot(map.field);
    if (!trial_.is_field(slot)) {
        if (!map.field.empty()) {
            const std::string hint = trial_.closest_field_id(map.field);
            reader_.error(path + "/field", "unknown field " + in_quotes(map.field) + (hint.empty() ? "" : "; did you mean " + in_quotes(hint) + "?"));
        }
        return false;
    }
    map.field_index = slot;
    const FieldType type = trial_.fields[static_cast<size_t>(slot)].type;
    static const std::pair<FhirFieldKind, const char*> kNeeds[] = {
        {FhirFieldKind::birth_date, "a date"}, {FhirFieldKind::gender, "an enum"}, {FhirFieldKind::quantity, "a number"}, {FhirFieldKind::finding, "a yes/no"}};
    const bool fits = (map.kind == FhirFieldKind::birth_date && type == FieldType::date) ||
                      (map.kind == FhirFieldKind::gender && type == FieldType::enumeration) ||
                      (map.kind == FhirFieldKind::quantity && (type == FieldType::number || type == FieldType::integer)) ||
                      (map.kind == FhirFieldKind::finding && type == FieldType::boolean);
    if (!fits)
        for (const auto& [kind, need] : kNeeds)
            if (kind == map.kind) reader_.error(path + "/kind", map.field + " is not " + std::string(need) + " field, which this kind fills");
    return fits;
}

void MappingLoader::load_units(const json& entry, FhirFieldMap& map, const std::string& path)
{
    const json* units = reader_.member(entry, "units", path, true);
    if (!units || !expect(*units, units->is_object(), path + "/units", "an object")) return;
    const FieldDef& field = trial_.fields[static_cast<size_t>(map.field_index)];
    std::string accepted;
    for (const Unit& u : field.units) accepted += (accepted.empty() ? "" : ", ") + u.name;
    for (auto it = units->begin(); it != units->end(); ++it) {
        const std::string at = path + "/units/" + pointer_token(it.key());
        if (!expect(*it, it->is_object(), at, "an object")) continue;
        reader_.only_keys(*it, at, {"to", "factor"});
        FhirUnitRule rule;
        rule.from = it.key();
        const std::string to = it->contains("to") && (*it)["to"].is_string() ? (*it)["to"].get<std::string>() : std::string();
        if (!it->contains("to") || !(*it)["to"].is_string()) reader_.error(at + "/to", "expected the unit of the record, a string");
        bool found = field.units.empty() && to.empty();
        for (size_t u = 0; u < field.units.size(); ++u)
            if (field.units[u].name == to) {
                rule.to = static_cast<int16_t>(u);
                found = true;
            }
        if (!found)
            reader_.error(at + "/to", in_quotes(to) + " is not a unit " + map.field + " accepts" + (field.units.empty() ? " (it takes a bare number: \"\")" : " (" + accepted + ")"));
        if (it->contains("factor")) {
            const json& factor = (*it)["factor"];
            if (!factor.is_number() || !(factor.get<double>() > 0) || !std::isfinite(factor.get<double>()))
                reader_.error(at + "/factor", "expected a number above 0");
            else
                rule.factor = factor.get<double>();
        }
        map.units.push_back(std::move(rule));
    }
    if (map.units.empty()) reader_.error(path + "/units", "no unit: nothing could be imported");
}

void MappingLoader::load_uln(const json& entry, FhirFieldMap& map, const std::string& path)
{
    const json* uln = reader_.member(entry, "uln", path, false);
    if (!uln || !expect(*uln, uln->is_object(), path + "/uln", "an object")) return;
    reader_.only_keys(*uln, path + "/uln", {"field"});
    const std::string id = reader_.text_member(*uln, "field", path + "/uln");
    const int slot = trial_.find_slot(id);
    if (!trial_.is_field(slot)) {
        if (!id.empty()) reader_.error(path + "/uln/field", "unknown field " + in_quotes(id));
        return;
    }
    const FieldDef& target = trial_.fields[static_cast<size_t>(slot)];
    const FieldDef& value = trial_.fields[static_cast<size_t>(map.field_index)];
    if (target.type != FieldType::number) {
        reader_.error(path + "/uln/field", id + " is not a number field");
        return;
    }
    // The ULN goes through the value's unit table: every unit it can end in
    // must also be one the ULN field accepts, under the same name.
    for (const FhirUnitRule& rule : map.units) {
        const std::string& name = value.units.empty() ? std::string() : value.units[static_cast<size_t>(rule.to)].name;
        bool accepted = false;
        for (const Unit& u : target.units) accepted |= u.name == name;
        if (!accepted) reader_.error(path + "/uln/field", id + " does not accept " + in_quotes(name) + ", a unit " + map.field + " is converted to");
    }
    map.uln_field = slot;
}

void MappingLoader::load_answers(const json& entry, FhirFieldMap& map, const std::string& path)
{
    const json* answers = reader_.member(entry, "answers", path, false);
    if (!answers || !expect(*answers, answers->is_object(), path + "/answers", "an object")) return;
    const FieldDef& field = trial_.fields[static_cast<size_t>(map.field_index)];
    for (auto it = answers->begin(); it != answers->end(); ++it) {
        const std::string at = path + "/answers/" + pointer_token(it.key());
        const std::string answer = code(json::string(it.key()), at);
        if (answer.empty() || !expect(*it, it->is_number(), at, "a number")) continue;
        const double number = it->get<double>();
        if (field.type == FieldType::integer && number != std::floor(number)) reader_.error(at, map.field + " takes whole numbers");
        else map.answers.emplace_back(answer, number);
    }
}

void MappingLoader::load_finding(const json& entry, FhirFieldMap& map, const std::string& path)
{
    reader_.only_keys(entry, path, {"field", "kind", "codes", "results", "quantity", "look_alikes", "limits"});
    map.codes = codes(entry, "codes", path, true);
    map.look_alikes = notes(entry, "look_alikes", path);
    const std::string results = reader_.text_member(entry, "results", path);
    for (size_t s = 0; s < mapping_.result_sets.size(); ++s)
        if (mapping_.result_sets[s].name == results) map.result_set = static_cast<int>(s);
    if (map.result_set < 0 && !results.empty()) reader_.error(path + "/results", "unknown result set " + in_quotes(results) + " (see /result_sets)");
    if (entry.contains("quantity")) {
        if (!(entry["quantity"].is_string() && entry["quantity"].get_ref<const std::string&>() == "above_reference_high")) reader_.error(path + "/quantity", "expected \"above_reference_high\"");
        map.above_reference_high = true;
    }
    const json* limits = reader_.member(entry, "limits", path, false);
    if (!limits || !expect(*limits, limits->is_array(), path + "/limits", "an array")) return;
    for (size_t i = 0; i < limits->size(); ++i) {
        const std::string at = path + "/limits/" + std::to_string(i);
        const json& item = (*limits)[i];
        if (!expect(item, item.is_object(), at, "an object")) continue;
        reader_.only_keys(item, at, {"code", "result", "why"});
        FhirLimit limit;
        if (item.contains("code")) {
            limit.code = code(item["code"], at + "/code");
            bool ours = false;
            for (const std::string& c : map.codes) ours |= c == limit.code;
            if (!limit.code.empty() && !ours) reader_.error(at + "/code", in_quotes(limit.code) + " is not one of the codes of " + map.field);
        }
        const std::string result = reader_.text_member(item, "result", at);
        if (result != "positive" && result != "negative" && !result.empty()) reader_.error(at + "/result", "expected \"positive\" or \"negative\"");
        limit.positive = result == "positive";
        limit.why = reader_.text_member(item, "why", at);
        map.limits.push_back(std::move(limit));
    }
}

void MappingLoader::load_gender(const json& entry, FhirFieldMap& map, const std::string& path)
{
    reader_.only_keys(entry, path, {"field", "kind", "values"});
    const json* values = reader_.member(entry, "values", path, true);
    if (!values || !expect(*values, values->is_object(), path + "/values", "an object")) return;
    const FieldDef& field = trial_.fields[static_cast<size_t>(map.field_index)];
    for (auto it = values->begin(); it != values->end(); ++it) {
        const std::string at = path + "/values/" + pointer_token(it.key());
        if (it.key() != "male" && it.key() != "female" && it.key() != "other" && it.key() != "unknown")
            reader_.error(at, in_quotes(it.key()) + " is not a FHIR gender (male, female, other, unknown)");
        if (!expect(*it, it->is_string(), at, "a string")) continue;
        int16_t index = -1;
        for (size_t v = 0; v < field.values.size(); ++v)
            if (field.values[v].id == it->get<std::string>()) index = static_cast<int16_t>(v);
        if (index < 0) reader_.error(at, in_quotes(it->get<std::string>()) + " is not a value of " + map.field);
        else map.gender_values.emplace_back(it.key(), index);
    }
}

void MappingLoader::index_codes()
{
    for (size_t f = 0; f < mapping_.fields.size(); ++f) {
        const FhirFieldMap& map = mapping_.fields[f];
        for (const std::string& c : map.codes) {
            for (const FhirCodeUse& use : mapping_.by_code[c])
                if (!use.look_alike)
                    reader_.error(map.pointer + "/codes", in_quotes(c) + " already fills " + mapping_.fields[static_cast<size_t>(use.field_map)].field +
                                                      "; one code fills one field");
            mapping_.by_code[c].push_back({static_cast<int>(f), false});
        }
        for (const FhirCodeNote& note : map.look_alikes) mapping_.by_code[note.code].push_back({static_cast<int>(f), true});
    }
}

} // namespace

FhirMappingLoadResult load_fhir_mapping(std::string_view json_text, const Trial& trial)
{
    FhirMappingLoadResult result;
    json root;
    JsonDomError problem;
    if (!parse_json_dom(json_text, root, problem)) {
        result.errors.push_back(json_load_error(problem));
        return result;
    }
    FhirMapping mapping;
    MappingLoader(trial, mapping, result.errors).load(root);
    if (result.errors.empty()) result.mapping = std::move(mapping);
    return result;
}

} // namespace elig
