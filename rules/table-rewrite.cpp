#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"
#include "migsafe/volatility.hpp"

namespace migsafe::rules {
namespace {

std::string lock_text(LockMode mode) {
    return std::string{sql_lock_name(mode)} + " lock, " + describe_blocking(mode);
}

// ALTER TABLE subcommands that exist to rewrite the table.
std::string_view storage_change(std::string_view subtype) {
    if (subtype == "AT_SetLogged") {
        return "SET LOGGED";
    }
    if (subtype == "AT_SetUnLogged") {
        return "SET UNLOGGED";
    }
    if (subtype == "AT_SetTableSpace") {
        return "SET TABLESPACE";
    }
    if (subtype == "AT_SetAccessMethod") {
        return "SET ACCESS METHOD";
    }
    return {};
}

bool is_serial(const TypeInfo& type) {
    return type.name == "serial" || type.name == "serial4" || type.name == "bigserial" || type.name == "serial8" ||
           type.name == "smallserial" || type.name == "serial2";
}

// A rewriting ADD COLUMN that a more specific rule reports (volatile default, serial, identity, generated).
bool add_column_has_own_rule(Node column) {
    if (is_serial(type_info(column["typeName"]))) {
        return true;
    }
    for (const Node& item : column["constraints"].items()) {
        Node constraint = item.as("Constraint");
        const std::string_view kind = constraint["contype"].str();
        if (kind == "CONSTR_IDENTITY" || kind == "CONSTR_GENERATED" ||
            (kind == "CONSTR_DEFAULT" && is_volatile_expression(constraint["raw_expr"]))) {
            return true;
        }
    }
    return false;
}

void check_alter_table(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    const RelationEffect* effect = context.effects().find(table);
    if (context.state().is_new_table(table) || effect == nullptr) {
        return;
    }
    bool covered = false;
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        const std::string_view subtype = command["subtype"].str();
        if (const std::string_view change = storage_change(subtype); !change.empty()) {
            covered = true;
            if (effect->rewrite) {
                sink.report(ReportedFinding{context.alter_subcommand_span(i),
                                            std::string{change} + " on existing table " + table.display() +
                                                " rewrites the table and its indexes under " +
                                                lock_text(effect->mode),
                                            "rebuild it online with pg_repack, or schedule a maintenance window",
                                            std::nullopt, std::nullopt});
            }
        } else if (subtype == "AT_AlterColumnType") {
            covered = true;  // changing-column-type
        } else if (subtype == "AT_AddColumn") {
            Node column = command["def"].as("ColumnDef");
            covered = covered || add_column_has_own_rule(column);
            const QualifiedName domain = qualified_name(column["typeName"]["names"]);
            if (!context.state().is_constrained_domain(domain)) {
                continue;
            }
            covered = true;
            // The statement alone does not show the domain's CHECK: the lock table has the row for it.
            const LockTableRow* row =
                find_lock_row("ALTER TABLE ADD COLUMN", Condition::domain_type, context.pg_version());
            for (const RoleLock& lock : row != nullptr ? row->locks : std::vector<RoleLock>{}) {
                if (lock.role == RelationRole::target && lock.rewrite) {
                    sink.report(ReportedFinding{
                        context.alter_subcommand_span(i),
                        "ADD COLUMN " + std::string{column["colname"].str()} + " of domain " + domain.display() +
                            ", which has a CHECK constraint, rewrites existing table " + table.display() +
                            " and its indexes under " + lock_text(lock.mode) + ", even without a default",
                        "add the column with the domain's base type and a NOT VALID CHECK, validate it later, then "
                        "backfill in batches",
                        std::nullopt, std::nullopt});
                }
            }
        }
    }
    if (!covered && effect->rewrite && context.state().is_existing_relation(*effect)) {
        sink.report(ReportedFinding{context.statement_span(),
                                    context.effects().summary + " rewrites existing table " + table.display() +
                                        " under " + lock_text(effect->mode),
                                    "rebuild it online with pg_repack, or schedule a maintenance window",
                                    std::nullopt, std::nullopt});
    }
}

// VACUUM FULL and CLUSTER: named tables, or every table when none is named.
void check_maintenance(const StatementContext& context, FindingSink& sink, std::string_view form,
                       const std::vector<QualifiedName>& tables) {
    if (tables.empty()) {
        const LockTableRow* row = find_lock_row(form, Condition::none, context.pg_version());
        if (row == nullptr || row->locks.empty() || !row->locks.front().rewrite) {
            return;
        }
        sink.report(ReportedFinding{context.statement_span(),
                                    std::string{form} + " without a table rewrites every eligible table of the "
                                                        "database, each under " +
                                        lock_text(row->locks.front().mode),
                                    "rebuild the tables that need it online with pg_repack", std::nullopt,
                                    std::nullopt});
        return;
    }
    for (const QualifiedName& table : tables) {
        const RelationEffect* effect = context.effects().find(table);
        if (effect == nullptr || !effect->rewrite || context.state().is_new_table(table)) {
            continue;
        }
        sink.report(ReportedFinding{context.statement_span(),
                                    std::string{form} + " " + table.display() +
                                        " rewrites the table and its indexes under " + lock_text(effect->mode),
                                    "rebuild it online with pg_repack, or schedule a maintenance window",
                                    std::nullopt, std::nullopt});
    }
}

bool has_option(Node options, std::string_view name) {
    for (const Node& option : options.items()) {
        if (iequals(option.as("DefElem")["defname"].str(), name)) {
            return true;
        }
    }
    return false;
}

// Statement kinds whose rewrite another rule reports.
bool kind_has_own_rule(std::string_view kind) {
    return kind == "ReindexStmt" || kind == "RefreshMatViewStmt" || kind == "TruncateStmt";
}

void check(const StatementContext& context, FindingSink& sink) {
    const std::string_view kind = context.kind();
    Node stmt = context.node();
    if (kind == "AlterTableStmt" && stmt["objtype"].str() == "OBJECT_TABLE") {
        check_alter_table(context, sink);
        return;
    }
    if (kind == "VacuumStmt") {
        if (stmt["is_vacuumcmd"].flag() && has_option(stmt["options"], "full")) {
            std::vector<QualifiedName> tables;
            for (const Node& relation : stmt["rels"].items()) {
                tables.push_back(relation_name(relation.as("VacuumRelation")["relation"]));
            }
            check_maintenance(context, sink, "VACUUM FULL", tables);
        }
        return;
    }
    if (kind == "ClusterStmt") {
        std::vector<QualifiedName> tables;
        if (stmt["relation"]) {
            tables.push_back(relation_name(stmt["relation"]));
        }
        check_maintenance(context, sink, "CLUSTER", tables);
        return;
    }
    if (kind_has_own_rule(kind)) {
        return;
    }
    // The catch-all: whatever else the lock model says rewrites an existing relation.
    for (const RelationEffect& effect : context.effects().relations) {
        if (effect.rewrite && context.state().is_existing_relation(effect)) {
            sink.report(ReportedFinding{context.statement_span(),
                                        context.effects().summary + " rewrites existing relation " +
                                            effect.relation.display() + " under " + lock_text(effect.mode),
                                        "rebuild it online with pg_repack, or schedule a maintenance window",
                                        std::nullopt, std::nullopt});
        }
    }
}

}  // namespace

