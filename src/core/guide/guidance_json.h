// The guidance as JSON, for the CLI's `next` and the page alike:
//   {"state": "ask", "overall": "incomplete",
//    "questions": [{"field": "diagnosis", "with": [], "known_at": "chart", "can_end": true,
//                   "settles": ["inc_disease"],
//                   "answers": [{"answer": "t_all", "then": "continue", "fails": [], "settles": []}, ...]}, ...],
//    "visit": ["consent"]}
// An answer is true / false, an enum value's id, "none", a number range
// ({"below": 70}, {"at_least": 70}, {"above": 1.5, "at_most": 2.5}; in the
// canonical unit of "field"), or a window ({"within": {"weeks": 4},
// "before": "screening_date"}, {"not_within": ...}). "then" is what the
// screening would be with it: "ineligible", "eligible", "review" or
// "continue". Ineligible guidance also names the "deciding" criteria.
//
// Example:
//   Guide guide(trial);
//   std::string out;
//   JsonWriter json(out);
//   write_guidance_json(trial, guide.next(record, FieldSet{}), json);   // {"state":"ask",...}
#pragma once
#include "core/guide/next_question.h"
#include "core/json/json_writer.h"

namespace elig {

void write_guidance_json(const Trial& trial, const Guidance& guidance, JsonWriter& out);

} // namespace elig
