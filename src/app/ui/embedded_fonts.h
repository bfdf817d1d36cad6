// The fonts compiled into the program, subset at build time: Inter Regular
// and SemiBold (Debian's fonts-inter, SIL OFL) to the characters the app
// shows, and Noto Sans CJK SC (fonts-noto-cjk, SIL OFL) to the language
// switch's "中文". Every other Chinese glyph comes from the browser's fonts.
#pragma once
#include <string_view>

namespace app {
std::string_view font_regular();
std::string_view font_bold();
std::string_view font_language_switch();
}
