// The calculator's frame: header, toolbar, the form and the verdict side by
// side (or as tabs on narrow screens), and the dialogs. At 480 CSS px and
// below, and on short landscape screens, the header is one line (the trial's
// id, which opens the details, and the verdict chip); at 480 px and below
// the toolbar is a menu at the end of that line.
#include "app/ui/app.h"

#include "app/ui/glyph_loader.h"
#include "app/ui/verdict_panel.h"
#include "app/ui/widgets.h"

#include <imgui.h>

#include <algorithm>
#include <limits>

namespace app {

namespace {

constexpr float kCompactWidth = 480;   // CSS px: phones in portrait
constexpr float kCompactHeight = 500;  // CSS px: phones in landscape

void wrapped(const char* text, ImVec4 color)
{
    ImGui::PushTextWrapPos(0.0f);
    wrapped_text(color, text);
    ImGui::PopTextWrapPos();
}

// A chip is as tall as a button, with room for words rather than margins.
ImVec2 chip_padding()
{
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImVec2(style.ItemInnerSpacing.x, style.FramePadding.y);
}

} // namespace

void App::draw()
{
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("NCT07345780 eligibility", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    const float css_height = ImGui::GetIO().DisplaySize.y / std::max(style_.device_pixel_ratio, 0.1f);
    const bool narrow = css_width() <= kCompactWidth;
    draw_header(narrow || css_height <= kCompactHeight, narrow);
    if (log_open_) {
        ImGui::Spacing();
        draw_log(narrow);
        draw_dialogs();
        ImGui::End();
        return;
    }
    if (!narrow) draw_toolbar_buttons(false);
    ImGui::Spacing();
    draw_panels();
    draw_dialogs();
    ImGui::End();
}

// Compact (a phone, or a landscape phone's short screen): one line with the
// trial's id, which opens the details, and the verdict chip; on a narrow
// screen the toolbar's menu ends that line.
void App::draw_header(bool compact, bool narrow)
{
    const elig::TrialInfo& info = shown_->info;
    if (language_ != "en" && !system_has_cjk_font()) wrapped(text_(T::no_cjk_font), kErrorColor);
    // Under 360 CSS px the line's buttons lose half their side padding, so
    // that all four fit; a tap target stays at least 44 px wide all the same.
    const bool tight = narrow && css_width() < 360;
    if (tight) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x * 0.5f, ImGui::GetStyle().FramePadding.y));
    const ImGuiStyle& style = ImGui::GetStyle();
    const float min_width = style_.touch ? kMinTouchTarget * style_.device_pixel_ratio * style_.text_scale : 0.0f;
    auto button_width = [&](const char* label) { return std::max(ImGui::CalcTextSize(label).x + style.FramePadding.x * 2, min_width); };
    const float switch_width = button_width(text_(T::language_switch));
    const float menu_width = narrow ? button_width(text_(T::menu)) + style.ItemSpacing.x : 0.0f;
    if (compact) {
        ImGui::PushFont(fonts_.bold, 0.0f);
        if (ImGui::Button(info.nct_id.c_str())) details_open_ = !details_open_;
        ImGui::PopFont();
        locator_.item("button:details");
        ImGui::SetItemTooltip("%s", text_(details_open_ ? T::header_hide_details : T::header_details));
        ImGui::SameLine();
        draw_verdict_chip(switch_width + style.ItemSpacing.x + menu_width);
    } else {
        ImGui::PushFont(fonts_.bold, kBaseFontSize * 1.25f);
        ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(text_(T::language_switch)).x * 2);
        wrapped_text(text_.format(T::header_title, {info.nct_id, info.short_title}));
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
    }
    // The language switch, always in view: 中文 / English.
    const float right_edge = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;  // the title's line has ended
    ImGui::SameLine(right_edge - switch_width - menu_width);
    if (ImGui::Button(text_(T::language_switch), ImVec2(switch_width, 0))) action("language");
    locator_.item("button:language");
    ImGui::SetItemTooltip("%s", text_(T::language_switch_tip));
    if (narrow) {
        ImGui::SameLine();
        draw_toolbar_menu(menu_width - style.ItemSpacing.x);
    }
    if (tight) ImGui::PopStyleVar();
    if (!compact || details_open_) draw_header_details();
}

