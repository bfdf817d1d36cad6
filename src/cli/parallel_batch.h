// Batch evaluation on several cores: the input is cut into chunks of whole
// lines; workers, each with its own reader and writer, evaluate chunks as
// they come; the outputs are written in input order. Byte for byte the same
// output as one BatchEvaluator, whatever the number of workers.
//
// Example:
//   const auto write = [](const std::string& piece) { return std::fwrite(piece.data(), 1, piece.size(), stdout) == piece.size(); };
//   const BatchTotals totals = evaluate_in_parallel(trial, stdin, std::thread::hardware_concurrency(), write);
//   if (totals.read_failed || totals.write_failed) return kExitFailure;  // I/O, not the records
//   // totals.bad_lines of totals.lines got an error object instead of a verdict
#pragma once
#include "cli/batch.h"

#include <cstdio>
#include <functional>
#include <string>

namespace elig {

struct BatchTotals {
    long lines = 0;
    long bad_lines = 0;
    bool read_failed = false;
    bool write_failed = false;
};

// Reads `in` to its end and hands each piece of output to `write`.
BatchTotals evaluate_in_parallel(const Trial& trial, std::FILE* in, unsigned workers, const std::function<bool(const std::string&)>& write);

} // namespace elig
