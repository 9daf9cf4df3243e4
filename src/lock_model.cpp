#include "migsafe/lock_model.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "migsafe/catalog.hpp"
#include "migsafe/parse.hpp"
#include "migsafe/pg_types.hpp"
#include "migsafe/volatility.hpp"

namespace migsafe {

// ---- Lock modes ---------------------------------------------------------------

namespace {

struct LockModeInfo {
    std::string_view pg_name;
    std::string_view sql_name;
    // Bit k set: conflicts with mode k (1-based, as in PostgreSQL's lock.h).
    std::uint16_t conflicts;
};

constexpr std::uint16_t bit(LockMode mode) { return static_cast<std::uint16_t>(1U << static_cast<unsigned>(mode)); }

// PostgreSQL's conflict matrix (src/backend/storage/lmgr/lock.c, LockConflicts).
constexpr std::array<LockModeInfo, 9> k_lock_modes = {{
    {"", "", 0},
    {"AccessShareLock", "ACCESS SHARE", bit(LockMode::access_exclusive)},
    {"RowShareLock", "ROW SHARE", static_cast<std::uint16_t>(bit(LockMode::exclusive) | bit(LockMode::access_exclusive))},
    {"RowExclusiveLock", "ROW EXCLUSIVE",
     static_cast<std::uint16_t>(bit(LockMode::share) | bit(LockMode::share_row_exclusive) | bit(LockMode::exclusive) |
                                bit(LockMode::access_exclusive))},
    {"ShareUpdateExclusiveLock", "SHARE UPDATE EXCLUSIVE",
     static_cast<std::uint16_t>(bit(LockMode::share_update_exclusive) | bit(LockMode::share) |
                                bit(LockMode::share_row_exclusive) | bit(LockMode::exclusive) |
                                bit(LockMode::access_exclusive))},
    {"ShareLock", "SHARE",
     static_cast<std::uint16_t>(bit(LockMode::row_exclusive) | bit(LockMode::share_update_exclusive) |
                                bit(LockMode::share_row_exclusive) | bit(LockMode::exclusive) |
                                bit(LockMode::access_exclusive))},
    {"ShareRowExclusiveLock", "SHARE ROW EXCLUSIVE",
     static_cast<std::uint16_t>(bit(LockMode::row_exclusive) | bit(LockMode::share_update_exclusive) |
                                bit(LockMode::share) | bit(LockMode::share_row_exclusive) | bit(LockMode::exclusive) |
                                bit(LockMode::access_exclusive))},
    {"ExclusiveLock", "EXCLUSIVE",
     static_cast<std::uint16_t>(bit(LockMode::row_share) | bit(LockMode::row_exclusive) |
                                bit(LockMode::share_update_exclusive) | bit(LockMode::share) |
                                bit(LockMode::share_row_exclusive) | bit(LockMode::exclusive) |
                                bit(LockMode::access_exclusive))},
    {"AccessExclusiveLock", "ACCESS EXCLUSIVE", 0x1FE},
}};

const LockModeInfo& info(LockMode mode) { return k_lock_modes[static_cast<std::size_t>(mode)]; }

}  // namespace

std::string_view pg_lock_name(LockMode mode) { return info(mode).pg_name; }
std::string_view sql_lock_name(LockMode mode) { return info(mode).sql_name; }

bool lock_modes_conflict(LockMode a, LockMode b) {
    return a != LockMode::none && b != LockMode::none && (info(a).conflicts & bit(b)) != 0;
}

BlockedWork blocked_work(LockMode mode) {
    return BlockedWork{lock_modes_conflict(mode, LockMode::access_share),
                       lock_modes_conflict(mode, LockMode::row_exclusive),
                       lock_modes_conflict(mode, LockMode::share_update_exclusive)};
}

std::vector<std::string_view> blocked_work_names(LockMode mode) {
    const BlockedWork blocked = blocked_work(mode);
    std::vector<std::string_view> names;
    if (blocked.reads) {
        names.emplace_back("reads");
    }
    if (blocked.writes) {
        names.emplace_back("writes");
    }
    if (blocked.ddl) {
        names.emplace_back("ddl");
    }
    return names;
}

std::string describe_blocking(LockMode mode) {
    const BlockedWork blocked = blocked_work(mode);
    if (blocked.reads && blocked.writes) {
        return "blocking reads and writes";
    }
    if (blocked.writes) {
        return "blocking writes";
    }
    if (blocked.ddl) {
        return "blocking schema changes and maintenance";
    }
    return "blocking only ACCESS EXCLUSIVE schema changes";
}

std::string_view role_name(RelationRole role) {
    switch (role) {
        case RelationRole::target: return "target";
        case RelationRole::referenced: return "referenced";
        case RelationRole::index: return "index";
        case RelationRole::new_index: return "new index";
        case RelationRole::sequence: return "sequence";
        case RelationRole::parent: return "parent";
        case RelationRole::partition: return "partition";
        case RelationRole::dependent_table: return "dependent table";
        case RelationRole::read: return "read";
        case RelationRole::owner: return "owning table";
        case RelationRole::composite_type: return "composite type";
    }
    return "relation";
}

// ---- Effects --------------------------------------------------------------------

bool StatementEffects::rewrite() const {
    return std::any_of(relations.begin(), relations.end(), [](const RelationEffect& r) { return r.rewrite; });
}

bool StatementEffects::scan() const {
    return std::any_of(relations.begin(), relations.end(), [](const RelationEffect& r) { return r.scan; });
}

const RelationEffect* StatementEffects::find(const QualifiedName& relation) const {
    const std::string key = relation.key();
    for (const RelationEffect& effect : relations) {
        if (effect.relation.key() == key) {
            return &effect;
        }
    }
    return nullptr;
}

const RelationEffect* StatementEffects::target() const {
    for (const RelationEffect& effect : relations) {
        if (effect.role == RelationRole::target) {
            return &effect;
        }
    }
    return nullptr;
}

LockMode StatementEffects::strongest_mode() const {
    LockMode strongest = LockMode::none;
    for (const RelationEffect& effect : relations) {
        strongest = std::max(strongest, effect.mode);
    }
    return strongest;
}

const LockTableRow* find_lock_row(std::string_view form, Condition conditions, int pg_version) {
    for (const LockTableRow& row : lock_table()) {
        if (row.form == form && has_all(conditions, row.required) &&
            (row.excluded == Condition::none || !has_any(conditions, row.excluded)) && pg_version >= row.min_pg &&
            pg_version <= row.max_pg) {
            return &row;
        }
    }
    return nullptr;
}

LockMode row_lock_mode(std::string_view form, RelationRole role, Condition conditions, int pg_version) {
    const LockTableRow* row = find_lock_row(form, conditions, pg_version);
    if (row != nullptr) {
        for (const RoleLock& lock : row->locks) {
            if (lock.role == role) {
                return lock.mode;
            }
        }
    }
    return LockMode::none;
}

// ---- Classification: statement -> actions (form + conditions + relations) --------

namespace {

struct Action {
    std::string form;
    Condition conditions = Condition::none;
    std::map<RelationRole, std::vector<QualifiedName>> relations;
    std::vector<QualifiedName> created;  // relations the action creates
    Node source;           // the node the action was read from: subcommand, constraint, statement
    bool recurse = false;  // the command reaches the target's partitions (no ONLY)
    // Relations that take what the target takes: partitions the command recurses to
    // (the row's partition lock applies to them when it has one), and the tables behind
    // a locked view or reached by TRUNCATE ... CASCADE.
    std::vector<QualifiedName> inherit;
    std::vector<QualifiedName> inherit_dependent;
};

using Actions = std::vector<Action>;

Action make_action(std::string form, const QualifiedName& target, Condition conditions = Condition::none) {
    Action action;
    action.form = std::move(form);
    action.conditions = conditions;
    if (!target.empty()) {
        action.relations[RelationRole::target].push_back(target);
    }
    return action;
}

bool is_serial_type(const TypeInfo& type) {
    static constexpr std::array<std::string_view, 6> k_serial = {"serial", "serial4", "bigserial",
                                                                 "serial8", "smallserial", "serial2"};
    return std::find(k_serial.begin(), k_serial.end(), type.name) != k_serial.end();
}

bool has_option(Node options, std::string_view name) {
    for (const Node& option : options.items()) {
        if (iequals(option.as("DefElem")["defname"].str(), name)) {
            return true;
        }
    }
    return false;
}

// "s", "public.s", "\"Odd\"": a regclass literal as PostgreSQL resolves it.
QualifiedName regclass_name(std::string_view text) {
    std::vector<std::string> parts(1);
    bool quoted = false;
    for (std::size_t index = 0; index < text.size(); ++index) {
        const char character = text[index];
        if (character == '"') {
            if (quoted && index + 1 < text.size() && text[index + 1] == '"') {
                parts.back() += '"';
                ++index;
            } else {
                quoted = !quoted;
            }
        } else if (character == '.' && !quoted) {
            parts.emplace_back();
        } else {
            parts.back() += quoted ? character : static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
        }
    }
    QualifiedName name;
    name.name = parts.back();
    name.schema = parts.size() >= 2 ? parts[parts.size() - 2] : std::string{};
    return name;
}

// nextval('s'), currval('s'::regclass), setval('s', ...) lock the sequence they name
// in ROW EXCLUSIVE mode when they run.
void add_sequence_functions(Node expression, Actions& out) {
    Action action = make_action("SEQUENCE FUNCTION", QualifiedName{});
    visit_nodes(expression, [&](std::string_view type, Node content) {
        if (type != "FuncCall") {
            return true;
        }
        const std::string name = function_name(content);
        if (name != "nextval" && name != "currval" && name != "setval") {
            return true;
        }
        Node argument = content["args"].at(0);
        if (Node cast = argument.as("TypeCast"); cast) {
            argument = cast["arg"];
        }
        if (Node constant = argument.as("A_Const"); constant && !constant["sval"]["sval"].str().empty()) {
            action.relations[RelationRole::sequence].push_back(regclass_name(constant["sval"]["sval"].str()));
        }
        return true;
    });
    if (!action.relations.empty()) {
        out.push_back(std::move(action));
    }
}

// ADD COLUMN: the column itself, then one action per column constraint, so a
// `bigserial REFERENCES p` both rewrites and locks p.
void classify_add_column(Node column_def, const QualifiedName& table, Actions& out) {
    Condition column = Condition::none;
    const TypeInfo type = type_info(column_def["typeName"]);
    if (is_serial_type(type)) {
        column = column | Condition::serial_type;
    }
    Node raw_default;
    std::vector<Action> constraint_actions;
    for (const Node& item : column_def["constraints"].items()) {
        Node constraint = item.as("Constraint");
        const std::string_view kind = constraint["contype"].str();
        if (kind == "CONSTR_DEFAULT") {
            raw_default = constraint["raw_expr"];
            column = column | Condition::has_default;
        } else if (kind == "CONSTR_NOTNULL") {
            column = column | Condition::not_null;
        } else if (kind == "CONSTR_IDENTITY") {
            column = column | Condition::identity;
        } else if (kind == "CONSTR_GENERATED") {
            column = column | Condition::generated_stored;
        } else if (kind == "CONSTR_CHECK") {
            constraint_actions.push_back(make_action("ALTER TABLE ADD COLUMN CHECK", table));
        } else if (kind == "CONSTR_UNIQUE" || kind == "CONSTR_PRIMARY") {
            constraint_actions.push_back(make_action(
                "ALTER TABLE ADD COLUMN UNIQUE", table,
                kind == "CONSTR_PRIMARY" ? Condition::column_primary_key : Condition::column_unique));
        } else if (kind == "CONSTR_FOREIGN") {
            Action action = make_action("ALTER TABLE ADD COLUMN REFERENCES", table);
            action.relations[RelationRole::referenced].push_back(relation_name(constraint["pktable"]));
            constraint_actions.push_back(std::move(action));
        }
    }
    if (raw_default && is_volatile_expression(raw_default)) {
        column = column | Condition::volatile_default;
    }
    out.push_back(make_action("ALTER TABLE ADD COLUMN", table, column));
    if (has_any(column, Condition::volatile_default)) {
        add_sequence_functions(raw_default, out);  // evaluated for every row of the rewrite
    }
    for (Action& action : constraint_actions) {
        if (has_any(column, Condition::has_default)) {
            action.conditions = action.conditions | Condition::has_default;
        }
        out.push_back(std::move(action));
    }
}

void classify_add_constraint(Node constraint, const QualifiedName& table, Actions& out) {
    const std::string_view kind = constraint["contype"].str();
    Condition conditions = constraint["skip_validation"].flag() ? Condition::not_valid : Condition::none;
    if (!constraint["indexname"].str().empty()) {
        conditions = conditions | Condition::using_index;
    }
    if (kind == "CONSTR_FOREIGN") {
        Action action = make_action("ALTER TABLE ADD FOREIGN KEY", table, conditions);
        action.relations[RelationRole::referenced].push_back(relation_name(constraint["pktable"]));
        out.push_back(std::move(action));
    } else if (kind == "CONSTR_CHECK") {
        out.push_back(make_action("ALTER TABLE ADD CHECK", table, conditions));
    } else if (kind == "CONSTR_UNIQUE" || kind == "CONSTR_PRIMARY") {
        Action action = make_action(kind == "CONSTR_PRIMARY" ? "ALTER TABLE ADD PRIMARY KEY" : "ALTER TABLE ADD UNIQUE",
                                    table, conditions);
        if (has_any(conditions, Condition::using_index)) {
            action.relations[RelationRole::index].push_back(
                QualifiedName{table.schema, std::string{constraint["indexname"].str()}});
        }
        out.push_back(std::move(action));
    } else if (kind == "CONSTR_EXCLUSION") {
        out.push_back(make_action("ALTER TABLE ADD EXCLUDE", table, conditions));
    } else {
        out.push_back(make_action("ALTER TABLE ADD CONSTRAINT", table, conditions));
    }
}

// AT_SetNotNull -> "SET NOT NULL": the subcommand's name as the lock table spells it.
const std::map<std::string_view, std::string_view>& alter_table_forms() {
    static const std::map<std::string_view, std::string_view> k_forms = {
        {"AT_AlterColumnType", "ALTER TABLE ALTER COLUMN TYPE"},
        {"AT_SetNotNull", "ALTER TABLE SET NOT NULL"},
        {"AT_DropNotNull", "ALTER TABLE DROP NOT NULL"},
        {"AT_ColumnDefault", "ALTER TABLE SET DEFAULT"},
        {"AT_CookedColumnDefault", "ALTER TABLE SET DEFAULT"},
        {"AT_SetStatistics", "ALTER TABLE SET STATISTICS"},
        {"AT_SetOptions", "ALTER TABLE ALTER COLUMN SET OPTIONS"},
        {"AT_ResetOptions", "ALTER TABLE ALTER COLUMN SET OPTIONS"},
        {"AT_SetStorage", "ALTER TABLE SET STORAGE"},
        {"AT_SetCompression", "ALTER TABLE SET COMPRESSION"},
        {"AT_DropColumn", "ALTER TABLE DROP COLUMN"},
        {"AT_AddIdentity", "ALTER TABLE ADD IDENTITY"},
        {"AT_SetIdentity", "ALTER TABLE SET IDENTITY"},
        {"AT_DropIdentity", "ALTER TABLE DROP IDENTITY"},
        {"AT_DropExpression", "ALTER TABLE DROP EXPRESSION"},
        {"AT_ValidateConstraint", "ALTER TABLE VALIDATE CONSTRAINT"},
        {"AT_DropConstraint", "ALTER TABLE DROP CONSTRAINT"},
        {"AT_AlterConstraint", "ALTER TABLE ALTER CONSTRAINT"},
        {"AT_SetLogged", "ALTER TABLE SET LOGGED"},
        {"AT_SetUnLogged", "ALTER TABLE SET UNLOGGED"},
        {"AT_SetTableSpace", "ALTER TABLE SET TABLESPACE"},
        {"AT_SetAccessMethod", "ALTER TABLE SET ACCESS METHOD"},
        {"AT_SetRelOptions", "ALTER TABLE SET STORAGE PARAMETERS"},
        {"AT_ResetRelOptions", "ALTER TABLE SET STORAGE PARAMETERS"},
        {"AT_ReplaceRelOptions", "ALTER TABLE SET STORAGE PARAMETERS"},
        {"AT_ClusterOn", "ALTER TABLE CLUSTER ON"},
        {"AT_DropCluster", "ALTER TABLE SET WITHOUT CLUSTER"},
        {"AT_EnableTrig", "ALTER TABLE ENABLE/DISABLE TRIGGER"},
        {"AT_EnableAlwaysTrig", "ALTER TABLE ENABLE/DISABLE TRIGGER"},
        {"AT_EnableReplicaTrig", "ALTER TABLE ENABLE/DISABLE TRIGGER"},
        {"AT_DisableTrig", "ALTER TABLE ENABLE/DISABLE TRIGGER"},
        {"AT_EnableTrigAll", "ALTER TABLE ENABLE/DISABLE TRIGGER"},
        {"AT_DisableTrigAll", "ALTER TABLE ENABLE/DISABLE TRIGGER"},
        {"AT_EnableTrigUser", "ALTER TABLE ENABLE/DISABLE TRIGGER"},
        {"AT_DisableTrigUser", "ALTER TABLE ENABLE/DISABLE TRIGGER"},
        {"AT_EnableRule", "ALTER TABLE ENABLE/DISABLE RULE"},
        {"AT_EnableAlwaysRule", "ALTER TABLE ENABLE/DISABLE RULE"},
        {"AT_EnableReplicaRule", "ALTER TABLE ENABLE/DISABLE RULE"},
        {"AT_DisableRule", "ALTER TABLE ENABLE/DISABLE RULE"},
        {"AT_EnableRowSecurity", "ALTER TABLE ROW LEVEL SECURITY"},
        {"AT_DisableRowSecurity", "ALTER TABLE ROW LEVEL SECURITY"},
        {"AT_ForceRowSecurity", "ALTER TABLE ROW LEVEL SECURITY"},
        {"AT_NoForceRowSecurity", "ALTER TABLE ROW LEVEL SECURITY"},
        {"AT_ReplicaIdentity", "ALTER TABLE REPLICA IDENTITY"},
        {"AT_ChangeOwner", "ALTER TABLE OWNER TO"},
        {"AT_AddInherit", "ALTER TABLE INHERIT"},
        {"AT_DropInherit", "ALTER TABLE NO INHERIT"},
        {"AT_AddOf", "ALTER TABLE OF"},
        {"AT_DropOf", "ALTER TABLE NOT OF"},
        {"AT_GenericOptions", "ALTER TABLE OPTIONS"},
        {"AT_AlterColumnGenericOptions", "ALTER TABLE OPTIONS"},
        {"AT_AttachPartition", "ALTER TABLE ATTACH PARTITION"},
        {"AT_DetachPartition", "ALTER TABLE DETACH PARTITION"},
        {"AT_DetachPartitionFinalize", "ALTER TABLE DETACH PARTITION FINALIZE"},
    };
    return k_forms;
}

// One ALTER TABLE subcommand.
void classify_alter_table_command(Node cmd, std::string_view subtype, const QualifiedName& table, Actions& out) {
    if (subtype == "AT_AddColumn") {
        classify_add_column(cmd["def"].as("ColumnDef"), table, out);
    } else if (subtype == "AT_AddConstraint") {
        classify_add_constraint(cmd["def"].as("Constraint"), table, out);
    } else if (subtype == "AT_AttachPartition" || subtype == "AT_DetachPartition") {
        Node partition_cmd = cmd["def"].as("PartitionCmd");
        Action action = make_action(std::string{alter_table_forms().at(subtype)}, table,
                                    partition_cmd["concurrent"].flag() ? Condition::concurrently : Condition::none);
        action.relations[RelationRole::partition].push_back(relation_name(partition_cmd["name"]));
        out.push_back(std::move(action));
    } else if (subtype == "AT_AddOf") {
        Action action = make_action(std::string{alter_table_forms().at(subtype)}, table);
        action.relations[RelationRole::composite_type].push_back(qualified_name(cmd["def"].as("TypeName")["names"]));
        out.push_back(std::move(action));
    } else if (subtype == "AT_SetTableSpace" || subtype == "AT_SetAccessMethod") {
        // The defaults every table starts in: naming them again moves nothing.
        const std::string_view where = cmd["name"].str();
        const bool unchanged = subtype == "AT_SetTableSpace" ? where == "pg_default" : where == "heap";
        out.push_back(make_action(std::string{alter_table_forms().at(subtype)}, table,
                                  unchanged ? Condition::storage_unchanged : Condition::none));
    } else if (subtype == "AT_AddInherit" || subtype == "AT_DropInherit") {
        Action action = make_action(std::string{alter_table_forms().at(subtype)}, table);
        action.relations[RelationRole::parent].push_back(relation_name(cmd["def"].as("RangeVar")));
        out.push_back(std::move(action));
    } else if (auto form = alter_table_forms().find(subtype); form != alter_table_forms().end()) {
        out.push_back(make_action(std::string{form->second}, table));
    } else {
        out.push_back(make_action("ALTER TABLE (other)", table));
    }
}

void classify_alter_table(Node stmt, Actions& out) {
    const QualifiedName table = relation_name(stmt["relation"]);
    const std::string_view object = stmt["objtype"].str();
    if (object == "OBJECT_INDEX") {
        Action action = make_action("ALTER INDEX", QualifiedName{});
        action.relations[RelationRole::index].push_back(table);
        for (const Node& item : stmt["cmds"].items()) {
            if (item.as("AlterTableCmd")["subtype"].str() == "AT_SetTableSpace") {
                action.form = "ALTER INDEX SET TABLESPACE";
            } else if (item.as("AlterTableCmd")["subtype"].str() == "AT_AttachPartition") {
                action.form = "ALTER INDEX ATTACH PARTITION";
                action.relations[RelationRole::partition].push_back(
                    relation_name(item.as("AlterTableCmd")["def"].as("PartitionCmd")["name"]));
            }
        }
        out.push_back(std::move(action));
        return;
    }
    if (object == "OBJECT_SEQUENCE") {
        out.push_back(make_action("ALTER SEQUENCE", table));
        return;
    }
    // A materialized view takes the subcommand's own lock, as a table does; a view
    // takes ACCESS EXCLUSIVE for all of them (its options are not heap options).
    if (object == "OBJECT_VIEW") {
        out.push_back(make_action("ALTER VIEW", table));
        return;
    }
    for (const Node& item : stmt["cmds"].items()) {
        Node cmd = item.as("AlterTableCmd");
        const std::string_view subtype = cmd["subtype"].str();
        const std::size_t first = out.size();
        classify_alter_table_command(cmd, subtype, table, out);
        // Subcommands that act on the partitioned table alone.
        static constexpr std::array<std::string_view, 8> k_not_recursing = {
            "AT_AttachPartition", "AT_DetachPartition", "AT_DetachPartitionFinalize", "AT_AddInherit",
            "AT_DropInherit",     "AT_AddOf",           "AT_DropOf",                  "AT_ChangeOwner"};
        const bool recurse = stmt["relation"]["inh"].flag() &&
                             std::find(k_not_recursing.begin(), k_not_recursing.end(), subtype) == k_not_recursing.end();
        for (std::size_t index = first; index < out.size(); ++index) {
            out[index].source = out[index].source ? out[index].source : cmd;
            out[index].recurse = recurse;
        }
    }
}

void classify_create_table(Node stmt, Actions& out) {
    const QualifiedName table = relation_name(stmt["relation"]);
    Action create = make_action("CREATE TABLE", QualifiedName{},
                                stmt["relation"]["relpersistence"].str() == "t" ? Condition::temporary
                                                                                : Condition::none);
    create.created.push_back(table);
    create.relations[RelationRole::target].push_back(table);
    for (const Node& parent : stmt["inhRelations"].items()) {
        Action partition_of = make_action(stmt["partbound"] ? "CREATE TABLE PARTITION OF" : "CREATE TABLE INHERITS",
                                          QualifiedName{});
        partition_of.relations[RelationRole::parent].push_back(relation_name(parent.as("RangeVar")));
        out.push_back(std::move(partition_of));
    }
    auto add_reference = [&](Node constraint) {
        if (constraint["contype"].str() == "CONSTR_FOREIGN") {
            Action reference = make_action("CREATE TABLE REFERENCES", QualifiedName{});
            reference.relations[RelationRole::referenced].push_back(relation_name(constraint["pktable"]));
            out.push_back(std::move(reference));
        }
    };
    for (const Node& element : stmt["tableElts"].items()) {
        if (Node column = element.as("ColumnDef"); column) {
            for (const Node& constraint : column["constraints"].items()) {
                add_reference(constraint.as("Constraint"));
            }
        } else if (Node constraint = element.as("Constraint"); constraint) {
            add_reference(constraint);
        } else if (Node like = element.as("TableLikeClause"); like) {
            Action like_action = make_action("CREATE TABLE LIKE", QualifiedName{});
            like_action.relations[RelationRole::parent].push_back(relation_name(like["relation"]));
            out.push_back(std::move(like_action));
        }
    }
    out.insert(out.begin(), std::move(create));
}

void classify_index(Node stmt, Actions& out) {
    Action action = make_action("CREATE INDEX", relation_name(stmt["relation"]),
                                stmt["concurrent"].flag() ? Condition::concurrently : Condition::none);
    action.recurse = stmt["relation"]["inh"].flag();
    const QualifiedName table = relation_name(stmt["relation"]);
    if (!stmt["idxname"].str().empty()) {
        const QualifiedName index{table.schema, std::string{stmt["idxname"].str()}};
        action.relations[RelationRole::new_index].push_back(index);
        action.created.push_back(index);
    }
    out.push_back(std::move(action));
}

void classify_drop(Node stmt, Actions& out) {
    const std::string_view object = stmt["removeType"].str();
    Condition conditions = stmt["concurrent"].flag() ? Condition::concurrently : Condition::none;
    if (stmt["behavior"].str() == "DROP_CASCADE") {
        conditions = conditions | Condition::cascade;
    }
    static const std::map<std::string_view, std::pair<std::string_view, RelationRole>> k_forms = {
        {"OBJECT_TABLE", {"DROP TABLE", RelationRole::target}},
        {"OBJECT_INDEX", {"DROP INDEX", RelationRole::index}},
        {"OBJECT_VIEW", {"DROP VIEW", RelationRole::target}},
        {"OBJECT_MATVIEW", {"DROP MATERIALIZED VIEW", RelationRole::target}},
        {"OBJECT_SEQUENCE", {"DROP SEQUENCE", RelationRole::sequence}},
        {"OBJECT_FOREIGN_TABLE", {"DROP TABLE", RelationRole::target}},
    };
    if (auto form = k_forms.find(object); form != k_forms.end()) {
        for (const Node& name : stmt["objects"].items()) {
            Action action = make_action(std::string{form->second.first}, QualifiedName{}, conditions);
            action.relations[form->second.second].push_back(qualified_name(name.as("List")["items"]));
            action.recurse = true;
            out.push_back(std::move(action));
        }
        return;
    }
    if (object == "OBJECT_STATISTIC_EXT") {
        // The lock is on the statistics' table, which only the catalog knows.
        for (const Node& name : stmt["objects"].items()) {
            Action action = make_action("DROP STATISTICS", QualifiedName{}, conditions);
            action.source = name;
            out.push_back(std::move(action));
        }
        return;
    }
    if (object == "OBJECT_TYPE" || object == "OBJECT_DOMAIN") {
        for (const Node& name : stmt["objects"].items()) {
            Action action = make_action(object == "OBJECT_TYPE" ? "DROP TYPE" : "DROP DOMAIN", QualifiedName{},
                                        conditions);
            action.source = name;
            out.push_back(std::move(action));
        }
        return;
    }
    if (object == "OBJECT_TRIGGER" || object == "OBJECT_POLICY" || object == "OBJECT_RULE") {
        // objects: [[schema.]table, name]; the lock is on the table.
        for (const Node& name : stmt["objects"].items()) {
            std::vector<std::string> parts = string_list(name.as("List")["items"]);
            if (parts.size() >= 2) {
                parts.pop_back();
            }
            QualifiedName table;
            table.name = parts.empty() ? std::string{} : parts.back();
            table.schema = parts.size() >= 2 ? parts[parts.size() - 2] : std::string{};
            const std::string form = object == "OBJECT_TRIGGER" ? "DROP TRIGGER"
                                     : object == "OBJECT_POLICY" ? "DROP POLICY"
                                                                 : "DROP RULE";
            out.push_back(make_action(form, table, conditions));
        }
        return;
    }
    out.push_back(make_action("DROP (no relation)", QualifiedName{}, conditions));
}

void classify_rename(Node stmt, Actions& out) {
    const std::string_view object = stmt["renameType"].str();
    const QualifiedName relation = relation_name(stmt["relation"]);
    if (object == "OBJECT_INDEX") {
        Action action = make_action("ALTER INDEX RENAME", QualifiedName{});
        action.relations[RelationRole::index].push_back(relation);
        out.push_back(std::move(action));
    } else if (object == "OBJECT_COLUMN" || object == "OBJECT_TABCONSTRAINT" || object == "OBJECT_TABLE" ||
               object == "OBJECT_VIEW" || object == "OBJECT_MATVIEW" || object == "OBJECT_SEQUENCE" ||
               object == "OBJECT_TRIGGER" || object == "OBJECT_POLICY" || object == "OBJECT_RULE") {
        out.push_back(make_action("RENAME " + std::string{object.substr(7)}, relation));
    } else if (object == "OBJECT_ATTRIBUTE") {
        Action action = make_action("RENAME ATTRIBUTE", QualifiedName{});
        action.relations[RelationRole::composite_type].push_back(relation);
        out.push_back(std::move(action));
    } else {
        out.push_back(make_action("RENAME (no relation)", QualifiedName{}));
    }
}

void classify_vacuum(Node stmt, Actions& out) {
    const bool vacuum = stmt["is_vacuumcmd"].flag();
    const bool full = has_option(stmt["options"], "full");
    const std::string form = !vacuum ? "ANALYZE" : full ? "VACUUM FULL" : "VACUUM";
    if (stmt["rels"].size() == 0) {
        out.push_back(make_action(form, QualifiedName{}));
    }
    for (const Node& relation : stmt["rels"].items()) {
        Action action = make_action(form, relation_name(relation.as("VacuumRelation")["relation"]));
        action.recurse = relation.as("VacuumRelation")["relation"]["inh"].flag();
        out.push_back(std::move(action));
    }
}

void classify_cluster(Node stmt, Actions& out) {
    if (stmt["relation"].empty()) {
        out.push_back(make_action("CLUSTER (every clustered table)", QualifiedName{}));
        return;
    }
    Action action = make_action("CLUSTER", relation_name(stmt["relation"]));
    action.recurse = true;  // a partitioned table's partitions are each rewritten
    out.push_back(std::move(action));
}

void classify_reindex(Node stmt, Actions& out) {
    const std::string_view kind = stmt["kind"].str();
    const Condition conditions = has_option(stmt["params"], "concurrently") ? Condition::concurrently : Condition::none;
    if (kind == "REINDEX_OBJECT_INDEX") {
        Action action = make_action("REINDEX INDEX", QualifiedName{}, conditions);
        action.relations[RelationRole::index].push_back(relation_name(stmt["relation"]));
        action.recurse = true;
        out.push_back(std::move(action));
    } else if (kind == "REINDEX_OBJECT_TABLE") {
        Action action = make_action("REINDEX TABLE", relation_name(stmt["relation"]), conditions);
        action.recurse = true;
        out.push_back(std::move(action));
    } else {
        out.push_back(make_action("REINDEX SCHEMA/DATABASE/SYSTEM", QualifiedName{}, conditions));
    }
}

void classify_statement_node(Node wrapped, Condition inherited, std::vector<std::string> ctes, Actions& out);

// A relation of a FROM list (not a CTE in scope) is read; a subquery becomes a
// query of its own.
void add_from_item(Node item, Condition inherited, const std::vector<std::string>& ctes, Action& action,
                   Actions& out) {
    if (Node range_var = item.as("RangeVar"); range_var) {
        const QualifiedName name = relation_name(range_var);
        if (!name.schema.empty() || std::find(ctes.begin(), ctes.end(), name.name) == ctes.end()) {
            action.relations[RelationRole::read].push_back(name);
        }
    } else if (Node join = item.as("JoinExpr"); join) {
        for (const std::string_view side : {"larg", "rarg"}) {
            add_from_item(join[side], inherited, ctes, action, out);
        }
    } else if (Node subselect = item.as("RangeSubselect"); subselect) {
        classify_statement_node(subselect["subquery"], inherited, ctes, out);
    }
}

// One SELECT action per query level, so that a WHERE at one level does not hide
// the scan of another; data-changing CTEs are classified as the DML they are.
void classify_query(Node select, Condition inherited, std::vector<std::string> ctes, Actions& out) {
    if (!select) {
        return;
    }
    for (const Node& item : select["withClause"]["ctes"].items()) {
        Node cte = item.as("CommonTableExpr");
        ctes.emplace_back(cte["ctename"].str());
        classify_statement_node(cte["ctequery"], inherited, ctes, out);
    }
    if (select["larg"] || select["rarg"]) {
        classify_query(select["larg"], inherited, ctes, out);
        classify_query(select["rarg"], inherited, ctes, out);
        return;
    }
    Condition conditions = inherited;
    if (select["whereClause"]) {
        conditions = conditions | Condition::has_where;
    }
    if (select["lockingClause"].size() > 0) {
        conditions = conditions | Condition::locking_clause;
    }
    Action action = make_action("SELECT", QualifiedName{}, conditions);
    for (const Node& item : select["fromClause"].items()) {
        add_from_item(item, inherited, ctes, action, out);
    }
    // Subqueries in the target list, WHERE and HAVING.
    for (const std::string_view field : {"targetList", "whereClause", "havingClause"}) {
        visit_nodes(select[field], [&](std::string_view type, Node content) {
            if (type == "SubLink") {
                classify_statement_node(content["subselect"], inherited, ctes, out);
            }
            return true;
        });
    }
    if (!action.relations.empty()) {
        out.push_back(std::move(action));
    }
}

void classify_dml(std::string_view kind, Node stmt, Condition inherited, std::vector<std::string> ctes, Actions& out) {
    for (const Node& item : stmt["withClause"]["ctes"].items()) {
        Node cte = item.as("CommonTableExpr");
        ctes.emplace_back(cte["ctename"].str());
        classify_statement_node(cte["ctequery"], inherited, ctes, out);
    }
    const QualifiedName table = relation_name(stmt["relation"]);
    if (kind == "UpdateStmt" || kind == "DeleteStmt") {
        const Condition conditions = stmt["whereClause"] ? Condition::has_where : Condition::none;
        Action action = make_action(kind == "UpdateStmt" ? "UPDATE" : "DELETE", table, conditions);
        action.source = stmt;
        action.recurse = stmt["relation"]["inh"].flag();
        // UPDATE ... FROM and DELETE ... USING read their other tables under the same WHERE.
        Action reads = make_action("SELECT", QualifiedName{}, conditions);
        for (const Node& item : stmt[kind == "UpdateStmt" ? "fromClause" : "usingClause"].items()) {
            add_from_item(item, inherited, ctes, reads, out);
        }
        out.push_back(std::move(action));
        if (!reads.relations.empty()) {
            out.push_back(std::move(reads));
        }
    } else if (kind == "InsertStmt") {
        Action action = make_action("INSERT", table);
        action.source = stmt;
        action.recurse = true;
        out.push_back(std::move(action));
        classify_query(stmt["selectStmt"].as("SelectStmt"), inherited, ctes, out);
    } else if (kind == "MergeStmt") {
        Action action = make_action("MERGE", table);
        add_from_item(stmt["sourceRelation"], inherited, ctes, action, out);
        out.push_back(std::move(action));
    }
}

void classify_statement_node(Node wrapped, Condition inherited, std::vector<std::string> ctes, Actions& out) {
    const std::string_view kind = wrapped.type();
    if (kind == "SelectStmt") {
        classify_query(wrapped.inner(), inherited, std::move(ctes), out);
    } else if (kind == "InsertStmt" || kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "MergeStmt") {
        classify_dml(kind, wrapped.inner(), inherited, std::move(ctes), out);
    }
}

void classify_copy(Node stmt, Actions& out) {
    if (Node query = stmt["query"]; query) {
        classify_statement_node(query, Condition::none, {}, out);
        return;
    }
    out.push_back(make_action(stmt["is_from"].flag() ? "COPY FROM" : "COPY TO", relation_name(stmt["relation"])));
}

// CREATE TABLE AS, SELECT INTO, CREATE MATERIALIZED VIEW: the new relation, then the query,
// which WITH NO DATA only analyses.
void classify_create_as(std::string form, Node into, Node select, Actions& out) {
    const QualifiedName created = relation_name(into["rel"]);
    const bool temporary = into["rel"]["relpersistence"].str() == "t";
    Action action = make_action(std::move(form), QualifiedName{}, temporary ? Condition::temporary : Condition::none);
    action.relations[RelationRole::target].push_back(created);
    action.created.push_back(created);
    out.push_back(std::move(action));
    const Condition not_run = into["skipData"].flag() ? Condition::query_not_run : Condition::none;
    classify_query(select, not_run, {}, out);
    if (not_run == Condition::none) {
        add_sequence_functions(select, out);
    }
}

void classify_lock(Node stmt, Actions& out) {
    const auto mode = stmt["mode"].integer().value_or(8);
    const std::string form = "LOCK TABLE IN " + std::string{sql_lock_name(static_cast<LockMode>(
                                                    std::clamp<std::int64_t>(mode, 1, 8)))} + " MODE";
    for (const Node& relation : stmt["relations"].items()) {
        Action action = make_action(form, relation_name(relation.as("RangeVar")));
        action.recurse = relation.as("RangeVar")["inh"].flag();
        out.push_back(std::move(action));
    }
}

// [schema.]relation[.name]: the relation part of a name list whose last `trailing` parts
// name something inside it (a column, trigger, policy, rule or constraint).
QualifiedName relation_of_name_list(Node list, std::size_t trailing) {
    std::vector<std::string> parts = string_list(list);
    parts.resize(parts.size() >= trailing ? parts.size() - trailing : 0);
    QualifiedName relation;
    relation.name = parts.empty() ? std::string{} : parts.back();
    relation.schema = parts.size() >= 2 ? parts[parts.size() - 2] : std::string{};
    return relation;
}

void classify_comment(Node stmt, Actions& out) {
    const std::string_view object = stmt["objtype"].str();
    Node names = stmt["object"].as("List")["items"];
    if (object == "OBJECT_TABLE" || object == "OBJECT_VIEW" || object == "OBJECT_MATVIEW" ||
        object == "OBJECT_SEQUENCE" || object == "OBJECT_FOREIGN_TABLE" || object == "OBJECT_COLUMN") {
        out.push_back(make_action("COMMENT ON RELATION/COLUMN", relation_of_name_list(names, object == "OBJECT_COLUMN")));
    } else if (object == "OBJECT_INDEX") {
        Action action = make_action("COMMENT ON INDEX", QualifiedName{});
        action.relations[RelationRole::index].push_back(relation_of_name_list(names, 0));
        out.push_back(std::move(action));
    } else if (object == "OBJECT_TABCONSTRAINT" || object == "OBJECT_TRIGGER" || object == "OBJECT_POLICY" ||
               object == "OBJECT_RULE") {
        out.push_back(make_action("COMMENT ON TABLE OBJECT", relation_of_name_list(names, 1)));
    } else {
        out.push_back(make_action("COMMENT ON (other)", QualifiedName{}));
    }
}

// OWNED BY t.c reads t; any other option changes the sequence's parameters, which
// PostgreSQL writes into a new relfilenode.
void classify_sequence(std::string_view kind, Node stmt, Actions& out) {
    Action action = make_action(kind == "CreateSeqStmt" ? "CREATE SEQUENCE" : "ALTER SEQUENCE",
                                relation_name(stmt["sequence"]));
    if (kind == "CreateSeqStmt") {
        action.created = action.relations[RelationRole::target];
    }
    for (const Node& option : stmt["options"].items()) {
        Node definition = option.as("DefElem");
        if (definition["defname"].str() != "owned_by") {
            action.conditions = action.conditions | Condition::sequence_parameters;
            continue;
        }
        Node names = definition["arg"].as("List")["items"];
        if (names.size() >= 2) {
            action.relations[RelationRole::owner].push_back(relation_of_name_list(names, 1));
        }
    }
    out.push_back(std::move(action));
}

// Statement kinds whose whole effect is one form on one RangeVar field.
struct SimpleForm {
    std::string_view kind;
    std::string_view form;
    std::string_view relation_field;  // empty: no relation
};

constexpr std::array<SimpleForm, 18> k_simple_forms = {{
    {"CreatePolicyStmt", "CREATE POLICY", "table"},
    {"AlterPolicyStmt", "ALTER POLICY", "table"},
    {"CreateEnumStmt", "CREATE TYPE", ""},
    {"CompositeTypeStmt", "CREATE TYPE", ""},
    {"CreateRangeStmt", "CREATE TYPE", ""},
    {"CreateDomainStmt", "CREATE DOMAIN", ""},
    {"CreateExtensionStmt", "CREATE EXTENSION", ""},
    {"CreateFunctionStmt", "CREATE FUNCTION", ""},
    {"CreateSchemaStmt", "CREATE SCHEMA", ""},
    {"GrantStmt", "GRANT/REVOKE", ""},
    {"GrantRoleStmt", "GRANT/REVOKE", ""},
    {"VariableSetStmt", "SET", ""},
    {"TransactionStmt", "TRANSACTION CONTROL", ""},
    {"DoStmt", "DO", ""},
    {"CreatedbStmt", "CREATE DATABASE", ""},
    {"DropdbStmt", "DROP DATABASE", ""},
    {"AlterSystemStmt", "ALTER SYSTEM", ""},
    {"AlterObjectSchemaStmt", "ALTER ... SET SCHEMA", "relation"},
}};

Actions classify(const Statement& statement) {
    Actions actions;
    const std::string_view kind = statement.kind();
    Node stmt = statement.content();
    if (kind == "AlterTableStmt") {
        classify_alter_table(stmt, actions);
    } else if (kind == "CreateStmt") {
        classify_create_table(stmt, actions);
    } else if (kind == "IndexStmt") {
        classify_index(stmt, actions);
    } else if (kind == "DropStmt") {
        classify_drop(stmt, actions);
    } else if (kind == "RenameStmt") {
        classify_rename(stmt, actions);
    } else if (kind == "TruncateStmt") {
        for (const Node& relation : stmt["relations"].items()) {
            Action action = make_action("TRUNCATE", relation_name(relation.as("RangeVar")),
                                        stmt["behavior"].str() == "DROP_CASCADE" ? Condition::cascade : Condition::none);
            action.recurse = relation.as("RangeVar")["inh"].flag();
            actions.push_back(std::move(action));
        }
    } else if (kind == "VacuumStmt") {
        classify_vacuum(stmt, actions);
    } else if (kind == "ReindexStmt") {
        classify_reindex(stmt, actions);
    } else if (kind == "RefreshMatViewStmt") {
        Condition conditions = stmt["concurrent"].flag() ? Condition::concurrently : Condition::none;
        if (stmt["skipData"].flag()) {
            conditions = conditions | Condition::query_not_run;
        }
        actions.push_back(make_action("REFRESH MATERIALIZED VIEW", relation_name(stmt["relation"]), conditions));
    } else if (kind == "CreateTableAsStmt") {
        classify_create_as(stmt["objtype"].str() == "OBJECT_MATVIEW" ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE AS",
                           stmt["into"], stmt["query"].as("SelectStmt"), actions);
    } else if (kind == "SelectStmt" && stmt["intoClause"]) {
        classify_create_as("CREATE TABLE AS", stmt["intoClause"], stmt, actions);
    } else if (kind == "SelectStmt") {
        classify_query(stmt, Condition::none, {}, actions);
        add_sequence_functions(stmt, actions);
        if (actions.empty()) {
            actions.push_back(make_action("SELECT", QualifiedName{}));
        }
    } else if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt" || kind == "MergeStmt") {
        classify_dml(kind, stmt, Condition::none, {}, actions);
        add_sequence_functions(stmt, actions);
    } else if (kind == "CopyStmt") {
        classify_copy(stmt, actions);
    } else if (kind == "ViewStmt") {
        Action view = make_action("CREATE VIEW", relation_name(stmt["view"]));
        if (!stmt["replace"].flag()) {
            view.created = view.relations[RelationRole::target];  // OR REPLACE may lock one in use
        }
        actions.push_back(std::move(view));
        classify_statement_node(stmt["query"], Condition::query_not_run, {}, actions);
    } else if (kind == "CreateSeqStmt" || kind == "AlterSeqStmt") {
        classify_sequence(kind, stmt, actions);
    } else if (kind == "CreateTrigStmt") {
        Action action = make_action("CREATE TRIGGER", relation_name(stmt["relation"]));
        action.recurse = stmt["relation"]["inh"].flag() && stmt["row"].flag();  // row triggers are cloned
        actions.push_back(std::move(action));
    } else if (kind == "AlterDomainStmt") {
        // A new or validated constraint, or NOT NULL, is checked against every column of the domain.
        const std::string_view subtype = stmt["subtype"].str();
        const bool checks = (subtype == "C" && !stmt["def"]["Constraint"]["skip_validation"].flag()) ||
                            subtype == "V" || subtype == "O";
        actions.push_back(make_action(checks ? "ALTER DOMAIN (checks columns)" : "ALTER DOMAIN", QualifiedName{}));
    } else if (kind == "RuleStmt") {
        actions.push_back(make_action("CREATE RULE", relation_name(stmt["relation"])));
    } else if (kind == "CreateStatsStmt") {
        actions.push_back(make_action("CREATE STATISTICS", relation_name(stmt["relations"].at(0).as("RangeVar"))));
    } else if (kind == "LockStmt") {
        classify_lock(stmt, actions);
    } else if (kind == "AlterEnumStmt") {
        actions.push_back(make_action(stmt["oldVal"].str().empty() ? "ALTER TYPE ADD VALUE" : "ALTER TYPE RENAME VALUE",
                                      QualifiedName{}));
    } else if (kind == "CommentStmt") {
        classify_comment(stmt, actions);
    } else if (kind == "ClusterStmt") {
        classify_cluster(stmt, actions);
    } else {
        for (const SimpleForm& simple : k_simple_forms) {
            if (simple.kind == kind) {
                QualifiedName relation;
                if (!simple.relation_field.empty()) {
                    relation = relation_name(stmt[simple.relation_field]);
                }
                actions.push_back(make_action(std::string{simple.form}, relation));
                break;
            }
        }
    }
    for (Action& action : actions) {
        action.source = action.source ? action.source : stmt;
    }
    return actions;
}

// ---- Refinement: what the catalog knows about the relations an action names ------

// Lookups in ModelContext::catalog, for the refinement below.
class Schema {
public:
    Schema(const Catalog& catalog, int pg_version, std::set<std::string> dropped_constraints)
        : m_catalog(catalog), m_pg_version(pg_version), m_dropped_constraints(std::move(dropped_constraints)) {}

