// The in-memory form of a criteria file: trial metadata, the field
// dictionary, derived values, the rule tree, and input constraints.
// Built only by load_trial(); immutable afterwards and shared freely.
//
// Values are addressed by slot: the record fields first (0..fields-1), then
// the derived values. The accessors check their index in debug builds.
//
// Example:
//   const Trial& trial = *load_trial(text).trial;
//   const int slot = trial.find_slot("hemoglobin");
//   if (trial.is_field(slot)) show(trial.field(slot).label, trial.field(slot).unit);  // "Hemoglobin", "g/L"
//   for (const Criterion& c : trial.criteria) show(c.id, trial.node(c.rule).kind);
#pragma once
#include "core/base/assert.h"
#include "core/base/date.h"
#include "core/base/field_set.h"
#include "core/base/status.h"
#include "core/i18n/messages.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace elig {

// ---- Field dictionary --------------------------------------------------

enum class FieldType : uint8_t { text, date, boolean, number, integer, enumeration };

struct Unit {
    std::string name;           // as records write it
    double to_canonical = 1.0;  // canonical value = given value * to_canonical
    std::string label;          // as the trial's language shows it ("years" -> "岁")
};

struct EnumValue {
    std::string id;
    std::string label;
    std::string help;
};

// When a referring physician can know a field: from the chart, from a
// recent laboratory, imaging or serology result, or only at the screening
// visit, from the study team. Guided pre-screening asks chart fields before
// tests and leaves visit fields to the visit.
enum class KnownAt : uint8_t { chart, tests, visit };

// What a field's dictionary says of a number given for it (see check_number).
enum class ValueProblem : uint8_t { none, not_whole, not_above_zero, out_of_range };

struct FieldDef {
    std::string id;
    std::string label;
    std::string help;
    std::string section;
    FieldType type = FieldType::text;
    bool allow_none = false;          // dates: the string "none" (never happened)
    std::string unit;                 // canonical unit, as records write it
    std::string unit_label;           // the canonical unit as the trial's language shows it
    std::vector<Unit> units;          // accepted units, canonical first
    bool has_range = false;
    double min = 0, max = 0;          // plausible range, in the canonical unit
    bool min_exclusive = false;
    std::vector<EnumValue> values;    // enumerations
    int relevant_when = -1;           // rule node: the form hides the field when it fails
    // How a count or score is written, as clinicians write it: a word after
    // it (unit_label: "分", "级", "种"; none in English) and Roman numerals
    // ("NYHA class III"). Records keep the number.
    std::string display_unit;         // a name of the criteria's display_units ("points"), or ""
    bool roman = false;
    KnownAt known_at = KnownAt::chart;
    std::string visit_reason;         // visit fields: why only the study team can settle it

    bool numeric() const { return type == FieldType::number || type == FieldType::integer; }
    // The one rule for a number's plausibility, for records and imports
    // alike: `given` as written (integers must be whole), `canonical` in
    // the canonical unit within [min, max] (or above min when exclusive).
    ValueProblem check_number(double given, double canonical) const;
    // A number of this field as a reader sees it, without its unit: "3.4",
    // "III" for a field written in Roman numerals (whole numbers 1 to 3999).
    void append_number(std::string& out, double value, const double* against = nullptr) const;
    // The end of the range a refused value is nearer to (for messages).
    double nearest_limit(double canonical) const { return canonical < min || (min_exclusive && canonical <= min) ? min : max; }
    const Unit& unit_at(int index) const
    {
        ELIG_ASSERT(index >= 0 && static_cast<size_t>(index) < units.size());
        return units[static_cast<size_t>(index)];
    }
    const EnumValue& value_at(int index) const
    {
        ELIG_ASSERT(index >= 0 && static_cast<size_t>(index) < values.size());
        return values[static_cast<size_t>(index)];
    }
};

// ---- Derived values ----------------------------------------------------

