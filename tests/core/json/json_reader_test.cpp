#include "core/json/json_reader.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace elig;

TEST(JsonReader, BuildsItemsInDocumentOrder)
{
    JsonDocument doc;
    ASSERT_TRUE(read_json(R"( {"a": 1, "b": {"value": 7.2, "unit": "g/dL"}, "c": [true, null], "d": "x"} )", doc)) << json_error_name(doc.error.code);
    ASSERT_EQ(doc.items.size(), 9u);
    EXPECT_EQ(doc.items[0].type(), JsonItem::Type::object);
    EXPECT_EQ(doc.items[0].end(), 9u);
    EXPECT_EQ(doc.key(doc.items[1]), "a");
    EXPECT_EQ(doc.number(doc.items[1]), 1);
    EXPECT_EQ(doc.text(doc.items[1]), "1");
    EXPECT_EQ(doc.key(doc.items[2]), "b");
    EXPECT_EQ(doc.items[2].end(), 5u);  // b holds value and unit
    EXPECT_EQ(doc.number(doc.items[3]), 7.2);
    EXPECT_EQ(doc.text(doc.items[4]), "g/dL");
    EXPECT_EQ(doc.items[5].type(), JsonItem::Type::array);
    EXPECT_EQ(doc.items[6].boolean(), true);
    EXPECT_EQ(doc.items[7].type(), JsonItem::Type::null);
    EXPECT_EQ(doc.text(doc.items[8]), "x");
}

TEST(JsonReader, DecodesEscapesAndUtf8)
{
    JsonDocument doc;
    ASSERT_TRUE(read_json(R"(["\u00b5mol/L", "µmol/L", "a\"b\\c\/d\n", "\ud83d\ude00", "字"])", doc)) << json_error_name(doc.error.code);
    EXPECT_EQ(doc.text(doc.items[1]), "µmol/L");
    EXPECT_EQ(doc.text(doc.items[2]), "µmol/L");
    EXPECT_EQ(doc.text(doc.items[3]), "a\"b\\c/d\n");
    EXPECT_EQ(doc.text(doc.items[4]), "\xF0\x9F\x98\x80");
    EXPECT_EQ(doc.text(doc.items[5]), "字");
}

// A string's plain run is skipped many bytes at a time (sixteen natively,
// eight in the page): whatever ends it is found at every offset within and
// across those blocks, and what follows it is read on.
TEST(JsonReader, AStringsFirstSpecialByteIsFoundAtEveryOffset)
{
    JsonDocument doc;
    std::string text;  // what the document's views point into
    const auto read = [&](std::string json) { return read_json(text = std::move(json), doc); };
    for (size_t n = 0; n <= 40; ++n) {
        const std::string plain(n, 'a'), tail(20, 'b');
        SCOPED_TRACE("after " + std::to_string(n) + " plain bytes");
        // A string starts at byte 3 (columns count bytes from 1): ["...
        ASSERT_TRUE(read("[\"" + plain + "\", \"" + tail + "\"]"));
        EXPECT_EQ(doc.text(doc.items[1]), plain);
        EXPECT_EQ(doc.text(doc.items[2]), tail);
        ASSERT_TRUE(read("[\"" + plain + "\\n" + tail + "\"]"));
        EXPECT_EQ(doc.text(doc.items[1]), plain + "\n" + tail);
        ASSERT_TRUE(read("[\"" + plain + "\xC2\xB5" + tail + "\"]"));
        EXPECT_EQ(doc.text(doc.items[1]), plain + "µ" + tail);
        EXPECT_FALSE(read("[\"" + plain + "\x01" + tail + "\"]"));
        EXPECT_EQ(doc.error.code, JsonErrorCode::control_character);
        EXPECT_EQ(doc.error.column, 3 + n);
        EXPECT_FALSE(read("[\"" + plain + "\x7F\xFF" + tail + "\"]"));  // DEL is plain; 0xFF starts no UTF-8 sequence
        EXPECT_EQ(doc.error.code, JsonErrorCode::invalid_utf8);
        EXPECT_EQ(doc.error.column, 4 + n);
        EXPECT_FALSE(read("[\"" + plain + tail));
        EXPECT_EQ(doc.error.code, JsonErrorCode::unterminated_string);
    }
}

TEST(JsonReader, NumbersAreExact)
{
    JsonDocument doc;
    ASSERT_TRUE(read_json("[0, -0, 1.5, 1e2, 2.5E-3, 123456789012345678, 0.1]", doc));
    EXPECT_EQ(doc.number(doc.items[3]), 1.5);
    EXPECT_EQ(doc.number(doc.items[4]), 100);
    EXPECT_EQ(doc.number(doc.items[5]), 0.0025);
    EXPECT_EQ(doc.number(doc.items[7]), 0.1);
    EXPECT_EQ(parse_json_number("1e999"), HUGE_VAL);
    EXPECT_FALSE(std::signbit(parse_json_number("-0")));  // found by fuzz_record
    EXPECT_FALSE(std::signbit(parse_json_number("-0.0e5")));
}