    [[nodiscard]] const Catalog& catalog() const { return m_catalog; }
    [[nodiscard]] int pg_version() const { return m_pg_version; }
    // Constraints the statement drops: a CHECK dropped in the same ALTER TABLE proves nothing.
    [[nodiscard]] const std::set<std::string>& dropped_constraints() const { return m_dropped_constraints; }
    [[nodiscard]] const Relation* find(const QualifiedName& name) const {
        return name.empty() ? nullptr : m_catalog.find_relation(name);
    }
    [[nodiscard]] QualifiedName name_of(ObjectId id) const {
        const Relation* relation = m_catalog.relation(id);
        return relation == nullptr ? QualifiedName{} : relation->qualified();
    }
    // Every partition below `table`, sub-partitions included.
    void add_partitions(const Relation& table, std::vector<QualifiedName>& out) const {
        for (const Relation* partition : m_catalog.partitions_of(table.id)) {
            out.push_back(partition->qualified());
            add_partitions(*partition, out);
        }
    }
    // Sequences OWNED BY a column of `table` (column 0: any column).
    [[nodiscard]] std::vector<QualifiedName> owned_sequences(ObjectId table, int column) const {
        std::vector<QualifiedName> result;
        for (const Relation* relation : m_catalog.relations_naming(table)) {
            if (relation->kind == RelationKind::sequence && relation->owned_by.relation == table &&
                (column == 0 || relation->owned_by.column == column)) {
                result.push_back(relation->qualified());
            }
        }
        return result;
    }
    // Views and materialized views whose query reads `table`.
    [[nodiscard]] std::vector<QualifiedName> views_reading(ObjectId table) const {
        std::vector<QualifiedName> result;
        for (const Relation* relation : m_catalog.relations_naming(table)) {
            if ((relation->kind == RelationKind::view || relation->kind == RelationKind::materialized_view) &&
                std::any_of(relation->uses.begin(), relation->uses.end(),
                            [&](const ColumnUse& use) { return use.relation == table; })) {
                result.push_back(relation->qualified());
            }
        }
        return result;
    }
    // A domain without constraints is stored as its base type.
    [[nodiscard]] ColumnType storage_type(const ColumnType& type) const {
        const TypeDef* domain = m_catalog.find_type(type);
        if (domain != nullptr && domain->kind == TypeKind::domain && domain->constraints.empty() && !domain->not_null &&
            !type.is_array) {
            return domain->base;
        }
        return type;
    }
    // The relations a view or materialized view reads.
    [[nodiscard]] std::vector<QualifiedName> read_by(const Relation& view) const {
        std::vector<QualifiedName> result;
        for (const ColumnUse& use : view.uses) {
            const QualifiedName name = name_of(use.relation);
            if (!name.empty() && std::find(result.begin(), result.end(), name) == result.end()) {
                result.push_back(name);
            }
        }
        return result;
    }
    // Typed tables of a composite type (CREATE TABLE ... OF type).
    [[nodiscard]] std::vector<QualifiedName> typed_tables(const TypeDef& type) const {
        std::vector<QualifiedName> result;
        for (const Relation* relation : m_catalog.relations()) {
            if (relation->of_type == type.id) {
                result.push_back(relation->qualified());
            }
        }
        return result;
    }
    // Tables with a column of the named enum, domain or composite type, and its typed tables.
    [[nodiscard]] std::vector<QualifiedName> tables_using_type(const TypeDef& type) const {
        std::vector<QualifiedName> result;
        for (const Relation* relation : m_catalog.relations()) {
            if (!relation->is_table()) {
                continue;
            }
            if (relation->of_type == type.id) {
                result.push_back(relation->qualified());
                continue;
            }
            for (const Column& column : relation->columns) {
                if (m_catalog.find_type(column.type) == &type) {
                    result.push_back(relation->qualified());
                    break;
                }
            }
        }
        return result;
    }

private:
    const Catalog& m_catalog;
    int m_pg_version;
    std::set<std::string> m_dropped_constraints;
};

void add_unique(std::vector<QualifiedName>& names, const QualifiedName& name) {
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
        names.push_back(name);
    }
}

