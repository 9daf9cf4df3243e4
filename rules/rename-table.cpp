#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    Node stmt = context.node();
    if (stmt["renameType"].str() != "OBJECT_TABLE") {
        return;
    }
    const QualifiedName table = relation_name(stmt["relation"]);
    if (context.state().created_in_unit(table)) {
        return;
    }
    const std::string to{stmt["newname"].str()};
    sink.report(ReportedFinding{
        context.statement_span(),
        "RENAME TO " + to + " of existing table " + table.display() +
            " breaks every running query that still uses the name " + table.name,
        "in one transaction rename the table and CREATE VIEW " + quote_name(table) + " AS SELECT * FROM " +
            quote_identifier(to) + " (simple views are updatable); drop the view once no code uses the old name",
        std::nullopt, std::nullopt});
}

}  // namespace

const Rule& rename_table() {
    static const Rule k_rule{
        RuleMeta{
            .id = "rename-table",
            .default_severity = Severity::warning,
            .summary = "Renaming a table breaks application code that uses the old name",
            .rationale = "The rename is catalog-only (ACCESS EXCLUSIVE, brief), but every application instance "
                         "still running the old code fails on the old name until all are redeployed.",
            .safe_alternative = "Rename the table and, in the same transaction, create an updatable view under "
                                "the old name; drop the view after the code has switched.",
            .exceptions = "Tables created in the same migration.",
            .example_bad = "ALTER TABLE users RENAME TO accounts;",
            .example_good = "CREATE TABLE accounts (id bigint);",
            .statement_kinds = {"RenameStmt"},
            .aliases = {"squawk:renaming-table", "strong_migrations:rename_table"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
