#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// Rename and view in one transaction, so no query ever finds neither name; the
// view goes once the code uses the new name. security_invoker (PostgreSQL 15)
// keeps the table's row-level security and privileges in force through the view.
FixPlan compatibility_view_plan(const TableRename& rename, int pg_version) {
    const std::string old_name = quote_name(rename.from);
    const std::string new_name = quote_name(rename.to);
    const std::string options = pg_version >= 15 ? " WITH (security_invoker = true)" : "";
    FixPlan plan;
    plan.phases.push_back(FixPhase{
        "switch",
        "BEGIN;\nALTER TABLE " + old_name + " RENAME TO " + quote_identifier(rename.to.name) + ";\nCREATE VIEW " +
            old_name + options + " AS SELECT * FROM " + new_name + ";\nCOMMIT;",
        true, false,
        "deploy code that uses " + rename.to.display() + "; until then the view " + rename.from.display() +
            " serves the old code (simple views accept INSERT, UPDATE and DELETE)"});
    plan.phases.push_back(FixPhase{"contract", "DROP VIEW " + old_name + ";", true, false, ""});
    return plan;
}

// Judged at the end of the unit: the compatibility view comes after the rename.
void finish(const UnitContext& unit, FindingSink& sink) {
    for (const TableRename& rename : unit.state().table_renames()) {
        if (rename.compatibility_view) {
            continue;
        }
        sink.report(ReportedFinding{
            rename.span,
            "RENAME TO " + rename.to.name + " of existing table " + rename.from.display() +
                " breaks every running query that still uses the name " + rename.from.name,
            "in one transaction rename the table and CREATE VIEW " + quote_name(rename.from) +
                " AS SELECT * FROM " + quote_identifier(rename.to.name) +
                " (simple views are updatable); drop the view once no code uses the old name",
            compatibility_view_plan(rename, unit.pg_version()), std::nullopt, rename.statement});
    }
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
            .exceptions = "Tables created in the same migration; a view under the old name that reads the renamed "
                          "table, created later in the same migration.",
            .example_bad = "ALTER TABLE users RENAME TO accounts;",
            .example_good = "BEGIN;\n"
                            "ALTER TABLE users RENAME TO accounts;\n"
                            "CREATE VIEW users AS SELECT * FROM accounts;\n"
                            "COMMIT;",
            .statement_kinds = {"RenameStmt"},
            .aliases = {"squawk:renaming-table", "strong_migrations:rename_table"},
            .fix = FixAvailability::always,
        },
        nullptr,
        &finish,
    };
    return k_rule;
}

}  // namespace migsafe::rules
