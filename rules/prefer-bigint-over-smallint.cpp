#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    for (const ColumnDefinition& column : column_definitions(context.kind(), context.node())) {
        if ((column.type.name == "int2" || column.type.name == "smallserial" || column.type.name == "serial2") && column.is_key) {
            sink.report(ReportedFinding{column_span(context.statement(), column),
                                        "Key column " + column.name + " of " + column.table.display() + " is " + column.type.display() + ": a 16-bit key runs out after 32,767 values, and widening it later rewrites the table",
                                        "use bigint for key columns", std::nullopt, std::nullopt});
        }
    }
}

}  // namespace

const Rule& prefer_bigint_over_smallint() {
    static const Rule k_rule{
        RuleMeta{
            .id = "prefer-bigint-over-smallint",
            .default_severity = Severity::hint,
            .summary = "Primary-key and foreign-key columns of type smallint run out quickly; widening later is a rewrite",
            .rationale = "A smallint key holds at most 32,767 values. Widening it later is ALTER COLUMN TYPE: a rewrite under ACCESS EXCLUSIVE of the table and of every table referencing it.",
            .safe_alternative = "Declare key columns bigint.",
            .exceptions = "Non-key columns.",
            .example_bad = "CREATE TABLE regions (id smallint PRIMARY KEY);",
            .example_good = "CREATE TABLE regions (id bigint PRIMARY KEY);",
            .statement_kinds = {"CreateStmt", "AlterTableStmt"},
            .aliases = {"squawk:prefer-bigint-over-smallint"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
