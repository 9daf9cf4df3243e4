#include "migsafe/lock_model.hpp"

#include <gtest/gtest.h>

#include "migsafe/catalog.hpp"
#include "migsafe/parse.hpp"

namespace migsafe {
namespace {

StatementEffects effects_for(const std::string& sql, int pg_version = 15) {
    ParsedSql parsed = parse_sql(sql);
    EXPECT_EQ(parsed.statements.size(), 1U) << sql;
    return parsed.statements.empty() ? StatementEffects{} : effects_of(parsed.statements[0], ModelContext{pg_version});
}

LockMode mode_on(const StatementEffects& effects, const std::string& relation) {
    const RelationEffect* effect = effects.find(QualifiedName{"", relation});
    return effect == nullptr ? LockMode::none : effect->mode;
}

const RelationEffect* effect_on(const StatementEffects& effects, const std::string& relation) {
    return effects.find(QualifiedName{"", relation});
}

// A small schema in the shape of testdata/locks/setup.sql.
constexpr std::string_view k_schema = R"sql(
CREATE DOMAIN posint_checked AS int CHECK (VALUE > 0);
CREATE TABLE parent (id bigint PRIMARY KEY);
CREATE TABLE t (
  id bigint PRIMARY KEY,
  c varchar(10),
  e text CHECK (e IS NOT NULL),
  pid bigint REFERENCES parent (id),
  d posint_checked
);
CREATE INDEX t_c_idx ON t (c);
CREATE VIEW v AS SELECT id FROM t;
CREATE TABLE audit_log (id bigserial PRIMARY KEY, note text);
CREATE RULE audit_log_immutable AS ON UPDATE TO audit_log DO INSTEAD NOTHING;
CREATE TABLE pt (k int, payload text) PARTITION BY RANGE (k);
CREATE TABLE pt1 PARTITION OF pt FOR VALUES FROM (0) TO (1000);
)sql";

StatementEffects effects_with_schema(const std::string& sql, int pg_version = 15) {
    Catalog catalog;
    const ParsedSql schema = parse_sql(std::string{k_schema});
    for (const Statement& statement : schema.statements) {
        catalog.apply(statement);
    }
    ParsedSql parsed = parse_sql(sql);
    EXPECT_EQ(parsed.statements.size(), 1U) << sql;
    return parsed.statements.empty() ? StatementEffects{}
                                     : effects_of(parsed.statements[0], ModelContext{pg_version, &catalog});
}

TEST(LockModes, ConflictMatrixMatchesPostgres) {
    EXPECT_TRUE(lock_modes_conflict(LockMode::access_exclusive, LockMode::access_share));
    EXPECT_FALSE(lock_modes_conflict(LockMode::share, LockMode::access_share));
    EXPECT_TRUE(lock_modes_conflict(LockMode::share, LockMode::row_exclusive));
    EXPECT_FALSE(lock_modes_conflict(LockMode::share, LockMode::share));
    EXPECT_TRUE(lock_modes_conflict(LockMode::share_update_exclusive, LockMode::share_update_exclusive));
    EXPECT_FALSE(lock_modes_conflict(LockMode::row_exclusive, LockMode::row_exclusive));
    EXPECT_TRUE(lock_modes_conflict(LockMode::exclusive, LockMode::row_share));
    // The matrix is symmetric.
    for (int a = 1; a <= 8; ++a) {
        for (int b = 1; b <= 8; ++b) {
            EXPECT_EQ(lock_modes_conflict(static_cast<LockMode>(a), static_cast<LockMode>(b)),
                      lock_modes_conflict(static_cast<LockMode>(b), static_cast<LockMode>(a)));
        }
    }
}

TEST(LockModes, WhatEachModeBlocks) {
    EXPECT_EQ(blocked_work_names(LockMode::access_exclusive), (std::vector<std::string_view>{"reads", "writes", "ddl"}));
    EXPECT_EQ(blocked_work_names(LockMode::share), (std::vector<std::string_view>{"writes", "ddl"}));
    EXPECT_EQ(blocked_work_names(LockMode::share_update_exclusive), (std::vector<std::string_view>{"ddl"}));
    EXPECT_EQ(pg_lock_name(LockMode::share_row_exclusive), "ShareRowExclusiveLock");
}

TEST(LockModel, ForeignKeyLocksBothTablesShareRowExclusive) {
    const StatementEffects effects =
        effects_for("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id)");
    EXPECT_EQ(mode_on(effects, "orders"), LockMode::share_row_exclusive);
    EXPECT_EQ(mode_on(effects, "users"), LockMode::share_row_exclusive);
    EXPECT_TRUE(effects.scan());
    EXPECT_FALSE(effects.rewrite());
    const StatementEffects not_valid =
        effects_for("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID");
    EXPECT_FALSE(not_valid.scan());
}

TEST(LockModel, ConstantDefaultDoesNotRewriteButVolatileDoes) {
    EXPECT_FALSE(effects_for("ALTER TABLE t ADD COLUMN x timestamptz DEFAULT now()").rewrite());
    EXPECT_FALSE(effects_for("ALTER TABLE t ADD COLUMN x int NOT NULL DEFAULT 0").rewrite());
    EXPECT_TRUE(effects_for("ALTER TABLE t ADD COLUMN x uuid DEFAULT gen_random_uuid()").rewrite());
    EXPECT_TRUE(effects_for("ALTER TABLE t ADD COLUMN x bigserial").rewrite());
    EXPECT_TRUE(effects_for("ALTER TABLE t ADD COLUMN x int DEFAULT my_function()").rewrite());
}

TEST(LockModel, MultiCommandAlterTakesStrongestAndRewritesIfAnyDoes) {
    const StatementEffects effects =
        effects_for("ALTER TABLE t SET (fillfactor = 70), ADD COLUMN x bigint GENERATED ALWAYS AS IDENTITY");
    EXPECT_EQ(mode_on(effects, "t"), LockMode::access_exclusive);
    EXPECT_TRUE(effects.rewrite());
    EXPECT_EQ(mode_on(effects_for("ALTER TABLE t SET (fillfactor = 70)"), "t"), LockMode::share_update_exclusive);
}

TEST(LockModel, CreateIndexAndItsConcurrentForm) {
    const StatementEffects plain = effects_for("CREATE INDEX i ON t (c)");
    EXPECT_EQ(mode_on(plain, "t"), LockMode::share);
    EXPECT_FALSE(plain.requires_no_transaction);
    const StatementEffects concurrent = effects_for("CREATE INDEX CONCURRENTLY i ON t (c)");
    EXPECT_EQ(mode_on(concurrent, "t"), LockMode::share_update_exclusive);
    EXPECT_TRUE(concurrent.requires_no_transaction);
}

TEST(LockModel, AttachPartitionDependsOnVersion) {
    const std::string sql = "ALTER TABLE pt ATTACH PARTITION pt2 FOR VALUES FROM (0) TO (10)";
    EXPECT_EQ(mode_on(effects_for(sql, 15), "pt"), LockMode::share_update_exclusive);
    EXPECT_EQ(mode_on(effects_for(sql, 11), "pt"), LockMode::access_exclusive);
    EXPECT_EQ(mode_on(effects_for(sql, 15), "pt2"), LockMode::access_exclusive);
}

TEST(LockModel, LockTableUsesTheGivenMode) {
    EXPECT_EQ(mode_on(effects_for("LOCK TABLE t"), "t"), LockMode::access_exclusive);
    EXPECT_EQ(mode_on(effects_for("LOCK TABLE t IN ROW SHARE MODE"), "t"), LockMode::row_share);
}

TEST(LockModel, SchemaQualifiedNamesKeepTheirSchema) {
    const StatementEffects effects = effects_for("ALTER TABLE app.users ADD COLUMN x int");
    ASSERT_EQ(effects.relations.size(), 1U);
    EXPECT_EQ(effects.relations[0].relation.display(), "app.users");
}

TEST(LockModel, EveryRowHasASource) {
    for (const LockTableRow& row : lock_table()) {
        EXPECT_FALSE(row.source.empty()) << row.form;
        EXPECT_LE(row.min_pg, row.max_pg) << row.form;
    }
}

TEST(LockModel, QueriesLockWhatTheyRead) {
    const StatementEffects count = effects_for("SELECT count(*) FROM t");
    EXPECT_EQ(mode_on(count, "t"), LockMode::access_share);
    EXPECT_TRUE(count.scan());
    EXPECT_EQ(mode_on(effects_for("SELECT * FROM t WHERE id = 1 FOR UPDATE"), "t"), LockMode::row_share);
    EXPECT_EQ(mode_on(effects_for("SELECT nextval('app.s')"), "app.s"), LockMode::row_exclusive);
    const StatementEffects cte = effects_for("WITH gone AS (DELETE FROM t WHERE id < 10 RETURNING id) SELECT * FROM gone");
    EXPECT_EQ(mode_on(cte, "t"), LockMode::row_exclusive);
    EXPECT_EQ(effect_on(cte, "gone"), nullptr);
    const StatementEffects view = effects_for("CREATE VIEW w AS SELECT * FROM t");
    EXPECT_EQ(mode_on(view, "t"), LockMode::access_share);
    EXPECT_FALSE(effect_on(view, "t")->scan);
    EXPECT_TRUE(effect_on(effects_for("CREATE TABLE t2 AS SELECT * FROM t"), "t")->scan);
    EXPECT_FALSE(effect_on(effects_for("CREATE TABLE t2 AS SELECT * FROM t WITH NO DATA"), "t")->scan);
}

TEST(LockModel, TemporaryTablesLockNothingOthersSee) {
    EXPECT_TRUE(effects_for("CREATE TEMP TABLE scratch (id int)").relations.empty());
}

TEST(LockModel, SequenceParametersRewriteTheSequence) {
    EXPECT_TRUE(effects_for("ALTER SEQUENCE s RESTART").rewrite());
    const StatementEffects owned = effects_for("ALTER SEQUENCE s OWNED BY t.id");
    EXPECT_FALSE(owned.rewrite());
    EXPECT_EQ(mode_on(owned, "t"), LockMode::access_share);
}

TEST(LockModelWithSchema, PartitionsTakeTheParentsLockAndItsRewrite) {
    const StatementEffects effects = effects_with_schema("ALTER TABLE pt ADD COLUMN x float8 DEFAULT random()");
    ASSERT_NE(effect_on(effects, "pt1"), nullptr);
    EXPECT_EQ(effect_on(effects, "pt1")->mode, LockMode::access_exclusive);
    EXPECT_TRUE(effect_on(effects, "pt1")->rewrite);
    EXPECT_FALSE(effect_on(effects, "pt")->rewrite);  // a partitioned table has no rows of its own
    EXPECT_EQ(effect_on(effects_with_schema("CREATE INDEX pt_k_idx ON ONLY pt (k)"), "pt1"), nullptr);
}

TEST(LockModelWithSchema, BinaryCoercibleTypeChangesKeepTheRows) {
    EXPECT_FALSE(effects_with_schema("ALTER TABLE t ALTER COLUMN c TYPE text").rewrite());
    EXPECT_TRUE(effects_with_schema("ALTER TABLE t ALTER COLUMN c TYPE varchar(5)").rewrite());
    // e carries a CHECK, which is checked again.
    const StatementEffects checked = effects_with_schema("ALTER TABLE t ALTER COLUMN e TYPE varchar");
    EXPECT_FALSE(checked.rewrite());
    EXPECT_TRUE(checked.scan());
    // A rewritten key column makes the referencing table's foreign key validate again.
    EXPECT_TRUE(effect_on(effects_with_schema("ALTER TABLE parent ALTER COLUMN id TYPE int"), "t")->scan);
}

TEST(LockModelWithSchema, ValidatedCheckSparesTheNotNullScanFromVersion12) {
    EXPECT_FALSE(effects_with_schema("ALTER TABLE t ALTER COLUMN e SET NOT NULL").scan());
    EXPECT_TRUE(effects_with_schema("ALTER TABLE t ALTER COLUMN e SET NOT NULL", 11).scan());
    EXPECT_TRUE(effects_with_schema("ALTER TABLE t ALTER COLUMN c SET NOT NULL").scan());
}

TEST(LockModelWithSchema, IndexStatementsLockTheIndexesTable) {
    EXPECT_EQ(mode_on(effects_with_schema("DROP INDEX t_c_idx"), "t"), LockMode::access_exclusive);
    EXPECT_EQ(mode_on(effects_with_schema("REINDEX INDEX t_c_idx"), "t"), LockMode::share);
    EXPECT_TRUE(effects_with_schema("DROP INDEX IF EXISTS no_such_index").relations.empty());
    const StatementEffects existing = effects_with_schema("CREATE INDEX IF NOT EXISTS t_c_idx ON t (c)");
    EXPECT_FALSE(existing.scan());
    EXPECT_EQ(effect_on(existing, "t_c_idx"), nullptr);
}

TEST(LockModelWithSchema, ForeignKeysViewsSequencesAndRules) {
    const StatementEffects dropped = effects_with_schema("DROP TABLE t CASCADE");
    EXPECT_EQ(mode_on(dropped, "parent"), LockMode::access_exclusive);
    EXPECT_EQ(mode_on(dropped, "v"), LockMode::access_exclusive);
    const StatementEffects view = effects_with_schema("SELECT count(*) FROM v");
    EXPECT_FALSE(effect_on(view, "v")->scan);
    EXPECT_TRUE(effect_on(view, "t")->scan);
    EXPECT_EQ(mode_on(effects_with_schema("INSERT INTO t (id, pid) VALUES (1, 1)"), "parent"), LockMode::row_share);
    EXPECT_EQ(mode_on(effects_with_schema("INSERT INTO audit_log (note) VALUES ('x')"), "audit_log_id_seq"),
              LockMode::row_exclusive);
    EXPECT_FALSE(effects_with_schema("UPDATE audit_log SET note = 'x'").scan());
    EXPECT_EQ(mode_on(effects_with_schema("TRUNCATE audit_log RESTART IDENTITY"), "audit_log_id_seq"),
              LockMode::access_exclusive);
    EXPECT_TRUE(effects_with_schema("ALTER TABLE t ADD COLUMN x posint_checked").rewrite());
}

TEST(LockModel, UnknownStatementIsNotModelled) {
    EXPECT_FALSE(effects_for("CREATE PUBLICATION p FOR ALL TABLES").modelled);
}

}  // namespace
}  // namespace migsafe
