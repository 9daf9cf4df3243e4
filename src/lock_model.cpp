#include "migsafe/lock_model.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "migsafe/parse.hpp"
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

// ---- Classification: statement -> actions (form + conditions + relations) --------

namespace {

struct Action {
    std::string form;
    Condition conditions = Condition::none;
    std::map<RelationRole, std::vector<QualifiedName>> relations;
    std::vector<QualifiedName> created;  // relations the action creates
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
        Action action = make_action(std::string{form->second.first}, QualifiedName{}, conditions);
        for (const Node& name : stmt["objects"].items()) {
            action.relations[form->second.second].push_back(qualified_name(name.as("List")["items"]));
        }
        out.push_back(std::move(action));
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
    Action action = make_action(form, QualifiedName{});
    for (const Node& relation : stmt["rels"].items()) {
        action.relations[RelationRole::target].push_back(relation_name(relation.as("VacuumRelation")["relation"]));
    }
    out.push_back(std::move(action));
}

void classify_reindex(Node stmt, Actions& out) {
    const std::string_view kind = stmt["kind"].str();
    const Condition conditions = has_option(stmt["params"], "concurrently") ? Condition::concurrently : Condition::none;
    if (kind == "REINDEX_OBJECT_INDEX") {
        Action action = make_action("REINDEX INDEX", QualifiedName{}, conditions);
        action.relations[RelationRole::index].push_back(relation_name(stmt["relation"]));
        out.push_back(std::move(action));
    } else if (kind == "REINDEX_OBJECT_TABLE") {
        out.push_back(make_action("REINDEX TABLE", relation_name(stmt["relation"]), conditions));
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
        out.push_back(make_action("INSERT", table));
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
    Action action = make_action(form, QualifiedName{});
    for (const Node& relation : stmt["relations"].items()) {
        action.relations[RelationRole::target].push_back(relation_name(relation.as("RangeVar")));
    }
    out.push_back(std::move(action));
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

constexpr std::array<SimpleForm, 21> k_simple_forms = {{
    {"CreateTrigStmt", "CREATE TRIGGER", "relation"},
    {"CreatePolicyStmt", "CREATE POLICY", "table"},
    {"AlterPolicyStmt", "ALTER POLICY", "table"},
    {"ClusterStmt", "CLUSTER", "relation"},
    {"CreateEnumStmt", "CREATE TYPE", ""},
    {"CompositeTypeStmt", "CREATE TYPE", ""},
    {"CreateRangeStmt", "CREATE TYPE", ""},
    {"CreateDomainStmt", "CREATE DOMAIN", ""},
    {"AlterDomainStmt", "ALTER DOMAIN", ""},
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
        Action action = make_action("TRUNCATE", QualifiedName{},
                                    stmt["behavior"].str() == "DROP_CASCADE" ? Condition::cascade : Condition::none);
        for (const Node& relation : stmt["relations"].items()) {
            action.relations[RelationRole::target].push_back(relation_name(relation.as("RangeVar")));
        }
        actions.push_back(std::move(action));
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
        actions.push_back(make_action("CREATE VIEW", relation_name(stmt["view"])));
        classify_statement_node(stmt["query"], Condition::query_not_run, {}, actions);
    } else if (kind == "CreateSeqStmt" || kind == "AlterSeqStmt") {
        classify_sequence(kind, stmt, actions);
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
    return actions;
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

}  // namespace

StatementEffects effects_of(const Statement& statement, const ModelContext& context) {
    StatementEffects effects;
    const Actions actions = classify(statement);
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
        for (const RoleLock& lock : row->locks) {
            auto relations = action.relations.find(lock.role);
            if (relations == action.relations.end()) {
                continue;
            }
            for (const QualifiedName& relation : relations->second) {
                if (relation.empty()) {
                    continue;
                }
                const bool created = std::find(action.created.begin(), action.created.end(), relation) !=
                                     action.created.end();
                merge_effect(effects, RelationEffect{relation, lock.role, lock.mode, lock.rewrite, lock.scan, created});
            }
        }
    }
    return effects;
}

}  // namespace migsafe
