#include "item_locator.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <emscripten.h>

#include <string>

namespace app {

namespace {

EM_JS(int, js_tracking, (), { return eligPage.trackItems ? 1 : 0; });
EM_JS(void, js_items, (const char* json), { eligPage.items = JSON.parse(UTF8ToString(json)); });

bool tracking = false;
std::string items;

} // namespace

void locator_begin_frame()
{
    tracking = js_tracking() != 0;
    items.clear();
}

void locate_last_item(const char* key)
{
    if (!tracking) return;
    // Only what can be clicked: the item's rectangle within its window's clip.
    ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    rect.ClipWith(ImGui::GetCurrentWindow()->ClipRect);
    if (rect.GetWidth() <= 0 || rect.GetHeight() <= 0) return;
    const float scale = ImGui::GetStyle().FontScaleDpi;
    char entry[256];
    std::snprintf(entry, sizeof entry, "%s\"%s\":[%.1f,%.1f,%.1f,%.1f]", items.empty() ? "" : ",", key, rect.Min.x / scale, rect.Min.y / scale,
                  rect.GetWidth() / scale, rect.GetHeight() / scale);
    items += entry;
}

void locate_last_item(const char* prefix, const char* name)
{
    if (!tracking) return;
    locate_last_item((std::string(prefix) + ":" + name).c_str());
}

void locator_end_frame()
{
    if (!tracking) return;
    js_items(("{" + items + "}").c_str());
}

} // namespace app
