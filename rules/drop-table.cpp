#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    if (context.node()["removeType"].str() != "OBJECT_TABLE") {
        return;
    }
    for (const Node& object : context.node()["objects"].items()) {
        const QualifiedName table = qualified_name(object.as("List")["items"]);
        if (context.state().created_in_unit(table)) {
            continue;
        }
        std::string message = "DROP TABLE " + table.display() +
                              " deletes its data and breaks application code that still uses it";
        if (const RelationEffect* effect = context.effects().find(table); effect != nullptr) {
            message += "; it takes " + std::string{sql_lock_name(effect->mode)} +
                       " lock on it and on the tables its foreign keys reference";
        }
        sink.report(ReportedFinding{context.statement_span(), message,
                                    "stop using the table in the application and keep a backup; drop its foreign "
                                    "keys first in short transactions, then the table",
                                    std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& drop_table() {
    static const Rule k_rule{
        RuleMeta{
            .id = "drop-table",
            .default_severity = Severity::warning,
            .summary = "Dropping an existing table loses its data and breaks code that still uses it",
            .rationale = "DROP TABLE is irreversible, fails queries of application instances not yet "
                         "redeployed, and takes ACCESS EXCLUSIVE on the table and on every table its foreign keys "
                         "reference (measured), so it queues behind and blocks traffic on those tables too.",
            .safe_alternative = "Stop using the table, deploy, back it up; drop its foreign keys first in short "
                                "transactions with lock_timeout, then the table.",
            .exceptions = "Tables created in the same migration.",
            .example_bad = "DROP TABLE legacy_sessions;",
            .example_good = "CREATE TABLE scratch (id bigint);\nDROP TABLE scratch;",
            .statement_kinds = {"DropStmt"},
            .aliases = {"squawk:ban-drop-table"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
