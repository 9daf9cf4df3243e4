#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    for (const ColumnDefinition& column : column_definitions(context.kind(), context.node())) {
        if (column.type.name == "timestamp") {
            sink.report(ReportedFinding{column_span(context.statement(), column),
                                        "Column " + column.name + " of " + column.table.display() + " is " + column.type.display() + " without time zone: switching to timestamptz later rewrites the table unless the session runs in UTC",
                                        "use timestamptz", std::nullopt, std::nullopt});
        }
    }
}

}  // namespace

const Rule& prefer_timestamptz() {
    static const Rule k_rule{
        RuleMeta{
            .id = "prefer-timestamptz",
            .default_severity = Severity::hint,
            .summary = "timestamp without time zone: prefer timestamptz",
            .rationale = "timestamp drops the offset, so values are ambiguous across time zones and daylight saving. Converting to timestamptz later rewrites the table under ACCESS EXCLUSIVE unless the session TimeZone is UTC, and even then rebuilds its indexes.",
            .safe_alternative = "Use timestamptz.",
            .exceptions = "timestamptz columns.",
            .example_bad = "CREATE TABLE events (created_at timestamp);",
            .example_good = "CREATE TABLE events (created_at timestamptz);",
            .statement_kinds = {"CreateStmt", "AlterTableStmt"},
            .aliases = {"squawk:prefer-timestamptz", "squawk:prefer-timestamp-tz"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