const QualifiedName* first_of(const Action& action, RelationRole role) {
    auto found = action.relations.find(role);
    return found == action.relations.end() || found->second.empty() ? nullptr : &found->second.front();
}

// Column names a WHERE clause compares (the last field of each column reference).
std::vector<std::string> where_columns(Node where) {
    std::vector<std::string> names;
    visit_nodes(where, [&](std::string_view type, Node content) {
        if (type == "ColumnRef") {
            const std::vector<std::string> fields = string_list(content["fields"]);
            if (!fields.empty()) {
                names.push_back(fields.back());
            }
        }
        return true;
    });
    return names;
}

// A WHERE helps only when an index leads with a column it compares; otherwise the
// planner reads the whole table.
bool where_uses_index(const Schema& schema, const Relation& table, Node where) {
    const std::vector<std::string> names = where_columns(where);
    for (const Relation* index : schema.catalog().indexes_of(table.id)) {
        if (index->index.keys.empty() || index->index.keys.front().column == 0) {
            continue;
        }
        const Column* leading = table.column(index->index.keys.front().column);
        if (leading != nullptr && std::find(names.begin(), names.end(), leading->name) != names.end()) {
            return true;
        }
    }
    return false;
}

// A query's relations: a view is only opened and its tables read in its place; a
// partitioned table is only opened and its partitions read.
void refine_select(Action& action, const Schema& schema, Actions& extra) {
    auto reads = action.relations.find(RelationRole::read);
    if (reads == action.relations.end() || has_any(action.conditions, Condition::query_not_run)) {
        return;
    }
    Action opened = make_action("SELECT", QualifiedName{}, Condition::query_not_run);
    Action behind = make_action("SELECT", QualifiedName{}, action.conditions);
    std::vector<QualifiedName> kept;
    for (const QualifiedName& name : reads->second) {
        const Relation* relation = schema.find(name);
        if (relation != nullptr && relation->kind == RelationKind::view) {
            opened.relations[RelationRole::read].push_back(name);
            for (const QualifiedName& table : schema.read_by(*relation)) {
                add_unique(behind.relations[RelationRole::read], table);
            }
        } else if (relation != nullptr && relation->kind == RelationKind::partitioned_table) {
            opened.relations[RelationRole::read].push_back(name);
            schema.add_partitions(*relation, behind.relations[RelationRole::read]);
        } else {
            kept.push_back(name);
        }
    }
    reads->second = kept;
    if (!opened.relations.empty()) {
        extra.push_back(std::move(opened));
    }
    if (!behind.relations.empty()) {
        extra.push_back(std::move(behind));
    }
}

