#include "app/ui/app_text.h"

#include "core/i18n/messages.h"
#include "core/json/json_dom.h"

namespace app {

namespace {

constexpr elig::MessageCatalogue::Spec kSpecs[] = {
#define APP_TEXT_SPEC(id, key, ...) {key, {__VA_ARGS__}},
    APP_TEXTS(APP_TEXT_SPEC)
#undef APP_TEXT_SPEC
};

} // namespace

bool AppText::load(std::string_view language_json, std::vector<elig::LoadError>& errors)
{
    elig::Json root;
    elig::JsonDomError problem;
    if (!elig::parse_json_dom(language_json, root, problem)) {
        errors.push_back(elig::json_load_error(problem));
        return false;
    }
    elig::MessageCatalogue catalogue;
    if (!catalogue.load(root, "app", kSpecs, errors)) return false;
    catalogue_ = std::move(catalogue);
    c_str_.clear();
    for (size_t i = 0; i < std::size(kSpecs); ++i) c_str_.emplace_back(catalogue_.text(i));
    language_ = root.value("language", "");
    return true;
}

} // namespace app
