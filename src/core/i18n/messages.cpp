#include "core/i18n/messages.h"

#include "core/json/json_dom.h"

namespace elig {

namespace {

constexpr MessageCatalogue::Spec kSpecs[] = {
#define ELIG_MESSAGE_SPEC(id, key, ...) {key, {__VA_ARGS__}},
    ELIG_CORE_MESSAGES(ELIG_MESSAGE_SPEC)
#undef ELIG_MESSAGE_SPEC
};

} // namespace

std::span<const MessageCatalogue::Spec> Messages::specs() { return kSpecs; }

bool Messages::load(std::string_view language_json, std::vector<LoadError>& errors)
{
    nlohmann::ordered_json root;
    std::string syntax;
    if (!parse_json_dom(language_json, root, syntax)) {
        errors.push_back({"", syntax});
        return false;
    }
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

void Messages::append_mid_sentence(std::string& out, std::string_view text) const
{
    const size_t at = out.size();
    out += text;
    if (lower_first_ && text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' && !(text[1] >= 'A' && text[1] <= 'Z'))
        out[at] = static_cast<char>(text[0] - 'A' + 'a');
}

} // namespace elig
