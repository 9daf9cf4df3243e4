#include "migsafe/parse.hpp"

#include <gtest/gtest.h>

namespace migsafe {
namespace {

TEST(Parse, SplitsStatementsAndTrimsCommentsFromRanges) {
    const std::string text = "-- header\n\n  CREATE TABLE t (id int);\n/* c */ SELECT 1; -- trailing\n";
    const ParsedSql parsed = parse_sql(text);
    ASSERT_EQ(parsed.statements.size(), 2U);
    EXPECT_TRUE(parsed.errors.empty());
    EXPECT_EQ(parsed.statements[0].sql, "CREATE TABLE t (id int)");
    EXPECT_EQ(parsed.statements[0].kind(), "CreateStmt");
    EXPECT_EQ(parsed.statements[0].span.begin, text.find("CREATE"));
    EXPECT_EQ(parsed.statements[1].sql, "SELECT 1");
}

TEST(Parse, OneSyntaxErrorDoesNotHideTheRest) {
    const std::string text = "SELECT 1;\nSELEC 2;\nSELECT 3;";
    const ParsedSql parsed = parse_sql(text);
    ASSERT_EQ(parsed.statements.size(), 2U);
    ASSERT_EQ(parsed.errors.size(), 1U);
    EXPECT_EQ(parsed.errors[0].error_offset, text.find("SELEC 2"));
    EXPECT_NE(parsed.errors[0].message.find("syntax error"), std::string::npos);
}

TEST(Parse, ErrorOffsetCountsCharactersBeforeConvertingToBytes) {
    const std::string text = "SELECT 'é' FROM FROM t;";
    const ParsedSql parsed = parse_sql(text);
    ASSERT_EQ(parsed.errors.size(), 1U);
    EXPECT_EQ(parsed.errors[0].error_offset, text.find("FROM t"));
}

TEST(Parse, UnterminatedLiteralKeepsEarlierStatements) {
    const std::string text = "SELECT 1;\nSELECT $$abc;\n";
    const ParsedSql parsed = parse_sql(text);
    ASSERT_EQ(parsed.statements.size(), 1U);
    ASSERT_EQ(parsed.errors.size(), 1U);
    EXPECT_EQ(parsed.errors[0].error_offset, text.find("$$"));
    EXPECT_NE(parsed.errors[0].message.find("unterminated"), std::string::npos);
}

TEST(Parse, PsqlMetaCommandsAreSkippedWithANote) {
    const std::string text = "\\set ON_ERROR_STOP on\nSELECT 1;\n\\connect other\nSELECT 2;";
    const ParsedSql parsed = parse_sql(text);
    EXPECT_EQ(parsed.statements.size(), 2U);
    EXPECT_TRUE(parsed.errors.empty());
    ASSERT_EQ(parsed.notes.size(), 2U);
    EXPECT_NE(parsed.notes[0].message.find("\\set"), std::string::npos);
}

TEST(Parse, BackslashInsideALiteralIsNotAMetaCommand) {
    const std::string text = "SELECT E'\n\\n';\n";
    const ParsedSql parsed = parse_sql(text);
    EXPECT_EQ(parsed.statements.size(), 1U);
    EXPECT_TRUE(parsed.notes.empty());
}

TEST(Parse, SectionOffsetsAreFileOffsets) {
    const std::string text = "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nSELECT 1; CREATE INDEX i ON t (c);\n";
    const std::size_t down = text.find("-- migrate:down");
    const ParsedSql parsed = parse_sql(text, ByteSpan{0, down});
    ASSERT_EQ(parsed.statements.size(), 1U);
    EXPECT_EQ(parsed.statements[0].span.begin, text.find("CREATE"));
    const ParsedSql rest = parse_sql(text, ByteSpan{down, text.size()});
    ASSERT_EQ(rest.statements.size(), 2U);
    EXPECT_EQ(rest.statements[1].span.begin, text.find("CREATE INDEX"));
    const auto location = rest.statements[1].content()["relation"].location();
    ASSERT_TRUE(location.has_value());
    EXPECT_EQ(rest.statements[1].file_offset(*location), text.find("t (c)"));
}

TEST(Parse, TopLevelCommasIgnoreParenthesesAndLiterals) {
    const std::string text = "ADD a numeric(10, 2) DEFAULT ',', ADD b int";
    const auto commas = top_level_commas(text, 0, text.size());
    ASSERT_EQ(commas.size(), 1U);
    EXPECT_EQ(text.substr(commas[0], 6), ", ADD ");
}

}  // namespace
}  // namespace migsafe
