// The FHIR import mapping compiled into the program (generated from
// criteria/NCT07345780.fhir.json by cmake/EmbedFile.cmake).
#pragma once
#include <string_view>

namespace elig {
std::string_view bundled_fhir_mapping();
}
