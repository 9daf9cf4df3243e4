#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    for (const Node& item : context.node()["relations"].items()) {
        const QualifiedName table = relation_name(item.as("RangeVar"));
        if (context.state().is_new_table(table)) {
            continue;
        }
        const RelationEffect* effect = context.effects().find(table);
        if (effect == nullptr) {
            continue;
        }
        const BlockedWork blocked = blocked_work(effect->mode);
        if (!blocked.reads && !blocked.writes) {
            continue;  // ACCESS SHARE and ROW SHARE only keep schema changes out
        }
        sink.report(ReportedFinding{
            context.statement_span(),
            "LOCK TABLE " + table.display() + " takes " + std::string{sql_lock_name(effect->mode)} + " lock, " +
                describe_blocking(effect->mode) + " until the transaction ends",
            "take the weakest mode that protects the change, set a short lock_timeout first, and commit soon",
            std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& lock_table() {
    static const Rule k_rule{
        RuleMeta{
            .id = "lock-table",
            .default_severity = Severity::warning,
            .summary = "An explicit LOCK TABLE blocks the application for the rest of the transaction",
            .rationale = "LOCK TABLE without a mode takes ACCESS EXCLUSIVE, which blocks reads and writes; "
                         "SHARE and stronger modes block writes. The lock is held until the transaction ends, "
                         "and while it waits in the lock queue every later query on the table waits behind it.",
            .safe_alternative = "Use the weakest mode that protects the change (often none: the DDL takes its own "
                                "lock), with a short lock_timeout, and commit right after.",
            .exceptions = "IN ACCESS SHARE MODE and IN ROW SHARE MODE (they block only schema changes); tables "
                          "created in the same migration.",
            .example_bad = "BEGIN;\nLOCK TABLE accounts;\nUPDATE accounts SET plan = 'free' WHERE plan IS NULL;\n"
                           "COMMIT;",
            .example_good = "BEGIN;\nLOCK TABLE accounts IN ACCESS SHARE MODE;\nCOMMIT;",
            .statement_kinds = {"LockStmt"},
            .aliases = {"pgfence:lock-table"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
