#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

bool is_table_lock(RelationRole role) { return role != RelationRole::index && role != RelationRole::new_index; }

void check(const StatementContext& context, FindingSink& sink) {
    const MigrationState& state = context.state();
    if (!state.in_transaction()) {
        return;
    }
    for (const RelationEffect& effect : context.effects().relations) {
        if (effect.mode != LockMode::access_exclusive || !is_table_lock(effect.role) ||
            !state.is_existing_relation(effect)) {
            continue;
        }
        std::string others;
        bool already_held = false;
        for (const HeldLock& lock : state.held_locks()) {
            if (lock.mode != LockMode::access_exclusive || lock.on_new_table || !is_table_lock(lock.role)) {
                continue;
            }
            if (lock.relation.key() == effect.relation.key()) {
                already_held = true;
            } else {
                others += (others.empty() ? "" : ", ") + lock.relation.display();
            }
        }
        if (already_held || others.empty()) {
            continue;
        }
        sink.report(ReportedFinding{
            context.statement_span(),
            "The transaction takes " + std::string{sql_lock_name(LockMode::access_exclusive)} + " lock on " +
                effect.relation.display() + " while it holds one on " + others +
                ": application transactions that lock them in the other order deadlock with it, and both tables "
                "are unavailable until it commits",
            "change one table per transaction (separate migrations, or COMMIT between them)", std::nullopt,
            std::nullopt});
        return;
    }
}

}  // namespace

const Rule& lock_order() {
    static const Rule k_rule{
        RuleMeta{
            .id = "lock-order",
            .default_severity = Severity::hint,
            .summary = "One transaction takes ACCESS EXCLUSIVE on two or more existing tables",
            .rationale = "Each ACCESS EXCLUSIVE lock is held until the transaction ends, so every table it "
                         "covers is unavailable for the whole transaction, and application transactions that "
                         "touch the same tables in another order can deadlock with the migration.",
            .safe_alternative = "Change one table per transaction: separate migrations, or a COMMIT between them.",
            .exceptions = "Tables created in the same migration; a second lock on the same table.",
            .example_bad = "BEGIN;\nALTER TABLE users DROP COLUMN legacy;\nALTER TABLE orders DROP COLUMN legacy;\n"
                           "COMMIT;",
            .example_good = "BEGIN;\nALTER TABLE users DROP COLUMN legacy;\nCOMMIT;\nBEGIN;\nALTER TABLE orders "
                            "DROP COLUMN legacy;\nCOMMIT;",
            .statement_kinds = {},
            .aliases = {"pgfence:wide-lock-window"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
