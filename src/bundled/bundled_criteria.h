// The criteria file compiled into the program (generated from
// criteria/NCT07345780.json by cmake/EmbedFile.cmake).
#pragma once
#include <string_view>

namespace elig {
std::string_view bundled_criteria();
}