void App::draw_header_details()
{
    const elig::TrialInfo& info = shown_->info;
    wrapped(info.title.c_str(), kMutedColor);
    wrapped(text_.format(T::header_facts, {info.phase, info.status, std::to_string(info.enrollment), info.site, info.record_date, shown_->version}).c_str(),
            kMutedColor);
    // The record's own conflicts, with both sources, and what the app does.
    for (const elig::Conflict& conflict : shown_->conflicts) {
        if (conflict.id != "maximum_age") continue;
        ImGui::PushStyleColor(ImGuiCol_ChildBg, kWarningBackground);
        if (ImGui::BeginChild("conflict", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Borders)) {
            wrapped(text_.format(T::header_conflict, {conflict.summary, conflict.resolution}).c_str(), ImGui::GetStyle().Colors[ImGuiCol_Text]);
        }
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
    // Beside it, how the calculator reads what the registry leaves open,
    // and what it leaves to the study team: folded, one tap away.
    if (!shown_->interpretations.empty() || !shown_->open_questions.empty()) {
        if (wrapped_tree_node(text_.format(T::header_readings, {std::to_string(shown_->interpretations.size()), std::to_string(shown_->open_questions.size())}),
                              "readings")) {
            for (const auto& [heading, notes] : {std::pair{T::header_interpretations, &shown_->interpretations}, {T::header_open_questions, &shown_->open_questions}}) {
                if (notes->empty()) continue;
                ImGui::PushFont(fonts_.bold, 0.0f);
                wrapped(text_(heading), ImGui::GetStyle().Colors[ImGuiCol_Text]);
                ImGui::PopFont();
                for (const elig::TrialNote& note : *notes) wrapped(("\xE2\x80\xA2 " + note.text).c_str(), ImGui::GetStyle().Colors[ImGuiCol_Text]);
            }
            ImGui::TreePop();
        }
        locator_.item("section:readings");
    }
    wrapped(text_(T::header_privacy), kMutedColor);
}

std::string App::verdict_chip_label(float room) const
{
    const elig::Status status = overall();
    const bool invalid = !errors_.empty();
    const std::string icon = status_icon(invalid ? elig::Status::fail : status);
    const std::string full = invalid ? text_.format(errors_.size() == 1 ? T::no_verdict_one : T::no_verdict_other, {std::to_string(errors_.size())})
                                     : verdict_words(text_, status);
    const std::string brief = invalid ? text_(T::chip_no_verdict) : verdict_chip_words(text_, status);
    const float padding = chip_padding().x * 2;
    for (const std::string& label : {icon + " " + full, icon + " " + brief, brief})
        if (ImGui::CalcTextSize(label.c_str()).x + padding <= room) return label;
    return icon;
}

// The verdict on the phone's one-line header; a tap shows it, a hover or a
// long press its full words. It takes the room the buttons after it
// (`reserved` wide) leave.
void App::draw_verdict_chip(float reserved)
{
    const bool invalid = !errors_.empty();
    const ImVec4 color = invalid ? kErrorColor : status_color(overall());
    const ImGuiStyle& style = ImGui::GetStyle();
    const float room = ImGui::GetContentRegionAvail().x - reserved - style.ItemSpacing.x;
    const std::string label = verdict_chip_label(room);
    const float width = std::max(std::min(ImGui::CalcTextSize(label.c_str()).x + chip_padding().x * 2, room), ImGui::GetFrameHeight());
    ImGui::PushStyleColor(ImGuiCol_Button, color);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, color);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.5f, 0.5f));  // an icon alone in a square chip
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, chip_padding());
    if (ImGui::Button(label.c_str(), ImVec2(width, 0))) show_patient_tab_ = false;
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(4);
    locator_.item("chip:verdict");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
        ImGui::SetTooltip("%s", verdict_chip_label(std::numeric_limits<float>::max()).c_str());
}

