#include "core/base/stable_order.h"

#include <gtest/gtest.h>

#include <string>

using namespace elig;

// Equal keys keep the order they came in; a negative key (an error of the
// record as a whole, slot -1) sorts before every field's.
TEST(StableOrder, SortsByKeyAndKeepsTheOrderOfEqualKeys)
{
    std::vector<std::pair<int, std::string>> items{{3, "c1"}, {1, "a1"}, {3, "c2"}, {-1, "whole"}, {1, "a2"}, {2, "b"}, {3, "c3"}};
    stable_sort_by_key(items, [](const auto& item) { return item.first; });
    std::vector<std::string> names;
    for (const auto& item : items) names.push_back(item.second);
    EXPECT_EQ(names, (std::vector<std::string>{"whole", "a1", "a2", "b", "c1", "c2", "c3"}));
}

// Keys as wide as an unsigned slot: -1 cast to unsigned sorts last, as the
// record reader wants its whole-record errors.
TEST(StableOrder, UnsignedKeysAreNotWrapped)
{
    std::vector<int> slots{-1, 5, 0, -1, 2};
    stable_sort_by_key(slots, [](int slot) { return static_cast<unsigned>(slot); });
    EXPECT_EQ(slots, (std::vector<int>{0, 2, 5, -1, -1}));
}

TEST(StableOrder, EmptyAndSingleAreLeftAlone)
{
    std::vector<std::string> none, one{"x"};
    stable_sort_by_key(none, [](const std::string& s) { return s.size(); });
    stable_sort_by_key(one, [](const std::string& s) { return s.size(); });
    EXPECT_TRUE(none.empty());
    EXPECT_EQ(one, (std::vector<std::string>{"x"}));
}
