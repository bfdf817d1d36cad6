// libFuzzer target: the batch path. Whatever the bytes and however they are
// split into chunks, every non-blank line yields exactly one output line of
// JSON: a verdict, or an error object with that line's number.
#include "bundled/bundled_loaded.h"
#include "cli/batch.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const elig::Trial& trial = elig::loaded_bundled_trial();
    if (size == 0) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const size_t cut = input.empty() ? 0 : data[0] % (input.size() + 1);  // the first byte chooses a chunk boundary

    elig::BatchEvaluator batch(trial);
    std::string out;
    batch.feed(input.substr(0, cut), out);
    batch.feed(input.substr(cut), out);
    batch.finish(out);

    long expected = 0, lines = 0;
    size_t start = 0;
    while (start <= input.size()) {
        size_t end = input.find('\n', start);
        if (end == std::string_view::npos) end = input.size();
        std::string_view line = input.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") != std::string_view::npos) ++expected;
        if (end == input.size()) break;
        start = end + 1;
    }
    start = 0;
    for (size_t end; (end = out.find('\n', start)) != std::string::npos; start = end + 1) {
        ++lines;
        if (!nlohmann::json::accept(std::string_view(out).substr(start, end - start))) {
            std::fprintf(stderr, "output line %ld is not JSON\n", lines);
            std::abort();
        }
    }
    if (lines != expected) {
        std::fprintf(stderr, "%ld records in, %ld lines out\n", expected, lines);
        std::abort();
    }
    return 0;
}
