// Language files: MessageCatalogue (templates with named placeholders, and
// every way a file can be wrong, with its JSON pointer), Messages (the
// core's English, compiled in) and the mid-sentence lower-casing.
#include "core/i18n/message_catalogue.h"

#include <nlohmann/json.hpp>
#include "core/i18n/messages.h"

#include <gtest/gtest.h>

#include <functional>

using namespace elig;
// Tests change a language file through nlohmann's DOM, then load its text.
using EditableJson = nlohmann::ordered_json;

namespace {

constexpr MessageCatalogue::Spec kSpecs[] = {
    {"greeting", {"name"}},
    {"dated", {"label", "date"}},
    {"plain", {}},
};

std::vector<std::string> load_errors(const char* json, MessageCatalogue* into = nullptr)
{
    MessageCatalogue catalogue;
    std::vector<LoadError> errors;
    const bool ok = (into ? *into : catalogue).load(Json::parse(json), "app", kSpecs, errors);
    EXPECT_EQ(ok, errors.empty());
    std::vector<std::string> out;
    for (const LoadError& e : errors) out.push_back(describe(e));
    return out;
}

MessageCatalogue loaded(const char* json)
{
    MessageCatalogue catalogue;
    EXPECT_EQ(load_errors(json, &catalogue), std::vector<std::string>{});
    return catalogue;
}

using Lines = std::vector<std::string>;

TEST(MessageCatalogue, FillsPlaceholdersInTheSpecsOrder)
{
    const MessageCatalogue c = loaded(R"({"app": {"greeting": "Hello, {name}!", "dated": "{label} {date}", "plain": "Just text"}})");
    EXPECT_EQ(c.format(0, {"Wuhan"}), "Hello, Wuhan!");
    EXPECT_EQ(c.format(1, {"Screening date", "2027-01-10"}), "Screening date 2027-01-10");
    EXPECT_EQ(c.format(2), "Just text");
    std::string out = "> ";
    c.append(out, 0, {"you"});
    EXPECT_EQ(out, "> Hello, you!");
}

// A translation may put the placeholders in another order, or use one twice.
TEST(MessageCatalogue, PlaceholdersReorderedOrRepeated)
{
    const MessageCatalogue c = loaded(R"({"app": {"greeting": "{name}, {name}!", "dated": "{date}: {label}", "plain": ""}})");
    EXPECT_EQ(c.format(1, {"Screening date", "2027-01-10"}), "2027-01-10: Screening date");
    EXPECT_EQ(c.format(0, {"Hi"}), "Hi, Hi!");
    EXPECT_EQ(c.format(2), "");
    EXPECT_EQ(c.text(1), "{date}: {label}");  // the template as written
}

// Braces that do not hold a placeholder name (lower-case letters, digits
// and _, not starting with a digit) are text: JSON shapes in messages.
TEST(MessageCatalogue, LiteralBracesAreKept)
{
    const MessageCatalogue c = loaded(R"({"app": {"greeting": "expected {\"value\": number, \"unit\": one of {name}}", "dated": "{} {Label} {9x} { date} {label}{date}",
                                                   "plain": "{"}})");
    EXPECT_EQ(c.format(0, {"g/L, g/dL"}), R"(expected {"value": number, "unit": one of g/L, g/dL})");
    EXPECT_EQ(c.format(1, {"L", "D"}), "{} {Label} {9x} { date} LD");
    EXPECT_EQ(c.format(2), "{");
}

TEST(MessageCatalogue, MissingKey)
{
    EXPECT_EQ(load_errors(R"({"app": {"greeting": "Hello, {name}!", "plain": "x"}})"), Lines{"/app/dated: missing"});
}

TEST(MessageCatalogue, UnknownKey)
{
    EXPECT_EQ(load_errors(R"({"app": {"greeting": "Hi", "dated": "", "plain": "", "greetings": "Hi", "a/b": "x"}})"),
              (Lines{"/app/greetings: unknown message key \"greetings\"", "/app/a~1b: unknown message key \"a/b\""}));
}

