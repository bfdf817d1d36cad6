// Criterion status and the Kleene three-valued logic that combines them.
// `review` is a fourth value: every input is present but the trial's own
// sources disagree. Missing data outranks it: more data may still decide.
//
// Example:
//   status_and(Status::pass, Status::unknown);   // unknown: more data may still fail it
//   status_and(Status::unknown, Status::fail);   // fail: one failure decides an AND
//   status_or(Status::unknown, Status::pass);    // pass: one pass decides an OR
//   status_or(Status::review, Status::fail);     // review
//   status_not(Status::unknown);                 // unknown
//   status_name(Status::review);                 // "review", as the verdict JSON writes it
#pragma once
#include <cstdint>

namespace elig {

enum class Status : uint8_t { pass, fail, unknown, review };

const char* status_name(Status status);

// AND: fail if any fails, else unknown if any unknown, else review if any
// review, else pass.
inline Status status_and(Status a, Status b)
{
    if (a == Status::fail || b == Status::fail) return Status::fail;
    if (a == Status::unknown || b == Status::unknown) return Status::unknown;
    if (a == Status::review || b == Status::review) return Status::review;
    return Status::pass;
}

// OR: pass if any passes, else unknown if any unknown, else review if any
// review, else fail.
inline Status status_or(Status a, Status b)
{
    if (a == Status::pass || b == Status::pass) return Status::pass;
    if (a == Status::unknown || b == Status::unknown) return Status::unknown;
    if (a == Status::review || b == Status::review) return Status::review;
    return Status::fail;
}

inline Status status_not(Status a)
{
    if (a == Status::pass) return Status::fail;
    if (a == Status::fail) return Status::pass;
    return a;
}

inline Status status_from_bool(bool value) { return value ? Status::pass : Status::fail; }

} // namespace elig
