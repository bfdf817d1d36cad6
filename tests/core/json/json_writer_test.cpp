// The JSON writer: commas and nesting, strings escaped as the verdict
// writer escapes them, numbers that read back exactly, and the pretty form
// of a saved record, which is nlohmann/json's dump(2) (what Save wrote
// before the writer existed).
#include "core/json/json_writer.h"

#include "core/json/json_reader.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

using elig::JsonWriter;

namespace {

std::string nested(int indent)
{
    std::string out;
    JsonWriter json(out, indent);
    json.begin_object().key("id").value("r \"1\"\n").key("lvef").value(45.0).key("ratio").value(0.1 + 0.2);
    json.key("flags").begin_array().value(true).value(false).null().end_array();
    json.key("empty_object").begin_object().end_object().key("empty_array").begin_array().end_array();
    json.key("hemoglobin").begin_object().key("value").value(7.2).key("unit").value(std::string("g/dL")).end_object();
    json.key("count").value(size_t{3}).key("negative").value(-12).end_object();
    return out;
}

TEST(JsonWriter, OneLineWithoutSpaces)
{
    EXPECT_EQ(nested(-1), R"({"id":"r \"1\"\n","lvef":45,"ratio":0.30000000000000004,"flags":[true,false,null],)"
                          R"("empty_object":{},"empty_array":[],"hemoglobin":{"value":7.2,"unit":"g/dL"},"count":3,"negative":-12})");
}

TEST(JsonWriter, PrettyIsNlohmannsDumpOfTwo)
{
    // The one-line text read by nlohmann and written back by it: its 45 is
    // then an integer, so the two agree on numbers too.
    EXPECT_EQ(nested(2), nlohmann::ordered_json::parse(nested(-1)).dump(2));
}

TEST(JsonWriter, WhatItWritesReadsBack)
{
    const std::string out = nested(2);
    elig::JsonDocument doc;
    ASSERT_TRUE(elig::read_json(out, doc)) << out;
    EXPECT_EQ(doc.first_repeated_key(), 0u);
}

TEST(JsonWriter, NonFiniteNumbersAreNull)
{
    std::string out;
    JsonWriter(out).begin_array().value(std::numeric_limits<double>::infinity()).value(std::nan("")).end_array();
    EXPECT_EQ(out, "[null,null]");
}

TEST(JsonWriter, ATopLevelValueAndRawJson)
{
    std::string out;
    JsonWriter(out).value("just text");
    EXPECT_EQ(out, R"("just text")");
    out.clear();
    JsonWriter(out).begin_object().key("verdict").raw(R"({"overall":"eligible"})").key("n").value(1).end_object();
    EXPECT_EQ(out, R"({"verdict":{"overall":"eligible"},"n":1})");
}

} // namespace