TEST(JsonReader, RejectsWhatRfc8259Rejects)
{
    const char* bad[] = {
        "", "{", "{\"a\":1,}", "[1,]", "{'a':1}", "{a:1}", "[01]", "[1.]", "[.5]", "[-]", "[1e]", "[+1]", "[NaN]", "[Infinity]",
        "[tru]", "[nul]", "\"abc", "{\"a\" 1}", "{\"a\":1} x", "[1] [2]", "// c\n{}", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\ud800\"]",
        "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"a\tb\"]", "[\"\xff\"]", "[\"\xc0\xaf\"]", "[\"\xed\xa0\x80\"]", "[\"\xe2\x82\"]",
        "[\"\xf5\x80\x80\x80\"]", "{\"a\":1 \"b\":2}",
    };
    for (const char* text : bad) {
        JsonDocument doc;
        EXPECT_FALSE(read_json(text, doc)) << text;
        EXPECT_TRUE(doc.error) << text;
        // nlohmann/json, the reference, agrees.
        EXPECT_FALSE(nlohmann::json::accept(text)) << text;
    }
}

TEST(JsonReader, AcceptsWhatNlohmannAccepts)
{
    const char* good[] = {"{}", "[]", "0", "-0.0e+0", "\"\"", " \t\r\n{ \"a\" : [ ] } ", "[[[[[]]]]]", "{\"\":null}"};
    for (const char* text : good) {
        JsonDocument doc;
        EXPECT_TRUE(read_json(text, doc)) << text << ": " << json_error_name(doc.error.code);
        EXPECT_TRUE(nlohmann::json::accept(text)) << text;
    }
}

TEST(JsonReader, HugeNumbersAreReadAsInfinityForTheRangeCheckToRefuse)
{
    // nlohmann refuses 1E400 as a syntax error; this reader keeps the
    // syntax valid and leaves the range check to say what is wrong.
    JsonDocument doc;
    ASSERT_TRUE(read_json("[1E400, -1e999]", doc));
    EXPECT_EQ(doc.number(doc.items[1]), HUGE_VAL);
    EXPECT_EQ(doc.number(doc.items[2]), -HUGE_VAL);
}

TEST(JsonReader, ErrorsSayWhere)
{
    JsonDocument doc;
    EXPECT_FALSE(read_json("{\n  \"a\": 1,\n  \"b\" 2\n}", doc));
    EXPECT_EQ(doc.error.code, JsonErrorCode::expected_colon);
    EXPECT_EQ(doc.error.line, 3u);
    EXPECT_EQ(doc.error.column, 7u);
}

TEST(JsonReader, EachErrorHasItsCode)
{
    // One input per code, each worked out from the grammar: where the
    // reader must stop and why.
    const std::pair<const char*, JsonErrorCode> cases[] = {
        {"[\"a\x01\"]", JsonErrorCode::control_character},    {"[1 2]", JsonErrorCode::expected_comma_or_bracket},
        {"{\"a\":1 \"b\":2}", JsonErrorCode::expected_comma_or_brace}, {"{\"a\" 1}", JsonErrorCode::expected_colon},
        {"{a:1}", JsonErrorCode::expected_key},                   {"[\"\xff\"]", JsonErrorCode::invalid_utf8},
        {"[\"\\u12\"]", JsonErrorCode::bad_unicode_escape},      {"[\"\\ud800\\u0041\"]", JsonErrorCode::high_surrogate_alone},
        {"[\"\\udc00\"]", JsonErrorCode::lone_low_surrogate},     {"[\"\\x\"]", JsonErrorCode::invalid_escape},
        {"[-]", JsonErrorCode::expected_digit},                   {"[1.]", JsonErrorCode::expected_fraction_digit},
        {"[1e]", JsonErrorCode::expected_exponent_digit},         {"[01]", JsonErrorCode::leading_zero},
        {"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", JsonErrorCode::nested_too_deeply},
        {"[tru]", JsonErrorCode::unexpected_character},           {"", JsonErrorCode::unexpected_end},
        {"{} x", JsonErrorCode::trailing_text},                   {"\"abc", JsonErrorCode::unterminated_string},
    };
    for (const auto& [text, code] : cases) {
        JsonDocument doc;
        EXPECT_FALSE(read_json(text, doc)) << text;
        EXPECT_EQ(json_error_name(doc.error.code), std::string(json_error_name(code))) << text;
    }
}

