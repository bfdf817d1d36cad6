// C's vsscanf, for the page: the web build defines `sscanf` with it
// (web/scanf.cpp), so that the C library's, which brings musl's 128-bit
// `long double` arithmetic for %f, is not linked (4.5 KB gzipped).
//
// Dear ImGui is its one caller: the readers of its .ini settings ("Pos=%i,%i",
// "0x%08X,%d", "Weight=%f%n", "Sort=%d%c%n") and of typed numbers and colours
// ("%d", "%f", "%lf", "%02X%02X%02X"). Every conversion C11 (7.21.6.2) defines
// is read as it says, except:
//   - %p, the L modifier (long double) and wide characters (%lc, %ls,
//     %l[): the directive fails, as a matching failure would;
//   - an integer out of its type's range, which C leaves undefined: what
//     fits in 64 bits is cut to the type, a larger one is 2^64 - 1 (all bits
//     set), as musl does.
// Where glibc departs from C ("100ergs" is 100 read from "100e", "0x" read by
// %x is 0, "nan(1)" leaves "(1)" unread), this follows C, as musl does: the
// input item is the longest prefix of a matching sequence, and a directive
// whose item is not one fails.
//
// Example:
//   int x = 0, y = 0;
//   sscanf("Pos=60,-12", "Pos=%i,%i", &x, &y);  // 2; x 60, y -12
#pragma once
#include <cstdarg>

namespace elig::app {

// The number of conversions assigned, or EOF (-1) when the input ends before
// the first conversion.
int scan_formatted(const char* input, const char* format, va_list arguments);

} // namespace elig::app
