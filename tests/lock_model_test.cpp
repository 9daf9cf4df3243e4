#include "migsafe/lock_model.hpp"

#include <gtest/gtest.h>

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

TEST(LockModel, UnknownStatementIsNotModelled) {
    EXPECT_FALSE(effects_for("CREATE PUBLICATION p FOR ALL TABLES").modelled);
}

}  // namespace
}  // namespace migsafe
