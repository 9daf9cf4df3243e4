#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

FixPlan concurrent_drops(const std::vector<QualifiedName>& indexes) {
    std::string sql;
    for (const QualifiedName& index : indexes) {
        sql += (sql.empty() ? "" : "\n") + std::string{"DROP INDEX CONCURRENTLY IF EXISTS "} + quote_name(index) + ";";
    }
    FixPlan plan;
    plan.phases.push_back(FixPhase{"contract", sql, true, true, ""});
    return plan;
}

void check(const StatementContext& context, FindingSink& sink) {
    Node drop = context.node();
    if (drop["removeType"].str() != "OBJECT_INDEX" || drop["concurrent"].flag()) {
        return;
    }
    std::vector<QualifiedName> indexes;
    bool partitioned = false;
    for (const Node& object : drop["objects"].items()) {
        const QualifiedName index = qualified_name(object.as("List")["items"]);
        const auto table = context.table_of_index(index);
        if (table && context.state().is_new_table(*table)) {
            continue;
        }
        partitioned = partitioned || (table && context.is_partitioned(*table));
        indexes.push_back(index);
    }
    if (indexes.empty()) {
        return;
    }
    const RelationEffect* effect = context.effects().find(indexes.front());
    if (effect == nullptr) {
        return;
    }
    std::string names;
    for (const QualifiedName& index : indexes) {
        names += (names.empty() ? "" : ", ") + index.display();
    }
    std::string message = "DROP INDEX " + names + " takes " + std::string{sql_lock_name(effect->mode)} +
                          " lock on the index and its table, " + describe_blocking(effect->mode) +
                          " while it waits for running queries and drops the index";
    if (partitioned) {
        sink.report(ReportedFinding{context.statement_span(), message,
                                    "an index of a partitioned table cannot be dropped CONCURRENTLY: set a short "
                                    "lock_timeout and drop it when traffic is low",
                                    std::nullopt, std::nullopt});
        return;
    }
    if (drop["behavior"].str() == "DROP_CASCADE") {
        sink.report(ReportedFinding{context.statement_span(), message,
                                    "CONCURRENTLY cannot CASCADE: drop the dependent objects first, then use DROP "
                                    "INDEX CONCURRENTLY in a migration that runs outside a transaction",
                                    std::nullopt, std::nullopt});
        return;
    }
    sink.report(ReportedFinding{context.statement_span(), message,
                                "use DROP INDEX CONCURRENTLY IF EXISTS, one index per statement, in a migration that "
                                "runs outside a transaction",
                                concurrent_drops(indexes), std::nullopt});
}

}  // namespace

const Rule& require_concurrent_index_deletion() {
    static const Rule k_rule{
        RuleMeta{
            .id = "require-concurrent-index-deletion",
            .default_severity = Severity::warning,
            .summary = "DROP INDEX without CONCURRENTLY locks the table against reads and writes",
            .rationale = "A plain DROP INDEX takes ACCESS EXCLUSIVE on the index and on its table. The drop "
                         "itself is quick, but the lock request queues behind every running query on the table "
                         "and every later query, reads included, queues behind it.",
            .safe_alternative = "DROP INDEX CONCURRENTLY IF EXISTS, one index per statement, in a migration "
                                "that runs outside a transaction: it waits for running queries without blocking "
                                "new ones.",
            .exceptions = "Indexes of tables created earlier in the same migration. Indexes of partitioned "
                          "tables and drops with CASCADE are still reported, without a concurrent fix, since "
                          "PostgreSQL cannot drop those concurrently.",
            .example_bad = "DROP INDEX users_email_idx;",
            .example_good = "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;",
            .statement_kinds = {"DropStmt"},
            .aliases = {"squawk:require-concurrent-index-deletion", "pgfence:drop-index-not-concurrent"},
            .fix = FixAvailability::sometimes,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