// The column a subcommand names, on the action's target.
const Column* named_column(const Relation& table, const Action& action) {
    return table.find_column(action.source["name"].str());
}

bool is_foreign_key_column(const Constraint& constraint, const std::vector<int>& columns) {
    return constraint.kind == ConstraintKind::foreign_key &&
           std::any_of(constraint.columns.begin(), constraint.columns.end(),
                       [&](int column) { return std::find(columns.begin(), columns.end(), column) != columns.end(); });
}

// Referenced tables of the foreign keys that cover any of `columns`.
void add_referenced(const Schema& schema, const Relation& table, const std::vector<int>& columns, Action& action) {
    for (const Constraint& constraint : table.constraints) {
        if (is_foreign_key_column(constraint, columns)) {
            add_unique(action.relations[RelationRole::referenced], schema.name_of(constraint.referenced));
        }
    }
}

std::vector<int> column_numbers(const Relation& table, const std::vector<std::string>& names) {
    std::vector<int> numbers;
    for (const std::string& name : names) {
        if (const Column* column = table.find_column(name); column != nullptr) {
            numbers.push_back(column->number);
        }
    }
    return numbers;
}

}  // namespace

ColumnTypeChange judge_column_type_change(const Catalog& catalog, const Relation& table, const Column& column,
                                          Node definition, int pg_version) {
    const Schema schema{catalog, pg_version, {}};
    const ColumnType to = column_type(definition["typeName"]);
    // USING that only casts the column to the new type converts as the plain change does.
    bool plain = true;
    if (Node expression = definition["raw_default"]; expression) {
        Node cast = expression.as("TypeCast");
        Node reference = (cast ? cast["arg"] : expression).as("ColumnRef");
        const std::vector<std::string> fields = reference ? string_list(reference["fields"]) : std::vector<std::string>{};
        plain = !fields.empty() && fields.back() == column.name && (!cast || column_type(cast["typeName"]) == to);
    }
    TypeChange change = classify_type_change(schema.storage_type(column.type), schema.storage_type(to),
                                             schema.pg_version(), schema.catalog().utc_session());
    // A date/time type without a precision keeps 6 digits: naming 6 or more changes nothing.
    static constexpr std::array<std::string_view, 5> k_precision_types = {"timestamp", "timestamptz", "time", "timetz",
                                                                         "interval"};
    if (column.type.name == to.name && column.type.modifiers.empty() && to.modifiers.size() == 1 &&
        to.modifiers[0] >= 6 && !to.is_array && !column.type.is_array &&
        std::find(k_precision_types.begin(), k_precision_types.end(), to.name) != k_precision_types.end()) {
        change.binary_coercible = true;
    }
    const std::vector<const Relation*> indexes = schema.catalog().indexes_of(table.id);
    const bool indexed = std::any_of(indexes.begin(), indexes.end(), [&](const Relation* index) {
        return std::any_of(index->index.keys.begin(), index->index.keys.end(),
                           [&](const IndexKey& key) { return key.column == column.number; });
    });
    ColumnTypeChange judged;
    if (!plain || !change.binary_coercible) {
        return judged;
    }
    judged.binary_coercible = true;
    const std::vector<std::string> collation = string_list(definition["collClause"]["collname"]);
    const bool new_collation = !collation.empty() && collation.back() != column.collation;
    judged.rebuilds_indexes = indexed && (change.rebuilds_indexes || new_collation);
    for (const Constraint& constraint : table.constraints) {
        if (constraint.kind == ConstraintKind::check &&
            std::find(constraint.expression_columns.begin(), constraint.expression_columns.end(), column.number) !=
                constraint.expression_columns.end()) {
            judged.rechecks = true;
        }
    }
    return judged;
}

