#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    Node stmt = context.node();
    if (stmt["renameType"].str() != "OBJECT_COLUMN" || stmt["relationType"].str() != "OBJECT_TABLE") {
        return;
    }
    const QualifiedName table = relation_name(stmt["relation"]);
    if (context.state().created_in_unit(table)) {
        return;
    }
    const std::string from{stmt["subname"].str()};
    const std::string to{stmt["newname"].str()};
    sink.report(ReportedFinding{
        context.statement_span(),
        "RENAME COLUMN " + from + " TO " + to + " on existing table " + table.display() +
            " breaks every running query that still uses " + from,
        "add " + to + " as a new column kept in sync by a trigger, backfill, switch the code, then drop " + from +
            "; or rename only in the application's mapping",
        std::nullopt, std::nullopt});
}

}  // namespace

const Rule& rename_column() {
    static const Rule k_rule{
        RuleMeta{
            .id = "rename-column",
            .default_severity = Severity::warning,
            .summary = "Renaming a column breaks application code that uses the old name",
            .rationale = "The rename is catalog-only (ACCESS EXCLUSIVE, brief) on every PostgreSQL version, but "
                         "application instances still running the old code fail on the old name until they are "
                         "all redeployed.",
            .safe_alternative = "Add the new column, keep both in sync with a trigger, backfill, switch the code "
                                "to the new name, then drop the old column; or keep the database name and rename "
                                "only in the ORM mapping.",
            .exceptions = "Tables created in the same migration.",
            .example_bad = "ALTER TABLE users RENAME COLUMN name TO full_name;",
            .example_good = "ALTER TABLE users ADD COLUMN full_name text;",
            .statement_kinds = {"RenameStmt"},
            .aliases = {"squawk:renaming-column", "strong_migrations:rename_column"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
