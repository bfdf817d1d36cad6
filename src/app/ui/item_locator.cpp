#include "app/ui/item_locator.h"

#include "core/json/json_reader.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <string>

namespace app {

namespace {

// `value` to one decimal ("12.5", "-0.3"), as "%.1f" would write it, without
// printf: a frame places a few hundred items.
void append_tenths(std::string& out, float value)
{
    const long long tenths = std::llround(static_cast<double>(value) * 10.0);
    const unsigned long long magnitude = tenths < 0 ? static_cast<unsigned long long>(-tenths) : static_cast<unsigned long long>(tenths);
    if (tenths < 0) out += '-';
    out += std::to_string(magnitude / 10);
    out += '.';
    out += static_cast<char>('0' + magnitude % 10);
}

} // namespace

void ItemLocator::begin_frame(float css_scale)
{
    scale_ = css_scale > 0 ? css_scale : 1;
    building_.clear();
}

void ItemLocator::item(std::string_view key)
{
    // Only what can be touched: the item's rectangle within its window's clip.
    ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (has_focus(key)) {
        // Into view when it is not (a Tab from above or below); a field that
        // was tapped where it is stays there.
        const ImRect visible = ImGui::GetCurrentWindow()->ClipRect;
        if (scroll_to_focus_ && !(rect.Min.y >= visible.Min.y && rect.Max.y <= visible.Max.y)) ImGui::SetScrollHereY(0.4f);
        scroll_to_focus_ = false;
        const float thickness = 2.0f * ImGui::GetStyle().FontScaleDpi;
        ImGui::GetWindowDrawList()->AddRect(rect.Min - ImVec2(thickness, thickness), rect.Max + ImVec2(thickness, thickness),
                                            ImGui::GetColorU32(ImGuiCol_NavCursor), ImGui::GetStyle().FrameRounding, 0, thickness);
    }
    rect.ClipWith(ImGui::GetCurrentWindow()->ClipRect);
    if (rect.GetWidth() <= 0 || rect.GetHeight() <= 0) return;
    building_ += building_.empty() ? "{" : ",";
    elig::append_json_string(building_, key);  // unit names bring "/", "µ" and spaces
    building_ += ":[";
    append_tenths(building_, rect.Min.x / scale_);
    building_ += ',';
    append_tenths(building_, rect.Min.y / scale_);
    building_ += ',';
    append_tenths(building_, rect.GetWidth() / scale_);
    building_ += ',';
    append_tenths(building_, rect.GetHeight() / scale_);
    building_ += ']';
}

void ItemLocator::item(std::string_view prefix, std::string_view name)
{
    std::string key;
    key.reserve(prefix.size() + name.size() + 1);
    key.append(prefix).append(1, ':').append(name);
    item(key);
}

void ItemLocator::end_frame()
{
    building_ += building_.empty() ? "{}" : "}";
    changed_ = building_ != published_;
    if (changed_) published_.swap(building_);
}

void ItemLocator::set_focus(std::string key, bool scroll)
{
    focus_ = std::move(key);
    scroll_to_focus_ = scroll && !focus_.empty();
}

bool ItemLocator::contains(std::string_view key) const
{
    std::string quoted = "\"";
    quoted.append(key).append("\":");
    return published_.find(quoted) != std::string::npos;
}

} // namespace app
