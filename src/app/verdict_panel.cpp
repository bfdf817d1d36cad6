#include "verdict_panel.h"

#include "core/number_format.h"
#include "core/reason.h"
#include "item_locator.h"
#include "theme.h"

#include <algorithm>

namespace app {

using elig::Status;

const char* verdict_words(Status overall)
{
    switch (overall) {
    case Status::pass: return "Eligible";
    case Status::fail: return "Not eligible";
    case Status::unknown: return "Incomplete: data missing";
    case Status::review: return "Needs review: the trial's sources disagree";
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
    ImGui::PushFont(bold, kBannerFontSize);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    ImGui::TextUnformatted((std::string(icon) + "  " + words).c_str());
    ImGui::PopFont();
    if (!detail.empty()) {
        ImGui::PushTextWrapPos(start.x - ImGui::GetWindowPos().x + width - padding);
        ImGui::TextUnformatted(detail.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::PopStyleColor();
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
    elig::for_each_field(ev.criteria_missing[c], [&](size_t f) { if (found < 0) found = static_cast<int>(f); });
    if (found >= 0) return found;
    elig::for_each_field(elig::fields_read(trial, record, ev, trial.criteria[c].rule), [&](size_t f) {
        if (found < 0) found = static_cast<int>(f);
    });
    return found;
}

} // namespace

int draw_verdict(const VerdictView& view)
{
    const elig::Trial& trial = *view.trial;
    int jump = -1;

    // ---- Input errors: no verdict at all ----------------------------------
    if (view.errors && !view.errors->empty()) {
        banner(view.bold, kErrorColor, "\xE2\x9C\x97", "No verdict: fix " + std::to_string(view.errors->size()) + (view.errors->size() == 1 ? " input" : " inputs"),
               "A record with an invalid value gets no verdict. What you typed is kept; correct it in the form.");
        for (const elig::InputError& e : *view.errors) {
            const int field = trial.find_slot(e.field);
            ImGui::PushID(&e);
            ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
            if (ImGui::Selectable(e.message.c_str()) && trial.is_field(field)) jump = field;
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
        return jump;
    }

    const elig::Evaluation& ev = *view.evaluation;
    const elig::Record& record = *view.record;
    int counts[4] = {0, 0, 0, 0};
    for (Status s : ev.criteria) ++counts[static_cast<int>(s)];
    int missing_count = 0;
    elig::for_each_field(ev.missing, [&](size_t) { ++missing_count; });

    std::string detail;
    switch (ev.overall) {
    case Status::pass: detail = "All " + std::to_string(ev.criteria.size()) + " criteria pass. The study team confirms eligibility."; break;
    case Status::fail:
        detail = std::to_string(counts[static_cast<int>(Status::fail)]) + (counts[static_cast<int>(Status::fail)] == 1 ? " criterion rules" : " criteria rule") + " the patient out.";
        break;
    case Status::unknown:
        detail = std::to_string(counts[static_cast<int>(Status::unknown)]) + " criteria cannot be decided yet; " + std::to_string(missing_count) +
                 (missing_count == 1 ? " field is" : " fields are") + " missing.";
        break;
    case Status::review: detail = "Everything else passes; the study team must decide the criteria marked for review."; break;
    }
    banner(view.bold, status_color(ev.overall), status_icon(ev.overall), verdict_words(ev.overall), detail);

    // ---- Dates: washout windows and the earliest date the patient could qualify
    {
        elig::DayNumber latest = elig::kNoDate;
        bool only_windows = ev.overall == Status::fail;
        for (size_t c = 0; c < trial.criteria.size(); ++c) {
            elig::DayNumber from;
            const bool window = elig::criterion_eligible_from(trial, ev, c, from);
            if (window) {
                ImGui::TextColored(status_color(ev.criteria[c]), "%s %s: %s from %s", status_icon(ev.criteria[c]), trial.criteria[c].title.c_str(),
                                   ev.criteria[c] == Status::fail ? "the window ends, passing" : "would pass", elig::format_iso_date(from).c_str());
                latest = std::max(latest, from);
            } else if (ev.criteria[c] == Status::fail) {
                only_windows = false;
            }
        }
        if (only_windows && latest != elig::kNoDate) {
            ImGui::PushFont(view.bold, 0.0f);
            ImGui::Text("Earliest the patient could qualify: %s (if nothing else changes)", elig::format_iso_date(latest).c_str());
            ImGui::PopFont();
        }
    }

    // ---- Criteria, a group at a time ------------------------------------------
    auto draw_group = [&](Status group) {
        if (counts[static_cast<int>(group)] == 0) return;
        std::string heading = std::string(status_icon(group)) + " " + status_word(group) + " (" + std::to_string(counts[static_cast<int>(group)]) + ")";
        ImGui::PushStyleColor(ImGuiCol_Text, status_color(group));
        ImGui::PushFont(view.bold, 0.0f);
        const bool open = ImGui::TreeNodeEx(heading.c_str(), group == Status::pass ? ImGuiTreeNodeFlags_None : ImGuiTreeNodeFlags_DefaultOpen);
        ImGui::PopFont();
        ImGui::PopStyleColor();
        if (!open) return;
        for (size_t c = 0; c < trial.criteria.size(); ++c) {
            if (ev.criteria[c] != group) continue;
            const elig::Criterion& criterion = trial.criteria[c];
            ImGui::PushID(static_cast<int>(c));
            const std::string reason = elig::criterion_reason(trial, record, ev, c);
            std::string title = std::string(status_icon(group)) + " " + status_word(group) + " \xE2\x80\x94 " + criterion.title +
                                (criterion.kind == elig::CriterionKind::inclusion ? "  (inclusion)" : "  (exclusion)");
            ImGui::PushStyleColor(ImGuiCol_Text, status_color(group));
            if (ImGui::Selectable(title.c_str())) jump = field_for_criterion(trial, record, ev, c);
            ImGui::PopStyleColor();
            locate_last_item("criterion", criterion.id.c_str());
            if (ImGui::BeginItemTooltip()) {
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
                ImGui::TextUnformatted(("Protocol: \"" + criterion.source + "\"").c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::Indent();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(reason.c_str());
            ImGui::PopTextWrapPos();
            if (ImGui::TreeNode("Protocol sentence")) {
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextColored(kMutedColor, "\"%s\"", criterion.source.c_str());
                std::string fields;
                elig::for_each_field(elig::fields_read(trial, record, ev, criterion.rule), [&](size_t f) {
                    fields += (fields.empty() ? "" : ", ") + trial.fields[f].id;
                });
                ImGui::TextColored(kMutedColor, "%s %s; fields: %s", criterion.id.c_str(),
                                   criterion.kind == elig::CriterionKind::inclusion ? "(inclusion)" : "(exclusion)", fields.c_str());
                ImGui::PopTextWrapPos();
                ImGui::TreePop();
            }
            ImGui::Unindent();
            ImGui::PopID();
        }
        ImGui::TreePop();
    };

    // What decides first (failures, reviews), then what is missing, then the rest.
    draw_group(Status::fail);
    draw_group(Status::review);
    // ---- Missing fields -----------------------------------------------------
    if (missing_count > 0) {
        // Open while the missing data is what stands between the patient
        // and a verdict; folded when a failure already decides.
        ImGui::SetNextItemOpen(ev.overall != Status::fail, ImGuiCond_Appearing);
        ImGui::PushFont(view.bold, 0.0f);
        const bool open = ImGui::TreeNodeEx("missing", ImGuiTreeNodeFlags_None, "Still missing: %d field%s (click one to fill it in)", missing_count, missing_count == 1 ? "" : "s");
        ImGui::PopFont();
        if (open) {
        const float right = ImGui::GetContentRegionAvail().x + ImGui::GetCursorScreenPos().x;
        bool first = true;
        elig::for_each_field(ev.missing, [&](size_t f) {
            const std::string& label = trial.fields[f].label;
            const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
            if (!first && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w < right) ImGui::SameLine();
            first = false;
            ImGui::PushID(static_cast<int>(f));
            if (ImGui::SmallButton(label.c_str())) jump = static_cast<int>(f);
            locate_last_item("missing", trial.fields[f].id.c_str());
            ImGui::SetItemTooltip("%s (%s)", trial.fields[f].help.c_str(), trial.fields[f].id.c_str());
            ImGui::PopID();
        });
        ImGui::TreePop();
        }
    }

    // ---- Derived values -----------------------------------------------------
    std::string derived;
    for (size_t d = 0; d < trial.derived.size(); ++d) {
        const int slot = static_cast<int>(trial.fields.size() + d);
        if (!ev.derived[d].known() || trial.enum_source(slot) || trial.slot_type(slot) == elig::FieldType::boolean) continue;
        derived += (derived.empty() ? "" : " \xC2\xB7 ") + elig::describe_value(trial, record, ev, slot);
    }
    if (!derived.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(kMutedColor, "Derived: %s", derived.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::Separator();

    draw_group(Status::unknown);
    draw_group(Status::pass);
    return jump;
}

} // namespace app
