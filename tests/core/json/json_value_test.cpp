// Json, the loaders' value: the file's order, lookups, and the types as
// nlohmann/json gives them for the same text (the loaders read both alike).
#include "core/json/json_value.h"

#include "core/json/json_dom.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using elig::Json;

namespace {

TEST(JsonValue, KeepsMembersInTheFilesOrder)
{
    const Json root = Json::parse(R"({"units": {"g/L": 1, "g/dL": 10, "mmol/L": 16.1}})");
    std::vector<std::string> keys;
    std::vector<double> factors;
    for (auto it = root["units"].begin(); it != root["units"].end(); ++it) {
        keys.push_back(it.key());
        factors.push_back(it.value().get<double>());
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"g/L", "g/dL", "mmol/L"}));
    EXPECT_EQ(factors, (std::vector<double>{1, 10, 16.1}));
}

TEST(JsonValue, FindsMembersAndSaysWhenThereIsNone)
{
    const Json root = Json::parse(R"({"id": "hb", "label": "", "list": [true, null, "x"]})");
    EXPECT_TRUE(root.contains("label"));
    EXPECT_FALSE(root.contains("lab"));
    EXPECT_EQ(root.find("id")->get<std::string>(), "hb");
    EXPECT_TRUE(root.find("nothing") == root.end());
    EXPECT_TRUE(root["nothing"].is_null());           // a missing member reads as null
    EXPECT_EQ(root.value("id", "?"), "hb");
    EXPECT_EQ(root.value("list", "?"), "?");           // not a string: the fallback
    EXPECT_EQ(root.value("missing", "fallback"), "fallback");
    const Json& list = root["list"];
    ASSERT_EQ(list.size(), 3u);
    EXPECT_TRUE(list[0].is_boolean() && list[0].get<bool>());
    EXPECT_TRUE(list[1].is_null());
    EXPECT_EQ(list[2].get_ref<const std::string&>(), "x");
    EXPECT_FALSE(list.contains("x"));                  // arrays have no members
}

TEST(JsonValue, TypesNumbersAsNlohmannDoes)
{
    const Json root = Json::parse(R"([1200, -3, 2.5, 1e3, 12.0])");
    EXPECT_TRUE(root[0].is_number_integer());
    EXPECT_EQ(root[0].get<long long>(), 1200);
    EXPECT_TRUE(root[1].is_number_integer());
    EXPECT_EQ(root[1].get<long long>(), -3);
    for (size_t i = 2; i < 5; ++i) EXPECT_FALSE(root[i].is_number_integer()) << i;  // a fraction or an exponent
    EXPECT_EQ(root[3].get<double>(), 1000.0);
    EXPECT_EQ(root[2].get<long long>(), 0);            // not an integer: no truncation
}

TEST(JsonValue, EmptyContainersAndScalarsHaveNoChildren)
{
    const Json root = Json::parse(R"({"object": {}, "array": [], "text": "abc"})");
    EXPECT_TRUE(root["object"].is_object() && root["object"].empty());
    EXPECT_TRUE(root["array"].is_array() && root["array"].empty());
    EXPECT_EQ(root["text"].size(), 0u);
    EXPECT_TRUE(root["text"].begin() == root["text"].end());
    EXPECT_STREQ(elig::json_type_name(root["object"]), "an object");
    EXPECT_STREQ(elig::json_type_name(root["text"]), "a string");
}

} // namespace
