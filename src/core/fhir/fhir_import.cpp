// The FHIR import, stage by stage: the document (fhir_document.h), the
// patient, each field's readings (fhir_reading.h), the decision per field
// (fhir_decision.h), the record and its check, the output (fhir_output.cpp).
#include "core/fhir/fhir_import.h"

#include "core/base/stable_order.h"
#include "core/base/text.h"
#include "core/fhir/fhir_decision.h"
#include "core/fhir/fhir_document.h"
#include "core/fhir/fhir_reading.h"
#include "core/records/record_json.h"
#include "core/records/record_reader.h"

#include <algorithm>
#include <map>

namespace elig {

// The import as a job of stages, each done in slices of about `work`
// bytes of the file (or its equivalent in resources): reading the text,
// choosing the patient, finding each field's readings, reading them,
// deciding each field, checking the record.
class FhirImporter {
public:
    FhirImporter(std::string_view text, const Trial& trial, const FhirMapping& mapping, FhirImportOptions options)
        : text_(text), trial_(trial), mapping_(mapping), options_(std::move(options)), reader_(doc_, trial, mapping, options_.as_of)
    {
        out_.as_of = options_.as_of;
        doc_.begin(text_);
    }

    bool step(size_t work);
    double progress() const;
    FhirImportResult& result() { return out_; }

private:
    enum class Stage : uint8_t { document, patient, hits, readings, decisions, done };
    // Where the readings are: found first, so that each field's list is
    // allocated once (a chart of years has hundreds of thousands).
    struct Hit {
        uint32_t resource, coding;
        int32_t field_map;
        bool look_alike;
    };

    const std::string_view text_;
    const Trial& trial_;
    const FhirMapping& mapping_;
    const FhirImportOptions options_;
    FhirImportResult out_;
    FhirDocument doc_;
    FhirReader reader_;
    Record record_;
    Stage stage_ = Stage::document;
    size_t cursor_ = 0;  // within the stage: resources, hits or field maps done
    std::vector<Hit> hits_;
    std::vector<size_t> count_;
    bool usable_ = false;
    std::vector<std::vector<FhirReading>> readings_;  // per field map

    void finish();
    void find_hits(size_t until);
    void read_hits(size_t until);
    void patient_readings();

