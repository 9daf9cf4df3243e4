// What earlier statements of a migration unit established: the transaction,
// session settings, locks held, and tables that are new in this unit.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/check_facts.hpp"
#include "migsafe/lock_model.hpp"
#include "migsafe/source.hpp"

namespace migsafe {

struct Statement;

// How the tool that applies a file wraps it.
enum class TransactionMode {
    none,         // statement by statement (psql -f)
    per_file,     // the runner wraps the file in BEGIN ... COMMIT
    single_query  // the file is sent as one multi-statement string: one implicit transaction
};

// do_block: the transaction PostgreSQL runs a DO block in when none is open; it
// holds the block's embedded statements and their locks until the block ends.
enum class TransactionState { none, explicit_block, runner_wrapper, implicit_query, do_block };

// The migration unit being analysed, as its framework runs it.
struct UnitInfo {
    std::string framework = "plain";  // the framework's name, e.g. "dbmate"
    std::string display;               // as messages say it, e.g. "Flyway"
    std::string wrapper;               // the transaction the tool wraps, as a message names it
    std::string opt_out;               // how one migration runs without that transaction
    bool down = false;                 // a down (revert) migration
    std::optional<bool> has_down;      // an up migration's down exists; nullopt: the tool has none
    std::size_t begin = 0;             // file offset where the unit starts
};

struct HeldLock {
    QualifiedName relation;
    LockMode mode = LockMode::none;
    std::size_t statement = 0;
    bool on_new_table = false;  // the relation is not an existing one (see is_existing_relation)
    RelationRole role = RelationRole::target;
};

struct KnownCheck {
    std::string name;
    bool validated = false;
    CheckFacts facts;
};

// What earlier statements of the unit said about one table.
struct TableFacts {
    std::vector<KnownCheck> checks;
    std::set<std::string> not_null_columns;
    bool partitioned = false;
    std::vector<std::string> partition_key;  // plain key columns; empty when a key is an expression
    std::vector<QualifiedName> partitions;
    std::optional<QualifiedName> default_partition;
};

// An ALTER TABLE ... ENABLE ROW LEVEL SECURITY of this unit.
struct RowSecurityEnabling {
    QualifiedName table;
    ByteSpan span;  // the statement
    std::size_t statement = 0;
};

// ALTER TABLE ... RENAME TO of a table that existed before this unit.
struct TableRename {
    QualifiedName from;
    QualifiedName to;  // in from's schema
    ByteSpan span;     // the statement
    std::size_t statement = 0;
    // A later CREATE VIEW under the old name selects from the new one: old code keeps working.
    bool compatibility_view = false;
};

// A foreign key declared in this unit (CREATE TABLE, ADD CONSTRAINT, ADD COLUMN ... REFERENCES).
struct ForeignKeyAddition {
    QualifiedName table;
    std::vector<std::string> columns;  // the referencing columns, as written
    ByteSpan span;                     // the statement
};

// An ALTER TABLE that scanned or rewrote an existing table under a lock that blocks writes.
struct AlterScan {
    std::size_t statement = 0;
    // Its only scanning actions are SET NOT NULL on columns a validated CHECK proves
    // not null, which PostgreSQL skips from version 12.
    bool only_proven_set_not_null = false;
};

class MigrationState {
public:
    explicit MigrationState(TransactionMode mode = TransactionMode::none, std::size_t statement_count = 0);

    [[nodiscard]] TransactionMode mode() const { return m_mode; }
    [[nodiscard]] TransactionState transaction() const { return m_transaction; }
    [[nodiscard]] bool in_transaction() const { return m_transaction != TransactionState::none; }
    // A runner-managed transaction (the framework's wrapper or an implicit multi-statement query).
    [[nodiscard]] bool in_runner_transaction() const;
    [[nodiscard]] bool explicit_transaction() const { return m_transaction == TransactionState::explicit_block; }
    // Statements in the unit; a single_query unit with one statement runs without a transaction.
    [[nodiscard]] std::size_t statement_count() const { return m_statement_count; }
    [[nodiscard]] std::optional<std::size_t> open_begin_statement() const { return m_open_begin; }
    // Where the BEGIN of the open explicit transaction is, for findings about it.
    [[nodiscard]] std::optional<ByteSpan> open_begin_span() const { return m_open_begin_span; }

    [[nodiscard]] bool lock_timeout_set() const { return m_lock_timeout_set; }
    [[nodiscard]] bool statement_timeout_set() const { return m_statement_timeout_set; }

    // Created earlier in this unit and not filled since (INSERT ... SELECT, COPY).
    [[nodiscard]] bool is_new_table(const QualifiedName& table) const;
    [[nodiscard]] bool created_in_unit(const QualifiedName& table) const;
    // An existing table: neither new nor created in this unit.
    [[nodiscard]] bool is_existing_table(const QualifiedName& table) const { return !is_new_table(table); }

    [[nodiscard]] const std::vector<HeldLock>& held_locks() const { return m_held_locks; }
    [[nodiscard]] bool constraint_added_not_valid_in_transaction(const QualifiedName& table,
                                                                 const std::string& constraint) const;
    [[nodiscard]] bool enum_value_added_in_transaction(const std::string& value) const;
    [[nodiscard]] const std::set<std::string>& enum_values_added_in_transaction() const {
        return m_enum_values_in_transaction;
    }
    // The enum types (as written) that received `value` in the open transaction.
    [[nodiscard]] std::set<std::string> enum_types_with_value_added_in_transaction(const std::string& value) const;

