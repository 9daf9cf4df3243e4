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

// PostgreSQL's name for an unnamed constraint added to `table`, for the kinds
// that a later statement names (VALIDATE, DROP).
std::string constraint_name(Node constraint, const QualifiedName& table) {
    if (!constraint["conname"].str().empty()) {
        return std::string{constraint["conname"].str()};
    }
    if (constraint["contype"].str() == "CONSTR_CHECK") {
        return default_check_name(table.name, constraint["raw_expr"]);
    }
    std::string name = table.name;
    for (const std::string& column : string_list(constraint["fk_attrs"])) {
        name += "_" + column;
    }
    return name + "_fkey";
}

// PostgreSQL's name for an unnamed index: <table>_<columns>_idx ("expr" for an expression).
std::string index_name(Node index, const QualifiedName& table) {
    if (!index["idxname"].str().empty()) {
        return std::string{index["idxname"].str()};
    }
    std::string name = table.name;
    for (const Node& param : index["indexParams"].items()) {
        const std::string_view column = param.as("IndexElem")["name"].str();
        name += "_" + (column.empty() ? std::string{"expr"} : std::string{column});
    }
    return name + "_idx";
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

std::set<std::string> MigrationState::enum_types_with_value_added_in_transaction(const std::string& value) const {
    auto found = m_enum_value_types_in_transaction.find(value);
    return found == m_enum_value_types_in_transaction.end() ? std::set<std::string>{} : found->second;
}

const TableFacts* MigrationState::table_facts(const QualifiedName& table) const {
    auto found = m_tables.find(table.key());
    return found == m_tables.end() ? nullptr : &found->second;
}

bool MigrationState::is_partitioned(const QualifiedName& table) const {
    const TableFacts* facts = table_facts(table);
    return facts != nullptr && facts->partitioned;
}

bool MigrationState::proves_not_null(const QualifiedName& table, const std::string& column,
                                     const std::set<std::string>& dropped) const {
    const TableFacts* facts = table_facts(table);
    if (facts == nullptr) {
        return false;
    }
    return std::any_of(facts->checks.begin(), facts->checks.end(), [&](const KnownCheck& check) {
        return check.validated && dropped.count(check.name) == 0 && check.facts.implies_not_null(column);
    });
}

std::optional<QualifiedName> MigrationState::table_of_index(const QualifiedName& index) const {
    auto found = m_index_tables.find(index.key());
    return found == m_index_tables.end() ? std::nullopt : std::optional<QualifiedName>{found->second};
}

bool MigrationState::is_constrained_domain(const QualifiedName& domain) const {
    return m_constrained_domains.count(domain.key()) != 0;
}

bool MigrationState::is_existing_relation(const RelationEffect& effect) const {
    if (effect.created) {
        return false;
    }
    if (effect.role == RelationRole::index || effect.role == RelationRole::new_index) {
        const auto table = table_of_index(effect.relation);
        return !table || !is_new_table(*table);
    }
    return !is_new_table(effect.relation);
}

std::vector<const RelationEffect*> MigrationState::blocking_locks_on_existing(const StatementEffects& effects) const {
    std::vector<const RelationEffect*> result;
    for (const RelationEffect& effect : effects.relations) {
        const BlockedWork blocked = blocked_work(effect.mode);
        if ((blocked.reads || blocked.writes) && is_existing_relation(effect)) {
            result.push_back(&effect);
        }
    }
    return result;
}

std::vector<const RelationEffect*> MigrationState::slow_work_on_existing(const StatementEffects& effects) const {
    // A foreign key's check reads the referenced table once per referencing row: none in a new table.
    const RelationEffect* target = effects.target();
    const bool new_target = target != nullptr && !is_existing_relation(*target);
    std::vector<const RelationEffect*> result;
    for (const RelationEffect& effect : effects.relations) {
        if ((effect.scan || effect.rewrite) && is_existing_relation(effect) &&
            !(new_target && effect.role == RelationRole::referenced)) {
            result.push_back(&effect);
        }
    }
    return result;
}

std::optional<AlterScan> MigrationState::alter_scan(const Statement& statement, const StatementEffects& effects) const {
    Node stmt = statement.content();
    if (statement.kind() != "AlterTableStmt" || stmt["objtype"].str() != "OBJECT_TABLE") {
        return std::nullopt;
    }
    const QualifiedName table = relation_name(stmt["relation"]);
    const RelationEffect* target = effects.find(table);
    if (target == nullptr || !(target->scan || target->rewrite) || !blocked_work(target->mode).writes ||
        !is_existing_relation(*target)) {
        return std::nullopt;
    }
    std::set<std::string> dropped;
    for (const Node& item : stmt["cmds"].items()) {
        Node command = item.as("AlterTableCmd");
        if (command["subtype"].str() == "AT_DropConstraint") {
            dropped.insert(std::string{command["name"].str()});
        }
    }
    // Actions that never scan may accompany the proven SET NOT NULLs.
    static const std::set<std::string_view> k_instant = {"AT_DropConstraint", "AT_ColumnDefault", "AT_DropNotNull"};
    bool any_set_not_null = false;
    bool only_proven = true;
    for (const Node& item : stmt["cmds"].items()) {
        Node command = item.as("AlterTableCmd");
        const std::string_view subtype = command["subtype"].str();
        if (subtype == "AT_SetNotNull") {
            any_set_not_null = true;
            only_proven = only_proven && proves_not_null(table, std::string{command["name"].str()}, dropped);
        } else if (k_instant.count(subtype) == 0) {
            only_proven = false;
        }
    }
    return AlterScan{statement.index, any_set_not_null && only_proven};
}

const std::vector<AlterScan>& MigrationState::alter_scans(const QualifiedName& table) const {
    static const std::vector<AlterScan> k_none;
    auto found = m_alter_scans.find(table.key());
    return found == m_alter_scans.end() ? k_none : found->second;
}

void MigrationState::add_check(const QualifiedName& table, std::string name, bool validated, Node expression,
                               const Statement& statement) {
    std::vector<KnownCheck>& checks = m_tables[table.key()].checks;
    checks.erase(std::remove_if(checks.begin(), checks.end(), [&](const KnownCheck& c) { return c.name == name; }),
                 checks.end());
    checks.push_back(KnownCheck{std::move(name), validated, check_facts(expression, statement)});
}

void MigrationState::apply_create_table(const Statement& statement, const QualifiedName& table) {
    Node stmt = statement.content();
    m_tables.erase(table.key());
    TableFacts& facts = m_tables[table.key()];
    for (const Node& element : stmt["tableElts"].items()) {
        if (Node column = element.as("ColumnDef"); column) {
            const std::string name{column["colname"].str()};
            for (const Node& item : column["constraints"].items()) {
                Node constraint = item.as("Constraint");
                const std::string_view kind = constraint["contype"].str();
                if (kind == "CONSTR_NOTNULL" || kind == "CONSTR_PRIMARY") {
                    facts.not_null_columns.insert(name);
                } else if (kind == "CONSTR_CHECK") {
                    add_check(table, constraint_name(constraint, table), true, constraint["raw_expr"], statement);
                } else if (kind == "CONSTR_FOREIGN") {
                    m_foreign_key_additions.push_back(ForeignKeyAddition{table, {name}, statement.span});
                }
            }
        } else if (Node constraint = element.as("Constraint"); constraint) {
            if (constraint["contype"].str() == "CONSTR_CHECK") {
                add_check(table, constraint_name(constraint, table), true, constraint["raw_expr"], statement);
            } else if (constraint["contype"].str() == "CONSTR_FOREIGN") {
                m_foreign_key_additions.push_back(
                    ForeignKeyAddition{table, string_list(constraint["fk_attrs"]), statement.span});
            } else if (constraint["contype"].str() == "CONSTR_PRIMARY") {
                for (const std::string& key_column : string_list(constraint["keys"])) {
                    facts.not_null_columns.insert(key_column);
                }
            }
        }
    }
    if (Node spec = stmt["partspec"]; spec) {
        TableFacts& partitioned = m_tables[table.key()];
        partitioned.partitioned = true;
        for (const Node& param : spec["partParams"].items()) {
            const std::string_view column = param.as("PartitionElem")["name"].str();
            if (column.empty()) {
                partitioned.partition_key.clear();
                break;
            }
            partitioned.partition_key.emplace_back(column);
        }
    }
    if (Node bound = stmt["partbound"]; bound && stmt["inhRelations"].size() == 1) {
        TableFacts& parent = m_tables[relation_name(stmt["inhRelations"].at(0).as("RangeVar")).key()];
        parent.partitions.push_back(table);
        if (bound["is_default"].flag()) {
            parent.default_partition = table;
        }
    }
}

void MigrationState::apply_alter_table(const Statement& statement, const QualifiedName& table) {
    for (const Node& item : statement.content()["cmds"].items()) {
        Node command = item.as("AlterTableCmd");
        const std::string_view subtype = command["subtype"].str();
        const std::string name{command["name"].str()};
        if (subtype == "AT_AddConstraint") {
            Node constraint = command["def"].as("Constraint");
            if (constraint["contype"].str() == "CONSTR_CHECK") {
                add_check(table, constraint_name(constraint, table), !constraint["skip_validation"].flag(),
                          constraint["raw_expr"], statement);
            } else if (constraint["contype"].str() == "CONSTR_FOREIGN") {
                m_foreign_key_additions.push_back(
                    ForeignKeyAddition{table, string_list(constraint["fk_attrs"]), statement.span});
            }
        } else if (subtype == "AT_AddColumn") {
            Node column = command["def"].as("ColumnDef");
            const std::string column_name{column["colname"].str()};
            for (const Node& constraint_item : column["constraints"].items()) {
                Node constraint = constraint_item.as("Constraint");
                const std::string_view kind = constraint["contype"].str();
                if (kind == "CONSTR_CHECK") {
                    add_check(table, constraint_name(constraint, table), true, constraint["raw_expr"], statement);
                } else if (kind == "CONSTR_NOTNULL" || kind == "CONSTR_PRIMARY") {
                    m_tables[table.key()].not_null_columns.insert(column_name);
                } else if (kind == "CONSTR_FOREIGN") {
                    m_foreign_key_additions.push_back(ForeignKeyAddition{table, {column_name}, statement.span});
                }
            }
        } else if (subtype == "AT_EnableRowSecurity") {
            m_row_security_enablings.push_back(RowSecurityEnabling{table, statement.span, statement.index});
        } else if (subtype == "AT_ValidateConstraint") {
            for (KnownCheck& check : m_tables[table.key()].checks) {
                check.validated = check.validated || check.name == name;
            }
        } else if (subtype == "AT_DropConstraint") {
            std::vector<KnownCheck>& checks = m_tables[table.key()].checks;
            checks.erase(std::remove_if(checks.begin(), checks.end(),
                                        [&](const KnownCheck& check) { return check.name == name; }),
                         checks.end());
        } else if (subtype == "AT_SetNotNull") {
            m_tables[table.key()].not_null_columns.insert(name);
        } else if (subtype == "AT_DropNotNull") {
            m_tables[table.key()].not_null_columns.erase(name);
        } else if (subtype == "AT_AttachPartition" || subtype == "AT_DetachPartition") {
            Node partition_cmd = command["def"].as("PartitionCmd");
            const QualifiedName partition = relation_name(partition_cmd["name"]);
            TableFacts& parent = m_tables[table.key()];
            auto& partitions = parent.partitions;
            partitions.erase(std::remove(partitions.begin(), partitions.end(), partition), partitions.end());
            if (parent.default_partition && parent.default_partition->key() == partition.key()) {
                parent.default_partition.reset();
            }
            if (subtype == "AT_AttachPartition") {
                partitions.push_back(partition);
                if (partition_cmd["bound"]["is_default"].flag()) {
                    parent.default_partition = partition;
                }
            }
        }
    }
}

void MigrationState::end_transaction() {
    m_held_locks.clear();
    m_not_valid_in_transaction.clear();
    m_enum_values_in_transaction.clear();
    m_enum_value_types_in_transaction.clear();
    m_enum_types_created_in_transaction.clear();
    m_open_begin.reset();
    m_open_begin_span.reset();
    // SET LOCAL ends with the transaction; the session's own value comes back.
    if (m_lock_timeout_is_local) {
        m_lock_timeout_set = m_lock_timeout_in_session;
        m_lock_timeout_is_local = false;
    }
    if (m_statement_timeout_is_local) {
        m_statement_timeout_set = m_statement_timeout_in_session;
        m_statement_timeout_is_local = false;
    }
}

namespace {

// The same table as far as the statements show: schemas compare only when both are written.
bool same_table(const QualifiedName& a, const QualifiedName& b) {
    return a.name == b.name && (a.schema.empty() || b.schema.empty() || a.schema == b.schema);
}

}  // namespace

void MigrationState::mark_compatibility_views(const QualifiedName& view, Node from_clause) {
    for (TableRename& rename : m_table_renames) {
        if (!same_table(view, rename.from)) {
            continue;
        }
        for (const Node& item : from_clause.items()) {
            if (Node read = item.as("RangeVar"); read && same_table(relation_name(read), rename.to)) {
                rename.compatibility_view = true;
            }
        }
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
        m_lock_timeout_in_session = local ? m_lock_timeout_in_session : enabled;
        if (enabled) {
            m_unguarded_lock.reset();
        }
    } else if (name == "statement_timeout") {
        m_statement_timeout_set = enabled;
        m_statement_timeout_is_local = enabled && local;
        m_statement_timeout_in_session = local ? m_statement_timeout_in_session : enabled;
        if (enabled) {
            m_unguarded_slow.reset();
        }
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

    // Judged against the state before the statement.
    if (!m_lock_timeout_set && !m_unguarded_lock && !blocking_locks_on_existing(effects).empty()) {
        m_unguarded_lock = statement.index;
    }
    if (!m_statement_timeout_set && !m_unguarded_slow && !slow_work_on_existing(effects).empty()) {
        m_unguarded_slow = statement.index;
    }
    if (auto scan = alter_scan(statement, effects); scan) {
        m_alter_scans[relation_name(stmt["relation"]).key()].push_back(*scan);
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
        const QualifiedName table = relation_name(stmt["relation"]);
        m_created_tables.insert(table.key());
        apply_create_table(statement, table);
    } else if (kind == "IndexStmt") {
        const QualifiedName table = relation_name(stmt["relation"]);
        m_index_tables[QualifiedName{table.schema, index_name(stmt, table)}.key()] = table;
    } else if (kind == "CreateDomainStmt") {
        for (const Node& item : stmt["constraints"].items()) {
            if (item.as("Constraint")["contype"].str() == "CONSTR_CHECK") {
                m_constrained_domains.insert(qualified_name(stmt["domainname"]).key());
            }
        }
    } else if (kind == "AlterDomainStmt") {
        if (stmt["subtype"].str() == "C" && stmt["def"].as("Constraint")["contype"].str() == "CONSTR_CHECK") {
            m_constrained_domains.insert(qualified_name(stmt["typeName"]).key());
        }
    } else if (kind == "ViewStmt") {
        mark_compatibility_views(relation_name(stmt["view"]), stmt["query"].as("SelectStmt")["fromClause"]);
    } else if (kind == "CreateEnumStmt" && in_transaction()) {
        m_enum_types_created_in_transaction.insert(qualified_name(stmt["typeName"]).key());
    } else if (kind == "CreateTableAsStmt") {
        const std::string key = relation_name(stmt["into"]["rel"]).key();
        m_created_tables.insert(key);
        if (!stmt["into"]["skipData"].flag()) {
            m_filled_tables.insert(key);
        }
    } else if (kind == "InsertStmt" || (kind == "CopyStmt" && stmt["is_from"].flag())) {
        Node select = stmt["selectStmt"].as("SelectStmt");
        if (kind == "CopyStmt" || (select && select["fromClause"].size() > 0)) {
            // Rows routed through a partitioned parent fill its partitions too.
            m_filled_tables.insert(relation_name(stmt["relation"]).key());
            for (const RelationEffect& effect : effects.relations) {
                if (effect.role == RelationRole::partition) {
                    m_filled_tables.insert(effect.relation.key());
                }
            }
        }
    } else if (kind == "DropStmt" && stmt["removeType"].str() == "OBJECT_TABLE") {
        for (const Node& name : stmt["objects"].items()) {
            const std::string key = qualified_name(name.as("List")["items"]).key();
            m_created_tables.erase(key);
            m_tables.erase(key);
        }
    } else if (kind == "DropStmt" && stmt["removeType"].str() == "OBJECT_INDEX") {
        for (const Node& name : stmt["objects"].items()) {
            m_index_tables.erase(qualified_name(name.as("List")["items"]).key());
        }
    } else if (kind == "DropStmt" && stmt["removeType"].str() == "OBJECT_DOMAIN") {
        for (const Node& name : stmt["objects"].items()) {
            m_constrained_domains.erase(qualified_name(name.as("TypeName")["names"]).key());
        }
    } else if (kind == "RenameStmt" && stmt["renameType"].str() == "OBJECT_TABLE") {
        const QualifiedName old_name = relation_name(stmt["relation"]);
        const QualifiedName new_name{old_name.schema, std::string{stmt["newname"].str()}};
        if (m_created_tables.erase(old_name.key()) != 0) {
            m_created_tables.insert(new_name.key());
        } else {
            m_table_renames.push_back(TableRename{old_name, new_name, statement.span, statement.index});
        }
        if (auto facts = m_tables.extract(old_name.key()); facts) {
            facts.key() = new_name.key();
            m_tables.insert(std::move(facts));
        }
    } else if (kind == "RenameStmt" && stmt["renameType"].str() == "OBJECT_INDEX") {
        const QualifiedName old_name = relation_name(stmt["relation"]);
        if (auto index = m_index_tables.extract(old_name.key()); index) {
            index.key() = QualifiedName{old_name.schema, std::string{stmt["newname"].str()}}.key();
            m_index_tables.insert(std::move(index));
        }
    } else if (kind == "AlterTableStmt") {
        const QualifiedName table = relation_name(stmt["relation"]);
        if (stmt["objtype"].str() == "OBJECT_TABLE") {
            apply_alter_table(statement, table);
        }
        for (const Node& item : stmt["cmds"].items()) {
            Node constraint = item.as("AlterTableCmd")["def"].as("Constraint");
            if (in_transaction() && item.as("AlterTableCmd")["subtype"].str() == "AT_AddConstraint" &&
                constraint["skip_validation"].flag()) {
                m_not_valid_in_transaction.insert(constraint_key(table, constraint_name(constraint, table)));
            }
        }
    } else if (kind == "AlterEnumStmt" && in_transaction() && stmt["oldVal"].str().empty()) {
        const QualifiedName type = qualified_name(stmt["typeName"]);
        // Values added to a type created in the same transaction are usable at once.
        if (m_enum_types_created_in_transaction.count(type.key()) == 0) {
            const std::string value{stmt["newVal"].str()};
            m_enum_values_in_transaction.insert(value);
            m_enum_value_types_in_transaction[value].insert(type.display());
        }
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
                                            !is_existing_relation(effect), effect.role});
        } else if (effect.mode > held->mode) {
            held->mode = effect.mode;
            held->statement = statement.index;
        }
    }
}

}  // namespace migsafe
