#include "app/ui/verdict_panel.h"

#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "core/base/number_format.h"
#include "core/report/reason.h"
#include "core/report/text_report.h"

#include <algorithm>

namespace app {

using elig::Status;

const char* verdict_words(const AppText& text, Status overall)
{
    switch (overall) {
    case Status::pass: return text(T::verdict_eligible);
    case Status::fail: return text(T::verdict_ineligible);
    case Status::unknown: return text(T::verdict_incomplete);
    case Status::review: return text(T::verdict_review);
    }
    return "";
}

const char* verdict_chip_words(const AppText& text, Status overall)
{
    switch (overall) {
    case Status::pass: return text(T::chip_eligible);
    case Status::fail: return text(T::chip_ineligible);
    case Status::unknown: return text(T::chip_incomplete);
    case Status::review: return text(T::chip_review);
    }
    return "";
}

const char* status_word(const AppText& text, Status status)
{
    switch (status) {
    case Status::pass: return text(T::status_pass);
    case Status::fail: return text(T::status_fail);
    case Status::unknown: return text(T::status_unknown);
    case Status::review: return text(T::status_review);
    }
    return "";
}

namespace {

void banner(ImFont* bold, ImVec4 color, const char* icon, const std::string& words, const std::string& detail)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float scale = style.FontScaleDpi;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float padding = 12.0f * scale;
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(start.x + padding, start.y + padding));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(start.x - ImGui::GetWindowPos().x + width - padding);
    ImGui::PushFont(bold, kBannerFontSize);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    wrapped_text(std::string(icon) + "  " + words);
    ImGui::PopFont();
    if (!detail.empty()) wrapped_text(detail);
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const ImVec2 end(start.x + width, ImGui::GetItemRectMax().y + padding);
    draw->ChannelsSetCurrent(0);
    draw->AddRectFilled(start, end, ImGui::GetColorU32(color), 8.0f * scale);
    draw->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(start.x, end.y));
    ImGui::Dummy(ImVec2(width, style.ItemSpacing.y));
}

// The first field a click on the criterion should show: a missing one, else
// the first it read.
int field_for_criterion(const elig::Trial& trial, const elig::Record& record, const elig::Evaluation& ev, size_t c)
{
    int found = -1;
    auto first = [&](size_t f) { if (found < 0) found = static_cast<int>(f); };
    elig::for_each_field(ev.criteria_missing[c], first);
    if (found < 0) elig::for_each_field(elig::fields_read(trial, record, ev, trial.criteria[c].rule), first);
    return found;
}

