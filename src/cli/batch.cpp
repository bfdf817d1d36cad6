#include "cli/batch.h"

namespace elig {

void BatchEvaluator::line(std::string_view text, std::string& out)
{
    ++lines_;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t") == std::string_view::npos) return;  // blank lines carry no record
    if (reader_.read(text, record_, errors_)) {
        evaluate(trial_, record_, evaluation_);
        writer_.write(record_, evaluation_, out);
    } else {
        ++bad_lines_;
        writer_.write_errors(errors_, out, lines_);
    }
    out += '\n';
}

void BatchEvaluator::feed(std::string_view bytes, std::string& out)
{
    size_t start = 0;
    for (size_t newline; (newline = bytes.find('\n', start)) != std::string_view::npos; start = newline + 1) {
        if (pending_.empty()) {
            line(bytes.substr(start, newline - start), out);
        } else {
            pending_.append(bytes.substr(start, newline - start));
            line(pending_, out);
            pending_.clear();
        }
    }
    pending_.append(bytes.substr(start));
}

void BatchEvaluator::finish(std::string& out)
{
    if (!pending_.empty()) line(pending_, out);
    pending_.clear();
}

} // namespace elig
