// Batch pre-screening: NDJSON in, one verdict (or error object) per line
// out. Fed in chunks of any size; a bad line yields its error object with
// its line number and the rest still run. Used by the CLI and its fuzzer.
//
// Example:
//   BatchEvaluator batch(trial);
//   std::string out;
//   batch.feed("{\"lvef\": 40}\n{\"lvef\": \"hi", out);  // one verdict line; the second line waits
//   batch.feed("gh\"}\n", out);        // + {"trial":…,"line":2,"errors":[{"field":"lvef",…}]}
//   batch.finish(out);                  // a last line without its newline, if any
//   batch.lines();                      // 2; bad_lines() is 1
#pragma once
#include "core/eval/evaluate.h"
#include "core/records/record_reader.h"
#include "core/report/verdict_json.h"

#include <string>
#include <string_view>

namespace elig {

class BatchEvaluator {
public:
    explicit BatchEvaluator(const Trial& trial) : trial_(trial), reader_(trial), writer_(trial) {}

    // Evaluates every complete line in `bytes` (plus what an earlier call
    // left pending) and appends one output line per record to `out`.
    void feed(std::string_view bytes, std::string& out);
    // The last line, when the input does not end with a newline.
    void finish(std::string& out);

    long lines() const { return lines_; }          // lines read, blank ones included
    long bad_lines() const { return bad_lines_; }  // lines that got an error object

    // For a chunk that starts further into the input: the number of lines
    // before it, so error objects carry the input's own line numbers.
    void start_at_line(long lines_before) { lines_ = lines_before; bad_lines_ = 0; }

private:
    const Trial& trial_;
    RecordReader reader_;
    VerdictWriter writer_;
    Record record_;
    Evaluation evaluation_;
    std::vector<InputError> errors_;
    std::string pending_;
    long lines_ = 0, bad_lines_ = 0;

    void line(std::string_view text, std::string& out);
};

} // namespace elig
