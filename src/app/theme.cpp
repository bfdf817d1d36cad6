#include "theme.h"

#include "app/embedded_fonts.h"

namespace app {

Fonts load_fonts()
{
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in the program image
    Fonts fonts;
    const std::string_view regular = font_regular();
    const std::string_view bold = font_bold();
    fonts.regular = io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(regular.data()), static_cast<int>(regular.size()), kBaseFontSize, &config);
    fonts.bold = io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(bold.data()), static_cast<int>(bold.size()), kBaseFontSize, &config);
    return fonts;
}

void apply_style(float device_pixel_ratio)
{
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(14, 12);
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(10, 7);
    style.ItemInnerSpacing = ImVec2(6, 4);
    style.FrameRounding = 4;
    style.ChildRounding = 6;
    style.PopupRounding = 6;
    style.GrabRounding = 4;
    style.FrameBorderSize = 1;
    style.ScrollbarSize = 14;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Border] = ImVec4(0.80f, 0.82f, 0.86f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Text] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.50f, 0.52f, 0.56f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.88f, 0.91f, 0.96f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.80f, 0.86f, 0.95f, 1.0f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.72f, 0.80f, 0.93f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.90f, 0.92f, 0.96f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.86f, 0.95f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.70f, 0.79f, 0.93f, 1.0f);
    c[ImGuiCol_CheckMark] = ImVec4(0.10f, 0.35f, 0.75f, 1.0f);
    c[ImGuiCol_NavCursor] = ImVec4(0.10f, 0.35f, 0.85f, 1.0f);
    style.ScaleAllSizes(device_pixel_ratio);
    style.FontSizeBase = kBaseFontSize;
    style.FontScaleDpi = device_pixel_ratio;
}

ImVec4 status_color(elig::Status status)
{
    switch (status) {
    case elig::Status::pass: return ImVec4(0.09f, 0.50f, 0.22f, 1.0f);
    case elig::Status::fail: return ImVec4(0.75f, 0.10f, 0.10f, 1.0f);
    case elig::Status::unknown: return ImVec4(0.55f, 0.40f, 0.02f, 1.0f);
    case elig::Status::review: return ImVec4(0.36f, 0.20f, 0.70f, 1.0f);
    }
    return ImVec4(0, 0, 0, 1);
}

const char* status_icon(elig::Status status)
{
    switch (status) {
    case elig::Status::pass: return "\xE2\x9C\x93";     // ✓
    case elig::Status::fail: return "\xE2\x9C\x97";     // ✗
    case elig::Status::unknown: return "?";
    case elig::Status::review: return "\xE2\x9A\xA0";   // ⚠
    }
    return "";
}

const char* status_word(elig::Status status)
{
    switch (status) {
    case elig::Status::pass: return "Pass";
    case elig::Status::fail: return "Fail";
    case elig::Status::unknown: return "Unknown";
    case elig::Status::review: return "Review";
    }
    return "";
}

} // namespace app
