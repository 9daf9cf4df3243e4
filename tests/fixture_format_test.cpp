#include "fixture_format.hpp"

#include <gtest/gtest.h>

namespace migsafe::testing {
namespace {

TEST(FixtureFormat, ReadsOwnLineAndTrailingMarksWithFragments) {
    const FixtureSpec spec = parse_fixture_spec(
        "-- migsafe-test: --pg-version=11 --assume-in-transaction\n"
        "-- expect: set-not-null \"ACCESS EXCLUSIVE\"\n"
        "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n"
        "DROP INDEX i; -- expect: require-concurrent-index-deletion\n");
    ASSERT_EQ(spec.flags, (std::vector<std::string>{"--pg-version=11", "--assume-in-transaction"}));
    ASSERT_EQ(spec.marks.size(), 2U);
    EXPECT_EQ(spec.marks[0].rule, "set-not-null");
    EXPECT_EQ(spec.marks[0].fragment, "ACCESS EXCLUSIVE");
    EXPECT_EQ(spec.marks[0].line, 2);
    EXPECT_FALSE(spec.marks[0].trailing);
    EXPECT_EQ(spec.marks[1].rule, "require-concurrent-index-deletion");
    EXPECT_TRUE(spec.marks[1].trailing);
    EXPECT_EQ(spec.marks[1].line, 4);
}

TEST(FixtureFormat, FileWithoutMarksIsPurelyNegative) {
    const FixtureSpec spec = parse_fixture_spec("CREATE INDEX CONCURRENTLY i ON t (c);\n");
    EXPECT_TRUE(spec.marks.empty());
    EXPECT_TRUE(spec.flags.empty());
}

}  // namespace
}  // namespace migsafe::testing
