// Inter Regular and SemiBold (Debian's fonts-inter, SIL OFL), subset to the
// characters the app shows and compiled into the program.
#pragma once
#include <string_view>

namespace app {
std::string_view font_regular();
std::string_view font_bold();
}