namespace {

void refine_alter_column_type(Action& action, const Schema& schema, const Relation& table) {
    const Column* column = named_column(table, action);
    Node definition = action.source["def"].as("ColumnDef");
    if (column == nullptr || !definition) {
        return;
    }
    const ColumnTypeChange change =
        judge_column_type_change(schema.catalog(), table, *column, definition, schema.pg_version());
    if (change.binary_coercible) {
        action.conditions = action.conditions | Condition::binary_coercible_type;
        if (change.rebuilds_indexes) {
            action.conditions = action.conditions | Condition::rebuilds_indexes;
        }
        if (change.rechecks) {
            action.conditions = action.conditions | Condition::column_check;
        }
        return;
    }
    // A rewritten key column: the foreign keys that reference it are checked again.
    for (const auto& [referencing, constraint] : schema.catalog().foreign_keys_to(table.id)) {
        if (std::find(constraint->referenced_columns.begin(), constraint->referenced_columns.end(), column->number) !=
                constraint->referenced_columns.end() &&
            referencing->id != table.id) {
            add_unique(action.relations[RelationRole::dependent_table], referencing->qualified());
        }
    }
}

void refine_drop_column(Action& action, const Schema& schema, const Relation& table) {
    const Column* column = named_column(table, action);
    if (column == nullptr) {
        return;
    }
    for (const ColumnDependent& dependent : schema.catalog().dependents_of(table.id, column->number)) {
        if (dependent.kind == DependentKind::foreign_key && !dependent.references_column) {
            if (const Constraint* key = table.find_constraint(dependent.name); key != nullptr) {
                add_unique(action.relations[RelationRole::referenced], schema.name_of(key->referenced));
            }
        } else if ((dependent.kind == DependentKind::foreign_key && dependent.references_column) ||
                   dependent.kind == DependentKind::view || dependent.kind == DependentKind::materialized_view) {
            if (dependent.relation != table.id) {
                add_unique(action.relations[RelationRole::dependent_table], schema.name_of(dependent.relation));
            }
        }
    }
}

void refine_constraint_by_name(Action& action, const Schema& schema, const Relation& table) {
    const Constraint* constraint = table.find_constraint(action.source["name"].str());
    if (constraint == nullptr) {
        return;
    }
    if (constraint->kind == ConstraintKind::foreign_key) {
        action.conditions = action.conditions | Condition::foreign_key;
        add_unique(action.relations[RelationRole::referenced], schema.name_of(constraint->referenced));
        return;
    }
    // Dropping a key with CASCADE drops the foreign keys that depend on its index.
    if (action.form == "ALTER TABLE DROP CONSTRAINT" && action.source["behavior"].str() == "DROP_CASCADE" &&
        (constraint->kind == ConstraintKind::primary_key || constraint->kind == ConstraintKind::unique)) {
        for (const auto& [referencing, key] : schema.catalog().foreign_keys_to(table.id)) {
            if (key->referenced_columns == constraint->columns && referencing->id != table.id) {
                add_unique(action.relations[RelationRole::dependent_table], referencing->qualified());
            }
        }
    }
}

void refine_identity(Action& action, const Schema& schema, const Relation& table) {
    const Column* column = named_column(table, action);
    if (column == nullptr) {
        return;
    }
    for (const QualifiedName& sequence : schema.owned_sequences(table.id, column->number)) {
        add_unique(action.relations[RelationRole::sequence], sequence);
    }
    for (const Node& option : action.source["def"].as("List")["items"].items()) {
        if (option.as("DefElem")["defname"].str() != "generated") {
            action.conditions = action.conditions | Condition::sequence_parameters;
        }
    }
}

void refine_attach(Action& action, const Schema& schema, const Relation& parent) {
    const QualifiedName* name = first_of(action, RelationRole::partition);
    const Relation* partition = name == nullptr ? nullptr : schema.find(*name);
    for (const Relation* existing : schema.catalog().partitions_of(parent.id)) {
        if (existing->partition_bound_sql == "DEFAULT") {
            action.conditions = action.conditions | Condition::default_partition;
            action.relations[RelationRole::dependent_table].push_back(existing->qualified());
        }
    }
    if (partition == nullptr || !parent.partitioning) {
        return;
    }
    // PostgreSQL proves the bound from the partition's validated CHECKs and NOT NULLs
    // (every bound implies key IS NOT NULL); the model takes a validated CHECK on the
    // key columns, with the key columns NOT NULL, as that proof.
    const std::vector<int> key_columns = column_numbers(*partition, [&] {
        std::vector<std::string> names;
        for (const int number : parent.partitioning->key_columns) {
            const Column* key = parent.column(number);
            names.push_back(key == nullptr ? std::string{} : key->name);
        }
        return names;
    }());
    if (key_columns.size() != parent.partitioning->key_columns.size() || key_columns.empty()) {
        return;
    }
    const bool not_null = std::all_of(key_columns.begin(), key_columns.end(), [&](int number) {
        const Column* key = partition->column(number);
        return key != nullptr && (key->not_null || schema.catalog().not_null_check(partition->id, number) != nullptr);
    });
    const bool bounded = std::any_of(partition->constraints.begin(), partition->constraints.end(), [&](const Constraint& check) {
        return check.kind == ConstraintKind::check && check.validated &&
               std::all_of(key_columns.begin(), key_columns.end(), [&](int number) {
                   return std::find(check.expression_columns.begin(), check.expression_columns.end(), number) !=
                              check.expression_columns.end() &&
                          std::find(check.not_null_columns.begin(), check.not_null_columns.end(), number) ==
                              check.not_null_columns.end();
               });
    });
    if (not_null && bounded) {
        action.conditions = action.conditions | Condition::bound_proven;
    }
}

// The rows an INSERT or UPDATE writes: foreign keys on the columns it sets are
// checked against the referenced table; defaults from owned sequences draw values.
void refine_write(Action& action, const Schema& schema, const Relation& table) {
    Node stmt = action.source;
    std::vector<std::string> names;
    for (const Node& target : stmt[action.form == "INSERT" ? "cols" : "targetList"].items()) {
        names.emplace_back(target.as("ResTarget")["name"].str());
    }
    std::vector<int> columns = column_numbers(table, names);
    if (action.form == "INSERT" && names.empty()) {
        for (const Column& column : table.columns) {
            columns.push_back(column.number);
        }
    }
    add_referenced(schema, table, columns, action);
    if (action.form == "INSERT") {
        for (const Column& column : table.columns) {
            if (std::find(columns.begin(), columns.end(), column.number) == columns.end() || names.empty()) {
                for (const QualifiedName& sequence : schema.owned_sequences(table.id, column.number)) {
                    if (!column.default_sql.empty() || column.identity != Identity::none) {
                        add_unique(action.relations[RelationRole::sequence], sequence);
                    }
                }
            }
        }
    }
}

bool has_instead_rule(const Relation& table, std::string_view event) {
    return std::any_of(table.rules.begin(), table.rules.end(),
                       [&](const RewriteRule& rule) { return rule.instead && rule.event == event; });
}

void refine_drop_table(Action& action, const Schema& schema, const Relation& table, bool cascade) {
    for (const Constraint& constraint : table.constraints) {
        if (constraint.kind == ConstraintKind::foreign_key && constraint.referenced != table.id) {
            add_unique(action.relations[RelationRole::referenced], schema.name_of(constraint.referenced));
        }
    }
    schema.add_partitions(table, action.relations[RelationRole::partition]);
    if (table.partition_of != 0) {
        add_unique(action.relations[RelationRole::parent], schema.name_of(table.partition_of));
    }
    for (const QualifiedName& sequence : schema.owned_sequences(table.id, 0)) {
        add_unique(action.relations[RelationRole::sequence], sequence);
    }
    if (cascade) {
        for (const auto& [referencing, constraint] : schema.catalog().foreign_keys_to(table.id)) {
            if (referencing->id != table.id) {
                add_unique(action.relations[RelationRole::dependent_table], referencing->qualified());
            }
        }
        for (const QualifiedName& view : schema.views_reading(table.id)) {
            add_unique(action.relations[RelationRole::dependent_table], view);
        }
    }
}

// Relations named by IF [NOT] EXISTS statements that find nothing to do.
void refine_existence(Action& action, const Schema& schema) {
    Node stmt = action.source;
    const RelationRole role = action.relations.contains(RelationRole::index) ? RelationRole::index : RelationRole::target;
    auto names = action.relations.find(role);
    if (names == action.relations.end() || names->second.empty()) {
        return;
    }
    if (stmt["if_not_exists"].flag()) {
        const QualifiedName* created = action.created.empty() ? nullptr : &action.created.front();
        if (created != nullptr && schema.find(*created) != nullptr) {
            action.conditions = action.conditions | Condition::object_exists;
            std::erase(action.relations[RelationRole::new_index], *created);
            action.created.clear();
        }
    }
    // An empty catalog knows nothing of the database: the object may well exist.
    if (stmt["missing_ok"].flag() && !schema.catalog().empty()) {
        std::erase_if(names->second, [&](const QualifiedName& name) { return schema.find(name) == nullptr; });
        if (names->second.empty()) {
            action.conditions = action.conditions | Condition::object_missing;
        }
    }
}

void refine(Action& action, const Schema& schema, Actions& extra) {
    refine_existence(action, schema);
    if (action.form == "SELECT") {
        refine_select(action, schema, extra);
        return;
    }
    // Index statements lock the index's table too.
    if (const QualifiedName* index_name = first_of(action, RelationRole::index);
        index_name != nullptr && !action.relations.contains(RelationRole::target)) {
        if (const Relation* index = schema.find(*index_name); index != nullptr && index->is_index()) {
            action.relations[RelationRole::target].push_back(schema.name_of(index->index.table));
            if (index->kind == RelationKind::partitioned_index) {
                action.conditions = action.conditions | Condition::partitioned;
            }
        }
        if (action.form == "ALTER INDEX ATTACH PARTITION") {
            // Both tables are only opened; the partition's index is locked.
            if (const QualifiedName* child = first_of(action, RelationRole::partition); child != nullptr) {
                if (const Relation* child_index = schema.find(*child); child_index != nullptr) {
                    action.relations[RelationRole::read].push_back(schema.name_of(child_index->index.table));
                }
            }
            // The parent index's table, when the catalog knows the index.
            if (auto target = action.relations.find(RelationRole::target);
                target != action.relations.end() && !target->second.empty()) {
                const QualifiedName table = target->second.front();
                action.relations.erase(target);
                action.relations[RelationRole::read].push_back(table);
            }
        }
    }
    if (action.form == "CLUSTER (every clustered table)") {
        // Each table with a clustered index (CLUSTER ON), rewritten in its own transaction.
        for (const Relation* relation : schema.catalog().relations()) {
            if (relation->is_index() && relation->index.clustered) {
                add_unique(action.relations[RelationRole::target], schema.name_of(relation->index.table));
            }
        }
        return;
    }
    if (action.form == "ALTER DOMAIN (checks columns)" || action.form == "DROP TYPE" || action.form == "DROP DOMAIN") {
        Node names = action.form.starts_with("ALTER") ? action.source["typeName"] : action.source.as("TypeName")["names"];
        const TypeDef* type = schema.catalog().find_type(qualified_name(names));
        if (type == nullptr) {
            return;
        }
        if (type->kind == TypeKind::composite) {
            action.relations[RelationRole::composite_type].push_back(QualifiedName{type->schema, type->name});
        }
        if (action.form.starts_with("ALTER") || has_any(action.conditions, Condition::cascade)) {
            action.relations[RelationRole::dependent_table] = schema.tables_using_type(*type);
        }
        return;
    }
    if (action.form == "DROP STATISTICS") {
        if (const Relation* table = schema.catalog().table_of_statistics(qualified_name(action.source.as("List")["items"]));
            table != nullptr) {
            action.relations[RelationRole::target].push_back(table->qualified());
        }
        return;
    }
    if (action.form == "RENAME ATTRIBUTE") {
        // CASCADE renames the column of every typed table too.
        if (const QualifiedName* type_name = first_of(action, RelationRole::composite_type); type_name != nullptr) {
            if (const TypeDef* type = schema.catalog().find_type(*type_name); type != nullptr) {
                action.relations[RelationRole::dependent_table] = schema.typed_tables(*type);
            }
        }
        return;
    }
    const QualifiedName* target_name = first_of(action, RelationRole::target);
    const Relation* table = target_name == nullptr ? nullptr : schema.find(*target_name);
    if (table == nullptr) {
        // ALTER TYPE ... ADD/DROP/ALTER ATTRIBUTE ... CASCADE changes every typed table alike.
        if (const TypeDef* type = target_name == nullptr ? nullptr : schema.catalog().find_type(*target_name);
            type != nullptr && type->kind == TypeKind::composite) {
            for (const QualifiedName& typed : schema.typed_tables(*type)) {
                add_unique(action.inherit_dependent, typed);
            }
        }
        return;
    }
    if (table->kind == RelationKind::partitioned_table) {
        action.conditions = action.conditions | Condition::partitioned;
        if (action.recurse) {
            schema.add_partitions(*table, action.inherit);
        }
    }
    if (table->kind == RelationKind::view && action.form.starts_with("LOCK TABLE")) {
        for (const QualifiedName& base : schema.read_by(*table)) {
            add_unique(action.inherit_dependent, base);
        }
    }
    const std::string& form = action.form;
    if (form == "ALTER TABLE ADD COLUMN") {
        const TypeDef* type = schema.catalog().find_type(column_type(action.source["def"]["ColumnDef"]["typeName"]));
        if (type != nullptr && type->kind == TypeKind::domain && !type->constraints.empty()) {
            action.conditions = action.conditions | Condition::domain_type;
        }
    } else if (form == "ALTER TABLE ALTER COLUMN TYPE") {
        refine_alter_column_type(action, schema, *table);
    } else if (form == "ALTER TABLE SET NOT NULL") {
        if (const Column* column = named_column(*table, action);
            column != nullptr &&
            schema.catalog().not_null_check(table->id, column->number, schema.dropped_constraints()) != nullptr) {
            action.conditions = action.conditions | Condition::check_proves_not_null;
        }
    } else if (form == "ALTER TABLE SET IDENTITY" || form == "ALTER TABLE DROP IDENTITY") {
        refine_identity(action, schema, *table);
    } else if (form == "ALTER TABLE DROP COLUMN") {
        refine_drop_column(action, schema, *table);
    } else if (form == "ALTER TABLE VALIDATE CONSTRAINT" || form == "ALTER TABLE DROP CONSTRAINT") {
        refine_constraint_by_name(action, schema, *table);
    } else if (form == "ALTER TABLE ADD PRIMARY KEY" && has_any(action.conditions, Condition::using_index)) {
        const QualifiedName* index_name = first_of(action, RelationRole::index);
        const Relation* index = index_name == nullptr ? nullptr : schema.find(*index_name);
        if (index != nullptr && std::any_of(index->index.keys.begin(), index->index.keys.end(), [&](const IndexKey& key) {
                const Column* column = table->column(key.column);
                return column != nullptr && !column->not_null;
            })) {
            action.conditions = action.conditions | Condition::key_column_nullable;
        }
    } else if (form == "ALTER TABLE ATTACH PARTITION") {
        refine_attach(action, schema, *table);
    } else if (form == "INSERT" || form == "UPDATE") {
        refine_write(action, schema, *table);
    }
    if ((form == "UPDATE" || form == "DELETE") && has_instead_rule(*table, form == "UPDATE" ? "update" : "delete")) {
        action.conditions = action.conditions | Condition::instead_rule;
    }
    if ((form == "UPDATE" || form == "DELETE") && has_any(action.conditions, Condition::has_where) &&
        !where_uses_index(schema, *table, action.source["whereClause"])) {
        action.conditions = static_cast<Condition>(static_cast<std::uint64_t>(action.conditions) &
                                                   ~static_cast<std::uint64_t>(Condition::has_where));
    }
    if (form == "TRUNCATE") {
        if (has_any(action.conditions, Condition::cascade)) {
            for (const auto& [referencing, constraint] : schema.catalog().foreign_keys_to(table->id)) {
                if (referencing->id != table->id) {
                    add_unique(action.inherit_dependent, referencing->qualified());
                }
            }
        }
        if (action.source["restart_seqs"].flag()) {
            action.conditions = action.conditions | Condition::restart_identity;
            action.relations[RelationRole::sequence] = schema.owned_sequences(table->id, 0);
        }
    }
    if (form == "DROP TABLE") {
        refine_drop_table(action, schema, *table, has_any(action.conditions, Condition::cascade));
    }
    if (form == "REFRESH MATERIALIZED VIEW") {
        action.relations[RelationRole::read] = schema.read_by(*table);
    }
}

void merge_effect(StatementEffects& effects, RelationEffect effect) {
    for (RelationEffect& existing : effects.relations) {
        if (existing.relation.key() == effect.relation.key()) {
            existing.mode = std::max(existing.mode, effect.mode);
            existing.rewrite = existing.rewrite || effect.rewrite;
            existing.scan = existing.scan || effect.scan;
            existing.created = existing.created || effect.created;
            existing.role = std::min(existing.role, effect.role);
            return;
        }
    }
    effects.relations.push_back(std::move(effect));
}

std::set<std::string> dropped_constraints(const Statement& statement) {
    std::set<std::string> names;
    if (statement.kind() == "AlterTableStmt") {
        for (const Node& item : statement.content()["cmds"].items()) {
            Node command = item.as("AlterTableCmd");
            if (command["subtype"].str() == "AT_DropConstraint") {
                names.insert(std::string{command["name"].str()});
            }
        }
    }
    return names;
}

}  // namespace

