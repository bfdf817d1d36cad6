#include "core/criteria/trial_translation.h"

#include "core/criteria/criteria_reader.h"
#include "core/json/json_dom.h"

#include <algorithm>
#include <map>

namespace elig {

namespace {

class Translator {
public:
    Translator(Trial& trial, std::vector<LoadError>& errors) : trial_(trial), reader_(errors) {}

    void translate(const Json& root);

private:
    Trial& trial_;
    CriteriaReader reader_;
    std::map<std::string, std::string> units_;
    std::map<std::string, bool> units_used_;  // each unit's translation, reported missing once

    // The object at root[key], with exactly the keys the trial has.
    const Json* section(const Json& root, const char* key);
    const Json* entry(const Json& table, const std::string& id, const std::string& path);
    void only_ids(const Json& table, const std::string& path, const std::vector<std::string>& ids);
    // A translated string: required, not empty; a missing one is reported
    // at its own pointer ("/fields/lvef/label: missing").
    void text(const Json& object, const char* key, const std::string& path, std::string& out)
    {
        if (!object.contains(key)) return reader_.error(path + "/" + pointer_token(key), "missing");
        out = reader_.text_member(object, key, path);
    }
    // A list with one string per item of `count`, each written by `put(i, text)`.
    template <typename Put>
    void list(const Json& root, const char* key, size_t count, Put&& put);