const Rule& table_rewrite() {
    static const Rule k_rule{
        RuleMeta{
            .id = "table-rewrite",
            .default_severity = Severity::error,
            .summary = "A statement rewrites an existing table and its indexes while blocking reads and writes",
            .rationale = "SET LOGGED/UNLOGGED, SET TABLESPACE, SET ACCESS METHOD, VACUUM FULL and CLUSTER copy "
                         "the whole table and rebuild every index under ACCESS EXCLUSIVE, so reads and writes "
                         "wait for time proportional to the table's size. Adding a column whose type is a "
                         "domain with a CHECK rewrites the table too, even without a default (measured). Any "
                         "other statement the lock model marks as rewriting an existing table is reported here "
                         "when no more specific rule covers it.",
            .safe_alternative = "Rebuild online with pg_repack (or PostgreSQL 19's REPACK CONCURRENTLY), or build "
                                "a new table, copy the rows in batches and swap; otherwise schedule a maintenance "
                                "window with a short lock_timeout.",
            .exceptions = "Tables created earlier in the same migration and not filled since. Rewrites that "
                          "changing-column-type, add-column-volatile-default, add-column-serial-or-identity, "
                          "add-column-generated-stored, truncate-table, require-concurrent-reindex and "
                          "refresh-materialized-view-blocking report.",
            .example_bad = "ALTER TABLE events SET UNLOGGED;",
            .example_good = "ALTER TABLE events SET (fillfactor = 90);",
            .statement_kinds = {},
            .aliases = {"eugene:E10"},
            .fix = FixAvailability::none,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
