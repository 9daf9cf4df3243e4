#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// Why a CHECK the unit knows about does not spare the scan, if one would have.
std::string why_check_does_not_count(const StatementContext& context, const QualifiedName& table,
                                     const std::string& column, const std::set<std::string>& dropped) {
    const TableFacts* facts = context.state().table_facts(table);
    if (facts == nullptr) {
        return {};
    }
    for (const KnownCheck& check : facts->checks) {
        if (!check.facts.implies_not_null(column)) {
            continue;
        }
        if (context.pg_version() < 12) {
            return " (PostgreSQL " + std::to_string(context.pg_version()) + " ignores CHECK " + check.name +
                   "; version 12 would skip the scan)";
        }
        if (dropped.count(check.name) != 0) {
            return " (CHECK " + check.name + " is dropped in the same ALTER TABLE, so it no longer spares the scan)";
        }
        if (!check.validated) {
            return " (CHECK " + check.name + " is NOT VALID: validate it first)";
        }
    }
    return {};
}

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    const RelationEffect* effect = context.effects().target();
    if (context.node()["objtype"].str() != "OBJECT_TABLE" || context.state().is_new_table(table) ||
        effect == nullptr || !effect->scan) {
        return;
    }
    const std::vector<Node> commands = context.node()["cmds"].items();
    std::set<std::string> dropped;
    for (const Node& item : commands) {
        if (item.as("AlterTableCmd")["subtype"].str() == "AT_DropConstraint") {
            dropped.insert(std::string{item.as("AlterTableCmd")["name"].str()});
        }
    }
    // PostgreSQL 12+ skips the scan when a validated CHECK proves the column not null.
    const LockTableRow* proven =
        find_lock_row("ALTER TABLE SET NOT NULL", Condition::check_proves_not_null, context.pg_version());
    const bool proof_counts = proven != nullptr && std::none_of(proven->locks.begin(), proven->locks.end(),
                                                                [](const RoleLock& lock) { return lock.scan; });
    std::vector<std::size_t> offending;
    std::vector<std::string> columns;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        const std::string column{command["name"].str()};
        if (command["subtype"].str() != "AT_SetNotNull" ||
            (proof_counts && context.state().proves_not_null(table, column, dropped))) {
            continue;
        }
        offending.push_back(i);
        columns.push_back(column);
    }
    if (offending.empty()) {
        return;
    }
    FixPlan plan;
    if (const auto rest = context.without_subcommands(offending); rest) {
        plan.phases.push_back(FixPhase{"expand", *rest + ";", false, false, ""});
    }
    plan.phases.push_back(not_null_through_check_phase(table, columns, context.pg_version()));
    for (std::size_t k = 0; k < offending.size(); ++k) {
        sink.report(ReportedFinding{
            context.alter_subcommand_span(offending[k]),
            "ALTER COLUMN " + columns[k] + " SET NOT NULL on existing table " + table.display() + " takes " +
                std::string{sql_lock_name(effect->mode)} + " lock, " + describe_blocking(effect->mode) +
                ", while it scans every row" + why_check_does_not_count(context, table, columns[k], dropped),
            "add CHECK (" + quote_identifier(columns[k]) + " IS NOT NULL) NOT VALID, VALIDATE it in another "
            "transaction, then SET NOT NULL (no scan) and drop the CHECK in a separate statement",
            k == 0 ? std::optional<FixPlan>{plan} : std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& set_not_null() {
    static const Rule k_rule{
        RuleMeta{
            .id = "set-not-null",
            .default_severity = Severity::error,
            .summary = "SET NOT NULL on an existing table scans every row under ACCESS EXCLUSIVE",
            .rationale = "ALTER COLUMN ... SET NOT NULL takes ACCESS EXCLUSIVE on the table and keeps it while "
                         "it scans every row for NULLs, so reads and writes wait for a full scan. From "
                         "PostgreSQL 12 the scan is skipped when a validated CHECK constraint already proves "
                         "the column is not null.",
            .safe_alternative = "Add CHECK (col IS NOT NULL) NOT VALID (brief lock, no scan), VALIDATE CONSTRAINT "
                                "in another transaction (scans without blocking reads or writes), then SET NOT "
                                "NULL, which now skips the scan, and drop the CHECK in a separate statement: "
                                "dropped in the same ALTER TABLE, the scan comes back.",
            .exceptions = "PostgreSQL 12 or later with a validated CHECK known from earlier statements that "
                          "implies col IS NOT NULL (the check itself, or an AND containing it; not an OR, not NOT "
                          "VALID, not dropped in the same statement); tables created earlier in the same "
                          "migration and not filled since.",
            .example_bad = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
            .example_good = "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT "
                            "VALID;",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"squawk:adding-not-nullable-field", "eugene:E2", "strong_migrations:change_column_null"},
            .fix = FixAvailability::always,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
