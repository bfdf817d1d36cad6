// Where a paragraph breaks into lines. Dear ImGui wraps only at spaces and
// after . , ; ! ? " 、 。, so a Chinese sentence, which has no spaces, would
// break inside a number ("总胆红素为0." / "476×ULN"): a value a clinician could
// misread. Here a line breaks at spaces, before and after Chinese
// characters and after Chinese punctuation; never inside a word or a
// number, before a closing mark or after an opening one. Only a word wider
// than the whole line is cut, as ImGui does.
//
// Example:
//   auto advance = [](uint32_t) { return 1.0f; };   // every character 1 wide
//   break_lines("总胆红素为0.476×ULN", 10, advance);  // "总胆红素为\n0.476×ULN"
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace app {

// `text` with a '\n' wherever a line of at most `width` must end (its own
// line ends are kept); `advance` is the width of one character.
std::string break_lines(std::string_view text, float width, const std::function<float(uint32_t)>& advance);

} // namespace app