bool App::toolbar_button(const char* key, const char* label, const char* tip, bool enabled, bool in_menu)
{
    ImGui::BeginDisabled(!enabled);
    const bool pressed = in_menu ? ImGui::Selectable(label) : ImGui::Button(label);
    ImGui::EndDisabled();
    locator_.item(key);
    if (tip) ImGui::SetItemTooltip("%s", tip);
    return pressed && enabled;
}

void App::draw_toolbar_buttons(bool in_menu)
{
    const bool valid = errors_.empty();
    struct Button {
        const char* key;
        T label;
        const char* tip;
        bool enabled;
        const char* action;
    };
    const Button buttons[] = {
        {"button:save", T::save_screening, text_(valid ? T::save_tip : T::save_disabled_tip), valid, "save"},
        {"button:load", T::load, text_(T::load_tip), true, "load"},
        {"button:reset", T::reset, nullptr, true, "reset"},
        {"button:copy", T::copy_summary, text_(T::copy_tip), true, "copy"},
        {"button:print", T::print, text_(T::print_tip), true, "print"},
        {"button:text_smaller", T::text_smaller, text_(T::text_size_tip), style_.text_scale > 0.85f, "text_smaller"},
        {"button:text_larger", T::text_larger, text_(T::text_size_tip), style_.text_scale < 1.55f, "text_larger"},
        {"button:log_add", T::log_add, text_(T::log_add_tip), valid, "log:add"},
        {"button:log", T::log_button, nullptr, true, "log:open"},
    };
    const float right = ImGui::GetContentRegionAvail().x + ImGui::GetCursorScreenPos().x;
    bool first = true;
    for (const Button& b : buttons) {
        // Buttons wrap to a new line rather than run off the screen.
        // The log's button counts its patients: "Screening log (12)".
        const std::string label = b.label == T::log_button ? text_.format(T::log_button, {std::to_string(log_ ? log_->size() : 0)}) : std::string(text_(b.label));
        const float width = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        if (!in_menu && !first && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
        first = false;
        if (toolbar_button(b.key, label.c_str(), b.tip, b.enabled, in_menu)) action(b.action);
    }
}

void App::draw_toolbar_menu(float width)
{
    if (ImGui::Button(text_(T::menu), ImVec2(width, 0))) ImGui::OpenPopup("toolbar_menu");
    locator_.item("button:menu");
    if (ImGui::BeginPopup("toolbar_menu")) {
        draw_toolbar_buttons(true);
        ImGui::EndPopup();
    }
}

// The form or guided questions, on the same record: a tab each.
void App::draw_form_panel(const FormView& view, bool& changed)
{
    if (!ImGui::BeginTabBar("input_mode")) return;
    const bool sync = tab_sync_frames_ > 0;
    for (const bool guided : {false, true}) {
        const std::string label = std::string(text_(guided ? T::tab_guided : T::tab_form)) + (guided ? "###guided" : "###form");
        const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, sync && guided == guided_ ? ImGuiTabItemFlags_SetSelected : 0);
        locator_.item(guided ? "tab:guided" : "tab:form");
        if (!open) continue;
        if (!sync && guided != guided_) set_guided(guided);  // the reader chose this tab
        if (ImGui::BeginChild(guided ? "guide" : "form")) {
            if (guided_) draw_guide(false);
            else changed |= form_.draw(view);
        }
        ImGui::EndChild();
        locator_.item(guided ? "panel:guide" : "panel:form");
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

void App::draw_panels()
{
    FormView form_view_now = form_view();
    VerdictView verdict_view{shown_, &record_, &evaluation_, &errors_, fonts_.bold, &text_, &locator_, style_.touch};
    bool changed = false;
    int jump = -1;
    if (ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 56) {
        const float form_width = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.58f;
        if (ImGui::BeginChild("input", ImVec2(form_width, 0), ImGuiChildFlags_Borders)) draw_form_panel(form_view_now, changed);
        ImGui::EndChild();
        ImGui::SameLine();
        if (ImGui::BeginChild("verdict", ImVec2(0, 0), ImGuiChildFlags_Borders)) jump = draw_verdict(verdict_view);
        ImGui::EndChild();
        locator_.item("panel:verdict");
    } else if (ImGui::BeginTabBar("views")) {
        // Narrow screens: the verdict first, the form and the questions a tab away.
        const bool sync = tab_sync_frames_ > 0;
        const bool to_form = show_patient_tab_ || (sync && !guided_);
        if (ImGui::BeginTabItem((std::string(text_(T::tab_verdict)) + "###verdict").c_str())) {
            if (ImGui::BeginChild("verdict")) jump = draw_verdict(verdict_view);
            ImGui::EndChild();
            locator_.item("panel:verdict");
            ImGui::EndTabItem();
        }
        locator_.item("tab:verdict");
        if (ImGui::BeginTabItem((std::string(text_(T::tab_patient)) + "###patient").c_str(), nullptr, to_form ? ImGuiTabItemFlags_SetSelected : 0)) {
            if (!sync && guided_) set_guided(false);
            if (ImGui::BeginChild("form")) changed = form_.draw(form_view_now);
            ImGui::EndChild();
            locator_.item("panel:form");
            ImGui::EndTabItem();
        }
        locator_.item("tab:patient");
        const bool to_guide = sync && guided_;
        if (ImGui::BeginTabItem((std::string(text_(T::tab_guided_short)) + "###guided").c_str(), nullptr, to_guide ? ImGuiTabItemFlags_SetSelected : 0)) {
            if (!sync && !guided_) set_guided(true);
            if (ImGui::BeginChild("guide")) draw_guide(true);
            ImGui::EndChild();
            locator_.item("panel:guide");
            ImGui::EndTabItem();
        }
        locator_.item("tab:guided");
        show_patient_tab_ = false;
        ImGui::EndTabBar();
    }
    if (tab_sync_frames_ > 0) --tab_sync_frames_;
    if (jump >= 0) jump_to_field(jump);
    if (changed) dirty_ = true;
}

// The open dialog, as the DOM layer also shows it: title, text (scrolled
// when long, as an import summary can be), buttons.
void App::draw_dialogs()
{
    if (dialog_opening_) {
        ImGui::OpenPopup("###dialog");
        dialog_opening_ = false;
    }
    const ImGuiIO& io = ImGui::GetIO();
    const float font = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(font * 20, io.DisplaySize.x * 0.9f), 0), ImVec2(io.DisplaySize.x * 0.95f, io.DisplaySize.y * 0.9f));
    const std::string title = dialog_ ? dialog_->title : std::string();
    if (!ImGui::BeginPopupModal((title + "###dialog").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (!dialog_) {
        ImGui::CloseCurrentPopup();  // closed from the DOM layer
        ImGui::EndPopup();
        return;
    }
    const float wrap = std::min(font * 38, io.DisplaySize.x * 0.85f);
    const float text_height = ImGui::CalcTextSize(dialog_->text.c_str(), nullptr, false, wrap).y;
    const float room = io.DisplaySize.y * 0.6f;
    if (ImGui::BeginChild("dialog_text", ImVec2(wrap, std::min(text_height + ImGui::GetStyle().ItemSpacing.y, room)))) {
        ImGui::PushTextWrapPos(wrap - ImGui::GetStyle().ScrollbarSize);
        wrapped_text(dialog_->text);
        ImGui::PopTextWrapPos();
    }
    ImGui::EndChild();
    locator_.item("dialog:text");
    if (dialog_->progress >= 0) {
        ImGui::ProgressBar(static_cast<float>(dialog_->progress), ImVec2(wrap, 0));
        locator_.item("dialog:progress");
    }
    std::string chosen;
    bool first = true;
    const float right = ImGui::GetCursorScreenPos().x + wrap;
    for (const DialogButton& b : dialog_->buttons) {
        const float width = ImGui::CalcTextSize(b.label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        if (!first && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
        first = false;
        if (ImGui::Button(b.label.c_str())) chosen = b.action;
        locator_.item(b.key);
    }
    if (chosen.empty() && ImGui::IsKeyPressed(ImGuiKey_Escape)) chosen = dialog_->cancel;
    ImGui::EndPopup();
    if (!chosen.empty()) action(chosen);
}

} // namespace app
