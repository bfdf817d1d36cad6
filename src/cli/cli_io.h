// What every CLI command shares: reading a file (or stdin), writing stdout,
// the exit statuses, and printing one record's verdict. The commands in
// main.cpp and fhir_command.cpp are thin on top of it.
//
// Example:
//   auto text = read_input(path);                 // complains on stderr itself
//   if (!text) return kExitUsage;
//   return print_verdict(trial, *text, text_format);
#pragma once
#include "core/model/trial.h"

#include <optional>
#include <string>
#include <string_view>

namespace elig {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // I/O failure while writing or reading a batch
inline constexpr int kExitUsage = 2;    // usage, criteria or record error

// The whole file, or stdin for "-"; nullopt (after saying why on stderr)
// when it cannot be opened or read.
std::optional<std::string> read_input(const std::string& path);

// A file's bytes without copying them (mapped read-only where the system
// can; stdin and the node build read into memory): a log of a million
// records is 1.7 GB, which a copy doubles and a read spends time copying.
class InputText {
public:
    InputText() = default;
    InputText(const InputText&) = delete;
    InputText& operator=(const InputText&) = delete;
    ~InputText();
    // False (after saying why on stderr) when `path` cannot be opened or read.
    bool open(const std::string& path);
    std::string_view text() const { return mapped_ ? std::string_view(mapped_, mapped_size_) : std::string_view(read_); }

private:
    const char* mapped_ = nullptr;
    size_t mapped_size_ = 0;
    std::string read_;
};

// True when all of `text` reached stdout.
bool write_out(std::string_view text);

// Reads `record_json` as a record of `trial`, evaluates it and prints the
// verdict JSON (or the text report). Input errors go to stderr in the
// trial's language. Returns the exit status.
int print_verdict(const Trial& trial, std::string_view record_json, bool text_format);

} // namespace elig
