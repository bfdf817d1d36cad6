#include "form.h"

#include "core/json_reader.h"
#include "core/number_format.h"
#include "core/reason.h"
#include "item_locator.h"
#include "theme.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace app {

using elig::FieldDef;
using elig::FieldType;

namespace {

// A strict JSON number (what the core would read as one).
bool is_json_number(const char* text)
{
    elig::JsonDocument doc;
    return *text && elig::read_json(text, doc) && doc.items.size() == 1 && doc.items[0].type == elig::JsonItem::Type::number;
}

std::string trimmed(const char* text)
{
    std::string s = text;
    const size_t begin = s.find_first_not_of(" \t");
    if (begin == std::string::npos) return {};
    const size_t end = s.find_last_not_of(" \t");
    return s.substr(begin, end - begin + 1);
}

void copy_text(char (&buffer)[128], const std::string& text)
{
    std::snprintf(buffer, sizeof buffer, "%s", text.c_str());
}

} // namespace

Form::Form(const elig::Trial& trial) : trial_(trial), inputs_(trial.fields.size()), derived_shown_at_(trial.derived.size(), -1)
{
    // Fields that belong to a value/ULN/multiple row are drawn with it.
    std::vector<int> group_of(trial.fields.size(), -1);
    for (size_t d = 0; d < trial.derived.size(); ++d) {
        const elig::DerivedDef& def = trial.derived[d];
        if (def.function == elig::DerivedFunction::multiple_of_uln) {
            group_of[static_cast<size_t>(def.value)] = static_cast<int>(d);
            group_of[static_cast<size_t>(def.uln)] = static_cast<int>(d);
            group_of[static_cast<size_t>(def.multiple)] = static_cast<int>(d);
        } else if (def.function == elig::DerivedFunction::completed_years) {
            derived_shown_at_[d] = def.birth_date;
        } else if (def.function == elig::DerivedFunction::cockcroft_gault_unless_measured) {
            derived_shown_at_[d] = def.measured;
        } else if (def.function == elig::DerivedFunction::implied_value) {
            derived_shown_at_[d] = def.field;
        }
    }
    for (const elig::Section& section : trial.sections) {
        Section out{section.label, {}};
        for (size_t f = 0; f < trial.fields.size(); ++f) {
            if (trial.fields[f].section != section.id) continue;
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

void Form::reset(const std::string& today)
{
    today_ = today;
    for (FieldInput& input : inputs_) input = FieldInput{};
    const int screening = trial_.find_slot("screening_date");
    if (trial_.is_field(screening)) copy_text(inputs_[static_cast<size_t>(screening)].text, today);
}

bool Form::is_empty(int field) const
{
    const FieldInput& input = inputs_[static_cast<size_t>(field)];
    const FieldType type = trial_.fields[static_cast<size_t>(field)].type;
    if (type == FieldType::boolean || type == FieldType::enumeration) return input.choice < 0;
    return !input.none && trimmed(input.text).empty();
}

std::string Form::record_json(bool pretty) const
{
    nlohmann::ordered_json record = nlohmann::ordered_json::object();
    for (size_t f = 0; f < trial_.fields.size(); ++f) {
        const FieldDef& field = trial_.fields[f];
        const FieldInput& input = inputs_[f];
        if (is_empty(static_cast<int>(f))) continue;
        switch (field.type) {
        case FieldType::boolean:
            record[field.id] = input.choice == 1;
            break;
        case FieldType::enumeration:
            record[field.id] = field.values[static_cast<size_t>(input.choice)].id;
            break;
        case FieldType::date:
            record[field.id] = input.none ? std::string("none") : trimmed(input.text);
            break;
        case FieldType::text:
            record[field.id] = std::string(input.text);
            break;
        case FieldType::number:
        case FieldType::integer: {
            const std::string text = trimmed(input.text);
            if (!is_json_number(text.c_str())) {
                record[field.id] = text;  // the core names the field and says a number is expected
                break;
            }
            nlohmann::ordered_json number = nlohmann::ordered_json::parse(text, nullptr, false);
            if (input.unit > 0 && static_cast<size_t>(input.unit) < field.units.size())
                record[field.id] = {{"value", number}, {"unit", field.units[static_cast<size_t>(input.unit)].name}};
            else
                record[field.id] = number;
            break;
        }
        }
    }
    return record.dump(pretty ? 2 : -1);
}

void Form::load(const elig::Record& record)
{
    for (size_t f = 0; f < trial_.fields.size(); ++f) {
        const FieldDef& field = trial_.fields[f];
        const elig::FieldValue& value = record.values[f];
        FieldInput& input = inputs_[f];
        input = FieldInput{};
        if (value.absent()) continue;
        switch (field.type) {
        case FieldType::boolean: input.choice = value.boolean ? 1 : 0; break;
        case FieldType::enumeration: input.choice = value.enum_index; break;
        case FieldType::date:
            if (value.state == elig::Value::State::none) input.none = true;
            else copy_text(input.text, elig::format_iso_date(value.date));
            break;
        case FieldType::text: copy_text(input.text, value.text); break;
        case FieldType::number:
        case FieldType::integer: {
            std::string text;
            elig::append_exact_number(text, value.given);
            copy_text(input.text, text);
            input.unit = value.unit;
            break;
        }
        }
    }
}

bool Form::is_relevant(int field, const FormView& view) const
{
    const int rule = trial_.fields[static_cast<size_t>(field)].relevant_when;
    if (rule < 0 || !view.record || !view.evaluation) return true;
    // Hidden only when it surely does not apply: unknown keeps it shown.
    return elig::evaluate_node(trial_, *view.record, rule, *view.evaluation) != elig::Status::fail;
}

void Form::draw_label(int field, const FormView& view)
{
    const FieldDef& def = trial_.fields[static_cast<size_t>(field)];
    ImGui::AlignTextToFramePadding();
    if (view.missing.contains(static_cast<size_t>(field))) {
        // Marked, and said in the tooltip: a criterion waits for this field.
        ImGui::TextColored(status_color(elig::Status::unknown), "\xE2\x97\x8F");
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(def.label.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::BeginItemTooltip()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        ImGui::TextUnformatted(def.help.c_str());
        ImGui::TextColored(kMutedColor, "Record field: %s", def.id.c_str());
        if (view.missing.contains(static_cast<size_t>(field))) ImGui::TextColored(status_color(elig::Status::unknown), "Needed: a criterion cannot be decided without it.");
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void Form::draw_error(int field, const FormView& view)
{
    if (!view.field_errors) return;
    const std::string& error = (*view.field_errors)[static_cast<size_t>(field)];
    if (error.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(("\xE2\x9C\x97 " + error).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

void Form::draw_derived_after(int field, const FormView& view)
{
    if (!view.record || !view.evaluation) return;
    for (size_t d = 0; d < trial_.derived.size(); ++d) {
        if (derived_shown_at_[d] != field) continue;
        const elig::DerivedDef& def = trial_.derived[d];
        const elig::DerivedValue& value = view.evaluation->derived[d];
        if (!value.known()) continue;
        const int slot = static_cast<int>(trial_.fields.size() + d);
        std::string text;
        if (def.function == elig::DerivedFunction::implied_value) {
            if (!view.record->values[static_cast<size_t>(def.field)].absent()) continue;
            const elig::FieldDef* source = trial_.enum_source(slot);
            text = "Implied: " + (source ? source->values[static_cast<size_t>(value.enum_index)].label : std::string(value.boolean ? "yes" : "no"));
        } else if (def.function == elig::DerivedFunction::cockcroft_gault_unless_measured) {
            if (!value.computed) continue;
            text = "Without a measurement: " + elig::describe_value(trial_, *view.record, *view.evaluation, slot);
        } else {
            if (view.record->values[static_cast<size_t>(def.years)].known()) continue;
            text = "= " + elig::describe_value(trial_, *view.record, *view.evaluation, slot);
        }
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(kMutedColor, "%s", text.c_str());
        ImGui::PopTextWrapPos();
    }
}

bool Form::draw_input(int field, const FormView& view, float width)
{
    const FieldDef& def = trial_.fields[static_cast<size_t>(field)];
    FieldInput& input = inputs_[static_cast<size_t>(field)];
    const bool has_error = view.field_errors && !(*view.field_errors)[static_cast<size_t>(field)].empty();
    bool changed = false;
    ImGui::PushID(field);
    if (focus_request_ == field) {
        ImGui::SetScrollHereY(0.3f);
        ImGui::SetKeyboardFocusHere();
        focus_request_ = -1;
    }
    if (has_error) {
        ImGui::PushStyleColor(ImGuiCol_Border, kErrorColor);
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f * ImGui::GetStyle().FrameBorderSize);
    }
    switch (def.type) {
    case FieldType::boolean: {
        // Tri-state: Unknown is never mistaken for No.
        const char* labels[3] = {"Yes", "No", "Unknown"};
        const int values[3] = {1, 0, -1};
        for (int i = 0; i < 3; ++i) {
            if (i) ImGui::SameLine();
            if (ImGui::RadioButton(labels[i], input.choice == values[i])) {
                changed |= input.choice != values[i];
                input.choice = values[i];
            }
            locate_last_item(("field:" + def.id).c_str(), labels[i]);
        }
        break;
    }
    case FieldType::enumeration: {
        ImGui::SetNextItemWidth(width);
        const char* preview = input.choice < 0 ? "Unknown" : def.values[static_cast<size_t>(input.choice)].label.c_str();
        const bool open = ImGui::BeginCombo("##value", preview);
        locate_last_item("field", def.id.c_str());
        if (open) {
            if (ImGui::Selectable("Unknown", input.choice < 0)) {
                changed |= input.choice != -1;
                input.choice = -1;
            }
            locate_last_item(("option:" + def.id).c_str(), "unknown");
            for (size_t v = 0; v < def.values.size(); ++v) {
                const std::string item = def.values[v].help.empty() ? def.values[v].label : def.values[v].label + " \xE2\x80\x94 " + def.values[v].help;
                if (ImGui::Selectable(item.c_str(), input.choice == static_cast<int>(v))) {
                    changed |= input.choice != static_cast<int>(v);
                    input.choice = static_cast<int>(v);
                }
                locate_last_item(("option:" + def.id).c_str(), def.values[v].id.c_str());
            }
            ImGui::EndCombo();
        }
        break;
    }
    case FieldType::date: {
        ImGui::BeginDisabled(input.none);
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 4);
        changed |= ImGui::InputTextWithHint("##date", "YYYY-MM-DD", input.text, sizeof input.text);
        locate_last_item("field", def.id.c_str());
        ImGui::EndDisabled();
        if (def.allow_none) {
            ImGui::SameLine();
            changed |= ImGui::Checkbox("None", &input.none);
            locate_last_item(("field:" + def.id).c_str(), "none");
            ImGui::SetItemTooltip("The event never happened.");
        }
        if (def.id == "screening_date") {
            ImGui::SameLine();
            if (ImGui::SmallButton("Today")) {
                copy_text(input.text, today_);
                changed = true;
            }
        }
        break;
    }
    case FieldType::text:
        ImGui::SetNextItemWidth(width);
        changed |= ImGui::InputText("##text", input.text, sizeof input.text);
        locate_last_item("field", def.id.c_str());
        break;
    case FieldType::number:
    case FieldType::integer: {
        // The selector offers units that differ in size; spellings of the
        // same unit (umol/L for µmol/L) are accepted in files, not offered.
        std::vector<size_t> offered;
        for (size_t u = 0; u < def.units.size(); ++u) {
            bool alias = false;
            for (size_t o : offered) alias |= def.units[o].to_canonical == def.units[u].to_canonical;
            if (!alias || static_cast<int>(u) == input.unit) offered.push_back(u);
        }
        float unit_width = 0;
        for (size_t u : offered) unit_width = std::max(unit_width, ImGui::CalcTextSize(def.units[u].name.c_str()).x);
        unit_width += ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("00000.0").x + ImGui::GetStyle().FramePadding.x * 2);
        changed |= ImGui::InputText("##number", input.text, sizeof input.text);
        locate_last_item("field", def.id.c_str());
        if (offered.size() > 1) {
            ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
            ImGui::SetNextItemWidth(unit_width);
            const bool open = ImGui::BeginCombo("##unit", def.units[static_cast<size_t>(input.unit)].name.c_str());
            locate_last_item(("field:" + def.id).c_str(), "unit");
            if (open) {
                for (size_t u : offered) {
                    if (ImGui::Selectable(def.units[u].name.c_str(), input.unit == static_cast<int>(u))) {
                        changed |= input.unit != static_cast<int>(u);
                        input.unit = static_cast<int>(u);
                    }
                    locate_last_item(("unit:" + def.id).c_str(), def.units[u].name.c_str());
                }
                ImGui::EndCombo();
            }
        } else if (!def.unit.empty()) {
            ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(def.units.empty() ? def.unit.c_str() : def.units[static_cast<size_t>(input.unit)].name.c_str());
        }
        break;
    }
    }
    if (has_error) {
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
    ImGui::PopID();
    return changed;
}

bool Form::draw_row(const Row& row, const FormView& view)
{
    bool changed = false;
    const bool relevant = is_relevant(row.field, view);
    const bool empty = is_empty(row.field) && (row.uln < 0 || (is_empty(row.uln) && is_empty(row.multiple)));
    if (!relevant && empty && focus_request_ != row.field) return false;  // does not apply, and nothing to keep
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (!relevant) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.55f);
    draw_label(row.field, view);
    if (!relevant) ImGui::TextColored(kMutedColor, "not needed for this patient");
    ImGui::TableNextColumn();
    const float width = ImGui::GetContentRegionAvail().x;
    if (row.uln < 0) {
        changed |= draw_input(row.field, view, width);
        draw_error(row.field, view);
        draw_derived_after(row.field, view);
    } else {
        // Value and ULN side by side; below, the multiple they give, or a
        // field for the multiple when only that is known.
        changed |= draw_input(row.field, view, width);
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("ULN");
        ImGui::SetItemTooltip("%s", trial_.fields[static_cast<size_t>(row.uln)].help.c_str());
        ImGui::SameLine();
        changed |= draw_input(row.uln, view, width);
        draw_error(row.field, view);
        draw_error(row.uln, view);
        const bool computed = view.evaluation && view.evaluation->derived[static_cast<size_t>(row.derived)].known() &&
                              view.record->values[static_cast<size_t>(row.multiple)].absent() && is_empty(row.multiple);
        if (computed) {
            std::string multiple = "= ";
            elig::append_number(multiple, view.evaluation->derived[static_cast<size_t>(row.derived)].number);
            elig::append_unit(multiple, trial_.derived[static_cast<size_t>(row.derived)].unit);
            ImGui::TextUnformatted(multiple.c_str());
        } else {
            ImGui::AlignTextToFramePadding();
            ImGui::TextColored(kMutedColor, "or as a multiple:");
            ImGui::SameLine();
            changed |= draw_input(row.multiple, view, width);
        }
        draw_error(row.multiple, view);
    }
    if (!relevant) ImGui::PopStyleVar();
    return changed;
}

bool Form::draw(const FormView& view, ImFont* bold_font)
{
    bool changed = false;
    if (view.has_verdict && !view.missing.empty()) {
        ImGui::TextColored(status_color(elig::Status::unknown), "\xE2\x97\x8F");
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::TextColored(kMutedColor, "needed to decide a criterion \xC2\xB7 hover a label for its meaning");
    }
    for (size_t s = 0; s < sections_.size(); ++s) {
        const Section& section = sections_[s];
        bool wanted = false;
        for (const Row& row : section.rows)
            wanted |= focus_request_ == row.field || focus_request_ == row.uln || focus_request_ == row.multiple;
        if (wanted) ImGui::SetNextItemOpen(true);
        ImGui::PushFont(bold_font, 0.0f);
        const bool open = ImGui::CollapsingHeader(section.label.c_str(), ImGuiTreeNodeFlags_DefaultOpen);
        ImGui::PopFont();
        if (!open) continue;
        if (ImGui::BeginTable(section.label.c_str(), 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX)) {
            ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 0.33f);
            ImGui::TableSetupColumn("input", ImGuiTableColumnFlags_WidthStretch, 0.67f);
            for (const Row& row : section.rows) changed |= draw_row(row, view);
            ImGui::EndTable();
        }
    }
    return changed;
}

} // namespace app
