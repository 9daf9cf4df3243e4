#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    for (const ColumnDefinition& column : column_definitions(context.kind(), context.node())) {
        if (column.type.name == "varchar" && !column.type.modifiers.empty()) {
            sink.report(ReportedFinding{column_span(context.statement(), column),
                                        "Column " + column.name + " of " + column.table.display() + " is " + column.type.display() + ": shrinking the limit later rewrites the table, and every change of it is a migration",
                                        "use text, with a CHECK (length(" + column.name + ") <= n) added NOT VALID if a limit is needed", std::nullopt, std::nullopt});
        }
    }
}

}  // namespace

const Rule& prefer_text_field() {
    static const Rule k_rule{
        RuleMeta{
            .id = "prefer-text-field",
            .default_severity = Severity::hint,
            .summary = "varchar(n) columns: prefer text with a CHECK, whose limit can change without a rewrite",
            .rationale = "Lowering a varchar(n) limit rewrites the table under ACCESS EXCLUSIVE; a CHECK constraint on text can be replaced NOT VALID and validated without blocking writes.",
            .safe_alternative = "Use text, and if a limit is needed a CHECK (length(col) <= n) constraint.",
            .exceptions = "varchar without a length.",
            .example_bad = "CREATE TABLE users (name varchar(100));",
            .example_good = "CREATE TABLE users (name text CHECK (length(name) <= 100));",
            .statement_kinds = {"CreateStmt", "AlterTableStmt"},
            .aliases = {"squawk:prefer-text-field"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
