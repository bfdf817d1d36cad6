// The verdict as JSON, in the contract's shape: trial, overall, criteria
// (id, kind, title, status, reason, fields, missing, source), missing, and
// the derived values. One line, no trailing newline. The static parts
// (ids, titles, verbatim sources) are escaped once per trial, not per record.
//
// Example:
//   RecordReader reader(trial);
//   std::vector<InputError> errors;
//   VerdictWriter writer(trial);             // once per trial, then for every record
//   std::string out;                         // write() and write_errors() append
//   if (reader.read(line, record, errors)) { // line: {"id": "p-7", "lvef": 40}
//       evaluate(trial, record, ev);
//       writer.write(record, ev, out);       // {"trial":"NCT07345780","criteria_version":"…","record_id":"p-7","overall":"ineligible",…}
//   } else {                                 // line 7 of an NDJSON file: {"lvef": "high"}
//       writer.write_errors(errors, out, 7);
//       // {"trial":…,"line":7,"errors":[{"field":"lvef","code":"expected_number_in","message":"lvef: expected a number in %, got \"high\""}]}
//   }
#pragma once
#include "core/eval/evaluate.h"
#include "core/model/record.h"
#include "core/model/trial.h"
#include "core/report/reason.h"

#include <string>
#include <vector>

namespace elig {

class VerdictWriter {
public:
    explicit VerdictWriter(const Trial& trial);

    void write(const Record& record, const Evaluation& ev, std::string& out);

    // No verdict: the input errors instead. `line` > 0 adds the NDJSON line number.
    void write_errors(const std::vector<InputError>& errors, std::string& out, long line = 0) const;

private:
    const Trial& trial_;
    std::string header_;                     // {"trial":"…","criteria_version":"…"
    std::vector<std::string> criterion_head_;  // {"id":"…","kind":"…","title":"…"
    std::vector<std::string> criterion_tail_;  // ,"source":"…"}
    std::vector<std::string> field_ids_;       // "alt" (quoted)
    std::vector<std::string> fixed_fields_;    // ["a","b"] when the criterion always reads the same fields
    std::string reason_;                       // reused between criteria

    void append_fields(std::string& out, const FieldSet& set) const;
    void append_alternatives(std::string& out, const std::vector<MissingItem>& items) const;
};

} // namespace elig
