// The lock model: which lock each statement takes on which relation, and whether
// it rewrites or scans it. The facts live in one table (src/lock_table.cpp); this
// header is the vocabulary and the query interface.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/ast.hpp"

namespace migsafe {

struct Statement;
class Catalog;
struct Column;
struct Relation;

// PostgreSQL's eight table lock modes, weakest first.
enum class LockMode : std::uint8_t {
    none = 0,
    access_share,
    row_share,
    row_exclusive,
    share_update_exclusive,
    share,
    share_row_exclusive,
    exclusive,
    access_exclusive,
};

[[nodiscard]] std::string_view pg_lock_name(LockMode mode);   // "AccessExclusiveLock" (pg_locks.mode)
[[nodiscard]] std::string_view sql_lock_name(LockMode mode);  // "ACCESS EXCLUSIVE"
[[nodiscard]] bool lock_modes_conflict(LockMode a, LockMode b);

// What a lock held by a migration makes other sessions wait for.
struct BlockedWork {
    bool reads = false;   // SELECT (ACCESS SHARE)
    bool writes = false;  // INSERT/UPDATE/DELETE (ROW EXCLUSIVE)
    bool ddl = false;     // schema changes and maintenance (SHARE UPDATE EXCLUSIVE and up)
};
[[nodiscard]] BlockedWork blocked_work(LockMode mode);
// ["reads", "writes", "ddl"] subset, in that order.
[[nodiscard]] std::vector<std::string_view> blocked_work_names(LockMode mode);
// "blocking reads and writes", "blocking writes", "blocking schema changes".
[[nodiscard]] std::string describe_blocking(LockMode mode);

enum class RelationRole : std::uint8_t {
    target,          // the table (or view, sequence, index) the statement names
    referenced,      // the other end of a foreign key
    index,           // an existing index named by the statement
    new_index,       // an index the statement creates
    sequence,        // a sequence the statement creates or uses
    parent,          // partitioned parent or inheritance parent
    partition,       // a partition attached or detached
    dependent_table, // tables reached through CASCADE or foreign keys
    read,            // a table or view a query reads (SELECT, view definition, INSERT ... SELECT)
    owner,           // the table a sequence is OWNED BY
    composite_type,  // the pg_class entry of a composite type (ALTER TABLE OF, ALTER TYPE)
};
[[nodiscard]] std::string_view role_name(RelationRole role);

struct RelationEffect {
    QualifiedName relation;
    RelationRole role = RelationRole::target;
    LockMode mode = LockMode::none;
    bool rewrite = false;
    bool scan = false;
    bool created = false;  // the statement creates this relation
};

struct StatementEffects {
    // Short description, e.g. "ALTER TABLE ... ALTER COLUMN ... TYPE".
    std::string summary;
    // One entry per relation touched, strongest lock per relation.
    std::vector<RelationEffect> relations;
    // The lock-table forms that matched, in order (for explain and docs).
    std::vector<std::string> forms;
    // PostgreSQL refuses it inside a transaction block.
    bool requires_no_transaction = false;
    // The model has no entry for this statement.
    bool modelled = true;

