#include "migsafe/migration_state.hpp"

#include <algorithm>

#include "migsafe/parse.hpp"

namespace migsafe {
namespace {

TransactionState runner_state(TransactionMode mode, std::size_t statement_count) {
    switch (mode) {
        case TransactionMode::per_file: return TransactionState::runner_wrapper;
        // A single statement sent alone runs outside any transaction block.
        case TransactionMode::single_query:
            return statement_count > 1 ? TransactionState::implicit_query : TransactionState::none;
        case TransactionMode::none: return TransactionState::none;
    }
    return TransactionState::none;
}

// "0", 0 and DEFAULT/RESET mean "no timeout".
bool is_zero_setting(Node argument) {
    Node constant = argument.as("A_Const");
    if (Node integer = constant["ival"]; integer) {
        return integer["ival"].integer().value_or(0) == 0;
    }
    if (Node text = constant["sval"]; text) {
        const std::string_view value = text["sval"].str();
        return value.empty() || value == "0" || value == "0ms" || value == "0s";
    }
    return false;
}

std::string constraint_key(const QualifiedName& table, std::string_view constraint) {
    return table.key() + "/" + std::string{constraint};
}

}  // namespace

MigrationState::MigrationState(TransactionMode mode, std::size_t statement_count)
    : m_mode(mode), m_statement_count(statement_count), m_transaction(runner_state(mode, statement_count)) {}

bool MigrationState::in_runner_transaction() const {
    return m_transaction == TransactionState::runner_wrapper || m_transaction == TransactionState::implicit_query;
}

bool MigrationState::is_new_table(const QualifiedName& table) const {
    const std::string key = table.key();
    return m_created_tables.count(key) != 0 && m_filled_tables.count(key) == 0;
}

bool MigrationState::created_in_unit(const QualifiedName& table) const {
    return m_created_tables.count(table.key()) != 0;
}

bool MigrationState::constraint_added_not_valid_in_transaction(const QualifiedName& table,
                                                               const std::string& constraint) const {
    return m_not_valid_in_transaction.count(constraint_key(table, constraint)) != 0;
}

bool MigrationState::enum_value_added_in_transaction(const std::string& value) const {
    return m_enum_values_in_transaction.count(value) != 0;
}

void MigrationState::end_transaction() {
    m_held_locks.clear();
    m_not_valid_in_transaction.clear();
    m_enum_values_in_transaction.clear();
    m_open_begin.reset();
    m_open_begin_span.reset();
    if (m_lock_timeout_is_local) {
        m_lock_timeout_set = false;
        m_lock_timeout_is_local = false;
    }
    if (m_statement_timeout_is_local) {
        m_statement_timeout_set = false;
        m_statement_timeout_is_local = false;
    }
}

void MigrationState::apply_setting(const std::string& name, bool is_reset, bool local, bool has_value, bool zero) {
    const bool enabled = !is_reset && has_value && !zero;
    // SET LOCAL outside a transaction block has no effect (PostgreSQL only warns).
    if (local && !in_transaction()) {
        return;
    }
    if (name == "lock_timeout") {
        m_lock_timeout_set = enabled;
        m_lock_timeout_is_local = enabled && local;
    } else if (name == "statement_timeout") {
        m_statement_timeout_set = enabled;
        m_statement_timeout_is_local = enabled && local;
    }
}

void MigrationState::apply(const Statement& statement, const StatementEffects& effects) {
    apply_statement(statement, effects);
    track_do_blocks(statement);
}

// A DO block runs as one statement: its embedded statements share its transaction
// (the open one, or its own), and their locks are held until the block ends.
void MigrationState::track_do_blocks(const Statement& statement) {
    if (statement.embedded) {
        for (DoBlock& block : m_do_blocks) {
            block.remaining = block.remaining > 0 ? block.remaining - 1 : 0;
        }
    }
    if (statement.kind() == "DoStmt" && statement.embedded_count > 0) {
        m_do_blocks.push_back(DoBlock{statement.embedded_count, !in_transaction()});
        if (!in_transaction()) {
            m_transaction = TransactionState::do_block;
        }
    }
    while (!m_do_blocks.empty() && m_do_blocks.back().remaining == 0) {
        if (m_do_blocks.back().own_transaction) {
            end_transaction();
            m_transaction = TransactionState::none;
        }
        m_do_blocks.pop_back();
    }
}

void MigrationState::apply_statement(const Statement& statement, const StatementEffects& effects) {
    const std::string_view kind = statement.kind();
    Node stmt = statement.content();

    if (kind == "TransactionStmt") {
        const std::string_view transaction_kind = stmt["kind"].str();
        if (transaction_kind == "TRANS_STMT_BEGIN" || transaction_kind == "TRANS_STMT_START") {
            if (m_transaction == TransactionState::none || m_transaction == TransactionState::implicit_query) {
                m_transaction = TransactionState::explicit_block;
                m_open_begin = statement.index;
                m_open_begin_span = statement.span;
            }
        } else if (transaction_kind == "TRANS_STMT_COMMIT" || transaction_kind == "TRANS_STMT_ROLLBACK" ||
                   transaction_kind == "TRANS_STMT_PREPARE") {
            // After COMMIT in a multi-statement query, the rest runs in a new implicit transaction.
            const bool back_to_implicit = m_mode == TransactionMode::single_query && m_statement_count > 1 &&
                                          m_transaction == TransactionState::explicit_block;
            end_transaction();
            m_transaction = back_to_implicit ? TransactionState::implicit_query : TransactionState::none;
        }
        return;
    }

    if (kind == "VariableSetStmt") {
        const std::string_view set_kind = stmt["kind"].str();
        Node args = stmt["args"];
        const bool is_reset = set_kind == "VAR_RESET" || set_kind == "VAR_SET_DEFAULT" || set_kind == "VAR_RESET_ALL";
        if (set_kind == "VAR_RESET_ALL") {
            apply_setting("lock_timeout", true, false, false, false);
            apply_setting("statement_timeout", true, false, false, false);
        } else {
            apply_setting(std::string{stmt["name"].str()}, is_reset, stmt["is_local"].flag(), args.size() > 0,
                          args.size() > 0 && is_zero_setting(args.at(0)));
        }
    } else if (kind == "SelectStmt") {
        visit_nodes(stmt, [&](std::string_view type, Node content) {
            if (type == "FuncCall" && function_name(content) == "set_config" && content["args"].size() == 3) {
                Node name = content["args"].at(0).as("A_Const")["sval"]["sval"];
                Node is_local = content["args"].at(2).as("A_Const")["boolval"]["boolval"];
                apply_setting(std::string{name.str()}, false, is_local.flag(), true,
                              is_zero_setting(content["args"].at(1)));
            }
            return true;
        });
    } else if (kind == "CreateStmt") {
        m_created_tables.insert(relation_name(stmt["relation"]).key());
    } else if (kind == "CreateTableAsStmt") {
        const std::string key = relation_name(stmt["into"]["rel"]).key();
        m_created_tables.insert(key);
        if (!stmt["into"]["skipData"].flag()) {
            m_filled_tables.insert(key);
        }
    } else if (kind == "InsertStmt") {
        Node select = stmt["selectStmt"].as("SelectStmt");
        if (select && select["fromClause"].size() > 0) {
            m_filled_tables.insert(relation_name(stmt["relation"]).key());
        }
    } else if (kind == "CopyStmt" && stmt["is_from"].flag()) {
        m_filled_tables.insert(relation_name(stmt["relation"]).key());
    } else if (kind == "DropStmt" && stmt["removeType"].str() == "OBJECT_TABLE") {
        for (const Node& name : stmt["objects"].items()) {
            m_created_tables.erase(qualified_name(name.as("List")["items"]).key());
        }
    } else if (kind == "RenameStmt" && stmt["renameType"].str() == "OBJECT_TABLE") {
        const QualifiedName old_name = relation_name(stmt["relation"]);
        if (m_created_tables.erase(old_name.key()) != 0) {
            m_created_tables.insert(QualifiedName{old_name.schema, std::string{stmt["newname"].str()}}.key());
        }
    } else if (kind == "AlterTableStmt" && in_transaction()) {
        const QualifiedName table = relation_name(stmt["relation"]);
        for (const Node& item : stmt["cmds"].items()) {
            Node constraint = item.as("AlterTableCmd")["def"].as("Constraint");
            if (item.as("AlterTableCmd")["subtype"].str() == "AT_AddConstraint" &&
                constraint["skip_validation"].flag() && !constraint["conname"].str().empty()) {
                m_not_valid_in_transaction.insert(constraint_key(table, constraint["conname"].str()));
            }
        }
    } else if (kind == "AlterEnumStmt" && in_transaction() && stmt["oldVal"].str().empty()) {
        m_enum_values_in_transaction.insert(std::string{stmt["newVal"].str()});
    }

    if (!in_transaction()) {
        return;  // autocommit: the statement's locks are released when it ends
    }
    for (const RelationEffect& effect : effects.relations) {
        if (effect.mode == LockMode::none) {
            continue;
        }
        auto held = std::find_if(m_held_locks.begin(), m_held_locks.end(), [&](const HeldLock& lock) {
            return lock.relation.key() == effect.relation.key();
        });
        if (held == m_held_locks.end()) {
            m_held_locks.push_back(HeldLock{effect.relation, effect.mode, statement.index,
                                            effect.created || is_new_table(effect.relation)});
        } else if (effect.mode > held->mode) {
            held->mode = effect.mode;
            held->statement = statement.index;
        }
    }
}

}  // namespace migsafe
