// Fonts (bundled, subset at build time, with glyphs they lack drawn by the
// browser's own fonts: glyph_loader.h) and colors. Sizes are in CSS pixels;
// the whole style is scaled by the device pixel ratio, since the canvas is
// drawn at physical resolution for crisp text, and by the reader's text
// size. On touch screens every control is at least 44 CSS pixels tall.
#pragma once
#include "core/base/status.h"

#include <imgui.h>

namespace app {

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
};

Fonts load_fonts();

// Makes the font atlas start (or next grow) large enough for a screen of
// `glyphs_per_screen` glyphs drawn at `device_pixel_ratio`, so that a
// Chinese page does not regrow and copy it several times in its first
// frame. Never shrinks it.
void reserve_glyph_room(int glyphs_per_screen, float device_pixel_ratio);

struct StyleSettings {
    float device_pixel_ratio = 1;
    float text_scale = 1;  // the reader's text size, 0.8 to 1.6
    bool touch = false;    // tap targets of at least 44 CSS px
};
void apply_style(const StyleSettings& settings);

inline constexpr float kBaseFontSize = 15.0f;
inline constexpr float kBannerFontSize = 24.0f;
inline constexpr float kMinTouchTarget = 44.0f;

// Verdict colors always come with an icon and words, never alone.
ImVec4 status_color(elig::Status status);
const char* status_icon(elig::Status status);   // ✓ ✗ ? ⚠

inline const ImVec4 kErrorColor{0.75f, 0.08f, 0.08f, 1.0f};
inline const ImVec4 kMutedColor{0.38f, 0.40f, 0.44f, 1.0f};
inline const ImVec4 kWarningBackground{1.0f, 0.95f, 0.80f, 1.0f};
inline const ImVec4 kSourceColor{0.10f, 0.40f, 0.55f, 1.0f};  // values imported from the chart

} // namespace app
