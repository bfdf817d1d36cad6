#include "cli/cli_io.h"

#include "core/eval/evaluate.h"
#include "core/records/record_reader.h"
#include "core/report/text_report.h"
#include "core/report/verdict_json.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#ifndef __EMSCRIPTEN__
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace elig {

namespace {

bool read_stream(std::FILE* in, std::string& out)
{
    char buffer[1 << 16];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) out.append(buffer, n);
    return !std::ferror(in);
}

} // namespace

std::optional<std::string> read_input(const std::string& path)
{
    std::string text;
    if (path == "-") {
        if (!read_stream(stdin, text)) return std::nullopt;
        return text;
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
        std::fprintf(stderr, "eligibility: cannot open %s: %s\n", path.c_str(), std::strerror(errno));
        return std::nullopt;
    }
    // A file's size up front: a 100 MB export is read into one allocation,
    // not a string that doubles (and holds both halves while it does).
    if (std::fseek(file, 0, SEEK_END) == 0) {
        const long size = std::ftell(file);
        if (size > 0) text.reserve(static_cast<size_t>(size));
        std::rewind(file);
    }
    const bool ok = read_stream(file, text);
    std::fclose(file);
    if (!ok) {
        std::fprintf(stderr, "eligibility: cannot read %s\n", path.c_str());
        return std::nullopt;
    }
    return text;
}

InputText::~InputText()
{
#ifndef __EMSCRIPTEN__
    if (mapped_) munmap(const_cast<char*>(mapped_), mapped_size_);
#endif
}

bool InputText::open(const std::string& path)
{
#ifndef __EMSCRIPTEN__
    if (path != "-") {
        const int fd = ::open(path.c_str(), O_RDONLY);
        struct stat info {};
        if (fd >= 0 && fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
            void* bytes = mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
            ::close(fd);
            if (bytes != MAP_FAILED) {
                madvise(bytes, static_cast<size_t>(info.st_size), MADV_SEQUENTIAL);
                mapped_ = static_cast<const char*>(bytes);
                mapped_size_ = static_cast<size_t>(info.st_size);
                return true;
            }
        } else if (fd >= 0) {
            ::close(fd);
        }
    }
#endif
    // Empty files, pipes, and whatever cannot be mapped: read, with the same messages.
    std::optional<std::string> text = read_input(path);
    if (!text) return false;
    read_ = std::move(*text);
    return true;
}

bool write_out(std::string_view text)
{
    return std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
}

int print_verdict(const Trial& trial, std::string_view record_json, bool text_format)
{
    RecordReader reader(trial);
    Record record;
    std::vector<InputError> errors;
    if (!reader.read(record_json, record, errors)) {
        std::fputs(text_errors(trial.messages, errors).c_str(), stderr);
        return kExitUsage;
    }
    Evaluation ev;
    evaluate(trial, record, ev);
    std::string out;
    if (text_format) {
        out = text_report(trial, record, ev);
    } else {
        VerdictWriter(trial).write(record, ev, out);
        out += '\n';
    }
    return write_out(out) ? kExitOk : kExitFailure;
}

} // namespace elig
