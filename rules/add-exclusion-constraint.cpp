#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    const RelationEffect* effect = context.effects().target();
    if (context.node()["objtype"].str() != "OBJECT_TABLE" || context.state().is_new_table(table) ||
        effect == nullptr) {
        return;
    }
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        Node constraint = command["def"].as("Constraint");
        if (command["subtype"].str() != "AT_AddConstraint" || constraint["contype"].str() != "CONSTR_EXCLUSION") {
            continue;
        }
        const std::string_view name = constraint["conname"].str();
        sink.report(ReportedFinding{
            context.alter_subcommand_span(i),
            "ADD CONSTRAINT " + (name.empty() ? std::string{} : std::string{name} + " ") + "EXCLUDE on existing table " +
                table.display() + " builds its index under " + std::string{sql_lock_name(effect->mode)} + " lock, " +
                describe_blocking(effect->mode) + (effect->scan ? ", while it scans every row" : "") +
                "; PostgreSQL has no concurrent way to add it",
            "schedule a maintenance window with a short lock_timeout, or build a new table with the constraint and "
            "copy the rows over",
            std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& add_exclusion_constraint() {
    static const Rule k_rule{
        RuleMeta{
            .id = "add-exclusion-constraint",
            .default_severity = Severity::error,
            .summary = "An EXCLUDE constraint added to an existing table builds its index under ACCESS EXCLUSIVE",
            .rationale = "ADD CONSTRAINT ... EXCLUDE takes ACCESS EXCLUSIVE on the table and builds the "
                         "constraint's index while holding it, so reads and writes wait for a full scan. Unlike "
                         "UNIQUE, an exclusion constraint cannot adopt an index built concurrently.",
            .safe_alternative = "There is no online form: schedule a maintenance window with a short lock_timeout "
                                "and retries, or create a new table with the constraint, copy the rows in "
                                "batches and swap the tables.",
            .exceptions = "Tables created earlier in the same migration and not filled since.",
            .example_bad = "ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id "
                           "WITH =, during WITH &&);",
            .example_good = "CREATE TABLE bookings_new (LIKE bookings INCLUDING ALL, EXCLUDE USING gist (room_id "
                            "WITH =, during WITH &&));",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"strong_migrations:add_exclusion_constraint", "eugene:E8"},
            .fix = FixAvailability::none,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