    void error(FhirErrorCode code, std::string path, std::string message) { out_.errors.push_back({code, std::move(path), std::move(message)}); }
    bool choose_patient();
    void no_patient();
    void decide(size_t map_index);
    void fill(int field_index, const FhirReading& chosen, const std::vector<FhirReading>& all, const std::vector<uint32_t>& others);
    void fill_uln(const FhirFieldMap& map, const FhirReading& chosen);
    void skip(int field, const FhirReading& reading);
    void check_record();
};

bool FhirImporter::choose_patient()
{
    std::map<std::string, FhirPatient, std::less<>> patients;
    for (size_t r = 0; r < doc_.size(); ++r) {
        const FhirNode res = doc_.node(r);
        if (doc_.type(r) == "Patient") {
            FhirPatient& p = patients[std::string(doc_.patient_id(r))];
            p.in_file = true;
            p.birth_date = res.get("birthDate").str();
            p.gender = res.get("gender").str();
            p.deceased = res.get("deceasedDateTime").str();
            if (res.get("deceasedBoolean").boolean()) p.deceased = "true";
            std::string name;
            res.get("name").each([&](FhirNode n) {
                if (!name.empty()) return;
                name = n.get("text").str();
                if (!name.empty()) return;
                n.get("given").each([&](FhirNode g) { name += std::string(g.str()) + " "; });
                name += n.get("family").str();
            });
            p.name = name;
        } else if (!doc_.subject(r).empty()) {
            if (auto it = patients.find(doc_.subject(r)); it == patients.end()) patients.emplace(std::string(doc_.subject(r)), FhirPatient());
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
        no_patient();
    } else {
        error(FhirErrorCode::several_patients, "", "several patients (" + ids + "); choose one");
    }
    return out_.errors.empty();
}

void FhirImporter::no_patient()
{
    std::map<std::string_view, int> types;
    for (size_t r = 0; r < doc_.size(); ++r) ++types[doc_.type(r)];
    std::string held;
    for (const auto& [type, count] : types) held += (held.empty() ? "" : ", ") + std::to_string(count) + " " + std::string(type);
    if (!types.count("Observation"))
        error(FhirErrorCode::nothing_to_import, "", "nothing to import: the file holds " + held + "; the importer reads Patient and Observation resources");
    else
        error(FhirErrorCode::no_patient, "", "no patient: no Patient resource, and no Observation names its subject (" + held + ")");
}

void FhirImporter::find_hits(size_t until)
{
    for (; cursor_ < until; ++cursor_) {
        const size_t r = cursor_;
        const std::string_view type = doc_.type(r);
        if (type == "Patient" && doc_.patient_id(r) == out_.patient) usable_ = true;
        if (type != "Observation" || (doc_.subject(r) != out_.patient && !doc_.subject(r).empty())) continue;
        const size_t first = hits_.size();
        doc_.node(r).get("code").get("coding").each([&](FhirNode coding) {
            const std::vector<FhirCodeUse>* uses = mapping_.uses(coding_key(coding));
            if (!uses) return;
            for (const FhirCodeUse& use : *uses) {
                // One reading per Observation and field: a second coding of the same field adds nothing.
                bool seen = false;
                for (size_t h = first; h < hits_.size(); ++h) seen |= hits_[h].field_map == use.field_map;
                if (seen) continue;
                hits_.push_back({static_cast<uint32_t>(r), coding.index(), use.field_map, use.look_alike});
                ++count_[static_cast<size_t>(use.field_map)];
                usable_ |= !doc_.subject(r).empty();
            }
        });
    }
}

void FhirImporter::read_hits(size_t until)
{
    for (; cursor_ < until; ++cursor_) {
        const Hit& hit = hits_[cursor_];
        readings_[static_cast<size_t>(hit.field_map)].push_back(
            reader_.observation(hit.resource, hit.coding, mapping_.fields[static_cast<size_t>(hit.field_map)], hit.look_alike));
    }
}

// The patient's birthDate and gender, after the Observations' readings.
void FhirImporter::patient_readings()
{
    for (size_t m = 0; m < mapping_.fields.size(); ++m) {
        const FhirFieldMap& map = mapping_.fields[m];
        if (map.kind != FhirFieldKind::birth_date && map.kind != FhirFieldKind::gender) continue;
        for (size_t r = 0; r < doc_.size(); ++r) {
            FhirReading reading;
            if (doc_.type(r) == "Patient" && doc_.patient_id(r) == out_.patient && reader_.patient(static_cast<uint32_t>(r), map, reading))
                readings_[m].push_back(std::move(reading));
        }
    }
}

bool FhirImporter::step(size_t work)
{
    const size_t resources = std::max<size_t>(1, work / 256);  // a resource is a few hundred bytes
    switch (stage_) {
    case Stage::document:
        if (doc_.step(work, trial_.messages, out_.errors)) return true;
        stage_ = out_.ok() ? Stage::patient : Stage::done;
        break;
    case Stage::patient:
        stage_ = choose_patient() ? Stage::hits : Stage::done;
        record_.values.assign(trial_.fields.size(), FieldValue());
        count_.assign(mapping_.fields.size(), 0);
        break;
    case Stage::hits:
        find_hits(std::min(doc_.size(), cursor_ + resources));
        if (cursor_ < doc_.size()) return true;
        if (!usable_)
            error(FhirErrorCode::nothing_to_import, "",
                  "nothing to import for patient " + in_quotes(out_.patient) + ": no Patient resource and no Observation with a code the mapping knows");
        readings_.assign(mapping_.fields.size(), {});
        for (size_t m = 0; m < mapping_.fields.size(); ++m) readings_[m].reserve(count_[m]);
        cursor_ = 0;
        stage_ = out_.ok() ? Stage::readings : Stage::done;
        break;
    case Stage::readings:
        read_hits(std::min(hits_.size(), cursor_ + resources));
        if (cursor_ < hits_.size()) return true;
        hits_ = {};
        patient_readings();
        cursor_ = 0;
        stage_ = Stage::decisions;
        break;
    case Stage::decisions:
        if (cursor_ < mapping_.fields.size()) decide(cursor_++);
        if (cursor_ < mapping_.fields.size()) return true;
        check_record();
        stage_ = Stage::done;
        break;
    case Stage::done: break;
    }
    if (stage_ != Stage::done) return true;
    finish();
    return false;
}

double FhirImporter::progress() const
{
    switch (stage_) {
    case Stage::document: return 0.6 * doc_.progress();
    case Stage::patient: return 0.6;
    case Stage::hits: return 0.6 + 0.1 * (doc_.size() ? static_cast<double>(cursor_) / static_cast<double>(doc_.size()) : 1.0);
    case Stage::readings: return 0.7 + 0.15 * (hits_.empty() ? 1.0 : static_cast<double>(cursor_) / static_cast<double>(hits_.size()));
    case Stage::decisions: return 0.85 + 0.15 * static_cast<double>(cursor_) / static_cast<double>(std::max<size_t>(1, mapping_.fields.size()));
    case Stage::done: return 1.0;
    }
    return 1.0;
}

// A failed import keeps its errors and patients, nothing half-done.
void FhirImporter::finish()
{
    if (out_.ok()) return;
    out_.record_json.clear();
    out_.filled.clear();
    out_.skipped.clear();
    out_.conflicts.clear();
}

void FhirImporter::decide(size_t map_index)
{
    const FhirFieldMap& map = mapping_.fields[map_index];
    std::vector<FhirReading>& all = readings_[map_index];
    const FieldDef& field = trial_.field(map.field_index);
    const FhirDecision d = decide_field(all, field.type, [&](const FhirReading& r) { return reader_.source(r); });
    for (const FhirDecision::Skip& s : d.skipped) {
        if (!s.superseded) {
            skip(map.field_index, all[s.reading]);
            continue;
        }
        FhirReading superseded = all[s.reading];
        const FhirSource latest = reader_.source(all[static_cast<size_t>(d.blocker)]);
        superseded.refuse(FhirSkipReason::superseded_by_unusable, "not used: the latest reading (" + latest.resource + ", " + latest.date + ") could not be used",
                          {{"latest", latest.resource}, {"latest_date", latest.date}});
        skip(map.field_index, superseded);
    }
    if (!d.conflict.empty()) {
        FhirConflict conflict;
        conflict.field = map.field_index;
        std::string shown;
        for (uint32_t i : d.conflict) {
            conflict.candidates.push_back(reader_.source(all[i]));
            std::string value;
            append_value_json(value, field, all[i].value.field_value());
            conflict.values_json.push_back(value);
            shown += (shown.empty() ? "" : ", ") + value + " (" + conflict.candidates.back().resource + ")";
        }
        conflict.message = field.id + ": different values at the same latest time " + conflict.candidates.front().date + ": " + shown + "; left unknown";
        out_.conflicts.push_back(std::move(conflict));
        return;
    }
    if (d.chosen < 0) return;
    fill(map.field_index, all[static_cast<size_t>(d.chosen)], all, d.passed_over);
    if (map.uln_field >= 0) fill_uln(map, all[static_cast<size_t>(d.chosen)]);
}

void FhirImporter::fill(int field_index, const FhirReading& chosen, const std::vector<FhirReading>& all, const std::vector<uint32_t>& others)
{
    const FieldDef& field = trial_.field(field_index);
    record_.value(field_index) = chosen.value.field_value();
    FhirFilled filled;
    filled.field = field_index;
    append_value_json(filled.value_json, field, chosen.value.field_value());
    filled.source = reader_.source(chosen);
    if (chosen.converted) {
        filled.from_unit = reader_.sent_unit(chosen);
        filled.factor = chosen.factor;
        filled.to_unit = field.unit_at(chosen.value.unit).name;
    }
    if (!filled.source.date.empty()) filled.days_before_as_of = options_.as_of - chosen.time.last_day;
    filled.passed_over_count = others.size();
    for (size_t i = 0; i < others.size() && i < kPassedOverShown; ++i) filled.passed_over.push_back(reader_.source(all[others[i]]));
    out_.filled.push_back(std::move(filled));
}

void FhirImporter::fill_uln(const FhirFieldMap& map, const FhirReading& chosen)
{
    const FieldDef& field = trial_.field(map.uln_field);
    const std::vector<FhirReading> found = reader_.reference_highs(chosen, map, field);
    if (found.empty()) {
        FhirReading none = reader_.uln_of(chosen);
        none.refuse(FhirSkipReason::no_reference_range, "no referenceRange.high in the Observation: the ULN stays unknown");
        return skip(map.uln_field, none);
    }
    for (const FhirReading& r : found)
        if (r.use != FhirUse::usable) return skip(map.uln_field, r);
    for (const FhirReading& r : found)
        if (!same_value(r.value, found.front().value, field.type)) {
            FhirReading several = reader_.uln_of(chosen);
            several.refuse(FhirSkipReason::ambiguous_reference_range, "several different referenceRange.high: the ULN stays unknown");
            return skip(map.uln_field, several);
        }
    fill(map.uln_field, found.front(), found, {});
}

void FhirImporter::skip(int field, const FhirReading& reading)
{
    FhirSkipped s;
    s.reason = reading.reason;
    s.field = field;
    s.source = reader_.source(reading);
    s.params = reading.params();
    const std::string where = s.source.resource + (s.source.code.empty() ? "" : " " + s.source.code) + (s.source.date.empty() ? "" : ", " + s.source.date);
    s.message = trial_.field(field).id + ": " + where + ": " + reading.detail();
    out_.skipped.push_back(std::move(s));
}

// The record through the record reader, as any saved record. Each value
// was checked as the reader checks one (FieldDef::check_number), so what
// it can still refuse is a rule across fields (a birth date after the
// screening date, a pregnant man): the field each error names is dropped,
// with the reader's own words, and the rest kept.
void FhirImporter::check_record()
{
    const int screening = trial_.find_slot("screening_date");
    if (trial_.is_field(screening)) {
        record_.value(screening).state = Value::State::known;
        record_.value(screening).date = options_.as_of;
    }
    RecordReader reader(trial_);
    std::vector<InputError> errors;
    if (!reader.check(record_, errors)) {
        for (const InputError& e : errors) {
            const int slot = trial_.find_slot(e.field);
            if (!trial_.is_field(slot) || slot == screening) continue;
            for (auto it = out_.filled.begin(); it != out_.filled.end(); ++it)
                if (it->field == slot) {
                    FhirSkipped s;
                    s.reason = FhirSkipReason::rejected_by_record;
                    s.field = slot;
                    s.source = it->source;
                    s.params = {{"error", e.message}};
                    const std::string where = s.source.resource + (s.source.code.empty() ? "" : " " + s.source.code) + (s.source.date.empty() ? "" : ", " + s.source.date);
                    s.message = e.field + ": " + where + ": the record refuses it: " + e.message;
                    out_.skipped.push_back(std::move(s));
                    out_.filled.erase(it);
                    break;
                }
            record_.value(slot) = FieldValue();
        }
    }
    if (!reader.check(record_, errors)) {  // never expected: keep only what cannot be wrong
        for (int f = 0; f < static_cast<int>(trial_.fields.size()); ++f)
            if (f != screening) record_.value(f) = FieldValue();
        out_.filled.clear();
    }
    out_.record_json = write_record_json(trial_, record_);
    auto field_of = [](const auto& item) { return item.field; };
    stable_sort_by_key(out_.filled, field_of);
    stable_sort_by_key(out_.skipped, field_of);
    stable_sort_by_key(out_.conflicts, field_of);
}


const char* fhir_skip_code(FhirSkipReason reason)
{
    static constexpr const char* kCodes[] = {
#define ELIG_FHIR_SKIP_CODE(name, use) #name,
        ELIG_FHIR_SKIP_REASONS(ELIG_FHIR_SKIP_CODE)
#undef ELIG_FHIR_SKIP_CODE
    };
    return kCodes[static_cast<size_t>(reason)];
}

bool fhir_skip_blocks(FhirSkipReason reason)
{
    enum Use : bool { ignored = false, blocking = true };
    static constexpr bool kBlocks[] = {
#define ELIG_FHIR_SKIP_USE(name, use) use,
        ELIG_FHIR_SKIP_REASONS(ELIG_FHIR_SKIP_USE)
#undef ELIG_FHIR_SKIP_USE
    };
    return kBlocks[static_cast<size_t>(reason)];
}

const char* fhir_error_code(FhirErrorCode code)
{
    static constexpr const char* kCodes[] = {
#define ELIG_FHIR_ERROR_CODE(name) #name,
        ELIG_FHIR_ERRORS(ELIG_FHIR_ERROR_CODE)
#undef ELIG_FHIR_ERROR_CODE
    };
    return kCodes[static_cast<size_t>(code)];
}

std::string describe(const FhirImportError& error)
{
    return (error.path.empty() ? std::string("(file)") : error.path) + ": " + error.message;
}

FhirImportJob::FhirImportJob(std::string text, const Trial& trial, const FhirMapping& mapping, FhirImportOptions options)
    : text_(std::make_unique<std::string>(std::move(text))), importer_(std::make_unique<FhirImporter>(*text_, trial, mapping, std::move(options)))
{
}

FhirImportJob::FhirImportJob(std::string_view text, const Trial& trial, const FhirMapping& mapping, FhirImportOptions options)
    : importer_(std::make_unique<FhirImporter>(text, trial, mapping, std::move(options)))
{
}

FhirImportJob::~FhirImportJob() = default;
FhirImportJob::FhirImportJob(FhirImportJob&&) noexcept = default;
FhirImportJob& FhirImportJob::operator=(FhirImportJob&&) noexcept = default;

bool FhirImportJob::step(size_t work) { return !done_ && (done_ = !importer_->step(work), !done_); }
double FhirImportJob::progress() const { return done_ ? 1.0 : importer_->progress(); }
FhirImportResult& FhirImportJob::result() { return importer_->result(); }

FhirImportResult import_fhir(std::string_view fhir_json, const Trial& trial, const FhirMapping& mapping, const FhirImportOptions& options)
{
    FhirImportJob job(fhir_json, trial, mapping, options);
    while (job.step(SIZE_MAX)) {}
    return std::move(job.result());
}

} // namespace elig