TEST(JsonReader, PointersAndRepeatedKeys)
{
    JsonDocument doc;
    ASSERT_TRUE(read_json(R"({"entry": [{"resource": {"a/b": 1, "id": "x"}}, {"resource": {"id": "y", "id": "z"}}]})", doc));
    // Items: 0 root, 1 entry, 2 [0], 3 resource, 4 "a/b", 5 id, 6 [1], 7 resource, 8 id, 9 id.
    EXPECT_EQ(doc.pointer(0), "");
    EXPECT_EQ(doc.pointer(4), "/entry/0/resource/a~1b");
    EXPECT_EQ(doc.pointer(8), "/entry/1/resource/id");
    EXPECT_EQ(doc.first_repeated_key(), 9u);  // the second "id"
    ASSERT_TRUE(read_json(R"({"a": {"b": 1}, "b": {"a": 2}})", doc));
    EXPECT_EQ(doc.first_repeated_key(), 0u);  // the same key in different objects is fine
}

TEST(JsonReader, ABigDocumentReadsWhole)
{
    // Over 16 MB the reader counts its items first (json_reader.cpp): an
    // array of 6 million "0," pairs and a string with ':' in it.
    const size_t n = 6'000'000;
    std::string text = "[\"a:b,c[\"";
    text.reserve(2 * n + 16);
    for (size_t i = 0; i < n; ++i) text += ",0";
    text += "]";
    JsonDocument doc;
    ASSERT_TRUE(read_json(text, doc));
    EXPECT_EQ(doc.items.size(), n + 2);  // the array, the string, the zeros
    EXPECT_EQ(doc.text(doc.items[1]), "a:b,c[");
    EXPECT_EQ(doc.items[0].end(), n + 2);
}

TEST(JsonReader, InSlicesItIsTheSameDocument)
{
    const std::string text = R"({"entry": [{"a": 1, "b": [true, null, "x\"y"]}, {"c": {"d": -2.5e3}}], "z": "end"})";
    JsonDocument whole, sliced;
    ASSERT_TRUE(read_json(text, whole));
    JsonStepReader reader(text, sliced);
    int steps = 0;
    while (reader.step(3)) ++steps;  // three bytes at a time: it pauses only between values
    ASSERT_TRUE(reader.ok());
    EXPECT_GT(steps, 5);
    ASSERT_EQ(sliced.items.size(), whole.items.size());
    for (size_t i = 0; i < whole.items.size(); ++i) {
        EXPECT_EQ(sliced.items[i].type(), whole.items[i].type());
        EXPECT_EQ(sliced.items[i].end(), whole.items[i].end());
        EXPECT_EQ(sliced.text(sliced.items[i]), whole.text(whole.items[i]));
    }
    // An error found in a later slice is the same error.
    JsonDocument broken;
    JsonStepReader bad(R"({"a": [1, 2, 3,]})", broken);
    while (bad.step(2)) {}
    EXPECT_FALSE(bad.ok());
    EXPECT_EQ(broken.error.code, JsonErrorCode::unexpected_character);
    EXPECT_EQ(broken.error.column, 16u);
}

TEST(JsonReader, DepthIsBounded)
{
    JsonDocument doc;
    EXPECT_TRUE(read_json(std::string(32, '[') + std::string(32, ']'), doc));
    EXPECT_FALSE(read_json(std::string(33, '[') + std::string(33, ']'), doc));
    EXPECT_FALSE(read_json(std::string(100000, '['), doc));  // no stack overflow
}

// Objects and arrays alternating twenty deep, past the levels the reader
// keeps without allocating: each container still ends where it closes,
// going in and coming back out.
TEST(JsonReader, DeepContainersEndWhereTheyClose)
{
    std::string text;
    for (int depth = 0; depth < 20; ++depth) text += depth % 2 ? "[" : "{\"k\":";
    text += "1";
    for (int depth = 19; depth >= 0; --depth) text += depth % 2 ? ",2]" : "}";
    JsonDocument doc;
    ASSERT_TRUE(read_json(text, doc)) << json_error_name(doc.error.code);
    // Items: the twenty containers in order, the 1, then each array's 2 as it closes.
    ASSERT_EQ(doc.items.size(), 31u);
    for (size_t depth = 0; depth < 20; ++depth) {
        const JsonItem& item = doc.items[depth];
        ASSERT_EQ(item.type(), depth % 2 ? JsonItem::Type::array : JsonItem::Type::object) << depth;
        // Container d holds every deeper container, the 1, and the 2 of each array deeper than it or it.
        size_t arrays_within = 0;
        for (size_t d = depth; d < 20; ++d) arrays_within += d % 2;
        EXPECT_EQ(item.end(), 21 + arrays_within) << depth;
    }
    EXPECT_EQ(doc.number(doc.items[20]), 1);
    EXPECT_EQ(doc.number(doc.items[30]), 2);
}

TEST(JsonReader, WritesEscapedStrings)
{
    std::string out;
    append_json_string(out, "a\"b\\c\n\x01µ");
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001µ\"");
    JsonDocument doc;
    ASSERT_TRUE(read_json(out, doc));
    EXPECT_EQ(doc.text(doc.items[0]), "a\"b\\c\n\x01µ");
}
