// Fonts (bundled, subset at build time) and colors. Sizes are in CSS
// pixels; the whole style is scaled by the device pixel ratio, since the
// canvas is drawn at physical resolution for crisp text.
#pragma once
#include "core/status.h"

#include <imgui.h>

namespace app {

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
};

Fonts load_fonts();
void apply_style(float device_pixel_ratio);

inline constexpr float kBaseFontSize = 15.0f;
inline constexpr float kBannerFontSize = 24.0f;

// Verdict colors always come with an icon and words, never alone.
ImVec4 status_color(elig::Status status);
const char* status_icon(elig::Status status);   // ✓ ✗ ? ⚠
const char* status_word(elig::Status status);   // "Pass", "Fail", "Unknown", "Review"

inline const ImVec4 kErrorColor{0.75f, 0.08f, 0.08f, 1.0f};
inline const ImVec4 kMutedColor{0.38f, 0.40f, 0.44f, 1.0f};
inline const ImVec4 kWarningBackground{1.0f, 0.95f, 0.80f, 1.0f};

} // namespace app
