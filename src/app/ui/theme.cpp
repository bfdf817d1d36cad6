#include "app/ui/theme.h"

#include "app/ui/embedded_fonts.h"
#include "app/ui/glyph_loader.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace app {

namespace {

uint32_t big_endian(std::string_view data, size_t at, int bytes)
{
    uint32_t value = 0;
    for (int i = 0; i < bytes && at + static_cast<size_t>(i) < data.size(); ++i) value = (value << 8) | static_cast<unsigned char>(data[at + static_cast<size_t>(i)]);
    return value;
}

// A font's line height (hhea ascender - descender) in ems. ImGui sizes a
// font by that height; the browser sizes its glyphs by the em. Merging a
// CJK font whose line is 1.45 em tall at the same size would draw its
// characters a fifth smaller than the browser draws the others.
float line_height_in_ems(std::string_view font)
{
    float ascender = 0, descender = 0, units_per_em = 0;
    const uint32_t tables = big_endian(font, 4, 2);
    for (uint32_t t = 0; t < tables; ++t) {
        const size_t record = 12 + 16 * static_cast<size_t>(t);
        const std::string_view tag = font.substr(record, 4);
        const size_t offset = big_endian(font, record + 8, 4);
        if (tag == "hhea") {
            ascender = static_cast<float>(static_cast<int16_t>(big_endian(font, offset + 4, 2)));
            descender = static_cast<float>(static_cast<int16_t>(big_endian(font, offset + 6, 2)));
        } else if (tag == "head") {
            units_per_em = static_cast<float>(big_endian(font, offset + 18, 2));
        }
    }
    return units_per_em > 0 ? (ascender - descender) / units_per_em : 1.0f;
}

} // namespace

Fonts load_fonts()
{
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in the program image
    Fonts fonts;
    const std::string_view regular = font_regular();
    const std::string_view bold = font_bold();
    // The language switch's "中文" is bundled (two glyphs): an English page
    // then never needs the browser's fonts.
    const std::string_view switch_label = font_language_switch();
    ImFontConfig merged = config;
    merged.MergeMode = true;
    merged.SizePixels = kBaseFontSize * line_height_in_ems(switch_label);  // an em of the font size, as the browser's glyphs
    fonts.regular = io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(regular.data()), static_cast<int>(regular.size()), kBaseFontSize, &config);
    io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(switch_label.data()), static_cast<int>(switch_label.size()), merged.SizePixels, &merged);
    merge_system_glyphs(false);  // what Inter lacks (Chinese), from the browser's fonts
    fonts.bold = io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(bold.data()), static_cast<int>(bold.size()), kBaseFontSize, &config);
    io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(switch_label.data()), static_cast<int>(switch_label.size()), merged.SizePixels, &merged);
    merge_system_glyphs(true);
    return fonts;
}

void reserve_glyph_room(int glyphs_per_screen, float device_pixel_ratio)
{
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    // A glyph cell is about 1.5 ems square, an em being the body size.
    const float cell = 1.6f * kBaseFontSize * device_pixel_ratio + 2;
    const int area = static_cast<int>(static_cast<float>(glyphs_per_screen) * cell * cell);
    int width = atlas.TexMinWidth, height = atlas.TexMinHeight;
    while (width * height < area && (width < 2048 || height < 2048)) (height < width ? height : width) *= 2;
    atlas.TexMinWidth = width;
    atlas.TexMinHeight = height;
}

void apply_style(const StyleSettings& settings)
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
    if (settings.touch) {
        // A frame (and so a button, radio, checkbox or field) of at least
        // 44 CSS px: the font plus twice the padding, all scaled below.
        // (+0.5: scaling rounds paddings down to whole pixels.)
        style.FramePadding = ImVec2(12, std::max(5.0f, (kMinTouchTarget / settings.text_scale - kBaseFontSize) / 2 + 0.5f));
        style.ItemSpacing = ImVec2(12, 8);
        style.ScrollbarSize = 6;       // scrolling is by finger; the bar only shows where one is
        style.TouchExtraPadding = ImVec2(4, 4);
    }
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
    style.ScaleAllSizes(settings.device_pixel_ratio * settings.text_scale);
    style.FontSizeBase = kBaseFontSize;
    style.FontScaleMain = settings.text_scale;
    style.FontScaleDpi = settings.device_pixel_ratio;
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

} // namespace app
