#include <string>
#include <vector>

#include "migsafe/ast.hpp"
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
                                    help, std::nullopt, std::nullopt});
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
                                "migration's transaction (a script, a job, or a procedure that COMMITs per batch).",
            .exceptions = "Tables created in the same migration; a WHERE that limits the rows.",
            .example_bad = "UPDATE users SET plan = 'free';",
            .example_good = "UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 10000 AND plan IS NULL;",
            .statement_kinds = {"UpdateStmt", "DeleteStmt", "InsertStmt"},
            .aliases = {"pgfence:update-in-migration", "pgfence:delete-without-where"},
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
