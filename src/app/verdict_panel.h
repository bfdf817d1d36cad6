// The verdict, redrawn on every change: a large banner (icon, words and
// color), what decides it, what is missing, derived values and dates, then
// every criterion with its status, reason and verbatim protocol sentence.
// Clicking a criterion or a missing field asks the form to show its input.
#pragma once
#include "core/evaluate.h"
#include "core/record.h"
#include "core/trial.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace app {

struct VerdictView {
    const elig::Trial* trial = nullptr;
    const elig::Record* record = nullptr;
    const elig::Evaluation* evaluation = nullptr;  // valid only when `errors` is empty
    const std::vector<elig::InputError>* errors = nullptr;
    ImFont* bold = nullptr;
};

// Returns the field the user asked to see (-1 when none).
int draw_verdict(const VerdictView& view);

// "Eligible" and so on; the banner's words.
const char* verdict_words(elig::Status overall);

} // namespace app
