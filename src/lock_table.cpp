// The lock table: one row per statement form and condition, as data. Rows of a
// form are tried in order; the first whose conditions and PostgreSQL version
// match wins, so specific rows come before the general one.
// "verified pg15" rows are checked against a real server by lock_model_pg_test.
#include "migsafe/lock_model.hpp"

namespace migsafe {
namespace {

using C = Condition;
using R = RelationRole;
constexpr LockMode AS = LockMode::access_share;
constexpr LockMode RS = LockMode::row_share;
constexpr LockMode RX = LockMode::row_exclusive;
constexpr LockMode SUE = LockMode::share_update_exclusive;
constexpr LockMode SH = LockMode::share;
constexpr LockMode SRX = LockMode::share_row_exclusive;
constexpr LockMode EX = LockMode::exclusive;
constexpr LockMode AEL = LockMode::access_exclusive;
constexpr bool rewrite = true;
constexpr bool scan = true;
constexpr std::string_view verified = "verified pg15";

// Shorthand for a row.
LockTableRow row(std::string_view form, std::vector<RoleLock> locks, C required = C::none, C excluded = C::none,
                 std::string_view source = verified, int min_pg = k_min_pg_version, int max_pg = k_max_pg_version) {
    return LockTableRow{form, required, excluded, min_pg, max_pg, std::move(locks), false, source};
}

LockTableRow no_transaction(LockTableRow base) {
    base.requires_no_transaction = true;
    return base;
}

const std::vector<LockTableRow>& rows() {
    static const std::vector<LockTableRow> k_rows = {
        // ALTER TABLE ... ADD COLUMN: the column itself.
        row("ALTER TABLE ADD COLUMN", {{R::target, AEL, rewrite, scan}}, C::serial_type),
        row("ALTER TABLE ADD COLUMN", {{R::target, AEL, rewrite, scan}}, C::identity),
        row("ALTER TABLE ADD COLUMN", {{R::target, AEL, rewrite, scan}}, C::generated_stored),
        row("ALTER TABLE ADD COLUMN", {{R::target, AEL, rewrite, scan}}, C::volatile_default),
        // Rewrites even without a default, so that every row is checked against the domain.
        row("ALTER TABLE ADD COLUMN", {{R::target, AEL, rewrite, scan}}, C::domain_type),
        row("ALTER TABLE ADD COLUMN", {{R::target, AEL}}),
        // ... and its column constraints.
        row("ALTER TABLE ADD COLUMN CHECK", {{R::target, AEL, false, scan}}),
        row("ALTER TABLE ADD COLUMN UNIQUE", {{R::target, AEL, false, scan}}),
        row("ALTER TABLE ADD COLUMN REFERENCES", {{R::target, AEL, false, scan}, {R::referenced, SRX, false, scan}},
            C::has_default),
        row("ALTER TABLE ADD COLUMN REFERENCES", {{R::target, AEL}, {R::referenced, SRX}}),

        // Column changes.
        // A binary-coercible change keeps the rows, but indexes whose collation or operator
        // class changes are rebuilt, and CHECKs on the column are checked again.
        row("ALTER TABLE ALTER COLUMN TYPE", {{R::target, AEL, false, scan}},
            C::binary_coercible_type | C::rebuilds_indexes),
        row("ALTER TABLE ALTER COLUMN TYPE", {{R::target, AEL, false, scan}}, C::binary_coercible_type | C::column_check),
        row("ALTER TABLE ALTER COLUMN TYPE", {{R::target, AEL}}, C::binary_coercible_type),
        // A rewritten key column: foreign keys that reference it are validated again.
        row("ALTER TABLE ALTER COLUMN TYPE", {{R::target, AEL, rewrite, scan}, {R::dependent_table, AEL, false, scan}}),
        row("ALTER TABLE SET NOT NULL", {{R::target, AEL}}, C::check_proves_not_null, C::none, verified, 12),
        row("ALTER TABLE SET NOT NULL", {{R::target, AEL, false, scan}}),
        row("ALTER TABLE DROP NOT NULL", {{R::target, AEL}}),
        row("ALTER TABLE SET DEFAULT", {{R::target, AEL}}),
        row("ALTER TABLE SET STATISTICS", {{R::target, SUE}}),
        row("ALTER TABLE ALTER COLUMN SET OPTIONS", {{R::target, SUE}}, C::none, C::none, "PostgreSQL docs: ALTER TABLE"),
        row("ALTER TABLE SET STORAGE", {{R::target, AEL}}),
        row("ALTER TABLE SET COMPRESSION", {{R::target, AEL}}),
        // The column's foreign key goes (the referenced table is locked), and with CASCADE the
        // views and foreign keys that use it.
        row("ALTER TABLE DROP COLUMN", {{R::target, AEL}, {R::referenced, AEL}, {R::dependent_table, AEL}}),
        row("ALTER TABLE ADD IDENTITY", {{R::target, AEL}}),
        // RESTART and new sequence options rewrite the identity's sequence.
        row("ALTER TABLE SET IDENTITY", {{R::target, AEL}, {R::sequence, SRX, rewrite}}, C::sequence_parameters),
        row("ALTER TABLE SET IDENTITY", {{R::target, AEL}, {R::sequence, SRX}}),
        row("ALTER TABLE DROP IDENTITY", {{R::target, AEL}, {R::sequence, AEL}}),
        row("ALTER TABLE DROP EXPRESSION", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER TABLE"),

        // Constraints.
        row("ALTER TABLE ADD FOREIGN KEY", {{R::target, SRX}, {R::referenced, SRX}}, C::not_valid),
        row("ALTER TABLE ADD FOREIGN KEY", {{R::target, SRX, false, scan}, {R::referenced, SRX, false, scan}}),
        row("ALTER TABLE ADD CHECK", {{R::target, AEL}}, C::not_valid),
        row("ALTER TABLE ADD CHECK", {{R::target, AEL, false, scan}}),
        row("ALTER TABLE ADD UNIQUE", {{R::target, AEL}, {R::index, SUE}}, C::using_index),
        row("ALTER TABLE ADD UNIQUE", {{R::target, AEL, false, scan}, {R::partition, SH, false, scan}}),
        // USING INDEX scans when a key column is still nullable (implicit SET NOT NULL); unknown here.
        row("ALTER TABLE ADD PRIMARY KEY", {{R::target, AEL, false, scan}, {R::index, SUE}},
            C::using_index | C::key_column_nullable),
        row("ALTER TABLE ADD PRIMARY KEY", {{R::target, AEL}, {R::index, SUE}}, C::using_index),
        row("ALTER TABLE ADD PRIMARY KEY", {{R::target, AEL, false, scan}, {R::partition, SH, false, scan}}),
        row("ALTER TABLE ADD EXCLUDE", {{R::target, AEL, false, scan}}),
        row("ALTER TABLE ADD CONSTRAINT", {{R::target, AEL}}),
        row("ALTER TABLE VALIDATE CONSTRAINT", {{R::target, SUE, false, scan}, {R::referenced, RS, false, scan}},
            C::foreign_key),
        row("ALTER TABLE VALIDATE CONSTRAINT", {{R::target, SUE, false, scan}}),
        row("ALTER TABLE DROP CONSTRAINT", {{R::target, AEL}, {R::referenced, AEL}}, C::foreign_key),
        // With CASCADE, a key's dropped index takes the foreign keys that reference it along.
        row("ALTER TABLE DROP CONSTRAINT", {{R::target, AEL}, {R::dependent_table, AEL}}),
        row("ALTER TABLE ALTER CONSTRAINT", {{R::target, AEL}}),

        // Table-level changes.
        row("ALTER TABLE SET LOGGED", {{R::target, AEL, rewrite, scan}}, C::none, C::none, "PostgreSQL docs: ALTER TABLE"),
        row("ALTER TABLE SET UNLOGGED", {{R::target, AEL, rewrite, scan}}),
        // Naming the tablespace or access method the table is already in copies nothing.
        row("ALTER TABLE SET TABLESPACE", {{R::target, AEL}}, C::storage_unchanged),
        row("ALTER TABLE SET TABLESPACE", {{R::target, AEL, rewrite, scan}}, C::none, C::none,
            "PostgreSQL docs: ALTER TABLE"),
        row("ALTER TABLE SET ACCESS METHOD", {{R::target, AEL}}, C::storage_unchanged),
        row("ALTER TABLE SET ACCESS METHOD", {{R::target, AEL, rewrite, scan}}, C::none, C::none,
            "PostgreSQL docs: ALTER TABLE"),
        row("ALTER TABLE SET STORAGE PARAMETERS", {{R::target, SUE}}),
        row("ALTER TABLE CLUSTER ON", {{R::target, SUE}}),
        row("ALTER TABLE SET WITHOUT CLUSTER", {{R::target, SUE}}, C::none, C::none, "PostgreSQL docs: ALTER TABLE"),
        row("ALTER TABLE ENABLE/DISABLE TRIGGER", {{R::target, SRX}}),
        row("ALTER TABLE ENABLE/DISABLE RULE", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER TABLE"),
        row("ALTER TABLE ROW LEVEL SECURITY", {{R::target, AEL}}),
        row("ALTER TABLE REPLICA IDENTITY", {{R::target, AEL}}),
        row("ALTER TABLE OWNER TO", {{R::target, AEL}}),
        row("ALTER TABLE INHERIT", {{R::target, AEL}, {R::parent, SUE}}),
        row("ALTER TABLE NO INHERIT", {{R::target, AEL}, {R::parent, AS}}),
        row("ALTER TABLE OF", {{R::target, AEL}, {R::composite_type, AS}}),
        row("ALTER TABLE NOT OF", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER TABLE"),
        row("ALTER TABLE OPTIONS", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER TABLE"),
        // The parent's DEFAULT partition gives up the new range: locked and scanned whatever CHECK exists.
        row("ALTER TABLE ATTACH PARTITION",
            {{R::target, SUE}, {R::partition, AEL, false, scan}, {R::dependent_table, AEL, false, scan}},
            C::default_partition, C::none, verified, 12),
        // The partition's own validated constraints prove the bound: no scan.
        row("ALTER TABLE ATTACH PARTITION", {{R::target, SUE}, {R::partition, AEL}}, C::bound_proven, C::none, verified,
            12),
        row("ALTER TABLE ATTACH PARTITION", {{R::target, SUE}, {R::partition, AEL, false, scan}}, C::none, C::none,
            verified, 12),
        row("ALTER TABLE ATTACH PARTITION",
            {{R::target, AEL}, {R::partition, AEL, false, scan}, {R::dependent_table, AEL, false, scan}},
            C::default_partition, C::none, "PostgreSQL 11 docs: ATTACH PARTITION scans the default partition",
            k_min_pg_version, 11),
        row("ALTER TABLE ATTACH PARTITION", {{R::target, AEL}, {R::partition, AEL}}, C::bound_proven, C::none,
            "PostgreSQL 11 docs: ALTER TABLE ATTACH PARTITION (a CHECK that proves the bound skips the scan)",
            k_min_pg_version, 11),
        row("ALTER TABLE ATTACH PARTITION", {{R::target, AEL}, {R::partition, AEL, false, scan}}, C::none, C::none,
            "PostgreSQL 12 release notes: ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE", k_min_pg_version, 11),
        // The concurrent detach waits for every user of the parent, then takes ACCESS EXCLUSIVE
        // on the partition.
        no_transaction(row("ALTER TABLE DETACH PARTITION", {{R::target, SUE}, {R::partition, AEL}}, C::concurrently,
                           C::none, verified, 14)),
        row("ALTER TABLE DETACH PARTITION", {{R::target, AEL}, {R::partition, AEL}}),
        row("ALTER TABLE DETACH PARTITION FINALIZE", {{R::target, SUE}, {R::partition, SUE}}, C::none, C::none,
            "PostgreSQL 14 docs: DETACH PARTITION FINALIZE", 14),
        row("ALTER TABLE (other)", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER TABLE default lock"),

        // Other relation kinds under ALTER.
        row("ALTER INDEX", {{R::index, SUE}}),
        row("ALTER INDEX", {}, C::object_missing),
        // The partition's index is locked; both tables are only opened.
        row("ALTER INDEX ATTACH PARTITION", {{R::index, SUE}, {R::partition, AEL}, {R::read, AS}}),
        row("ALTER INDEX RENAME", {}, C::object_missing),
        row("ALTER INDEX RENAME", {{R::index, SUE}}),
        row("ALTER INDEX SET TABLESPACE", {{R::index, AEL}}),
        // New parameters go into a new relfilenode; OWNED BY only reads the owning table.
        row("ALTER SEQUENCE", {{R::target, SRX, rewrite}, {R::owner, AS}}, C::sequence_parameters),
        row("ALTER SEQUENCE", {{R::target, SRX}, {R::owner, AS}}),
        row("ALTER VIEW", {{R::target, AEL}}),
        row("ALTER ... SET SCHEMA", {{R::target, AEL}}),

        // Renames (catalog only, on every version).
        row("RENAME COLUMN", {{R::target, AEL}}),
        row("RENAME TABLE", {}, C::object_missing),
        row("RENAME TABLE", {{R::target, AEL}}),
        row("RENAME TABCONSTRAINT", {{R::target, AEL}}),
        row("RENAME VIEW", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER VIEW"),
        row("RENAME MATVIEW", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER MATERIALIZED VIEW"),
        row("RENAME SEQUENCE", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER SEQUENCE"),
        row("RENAME TRIGGER", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER TRIGGER"),
        row("RENAME POLICY", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER POLICY"),
        row("RENAME RULE", {{R::target, AEL}}),
        row("RENAME ATTRIBUTE", {{R::composite_type, AEL}, {R::dependent_table, AEL}}),
        row("RENAME (no relation)", {}),

        // Tables and views.
        // A temporary table is private to its session: its lock blocks no one.
        row("CREATE TABLE", {}, C::temporary),
        row("CREATE TABLE", {}, C::object_exists),
        row("CREATE TABLE", {{R::target, AEL}}),
        row("CREATE TABLE REFERENCES", {{R::referenced, SRX}}),
        row("CREATE TABLE PARTITION OF", {{R::parent, AEL}}),
        row("CREATE TABLE INHERITS", {{R::parent, SUE}}, C::none, C::none, "PostgreSQL source: MergeAttributes"),
        row("CREATE TABLE LIKE", {{R::parent, AS}}),
        row("CREATE TABLE AS", {}, C::temporary),
        row("CREATE TABLE AS", {{R::target, AEL}}),
        row("CREATE MATERIALIZED VIEW", {{R::target, AEL}}),
        row("CREATE VIEW", {{R::target, AEL}}),
        row("CREATE RULE", {{R::target, AEL}}),
        // A dropped table's foreign keys lock the tables they reference; its partitions, its
        // partitioned parent and its owned sequences go with it; CASCADE reaches the views
        // and foreign keys that use it.
        row("DROP TABLE", {}, C::object_missing),
        row("DROP TABLE", {{R::target, AEL}, {R::referenced, AEL}, {R::dependent_table, AEL}, {R::partition, AEL},
                           {R::parent, AEL}, {R::sequence, AEL}}),
        row("DROP VIEW", {}, C::object_missing),
        row("DROP VIEW", {{R::target, AEL}}),
        row("DROP MATERIALIZED VIEW", {}, C::object_missing),
        row("DROP MATERIALIZED VIEW", {{R::target, AEL}}),
        row("DROP SEQUENCE", {{R::sequence, AEL}}),
        row("DROP TRIGGER", {{R::target, AEL}}),
        row("DROP POLICY", {{R::target, AEL}}),
        row("DROP RULE", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: DROP RULE"),
        row("DROP (no relation)", {}),
        row("TRUNCATE", {{R::target, AEL, rewrite}, {R::sequence, AEL, rewrite}}, C::restart_identity),
        row("TRUNCATE", {{R::target, AEL, rewrite}}),
        row("CREATE TRIGGER", {{R::target, SRX}}),
        row("CREATE POLICY", {{R::target, AEL}}),
        row("ALTER POLICY", {{R::target, AEL}}, C::none, C::none, "PostgreSQL docs: ALTER POLICY"),
        row("CREATE SEQUENCE", {{R::owner, AS}}),
        row("COMMENT ON RELATION/COLUMN", {{R::target, SUE}}),
        row("COMMENT ON INDEX", {{R::index, SUE}}),
        // Constraints, triggers, policies and rules: the table is only read.
        row("COMMENT ON TABLE OBJECT", {{R::target, AS}}),
        row("COMMENT ON (other)", {}),
        row("CREATE STATISTICS", {{R::target, SUE}}),
        row("DROP STATISTICS", {{R::target, SUE}}),

        // Indexes.
        // IF NOT EXISTS that finds the index builds nothing.
        no_transaction(row("CREATE INDEX", {{R::target, SUE}}, C::concurrently | C::object_exists)),
        no_transaction(row("CREATE INDEX", {{R::target, SUE, false, scan}}, C::concurrently)),
        row("CREATE INDEX", {{R::target, SH}}, C::object_exists),
        row("CREATE INDEX", {{R::target, SH, false, scan}, {R::new_index, AEL}}),
        no_transaction(row("DROP INDEX", {}, C::concurrently | C::object_missing)),
        // The concurrent drop waits for every user of the table, then removes the index under
        // ACCESS EXCLUSIVE.
        no_transaction(row("DROP INDEX", {{R::index, AEL}, {R::target, SUE}}, C::concurrently)),
        row("DROP INDEX", {}, C::object_missing),
        row("DROP INDEX", {{R::index, AEL}, {R::target, AEL}}),
        // The concurrent forms build a new index beside the old one and drop the old one
        // under ACCESS EXCLUSIVE at the end.
        no_transaction(row("REINDEX INDEX", {{R::index, AEL, rewrite}, {R::target, SUE, false, scan}}, C::concurrently,
                           C::none, verified, 12)),
        // A partitioned table's or index's partitions are reindexed a transaction each (PostgreSQL 14).
        no_transaction(row("REINDEX INDEX", {{R::index, AEL, rewrite}, {R::target, SH, false, scan}}, C::partitioned,
                           C::none, verified, 14)),
        row("REINDEX INDEX", {{R::index, AEL, rewrite}, {R::target, SH, false, scan}}),
        no_transaction(row("REINDEX TABLE", {{R::target, SUE, false, scan}, {R::index, AEL, rewrite}}, C::concurrently,
                           C::none, verified, 12)),
        no_transaction(row("REINDEX TABLE", {{R::target, SH, false, scan}, {R::index, AEL, rewrite}}, C::partitioned,
                           C::none, verified, 14)),
        row("REINDEX TABLE", {{R::target, SH, false, scan}, {R::index, AEL, rewrite}}),
        no_transaction(row("REINDEX SCHEMA/DATABASE/SYSTEM", {}, C::none, C::none, "PostgreSQL docs: REINDEX")),

        // Maintenance.
        no_transaction(row("VACUUM", {{R::target, SUE}})),
        no_transaction(row("VACUUM FULL", {{R::target, AEL, rewrite, scan}})),
        row("ANALYZE", {{R::target, SUE}}),
        // A partitioned table is clustered a partition per transaction, so not inside one.
        no_transaction(row("CLUSTER", {{R::target, AEL, rewrite, scan}}, C::partitioned, C::none,
                           "PostgreSQL docs: CLUSTER", 15)),
        row("CLUSTER", {{R::target, AEL, rewrite, scan}}),
        no_transaction(row("CLUSTER (every clustered table)", {{R::target, AEL, rewrite, scan}})),
        row("REFRESH MATERIALIZED VIEW", {{R::target, EX, false, scan}, {R::read, AS, false, scan}}, C::concurrently),
        row("REFRESH MATERIALIZED VIEW", {{R::target, AEL, rewrite}}, C::query_not_run),
        row("REFRESH MATERIALIZED VIEW", {{R::target, AEL, rewrite, scan}, {R::read, AS, false, scan}}),

        // Explicit locks.
        row("LOCK TABLE IN ACCESS SHARE MODE", {{R::target, AS}}),
        row("LOCK TABLE IN ROW SHARE MODE", {{R::target, RS}}),
        row("LOCK TABLE IN ROW EXCLUSIVE MODE", {{R::target, RX}}),
        row("LOCK TABLE IN SHARE UPDATE EXCLUSIVE MODE", {{R::target, SUE}}),
        row("LOCK TABLE IN SHARE MODE", {{R::target, SH}}),
        row("LOCK TABLE IN SHARE ROW EXCLUSIVE MODE", {{R::target, SRX}}),
        row("LOCK TABLE IN EXCLUSIVE MODE", {{R::target, EX}}),
        row("LOCK TABLE IN ACCESS EXCLUSIVE MODE", {{R::target, AEL}}),

        // Data changes.
        // Writes check new foreign key values against the referenced table (ROW SHARE, from
        // SELECT ... FOR KEY SHARE) and draw defaults from owned sequences. A DO INSTEAD rule
        // replaces the command. A WHERE spares the scan when an index leads with a column it compares.
        row("UPDATE", {{R::target, RX}}, C::instead_rule),
        row("UPDATE", {{R::target, RX}, {R::referenced, RS}}, C::has_where),
        row("UPDATE", {{R::target, RX, false, scan}, {R::referenced, RS}}),
        row("DELETE", {{R::target, RX}}, C::instead_rule),
        row("DELETE", {{R::target, RX}}, C::has_where),
        row("DELETE", {{R::target, RX, false, scan}}),
        row("INSERT", {{R::target, RX}, {R::referenced, RS}, {R::sequence, RX}}),
        row("MERGE", {{R::target, RX, false, scan}, {R::read, AS, false, scan}}),
        row("COPY FROM", {{R::target, RX}}),
        row("COPY TO", {{R::target, AS, false, scan}}),
        // Queries: a statement without WHERE reads every row; with one, the model assumes
        // an index serves it. A query that is only analysed (a view, WITH NO DATA) reads nothing.
        row("SELECT", {{R::read, AS}}, C::query_not_run),
        row("SELECT", {{R::read, RS}}, C::locking_clause | C::has_where),
        row("SELECT", {{R::read, RS, false, scan}}, C::locking_clause),
        row("SELECT", {{R::read, AS}}, C::has_where),
        row("SELECT", {{R::read, AS, false, scan}}),
        row("SEQUENCE FUNCTION", {{R::sequence, RX}}),

        // Types, domains and other objects without relation locks of their own.
        row("CREATE TYPE", {}),
        // Before PostgreSQL 12, ADD VALUE could not run inside a transaction block.
        no_transaction(row("ALTER TYPE ADD VALUE", {}, C::none, C::none,
                           "PostgreSQL 12 release notes: ALTER TYPE ... ADD VALUE in a transaction block",
                           k_min_pg_version, 11)),
        row("ALTER TYPE ADD VALUE", {}),
        row("ALTER TYPE RENAME VALUE", {}),
        row("CREATE DOMAIN", {}),
        // A new or validated constraint, or SET NOT NULL, is checked against every column of
        // the domain: SHARE on their tables and a scan.
        row("ALTER DOMAIN (checks columns)", {{R::dependent_table, SH, false, scan}}),
        row("ALTER DOMAIN", {}),
        row("DROP TYPE", {{R::composite_type, AEL}, {R::dependent_table, AEL}}),
        row("DROP DOMAIN", {{R::dependent_table, AEL}}),
        row("CREATE EXTENSION", {}),
        row("CREATE FUNCTION", {}),
        row("CREATE SCHEMA", {}),
        row("GRANT/REVOKE", {}),
        row("SET", {}),
        row("TRANSACTION CONTROL", {}),
        row("DO", {}),
        no_transaction(row("CREATE DATABASE", {}, C::none, C::none, "PostgreSQL docs: CREATE DATABASE")),
        no_transaction(row("DROP DATABASE", {}, C::none, C::none, "PostgreSQL docs: DROP DATABASE")),
        no_transaction(row("ALTER SYSTEM", {}, C::none, C::none, "PostgreSQL docs: ALTER SYSTEM")),
    };
    return k_rows;
}

}  // namespace

std::span<const LockTableRow> lock_table() { return rows(); }

}  // namespace migsafe
