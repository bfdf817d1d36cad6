// A set of record-field indices, as a fixed bitset so that evaluation
// allocates nothing. A criteria file may define up to 128 fields.
//
// Example:
//   FieldSet missing = FieldSet::of_field(trial.find_slot("alt_uln"));
//   missing |= FieldSet::of_field(trial.find_slot("lvef"));
//   missing = missing.without(ev.excluded);      // never ask for an alternative already given
//   for_each_field(missing, [&](size_t f) { ask_for(trial.fields[f].id); });  // in dictionary order
#pragma once
#include "core/base/assert.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>

namespace elig {

inline constexpr std::size_t kMaxFields = 128;

struct FieldSet {
    uint64_t words[kMaxFields / 64] = {};

    void insert(std::size_t i)
    {
        ELIG_ASSERT(i < kMaxFields);
        words[i / 64] |= uint64_t{1} << (i % 64);
    }
    bool contains(std::size_t i) const
    {
        ELIG_ASSERT(i < kMaxFields);
        return (words[i / 64] >> (i % 64)) & 1u;
    }
    // By slot: record fields are slots 0..fields-1.
    void insert_field(int slot)
    {
        ELIG_ASSERT(slot >= 0);
        insert(static_cast<std::size_t>(slot));
    }
    bool contains_field(int slot) const
    {
        ELIG_ASSERT(slot >= 0);
        return contains(static_cast<std::size_t>(slot));
    }
    bool empty() const
    {
        for (uint64_t w : words)
            if (w) return false;
        return true;
    }
    FieldSet& operator|=(const FieldSet& other)
    {
        for (std::size_t w = 0; w < std::size(words); ++w) words[w] |= other.words[w];
        return *this;
    }
    FieldSet without(const FieldSet& other) const
    {
        FieldSet result;
        for (std::size_t w = 0; w < std::size(words); ++w) result.words[w] = words[w] & ~other.words[w];
        return result;
    }
    bool operator==(const FieldSet&) const = default;

    static FieldSet of_field(int slot)
    {
        FieldSet set;
        set.insert_field(slot);
        return set;
    }
};

// Calls fn(index) for each member in ascending order.
template <typename Fn>
void for_each_field(const FieldSet& set, Fn&& fn)
{
    for (std::size_t w = 0; w < std::size(set.words); ++w)
        for (uint64_t bits = set.words[w]; bits; bits &= bits - 1)
            fn(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
}

} // namespace elig
