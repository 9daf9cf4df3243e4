#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// Work that takes time proportional to the data: scans, rewrites and row changes
// of existing tables (on a table created empty in this migration they are instant),
// and INSERT ... SELECT, which reads its source whatever the target.
bool takes_time(const StatementContext& context) {
    const std::string_view kind = context.kind();
    if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt" || kind == "CopyStmt") {
        const bool reads_query = kind == "InsertStmt" && context.node()["selectStmt"].as("SelectStmt")["fromClause"].size() > 0;
        return reads_query || context.state().is_existing_table(relation_name(context.node()["relation"]));
    }
    return !context.state().slow_work_on_existing(context.effects()).empty();
}

void check(const StatementContext& context, FindingSink& sink) {
    if (!context.state().in_transaction() || !takes_time(context)) {
        return;
    }
    std::string held;
    for (const HeldLock& lock : context.state().held_locks()) {
        if (lock.mode == LockMode::access_exclusive && !lock.on_new_table && lock.role != RelationRole::index &&
            lock.role != RelationRole::new_index) {
            held += (held.empty() ? "" : ", ") + lock.relation.display();
        }
    }
    if (held.empty()) {
        return;
    }
    sink.report(ReportedFinding{
        context.statement_span(),
        "This statement scans, rewrites or changes rows while the transaction still holds " +
            std::string{sql_lock_name(LockMode::access_exclusive)} + " lock on " + held + " from an earlier " +
            "statement: every query on " + held + " waits until the transaction ends",
        "commit right after the statement that takes the strong lock, or reorder so it comes last",
        std::nullopt, std::nullopt});
}

}  // namespace

const Rule& holding_access_exclusive() {
    static const Rule k_rule{
        RuleMeta{
            .id = "holding-access-exclusive",
            .default_severity = Severity::warning,
            .summary = "Slow work runs while the transaction already holds ACCESS EXCLUSIVE on an existing table",
            .rationale = "ACCESS EXCLUSIVE blocks every read and write of the table and is held until the "
                         "transaction ends. A later statement that scans, rewrites or changes rows stretches "
                         "that outage by its own duration.",
            .safe_alternative = "Commit right after the statement that takes ACCESS EXCLUSIVE (separate "
                                "migrations, or a COMMIT between), or reorder so the strong lock is taken last.",
            .exceptions = "Statements that only change the catalog (instant DDL) after the lock; locks on tables "
                          "created in the same migration.",
            .example_bad = "BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free' WHERE "
                           "plan IS NULL;\nCOMMIT;",
            .example_good = "BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nCOMMIT;\nUPDATE users SET plan = "
                            "'free' WHERE plan IS NULL;",
            .statement_kinds = {},
            .aliases = {"eugene:E4", "pgfence:statement-after-access-exclusive"},
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
