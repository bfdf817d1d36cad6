// A stable sort by an integer key that costs the page one sort, not one
// per type: std::stable_sort's merge code, instantiated for each type of
// item (the import's filled, skipped and conflicting values, a record's
// errors), was 30 KB of the WebAssembly module. Here the items' keys and
// positions are sorted (one function, in the .cpp), and the items moved
// into that order.
//
// Example:
//   std::vector<std::pair<int, char>> marks{{2, 'a'}, {1, 'b'}, {2, 'c'}};
//   stable_sort_by_key(marks, [](const auto& m) { return m.first; });  // {1,'b'}, {2,'a'}, {2,'c'}
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace elig {

// Sorts by key, then by position: equal keys keep their order.
void sort_keyed_positions(std::vector<std::pair<int64_t, uint32_t>>& order);

template <typename T, typename KeyOf>
void stable_sort_by_key(std::vector<T>& items, KeyOf key_of)
{
    if (items.size() < 2) return;
    std::vector<std::pair<int64_t, uint32_t>> order(items.size());
    for (size_t i = 0; i < items.size(); ++i) order[i] = {static_cast<int64_t>(key_of(items[i])), static_cast<uint32_t>(i)};
    sort_keyed_positions(order);
    std::vector<T> sorted;
    sorted.reserve(items.size());
    for (const auto& [key, position] : order) sorted.push_back(std::move(items[position]));
    items = std::move(sorted);
}

} // namespace elig