    void trial_info(const Json& info);
    void fields(const Json& table);
    void field_values(const Json& entry, const std::string& at, FieldDef& field);
    void units(const Json& table);
    void derived(const Json& table);
    void readings(const Json& table);
    void criteria(const Json& table);
    void conflicts(const Json& table);
    std::string unit_label(const std::string& unit, const std::string& path);
};

const Json* Translator::section(const Json& root, const char* key)
{
    const Json* value = reader_.member(root, key, "", true);
    if (value && !reader_.expect_object(*value, std::string("/") + key)) return nullptr;
    return value;
}

const Json* Translator::entry(const Json& table, const std::string& id, const std::string& path)
{
    const Json* value = reader_.member(table, id.c_str(), path, false);
    if (!value) {
        reader_.error(path + "/" + pointer_token(id), "missing");
        return nullptr;
    }
    return reader_.expect_object(*value, path + "/" + pointer_token(id)) ? value : nullptr;
}

void Translator::only_ids(const Json& table, const std::string& path, const std::vector<std::string>& ids)
{
    std::vector<std::string_view> known(ids.begin(), ids.end());
    std::sort(known.begin(), known.end());
    for (auto it = table.begin(); it != table.end(); ++it)
        if (!std::binary_search(known.begin(), known.end(), std::string_view(it.key())))
            reader_.error(path + "/" + pointer_token(it.key()), "the trial has no " + in_quotes(it.key()));
}

template <typename Put>
void Translator::list(const Json& root, const char* key, size_t count, Put&& put)
{
    const std::string path = std::string("/") + key;
    const Json* items = reader_.array_member(root, key, "", true);
    if (!items) return;
    if (items->size() != count) reader_.error(path, "expected " + std::to_string(count) + " entries, one for each in the criteria file, found " + std::to_string(items->size()));
    for (size_t i = 0; i < items->size() && i < count; ++i) put(i, (*items)[i], path + "/" + std::to_string(i));
}

void Translator::translate(const Json& root)
{
    if (!reader_.expect_object(root, "")) return;
    reader_.only_keys(root, "", {"format", "language", "criteria_version", "translation_notice", "trial", "sections", "fields", "units", "derived",
                                 "readings", "constraints", "criteria", "conflicts", "interpretations", "open_questions", "not_computable",
                                 "structured_eligibility", "$schema"});
    const std::string format = reader_.string_member(root, "format", "", true);
    if (root.contains("format") && format != "eligibility-translation/1")
        return reader_.error("/format", "unsupported format " + in_quotes(format) + " (this program reads \"eligibility-translation/1\")");
    const std::string version = reader_.text_member(root, "criteria_version", "");
    if (!version.empty() && version != trial_.version)
        reader_.error("/criteria_version", "translates criteria version " + in_quotes(version) + ", but the criteria are version " + in_quotes(trial_.version));
    text(root, "translation_notice", "", trial_.translation_notice);
    if (const Json* info = section(root, "trial")) trial_info(*info);
    if (const Json* table = section(root, "sections")) {
        std::vector<std::string> ids;
        for (Section& s : trial_.sections) {
            ids.push_back(s.id);
            if (table->contains(s.id)) text(*table, s.id.c_str(), "/sections", s.label);
            else reader_.error("/sections/" + s.id, "missing");
        }
        only_ids(*table, "/sections", ids);
    }
    if (const Json* table = section(root, "units")) units(*table);
    if (const Json* table = section(root, "fields")) fields(*table);
    if (const Json* table = section(root, "derived")) derived(*table);
    if (const Json* table = section(root, "units"))
        for (auto it = table->begin(); it != table->end(); ++it)
            if (!units_used_.count(it.key())) reader_.error("/units/" + pointer_token(it.key()), "the trial has no unit " + in_quotes(it.key()));
    if (const Json* table = section(root, "readings")) readings(*table);
    if (const Json* table = section(root, "criteria")) criteria(*table);
    if (const Json* table = section(root, "conflicts")) conflicts(*table);
    for (auto [key, notes] : {std::pair{"interpretations", &trial_.interpretations}, {"open_questions", &trial_.open_questions}}) {
        if (notes->empty() && !root.contains(key)) continue;
        const Json* table = section(root, key);
        if (!table) continue;
        std::vector<std::string> ids;
        for (TrialNote& note : *notes) {
            ids.push_back(note.id);
            text(*table, note.id.c_str(), std::string("/") + key, note.text);
        }
        only_ids(*table, std::string("/") + key, ids);
    }
    list(root, "constraints", trial_.constraints.size(), [&](size_t i, const Json& item, const std::string& at) {
        if (!item.is_string() || item.get<std::string>().empty()) return reader_.error(at, "expected the message, translated");
        trial_.constraints[i].message = item.get<std::string>();
    });
    list(root, "not_computable", trial_.not_computable.size(), [&](size_t i, const Json& item, const std::string& at) {
        if (!reader_.expect_object(item, at)) return;
        reader_.only_keys(item, at, {"text", "reason"});
        text(item, "text", at, trial_.not_computable[i].text_translation);
        text(item, "reason", at, trial_.not_computable[i].reason);
    });
}

void Translator::trial_info(const Json& info)
{
    reader_.only_keys(info, "/trial", {"title", "short_title", "phase", "status", "sponsor", "site", "conditions"});
    TrialInfo& t = trial_.info;
    for (auto [key, out] : {std::pair{"title", &t.title}, {"phase", &t.phase}, {"status", &t.status}}) text(info, key, "/trial", *out);
    for (auto [key, out] : {std::pair{"short_title", &t.short_title}, {"sponsor", &t.sponsor}, {"site", &t.site}})
        if (!out->empty()) text(info, key, "/trial", *out);  // only what the criteria file has
    if (const Json* list = reader_.array_member(info, "conditions", "/trial", !t.conditions.empty())) {
        if (list->size() != t.conditions.size()) reader_.error("/trial/conditions", "expected one translation per condition");
        for (size_t i = 0; i < list->size() && i < t.conditions.size(); ++i) {
            if ((*list)[i].is_string() && !(*list)[i].get<std::string>().empty()) t.conditions[i] = (*list)[i].get<std::string>();
            else reader_.error("/trial/conditions/" + std::to_string(i), "expected the condition, translated");
        }
    }
}

void Translator::units(const Json& table)
{
    for (auto it = table.begin(); it != table.end(); ++it) {
        if (!it.value().is_string() || it.value().get<std::string>().empty()) reader_.error("/units/" + pointer_token(it.key()), "expected the unit as shown");
        else units_[it.key()] = it.value().get<std::string>();
    }
}

std::string Translator::unit_label(const std::string& unit, const std::string& path)
{
    if (unit.empty()) return unit;
    const bool reported = units_used_.count(unit) != 0;
    units_used_[unit] = true;
    auto it = units_.find(unit);
    if (it != units_.end()) return it->second;
    if (!reported) reader_.error("/units/" + pointer_token(unit), "missing (used by " + path + ")");
    return unit;
}

void Translator::fields(const Json& table)
{
    std::vector<std::string> ids;
    for (FieldDef& field : trial_.fields) {
        ids.push_back(field.id);
        const std::string at = "/fields/" + pointer_token(field.id);
        field.unit_label = unit_label(field.display_unit.empty() ? field.unit : field.display_unit, at);
        for (Unit& unit : field.units) unit.label = unit_label(unit.name, at);
        const Json* e = entry(table, field.id, "/fields");
        if (!e) continue;
        reader_.only_keys(*e, at, {"label", "help", "visit_reason", "values"});
        text(*e, "label", at, field.label);
        if (!field.help.empty()) text(*e, "help", at, field.help);
        if (!field.visit_reason.empty()) text(*e, "visit_reason", at, field.visit_reason);
        else if (e->contains("visit_reason")) reader_.error(at + "/visit_reason", "the criteria file gives this field no visit reason");
        field_values(*e, at, field);
    }
    only_ids(table, "/fields", ids);
}

void Translator::field_values(const Json& e, const std::string& at, FieldDef& field)
{
    if (field.values.empty()) return;
    const Json* values = reader_.member(e, "values", at, true);
    if (!values || !reader_.expect_object(*values, at + "/values")) return;
    std::vector<std::string> ids;
    for (EnumValue& value : field.values) {
        ids.push_back(value.id);
        const Json* v = entry(*values, value.id, at + "/values");
        if (!v) continue;
        const std::string vat = at + "/values/" + pointer_token(value.id);
        reader_.only_keys(*v, vat, {"label", "help"});
        text(*v, "label", vat, value.label);
        if (!value.help.empty()) text(*v, "help", vat, value.help);
    }
    only_ids(*values, at + "/values", ids);
}

void Translator::derived(const Json& table)
{
    std::vector<std::string> ids;
    for (DerivedDef& def : trial_.derived) {
        ids.push_back(def.id);
        def.unit_label = unit_label(def.unit, "/derived/" + def.id);
        if (const Json* e = entry(table, def.id, "/derived")) {
            reader_.only_keys(*e, "/derived/" + pointer_token(def.id), {"label"});
            text(*e, "label", "/derived/" + pointer_token(def.id), def.label);
        }
    }
    only_ids(table, "/derived", ids);
}

void Translator::readings(const Json& table)
{
    std::vector<std::string> sources;
    for (Node& node : trial_.nodes) {
        if (node.reading_source.empty()) continue;
        sources.push_back(node.reading_source);
        const std::string at = "/readings/" + pointer_token(node.reading_source);
        if (!table.contains(node.reading_source)) reader_.error(at, "missing");
        else text(table, node.reading_source.c_str(), "/readings", node.reading_source);
    }
    only_ids(table, "/readings", sources);
}

void Translator::criteria(const Json& table)
{
    std::vector<std::string> ids;
    for (Criterion& criterion : trial_.criteria) {
        ids.push_back(criterion.id);
        const std::string at = "/criteria/" + pointer_token(criterion.id);
        const Json* e = entry(table, criterion.id, "/criteria");
        if (!e) continue;
        reader_.only_keys(*e, at, {"title", "source"});
        text(*e, "title", at, criterion.title);
        const Json* sources = reader_.array_member(*e, "source", at, true);
        if (!sources) continue;
        if (sources->size() != criterion.sources.size())
            reader_.error(at + "/source", "expected " + std::to_string(criterion.sources.size()) + " sentences, one for each of the registry's");
        for (size_t s = 0; s < sources->size(); ++s) {
            if (!(*sources)[s].is_string() || (*sources)[s].get<std::string>().empty()) {
                reader_.error(at + "/source/" + std::to_string(s), "expected the sentence, translated");
                continue;
            }
            criterion.source_translations.push_back((*sources)[s].get<std::string>());
        }
    }
    only_ids(table, "/criteria", ids);
}

void Translator::conflicts(const Json& table)
{
    std::vector<std::string> ids;
    for (Conflict& conflict : trial_.conflicts) {
        ids.push_back(conflict.id);
        const std::string at = "/conflicts/" + pointer_token(conflict.id);
        const Json* e = entry(table, conflict.id, "/conflicts");
        if (!e) continue;
        reader_.only_keys(*e, at, {"summary", "resolution", "sources"});
        text(*e, "summary", at, conflict.summary);
        text(*e, "resolution", at, conflict.resolution);
        const Json* sources = reader_.array_member(*e, "sources", at, true);
        if (!sources) continue;
        if (sources->size() != conflict.sources.size()) reader_.error(at + "/sources", "expected one entry per source");
        for (size_t s = 0; s < sources->size() && s < conflict.sources.size(); ++s) {
            const std::string sat = at + "/sources/" + std::to_string(s);
            if (!reader_.expect_object((*sources)[s], sat)) continue;
            reader_.only_keys((*sources)[s], sat, {"where", "text"});
            text((*sources)[s], "where", sat, conflict.sources[s].where);
            text((*sources)[s], "text", sat, conflict.sources[s].text_translation);
        }
    }
    only_ids(table, "/conflicts", ids);
}

} // namespace

TrialLoadResult translate_trial(const Trial& trial, std::string_view translation_json, std::string_view language_json)
{
    TrialLoadResult result;
    Json root;
    JsonDomError problem;
    if (!parse_json_dom(translation_json, root, problem)) {
        result.errors.push_back(json_load_error(problem));
        return result;
    }
    Trial translated = trial;
    Translator(translated, result.errors).translate(root);
    std::vector<LoadError> language;
    if (translated.messages.load(language_json, language) && root.is_object() && root.contains("language") &&
        !(root["language"].is_string() && root["language"].get_ref<const std::string&>() == translated.messages.language()))
        result.errors.push_back({"/language", "the language file is for " + in_quotes(translated.messages.language())});
    for (LoadError& e : language) result.errors.push_back({"(language file)" + e.path, e.message});
    if (!result.errors.empty()) return result;
    // The sentences joined as the language joins sentences ("" in Chinese).
    for (Criterion& criterion : translated.criteria)
        for (const std::string& sentence : criterion.source_translations) {
            if (!criterion.source_translation.empty()) translated.messages.append(criterion.source_translation, Msg::source_separator);
            criterion.source_translation += sentence;
        }
    result.trial = std::move(translated);
    return result;
}

} // namespace elig
