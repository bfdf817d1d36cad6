// The last stage of a FHIR import: the result as JSON (fhir_import_json,
// declared in fhir_import.h), as `import-fhir --provenance` prints it and
// docs/fhir-import.md describes it.
#include "core/fhir/fhir_import.h"

#include "core/json/json_writer.h"

#include <cmath>

namespace elig {

namespace {

void write_source(JsonWriter& out, const FhirSource& s, const char* extra_key = nullptr, const std::string* extra_json = nullptr);

// A value the record writer wrote (record_json.h), as a JSON value.
void write_parsed(JsonWriter& out, const std::string& json_text)
{
    JsonDocument doc;
    if (read_json(json_text, doc)) write_json_value(out, doc);
    else out.null();
}

void write_source(JsonWriter& out, const FhirSource& s, const char* extra_key, const std::string* extra_json)
{
    out.begin_object().key("resource").value(s.resource);
    if (!s.full_url.empty()) out.key("full_url").value(s.full_url);
    out.key("path").value(s.path);
    if (!s.code.empty()) out.key("code").value(s.code);
    if (!s.display.empty()) out.key("display").value(s.display);
    out.key("element").value(s.element).key("value").value(s.value);
    if (!s.unit.empty()) out.key("unit").value(s.unit);
    if (!s.unit_code.empty()) out.key("unit_code").value(s.unit_code);
    out.key("date");
    if (s.date.empty()) out.null();
    else out.value(s.date);
    if (!s.date_source.empty()) out.key("date_source").value(s.date_source);
    if (extra_key) {
        out.key(extra_key);
        write_parsed(out, *extra_json);
    }
    out.end_object();
}

// A whole factor as an integer ("1000"), else the shortest exact decimal.
void write_factor(JsonWriter& out, double value)
{
    if (std::floor(value) == value && std::fabs(value) < 9e15) out.value(static_cast<long long>(value));
    else out.value(value);
}

void write_provenance(JsonWriter& out, const Trial& trial, const FhirImportResult& result)
{
    out.begin_object();
    for (const FhirFilled& f : result.filled) {
        out.key(trial.field(f.field).id).begin_object().key("value");
        write_parsed(out, f.value_json);
        out.key("source");
        write_source(out, f.source);
        out.key("conversion");
        if (f.from_unit.empty()) {
            out.null();
        } else {
            out.begin_object().key("from").value(f.from_unit).key("factor");
            write_factor(out, f.factor);
            out.key("to").value(f.to_unit).end_object();
        }
        out.key("days_before_as_of");
        if (f.days_before_as_of < 0) out.null();
        else out.value(f.days_before_as_of);
        out.key("passed_over").begin_array();
        for (const FhirSource& s : f.passed_over) write_source(out, s);
        out.end_array();
        // A chart of years: the newest are listed, the rest counted.
        if (f.passed_over_count > f.passed_over.size()) out.key("passed_over_count").value(f.passed_over_count);
        out.end_object();
    }
    out.end_object();
}

void write_skipped(JsonWriter& out, const Trial& trial, const FhirImportResult& result)
{
    out.begin_array();
    for (const FhirSkipped& s : result.skipped) {
        out.begin_object().key("field").value(trial.field(s.field).id).key("reason").value(fhir_skip_code(s.reason)).key("params").begin_object();
        for (const auto& [key, value] : s.params) out.key(key).value(value);
        out.end_object().key("source");
        write_source(out, s.source);
        out.key("message").value(s.message).end_object();
    }
    out.end_array();
}

void write_conflicts(JsonWriter& out, const Trial& trial, const FhirImportResult& result)
{
    out.begin_array();
    for (const FhirConflict& c : result.conflicts) {
        out.begin_object().key("field").value(trial.field(c.field).id).key("candidates").begin_array();
        for (size_t i = 0; i < c.candidates.size(); ++i) write_source(out, c.candidates[i], "would_give", &c.values_json[i]);
        out.end_array().key("message").value(c.message).end_object();
    }
    out.end_array();
}

} // namespace

std::string fhir_import_json(const Trial& trial, const FhirImportResult& result, bool pretty)
{
    std::string text;
    JsonWriter out(text, pretty ? 2 : -1);
    out.begin_object().key("record");
    if (result.ok()) write_parsed(out, result.record_json);
    else out.null();
    out.key("as_of").value(format_iso_date(result.as_of)).key("patient").value(result.patient);
    out.key("provenance");
    write_provenance(out, trial, result);
    out.key("skipped");
    write_skipped(out, trial, result);
    out.key("conflicts");
    write_conflicts(out, trial, result);
    out.key("patients").begin_array();
    for (const FhirPatient& p : result.patients) {
        out.begin_object().key("id").value(p.id).key("in_file").value(p.in_file);
        for (const auto& [key, value] : {std::pair{"name", &p.name}, {"birth_date", &p.birth_date}, {"gender", &p.gender}, {"deceased", &p.deceased}})
            if (!value->empty()) out.key(key).value(*value);
        out.end_object();
    }
    out.end_array().key("errors").begin_array();
    for (const FhirImportError& e : result.errors)
        out.begin_object().key("code").value(fhir_error_code(e.code)).key("path").value(e.path).key("message").value(e.message).end_object();
    out.end_array().end_object();
    return text;
}

} // namespace elig
