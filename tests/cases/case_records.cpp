// Prints every case of a tests/cases folder as one NDJSON line (newlines in
// raw record_text become spaces, which JSON treats alike).
#include "cases/cases.h"

#include <cstdio>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: case_records CASES_DIR\n");
        return 2;
    }
    std::vector<std::string> problems;
    for (const auto& c : elig_test::load_cases(argv[1], problems)) {
        std::string line = c.record_text;
        for (char& ch : line)
            if (ch == '\n' || ch == '\r') ch = ' ';
        std::printf("%s\n", line.c_str());
    }
    for (const auto& p : problems) std::fprintf(stderr, "case_records: %s\n", p.c_str());
    return problems.empty() ? 0 : 1;
}
