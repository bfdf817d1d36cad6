#include "app/ui/widgets.h"

#include "app/ui/line_breaks.h"
#include "app/ui/theme.h"

#include <imgui_internal.h>

#include <algorithm>
#include <string>

namespace app {

bool text_box(const char* str_id, std::string_view text, const char* hint, float width, bool editing, int caret, bool invalid)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImGuiID id = window->GetID(str_id);
    const ImRect box(window->DC.CursorPos, window->DC.CursorPos + ImVec2(width, ImGui::GetFrameHeight()));
    ImGui::ItemSize(box, style.FramePadding.y);
    if (!ImGui::ItemAdd(box, id)) return false;
    bool hovered = false, held = false;
    const bool pressed = ImGui::ButtonBehavior(box, id, &hovered, &held);
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);

    ImDrawList* draw = window->DrawList;
    const ImU32 border = ImGui::GetColorU32(invalid ? kErrorColor : editing ? style.Colors[ImGuiCol_NavCursor] : style.Colors[ImGuiCol_Border]);
    const float thickness = style.FrameBorderSize * (invalid || editing ? 2.0f : 1.0f);
    draw->AddRectFilled(box.Min, box.Max, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
    draw->AddRect(box.Min, box.Max, border, style.FrameRounding, 0, thickness);

    const ImRect inner(box.Min + style.FramePadding, box.Max - style.FramePadding);
    const bool empty = text.empty();
    const std::string_view shown = empty ? std::string_view(hint ? hint : "") : text;
    // While editing, keep the caret in view: shift long text left.
    float shift = 0;
    const size_t at = static_cast<size_t>(std::clamp(caret, 0, static_cast<int>(text.size())));
    const float caret_x = editing ? ImGui::CalcTextSize(text.data(), text.data() + at).x : 0;
    if (editing && caret_x > inner.GetWidth()) shift = caret_x - inner.GetWidth() + style.FramePadding.x;
    ImGui::PushClipRect(inner.Min, inner.Max + ImVec2(0, style.FramePadding.y), true);
    const ImVec2 origin(inner.Min.x - shift, inner.Min.y);
    draw->AddText(origin, ImGui::GetColorU32(empty ? ImGuiCol_TextDisabled : ImGuiCol_Text), shown.data(), shown.data() + shown.size());
    if (editing) {
        const float x = origin.x + (empty ? 0 : caret_x);
        draw->AddLine(ImVec2(x, inner.Min.y), ImVec2(x, inner.Max.y), ImGui::GetColorU32(ImGuiCol_Text), std::max(1.0f, style.FontScaleDpi));
    }
    ImGui::PopClipRect();
    return pressed;
}

namespace {

bool fits_one_line(std::string_view text, float width)
{
    return text.find('\n') == std::string_view::npos && ImGui::CalcTextSize(text.data(), text.data() + text.size()).x <= width;
}

// `text` broken into lines of at most `width` in the current font.
std::string lines_in_current_font(std::string_view text, float width)
{
    ImFontBaked* baked = ImGui::GetFontBaked();
    const float scale = ImGui::GetFontSize() / baked->Size;
    return break_lines(text, width, [&](uint32_t c) {
        return (c <= IM_UNICODE_CODEPOINT_MAX ? baked->GetCharAdvance(static_cast<ImWchar>(c)) : baked->FallbackAdvanceX) * scale;
    });
}

} // namespace

void wrapped_text(std::string_view text)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    if (window->DC.TextWrapPos < 0.0f) return ImGui::TextUnformatted(text.data(), text.data() + text.size());
    const float width = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, window->DC.TextWrapPos);
    // The lines are final: ImGui must not wrap them again (a closing mark
    // may hang a little past the edge).
    ImGui::PushTextWrapPos(-1.0f);
    // Most text fits on its line, every frame: drawn as it is.
    if (fits_one_line(text, width)) {
        ImGui::TextUnformatted(text.data(), text.data() + text.size());
    } else {
        const std::string lines = lines_in_current_font(text, width);
        ImGui::TextUnformatted(lines.data(), lines.data() + lines.size());
    }
    ImGui::PopTextWrapPos();
}

void wrapped_text(const ImVec4& color, std::string_view text)
{
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    wrapped_text(text);
    ImGui::PopStyleColor();
}

bool wrapped_tree_node(std::string_view label, const char* id, ImGuiTreeNodeFlags flags)
{
    const std::string text(label);
    const float room = ImGui::GetContentRegionAvail().x - ImGui::GetTreeNodeToLabelSpacing();
    if (ImGui::CalcTextSize(text.c_str()).x <= room) return ImGui::TreeNodeEx((text + "###" + id).c_str(), flags);
    // The node with no label of its own, the label beside it in lines.
    const bool open = ImGui::TreeNodeEx((std::string("###") + id).c_str(), flags);
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::PushTextWrapPos(0.0f);
    wrapped_text(text);
    ImGui::PopTextWrapPos();
    return open;
}

bool wrapped_button(std::string_view label, bool small)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const std::string text(label);
    const float room = ImGui::GetContentRegionAvail().x - style.FramePadding.x * 2;
    // The label is the button's id either way, so a tap lands on the same
    // button whether or not this frame broke its label.
    const std::string shown = fits_one_line(text, room) ? text : lines_in_current_font(text, room);
    const std::string with_id = shown + "###" + text;
    return small ? ImGui::SmallButton(with_id.c_str()) : ImGui::Button(with_id.c_str());
}

} // namespace app
