// CriteriaReader, the first stage of loading a criteria file: typed members
// out of JSON objects, each problem reported with its JSON pointer and
// loading carried on (an empty value instead).
#include "core/criteria/criteria_reader.h"

#include <gtest/gtest.h>

using namespace elig;

namespace {

using Lines = std::vector<std::string>;

class CriteriaReaderTest : public ::testing::Test {
protected:
    std::vector<LoadError> errors;
    CriteriaReader reader{errors};

    Lines problems() const
    {
        Lines out;
        for (const LoadError& e : errors) out.push_back(describe(e));
        return out;
    }
};

const Json kObject = Json::parse(R"({"name": "lvef", "empty": "", "count": 3, "flag": true, "list": [1], "object": {}, "null": null})");

TEST_F(CriteriaReaderTest, MemberRequiredOrNot)
{
    EXPECT_EQ(reader.member(kObject, "count", "/x", true), &kObject["count"]);
    EXPECT_EQ(reader.member(kObject, "absent", "/x", false), nullptr);
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(reader.member(kObject, "absent", "/x", true), nullptr);
    EXPECT_EQ(problems(), Lines{"/x: missing required key \"absent\""});
    EXPECT_TRUE(reader.has_errors());
}

TEST_F(CriteriaReaderTest, StringMembers)
{
    EXPECT_EQ(reader.string_member(kObject, "name", "/x", true), "lvef");
    EXPECT_EQ(reader.string_member(kObject, "absent", "/x", false), "");
    EXPECT_FALSE(reader.has_errors());
    EXPECT_EQ(reader.string_member(kObject, "count", "/x", true), "");
    EXPECT_EQ(reader.string_member(kObject, "null", "/x", false), "");  // present: must be a string
    EXPECT_EQ(problems(), (Lines{"/x/count: expected a string, found a number", "/x/null: expected a string, found null"}));
}

TEST_F(CriteriaReaderTest, TextMembersAreRequiredAndNotEmpty)
{
    EXPECT_EQ(reader.text_member(kObject, "name", "/x"), "lvef");
    EXPECT_EQ(reader.text_member(kObject, "empty", "/x"), "");
    EXPECT_EQ(reader.text_member(kObject, "absent", "/x"), "");
    EXPECT_EQ(reader.text_member(kObject, "flag", "/x"), "");
    EXPECT_EQ(problems(), (Lines{"/x/empty: must not be empty", "/x: missing required key \"absent\"",
                                 "/x/flag: expected a string, found a boolean"}));
}

TEST_F(CriteriaReaderTest, NumberMembers)
{
    double out = -1;
    EXPECT_TRUE(reader.number_member(kObject, "count", "/x", true, out));
    EXPECT_EQ(out, 3);
    out = -1;
    EXPECT_FALSE(reader.number_member(kObject, "absent", "/x", false, out));
    EXPECT_FALSE(reader.number_member(kObject, "name", "/x", false, out));
    EXPECT_EQ(out, -1);  // untouched when there is no number
    EXPECT_EQ(problems(), Lines{"/x/name: expected a number, found a string"});
}

TEST_F(CriteriaReaderTest, BoolMembersFallBack)
{
    EXPECT_TRUE(reader.bool_member(kObject, "flag", "/x", false));
    EXPECT_TRUE(reader.bool_member(kObject, "absent", "/x", true));
    EXPECT_FALSE(reader.bool_member(kObject, "absent", "/x", false));
    EXPECT_TRUE(reader.bool_member(kObject, "count", "/x", true));
    EXPECT_EQ(problems(), Lines{"/x/count: expected true or false, found a number"});
}

TEST_F(CriteriaReaderTest, ArrayMembersAndObjects)
{
    EXPECT_EQ(reader.array_member(kObject, "list", "/x", true), &kObject["list"]);
    EXPECT_EQ(reader.array_member(kObject, "absent", "/x", false), nullptr);
    EXPECT_EQ(reader.array_member(kObject, "object", "/x", true), nullptr);
    EXPECT_TRUE(reader.expect_object(kObject["object"], "/x/object"));
    EXPECT_FALSE(reader.expect_object(kObject["list"], "/x/list"));
    EXPECT_TRUE(reader.expect_object(kObject, ""));
    EXPECT_EQ(problems(), (Lines{"/x/object: expected an array, found an object", "/x/list: expected an object, found an array"}));
}

// Typos in key names never pass silently: each unknown key is reported at
// its own pointer (escaped per RFC 6901), with what was expected.
TEST_F(CriteriaReaderTest, OnlyKeysReportsEachOtherKey)
{
    reader.only_keys(Json::parse(R"({"id": 1, "lable": 2, "a/b~c": 3})"), "/fields/3", {"id", "label"});
    EXPECT_EQ(problems(), (Lines{"/fields/3/lable: unknown key \"lable\" (expected one of: id, label)",
                                 "/fields/3/a~1b~0c: unknown key \"a/b~c\" (expected one of: id, label)"}));
}

TEST_F(CriteriaReaderTest, ErrorsAccumulateInOrder)
{
    reader.error("", "first");
    reader.error("/a", "second");
    EXPECT_EQ(problems(), (Lines{"(document): first", "/a: second"}));
}

TEST(CriteriaReaderHelpers, Identifiers)
{
    EXPECT_TRUE(is_identifier("lvef"));
    EXPECT_TRUE(is_identifier("alt_x_uln"));
    EXPECT_TRUE(is_identifier("t2"));
    EXPECT_TRUE(is_identifier("_private"));
    EXPECT_TRUE(is_identifier(std::string(64, 'a')));
    EXPECT_FALSE(is_identifier(std::string(65, 'a')));
    EXPECT_FALSE(is_identifier(""));
    EXPECT_FALSE(is_identifier("2nd"));
    EXPECT_FALSE(is_identifier("LVEF"));
    EXPECT_FALSE(is_identifier("alt-uln"));
    EXPECT_FALSE(is_identifier("a b"));
}

TEST(CriteriaReaderHelpers, QuotesAndLists)
{
    EXPECT_EQ(in_quotes("lvef"), "\"lvef\"");
    EXPECT_EQ(in_quotes(""), "\"\"");
    const char* const names[] = {"a", "b", "c"};
    EXPECT_EQ(comma_list(names), "a, b, c");
    EXPECT_EQ(comma_list(std::span<const char* const>(names, 1)), "a");
    EXPECT_EQ(comma_list({}), "");
}

} // namespace
