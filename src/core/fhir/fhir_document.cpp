#include "core/fhir/fhir_document.h"

#include "core/base/stable_order.h"

#include <algorithm>

namespace elig {

namespace {

uint64_t hash_text(std::string_view text, uint64_t h = 1469598103934665603u)
{
    for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211u;  // FNV-1a
    return h;
}

uint64_t hash_key(std::string_view type, std::string_view id) { return hash_text(id, hash_text(type) * 31 + '/'); }

// "…/Observation/1/_history/2" -> "…/Observation/1".
std::string_view without_history(std::string_view reference)
{
    const size_t history = reference.find("/_history/");
    return history == std::string_view::npos ? reference : reference.substr(0, history);
}

// The last "Type/id" of a reference, as its two halves ("", "" if none).
std::pair<std::string_view, std::string_view> type_and_id(std::string_view reference)
{
    const size_t slash = reference.find_last_of('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == reference.size()) return {};
    const size_t type_start = reference.find_last_of('/', slash - 1);
    const size_t from = type_start == std::string_view::npos ? 0 : type_start + 1;
    return {reference.substr(from, slash - from), reference.substr(slash + 1)};
}

} // namespace

std::string coding_key(FhirNode coding)
{
    const std::string_view system = coding.get("system").str(), code = coding.get("code").str();
    if (system.empty() || code.empty()) return {};  // a bare code never matches
    std::string key;
    key.reserve(system.size() + code.size() + 1);
    key.append(system).append("|").append(code);
    return key;
}

bool FhirDocument::read(std::string_view text, const Messages& messages, std::vector<FhirImportError>& errors)
{
    begin(text);
    while (step(SIZE_MAX, messages, errors)) {}
    return errors.empty();
}

void FhirDocument::begin(std::string_view text)
{
    *this = FhirDocument();
    reading_ = std::make_unique<JsonStepReader>(text, json_);
    stage_ = Stage::text;
}

// The text a megabyte at a time; then the resources, the index and the
// duplicate check at once (a tenth of the text's time); then the links
// a few thousand resources at a time.
bool FhirDocument::step(size_t bytes, const Messages& messages, std::vector<FhirImportError>& errors)
{
    switch (stage_) {
    case Stage::text:
        if (reading_->step(bytes)) return true;
        reading_.reset();
        if (json_.error) {
            errors.push_back({FhirErrorCode::not_json, "", "not valid JSON: " + describe(messages, json_.error)});
            stage_ = Stage::done;
            return false;
        }
        stage_ = Stage::resources;
        return true;
    case Stage::resources:
        if (!resources(errors)) {
            stage_ = Stage::done;
            return false;
        }
        index();
        subjects_.assign(resources_.size(), {});
        stage_ = Stage::links;
        return true;
    case Stage::links:
        link(std::min(resources_.size(), linked_ + std::max<size_t>(1, bytes / 256)));
        if (linked_ < resources_.size()) return true;
        finish_links();
        stage_ = Stage::done;
        return false;
    case Stage::done: return false;
    }
    return false;
}

double FhirDocument::progress() const
{
    switch (stage_) {
    case Stage::text: return 0.8 * reading_->progress();
    case Stage::resources: return 0.8;
    case Stage::links: return 0.85 + 0.15 * (resources_.empty() ? 1.0 : static_cast<double>(linked_) / static_cast<double>(resources_.size()));
    case Stage::done: return 1.0;
    }
    return 1.0;
}

bool FhirDocument::resources(std::vector<FhirImportError>& errors)
{
    // FHIR's JSON allows a member once (a second "resourceType" or "value"
    // would otherwise be read by its first), as records do.
    if (const size_t repeated = json_.first_repeated_key()) {
        const std::string path = json_.pointer(repeated);
        errors.push_back({FhirErrorCode::duplicate_member, path, "the member \"" + std::string(json_.key(json_.items[repeated])) + "\" is given twice in its object"});
        return false;
    }
    const FhirNode root(&json_, 0);
    if (!root.is(JsonItem::Type::object) || root.get("resourceType").str().empty()) {
        errors.push_back({FhirErrorCode::not_fhir, "", "not FHIR R4 JSON: expected a resource or a Bundle, an object with \"resourceType\""});
        return false;
    }
    if (root.get("resourceType").str() == "Bundle") {
        walk(root, -1, 0, errors);
    } else {
        resources_.push_back({0, root.get("resourceType").index(), root.get("id").is(JsonItem::Type::string) ? root.get("id").index() : 0, 0, {}});
    }
    return errors.empty();
}

void FhirDocument::walk(FhirNode bundle, int32_t bundle_index, int depth, std::vector<FhirImportError>& errors)
{
    const FhirNode entries = bundle.get("entry");
    if (entries && !entries.is(JsonItem::Type::array)) {
        errors.push_back({FhirErrorCode::not_fhir, bundle_path(bundle_index) + "/entry", "not FHIR R4 JSON: a Bundle's entry must be an array"});
        return;
    }
    uint32_t i = 0;
    entries.each([&](FhirNode entry) {
        const Place place{bundle_index, i++};
        const FhirNode resource = entry.get("resource");
        if (!resource) return;  // a request or response without a resource
        const FhirNode type = resource.get("resourceType");
        if (!resource.is(JsonItem::Type::object) || type.str().empty()) {
            errors.push_back({FhirErrorCode::not_fhir, bundle_path(bundle_index) + "/entry/" + std::to_string(place.entry) + "/resource",
                              "not FHIR R4 JSON: a resource must be an object with \"resourceType\""});
            return;
        }
        const FhirNode full_url = entry.get("fullUrl");
        if (type.str() == "Bundle") {
            if (depth >= 7) return;  // entries of Bundles nested up to 7 deep
            bundles_.push_back(place);
            return walk(resource, static_cast<int32_t>(bundles_.size() - 1), depth + 1, errors);
        }
        const FhirNode id = resource.get("id");
        resources_.push_back({resource.index(), type.index(), id.is(JsonItem::Type::string) ? id.index() : 0u,
                              full_url.is(JsonItem::Type::string) ? full_url.index() : 0u, place});
    });
}

std::string FhirDocument::bundle_path(int32_t bundle) const
{
    if (bundle < 0) return {};
    const Place& place = bundles_[static_cast<size_t>(bundle)];
    return bundle_path(place.bundle) + "/entry/" + std::to_string(place.entry) + "/resource";
}

std::string FhirDocument::path(size_t r) const
{
    const Place& place = resources_[r].place;
    if (place.entry == kNoEntry) return {};
    return bundle_path(place.bundle) + "/entry/" + std::to_string(place.entry) + "/resource";
}

std::string FhirDocument::key(size_t r) const
{
    if (id(r).empty()) return std::string(full_url(r));
    std::string key(type(r));
    key.append("/").append(id(r));
    return key;
}

void FhirDocument::index()
{
    by_url_.clear();
    by_key_.clear();
    for (size_t r = 0; r < resources_.size(); ++r) {
        if (!full_url(r).empty()) by_url_.push_back({hash_text(full_url(r)), static_cast<int32_t>(r)});
        if (!id(r).empty()) by_key_.push_back({hash_key(type(r), id(r)), static_cast<int32_t>(r)});
    }
    std::sort(by_url_.begin(), by_url_.end());
    std::sort(by_key_.begin(), by_key_.end());
}

// The resource with `key` (a fullUrl, or "Type/id"), or -1; a "Type/id"
// that several resources have is -1 too: never guess which.
int FhirDocument::find(const std::vector<Index>& table, std::string_view key, bool by_key) const
{
    std::string_view type, id;
    uint64_t hash;
    if (by_key) {
        std::tie(type, id) = type_and_id(key);
        if (type.empty()) return -1;
        hash = hash_key(type, id);
    } else {
        hash = hash_text(key);
    }
    int found = -1;
    for (auto it = std::lower_bound(table.begin(), table.end(), Index{hash, INT32_MIN}); it != table.end() && it->hash == hash; ++it) {
        const size_t r = static_cast<size_t>(it->resource);
        const bool same = by_key ? this->type(r) == type && this->id(r) == id : full_url(r) == key;
        if (!same) continue;
        if (found >= 0 && by_key) return -1;
        if (found < 0) found = it->resource;
    }
    return found;
}

int FhirDocument::resolve(std::string_view reference, size_t from) const
{
    if (reference.empty() || reference[0] == '#') return -1;
    reference = without_history(reference);
    if (const int r = find(by_url_, reference, false); r >= 0) return r;
    const bool relative = reference.find(':') == std::string_view::npos;
    if (relative && !full_url(from).empty()) {
        std::string_view base = full_url(from);  // "https://x/base/Observation/1" -> "https://x/base"
        for (int cut = 0; cut < 2; ++cut) {
            const size_t s = base.find_last_of('/');
            base = s == std::string_view::npos ? std::string_view() : base.substr(0, s);
        }
        if (!base.empty())
            if (const int r = find(by_url_, std::string(base) + "/" + std::string(reference), false); r >= 0) return r;
    }
    return find(by_key_, reference, true);
}

// The subject of an Observation: the Patient it resolves to, or the id of
// a reference outside the file ("Patient/2" is 2).
std::string_view FhirDocument::subject_of(size_t r) const
{
    std::string_view reference = node(r).get("subject").get("reference").str();
    if (reference.empty()) return {};
    if (const int target = resolve(reference, r); target >= 0)
        return type(static_cast<size_t>(target)) == "Patient" ? patient_id(static_cast<size_t>(target)) : std::string_view();
    reference = without_history(reference);
    // "urn:uuid:…" outside the file: the subject of an Observation is a patient far more often than a group or device.
    if (reference.find('/') == std::string_view::npos) return reference.rfind("urn:", 0) == 0 ? reference : std::string_view();
    const auto [subject_type, id] = type_and_id(reference);
    return subject_type == "Patient" ? id : std::string_view();
}

void FhirDocument::link(size_t until)
{
    for (; linked_ < until; ++linked_) {
        const size_t r = linked_;
        const std::string_view t = type(r);
        if (t == "Observation") subjects_[r] = subject_of(r);
        const char* list = t == "DiagnosticReport" ? "result" : t == "Observation" ? "hasMember" : nullptr;
        if (!list) continue;
        node(r).get(list).each([&](FhirNode ref) {
            const int member = resolve(ref.get("reference").str(), r);
            if (member >= 0 && static_cast<size_t>(member) != r) held_.push_back({static_cast<uint32_t>(member), static_cast<uint32_t>(r)});
        });
    }
}

void FhirDocument::finish_links()
{
    // In the order the file holds them, each member's holders together.
    stable_sort_by_key(held_, [](const auto& link) { return link.first; });
    holder_begin_.assign(resources_.size() + 1, 0);
    holder_list_.clear();
    size_t h = 0;
    for (size_t r = 0; r < resources_.size(); ++r) {
        holder_begin_[r] = static_cast<uint32_t>(holder_list_.size());
        for (; h < held_.size() && held_[h].first == r; ++h) holder_list_.push_back(held_[h].second);
    }
    holder_begin_[resources_.size()] = static_cast<uint32_t>(holder_list_.size());
    held_ = {};
}

} // namespace elig