    [[nodiscard]] bool rewrite() const;
    [[nodiscard]] bool scan() const;
    [[nodiscard]] const RelationEffect* find(const QualifiedName& relation) const;
    // The effect on the statement's own target, if any.
    [[nodiscard]] const RelationEffect* target() const;
    [[nodiscard]] LockMode strongest_mode() const;
};

struct ModelContext {
    int pg_version = 18;
    // The database as it is before the statement (--schema plus the statements before
    // it); null: only the statement is known. Facts the statement alone does not show
    // (a table's partitions, indexes, foreign keys, column types, views' tables) come
    // from here.
    const Catalog* catalog = nullptr;
};

// The versions the model has facts for, and the one they were verified on.
inline constexpr int k_min_pg_version = 11;
inline constexpr int k_max_pg_version = 18;
inline constexpr std::string_view k_verified_on = "PostgreSQL 15.20";

[[nodiscard]] StatementEffects effects_of(const Statement& statement, const ModelContext& context);

// ---- The table itself, exposed for docs and tests -------------------------------

// Conditions read from the statement that select a row of the table.
enum class Condition : std::uint64_t {
    none = 0,
    has_default = 1U << 0,
    volatile_default = 1U << 1,
    not_null = 1U << 2,
    serial_type = 1U << 3,
    identity = 1U << 4,
    generated_stored = 1U << 5,
    column_check = 1U << 6,
    column_unique = 1U << 7,
    column_references = 1U << 8,
    not_valid = 1U << 9,
    using_index = 1U << 10,
    concurrently = 1U << 11,
    cascade = 1U << 12,
    has_where = 1U << 13,
    from_select = 1U << 14,
    lock_mode_given = 1U << 15,
    column_primary_key = 1U << 16,
    binary_coercible_type = 1U << 17,
    domain_type = 1U << 18,  // the column's type is a domain with a CHECK constraint
    // Facts the statement alone does not show; rules that know them from the unit
    // (MigrationState) look the row up with find_lock_row.
    check_proves_not_null = 1U << 19,  // a validated CHECK implies the column IS NOT NULL
    default_partition = 1U << 20,      // the partitioned parent has a DEFAULT partition
    locking_clause = 1U << 21,         // SELECT ... FOR UPDATE / SHARE
    query_not_run = 1U << 22,          // the query is analysed, never run: views, WITH NO DATA
    temporary = 1U << 23,              // a temporary relation: private to the session
    storage_unchanged = 1U << 24,      // SET TABLESPACE / ACCESS METHOD names where the table already is
    sequence_parameters = 1U << 25,    // ALTER SEQUENCE changes a parameter, not only OWNED BY
    // Facts from ModelContext::catalog.
    partitioned = 1U << 26,            // the target is a partitioned table or index: it has no storage
    object_missing = 1U << 27,         // IF EXISTS names nothing: the statement does nothing
    object_exists = 1U << 28,          // IF NOT EXISTS names something that exists: nothing happens
    foreign_key = 1U << 29,            // the constraint named is a foreign key
    key_column_nullable = 1U << 30,    // USING INDEX makes a nullable column NOT NULL: a scan
    instead_rule = 1U << 31,           // a DO INSTEAD rule replaces the command
    rebuilds_indexes = 1ULL << 32,     // no rewrite, but the column's indexes are rebuilt (a scan)
    restart_identity = 1ULL << 33,     // TRUNCATE ... RESTART IDENTITY
    bound_proven = 1ULL << 34,         // the new partition's constraints prove its bound: no scan
};
[[nodiscard]] constexpr Condition operator|(Condition a, Condition b) {
    return static_cast<Condition>(static_cast<std::uint64_t>(a) | static_cast<std::uint64_t>(b));
}
[[nodiscard]] constexpr bool has_all(Condition set, Condition wanted) {
    return (static_cast<std::uint64_t>(set) & static_cast<std::uint64_t>(wanted)) ==
           static_cast<std::uint64_t>(wanted);
}
[[nodiscard]] constexpr bool has_any(Condition set, Condition wanted) {
    return (static_cast<std::uint64_t>(set) & static_cast<std::uint64_t>(wanted)) != 0;
}

struct RoleLock {
    RelationRole role = RelationRole::target;
    LockMode mode = LockMode::none;
    bool rewrite = false;
    bool scan = false;
};

struct LockTableRow {
    std::string_view form;        // e.g. "ALTER TABLE ADD COLUMN"
    Condition required = Condition::none;
    Condition excluded = Condition::none;
    int min_pg = k_min_pg_version;
    int max_pg = k_max_pg_version;
    std::vector<RoleLock> locks;
    bool requires_no_transaction = false;
    std::string_view source;      // "verified pg15", or the documentation it comes from
};

// What ALTER COLUMN ... TYPE, given its ColumnDef, does to `column` of `table`.
struct ColumnTypeChange {
    bool binary_coercible = false;  // the stored bytes stay: no rewrite
    bool rebuilds_indexes = false;  // binary-coercible, but the column's indexes are rebuilt
    bool rechecks = false;          // binary-coercible, but CHECKs on the column are validated again
};
[[nodiscard]] ColumnTypeChange judge_column_type_change(const Catalog& catalog, const Relation& table,
                                                        const Column& column, Node definition, int pg_version);

[[nodiscard]] std::span<const LockTableRow> lock_table();
// First row of `form` whose conditions and version range match; nullptr if none.
[[nodiscard]] const LockTableRow* find_lock_row(std::string_view form, Condition conditions, int pg_version);
// The mode that row takes on relations of `role`; LockMode::none when there is no such row or lock.
[[nodiscard]] LockMode row_lock_mode(std::string_view form, RelationRole role, Condition conditions, int pg_version);

}  // namespace migsafe
