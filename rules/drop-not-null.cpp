#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    if (context.state().created_in_unit(table)) {
        return;
    }
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        if (command["subtype"].str() != "AT_DropNotNull") {
            continue;
        }
        sink.report(ReportedFinding{context.alter_subcommand_span(i),
                                    "DROP NOT NULL on " + table.display() + "." + std::string{command["name"].str()} +
                                        " lets NULLs in: code that assumes a value starts failing",
                                    "make sure every reader handles NULL before dropping the constraint",
                                    std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& drop_not_null() {
    static const Rule k_rule{
        RuleMeta{
            .id = "drop-not-null",
            .default_severity = Severity::hint,
            .summary = "Dropping NOT NULL breaks readers that assume a value",
            .rationale = "The change is instant (ACCESS EXCLUSIVE, catalog only), but readers written for a "
                         "NOT NULL column may crash or misbehave on the first NULL.",
            .safe_alternative = "Deploy readers that handle NULL first.",
            .exceptions = "Tables created in the same migration.",
            .example_bad = "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
            .example_good = "ALTER TABLE users ALTER COLUMN email SET DEFAULT '';",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"squawk:ban-drop-not-null"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