// Input errors: no verdict at all, only what to fix.
int draw_errors(const VerdictView& view)
{
    const AppText& text = *view.text;
    const size_t count = view.errors->size();
    banner(view.bold, kErrorColor, "\xE2\x9C\x97", text.format(count == 1 ? T::no_verdict_one : T::no_verdict_other, {std::to_string(count)}),
           text(T::no_verdict_detail));
    int jump = -1;
    for (const elig::InputError& e : *view.errors) {
        const int field = view.trial->find_slot(e.field);
        ImGui::PushID(&e);
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::PushTextWrapPos(0.0f);
        if (ImGui::Selectable(e.message.c_str()) && view.trial->is_field(field)) jump = field;
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
    return jump;
}

std::string banner_detail(const VerdictView& view, const int counts[4], int missing_count)
{
    const AppText& text = *view.text;
    const elig::Evaluation& ev = *view.evaluation;
    auto count = [&](Status s) { return counts[static_cast<int>(s)]; };
    switch (ev.overall) {
    case Status::pass: return text.format(T::all_pass, {std::to_string(ev.criteria.size())});
    case Status::fail: return text.format(count(Status::fail) == 1 ? T::rule_out_one : T::rule_out_other, {std::to_string(count(Status::fail))});
    case Status::unknown:
        return text.format(missing_count == 1 ? T::undecided_one : T::undecided_other, {std::to_string(count(Status::unknown)), std::to_string(missing_count)});
    case Status::review: return text(T::review_detail);
    }
    return {};
}

// Washout windows and the earliest date the patient could qualify.
void draw_windows(const VerdictView& view)
{
    const elig::Trial& trial = *view.trial;
    const elig::Evaluation& ev = *view.evaluation;
    for (size_t c = 0; c < trial.criteria.size(); ++c) {
        elig::DayNumber from;
        if (elig::criterion_eligible_from(trial, ev, c, from)) {
            const T words = ev.criteria[c] == Status::fail ? T::window_ends : T::window_would_pass;
            const std::string line = std::string(status_icon(ev.criteria[c])) + " " + view.text->format(words, {trial.criteria[c].title, elig::format_iso_date(from)});
            ImGui::PushTextWrapPos(0.0f);
            wrapped_text(status_color(ev.criteria[c]), line);
            ImGui::PopTextWrapPos();
        }
    }
    if (const elig::AfterTheWindows after = elig::after_the_windows(trial, ev); after.from != elig::kNoDate) {
        ImGui::PushFont(view.bold, 0.0f);
        ImGui::PushTextWrapPos(0.0f);
        wrapped_text(view.text->format(after.verdict == Status::pass ? T::earliest : T::after_windows, {elig::format_iso_date(after.from)}));
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
    }
}

// One criterion: its status and title (click: jump to its input), reason,
// and the protocol sentence on demand.
int draw_criterion(const VerdictView& view, size_t c)
{
    const elig::Trial& trial = *view.trial;
    const elig::Evaluation& ev = *view.evaluation;
    const AppText& text = *view.text;
    const elig::Criterion& criterion = trial.criteria[c];
    const Status status = ev.criteria[c];
    const char* kind = text(criterion.kind == elig::CriterionKind::inclusion ? T::kind_inclusion : T::kind_exclusion);
    int jump = -1;
    ImGui::PushID(static_cast<int>(c));
    const std::string title = std::string(status_icon(status)) + " " + text.format(T::criterion_line, {status_word(text, status), criterion.title, kind});
    ImGui::PushStyleColor(ImGuiCol_Text, status_color(status));
    if (ImGui::Selectable(title.c_str())) jump = field_for_criterion(trial, *view.record, ev, c);
    ImGui::PopStyleColor();
    view.locator->item("criterion", criterion.id);
    if (ImGui::BeginItemTooltip()) {
        ImGui::PushTextWrapPos(std::min(ImGui::GetFontSize() * 32, ImGui::GetIO().DisplaySize.x - ImGui::GetStyle().WindowPadding.x * 4));
        wrapped_text(text.format(T::protocol_tip, {criterion.source}));
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    ImGui::Indent();
    ImGui::PushTextWrapPos(0.0f);
    wrapped_text(elig::criterion_reason(trial, *view.record, ev, c));
    ImGui::PopTextWrapPos();
    if (ImGui::TreeNode(text(T::protocol_sentence))) {
        ImGui::PushTextWrapPos(0.0f);
        wrapped_text(kMutedColor, "\"" + criterion.source + "\"");
        if (!criterion.source_translation.empty()) wrapped_text(kMutedColor, text.format(T::translation_line, {trial.translation_notice, criterion.source_translation}));
        std::string fields;
        elig::for_each_field(elig::fields_read(trial, *view.record, ev, criterion.rule), [&](size_t f) {
            fields += (fields.empty() ? "" : ", ") + trial.fields[f].id;
        });
        wrapped_text(kMutedColor, text.format(T::criterion_fields, {criterion.id, kind, fields}));
        ImGui::PopTextWrapPos();
        ImGui::TreePop();
    }
    ImGui::Unindent();
    ImGui::PopID();
    return jump;
}

int draw_group(const VerdictView& view, Status group, int count)
{
    if (count == 0) return -1;
    const std::string heading = std::string(status_icon(group)) + " " + view.text->format(T::group_heading, {status_word(*view.text, group), std::to_string(count)});
    ImGui::PushStyleColor(ImGuiCol_Text, status_color(group));
    ImGui::PushFont(view.bold, 0.0f);
    const bool open = ImGui::TreeNodeEx((heading + "###group" + elig::status_name(group)).c_str(),
                                        group == Status::pass ? ImGuiTreeNodeFlags_None : ImGuiTreeNodeFlags_DefaultOpen);
    ImGui::PopFont();
    ImGui::PopStyleColor();
    view.locator->item("group", elig::status_name(group));
    if (!open) return -1;
    int jump = -1;
    for (size_t c : elig::criteria_in_reading_order(*view.evaluation))
        if (view.evaluation->criteria[c] == group) jump = std::max(jump, draw_criterion(view, c));
    ImGui::TreePop();
    return jump;
}

// The missing fields as buttons that jump to their inputs.
int draw_missing(const VerdictView& view, int missing_count)
{
    if (missing_count == 0) return -1;
    const elig::Trial& trial = *view.trial;
    const elig::Evaluation& ev = *view.evaluation;
    // Open while the missing data is what stands between the patient and a
    // verdict; folded when a failure already decides.
    ImGui::SetNextItemOpen(ev.overall != Status::fail, ImGuiCond_Appearing);
    const T heading = view.touch ? (missing_count == 1 ? T::missing_heading_touch_one : T::missing_heading_touch_other)
                                 : (missing_count == 1 ? T::missing_heading_one : T::missing_heading_other);
    ImGui::PushFont(view.bold, 0.0f);
    const bool open = wrapped_tree_node(view.text->format(heading, {std::to_string(missing_count)}), "missing");
    ImGui::PopFont();
    view.locator->item("heading", "missing");
    if (!open) return -1;
    int jump = -1;
    const float right = ImGui::GetContentRegionAvail().x + ImGui::GetCursorScreenPos().x;
    bool first = true;
    auto place = [&](float w) {
        if (!first && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w < right) ImGui::SameLine();
        first = false;
    };
    auto button = [&](size_t f) {
        const elig::FieldDef& field = trial.fields[f];
        place(ImGui::CalcTextSize(field.label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2);
        ImGui::PushID(static_cast<int>(f));
        if (wrapped_button(field.label, !view.touch)) jump = static_cast<int>(f);
        view.locator->item("missing", field.id);
        ImGui::SetItemTooltip("%s (%s)", field.help.c_str(), field.id.c_str());
        ImGui::PopID();
    };
    // A pair of which either would do reads "[measured clearance] or [weight]".
    for (const elig::MissingItem& item : elig::missing_items(trial, ev)) {
        elig::for_each_field(item.either, button);
        if (item.or_else.empty()) continue;
        const char* word = (*view.text)(T::verdict_missing_or);
        place(ImGui::CalcTextSize(word).x);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(kMutedColor, "%s", word);
        elig::for_each_field(item.or_else, button);
    }
    ImGui::TreePop();
    return jump;
}

void draw_derived(const VerdictView& view)
{
    const elig::Trial& trial = *view.trial;
    const elig::Evaluation& ev = *view.evaluation;
    std::string derived;
    for (size_t d = 0; d < trial.derived.size(); ++d) {
        const int slot = trial.derived_slot(d);
        if (!ev.derived[d].known() || trial.enum_source(slot) || trial.slot_type(slot) == elig::FieldType::boolean) continue;
        if (!derived.empty()) derived += (*view.text)(T::derived_separator);
        derived += elig::describe_value(trial, *view.record, ev, slot);
    }
    if (derived.empty()) return;
    ImGui::PushTextWrapPos(0.0f);
    wrapped_text(kMutedColor, view.text->format(T::derived, {derived}));
    ImGui::PopTextWrapPos();
}

} // namespace

int draw_verdict(const VerdictView& view)
{
    if (view.errors && !view.errors->empty()) return draw_errors(view);
    const elig::Evaluation& ev = *view.evaluation;
    int counts[4] = {0, 0, 0, 0};
    for (Status s : ev.criteria) ++counts[static_cast<int>(s)];
    int missing_count = 0;
    elig::for_each_field(ev.missing, [&](size_t) { ++missing_count; });

    banner(view.bold, status_color(ev.overall), status_icon(ev.overall), verdict_words(*view.text, ev.overall), banner_detail(view, counts, missing_count));
    view.locator->item("verdict", "banner");
    draw_windows(view);
    // Once, before the criteria: what "pass" says of an exclusion.
    ImGui::PushTextWrapPos(0.0f);
    wrapped_text(kMutedColor, (*view.text)(T::verdict_exclusion_pass));
    ImGui::PopTextWrapPos();
    // What decides first (failures, reviews), then what is missing, then the rest.
    int jump = draw_group(view, Status::fail, counts[static_cast<int>(Status::fail)]);
    jump = std::max(jump, draw_group(view, Status::review, counts[static_cast<int>(Status::review)]));
    jump = std::max(jump, draw_missing(view, missing_count));
    draw_derived(view);
    ImGui::Separator();
    jump = std::max(jump, draw_group(view, Status::unknown, counts[static_cast<int>(Status::unknown)]));
    jump = std::max(jump, draw_group(view, Status::pass, counts[static_cast<int>(Status::pass)]));
    return jump;
}

} // namespace app
