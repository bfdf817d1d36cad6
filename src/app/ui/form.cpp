#include "app/ui/form.h"

#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "core/base/number_format.h"
#include "core/json/json_reader.h"
#include "core/json/json_writer.h"
#include "core/report/reason.h"

#include <algorithm>

namespace app {

using elig::FieldDef;
using elig::FieldType;

namespace {

// A strict JSON number (what the core would read as one).
bool is_json_number(const std::string& text)
{
    elig::JsonDocument doc;
    return !text.empty() && elig::read_json(text, doc) && doc.items.size() == 1 && doc.items[0].type() == elig::JsonItem::Type::number;
}

std::string trimmed(const std::string& s)
{
    const size_t begin = s.find_first_not_of(" \t");
    if (begin == std::string::npos) return {};
    const size_t end = s.find_last_not_of(" \t");
    return s.substr(begin, end - begin + 1);
}

} // namespace

Form::Form(const elig::Trial& trial) : trial_(trial), inputs_(trial.fields.size()), derived_shown_at_(trial.derived.size(), -1)
{
    // Fields that belong to a value/ULN/multiple row are drawn with it.
    std::vector<int> group_of(trial.fields.size(), -1);
    for (size_t d = 0; d < trial.derived.size(); ++d) {
        const elig::DerivedDef& def = trial.derived[d];
        switch (def.function) {
        case elig::DerivedFunction::multiple_of_uln:
            for (int slot : {def.value, def.uln, def.multiple}) group_of[static_cast<size_t>(slot)] = static_cast<int>(d);
            break;
        case elig::DerivedFunction::completed_years: derived_shown_at_[d] = def.birth_date; break;
        case elig::DerivedFunction::cockcroft_gault_unless_measured: derived_shown_at_[d] = def.measured; break;
        case elig::DerivedFunction::implied_value: derived_shown_at_[d] = def.field; break;
        }
    }
    for (size_t s = 0; s < trial.sections.size(); ++s) {
        Section out{static_cast<int>(s), {}};
        for (size_t f = 0; f < trial.fields.size(); ++f) {
            if (trial.fields[f].section != trial.sections[s].id) continue;
            const int group = group_of[f];
            if (group < 0) {
                out.rows.push_back(Row{static_cast<int>(f)});
            } else if (trial.derived[static_cast<size_t>(group)].value == static_cast<int>(f)) {
                const elig::DerivedDef& def = trial.derived[static_cast<size_t>(group)];
                out.rows.push_back(Row{def.value, def.uln, def.multiple, group});
            }
        }
        sections_.push_back(std::move(out));
    }
}

FieldInput& Form::input_at(int field)
{
    ELIG_ASSERT(trial_.is_field(field));
    return inputs_[static_cast<size_t>(field)];
}

const FieldInput& Form::input(int field) const
{
    ELIG_ASSERT(trial_.is_field(field));
    return inputs_[static_cast<size_t>(field)];
}

void Form::reset(const std::string& today)
{
    for (FieldInput& input : inputs_) input = FieldInput{};
    const int screening = trial_.find_slot("screening_date");
    if (trial_.is_field(screening)) input_at(screening).text = today;
}

bool Form::set_text(int field, std::string text)
{
    if (!trial_.is_field(field)) return false;
    FieldInput& in = input_at(field);
    if (in.text == text) return false;
    in.text = std::move(text);
    return true;
}

bool Form::set_choice(int field, int choice)
{
    if (!trial_.is_field(field)) return false;
    const FieldDef& def = trial_.field(field);
    const int limit = def.type == FieldType::boolean ? 2 : def.type == FieldType::enumeration ? static_cast<int>(def.values.size()) : 0;
    if (choice < -1 || choice >= limit || input(field).choice == choice) return false;
    input_at(field).choice = choice;
    return true;
}

bool Form::set_unit(int field, int unit)
{
    if (!trial_.is_field(field) || unit < 0 || static_cast<size_t>(unit) >= trial_.field(field).units.size() || input(field).unit == unit) return false;
    input_at(field).unit = unit;
    return true;
}

bool Form::set_none(int field, bool none)
{
    if (!trial_.is_field(field) || !trial_.field(field).allow_none || input(field).none == none) return false;
    input_at(field).none = none;
    return true;
}

bool Form::restore(int field, const FieldInput& input)
{
    if (!trial_.is_field(field)) return false;
    FieldInput& in = input_at(field);
    const bool changed = in.text != input.text || in.unit != input.unit || in.choice != input.choice || in.none != input.none;
    in = input;
    return changed;
}

void Form::set_editing(int field, int caret)
{
    editing_ = trial_.is_field(field) ? field : -1;
    caret_ = caret;
}

bool Form::is_empty(int field) const
{
    const FieldInput& in = input(field);
    const FieldType type = trial_.field(field).type;
    if (type == FieldType::boolean || type == FieldType::enumeration) return in.choice < 0;
    return !in.none && trimmed(in.text).empty();
}

std::string Form::record_json(bool pretty) const
{
    std::string out;
    elig::JsonWriter record(out, pretty ? 2 : -1);
    record.begin_object();
    for (size_t f = 0; f < trial_.fields.size(); ++f) {
        const FieldDef& field = trial_.fields[f];
        const FieldInput& in = inputs_[f];
        if (is_empty(static_cast<int>(f))) continue;
        record.key(field.id);
        switch (field.type) {
        case FieldType::boolean: record.value(in.choice == 1); break;
        case FieldType::enumeration: record.value(field.value_at(in.choice).id); break;
        case FieldType::date: record.value(in.none ? std::string("none") : trimmed(in.text)); break;
        case FieldType::text: record.value(in.text); break;
        case FieldType::number:
        case FieldType::integer: {
            const std::string text = trimmed(in.text);
            if (!is_json_number(text)) {
                record.value(text);  // the core names the field and says a number is expected
                break;
            }
            const double number = elig::parse_json_number(text);
            if (in.unit > 0) record.begin_object().key("value").value(number).key("unit").value(field.unit_at(in.unit).name).end_object();
            else record.value(number);
            break;
        }
        }
    }
    record.end_object();
    return out;
}

void Form::load(const elig::Record& record)
{
    for (size_t f = 0; f < trial_.fields.size(); ++f) load_field(record, static_cast<int>(f));
}

void Form::load_field(const elig::Record& record, int field)
{
    const FieldDef& def = trial_.field(field);
    const elig::FieldValue& value = record.value(field);
    FieldInput& in = input_at(field);
    in = FieldInput{};
    if (value.absent()) return;
    switch (def.type) {
    case FieldType::boolean: in.choice = value.boolean ? 1 : 0; break;
    case FieldType::enumeration: in.choice = value.enum_index; break;
    case FieldType::date:
        if (value.state == elig::Value::State::none) in.none = true;
        else in.text = elig::format_iso_date(value.date);
        break;
    case FieldType::text: in.text = value.text; break;
    case FieldType::number:
    case FieldType::integer:
        elig::append_exact_number(in.text, value.given);
        in.unit = value.unit;
        break;
    }
}

bool Form::is_relevant(int field, const FormView& view) const
{
    const int rule = trial_.field(field).relevant_when;
    if (rule < 0 || !view.record || !view.evaluation) return true;
    // Hidden only when it surely does not apply: unknown keeps it shown.
    return elig::evaluate_node(trial_, *view.record, rule, *view.evaluation) != elig::Status::fail;
}

bool Form::multiple_replaced(const Row& row, const FormView& view) const
{
    if (row.derived < 0 || !view.evaluation || !view.record) return false;
    const elig::DerivedValue& multiple = view.evaluation->derived_value(trial_, trial_.derived_slot(static_cast<size_t>(row.derived)));
    return multiple.known() && view.record->value(row.multiple).absent() && is_empty(row.multiple);
}

std::vector<int> Form::offered_units(int field) const
{
    const FieldDef& def = trial_.field(field);
    const int current = input(field).unit;
    std::vector<int> offered;
    for (int u = 0; u < static_cast<int>(def.units.size()); ++u) {
        bool alias = false;
        for (int o : offered) alias |= def.unit_at(o).to_canonical == def.unit_at(u).to_canonical;
        if (!alias || u == current) offered.push_back(u);
    }
    return offered;
}

std::string Form::display_text(int field, const FormView& view) const
{
    if (is_empty(field)) return {};
    const FieldDef& def = view.shown->field(field);
    const FieldInput& in = input(field);
    const AppText& text = *view.text;
    switch (def.type) {
    case FieldType::boolean: return text(in.choice == 1 ? T::yes : T::no);
    case FieldType::enumeration: return def.value_at(in.choice).label;
    case FieldType::date: return in.none ? text(T::none) : trimmed(in.text);
    case FieldType::text: return in.text;
    case FieldType::number:
    case FieldType::integer: {
        // A whole number the field writes in Roman numerals ("3" as NYHA III), else as typed.
        const std::string typed = trimmed(in.text);
        std::string shown = typed;
        if (def.roman && !typed.empty() && typed.find_first_not_of("0123456789") == std::string::npos && typed.size() < 5) {
            int whole = 0;  // (not std::stod: it would link the C library's float reader into the page)
            for (const char digit : typed) whole = whole * 10 + (digit - '0');
            shown.clear();
            def.append_number(shown, whole);
        }
        return elig::with_unit(shown, def.units.empty() ? def.unit_label : def.unit_at(in.unit).label);
    }
    }
    return {};
}

void Form::write_state(elig::JsonWriter& json, const FormView& view, const std::function<std::string(int)>& source) const
{
    std::vector<bool> input_shown(trial_.fields.size(), true);
    for (const Section& section : sections_)
        for (const Row& row : section.rows)
            if (multiple_replaced(row, view)) input_shown[static_cast<size_t>(row.multiple)] = false;
    json.begin_array();
    for (size_t f = 0; f < trial_.fields.size(); ++f) {
        const FieldInput& in = inputs_[f];
        const int slot = static_cast<int>(f);
        json.begin_object().key("text").value(in.text).key("choice").value(in.choice).key("unit").value(in.unit).key("none").value(in.none);
        json.key("relevant").value(is_relevant(slot, view) || !is_empty(slot)).key("needed").value(view.missing.contains(f));
        json.key("input").value(static_cast<bool>(input_shown[f])).key("display").value(display_text(slot, view));
        if (trial_.field(slot).numeric() && !trial_.field(slot).units.empty()) {
            json.key("units").begin_array();
            for (int u : offered_units(slot)) json.value(u);
            json.end_array();
        }
        if (view.field_errors && !(*view.field_errors)[f].empty()) json.key("error").value((*view.field_errors)[f]);
        if (const std::string from = source(slot); !from.empty()) json.key("source").value(from);
        json.end_object();
    }
    json.end_array();
}

void Form::draw_label(int field, const FormView& view)
{
    const FieldDef& def = view.shown->field(field);
    const bool needed = view.missing.contains_field(field);
    ImGui::AlignTextToFramePadding();
    if (needed) {
        // Marked, and said in the tooltip: a criterion waits for this field.
        ImGui::TextColored(status_color(elig::Status::unknown), "\xE2\x97\x8F");
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    }
    ImGui::PushTextWrapPos(0.0f);
    wrapped_text(def.label);
    ImGui::PopTextWrapPos();
    view.locator->item("label", def.id);
    draw_source_mark(field, view);
    if (ImGui::BeginItemTooltip()) {
        ImGui::PushTextWrapPos(std::min(ImGui::GetFontSize() * 28, ImGui::GetIO().DisplaySize.x - ImGui::GetStyle().WindowPadding.x * 4));
        wrapped_text(def.help);
        wrapped_text(kMutedColor, view.text->format(T::record_field, {def.id}));
        if (needed) wrapped_text(status_color(elig::Status::unknown), (*view.text)(T::needed_tip));
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

// A small mark for a value imported from the patient's chart; its
// provenance on hover (long press on a phone).
void Form::draw_source_mark(int field, const FormView& view)
{
    const std::string source = view.source_of ? view.source_of(field) : std::string();
    if (source.empty()) return;
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextColored(kSourceColor, "%s", (*view.text)(T::source_mark));
    view.locator->item("source", trial_.field(field).id);
    if (ImGui::BeginItemTooltip()) {
        ImGui::PushTextWrapPos(std::min(ImGui::GetFontSize() * 28, ImGui::GetIO().DisplaySize.x - ImGui::GetStyle().WindowPadding.x * 4));
        wrapped_text(source);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

const std::string& Form::error_of(int field, const FormView& view) const
{
    static const std::string none;
    if (!view.field_errors || !trial_.is_field(field)) return none;
    return (*view.field_errors)[static_cast<size_t>(field)];
}

void Form::draw_error(int field, const FormView& view)
{
    const std::string& error = error_of(field, view);
    if (error.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::PushTextWrapPos(0.0f);
    wrapped_text("\xE2\x9C\x97 " + error);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

// What a derived value shown under its field says, or "" for nothing.
std::string Form::derived_note(size_t d, const FormView& view) const
{
    const elig::DerivedDef& def = trial_.derived[d];
    const elig::DerivedValue& value = view.evaluation->derived[d];
    if (!value.known()) return {};
    const elig::Trial& shown = *view.shown;
    const int slot = trial_.derived_slot(d);
    switch (def.function) {
    case elig::DerivedFunction::implied_value: {
        if (!view.record->value(def.field).absent()) return {};
        const FieldDef* source = shown.enum_source(slot);
        return view.text->format(T::implied, {source ? source->value_at(value.enum_index).label : (*view.text)(value.boolean ? T::yes : T::no)});
    }
    case elig::DerivedFunction::cockcroft_gault_unless_measured:
        if (!value.computed) return {};
        return view.text->format(T::without_measurement, {elig::describe_value(shown, *view.record, *view.evaluation, slot)});
    case elig::DerivedFunction::completed_years:
        if (view.record->value(def.years).known()) return {};
        return view.text->format(T::equals, {elig::describe_value(shown, *view.record, *view.evaluation, slot)});
    case elig::DerivedFunction::multiple_of_uln: return {};
    }
    return {};
}

void Form::draw_derived_after(int field, const FormView& view)
{
    if (!view.record || !view.evaluation) return;
    for (size_t d = 0; d < trial_.derived.size(); ++d) {
        if (derived_shown_at_[d] != field) continue;
        const std::string note = derived_note(d, view);
        if (note.empty()) continue;
        ImGui::PushTextWrapPos(0.0f);
        wrapped_text(kMutedColor, note);
        ImGui::PopTextWrapPos();
    }
}

void Form::draw_text_box(int field, const FormView& view, const char* hint, float width)
{
    const FieldDef& def = trial_.field(field);
    const bool invalid = !error_of(field, view).empty();
    if (text_box("##text", input(field).text, hint, width, editing_ == field, caret_, invalid)) clicked_ = field;
    view.locator->item("field", def.id);
}

bool Form::draw_yes_no(int field, const FormView& view)
{
    // Tri-state: Unknown is never mistaken for No.
    const FieldDef& def = trial_.field(field);
    const T labels[3] = {T::yes, T::no, T::unknown};
    const char* keys[3] = {"Yes", "No", "Unknown"};
    const int values[3] = {1, 0, -1};
    bool changed = false;
    for (int i = 0; i < 3; ++i) {
        if (i) ImGui::SameLine();
        ImGui::PushID(i);
        if (ImGui::RadioButton((*view.text)(labels[i]), input(field).choice == values[i])) changed |= set_choice(field, values[i]);
        ImGui::PopID();
        view.locator->item("field:" + def.id, keys[i]);
    }
    return changed;
}

bool Form::draw_enum(int field, const FormView& view, float width)
{
    const FieldDef& def = trial_.field(field);
    const FieldDef& shown = view.shown->field(field);
    const int choice = input(field).choice;
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    const bool open = ImGui::BeginCombo("##value", choice < 0 ? (*view.text)(T::unknown) : shown.value_at(choice).label.c_str());
    view.locator->item("field", def.id);
    if (!open) return false;
    if (ImGui::Selectable((*view.text)(T::unknown), choice < 0)) changed |= set_choice(field, -1);
    view.locator->item("option:" + def.id, "unknown");
    for (size_t v = 0; v < def.values.size(); ++v) {
        const elig::EnumValue& value = shown.values[v];
        const std::string item = value.help.empty() ? value.label : value.label + " \xE2\x80\x94 " + value.help;
        if (ImGui::Selectable(item.c_str(), choice == static_cast<int>(v))) changed |= set_choice(field, static_cast<int>(v));
        view.locator->item("option:" + def.id, def.values[v].id);
    }
    ImGui::EndCombo();
    return changed;
}

bool Form::draw_date(int field, const FormView& view)
{
    const FieldDef& def = trial_.field(field);
    bool changed = false;
    ImGui::BeginDisabled(input(field).none);
    draw_text_box(field, view, (*view.text)(T::date_hint), ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 4);
    ImGui::EndDisabled();
    if (def.allow_none) {
        ImGui::SameLine();
        bool none = input(field).none;
        if (ImGui::Checkbox((*view.text)(T::none), &none)) changed |= set_none(field, none);
        view.locator->item("field:" + def.id, "none");
        ImGui::SetItemTooltip("%s", (*view.text)(T::none_tip));
    }
    if (def.id == "screening_date") {
        ImGui::SameLine();
        if ((view.touch ? ImGui::Button((*view.text)(T::today)) : ImGui::SmallButton((*view.text)(T::today))) && view.today) changed |= set_text(field, view.today());
        view.locator->item("field:" + def.id, "today");
    }
    return changed;
}

bool Form::draw_unit_choice(int field, const FormView& view)
{
    // The selector offers units that differ in size; spellings of the same
    // unit (umol/L for µmol/L) are accepted in files, not offered.
    const FieldDef& def = trial_.field(field);
    const FieldDef& shown = view.shown->field(field);
    const int current = input(field).unit;
    const std::vector<int> offered = offered_units(field);
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    if (offered.size() <= 1) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(shown.units.empty() ? shown.unit_label.c_str() : shown.unit_at(current).label.c_str());
        return false;
    }
    float unit_width = 0;
    for (int u : offered) unit_width = std::max(unit_width, ImGui::CalcTextSize(shown.unit_at(u).label.c_str()).x);
    ImGui::SetNextItemWidth(unit_width + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2);
    const bool open = ImGui::BeginCombo("##unit", shown.unit_at(current).label.c_str());
    view.locator->item("field:" + def.id, "unit");
    if (!open) return false;
    bool changed = false;
    for (int u : offered) {
        if (ImGui::Selectable(shown.unit_at(u).label.c_str(), current == u)) changed |= set_unit(field, u);
        view.locator->item("unit:" + def.id, def.unit_at(u).name);
    }
    ImGui::EndCombo();
    return changed;
}

bool Form::draw_number(int field, const FormView& view)
{
    draw_text_box(field, view, nullptr, ImGui::CalcTextSize("00000.0").x + ImGui::GetStyle().FramePadding.x * 2);
    if (trial_.field(field).unit.empty()) return false;
    return draw_unit_choice(field, view);
}

bool Form::draw_input(int field, const FormView& view, float width)
{
    bool changed = false;
    ImGui::PushID(field);
    switch (trial_.field(field).type) {
    case FieldType::boolean: changed = draw_yes_no(field, view); break;
    case FieldType::enumeration: changed = draw_enum(field, view, width); break;
    case FieldType::date: changed = draw_date(field, view); break;
    case FieldType::text: draw_text_box(field, view, nullptr, width); break;
    case FieldType::number:
    case FieldType::integer: changed = draw_number(field, view); break;
    }
    ImGui::PopID();
    return changed;
}

// Value and ULN side by side; below, the multiple they give, or a field
// for the multiple when only that is known.
void Form::draw_uln_row(const Row& row, const FormView& view, float width, bool& changed)
{
    const float left = ImGui::GetCursorScreenPos().x, room = ImGui::GetContentRegionAvail().x;
    changed |= draw_input(row.field, view, width);
    // The ULN beside the value where it fits, else below it (phones).
    const float value_width = ImGui::GetItemRectMax().x - left, spacing = ImGui::GetStyle().ItemSpacing.x;
    if (value_width * 2 + ImGui::CalcTextSize((*view.text)(T::uln)).x + spacing * 2 <= room) ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted((*view.text)(T::uln));
    ImGui::SetItemTooltip("%s", view.shown->field(row.uln).help.c_str());
    ImGui::SameLine();
    changed |= draw_input(row.uln, view, width);
    draw_error(row.field, view);
    draw_error(row.uln, view);
    const int derived_slot = trial_.derived_slot(static_cast<size_t>(row.derived));
    if (multiple_replaced(row, view)) {
        const elig::DerivedValue* multiple = &view.evaluation->derived_value(trial_, derived_slot);
        std::string value;
        elig::append_number(value, multiple->number);
        elig::append_unit(value, view.shown->derived_at(derived_slot).unit_label);
        ImGui::TextUnformatted(view.text->format(T::equals, {value}).c_str());
    } else {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(kMutedColor, "%s", (*view.text)(T::or_as_multiple));
        ImGui::SameLine();
        changed |= draw_input(row.multiple, view, width);
    }
    draw_error(row.multiple, view);
}

bool Form::draw_row(const Row& row, const FormView& view)
{
    const bool relevant = is_relevant(row.field, view);
    const bool empty = is_empty(row.field) && (row.uln < 0 || (is_empty(row.uln) && is_empty(row.multiple)));
    if (!relevant && empty && focus_request_ != row.field) return false;  // does not apply, and nothing to keep
    if (focus_request_ >= 0 && (focus_request_ == row.field || focus_request_ == row.uln || focus_request_ == row.multiple)) {
        // Scrolled to only when out of view (a jump from the verdict).
        const float top = ImGui::GetCursorScreenPos().y, bottom = top + ImGui::GetFrameHeightWithSpacing() * 2;
        if (top < ImGui::GetWindowPos().y || bottom > ImGui::GetWindowPos().y + ImGui::GetWindowHeight()) ImGui::SetScrollHereY(0.3f);
        focus_request_ = -1;
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (!relevant) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.55f);
    draw_label(row.field, view);
    if (!relevant) ImGui::TextColored(kMutedColor, "%s", (*view.text)(T::not_needed));
    ImGui::TableNextColumn();
    const float width = ImGui::GetContentRegionAvail().x;
    bool changed = false;
    if (row.uln < 0) {
        changed = draw_input(row.field, view, width);
        draw_error(row.field, view);
        draw_derived_after(row.field, view);
    } else {
        draw_uln_row(row, view, std::min(width, ImGui::CalcTextSize("00000.0").x * 3), changed);
    }
    if (!relevant) ImGui::PopStyleVar();
    return changed;
}

bool Form::has_row(int field) const
{
    for (const Section& section : sections_)
        for (const Row& row : section.rows)
            if (row.field == field) return true;
    return false;
}

bool Form::draw_answer(int field, const FormView& view)
{
    for (const Section& section : sections_)
        for (const Row& row : section.rows) {
            if (row.field != field) continue;
            bool changed = false;
            if (row.uln < 0) {
                changed = draw_input(row.field, view, ImGui::GetContentRegionAvail().x);
                draw_error(row.field, view);
                draw_derived_after(row.field, view);
            } else {
                draw_uln_row(row, view, std::min(ImGui::GetContentRegionAvail().x, ImGui::CalcTextSize("00000.0").x * 3), changed);
            }
            return changed;
        }
    return false;
}

bool Form::draw(const FormView& view)
{
    bool changed = false;
    if (view.has_verdict && !view.missing.empty()) {
        ImGui::TextColored(status_color(elig::Status::unknown), "\xE2\x97\x8F");
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::PushTextWrapPos(0.0f);
        wrapped_text(kMutedColor, (*view.text)(view.touch ? T::form_needed_hint_touch : T::form_needed_hint));
        ImGui::PopTextWrapPos();
    }
    // Narrow screens put each label above its input.
    const bool stacked = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 26;
    for (const Section& section : sections_) {
        bool wanted = false;
        for (const Row& row : section.rows)
            wanted |= focus_request_ >= 0 && (focus_request_ == row.field || focus_request_ == row.uln || focus_request_ == row.multiple);
        if (wanted) ImGui::SetNextItemOpen(true);
        const elig::Section& shown = view.shown->sections[static_cast<size_t>(section.index)];
        ImGui::PushFont(view.bold, 0.0f);
        const bool open = ImGui::CollapsingHeader((shown.label + "###" + shown.id).c_str(), ImGuiTreeNodeFlags_DefaultOpen);
        ImGui::PopFont();
        view.locator->item("section", shown.id);
        if (!open) continue;
        if (ImGui::BeginTable(shown.id.c_str(), stacked ? 1 : 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX)) {
            // Each column's weight given: a proportional column's default weight is
            // its content's share of the widths, 0/0 on a table's first frame.
            if (stacked) {
                ImGui::TableSetupColumn("row", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            } else {
                ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 0.33f);
                ImGui::TableSetupColumn("input", ImGuiTableColumnFlags_WidthStretch, 0.67f);
            }
            for (const Row& row : section.rows) changed |= draw_row(row, view);
            ImGui::EndTable();
        }
    }
    return changed;
}

} // namespace app
