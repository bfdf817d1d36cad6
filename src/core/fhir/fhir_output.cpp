// The last stage of a FHIR import: the result as JSON (fhir_import_json,
// declared in fhir_import.h), as `import-fhir --provenance` prints it and
// docs/fhir-import.md describes it.
#include "core/fhir/fhir_import.h"

#include "core/json/json_dom.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace elig {

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

// A value the record writer wrote (record_json.h), as a JSON value.
ojson parsed(const std::string& json_text)
{
    ojson out;
    JsonDomError ignored;
    parse_json_dom(json_text, out, ignored);
    return out;
}

ojson number_json(double value)
{
    return std::floor(value) == value && std::fabs(value) < 9e15 ? ojson(static_cast<long long>(value)) : ojson(value);
}

ojson provenance_json(const Trial& trial, const FhirImportResult& result)
{
    ojson provenance = ojson::object();
    for (const FhirFilled& f : result.filled) {
        ojson entry = {{"value", parsed(f.value_json)}, {"source", source_json(f.source)}};
        entry["conversion"] = f.from_unit.empty() ? ojson() : ojson{{"from", f.from_unit}, {"factor", number_json(f.factor)}, {"to", f.to_unit}};
        entry["days_before_as_of"] = f.days_before_as_of < 0 ? ojson() : ojson(f.days_before_as_of);
        ojson passed = ojson::array();
        for (const FhirSource& s : f.passed_over) passed.push_back(source_json(s));
        entry["passed_over"] = std::move(passed);
        // A chart of years: the newest are listed, the rest counted.
        if (f.passed_over_count > f.passed_over.size()) entry["passed_over_count"] = f.passed_over_count;
        provenance[trial.field(f.field).id] = std::move(entry);
    }
    return provenance;
}

ojson skipped_json(const Trial& trial, const FhirImportResult& result)
{
    ojson skipped = ojson::array();
    for (const FhirSkipped& s : result.skipped) {
        ojson params = ojson::object();
        for (const auto& [key, value] : s.params) params[key] = value;
        skipped.push_back({{"field", trial.field(s.field).id}, {"reason", fhir_skip_code(s.reason)}, {"params", std::move(params)},
                           {"source", source_json(s.source)}, {"message", s.message}});
    }
    return skipped;
}

ojson conflicts_json(const Trial& trial, const FhirImportResult& result)
{
    ojson conflicts = ojson::array();
    for (const FhirConflict& c : result.conflicts) {
        ojson candidates = ojson::array();
        for (size_t i = 0; i < c.candidates.size(); ++i) {
            ojson candidate = source_json(c.candidates[i]);
            candidate["would_give"] = parsed(c.values_json[i]);
            candidates.push_back(std::move(candidate));
        }
        conflicts.push_back({{"field", trial.field(c.field).id}, {"candidates", std::move(candidates)}, {"message", c.message}});
    }
    return conflicts;
}

} // namespace

std::string fhir_import_json(const Trial& trial, const FhirImportResult& result, bool pretty)
{
    ojson out = ojson::object();
    out["record"] = result.ok() ? parsed(result.record_json) : ojson();
    out["as_of"] = format_iso_date(result.as_of);
    out["patient"] = result.patient;
    out["provenance"] = provenance_json(trial, result);
    out["skipped"] = skipped_json(trial, result);
    out["conflicts"] = conflicts_json(trial, result);
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

} // namespace elig