    [[nodiscard]] const TableFacts* table_facts(const QualifiedName& table) const;
    [[nodiscard]] bool is_partitioned(const QualifiedName& table) const;
    // A validated CHECK not dropped in `dropped` implies `column IS NOT NULL`.
    [[nodiscard]] bool proves_not_null(const QualifiedName& table, const std::string& column,
                                       const std::set<std::string>& dropped = {}) const;
    [[nodiscard]] std::optional<QualifiedName> table_of_index(const QualifiedName& index) const;
    // A domain created or altered in this unit with a CHECK constraint.
    [[nodiscard]] bool is_constrained_domain(const QualifiedName& domain) const;

    // Not created by its statement and not new in this unit; an index counts as its table.
    [[nodiscard]] bool is_existing_relation(const RelationEffect& effect) const;
    // Existing relations whose lock conflicts with reads or writes.
    [[nodiscard]] std::vector<const RelationEffect*> blocking_locks_on_existing(const StatementEffects& effects) const;
    // Existing relations the statement scans or rewrites (not the table a new table's foreign key references).
    [[nodiscard]] std::vector<const RelationEffect*> slow_work_on_existing(const StatementEffects& effects) const;
    // The first statement since lock_timeout was last unset that took such a lock without one.
    [[nodiscard]] std::optional<std::size_t> unguarded_lock_statement() const { return m_unguarded_lock; }
    [[nodiscard]] std::optional<std::size_t> unguarded_slow_statement() const { return m_unguarded_slow; }

    // `statement` as an AlterScan, if it is one (judged against this state).
    [[nodiscard]] std::optional<AlterScan> alter_scan(const Statement& statement, const StatementEffects& effects) const;
    // Earlier AlterScans of `table` in this unit.
    [[nodiscard]] const std::vector<AlterScan>& alter_scans(const QualifiedName& table) const;

    void assume_lock_timeout() {
        m_lock_timeout_set = true;
        m_lock_timeout_in_session = true;
    }

    [[nodiscard]] const std::vector<RowSecurityEnabling>& row_security_enablings() const {
        return m_row_security_enablings;
    }
    [[nodiscard]] const std::vector<TableRename>& table_renames() const { return m_table_renames; }
    [[nodiscard]] const std::vector<ForeignKeyAddition>& foreign_key_additions() const {
        return m_foreign_key_additions;
    }
    [[nodiscard]] const UnitInfo& unit() const { return m_unit; }
    void set_unit(UnitInfo unit) { m_unit = std::move(unit); }

    // Advances the state past `statement`, whose effects the lock model computed.
    void apply(const Statement& statement, const StatementEffects& effects);

private:
    // A DO block whose embedded statements are still to come.
    struct DoBlock {
        std::size_t remaining = 0;
        bool own_transaction = false;  // it opened the do_block transaction
    };

    void apply_statement(const Statement& statement, const StatementEffects& effects);
    void track_do_blocks(const Statement& statement);
    void end_transaction();
    void apply_create_table(const Statement& statement, const QualifiedName& table);
    void apply_alter_table(const Statement& statement, const QualifiedName& table);
    void add_check(const QualifiedName& table, std::string name, bool validated, Node expression,
                   const Statement& statement);
    void apply_setting(const std::string& name, bool is_reset, bool local, bool has_value, bool zero);
    void mark_compatibility_views(const QualifiedName& view, Node from_clause);

    TransactionMode m_mode;
    std::size_t m_statement_count;
    TransactionState m_transaction = TransactionState::none;
    std::optional<std::size_t> m_open_begin;
    std::optional<ByteSpan> m_open_begin_span;
    std::vector<DoBlock> m_do_blocks;
    bool m_lock_timeout_set = false;
    bool m_statement_timeout_set = false;
    bool m_lock_timeout_is_local = false;
    bool m_statement_timeout_is_local = false;
    bool m_lock_timeout_in_session = false;  // set by SET or set_config(..., false)
    bool m_statement_timeout_in_session = false;
    std::set<std::string> m_created_tables;
    std::set<std::string> m_filled_tables;
    std::vector<HeldLock> m_held_locks;
    std::set<std::string> m_not_valid_in_transaction;  // "table-key/constraint"
    std::set<std::string> m_enum_values_in_transaction;
    std::map<std::string, std::set<std::string>> m_enum_value_types_in_transaction;  // value -> types
    std::set<std::string> m_enum_types_created_in_transaction;
    std::map<std::string, TableFacts> m_tables;         // by QualifiedName::key()
    std::map<std::string, QualifiedName> m_index_tables;  // index key -> its table
    std::set<std::string> m_constrained_domains;
    std::map<std::string, std::vector<AlterScan>> m_alter_scans;
    std::vector<RowSecurityEnabling> m_row_security_enablings;
    std::vector<ForeignKeyAddition> m_foreign_key_additions;
    std::vector<TableRename> m_table_renames;
    std::optional<std::size_t> m_unguarded_lock;
    std::optional<std::size_t> m_unguarded_slow;
    UnitInfo m_unit;
};

}  // namespace migsafe
