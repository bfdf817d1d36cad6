#include "property/record_generator.h"

#include "core/base/date.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace elig_test {

using elig::FieldType;
using elig::NodeKind;
using json = nlohmann::ordered_json;

RecordGenerator::RecordGenerator(const elig::Trial& trial, uint64_t seed)
    : trial_(trial), state_(seed * 0x9E3779B97F4A7C15u + 1), reader_(trial), thresholds_(static_cast<size_t>(trial.slot_count())),
      wishes_(static_cast<size_t>(trial.slot_count()))
{
    // Rules of the criteria only (not relevance or constraints): what passes.
    int first_criterion_node = static_cast<int>(trial.nodes.size());
    for (const elig::Criterion& c : trial.criteria) first_criterion_node = std::min(first_criterion_node, c.first_node);
    for (size_t n = 0; n < trial.nodes.size(); ++n) {
        const elig::Node& node = trial.nodes[n];
        if (static_cast<int>(n) < first_criterion_node || node.slot < 0) continue;
        Wish& wish = wishes_[static_cast<size_t>(node.slot)];
        const double margin = 0.05 * std::max(1.0, std::fabs(node.number));
        switch (node.kind) {
        case NodeKind::at_least: wish.low = std::max(wish.low, node.number); break;
        case NodeKind::above: wish.low = std::max(wish.low, node.number + margin); break;
        case NodeKind::at_most: wish.high = std::min(wish.high, node.number); break;
        case NodeKind::below: wish.high = std::min(wish.high, node.number - margin); break;
        case NodeKind::is_bool: if (wish.boolean < 0) wish.boolean = node.boolean ? 1 : 0; break;
        case NodeKind::is_enum: wish.enums &= uint64_t{1} << node.enum_index; break;
        case NodeKind::in_enum: wish.enums &= node.enum_mask; break;
        case NodeKind::constant: case NodeKind::all: case NodeKind::any: case NodeKind::negate: case NodeKind::if_then_else:
        case NodeKind::readings: case NodeKind::is_none: case NodeKind::not_within: case NodeKind::earlier_than:
        case NodeKind::later_than: break;  // no value to aim at
        }
    }
    for (const elig::Node& node : trial.nodes) {
        switch (node.kind) {
        case NodeKind::at_least:
        case NodeKind::at_most:
        case NodeKind::above:
        case NodeKind::below:
            thresholds_[static_cast<size_t>(node.slot)].push_back(node.number);
            break;
        case NodeKind::not_within:
            windows_.push_back({node.slot, node.reference, node.reference_floor, node.window, node.window_unit == elig::WindowUnit::months});
            break;
        case NodeKind::constant: case NodeKind::all: case NodeKind::any: case NodeKind::negate: case NodeKind::if_then_else:
        case NodeKind::readings: case NodeKind::is_bool: case NodeKind::is_enum: case NodeKind::in_enum: case NodeKind::is_none:
        case NodeKind::earlier_than: case NodeKind::later_than: break;  // no threshold or window
        }
    }
}

