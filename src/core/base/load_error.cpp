#include "core/base/load_error.h"

namespace elig {

std::string describe(const LoadError& error)
{
    return (error.path.empty() ? std::string("(document)") : error.path) + ": " + error.message;
}

} // namespace elig