enum class DerivedFunction : uint8_t {
    completed_years,                  // age from age_years, or birth_date at a date
    multiple_of_uln,                  // value / uln, or a multiple given directly
    cockcroft_gault_unless_measured,  // measured clearance, else Cockcroft–Gault
    implied_value,                    // the field, else a value implied by a condition
};

struct DerivedDef {
    std::string id;
    std::string label;
    std::string unit;
    std::string unit_label;           // as the trial's language shows it
    DerivedFunction function = DerivedFunction::completed_years;
    // Slot arguments (indices into the slot space, -1 when unused). Names
    // follow the function: see load_trial() for which function uses which.
    int value = -1, uln = -1, multiple = -1;           // multiple_of_uln
    int years = -1, birth_date = -1, at = -1;           // completed_years
    int measured = -1, age = -1, weight_kg = -1, sex = -1, creatinine = -1;  // cockcroft_gault
    int16_t female_value = -1;                          // enum index of "female" in sex
    double creatinine_per_mg_dl = 0;                    // canonical units per mg/dL
    int field = -1, condition = -1;                     // implied_value (condition: rule node)
    int16_t implied_enum = -1;                          // implied value of an enum field
    bool implied_bool = false;                          // implied value of a yes/no field
};

// ---- Rule tree ---------------------------------------------------------
// Every node evaluates to a Status. Slots number the record fields first
// (0..fields-1), then the derived values.

enum class NodeKind : uint8_t {
    constant,      // true / false
    all, any, negate, if_then_else,
    readings,      // the trial's sources as alternative readings; disagreement is review
    is_bool, is_enum, in_enum, is_none,
    at_least, at_most, above, below,
    not_within,    // a date not within N weeks/months before a reference date
    earlier_than, later_than,
};

enum class WindowUnit : uint8_t { weeks, months };

struct Node {
    NodeKind kind = NodeKind::constant;
    Status constant = Status::pass;
    int slot = -1;                 // the value tested
    int reference = -1;            // dates: the reference slot
    int reference_floor = -1;      // not_within: a date the reference is never before
    double number = 0;             // threshold, in the canonical unit
    bool boolean = false;
    int16_t enum_index = -1;
    uint64_t enum_mask = 0;        // in_enum
    int window = 0;
    WindowUnit window_unit = WindowUnit::weeks;
    int first_child = 0, child_count = 0;  // into Trial::children
    std::string reading_source;    // a child of `readings`: which source this reading is
    // The record fields this node reads, when that does not depend on the
    // record (no derived values, no if, no dates that may be "none").
    bool reads_fixed_fields = false;
    FieldSet fixed_reads;
};

// ---- Criteria ----------------------------------------------------------

enum class CriterionKind : uint8_t { inclusion, exclusion };

struct Criterion {
    std::string id;
    CriterionKind kind = CriterionKind::inclusion;
    std::string title;
    std::vector<std::string> sources;  // verbatim sentences of the registry record
    std::string source;                // the sources joined by a space
    // In a translated trial: each source sentence in the trial's language
    // (shown beside the verbatim English, which stays the source of truth).
    std::vector<std::string> source_translations;
    std::string source_translation;
    int rule = -1;
    int first_node = 0;                // the rule's nodes are first_node..rule (children precede parents)
    double screen_failure_weight = 0;  // its share of screen failures (the criteria's screen_failures); 0: not given
};

// A record is refused (input error naming `field`) when `forbid` passes.
struct Constraint {
    int field = -1;
    int forbid = -1;
    std::string message;
};

struct ConflictSource {
    std::string where;
    std::string text;              // verbatim
    double value = 0;
    std::string text_translation;  // a translated trial: `text` in its language
};

struct Conflict {
    std::string id;
    std::string summary;
    std::vector<ConflictSource> sources;
    std::string resolution;
};

// A reading the calculator states (a sentence it does not take literally),
// or a question it leaves to the study team: shown, translated, never guessed.
struct TrialNote {
    std::string id;
    std::string text;
};