// splitmix64: small, fast, and the same on every platform.
uint64_t RecordGenerator::bits()
{
    uint64_t z = (state_ += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

double RecordGenerator::uniform() { return static_cast<double>(bits() >> 11) * 0x1.0p-53; }

// Half the time at or right beside a threshold of the rules, else anywhere
// in the plausible range; in a friendly record, where the criteria want it.
double RecordGenerator::number_near(int slot, double min, double max, bool integer)
{
    const std::vector<double>& thresholds = thresholds_[static_cast<size_t>(slot)];
    const Wish& wish = wishes_[static_cast<size_t>(slot)];
    double value;
    if (friendly_ && chance(0.97) && std::max(min, wish.low) <= std::min(max, wish.high)) {
        const double low = std::max(min, wish.low), high = std::min(max, std::min(wish.high, std::max(low, 0.0) + 200));
        value = low + uniform() * (high - low);
        value = integer ? std::ceil(value - 1e-9) : std::round(value * 100) / 100;
        if (value > std::min(max, wish.high)) value = std::min(max, wish.high);
    } else if (!thresholds.empty() && chance(0.5)) {
        const double t = thresholds[below(thresholds.size())];
        const double step = integer ? 1.0 : (chance(0.5) ? 0.01 : 0.1) * std::max(1.0, std::fabs(t));
        const int side = static_cast<int>(below(3)) - 1;  // -1, 0, +1
        value = t + side * step;
    } else {
        value = min + uniform() * (max - min);
        value = integer ? std::round(value) : std::round(value * 100) / 100;  // two decimals, as typed
    }
    if (value < min) value = min;
    if (value > max) value = max;
    return value;
}

std::string RecordGenerator::draft()
{
    json record = json::object();
    friendly_ = chance(0.3);
    const double density = friendly_ ? (chance(0.5) ? 1.0 : 0.97) : 0.5 + 0.5 * uniform();  // from sparse pre-screening to complete records
    const int screening_slot = trial_.find_slot("screening_date");
    const elig::DayNumber screening = elig::days_from_civil({2026, 1, 1}) + static_cast<int>(below(3 * 365));
    std::vector<bool> handled(trial_.fields.size(), false);

    auto put_number = [&](int slot, double canonical) {
        const elig::FieldDef& field = trial_.fields[static_cast<size_t>(slot)];
        handled[static_cast<size_t>(slot)] = true;
        if (field.type == FieldType::integer || field.units.size() < 2 || chance(0.4)) {
            record[field.id] = field.type == FieldType::integer ? json(static_cast<long long>(canonical)) : json(canonical);
            return;
        }
        const elig::Unit& unit = field.units[below(field.units.size())];
        record[field.id] = {{"value", canonical / unit.to_canonical}, {"unit", unit.name}};
    };

    // Derived values first: they decide which of their inputs make sense together.
    for (const elig::DerivedDef& def : trial_.derived) {
        const int self = static_cast<int>(trial_.fields.size()) + static_cast<int>(&def - trial_.derived.data());
        if (def.function == elig::DerivedFunction::multiple_of_uln) {
            const elig::FieldDef& value = trial_.fields[static_cast<size_t>(def.value)];
            const elig::FieldDef& uln = trial_.fields[static_cast<size_t>(def.uln)];
            handled[static_cast<size_t>(def.value)] = handled[static_cast<size_t>(def.uln)] = handled[static_cast<size_t>(def.multiple)] = true;
            const size_t mode = below(4);  // pair, multiple, value only, ULN only
            const double ratio = number_near(self, 0.0, 8.0, false);
            const double limit = std::round(std::max(uln.min, 1.0) + uniform() * std::min(uln.max, 200.0) * 100) / 100;
            if (mode == 0 && ratio * limit <= value.max) {
                put_number(def.uln, limit);
                put_number(def.value, ratio * limit);
            } else if (mode == 1) {
                put_number(def.multiple, ratio);
            } else if (mode == 2) {
                put_number(def.value, ratio * limit);
            } else {
                put_number(def.uln, limit);
            }
        } else if (def.function == elig::DerivedFunction::completed_years) {
            const elig::FieldDef& years = trial_.fields[static_cast<size_t>(def.years)];
            handled[static_cast<size_t>(def.years)] = handled[static_cast<size_t>(def.birth_date)] = true;
            // Friendly records sometimes fall in the ages the trial's sources disagree on.
            const double age = friendly_ && chance(0.15) ? 79 + static_cast<double>(below(7)) : std::floor(number_near(self, years.min, years.max, true));
            const size_t mode = below(4);  // years, birth date, both (agreeing), neither
            if (mode == 0 || mode == 2) put_number(def.years, age + (chance(0.3) ? 0.5 : 0.0));
            if (mode == 1 || mode == 2) {
                // `age` completed years at screening: born on the birthday, or
                // up to a year before it; alone, sometimes the day after (one less).
                const elig::DayNumber birthday = elig::add_months(screening, -12 * static_cast<int>(age));
                elig::DayNumber birth = birthday - (chance(0.3) ? 0 : static_cast<int>(below(365)));
                if (mode == 1 && chance(0.2)) birth = birthday + 1;
                record[trial_.fields[static_cast<size_t>(def.birth_date)].id] = elig::format_iso_date(birth);
            }
        } else if (def.function == elig::DerivedFunction::cockcroft_gault_unless_measured) {
            if (chance(0.4)) {
                const elig::FieldDef& measured = trial_.fields[static_cast<size_t>(def.measured)];
                put_number(def.measured, number_near(self, measured.min, measured.max, false));
            } else {
                handled[static_cast<size_t>(def.measured)] = true;
            }
        }
    }

    // Time windows: events at, one day inside, or well outside the window.
    if (chance(0.93)) record[trial_.fields[static_cast<size_t>(screening_slot)].id] = elig::format_iso_date(screening);
    handled[static_cast<size_t>(screening_slot)] = true;
    for (const Window& w : windows_) {
        if (!trial_.is_field(w.slot) || handled[static_cast<size_t>(w.slot)]) continue;
        const elig::FieldDef& field = trial_.fields[static_cast<size_t>(w.slot)];
        handled[static_cast<size_t>(w.slot)] = true;
        elig::DayNumber reference = screening;
        if (w.reference != screening_slot && trial_.is_field(w.reference)) {
            reference = screening + static_cast<int>(below(60));
            if (chance(0.6)) record[trial_.fields[static_cast<size_t>(w.reference)].id] = elig::format_iso_date(reference);
            handled[static_cast<size_t>(w.reference)] = true;
        }
        if (!chance(density)) continue;
        if (field.allow_none && chance(friendly_ ? 0.8 : 0.3)) {
            record[field.id] = "none";
            continue;
        }
        const elig::DayNumber start = w.months ? elig::add_months(reference, -w.amount) : reference - 7 * w.amount;
        const elig::DayNumber choices[5] = {start, start + 1, start - 1, start - 400 - static_cast<int>(below(2000)), reference - static_cast<int>(below(7 * 4))};
        record[field.id] = elig::format_iso_date(choices[below(5)]);
    }

    // Everything else, each field present with the record's density.
    for (size_t f = 0; f < trial_.fields.size(); ++f) {
        if (handled[f]) continue;
        const elig::FieldDef& field = trial_.fields[f];
        if (!chance(density)) continue;
        switch (field.type) {
        case FieldType::text: {
            static const char* const labels[] = {"case", "T-ALL \"relapse\"", "back\\slash", "张-001", "tab\there", "ctl\x01"};
            record[field.id] = std::string(labels[below(6)]) + "-" + std::to_string(below(1000));
            break;
        }
        case FieldType::boolean: {
            const int wished = wishes_[f].boolean;
            record[field.id] = friendly_ && wished >= 0 && chance(0.985) ? wished == 1 : chance(0.5);
            break;
        }
        case FieldType::enumeration: {
            size_t pick = below(field.values.size());
            for (int tries = 0; friendly_ && tries < 16 && !((wishes_[f].enums >> pick) & 1u); ++tries) pick = below(field.values.size());
            record[field.id] = field.values[pick].id;
            break;
        }
        case FieldType::date:
            if (field.allow_none && chance(0.3)) record[field.id] = "none";
            else record[field.id] = elig::format_iso_date(screening - static_cast<int>(below(3000)));
            break;
        case FieldType::number:
        case FieldType::integer:
            put_number(static_cast<int>(f), number_near(static_cast<int>(f), field.min_exclusive ? field.min + 1 : field.min, field.max, field.type == FieldType::integer));
            break;
        }
    }
    return record.dump();
}

std::string RecordGenerator::next()
{
    ++drafts;
    std::string text = draft();
    elig::Record record;
    std::vector<elig::InputError> errors;
    // A draft may break a cross-field constraint (a pregnant male, donor
    // cells without a transplant...): drop the named fields until valid.
    for (int attempt = 0; attempt < 8 && !reader_.read(text, record, errors); ++attempt) {
        json doc = json::parse(text);
        for (const elig::InputError& e : errors) {
            if (doc.contains(e.field)) {
                doc.erase(e.field);
                ++dropped_fields;
            }
        }
        text = doc.dump();
    }
    return text;
}

} // namespace elig_test
