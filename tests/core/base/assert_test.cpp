// ELIG_ASSERT guards the index accessors (Trial::field, Record::value,
// Evaluation::status, ...). Where assertions are on (debug builds, and the
// asan and fuzz presets, which define ELIG_ENABLE_ASSERTS), a slot out of
// range stops the program with "assertion failed". In release builds the
// check costs nothing, and this file is not built (tests/CMakeLists.txt).
#include "support/test_support.h"

#include "core/base/assert.h"

#include <gtest/gtest.h>

#if !ELIG_ASSERTS_ON
#error "assert_test.cpp is built only where ELIG_ASSERT is on"
#endif

using namespace elig;

namespace {

TEST(AssertDeathTest, FieldOutOfRangeAborts)
{
    // "threadsafe" re-runs the test binary for the death test: safe with
    // the threads GoogleTest and the sanitizers may have started.
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    const Trial trial = elig_test::load_valid(elig_test::mini_criteria(R"([{"id": "a", "type": "bool", "section": "s", "label": "A"}])",
                                                                       R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])"));
    ASSERT_EQ(trial.field(0).id, "a");
    EXPECT_DEATH((void)trial.field(1), "assertion failed: is_field\\(slot\\)");
    EXPECT_DEATH((void)trial.field(-1), "assertion failed");
}

} // namespace
