#include "migsafe/plpgsql.hpp"

#include <gtest/gtest.h>

#include "migsafe/analyzer.hpp"
#include "migsafe/migration_state.hpp"
#include "migsafe/parse.hpp"
#include "migsafe/rule_registry.hpp"

namespace migsafe {
namespace {

std::string_view text_at(std::string_view text, ByteSpan span) { return text.substr(span.begin, span.size()); }

TEST(Plpgsql, DoBlockStatementsFollowTheBlockWithPositionsInsideIt) {
    const std::string text = "SELECT 1;\n"
                             "DO $$\n"
                             "DECLARE n int;\n"
                             "BEGIN\n"
                             "  SELECT count(*) INTO n FROM users;\n"
                             "  perform set_config('lock_timeout', '2s', true);\n"
                             "  IF n > 0 THEN ALTER TABLE users ADD COLUMN nickname text; END IF;\n"
                             "  CREATE INDEX users_email_idx ON users (email);\n"
                             "END $$;\n"
                             "SELECT 2;\n";
    const ParsedSql parsed = parse_sql(text);
    ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
    ASSERT_EQ(parsed.statements.size(), 7U);
    const Statement& block = parsed.statements[1];
    EXPECT_EQ(block.kind(), "DoStmt");
    EXPECT_FALSE(block.embedded);
    EXPECT_EQ(block.embedded_count, 4U);
    EXPECT_TRUE(block.uninspected.empty());

    EXPECT_TRUE(parsed.statements[2].embedded);
    EXPECT_EQ(parsed.statements[2].kind(), "SelectStmt");
    EXPECT_EQ(text_at(text, parsed.statements[2].span), "SELECT count(*) INTO n FROM users");
    EXPECT_FALSE(parsed.statements[2].content()["intoClause"]) << "INTO a variable is not SELECT INTO a table";
    EXPECT_EQ(parsed.statements[3].kind(), "SelectStmt");
    EXPECT_EQ(parsed.statements[3].sql, "perform set_config('lock_timeout', '2s', true)");
    EXPECT_EQ(parsed.statements[4].kind(), "AlterTableStmt");
    EXPECT_EQ(text_at(text, parsed.statements[4].span), "ALTER TABLE users ADD COLUMN nickname text");
    const Statement& index = parsed.statements[5];
    EXPECT_EQ(index.kind(), "IndexStmt");
    // Node locations map onto the file: the relation name inside the block.
    const auto location = index.content()["relation"].location();
    ASSERT_TRUE(location.has_value());
    EXPECT_EQ(index.file_offset(*location), text.find("users (email)"));
    EXPECT_FALSE(parsed.statements[6].embedded);
    EXPECT_EQ(parsed.statements[6].sql, "SELECT 2");
}

TEST(Plpgsql, DynamicSqlIsNotedWithItsPosition) {
    const std::string text = "DO $$ BEGIN\n  EXECUTE 'DROP TABLE ' || quote_ident('t');\nEND $$;";
    const ParsedSql parsed = parse_sql(text);
    ASSERT_EQ(parsed.statements.size(), 1U);
    ASSERT_EQ(parsed.statements[0].uninspected.size(), 1U);
    const UninspectedSql& dynamic = parsed.statements[0].uninspected[0];
    EXPECT_EQ(dynamic.kind, UninspectedSql::Kind::dynamic);
    EXPECT_EQ(dynamic.detail, "EXECUTE");
    EXPECT_EQ(text_at(text, dynamic.span), "EXECUTE 'DROP TABLE ' || quote_ident('t')");
}

TEST(Plpgsql, NestedBlocksAndUnreadableBodies) {
    const std::string nested = "DO $outer$ BEGIN DO $inner$ BEGIN DROP TABLE t; END $inner$; END $outer$;";
    const ParsedSql parsed = parse_sql(nested);
    ASSERT_EQ(parsed.statements.size(), 3U);
    EXPECT_EQ(parsed.statements[0].embedded_count, 2U);
    EXPECT_EQ(parsed.statements[1].kind(), "DoStmt");
    EXPECT_EQ(parsed.statements[1].embedded_count, 1U);
    EXPECT_EQ(parsed.statements[2].kind(), "DropStmt");
    EXPECT_TRUE(parsed.statements[2].embedded);

    const ParsedSql python = parse_sql("DO LANGUAGE plpython3u $$ plpy.execute('DROP TABLE t') $$;");
    ASSERT_EQ(python.statements.size(), 1U);
    ASSERT_EQ(python.statements[0].uninspected.size(), 1U);
    EXPECT_EQ(python.statements[0].uninspected[0].kind, UninspectedSql::Kind::other_language);
    EXPECT_EQ(python.statements[0].uninspected[0].detail, "plpython3u");

    const ParsedSql broken = parse_sql("DO $$ BEGIN IF THEN END $$;");
    ASSERT_EQ(broken.statements.size(), 1U);
    ASSERT_EQ(broken.statements[0].uninspected.size(), 1U);
    EXPECT_EQ(broken.statements[0].uninspected[0].kind, UninspectedSql::Kind::unreadable);
}

TEST(Plpgsql, SyntaxErrorInsideTheBlockLeavesItUnread) {
    // The PL/pgSQL parser checks the syntax of every statement in the body.
    const std::string text = "DO $$ BEGIN ALTER TABLE users ADD COLUMN; END $$;";
    const ParsedSql parsed = parse_sql(text);
    ASSERT_EQ(parsed.statements.size(), 1U);
    ASSERT_EQ(parsed.statements[0].uninspected.size(), 1U);
    EXPECT_EQ(parsed.statements[0].uninspected[0].kind, UninspectedSql::Kind::unreadable);
    EXPECT_NE(parsed.statements[0].uninspected[0].detail.find("syntax error"), std::string::npos);
}

TEST(Plpgsql, FunctionBodiesReportOnlyDynamicSql) {
    const std::string text = "CREATE FUNCTION f(t text) RETURNS void LANGUAGE plpgsql AS $$\n"
                             "BEGIN\n  ALTER TABLE users ADD COLUMN x int;\n  EXECUTE 'TRUNCATE ' || t;\nEND $$;";
    const ParsedSql parsed = parse_sql(text);
    ASSERT_EQ(parsed.statements.size(), 1U);
    EXPECT_EQ(parsed.statements[0].embedded_count, 0U);
    ASSERT_EQ(parsed.statements[0].uninspected.size(), 1U);
    EXPECT_EQ(text_at(text, parsed.statements[0].uninspected[0].span), "EXECUTE 'TRUNCATE ' || t");
}

TEST(Plpgsql, ReadBodyDirectly) {
    const PlpgsqlBody body = read_plpgsql_body("\nBEGIN\n  UPDATE t SET a = 1; UPDATE t SET b = 2;\nEND\n");
    ASSERT_TRUE(body.error.empty()) << body.error;
    ASSERT_EQ(body.statements.size(), 2U);
    EXPECT_EQ(body.statements[0].sql, "UPDATE t SET a = 1");
    EXPECT_EQ(body.statements[1].span.begin, std::string_view{"\nBEGIN\n  UPDATE t SET a = 1; "}.size());
}

TEST(Plpgsql, BlockRunsInItsOwnTransactionUntilItEnds) {
    const ParsedSql parsed = parse_sql("DO $$ BEGIN ALTER TABLE a ADD COLUMN x int; ALTER TABLE b ADD COLUMN y int; "
                                       "END $$; ALTER TABLE c ADD COLUMN z int;");
    ASSERT_EQ(parsed.statements.size(), 4U);
    MigrationState state{TransactionMode::none, 2};
    std::vector<TransactionState> seen;
    for (const Statement& statement : parsed.statements) {
        seen.push_back(state.transaction());
        state.apply(statement, effects_of(statement, ModelContext{}));
        if (statement.span.begin == parsed.statements[2].span.begin) {
            EXPECT_EQ(state.held_locks().size(), 0U) << "locks are released when the block ends";
        } else if (statement.embedded) {
            EXPECT_FALSE(state.held_locks().empty());
        }
    }
    EXPECT_EQ(seen, (std::vector<TransactionState>{TransactionState::none, TransactionState::do_block,
                                                   TransactionState::do_block, TransactionState::none}));

    MigrationState inside{TransactionMode::per_file, 2};
    for (const Statement& statement : parsed.statements) {
        inside.apply(statement, effects_of(statement, ModelContext{}));
    }
    EXPECT_EQ(inside.transaction(), TransactionState::runner_wrapper);
}

TEST(Plpgsql, FunctionBodiesOptionTurnsThatPartOff) {
    const Rule* rule = find_rule("uninspected-sql");
    ASSERT_NE(rule, nullptr);
    const std::string text = "CREATE FUNCTION f(t text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE t; END $$;\n"
                             "DO $$ BEGIN EXECUTE 'SELECT 1'; END $$;";
    AnalysisOptions options;
    options.rules = {ActiveRule{rule, Severity::hint}};
    options.rules[0].options["function_bodies"] = true;
    EXPECT_EQ(analyze_file(SourceFile{"a.sql", "a.sql", text}, options).findings.size(), 2U);
    options.rules[0].options["function_bodies"] = false;
    const FileReport report = analyze_file(SourceFile{"a.sql", "a.sql", text}, options);
    ASSERT_EQ(report.findings.size(), 1U);
    EXPECT_NE(report.findings[0].message.find("the DO block"), std::string::npos);
}

}  // namespace
}  // namespace migsafe
