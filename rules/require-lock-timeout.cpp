#include <algorithm>
#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    const MigrationState& state = context.state();
    // Reported once: at the first such statement since lock_timeout was last unset.
    if (state.lock_timeout_set() || state.unguarded_lock_statement()) {
        return;
    }
    const std::vector<const RelationEffect*> blocking = state.blocking_locks_on_existing(context.effects());
    if (blocking.empty()) {
        return;
    }
    const RelationEffect& strongest = **std::max_element(
        blocking.begin(), blocking.end(), [](const auto* a, const auto* b) { return a->mode < b->mode; });
    const std::string timeout = context.option_string("timeout");
    FixPlan plan;
    plan.phases.push_back(FixPhase{"switch",
                                   "SET lock_timeout = '" + timeout + "';\n" +
                                       std::string{context.text_of(context.statement_span())} + ";",
                                   false, !state.in_transaction(), ""});
    sink.report(ReportedFinding{
        context.statement_span(),
        "No lock_timeout is set before this statement takes " + std::string{sql_lock_name(strongest.mode)} +
            " lock on " + strongest.relation.display() + ": while it waits behind a long query, every later "
            "query on the table queues behind it (" + describe_blocking(strongest.mode) + ")",
        "add SET lock_timeout = '" + timeout + "'; at the top of the migration and retry it when it times out",
        plan, std::nullopt});
}

}  // namespace

const Rule& require_lock_timeout() {
    static const Rule k_rule{
        RuleMeta{
            .id = "require-lock-timeout",
            .default_severity = Severity::warning,
            .summary = "A statement takes a lock that blocks reads or writes with no lock_timeout set",
            .rationale = "A lock request waits behind every running query that holds a conflicting lock, and "
                         "every later query that conflicts with the request waits behind it. Without "
                         "lock_timeout, DDL that needs SHARE or ACCESS EXCLUSIVE on a busy table stops all "
                         "traffic to it for as long as the longest running query lasts.",
            .safe_alternative = "SET lock_timeout = '2s' (or lower) at the top of the migration, and retry the "
                                "migration when it times out.",
            .exceptions = "lock_timeout set earlier in the session or transaction (SET, SET LOCAL, set_config); "
                          "assume_lock_timeout in the config when the runner sets it; tables created in the "
                          "same migration; locks that block only schema changes.",
            .example_bad = "ALTER TABLE users ADD COLUMN plan text;",
            .example_good = "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN plan text;",
            .statement_kinds = {},
            .aliases = {"squawk:require-timeout-settings", "eugene:E9", "pgfence:missing-lock-timeout"},
            .fix = FixAvailability::always,
            .plan_only_sets_lock_timeout = true,
            .options = {RuleOption{"timeout", OptionType::string, std::string{"2s"},
                                   "the lock_timeout the help text and the fix suggest"}},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
