#include "migsafe/migration_state.hpp"

#include <gtest/gtest.h>

#include "migsafe/parse.hpp"

namespace migsafe {
namespace {

// Applies every statement of `sql` and returns the state at the end.
MigrationState run(const std::string& sql, TransactionMode mode = TransactionMode::none) {
    const ParsedSql parsed = parse_sql(sql);
    MigrationState state{mode, parsed.statements.size()};
    for (const Statement& statement : parsed.statements) {
        state.apply(statement, effects_of(statement, ModelContext{}));
    }
    return state;
}

TEST(MigrationState, ExplicitTransactionOpensAndCloses) {
    EXPECT_TRUE(run("BEGIN;").explicit_transaction());
    EXPECT_TRUE(run("START TRANSACTION;").in_transaction());
    EXPECT_FALSE(run("BEGIN; COMMIT;").in_transaction());
    EXPECT_FALSE(run("BEGIN; ROLLBACK;").in_transaction());
    EXPECT_TRUE(run("BEGIN; SAVEPOINT a; ROLLBACK TO SAVEPOINT a;").in_transaction());
}

TEST(MigrationState, RunnerWrapperAndImplicitQuery) {
    EXPECT_TRUE(run("SELECT 1;", TransactionMode::per_file).in_runner_transaction());
    EXPECT_FALSE(run("SELECT 1;", TransactionMode::single_query).in_transaction());
    EXPECT_TRUE(run("SELECT 1; SELECT 2;", TransactionMode::single_query).in_runner_transaction());
    EXPECT_EQ(run("SELECT 1; BEGIN; COMMIT;", TransactionMode::single_query).transaction(),
              TransactionState::implicit_query);
}

TEST(MigrationState, LockTimeoutFromSetSetLocalAndSetConfig) {
    EXPECT_TRUE(run("SET lock_timeout = '2s';").lock_timeout_set());
    EXPECT_FALSE(run("SET lock_timeout = 0;").lock_timeout_set());
    EXPECT_FALSE(run("SET lock_timeout = '2s'; RESET lock_timeout;").lock_timeout_set());
    EXPECT_FALSE(run("SET lock_timeout TO DEFAULT;").lock_timeout_set());
    EXPECT_TRUE(run("SELECT set_config('lock_timeout', '1s', false);").lock_timeout_set());
    EXPECT_TRUE(run("BEGIN; SET LOCAL lock_timeout = '1s';").lock_timeout_set());
    EXPECT_FALSE(run("BEGIN; SET LOCAL lock_timeout = '1s'; COMMIT;").lock_timeout_set());
    EXPECT_FALSE(run("SET LOCAL lock_timeout = '1s';").lock_timeout_set());  // no transaction: no effect
    EXPECT_TRUE(run("SET statement_timeout = '5min';").statement_timeout_set());
}

TEST(MigrationState, NewTablesUntilFilled) {
    const QualifiedName table{"", "t"};
    EXPECT_TRUE(run("CREATE TABLE t (id int);").is_new_table(table));
    EXPECT_TRUE(run("CREATE TABLE public.t (id int);").is_new_table(table));
    EXPECT_TRUE(run("CREATE TABLE t (id int); INSERT INTO t VALUES (1);").is_new_table(table));
    EXPECT_FALSE(run("CREATE TABLE t (id int); INSERT INTO t SELECT id FROM s;").is_new_table(table));
    EXPECT_FALSE(run("CREATE TABLE t (id int); COPY t FROM STDIN;").is_new_table(table));
    EXPECT_FALSE(run("CREATE TABLE t AS SELECT 1 AS id;").is_new_table(table));
    EXPECT_TRUE(run("CREATE TABLE t AS SELECT 1 AS id WITH NO DATA;").is_new_table(table));
    EXPECT_FALSE(run("CREATE TABLE other (id int);").is_new_table(table));
}

TEST(MigrationState, LocksAreHeldUntilCommit) {
    const MigrationState held = run("BEGIN; ALTER TABLE t ADD COLUMN x int; CREATE INDEX i ON u (c);");
    ASSERT_EQ(held.held_locks().size(), 3U);
    EXPECT_EQ(held.held_locks()[0].mode, LockMode::access_exclusive);
    EXPECT_TRUE(run("BEGIN; ALTER TABLE t ADD COLUMN x int; COMMIT;").held_locks().empty());
    EXPECT_TRUE(run("ALTER TABLE t ADD COLUMN x int;").held_locks().empty());
}

TEST(MigrationState, NotValidConstraintsAndEnumValuesPerTransaction) {
    const MigrationState state = run("BEGIN; ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID;"
                                     " ALTER TYPE mood ADD VALUE 'calm';");
    EXPECT_TRUE(state.constraint_added_not_valid_in_transaction(QualifiedName{"", "t"}, "c"));
    EXPECT_TRUE(state.enum_value_added_in_transaction("calm"));
    const MigrationState committed = run("BEGIN; ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID; COMMIT;");
    EXPECT_FALSE(committed.constraint_added_not_valid_in_transaction(QualifiedName{"", "t"}, "c"));
}

}  // namespace
}  // namespace migsafe
