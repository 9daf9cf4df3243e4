#include <optional>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/joined.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// Expand and contract: the new column is added and kept equal to the old one by
// a trigger both ways, while old and new code run side by side; the old column
// goes once no code uses it. The old column's default moves to the new one, so
// a row either code inserts gets one value in both.
std::optional<FixPlan> rename_plan(const StatementContext& context, const QualifiedName& table_name,
                                   const std::string& from, const std::string& to) {
    const Relation* table = context.catalog().find_relation(table_name);
    const Column* column = table != nullptr ? table->find_column(from) : nullptr;
    if (column == nullptr || column->type.empty() || column->identity != Identity::none ||
        !column->generated_sql.empty()) {
        return std::nullopt;  // the type (or how the column is filled) is unknown
    }
    const std::string t = quote_name(table_name);
    const std::string old_column = quote_identifier(from);
    const std::string new_column = quote_identifier(to);
    const std::string sync = quote_identifier(table_name.name + "_" + to + "_sync");
    std::string expand = "ALTER TABLE " + t + " ADD COLUMN " + new_column + " " + format_type(column->type) +
                         (column->collation.empty() ? "" : " COLLATE " + quote_identifier(column->collation)) + ";\n";
    if (!column->default_sql.empty()) {
        expand += "ALTER TABLE " + t + " ALTER COLUMN " + new_column + " SET DEFAULT " + column->default_sql +
                  ";\nALTER TABLE " + t + " ALTER COLUMN " + old_column + " DROP DEFAULT;\n";
    }
    expand += "CREATE FUNCTION " + sync + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
              "  IF TG_OP = 'INSERT' THEN\n"
              "    NEW." + new_column + " := COALESCE(NEW." + new_column + ", NEW." + old_column + ");\n"
              "    NEW." + old_column + " := COALESCE(NEW." + old_column + ", NEW." + new_column + ");\n"
              "  ELSIF NEW." + new_column + " IS DISTINCT FROM OLD." + new_column + " THEN\n"
              "    NEW." + old_column + " := NEW." + new_column + ";\n"
              "  ELSE\n"
              "    NEW." + new_column + " := NEW." + old_column + ";\n"
              "  END IF;\n  RETURN NEW;\nEND\n$$;\n"
              "CREATE TRIGGER " + sync + " BEFORE INSERT OR UPDATE ON " + t + "\n  FOR EACH ROW EXECUTE FUNCTION " +
              sync + "();";
    FixPlan plan;
    plan.phases.push_back(FixPhase{"expand", expand, true, false, ""});
    plan.phases.push_back(FixPhase{"backfill",
                                   batched_update_sql(table_name, new_column + " = " + old_column,
                                                      new_column + " IS NULL AND " + old_column + " IS NOT NULL"),
                                   true, true, ""});
    if (column->not_null) {
        plan.phases.push_back(not_null_through_check_phase(table_name, {to}, context.pg_version()));
    }
    std::vector<std::string> moved;
    for (const ColumnDependent& dependent : context.catalog().dependents_of(table->id, column->number)) {
        moved.push_back(context.catalog().describe(dependent));
    }
    plan.phases.back().deploy_before_next =
        "deploy code that reads and writes " + to + " (the trigger keeps " + from + " equal for the code still "
        "running)" + (moved.empty() ? std::string{} : "; recreate on " + to + " by hand: " + joined(moved, ", "));
    plan.phases.push_back(FixPhase{"contract",
                                   "DROP TRIGGER " + sync + " ON " + t + ";\nDROP FUNCTION " + sync +
                                       "();\nALTER TABLE " + t + " DROP COLUMN " + old_column + ";",
                                   true, false, ""});
    return plan;
}

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
        rename_plan(context, table, from, to), std::nullopt});
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
            .fix = FixAvailability::sometimes,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
