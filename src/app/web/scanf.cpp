// The page's sscanf: the app's scanner in place of the C library's
// (app/ui/scan_formatted.h says why). Its one caller is Dear ImGui.
#include <cstdarg>

#include "app/ui/scan_formatted.h"

extern "C" int sscanf(const char* input, const char* format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    const int assigned = elig::app::scan_formatted(input, format, arguments);
    va_end(arguments);
    return assigned;
}
