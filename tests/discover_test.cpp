#include "migsafe/discover.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace migsafe {
namespace {

TEST(NaturalOrder, VersionsCompareByValue) {
    std::vector<std::string> names = {"V10__b.sql", "V2__a.sql", "V1_1__x.sql", "V1__y.sql", "10_x.sql", "9_y.sql"};
    std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return natural_less(a, b); });
    EXPECT_EQ(names, (std::vector<std::string>{"9_y.sql", "10_x.sql", "V1_1__x.sql", "V1__y.sql", "V2__a.sql",
                                               "V10__b.sql"}));
    EXPECT_TRUE(natural_less("9_y.sql", "10_x.sql"));
    EXPECT_TRUE(natural_less("migrations/000009_a.up.sql", "migrations/000010_b.up.sql"));
    EXPECT_FALSE(natural_less("a", "a"));
}

TEST(NaturalOrder, HugeDigitRunsDoNotOverflow) {
    EXPECT_TRUE(natural_less("20240101000000000000000001_a", "20240101000000000000000002_a"));
}

TEST(Collect, MissingPathIsAnError) {
    auto files = collect_migration_files({"/nonexistent/migrations"});
    ASSERT_FALSE(files.has_value());
    EXPECT_NE(files.error().describe().find("no such file"), std::string::npos);
}

}  // namespace
}  // namespace migsafe