StatementEffects effects_of(const Statement& statement, const ModelContext& context) {
    StatementEffects effects;
    Actions actions = classify(statement);
    if (context.catalog != nullptr) {
        const Schema schema{*context.catalog, context.pg_version, dropped_constraints(statement)};
        Actions extra;
        for (Action& action : actions) {
            refine(action, schema, extra);
        }
        std::move(extra.begin(), extra.end(), std::back_inserter(actions));
    }
    if (actions.empty()) {
        effects.modelled = false;
        effects.summary = std::string{statement.kind()};
        return effects;
    }
    for (const Action& action : actions) {
        const LockTableRow* row = find_lock_row(action.form, action.conditions, context.pg_version);
        if (effects.summary.empty()) {
            effects.summary = action.form;
            if (has_any(action.conditions, Condition::concurrently)) {
                effects.summary += " CONCURRENTLY";
            }
            if (auto target = action.relations.find(RelationRole::target); target != action.relations.end() &&
                                                                            !target->second.empty()) {
                effects.summary += " on " + target->second.front().display();
            }
        }
        if (row == nullptr) {
            effects.modelled = false;
            continue;
        }
        effects.forms.emplace_back(row->form);
        effects.requires_no_transaction = effects.requires_no_transaction || row->requires_no_transaction;
        // A partitioned table or index has no storage of its own to rewrite or scan.
        const bool partitioned = has_any(action.conditions, Condition::partitioned);
        const RoleLock* target_lock = nullptr;
        const RoleLock* partition_lock = nullptr;
        for (const RoleLock& lock : row->locks) {
            target_lock = lock.role == RelationRole::target ? &lock : target_lock;
            partition_lock = lock.role == RelationRole::partition ? &lock : partition_lock;
            auto relations = action.relations.find(lock.role);
            if (relations == action.relations.end()) {
                continue;
            }
            const bool storage = !partitioned || (lock.role != RelationRole::target && lock.role != RelationRole::index);
            for (const QualifiedName& relation : relations->second) {
                if (relation.empty()) {
                    continue;
                }
                const bool created = std::find(action.created.begin(), action.created.end(), relation) !=
                                     action.created.end();
                merge_effect(effects, RelationEffect{relation, lock.role, lock.mode, lock.rewrite && storage,
                                                     lock.scan && storage, created});
            }
        }
        const RoleLock* inherited = partition_lock != nullptr ? partition_lock : target_lock;
        if (inherited != nullptr) {
            for (const QualifiedName& relation : action.inherit) {
                merge_effect(effects, RelationEffect{relation, RelationRole::partition, inherited->mode,
                                                     inherited->rewrite, inherited->scan, false});
            }
        }
        if (target_lock != nullptr) {
            for (const QualifiedName& relation : action.inherit_dependent) {
                merge_effect(effects, RelationEffect{relation, RelationRole::dependent_table, target_lock->mode,
                                                     target_lock->rewrite, target_lock->scan, false});
            }
        }
    }
    return effects;
}

}  // namespace migsafe