struct NotComputable {
    std::string text;              // verbatim
    std::string reason;
    std::string text_translation;  // a translated trial: `text` in its language
};

struct Section {
    std::string id;
    std::string label;
};

struct TrialInfo {
    std::string nct_id, title, short_title, phase, status, study_type;
    int enrollment = 0;
    std::string start_date, completion_date, record_date, sponsor, site, source_file;
    std::vector<std::string> conditions;
};

struct Trial {
    std::string version;
    TrialInfo info;
    Messages messages;                 // the words of the trial's language (English unless translated)
    std::string translation_notice;    // a translated trial: "translations are for reference only"
    std::string screen_failure_source; // where the criteria's screen-failure weights come from ("" without them)
    std::vector<Conflict> conflicts;
    std::vector<TrialNote> interpretations;  // how it reads the registry where a literal reading would mislead
    std::vector<TrialNote> open_questions;   // what the registry leaves to the study team
    std::vector<Section> sections;
    std::vector<FieldDef> fields;
    std::vector<DerivedDef> derived;
    std::vector<Node> nodes;
    std::vector<int> children;
    std::vector<Criterion> criteria;
    std::vector<Constraint> constraints;
    std::vector<NotComputable> not_computable;
    std::map<std::string, int, std::less<>> slot_by_id;  // fields and derived values

    int slot_count() const { return static_cast<int>(fields.size() + derived.size()); }
    bool is_field(int slot) const { return slot >= 0 && slot < static_cast<int>(fields.size()); }
    bool is_derived(int slot) const { return slot >= static_cast<int>(fields.size()) && slot < slot_count(); }

    const FieldDef& field(int slot) const
    {
        ELIG_ASSERT(is_field(slot));
        return fields[static_cast<size_t>(slot)];
    }
    // Derived values: by slot, and between slot and index in `derived`.
    size_t derived_index(int slot) const
    {
        ELIG_ASSERT(is_derived(slot));
        return static_cast<size_t>(slot) - fields.size();
    }
    int derived_slot(size_t index) const
    {
        ELIG_ASSERT(index < derived.size());
        return static_cast<int>(fields.size() + index);
    }
    const DerivedDef& derived_at(int slot) const { return derived[derived_index(slot)]; }

    const std::string& slot_id(int slot) const { return is_field(slot) ? field(slot).id : derived_at(slot).id; }
    const std::string& slot_label(int slot) const { return is_field(slot) ? field(slot).label : derived_at(slot).label; }
    const std::string& slot_unit_label(int slot) const { return is_field(slot) ? field(slot).unit_label : derived_at(slot).unit_label; }
    // A value of a slot as a reader sees it, with its unit ("45%", "3分",
    // "NYHA … III级"): the field's display form, for reasons, errors and the app alike.
    void append_quantity(std::string& out, int slot, double value, const double* against = nullptr) const;
    int find_slot(std::string_view id) const
    {
        auto it = slot_by_id.find(id);
        return it == slot_by_id.end() ? -1 : it->second;
    }

    const Node& node(int index) const
    {
        ELIG_ASSERT(index >= 0 && static_cast<size_t>(index) < nodes.size());
        return nodes[static_cast<size_t>(index)];
    }
    // The index of child `i` of a combining node.
    int child(const Node& n, int i) const
    {
        ELIG_ASSERT(i >= 0 && i < n.child_count);
        return children[static_cast<size_t>(n.first_child + i)];
    }
    // The enumeration a slot takes its values from (a field, or the field an
    // implied_value derives), or nullptr.
    const FieldDef* enum_source(int slot) const;
    // What kind of value a slot holds: a field's type; numbers for derived
    // quantities; the implied field's type for implied_value.
    FieldType slot_type(int slot) const;
    // The field id within two edits of `id`, for "did you mean" hints ("" if none).
    std::string closest_field_id(std::string_view id) const;
};

} // namespace elig
