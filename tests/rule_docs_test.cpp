// docs/rules is generated from rule metadata and committed; it must equal a fresh
// render, so a metadata change without regenerated docs fails here.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "migsafe/rule_docs.hpp"
#include "migsafe/rule_registry.hpp"
#include "text_file.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;

const fs::path k_docs = fs::path{MIGSAFE_SOURCE_DIR} / "docs" / "rules";
constexpr const char* k_regenerate = "regenerate with: migsafe rules --format markdown --output-dir docs/rules";

using test_support::read_text;

TEST(RuleDocs, EveryPageEqualsAFreshRender) {
    for (const Rule* rule : all_rules()) {
        const fs::path page = k_docs / (std::string{rule->meta.id} + ".md");
        ASSERT_TRUE(fs::exists(page)) << "docs/rules/" << rule->meta.id << ".md is missing; " << k_regenerate;
        EXPECT_EQ(read_text(page), rule_doc_markdown(rule->meta))
            << "docs/rules/" << rule->meta.id << ".md is stale; " << k_regenerate;
    }
}

TEST(RuleDocs, IndexEqualsAFreshRender) {
    EXPECT_EQ(read_text(k_docs / "README.md"), rules_index_markdown(all_rules()))
        << "docs/rules/README.md is stale; " << k_regenerate;
}

TEST(RuleDocs, NoPageWithoutARule) {
    for (const auto& entry : fs::directory_iterator{k_docs}) {
        const std::string stem = entry.path().stem().string();
        if (stem == "README") {
            continue;
        }
        const Rule* rule = find_rule(stem);
        EXPECT_TRUE(rule != nullptr && rule->meta.id == stem) << "docs/rules/" << entry.path().filename().string()
                                                              << " belongs to no rule: delete it";
    }
}

TEST(RuleDocs, PageSectionsComeInTheFixedOrder) {
    for (const Rule* rule : all_rules()) {
        const std::string page = rule_doc_markdown(rule->meta);
        std::size_t at = 0;
        for (const char* heading : {"# ", "## What it flags", "## Why it is dangerous", "## Safe alternative",
                                    "## Examples", "## Does not trigger on", "## Options", "## How to suppress"}) {
            const std::size_t found = page.find(heading, at);
            ASSERT_NE(found, std::string::npos) << rule->meta.id << ": " << heading << " missing or out of order";
            at = found;
        }
        const std::string text = rule_doc_text(rule->meta);
        EXPECT_EQ(text.rfind(std::string{rule->meta.id} + "\n", 0), 0U) << rule->meta.id;
        EXPECT_NE(text.find("How to suppress"), std::string::npos) << rule->meta.id;
    }
}

TEST(RuleDocs, FixPlanOfTheBadExampleIsShown) {
    const Rule* rule = find_rule("prefer-robust-stmts");
    ASSERT_NE(rule, nullptr);
    const std::string plan = example_fix_plan(rule->meta);
    EXPECT_NE(plan.find("CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx"), std::string::npos) << plan;
    EXPECT_NE(rule_doc_markdown(rule->meta).find(plan), std::string::npos);
    EXPECT_TRUE(example_fix_plan(find_rule("transaction-nesting")->meta).empty());
}

}  // namespace
}  // namespace migsafe