TEST(MessageCatalogue, UnknownPlaceholderListsTheAllowedOnes)
{
    EXPECT_EQ(load_errors(R"({"app": {"greeting": "Hello, {nam}!", "dated": "{label} {when}", "plain": "{n} items"}})"),
              (Lines{"/app/greeting: unknown placeholder {nam} (this message takes {name})",
                     "/app/dated: unknown placeholder {when} (this message takes {label}, {date})",
                     "/app/plain: unknown placeholder {n} (this message takes none)"}));
}

TEST(MessageCatalogue, NonStringValue)
{
    EXPECT_EQ(load_errors(R"({"app": {"greeting": 42, "dated": ["{label}"], "plain": null}})"),
              (Lines{"/app/greeting: expected a string, found a number", "/app/dated: expected a string, found an array",
                     "/app/plain: expected a string, found null"}));
}

TEST(MessageCatalogue, MissingSection)
{
    EXPECT_EQ(load_errors(R"({"core": {}})"), Lines{"/app: missing the \"app\" messages (an object of key to text)"});
    EXPECT_EQ(load_errors(R"({"app": "x"})"), Lines{"/app: missing the \"app\" messages (an object of key to text)"});
    EXPECT_EQ(load_errors("[]"), Lines{"/app: missing the \"app\" messages (an object of key to text)"});
}

// A file with errors changes nothing: the catalogue keeps what it had.
TEST(MessageCatalogue, NothingIsKeptOnErrors)
{
    MessageCatalogue c = loaded(R"({"app": {"greeting": "Hello, {name}!", "dated": "", "plain": ""}})");
    EXPECT_FALSE(load_errors(R"({"app": {"greeting": "Bye, {name}!"}})", &c).empty());
    EXPECT_EQ(c.format(0, {"Wuhan"}), "Hello, Wuhan!");
    EXPECT_TRUE(MessageCatalogue().empty());
    EXPECT_FALSE(c.empty());
}

TEST(TemplatePlaceholders, InOrderOfAppearance)
{
    EXPECT_EQ(template_placeholders("{label} {date}"), (Lines{"label", "date"}));
    EXPECT_EQ(template_placeholders("{date}{label}{date}"), (Lines{"date", "label", "date"}));
    EXPECT_EQ(template_placeholders(R"(expected {"value": number, "unit": one of {units}})"), Lines{"units"});
    EXPECT_EQ(template_placeholders("{} {Label} {9x} {a_1} {"), Lines{"a_1"});
    EXPECT_EQ(template_placeholders(""), Lines{});
}

// ---- Messages: the core's sentences ------------------------------------------

Messages english()
{
    Messages m;
    std::vector<LoadError> errors;
    EXPECT_TRUE(m.load(english_language_file(), errors));
    EXPECT_TRUE(errors.empty());
    return m;
}

// en.json with one change made to it.
std::string english_with(const std::function<void(EditableJson&)>& change)
{
    EditableJson root = EditableJson::parse(english_language_file());
    change(root);
    return root.dump();
}

std::vector<std::string> messages_errors(const std::string& language_json)
{
    Messages m;
    std::vector<LoadError> errors;
    EXPECT_FALSE(m.load(language_json, errors));
    std::vector<std::string> out;
    for (const LoadError& e : errors) out.push_back(describe(e));
    return out;
}

TEST(Messages, TheCompiledInEnglishLoads)
{
    const Messages en = english();
    EXPECT_EQ(en.language(), "en");
    EXPECT_TRUE(en.lower_first_mid_sentence());
    EXPECT_EQ(en.format(Msg::reason_at_least_fail, {"LVEF 40%", "45%"}), "LVEF 40% is below the required 45%");
    EXPECT_EQ(en.format(Msg::reason_window_within, {"Last live vaccine", "2026-12-14", "4 weeks", "screening date", "2027-01-10"}),
              "Last live vaccine 2026-12-14 is within 4 weeks before screening date 2027-01-10");
    EXPECT_EQ(en.format(Msg::error_quantity_unexpected, {"\"val\"", "g/L, g/dL"}),
              R"(unexpected "val" in a quantity (expected {"value": number, "unit": one of g/L, g/dL}))");
    EXPECT_EQ(en.text(Msg::clause_separator), "; ");
    EXPECT_EQ(en.text(Msg::reason_does_not_apply), "Does not apply");
    // Every message the code names is there and has text.
    for (size_t id = 0; id < Messages::specs().size(); ++id)
        EXPECT_FALSE(en.text(static_cast<Msg>(id)).empty()) << Messages::specs()[id].key;
}

