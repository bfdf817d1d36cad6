#include "core/model/trial.h"

#include "core/base/number_format.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace elig {

namespace {

size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

} // namespace

ValueProblem FieldDef::check_number(double given, double canonical) const
{
    if (type == FieldType::integer && given != std::floor(given)) return ValueProblem::not_whole;
    if (!std::isfinite(canonical)) return ValueProblem::out_of_range;
    if (!has_range) return ValueProblem::none;
    const bool below = min_exclusive ? !(canonical > min) : !(canonical >= min);
    if (!below && canonical <= max) return ValueProblem::none;
    return min_exclusive && min == 0 && canonical == 0 ? ValueProblem::not_above_zero : ValueProblem::out_of_range;
}

void FieldDef::append_number(std::string& out, double value, const double* against) const
{
    if (roman && value >= 1 && value < 4000 && value == std::floor(value)) {
        static constexpr std::pair<int, const char*> kNumerals[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
                                                                     {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
        int left = static_cast<int>(value);
        for (const auto& [size, numeral] : kNumerals)
            for (; left >= size; left -= size) out += numeral;
        return;
    }
    if (against) elig::append_number_against(out, value, *against);
    else elig::append_number(out, value);
}

void Trial::append_quantity(std::string& out, int slot, double value, const double* against) const
{
    if (is_field(slot)) field(slot).append_number(out, value, against);
    else if (against) elig::append_number_against(out, value, *against);
    else elig::append_number(out, value);
    append_unit(out, slot_unit_label(slot));
}

const FieldDef* Trial::enum_source(int slot) const
{
    if (slot < 0 || slot >= slot_count())
        return nullptr;
    if (is_field(slot)) {
        const FieldDef& def = field(slot);
        return def.type == FieldType::enumeration ? &def : nullptr;
    }
    const DerivedDef& def = derived_at(slot);
    return def.function == DerivedFunction::implied_value ? enum_source(def.field) : nullptr;
}

FieldType Trial::slot_type(int slot) const
{
    // A derived value over a field that did not load (the loader reports
    // it) has no type of its own to give.
    if (slot < 0 || slot >= slot_count()) return FieldType::text;
    if (is_field(slot)) return field(slot).type;
    const DerivedDef& def = derived_at(slot);
    if (def.function == DerivedFunction::implied_value)
        return slot_type(def.field);
    return FieldType::number;
}

std::string Trial::closest_field_id(std::string_view id) const
{
    std::string best;
    size_t best_distance = 3;
    for (const FieldDef& field : fields) {
        const size_t d = edit_distance(id, field.id);
        if (d < best_distance) {
            best_distance = d;
            best = field.id;
        }
    }
    return best;
}

} // namespace elig
