#include "core/base/status.h"

namespace elig {

const char* status_name(Status status)
{
    switch (status) {
    case Status::pass: return "pass";
    case Status::fail: return "fail";
    case Status::unknown: return "unknown";
    case Status::review: return "review";
    }
    return "unknown";
}

} // namespace elig
