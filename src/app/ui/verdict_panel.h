// The verdict, redrawn on every change: a large banner (icon, words and
// color), what decides it, what is missing, derived values and dates, then
// every criterion with its status, reason and verbatim protocol sentence
// (with its translation in a translated trial). Clicking a criterion or a
// missing field asks the form to show its input.
//
// Example:
//   VerdictView view{&shown_trial, &record, &evaluation, &errors, bold_font, &text, &locator};
//   const int field = draw_verdict(view);   // -1, or the field to jump to
#pragma once
#include "app/ui/app_text.h"
#include "app/ui/item_locator.h"
#include "core/eval/evaluate.h"
#include "core/model/record.h"
#include "core/model/trial.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace app {

struct VerdictView {
    const elig::Trial* trial = nullptr;             // in the reader's language
    const elig::Record* record = nullptr;
    const elig::Evaluation* evaluation = nullptr;  // valid only when `errors` is empty
    const std::vector<elig::InputError>* errors = nullptr;
    ImFont* bold = nullptr;
    const AppText* text = nullptr;
    ItemLocator* locator = nullptr;
    bool touch = false;
};

// Returns the field the user asked to see (-1 when none).
int draw_verdict(const VerdictView& view);

// "Eligible" and so on; the banner's words.
const char* verdict_words(const AppText& text, elig::Status overall);
// The verdict in a word or two, for a header chip or a table cell with no room for more.
const char* verdict_chip_words(const AppText& text, elig::Status overall);
const char* status_word(const AppText& text, elig::Status status);

} // namespace app
