#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    if (context.state().created_in_unit(table)) {
        return;  // no running code knows a column of a table this migration created
    }
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        if (command["subtype"].str() != "AT_DropColumn") {
            continue;
        }
        std::string message = "DROP COLUMN " + std::string{command["name"].str()} + " of " + table.display() +
                              " breaks application code that still reads or writes it";
        if (const RelationEffect* effect = context.effects().target(); effect != nullptr) {
            message += ", and takes " + std::string{sql_lock_name(effect->mode)} + " lock on the table";
        }
        sink.report(ReportedFinding{context.alter_subcommand_span(i), message,
                                    "stop reading and writing the column in the application (e.g. the ORM's "
                                    "ignored columns), deploy, then drop it in a later migration",
                                    std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& drop_column() {
    static const Rule k_rule{
        RuleMeta{
            .id = "drop-column",
            .default_severity = Severity::warning,
            .summary = "Dropping a column breaks application code that still uses it",
            .rationale = "Running application instances keep reading and writing the column until the new code is "
                         "deployed everywhere; once it is gone their queries fail. ORMs that list every column "
                         "in SELECT or INSERT fail even if the code never uses it. The drop itself takes ACCESS "
                         "EXCLUSIVE, briefly.",
            .safe_alternative = "First deploy code that no longer uses the column (tell the ORM to ignore it), "
                                "then drop it in a later migration with a short lock_timeout.",
            .exceptions = "Tables created in the same migration.",
            .example_bad = "ALTER TABLE users DROP COLUMN legacy_flag;",
            .example_good = "ALTER TABLE users ADD COLUMN flags integer;",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"squawk:ban-drop-column", "strong_migrations:remove_column"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
