#include "core/base/stable_order.h"

#include <algorithm>

namespace elig {

void sort_keyed_positions(std::vector<std::pair<int64_t, uint32_t>>& order) { std::sort(order.begin(), order.end()); }

} // namespace elig
