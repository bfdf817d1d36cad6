// Every error a user can cause has a code, and every code a message in
// every language: the JSON reader's codes (JsonErrorCode), the record
// reader's (its messages "error.*"), and nothing is told by matching text.
#include "bundled/bundled_criteria.h"
#include "core/i18n/messages.h"
#include "core/json/json_reader.h"
#include "core/model/record.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace elig;

namespace {

// English and every bundled language.
std::vector<Messages> all_languages()
{
    std::vector<Messages> out;
    std::vector<LoadError> errors;
    out.emplace_back();
    EXPECT_TRUE(out.back().load(english_language_file(), errors));
    for (const BundledLanguage& language : bundled_languages()) {
        out.emplace_back();
        EXPECT_TRUE(out.back().load(language.language(), errors)) << language.tag;
    }
    EXPECT_TRUE(errors.empty());
    return out;
}

} // namespace

TEST(ErrorCodes, EachJsonErrorHasItsMessageInEveryLanguage)
{
    const auto languages = all_languages();
    ASSERT_GE(languages.size(), 2u);
    for (int i = 1; i <= static_cast<int>(JsonErrorCode::too_large); ++i) {
        const auto code = static_cast<JsonErrorCode>(i);
        const Msg message = json_error_message(code);
        // The message is the code's own: "json.<name>".
        EXPECT_EQ(Messages::specs()[static_cast<size_t>(message)].key, std::string("json.") + json_error_name(code));
        for (const Messages& m : languages) {
            EXPECT_FALSE(m.text(message).empty()) << json_error_name(code) << " in " << m.language();
            const std::string said = describe(m, JsonError{code, 3, 14});
            EXPECT_NE(said.find('3'), std::string::npos) << said;
            EXPECT_NE(said.find("14"), std::string::npos) << said;
        }
    }
}

TEST(ErrorCodes, EachInputErrorIsAnErrorMessageInEveryLanguage)
{
    const auto languages = all_languages();
    size_t codes = 0;
    for (size_t id = 0; id < Messages::specs().size(); ++id) {
        const std::string_view key = Messages::specs()[id].key;
        if (key.rfind("error.", 0) != 0) continue;
        ++codes;
        const InputError e{"lvef", static_cast<Msg>(id), {}, ""};
        EXPECT_EQ(input_error_code(e), key.substr(6));  // "out_of_range" for "error.out_of_range"
        for (const Messages& m : languages) EXPECT_FALSE(m.text(static_cast<Msg>(id)).empty()) << key << " in " << m.language();
    }
    EXPECT_GE(codes, 25u);
}
