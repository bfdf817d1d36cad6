#include "core/json/json_reader.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace elig;

TEST(JsonReader, BuildsItemsInDocumentOrder)
{
    JsonDocument doc;
    ASSERT_TRUE(read_json(R"( {"a": 1, "b": {"value": 7.2, "unit": "g/dL"}, "c": [true, null], "d": "x"} )", doc)) << doc.error;
    ASSERT_EQ(doc.items.size(), 9u);
    EXPECT_EQ(doc.items[0].type, JsonItem::Type::object);
    EXPECT_EQ(doc.items[0].end, 9u);
    EXPECT_EQ(doc.items[1].key, "a");
    EXPECT_EQ(doc.items[1].number, 1);
    EXPECT_EQ(doc.items[1].text, "1");
    EXPECT_EQ(doc.items[2].key, "b");
    EXPECT_EQ(doc.items[2].end, 5u);  // b holds value and unit
    EXPECT_EQ(doc.items[3].number, 7.2);
    EXPECT_EQ(doc.items[4].text, "g/dL");
    EXPECT_EQ(doc.items[5].type, JsonItem::Type::array);
    EXPECT_EQ(doc.items[6].boolean, true);
    EXPECT_EQ(doc.items[7].type, JsonItem::Type::null);
    EXPECT_EQ(doc.items[8].text, "x");
}

TEST(JsonReader, DecodesEscapesAndUtf8)
{
    JsonDocument doc;
    ASSERT_TRUE(read_json(R"(["\u00b5mol/L", "µmol/L", "a\"b\\c\/d\n", "\ud83d\ude00", "字"])", doc)) << doc.error;
    EXPECT_EQ(doc.items[1].text, "µmol/L");
    EXPECT_EQ(doc.items[2].text, "µmol/L");
    EXPECT_EQ(doc.items[3].text, "a\"b\\c/d\n");
    EXPECT_EQ(doc.items[4].text, "\xF0\x9F\x98\x80");
    EXPECT_EQ(doc.items[5].text, "字");
}

TEST(JsonReader, NumbersAreExact)
{
    JsonDocument doc;
    ASSERT_TRUE(read_json("[0, -0, 1.5, 1e2, 2.5E-3, 123456789012345678, 0.1]", doc));
    EXPECT_EQ(doc.items[3].number, 1.5);
    EXPECT_EQ(doc.items[4].number, 100);
    EXPECT_EQ(doc.items[5].number, 0.0025);
    EXPECT_EQ(doc.items[7].number, 0.1);
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
        EXPECT_FALSE(doc.error.empty()) << text;
        // nlohmann/json, the reference, agrees.
        EXPECT_FALSE(nlohmann::json::accept(text)) << text;
    }
}

TEST(JsonReader, AcceptsWhatNlohmannAccepts)
{
    const char* good[] = {"{}", "[]", "0", "-0.0e+0", "\"\"", " \t\r\n{ \"a\" : [ ] } ", "[[[[[]]]]]", "{\"\":null}"};
    for (const char* text : good) {
        JsonDocument doc;
        EXPECT_TRUE(read_json(text, doc)) << text << ": " << doc.error;
        EXPECT_TRUE(nlohmann::json::accept(text)) << text;
    }
}

TEST(JsonReader, HugeNumbersAreReadAsInfinityForTheRangeCheckToRefuse)
{
    // nlohmann refuses 1E400 as a syntax error; this reader keeps the
    // syntax valid and leaves the range check to say what is wrong.
    JsonDocument doc;
    ASSERT_TRUE(read_json("[1E400, -1e999]", doc));
    EXPECT_EQ(doc.items[1].number, HUGE_VAL);
    EXPECT_EQ(doc.items[2].number, -HUGE_VAL);
}

TEST(JsonReader, ErrorsSayWhere)
{
    JsonDocument doc;
    EXPECT_FALSE(read_json("{\n  \"a\": 1,\n  \"b\" 2\n}", doc));
    EXPECT_EQ(doc.error, "line 3, column 7: expected ':' after a key");
}

TEST(JsonReader, DepthIsBounded)
{
    JsonDocument doc;
    EXPECT_TRUE(read_json(std::string(32, '[') + std::string(32, ']'), doc));
    EXPECT_FALSE(read_json(std::string(33, '[') + std::string(33, ']'), doc));
    EXPECT_FALSE(read_json(std::string(100000, '['), doc));  // no stack overflow
}

TEST(JsonReader, WritesEscapedStrings)
{
    std::string out;
    append_json_string(out, "a\"b\\c\n\x01µ");
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001µ\"");
    JsonDocument doc;
    ASSERT_TRUE(read_json(out, doc));
    EXPECT_EQ(doc.items[0].text, "a\"b\\c\n\x01µ");
}
