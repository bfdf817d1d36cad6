// Prints COUNT random valid records (NDJSON) from the generator, for the
// native = WebAssembly comparison and for benchmarks.
// usage: random_records SEED COUNT
#include "bundled/bundled_criteria.h"
#include "core/criteria/trial_loader.h"
#include "property/record_generator.h"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: random_records SEED COUNT\n");
        return 2;
    }
    auto loaded = elig::load_trial(elig::bundled_criteria());
    if (!loaded.ok()) return 1;
    elig_test::RecordGenerator generator(*loaded.trial, std::strtoull(argv[1], nullptr, 10));
    const long count = std::strtol(argv[2], nullptr, 10);
    for (long i = 0; i < count; ++i) std::printf("%s\n", generator.next().c_str());
    return 0;
}
