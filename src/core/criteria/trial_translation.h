// A Trial in another language: the same rules, ids and units, with every
// word a person reads taken from a translation file
// (criteria/<trial>.<language>.json, format "eligibility-translation/1")
// and the language's sentences from its language file (i18n/<language>.json).
// The registry's verbatim sentences stay as they are, each with its
// translation beside it. A translation that misses a string, names
// something the trial does not have, or was made for another criteria
// version is refused, every problem with its JSON pointer.
//
// Example:
//   const BundledLanguage* chinese = find_bundled_language("zh-CN");  // bundled/bundled_criteria.h
//   TrialLoadResult zh = translate_trial(trial, chinese->translation(), chinese->language());
//   if (!zh.ok()) report(zh.errors);               // "/fields/lvef/help: missing"
//   zh.trial->field(slot).label;                    // "左心室射血分数（LVEF）"
//   criterion_reason(*zh.trial, record, ev, c);     // "左心室射血分数（LVEF）40%，低于要求的45%"
#pragma once
#include "core/criteria/trial_loader.h"

#include <string_view>

namespace elig {

TrialLoadResult translate_trial(const Trial& trial, std::string_view translation_json, std::string_view language_json);

} // namespace elig
