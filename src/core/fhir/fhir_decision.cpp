#include "core/fhir/fhir_decision.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace elig {

bool same_value(const Value& a, const Value& b, FieldType type)
{
    switch (type) {
    case FieldType::boolean: return a.boolean == b.boolean;
    case FieldType::enumeration: return a.enum_index == b.enum_index;
    case FieldType::date: return a.date == b.date;
    case FieldType::text: return false;  // no mapped field is text
    case FieldType::number:
    case FieldType::integer: return std::fabs(a.number - b.number) <= 1e-9 * std::max({1.0, std::fabs(a.number), std::fabs(b.number)});
    }
    return false;
}

FhirDecision decide_field(std::vector<FhirReading>& readings, FieldType type, const std::function<FhirSource(const FhirReading&)>& source_of)
{
    // Newest first; readings of one time by where they came from, which
    // only readings of the same time need (so a long history builds no
    // strings for its order).
    std::sort(readings.begin(), readings.end(), [&](const FhirReading& a, const FhirReading& b) {
        if (a.time.latest != b.time.latest) return a.time.latest > b.time.latest;
        if (a.time.earliest != b.time.earliest) return a.time.earliest > b.time.earliest;
        const FhirSource sa = source_of(a), sb = source_of(b);
        return std::tie(sa.resource, sa.full_url, sa.code, sa.value) < std::tie(sb.resource, sb.full_url, sb.code, sb.value);
    });
    FhirDecision d;
    int64_t newest = std::numeric_limits<int64_t>::min();
    for (const FhirReading& r : readings)
        if (r.use != FhirUse::ignored) newest = std::max(newest, r.time.earliest);
    std::vector<uint32_t> latest, older;
    for (uint32_t i = 0; i < readings.size(); ++i) {
        const FhirReading& r = readings[i];
        if (r.use == FhirUse::ignored) {
            d.skipped.push_back({i, false});
        } else if (r.time.latest >= newest) {
            if (r.use == FhirUse::blocking && d.blocker < 0) d.blocker = static_cast<int>(i);
            if (r.use == FhirUse::blocking) d.skipped.push_back({i, false});
            else latest.push_back(i);
        } else if (r.use == FhirUse::blocking) {
            d.skipped.push_back({i, false});
        } else {
            older.push_back(i);
        }
    }
    if (d.blocker >= 0) {
        // Every usable value is superseded: the latest ones (reported last
        // first, as they always were), then the older.
        for (auto it = latest.rbegin(); it != latest.rend(); ++it) d.skipped.push_back({*it, true});
        for (uint32_t i : older) d.skipped.push_back({i, true});
        return d;
    }
    if (latest.empty()) return d;
    for (uint32_t i : latest)
        if (!same_value(readings[i].value, readings[latest.front()].value, type)) {
            d.conflict = latest;
            return d;
        }
    d.chosen = static_cast<int>(latest.front());
    d.passed_over.assign(latest.begin() + 1, latest.end());
    d.passed_over.insert(d.passed_over.end(), older.begin(), older.end());
    return d;
}

} // namespace elig
