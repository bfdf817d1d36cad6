// The first stage of a FHIR import: a FHIR R4 JSON file as resources. Every
// resource of a Bundle (nested Bundles too), or the one resource the file
// is, with its type, id and fullUrl; references inside the file resolved
// (a fullUrl, a relative "Type/id" against the referring entry's base, then
// any unique "Type/id"); the patient each Observation is about; the panels
// and reports that hold each resource. Nothing is copied out of the text:
// a resource is a few indices into the JSON items, so a 100 MB export costs
// little more than its JSON (json_reader.h), and lookups are sorted tables.
//
// Example:
//   FhirDocument doc;
//   std::vector<FhirImportError> errors;
//   if (!doc.read(R"({"resourceType": "Bundle", "entry": [{"fullUrl": "urn:uuid:p1",
//                      "resource": {"resourceType": "Patient", "id": "p1"}}]})", trial.messages, errors))
//       return report(errors);                // not JSON, not FHIR, or a member given twice
//   doc.size();                               // 1
//   doc.type(0);                              // "Patient"
//   doc.key(0);                               // "Patient/p1"
//   doc.path(0);                              // "/entry/0/resource"
//   doc.resolve("urn:uuid:p1", 0);            // 0
#pragma once
#include "core/fhir/fhir_import.h"
#include "core/i18n/messages.h"
#include "core/json/json_reader.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

// A view of one JSON item of a FhirDocument: members are found by walking
// the siblings (FHIR objects have few members). Copies are cheap.
class FhirNode {
public:
    FhirNode() = default;
    FhirNode(const JsonDocument* doc, uint32_t index) : doc_(doc), index_(index) {}

    explicit operator bool() const { return doc_ != nullptr; }
    uint32_t index() const { return index_; }
    bool is(JsonItem::Type type) const { return doc_ && item().type() == type; }
    std::string_view str() const { return is(JsonItem::Type::string) ? doc_->text(item()) : std::string_view(); }
    // A number's literal as written ("7.20"), and its value.
    std::string_view literal() const { return is(JsonItem::Type::number) ? doc_->text(item()) : std::string_view(); }
    double number() const { return doc_ ? doc_->number(item()) : 0.0; }
    bool boolean() const { return is(JsonItem::Type::boolean) && item().boolean(); }

    FhirNode get(std::string_view key) const
    {
        if (!is(JsonItem::Type::object)) return {};
        for (uint32_t i = index_ + 1; i < item().end(); i = doc_->items[i].end())
            if (doc_->key(doc_->items[i]) == key) return {doc_, i};
        return {};
    }
    template <class F>
    void each(F&& f) const
    {
        if (!is(JsonItem::Type::object) && !is(JsonItem::Type::array)) return;
        for (uint32_t i = index_ + 1; i < item().end(); i = doc_->items[i].end()) f(FhirNode(doc_, i));
    }

private:
    const JsonItem& item() const { return doc_->items[index_]; }
    const JsonDocument* doc_ = nullptr;
    uint32_t index_ = 0;
};

// "http://loinc.org|718-7": how the mapping names a Coding (or a Quantity's
// system and code). Empty when either half is.
std::string coding_key(FhirNode coding);

class FhirDocument {
public:
    // Reads the file; on a problem fills `errors` (not_json, not_fhir,
    // duplicate_member) and returns false. A syntax error is told in the
    // words of `messages`.
    bool read(std::string_view text, const Messages& messages, std::vector<FhirImportError>& errors);

    // The same in slices, for a page that must keep drawing: begin(), then
    // step() until it returns false, then check its errors.
    void begin(std::string_view text);
    bool step(size_t bytes, const Messages& messages, std::vector<FhirImportError>& errors);
    double progress() const;  // 0 to 1

    size_t size() const { return resources_.size(); }
    FhirNode node(size_t r) const { return {&json_, resources_[r].item}; }
    // A JSON item by its index (0, the root, stands for none).
    FhirNode at(uint32_t item) const { return item ? FhirNode(&json_, item) : FhirNode(); }
    std::string_view type(size_t r) const { return text_of(resources_[r].type); }
    std::string_view id(size_t r) const { return text_of(resources_[r].id); }
    std::string_view full_url(size_t r) const { return text_of(resources_[r].full_url); }
    // "Observation/f001", or the fullUrl when there is no id.
    std::string key(size_t r) const;
    // A Patient's id as references name it (its id, else its fullUrl).
    std::string_view patient_id(size_t r) const { return id(r).empty() ? full_url(r) : id(r); }
    // The JSON pointer of the resource: "/entry/3/resource".
    std::string path(size_t r) const;

    // The resource a reference names, or -1 (outside the file, or ambiguous).
    int resolve(std::string_view reference, size_t from) const;
    // The patient an Observation is about ("" if it names none).
    std::string_view subject(size_t r) const { return subjects_[r]; }
    // The panels (Observation.hasMember) and reports (DiagnosticReport.result) holding r.
    std::span<const uint32_t> holders(size_t r) const
    {
        return std::span<const uint32_t>(holder_list_).subspan(holder_begin_[r], holder_begin_[r + 1] - holder_begin_[r]);
    }

private:
    // Where an entry is: its position in a Bundle's entry list, and which
    // Bundle (an index into bundles_, -1 for the file's own).
    struct Place {
        int32_t bundle = -1;
        uint32_t entry = kNoEntry;     // kNoEntry: the file is this one resource
    };
    static constexpr uint32_t kNoEntry = UINT32_MAX;
    struct Resource {
        uint32_t item = 0;             // the resource object
        uint32_t type = 0, id = 0, full_url = 0;  // their string items, 0 when absent
        Place place;
    };
    struct Index {
        uint64_t hash = 0;
        int32_t resource = -1;         // -2: several resources have the key
        bool operator<(const Index& other) const { return hash < other.hash || (hash == other.hash && resource < other.resource); }
    };

    JsonDocument json_;
    std::unique_ptr<JsonStepReader> reading_;  // while the text is read
    size_t linked_ = 0;                        // resources linked so far
    enum class Stage : uint8_t { text, resources, links, done } stage_ = Stage::done;
    std::vector<std::pair<uint32_t, uint32_t>> held_;  // (member, holder), while linking
    std::vector<Resource> resources_;
    std::vector<Place> bundles_;       // the nested Bundles, for paths
    std::vector<Index> by_url_, by_key_;
    std::vector<std::string_view> subjects_;
    std::vector<uint32_t> holder_begin_, holder_list_;

    std::string_view text_of(uint32_t item) const { return item ? json_.text(json_.items[item]) : std::string_view(); }
    void walk(FhirNode bundle, int32_t bundle_index, int depth, std::vector<FhirImportError>& errors);
    std::string bundle_path(int32_t bundle) const;
    void index();
    int find(const std::vector<Index>& table, std::string_view key, bool by_key) const;
    std::string_view subject_of(size_t r) const;
    bool resources(std::vector<FhirImportError>& errors);
    void link(size_t until);
    void finish_links();
};

} // namespace elig
