// ELIG_ASSERT: a debug check of an invariant the code itself guarantees
// (an index within its table, a slot that is a field), never of user input:
// user errors are reported, not asserted. On in debug builds and wherever
// ELIG_ENABLE_ASSERTS is defined (the sanitizer and fuzzing presets); off in
// release builds, where it costs nothing.
//
// Example:
//   auto field_at = [&](int slot) -> const FieldDef& {
//       ELIG_ASSERT(trial.is_field(slot));  // an index the code guarantees, not the user's input
//       return trial.fields[static_cast<size_t>(slot)];
//   };
#pragma once

#if defined(ELIG_ENABLE_ASSERTS) || !defined(NDEBUG)
#define ELIG_ASSERTS_ON 1
#define ELIG_ASSERT(condition) ((condition) ? void(0) : ::elig::assertion_failed(#condition, __FILE__, __LINE__))
#else
#define ELIG_ASSERTS_ON 0
#define ELIG_ASSERT(condition) ((void)0)
#endif

namespace elig {

// Prints the failed condition and where, then aborts.
[[noreturn]] void assertion_failed(const char* condition, const char* file, int line);

} // namespace elig
