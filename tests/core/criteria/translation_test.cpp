// The bundled translations load, and a translation that lacks a string is
// refused with the JSON pointer of what is missing: a half-translated trial
// would show English and Chinese mixed, or nothing, in a clinician's report.
#include "bundled/bundled_criteria.h"
#include "core/base/load_error.h"
#include "core/criteria/trial_loader.h"
#include "core/criteria/trial_translation.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace elig;
using nlohmann::ordered_json;

namespace {

const Trial& english()
{
    static const Trial trial = [] {
        TrialLoadResult loaded = load_trial(bundled_criteria());
        if (!loaded.ok()) throw std::runtime_error("the bundled criteria do not load");
        return *loaded.trial;
    }();
    return trial;
}

// Named in failure messages: the file the bundled zh-CN translation is built from.
constexpr const char* kBundled = "criteria/NCT07345780.zh-CN.json";

const BundledLanguage& chinese()
{
    const BundledLanguage* zh = find_bundled_language("zh-CN");
    if (!zh) throw std::runtime_error("zh-CN is not bundled (ELIG_LANGUAGES)");
    return *zh;
}

std::string all_errors(const TrialLoadResult& result)
{
    std::string out;
    for (const LoadError& e : result.errors) out += "\n  " + describe(e);
    return out;
}

bool has_error_at(const TrialLoadResult& result, const std::string& path)
{
    for (const LoadError& e : result.errors)
        if (e.path == path) return true;
    return false;
}

TrialLoadResult translate(const ordered_json& translation) { return translate_trial(english(), translation.dump(), chinese().language()); }

// JSON pointers of every string of a translation that is words (not the
// file's format, language or criteria version).
void text_pointers(const ordered_json& value, const std::string& at, std::vector<std::string>& out)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            std::string token = it.key();
            for (size_t p = 0; (p = token.find_first_of("~/", p)) != std::string::npos; p += 2)
                token.replace(p, 1, token[p] == '~' ? "~0" : "~1");
            text_pointers(it.value(), at + "/" + token, out);
        }
    } else if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i) text_pointers(value[i], at + "/" + std::to_string(i), out);
    } else if (value.is_string() && at != "/format" && at != "/language" && at != "/criteria_version" && at != "/$schema") {
        out.push_back(at);
    }
}

TEST(Translation, EveryBundledLanguageLoads)
{
    ASSERT_FALSE(bundled_languages().empty()) << "no bundled language (ELIG_LANGUAGES in src/CMakeLists.txt)";
    for (const BundledLanguage& language : bundled_languages()) {
        TrialLoadResult result = translate_trial(english(), language.translation(), language.language());
        ASSERT_TRUE(result.ok()) << "criteria translation " << language.tag << " is refused:" << all_errors(result);
        const Trial& t = *result.trial;
        EXPECT_EQ(t.messages.language(), language.tag);
        EXPECT_FALSE(t.translation_notice.empty()) << language.tag;
        ASSERT_EQ(t.criteria.size(), english().criteria.size());
        for (size_t c = 0; c < t.criteria.size(); ++c) {
            // Same rules and ids; the registry's sentence verbatim, its translation beside it.
            EXPECT_EQ(t.criteria[c].id, english().criteria[c].id);
            EXPECT_EQ(t.criteria[c].source, english().criteria[c].source) << t.criteria[c].id;
            EXPECT_FALSE(t.criteria[c].source_translation.empty()) << language.tag << " " << t.criteria[c].id;
        }
    }
}

TEST(Translation, ChineseWordsReplaceTheEnglish)
{
    TrialLoadResult result = translate_trial(english(), chinese().translation(), chinese().language());
    ASSERT_TRUE(result.ok()) << all_errors(result);
    const Trial& t = *result.trial;
    EXPECT_EQ(t.field(t.find_slot("sex")).label, "性别");
    EXPECT_EQ(t.criteria[0].title, "知情同意");
    EXPECT_EQ(t.sections[0].label, "基本信息");
}

// The case of the issue: the label of lvef deleted from the translation.
TEST(Translation, AMissingLabelIsRefusedWithItsPath)
{
    ordered_json translation = ordered_json::parse(chinese().translation());
    ASSERT_TRUE(translation["fields"]["lvef"].contains("label"));
    translation["fields"]["lvef"].erase("label");
    TrialLoadResult result = translate(translation);
    EXPECT_FALSE(result.ok()) << kBundled << " without /fields/lvef/label was accepted";
    EXPECT_TRUE(has_error_at(result, "/fields/lvef/label")) << kBundled << " without /fields/lvef/label: no error at /fields/lvef/label; errors:" << all_errors(result);
}

// Every string of the bundled translation is needed: removing any one of
// them is refused. (structured_eligibility notes are checked only by
// tests/i18n/check_translations.py: the core does not read them.)
TEST(Translation, RemovingAnyStringIsRefused)
{
    const ordered_json translation = ordered_json::parse(chinese().translation());
    std::vector<std::string> pointers;
    text_pointers(translation, "", pointers);
    ASSERT_GT(pointers.size(), 200u);
    for (const std::string& at : pointers) {
        if (at.rfind("/structured_eligibility/", 0) == 0) continue;
        ordered_json broken = translation;
        const ordered_json::json_pointer pointer(at);
        ordered_json& parent = broken[pointer.parent_pointer()];
        if (parent.is_array()) parent.erase(static_cast<size_t>(std::stoul(pointer.back())));
        else parent.erase(pointer.back());
        EXPECT_FALSE(translate(broken).ok()) << kBundled << " without " << at << " was accepted";
    }
}

TEST(Translation, AnEmptyStringIsRefused)
{
    const ordered_json translation = ordered_json::parse(chinese().translation());
    std::vector<std::string> pointers;
    text_pointers(translation, "", pointers);
    for (const std::string& at : pointers) {
        if (at.rfind("/structured_eligibility/", 0) == 0) continue;
        ordered_json broken = translation;
        broken[ordered_json::json_pointer(at)] = "";
        EXPECT_FALSE(translate(broken).ok()) << kBundled << " with an empty " << at << " was accepted";
    }
}

TEST(Translation, WhatTheTrialDoesNotHaveIsRefused)
{
    ordered_json translation = ordered_json::parse(chinese().translation());
    translation["fields"]["lvf"] = {{"label", "LVEF"}};
    TrialLoadResult result = translate(translation);
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(has_error_at(result, "/fields/lvf")) << all_errors(result);
}

TEST(Translation, AnotherCriteriaVersionIsRefused)
{
    ordered_json translation = ordered_json::parse(chinese().translation());
    translation["criteria_version"] = "NCT07345780-2025-01-01.r0";
    TrialLoadResult result = translate(translation);
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(has_error_at(result, "/criteria_version")) << all_errors(result);
}

} // namespace
