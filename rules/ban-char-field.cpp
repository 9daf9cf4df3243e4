#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    for (const ColumnDefinition& column : column_definitions(context.kind(), context.node())) {
        if (column.type.name == "bpchar" && column.type.schema == "pg_catalog") {
            sink.report(ReportedFinding{column_span(context.statement(), column),
                                        "Column " + column.name + " of " + column.table.display() + " is " + column.type.display() + ": char(n) pads with spaces and is never faster than text",
                                        "use text (or varchar)", std::nullopt, std::nullopt});
        }
    }
}

}  // namespace

const Rule& ban_char_field() {
    static const Rule k_rule{
        RuleMeta{
            .id = "ban-char-field",
            .default_severity = Severity::hint,
            .summary = "char(n) columns pad values with spaces: use text",
            .rationale = "char(n) stores values blank-padded, compares them ignoring trailing spaces, and is no faster than text; changing it later rewrites the table.",
            .safe_alternative = "Use text, with a CHECK on length if needed.",
            .exceptions = "The internal single-byte type \"char\".",
            .example_bad = "CREATE TABLE countries (code char(2));",
            .example_good = "CREATE TABLE countries (code text CHECK (length(code) = 2));",
            .statement_kinds = {"CreateStmt", "AlterTableStmt"},
            .aliases = {"squawk:ban-char-field"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