TEST(Messages, ErrorsNameTheirPlace)
{
    EXPECT_EQ(messages_errors(english_with([](EditableJson& root) { root["core"].erase("reason.none"); })), Lines{"/core/reason.none: missing"});
    EXPECT_EQ(messages_errors(english_with([](EditableJson& root) { root["core"]["reason.none"] = "{label}: none ({when})"; })),
              Lines{"/core/reason.none: unknown placeholder {when} (this message takes {label})"});
    EXPECT_EQ(messages_errors(english_with([](EditableJson& root) { root["core"]["reason.maybe"] = "?"; })),
              Lines{"/core/reason.maybe: unknown message key \"reason.maybe\""});
    EXPECT_EQ(messages_errors(english_with([](EditableJson& root) { root.erase("language"); })),
              Lines{"/language: expected the language's tag, such as \"en\" or \"zh-CN\""});
    EXPECT_EQ(messages_errors(english_with([](EditableJson& root) { root["lower_first_mid_sentence"] = "yes"; })),
              Lines{"/lower_first_mid_sentence: expected true or false"});
    EXPECT_EQ(messages_errors("[]"), (Lines{"/language: expected the language's tag, such as \"en\" or \"zh-CN\"",
                                            "/lower_first_mid_sentence: expected true or false",
                                            "/core: missing the \"core\" messages (an object of key to text)"}));
    const Lines syntax = messages_errors("{\"language\": ");
    ASSERT_EQ(syntax.size(), 1u);
    // "{"language": " ends after 14 bytes, where a value must come.
    EXPECT_EQ(syntax[0], "(document): line 1, column 14: unexpected end of input (expected a value)");
    // A member given twice is refused where it is, not silently replaced.
    EXPECT_EQ(messages_errors("{\"language\": \"en\", \"language\": \"zh-CN\"}"),
              Lines{"/language: given twice in its object (the second would silently replace the first)"});
}

TEST(Messages, AFailedLoadKeepsTheLanguageThatWasThere)
{
    Messages m = english();
    std::vector<LoadError> errors;
    EXPECT_FALSE(m.load(english_with([](EditableJson& root) {
                            root["language"] = "xx";
                            root["core"].erase("value");
                        }),
                        errors));
    EXPECT_EQ(m.language(), "en");
    EXPECT_EQ(m.text(Msg::reason_not_decided), "Not decided");
}

std::string mid(const Messages& m, std::string out, std::string_view text)
{
    m.append_mid_sentence(out, text);
    return out;
}

// English writes a label lower-case after other words, unless it starts
// with an abbreviation (two capitals) or is a single letter.
TEST(Messages, AppendMidSentenceLowerCasing)
{
    const Messages en = english();
    EXPECT_EQ(mid(en, "", "Screening date"), "screening date");
    EXPECT_EQ(mid(en, "", "Age"), "age");
    EXPECT_EQ(mid(en, "", "X-ray"), "x-ray");
    EXPECT_EQ(mid(en, "", "ALT upper limit of normal"), "ALT upper limit of normal");
    EXPECT_EQ(mid(en, "", "HBsAg positive"), "HBsAg positive");
    EXPECT_EQ(mid(en, "", "CD7-positive tumor cells"), "CD7-positive tumor cells");
    EXPECT_EQ(mid(en, "", "N"), "N");
    EXPECT_EQ(mid(en, "", ""), "");
    EXPECT_EQ(mid(en, "", "already lower"), "already lower");
    EXPECT_EQ(mid(en, "", "2nd line"), "2nd line");
    EXPECT_EQ(mid(en, "", "Ökonomie"), "Ökonomie");  // ASCII letters only
    // Only the appended text's first letter, never what was there.
    EXPECT_EQ(mid(en, "Needs ", "Weight"), "Needs weight");

    Messages as_written;
    std::vector<LoadError> errors;
    ASSERT_TRUE(as_written.load(english_with([](EditableJson& root) { root["lower_first_mid_sentence"] = false; }), errors));
    EXPECT_EQ(mid(as_written, "", "Screening date"), "Screening date");
}

} // namespace
