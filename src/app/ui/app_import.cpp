// Filling the form from the patient's chart (FHIR R4): import as of the
// screening date, show what will be filled (from where, of when), what was
// passed over and why, and the conflicts; change nothing until the user
// says yes. Imported fields keep a mark with their provenance until edited.
#include "app/ui/app.h"

#include "bundled/bundled_fhir_mapping.h"
#include "core/base/number_format.h"
#include "core/json/json_reader.h"


#include <chrono>

namespace app {

namespace {

// The words of the importer's closed sets, one per code of its tables (a
// code without its words here does not compile).
constexpr T kSkipWords[] = {
#define APP_SKIP_WORDS(name, use) T::skip_##name,
    ELIG_FHIR_SKIP_REASONS(APP_SKIP_WORDS)
#undef APP_SKIP_WORDS
};
constexpr T kErrorWords[] = {
#define APP_ERROR_WORDS(name) T::import_error_##name,
    ELIG_FHIR_ERRORS(APP_ERROR_WORDS)
#undef APP_ERROR_WORDS
};

T skip_words(elig::FhirSkipReason reason) { return kSkipWords[static_cast<size_t>(reason)]; }
T error_words(elig::FhirErrorCode code) { return kErrorWords[static_cast<size_t>(code)]; }

// A value as the record holds it, in words: {"value":7.2,"unit":"g/dL"} as
// "7.2 g/dL", true as "Yes", an option by its label.
std::string shown_value(const elig::FieldDef& field, const std::string& value_json, const AppText& text)
{
    elig::JsonDocument doc;
    if (!elig::read_json(value_json, doc)) return value_json;
    const elig::JsonItem& value = doc.items[0];
    using Type = elig::JsonItem::Type;
    if (value.type() == Type::boolean) return text(value.boolean() ? T::yes : T::no);
    if (value.type() == Type::object) {
        // {"value": 7.2, "unit": "g/dL"}, the only object a record value is.
        const elig::JsonItem* number = nullptr;
        std::string_view unit;
        for (uint32_t m = 1; m < value.end(); m = doc.items[m].end()) {
            if (doc.key(doc.items[m]) == "value" && doc.items[m].type() == Type::number) number = &doc.items[m];
            if (doc.key(doc.items[m]) == "unit" && doc.items[m].type() == Type::string) unit = doc.text(doc.items[m]);
        }
        if (!number || unit.empty()) return value_json;
        std::string out;
        elig::append_exact_number(out, doc.number(*number));
        for (const elig::Unit& u : field.units)
            if (u.name == unit) return elig::with_unit(out, u.label);
        return elig::with_unit(out, std::string(unit));
    }
    if (value.type() == Type::number) {
        std::string out;
        elig::append_exact_number(out, doc.number(value));
        return elig::with_unit(out, field.unit_label);
    }
    if (value.type() == Type::string) {
        for (const elig::EnumValue& v : field.values)
            if (v.id == doc.text(value)) return v.label;
        return std::string(doc.text(value));
    }
    return value_json;
}

} // namespace

std::string App::describe_source(const elig::FhirSource& source) const
{
    std::string written = source.value;
    if (!source.unit.empty()) written += " " + source.unit;
    // The coding that matched, or for Patient data the element read.
    const std::string& what = source.code.empty() ? source.element : source.code;
    if (source.date.empty()) return text_.format(T::import_source_undated, {source.resource, what, written});
    return text_.format(T::import_source, {source.resource, what, written, source.date});
}

std::string App::source_of(int field) const
{
    auto it = imported_.find(field);
    if (it == imported_.end()) return {};
    const elig::FhirFilled& filled = it->second;
    std::string out = text_.format(T::source_tip, {describe_source(filled.source)});
    if (!filled.from_unit.empty() && filled.from_unit != filled.to_unit) {
        std::string factor;
        elig::append_exact_number(factor, filled.factor);
        out += "\n" + text_.format(T::import_conversion, {filled.from_unit, factor, filled.to_unit});
    }
    return out;
}

// The mapping is loaded when a first FHIR file comes.
bool App::ensure_mapping()
{
    if (mapping_) return true;
    elig::FhirMappingLoadResult loaded = elig::load_fhir_mapping(elig::bundled_fhir_mapping(), trial_);
    if (!loaded.ok()) {
        problems_ += "bundled FHIR mapping: " + elig::describe(loaded.errors.front()) + "\n";
        return false;
    }
    mapping_ = std::move(*loaded.mapping);
    return true;
}

std::string App::fhir_error_words(const elig::FhirImportError& error) const
{
    return text_.format(error_words(error.code), {error.path.empty() ? "/" : error.path});
}

void App::import_fhir(const std::string& name, std::shared_ptr<const std::string> text, const std::string& patient)
{
    if (!ensure_mapping()) return;
    // As of the screening date the user gave, else today.
    elig::FhirImportOptions options;
    options.patient = patient;
    const int screening = trial_.find_slot("screening_date");
    const auto given = trial_.is_field(screening) ? elig::parse_iso_date(form_.input(screening).text) : std::nullopt;
    options.as_of = given ? *given : *elig::parse_iso_date(platform_.today());
    pending_name_ = name;
    pending_text_ = std::move(text);
    import_job_.emplace(std::string_view(*pending_text_), trial_, *mapping_, std::move(options));
    // Most files are read at once; a chart of years shows how far it is.
    if (!advance_import(3 * import_budget_ms_))
        open_dialog({text_(T::import_reading_title), text_.format(T::import_reading, {name}), {{"dialog_cancel", text_(T::cancel), "button:cancel"}}, "dialog_cancel", 0.0});
}

// Reads on for about `budget_ms`; true once the file is read (and its
// summary or error shown).
bool App::advance_import(double budget_ms)
{
    using Clock = std::chrono::steady_clock;
    const Clock::time_point until = Clock::now() + std::chrono::microseconds(static_cast<long long>(budget_ms * 1000));
    bool more = true;
    do more = import_job_->step(256 << 10);  // at least a slice a frame
    while (more && Clock::now() < until);
    if (more) {
        if (dialog_ && dialog_->progress >= 0) {
            dialog_->progress = import_job_->progress();
            publish_form_ = true;
        }
        return false;
    }
    elig::FhirImportResult result = std::move(import_job_->result());
    import_job_.reset();
    imported(std::move(result));
    return true;
}

void App::imported(elig::FhirImportResult result)
{
    const std::string& name = pending_name_;
    if (!result.ok() && result.errors.front().code == elig::FhirErrorCode::several_patients) {
        pending_import_ = std::move(result);
        return open_dialog(choose_patient(*pending_import_));
    }
    if (!result.ok()) {
        std::string why = text_.format(T::load_error_text, {name}) + "\n\n";
        for (const elig::FhirImportError& e : result.errors) why += "\xE2\x80\xA2 " + fhir_error_words(e) + "\n";
        pending_import_.reset();
        return open_dialog({text_(T::load_error_title), why, {{"dialog_ok", text_(T::ok), "button:ok"}}, "dialog_ok"});
    }
    Dialog summary = import_summary(result);
    pending_import_ = std::move(result);
    open_dialog(std::move(summary));
}

App::Dialog App::import_summary(const elig::FhirImportResult& result) const
{
    const elig::Trial& t = *shown_;
    std::string text;
    for (const elig::FhirPatient& p : result.patients)
        if (p.id == result.patient) text += text_.format(T::import_patient, {p.name.empty() ? "\xE2\x80\x94" : p.name, p.id, p.birth_date.empty() ? "\xE2\x80\x94" : p.birth_date}) + "\n";
    text += text_.format(T::import_as_of, {elig::format_iso_date(result.as_of)}) + "\n\n";
    text += text_.format(result.filled.size() == 1 ? T::import_fill_heading_one : T::import_fill_heading_other, {std::to_string(result.filled.size())}) + "\n";
    for (const elig::FhirFilled& f : result.filled) {
        const elig::FieldDef& field = t.field(f.field);
        const std::string age = f.days_before_as_of < 0 ? "" : text_.format(T::import_age, {std::to_string(f.days_before_as_of)});
        text += "\xE2\x80\xA2 " + text_.format(T::import_fill_item, {field.label, shown_value(field, f.value_json, text_), describe_source(f.source), age});
        if (!form_.is_empty(f.field)) text += text_(T::import_replaces);
        text += "\n";
    }
    if (!result.conflicts.empty()) {
        text += "\n" + text_.format(T::import_conflict_heading, {std::to_string(result.conflicts.size())}) + "\n";
        for (const elig::FhirConflict& c : result.conflicts) {
            std::string values;
            for (size_t i = 0; i < c.candidates.size() && i < c.values_json.size(); ++i)
            {
                if (!values.empty()) values += text_(T::import_conflict_separator);
                values += text_.format(T::import_conflict_value, {shown_value(t.field(c.field), c.values_json[i], text_), describe_source(c.candidates[i])});
            }
            text += "\xE2\x80\xA2 " + text_.format(T::import_conflict_item, {t.field(c.field).label, values}) + "\n";
        }
    }
    if (!result.skipped.empty()) {
        text += "\n" + text_.format(T::import_skip_heading, {std::to_string(result.skipped.size())}) + "\n";
        for (const elig::FhirSkipped& s : result.skipped)
            text += "\xE2\x80\xA2 " + text_.format(T::import_skip_item, {t.field(s.field).label, text_(skip_words(s.reason)), describe_source(s.source)}) + "\n";
    }
    text += std::string("\n") + text_(T::import_unanswered);
    return {text_.format(T::import_title, {pending_name_}), text,
            {{"import_confirm", text_(T::import_confirm), "button:import"}, {"dialog_cancel", text_(T::cancel), "button:cancel"}}, "dialog_cancel"};
}

App::Dialog App::choose_patient(const elig::FhirImportResult& result) const
{
    Dialog dialog{text_(T::import_choose_title), text_.format(T::import_choose_text, {pending_name_, std::to_string(result.patients.size())}), {}, "dialog_cancel"};
    for (size_t i = 0; i < result.patients.size(); ++i) {
        const elig::FhirPatient& p = result.patients[i];
        dialog.buttons.push_back({"patient:" + std::to_string(i), text_.format(T::import_choose_patient, {p.name.empty() ? "\xE2\x80\x94" : p.name, p.birth_date.empty() ? "\xE2\x80\x94" : p.birth_date, p.id}),
                                  "button:patient_" + std::to_string(i)});
    }
    dialog.buttons.push_back({"dialog_cancel", text_(T::cancel), "button:cancel"});
    return dialog;
}

// The user said yes: the imported values replace what the form held for
// those fields; everything else stays as it was.
void App::confirm_import()
{
    if (!pending_import_) return close_dialog();
    elig::Record imported;
    std::vector<elig::InputError> problems;
    elig::RecordReader reader(trial_);
    if (reader.read(pending_import_->record_json, imported, problems)) {
        for (const elig::FhirFilled& f : pending_import_->filled) {
            form_.load_field(imported, f.field);
            imported_[f.field] = f;
        }
        asking_.reset();  // guided mode asks only what the chart lacked
        dirty_ = true;
    }
    close_dialog();
}

} // namespace app
