#include "core/i18n/messages.h"

#include "core/json/json_dom.h"

namespace elig {

namespace {

constexpr MessageCatalogue::Spec kSpecs[] = {
#define ELIG_MESSAGE_SPEC(id, key, ...) {key, {__VA_ARGS__}},
    ELIG_CORE_MESSAGES(ELIG_MESSAGE_SPEC)
#undef ELIG_MESSAGE_SPEC
};

constexpr Msg kJsonErrorMessages[] = {
    Msg::json_unexpected_character,  // none: never shown
#define ELIG_JSON_ERROR_MESSAGE(name) Msg::json_##name,
    ELIG_JSON_ERRORS(ELIG_JSON_ERROR_MESSAGE)
#undef ELIG_JSON_ERROR_MESSAGE
};

} // namespace

std::span<const MessageCatalogue::Spec> Messages::specs() { return kSpecs; }

Msg json_error_message(JsonErrorCode code) { return kJsonErrorMessages[static_cast<size_t>(code)]; }

std::string describe(const Messages& messages, const JsonError& error)
{
    return messages.format(Msg::json_at, {std::to_string(error.line), std::to_string(error.column), messages.text(json_error_message(error.code))});
}

bool Messages::load(std::string_view language_json, std::vector<LoadError>& errors)
{
    Json root;
    JsonDomError problem;
    if (!parse_json_dom(language_json, root, problem)) {
        errors.push_back(json_load_error(problem));
        return false;
    }
    return load_root(root, errors);
}

bool Messages::load_root(const Json& root, std::vector<LoadError>& errors)
{
    const size_t before = errors.size();
    if (!root.is_object() || !root.contains("language") || !root["language"].is_string())
        errors.push_back({"/language", "expected the language's tag, such as \"en\" or \"zh-CN\""});
    if (!root.is_object() || !root.contains("lower_first_mid_sentence") || !root["lower_first_mid_sentence"].is_boolean())
        errors.push_back({"/lower_first_mid_sentence", "expected true or false"});
    MessageCatalogue catalogue;
    catalogue.load(root, "core", kSpecs, errors);
    if (errors.size() != before) return false;
    catalogue_ = std::move(catalogue);
    language_ = root["language"].get<std::string>();
    lower_first_ = root["lower_first_mid_sentence"].get<bool>();
    return true;
}

LoadError json_load_error(const JsonDomError& error)
{
    if (!error.repeated_key.empty()) return {error.repeated_key, "given twice in its object (the second would silently replace the first)"};
    // The words of the English file, read without this function (so that
    // a broken English file cannot recurse): its code, else.
    Json root;
    JsonDomError own;
    Messages english;
    std::vector<LoadError> ignored;
    if (parse_json_dom(english_language_file(), root, own) && english.load_root(root, ignored)) return {"", describe(english, error.syntax)};
    return {"", "line " + std::to_string(error.syntax.line) + ", column " + std::to_string(error.syntax.column) + ": json." + json_error_name(error.syntax.code)};
}

void Messages::append_mid_sentence(std::string& out, std::string_view text) const
{
    const size_t at = out.size();
    out += text;
    if (lower_first_ && text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' && !(text[1] >= 'A' && text[1] <= 'Z'))
        out[at] = static_cast<char>(text[0] - 'A' + 'a');
}

} // namespace elig
