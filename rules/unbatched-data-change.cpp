#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/catalog.hpp"
#include "migsafe/deparse.hpp"
#include "migsafe/fix.hpp"
#include "migsafe/pg_types.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// No WHERE, or one that is the constant true.
bool touches_every_row(Node where) {
    if (!where) {
        return true;
    }
    Node constant = where.as("A_Const");
    return constant && constant["boolval"] && constant["boolval"]["boolval"].flag();
}

// Tables an INSERT ... SELECT reads, other than new ones.
std::vector<QualifiedName> existing_sources(const StatementContext& context, Node select) {
    std::vector<QualifiedName> sources;
    visit_nodes(select, [&](std::string_view type, Node content) {
        if (type == "RangeVar") {
            const QualifiedName table = relation_name(content);
            if (!context.state().is_new_table(table)) {
                sources.push_back(table);
            }
        }
        return true;
    });
    return sources;
}

// The single column an UPDATE can walk in key order: the primary key, else a
// unique NOT NULL column.
const Column* batch_key(const Relation& table) {
    for (ConstraintKind kind : {ConstraintKind::primary_key, ConstraintKind::unique}) {
        for (const Constraint& constraint : table.constraints) {
            if (constraint.kind != kind || constraint.columns.size() != 1 || constraint.deferrable) {
                continue;
            }
            const Column* column = table.column(constraint.columns.front());
            if (column != nullptr && column->not_null) {
                return column;
            }
        }
    }
    return nullptr;
}

// `SET a = x, b = y` again, for the batched UPDATE; nullopt when it cannot be
// repeated as written (multi-column or subscripted targets, the key itself).
std::optional<std::string> assignments_of(Node targets, const Column& key) {
    std::string assignments;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        Node target = targets.at(i).as("ResTarget");
        if (!target || target["indirection"].size() > 0 || target["val"].as("MultiAssignRef") ||
            target["name"].str() == key.name) {
            return std::nullopt;
        }
        const SqlText value = deparse_expression(target["val"]);
        if (!value.complete) {
            return std::nullopt;
        }
        assignments += (assignments.empty() ? "" : ", ") + quote_identifier(target["name"].str()) + " = " + value.text;
    }
    return assignments;
}

// The same change in committed batches: DELETE by ctid until nothing is left,
// UPDATE in key order (only with the schema, which names the key). An alias,
// ONLY, WITH, FROM/USING or RETURNING would change what the batches mean.
std::optional<FixPlan> batched_plan(const StatementContext& context, Node stmt, const QualifiedName& target) {
    Node relation = stmt["relation"];
    if (relation["alias"] || !relation["inh"].flag() || stmt["withClause"] || stmt["returningList"].size() > 0 ||
        stmt["fromClause"].size() > 0 || stmt["usingClause"].size() > 0) {
        return std::nullopt;
    }
    std::string sql;
    if (context.kind() == "DeleteStmt") {
        sql = batched_delete_sql(target, "");
    } else {
        const Relation* table = context.catalog().find_relation(target);
        const Column* key = table == nullptr ? nullptr : batch_key(*table);
        const std::optional<std::string> assignments =
            key == nullptr ? std::nullopt : assignments_of(stmt["targetList"], *key);
        if (!assignments) {
            return std::nullopt;
        }
        sql = batched_update_by_key_sql(target, *assignments, key->name, format_type(key->type));
    }
    return FixPlan{{FixPhase{"backfill", sql, true, true, ""}}};
}

void check(const StatementContext& context, FindingSink& sink) {
    Node stmt = context.node();
    const QualifiedName target = relation_name(stmt["relation"]);
    if (context.state().created_in_unit(target)) {
        return;
    }
    const std::string help = "backfill in batches of a few thousand rows by key range, committing between "
                             "batches, outside the migration's transaction";
    if (context.kind() == "UpdateStmt" || context.kind() == "DeleteStmt") {
        if (!touches_every_row(stmt["whereClause"])) {
            return;
        }
        const std::string verb = context.kind() == "UpdateStmt" ? "UPDATE" : "DELETE";
        sink.report(ReportedFinding{context.statement_span(),
                                    verb + " of every row of " + target.display() +
                                        " in one statement: each row stays locked and the whole table's WAL is "
                                        "written before it commits, and concurrent writers of those rows wait",
                                    help, batched_plan(context, stmt, target), std::nullopt});
        return;
    }
    Node select = stmt["selectStmt"].as("SelectStmt");
    if (!select || select["fromClause"].size() == 0) {
        return;
    }
    const std::vector<QualifiedName> sources = existing_sources(context, select["fromClause"]);
    if (sources.empty()) {
        return;
    }
    sink.report(ReportedFinding{context.statement_span(),
                                "INSERT INTO " + target.display() + " ... SELECT copies all of " +
                                    sources.front().display() +
                                    " in one statement and one transaction: a long write that holds its locks and "
                                    "WAL until it ends",
                                help, std::nullopt, std::nullopt});
}

}  // namespace

const Rule& unbatched_data_change() {
    static const Rule k_rule{
        RuleMeta{
            .id = "unbatched-data-change",
            .default_severity = Severity::warning,
            .summary = "A data change of a whole existing table inside a migration",
            .rationale = "UPDATE or DELETE without a WHERE, and INSERT ... SELECT from an existing table, touch "
                         "every row in one transaction: ROW EXCLUSIVE on the table, a row lock on every changed "
                         "row until commit (concurrent writers of those rows wait), and WAL for the whole table, "
                         "which also delays replicas. Any DDL in the same transaction holds its lock for as long.",
            .safe_alternative = "Backfill in batches by key range, committing between batches, outside the "
                                "migration's transaction (a script, a job, or a procedure that COMMITs per batch). "
                                "The fix plan is such a loop: for a DELETE always, for an UPDATE when the schema "
                                "names its single-column primary key or unique NOT NULL column.",
            .exceptions = "Tables created in the same migration; a WHERE that limits the rows.",
            .example_bad = "UPDATE users SET plan = 'free';",
            .example_good = "UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 10000 AND plan IS NULL;",
            .statement_kinds = {"UpdateStmt", "DeleteStmt", "InsertStmt"},
            .aliases = {"pgfence:update-in-migration", "pgfence:delete-without-where"},
            .fix = FixAvailability::sometimes,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
