#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    for (const ColumnDefinition& column : column_definitions(context.kind(), context.node())) {
        if (column.type.name == "json") {
            sink.report(ReportedFinding{column_span(context.statement(), column),
                                        "Column " + column.name + " of " + column.table.display() + " is json: it has no equality operator, so DISTINCT, GROUP BY and UNION on it fail, and it cannot be indexed with GIN",
                                        "use jsonb", std::nullopt, std::nullopt});
        }
    }
}

}  // namespace

const Rule& prefer_jsonb() {
    static const Rule k_rule{
        RuleMeta{
            .id = "prefer-jsonb",
            .default_severity = Severity::hint,
            .summary = "json columns lack equality and GIN indexing: prefer jsonb",
            .rationale = "json keeps the text as written and has no equality operator: DISTINCT, GROUP BY, UNION and many ORMs fail on it; changing to jsonb later rewrites the table.",
            .safe_alternative = "Use jsonb.",
            .exceptions = "jsonb columns.",
            .example_bad = "CREATE TABLE events (payload json);",
            .example_good = "CREATE TABLE events (payload jsonb);",
            .statement_kinds = {"CreateStmt", "AlterTableStmt"},
            .aliases = {"eugene:E3", "strong_migrations:add_json_column"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
