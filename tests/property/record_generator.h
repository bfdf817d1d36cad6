// A seeded generator of random valid records for any trial, from its field
// dictionary and rules: every field, every accepted unit, "none" dates, and
// values at, just inside and just beyond every threshold and window of the
// rules (rare by chance, so aimed at on purpose). Portable: its own
// random numbers, so a seed gives the same records everywhere.
#pragma once
#include "core/model/trial.h"
#include "core/records/record_reader.h"

#include <cstdint>
#include <string>
#include <vector>

namespace elig_test {

class RecordGenerator {
public:
    RecordGenerator(const elig::Trial& trial, uint64_t seed);

    // A record the core accepts, as JSON text.
    std::string next();

    // How often a first draw broke a cross-field constraint and a field had
    // to be dropped (for the report; drops keep the record valid).
    long drafts = 0, dropped_fields = 0;

private:
    const elig::Trial& trial_;
    uint64_t state_;
    elig::RecordReader reader_;
    std::vector<std::vector<double>> thresholds_;   // by slot: thresholds in rules on that slot
    // What the criteria ask of each slot, to draw records that mostly pass:
    // a range for numbers, a yes/no, allowed enum values.
    struct Wish { double low = -1e300, high = 1e300; int boolean = -1; uint64_t enums = ~uint64_t{0}; };
    std::vector<Wish> wishes_;
    bool friendly_ = false;                          // this record: mostly passing values
    struct Window { int slot, reference, floor; int amount; bool months; };
    std::vector<Window> windows_;

    uint64_t bits();
    double uniform();                  // [0, 1)
    size_t below(size_t n) { return static_cast<size_t>(bits() % n); }
    bool chance(double p) { return uniform() < p; }

    double number_near(int slot, double min, double max, bool integer);
    std::string draft();
};

} // namespace elig_test
