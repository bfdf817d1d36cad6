// Line breaking for wrapped text (src/app/ui/line_breaks.h). Every character
// is one unit wide here, so a width is a number of characters.
#include "app/ui/line_breaks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

float one(uint32_t) { return 1.0f; }

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) lines.push_back(text.substr(start, end - start));
    lines.push_back(text.substr(start));
    return lines;
}

size_t characters(const std::string& utf8)
{
    size_t n = 0;
    for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// The reason sentence that showed the problem: ImGui's own wrapping broke
// it after "0.", leaving "476×ULN" on the next line.
const std::string kBilirubin = "总胆红素为0.476×ULN（10 μmol/L，正常值上限21 μmol/L）";

TEST(LineBreaks, ANumberIsNeverSplit)
{
    // Wide enough for "0.476×ULN" (9), the longest word: no number is ever
    // cut, at any width, nor parted from its unit.
    auto numeric = [](char c) { return (c >= '0' && c <= '9') || c == '.'; };
    for (float width = 9; width <= 40; ++width) {
        const std::string broken = app::break_lines(kBilirubin, width, one);
        EXPECT_NE(broken.find("0.476×ULN"), std::string::npos) << "width " << width << ":\n" << broken;
        EXPECT_NE(broken.find("21 μmol/L"), std::string::npos) << "width " << width << ":\n" << broken;
        for (size_t at = broken.find('\n'); at != std::string::npos; at = broken.find('\n', at + 1))
            EXPECT_FALSE(at > 0 && at + 1 < broken.size() && numeric(broken[at - 1]) && numeric(broken[at + 1])) << "width " << width << ":\n" << broken;
    }
}

TEST(LineBreaks, ChineseBreaksBetweenCharactersAndLinesFit)
{
    const std::string broken = app::break_lines(kBilirubin, 10, one);
    const std::vector<std::string> lines = lines_of(broken);
    ASSERT_GT(lines.size(), 2u);
    EXPECT_EQ(lines[0], "总胆红素为");  // the number does not fit after it: the line ends before it
    // A closing mark may hang past the edge rather than start a line.
    for (const std::string& line : lines) EXPECT_LE(characters(line) - (line.size() >= 3 && line.compare(line.size() - 3, 3, "，") == 0), 10u) << line;
}

TEST(LineBreaks, NoLineStartsWithAClosingMarkOrEndsWithAnOpeningOne)
{
    for (float width = 4; width <= 30; ++width)
        for (const std::string& line : lines_of(app::break_lines(kBilirubin + "，" + kBilirubin, width, one))) {
            EXPECT_NE(line.rfind("，", 0), 0u) << line;
            EXPECT_NE(line.rfind("）", 0), 0u) << line;
            EXPECT_FALSE(line.size() >= 3 && line.compare(line.size() - 3, 3, "（") == 0) << line;
        }
}

TEST(LineBreaks, EnglishBreaksAtSpacesAndDropsThem)
{
    const std::string broken = app::break_lines("LVEF 40% is below the required 45%", 12, one);
    EXPECT_EQ(broken, "LVEF 40% is\nbelow the\nrequired 45%");
    EXPECT_EQ(app::break_lines("clearance 84.98 mL/min, estimated", 12, one), "clearance\n84.98 mL/min,\nestimated");  // the comma hangs
}

TEST(LineBreaks, AWordWiderThanTheLineIsCut)
{
    EXPECT_EQ(app::break_lines("abcdefghij", 4, one), "abcd\nefgh\nij");
}

TEST(LineBreaks, TextThatFitsAndItsOwnLineEndsAreKept)
{
    EXPECT_EQ(app::break_lines("LVEF 40%", 20, one), "LVEF 40%");
    EXPECT_EQ(app::break_lines("one\ntwo three", 5, one), "one\ntwo\nthree");
    EXPECT_EQ(app::break_lines("", 5, one), "");
}

} // namespace
