#include "migsafe/suppress.hpp"

#include <gtest/gtest.h>

#include "migsafe/rule_registry.hpp"

namespace migsafe {
namespace {

std::vector<Suppression> parse(std::string_view text) { return parse_suppressions(text, {ByteSpan{0, text.size()}}); }

TEST(Suppress, ParsesIdsReasonAndScope) {
    const std::string text = "-- migsafe-ignore require-concurrent-index-creation, changing-column-type: small table\n"
                             "-- migsafe-ignore-file squawk:adding-foreign-key-constraint: checked by hand\n";
    const auto suppressions = parse(text);
    ASSERT_EQ(suppressions.size(), 2U);
    EXPECT_EQ(suppressions[0].scope, SuppressionScope::statement);
    ASSERT_EQ(suppressions[0].rules.size(), 2U);
    EXPECT_EQ(suppressions[0].rules[0].written, "require-concurrent-index-creation");
    EXPECT_EQ(suppressions[0].rules[0].rule, find_rule("require-concurrent-index-creation"));
    EXPECT_EQ(text.substr(suppressions[0].rules[1].span.begin, suppressions[0].rules[1].span.size()),
              "changing-column-type");
    EXPECT_EQ(suppressions[0].reason, "small table");
    EXPECT_FALSE(suppressions[0].trailing);
    EXPECT_EQ(suppressions[1].scope, SuppressionScope::file);
    ASSERT_EQ(suppressions[1].rules.size(), 1U);
    EXPECT_EQ(suppressions[1].rules[0].rule, find_rule("add-foreign-key-without-not-valid"));
    EXPECT_EQ(suppressions[1].reason, "checked by hand");
}

TEST(Suppress, ForgivingSeparators) {
    EXPECT_EQ(parse("-- migsafe-ignore add_index -- tiny").at(0).reason, "tiny");
    const auto no_space = parse("/* Migsafe-Ignore changing-column-type:tiny */");
    ASSERT_EQ(no_space.size(), 1U);
    ASSERT_EQ(no_space[0].rules.size(), 1U);
    EXPECT_EQ(no_space[0].rules[0].written, "changing-column-type");
    EXPECT_EQ(no_space[0].reason, "tiny");
    EXPECT_TRUE(parse("-- migsafe-ignore").at(0).rules.empty());
    EXPECT_EQ(parse("-- migsafe-ignore no-such-rule").at(0).rules.at(0).rule, nullptr);
    EXPECT_TRUE(parse("-- migsafe-ignored here").empty());
    EXPECT_TRUE(parse("-- see migsafe-ignore docs").empty());
}

TEST(Suppress, TrailingCommentsAreMarked) {
    const auto suppressions = parse("DROP TABLE t; -- migsafe-ignore drop-table: gone\n");
    ASSERT_EQ(suppressions.size(), 1U);
    EXPECT_TRUE(suppressions[0].trailing);
}

TEST(Suppress, LiteralsHideCommentsButCodeBodiesDoNot) {
    EXPECT_TRUE(parse("SELECT '-- migsafe-ignore x', $$ -- migsafe-ignore y $$, \"-- migsafe-ignore z\";").empty());
    EXPECT_TRUE(parse("SELECT E'\\' -- migsafe-ignore x';").empty());
    EXPECT_EQ(parse("DO $$ BEGIN\n-- migsafe-ignore a: b\nEND $$;").size(), 1U);
    EXPECT_EQ(parse("DO LANGUAGE plpgsql $body$ BEGIN /* migsafe-ignore a */ END $body$;").size(), 1U);
    EXPECT_EQ(parse("CREATE FUNCTION f() RETURNS int AS $$ SELECT 'it''s' -- migsafe-ignore a\n $$ LANGUAGE sql;")
                  .size(),
              1U);
    // An apostrophe inside a body cannot swallow the comments after it.
    EXPECT_EQ(parse("DO $$ BEGIN RAISE NOTICE 'x; END $$;\n-- migsafe-ignore a: b\n").size(), 1U);
}

TEST(Suppress, OnlyTheGivenSectionsAreRead) {
    const std::string text = "-- migsafe-ignore a: up\nSELECT 1;\n-- migsafe-ignore b: down\n";
    const auto suppressions = parse_suppressions(text, {ByteSpan{0, text.find("SELECT")}});
    ASSERT_EQ(suppressions.size(), 1U);
    EXPECT_EQ(suppressions[0].rules.at(0).written, "a");
}

Finding finding_at(std::string_view rule, std::size_t statement, ByteSpan span) {
    Finding finding;
    finding.rule = std::string{rule};
    finding.statement = statement;
    finding.span = span;
    return finding;
}

TEST(Suppress, CoversTheNextStatementOrTheOneEndingOnItsLine) {
    const std::string text = "-- migsafe-ignore changing-column-type: a\n"
                             "ALTER TABLE a ALTER COLUMN x TYPE text;\n"
                             "ALTER TABLE b ALTER COLUMN x TYPE text; -- migsafe-ignore changing-column-type: b\n"
                             "ALTER TABLE c ALTER COLUMN x TYPE text;\n";
    const LineIndex lines{text};
    std::vector<ByteSpan> statements;
    for (std::string_view table : {"ALTER TABLE a", "ALTER TABLE b", "ALTER TABLE c"}) {
        const std::size_t begin = text.find(table);
        statements.push_back(ByteSpan{begin, text.find(';', begin)});
    }
    const Rule* rule = find_rule("changing-column-type");
    const Rule* unused = find_rule("unused-suppression");
    ASSERT_NE(rule, nullptr);
    ASSERT_NE(unused, nullptr);
    const std::vector<ActiveRule> rules = {ActiveRule{rule, Severity::error}, ActiveRule{unused, Severity::hint}};
    std::vector<Finding> findings;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        findings.push_back(finding_at("changing-column-type", i, statements[i]));
    }
    apply_suppressions(parse(text), SuppressionContext{lines, statements, rules, false}, findings);
    ASSERT_EQ(findings.size(), 1U);
    EXPECT_EQ(findings[0].statement, 2U);
}

TEST(Suppress, ConfiguredSeverityWinsAndUnusedIsReported) {
    const std::string text =
        "-- migsafe-ignore changing-column-type: stale\nSELECT 1;\n-- migsafe-ignore nope, changing-column-type\n";
    const LineIndex lines{text};
    const std::vector<ByteSpan> statements = {ByteSpan{text.find("SELECT"), text.find(';')}};
    const std::vector<ActiveRule> rules = {ActiveRule{find_rule("changing-column-type"), Severity::error},
                                           ActiveRule{find_rule("unused-suppression"), Severity::error, true}};
    std::vector<Finding> findings;
    apply_suppressions(parse(text), SuppressionContext{lines, statements, rules, true}, findings);
    ASSERT_EQ(findings.size(), 4U);
    for (const Finding& finding : findings) {
        EXPECT_EQ(finding.rule, "unused-suppression");
        EXPECT_EQ(finding.severity, Severity::error);
    }
    EXPECT_NE(findings[0].message.find("matches no finding"), std::string::npos);
    EXPECT_EQ(findings[0].range.start, (Position{1, 19}));
    EXPECT_NE(findings[1].message.find("unknown rule 'nope'"), std::string::npos);
    EXPECT_NE(findings[2].message.find("attached to no statement"), std::string::npos);
    EXPECT_NE(findings[3].message.find("gives no reason"), std::string::npos);
}

TEST(Suppress, RulesThatAreOffAreNotJudged) {
    const std::string text = "-- migsafe-ignore changing-column-type: off in this run\nSELECT 1;\n";
    const LineIndex lines{text};
    const std::vector<ByteSpan> statements = {ByteSpan{text.find("SELECT"), text.find(';')}};
    const std::vector<ActiveRule> rules = {ActiveRule{find_rule("unused-suppression"), Severity::hint}};
    std::vector<Finding> findings;
    apply_suppressions(parse(text), SuppressionContext{lines, statements, rules, false}, findings);
    EXPECT_TRUE(findings.empty());
}

}  // namespace
}  // namespace migsafe
