#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    const MigrationState& state = context.state();
    if (state.statement_timeout_set() || state.unguarded_slow_statement()) {
        return;
    }
    const std::vector<const RelationEffect*> slow = state.slow_work_on_existing(context.effects());
    if (slow.empty()) {
        return;
    }
    const RelationEffect& first = *slow.front();
    sink.report(ReportedFinding{
        context.statement_span(),
        std::string{"No statement_timeout is set before this statement "} + (first.rewrite ? "rewrites " : "scans ") +
            first.relation.display() + ", which takes time proportional to its size",
        "SET statement_timeout at the top of the migration so a slow statement is cancelled instead of "
        "holding its locks indefinitely",
        std::nullopt, std::nullopt});
}

}  // namespace

const Rule& require_statement_timeout() {
    static const Rule k_rule{
        RuleMeta{
            .id = "require-statement-timeout",
            .default_severity = Severity::hint,
            .enabled_by_default = false,
            .summary = "A statement scans or rewrites an existing table with no statement_timeout set",
            .rationale = "A scan or rewrite lasts as long as the table is large, holding its locks the whole "
                         "time. statement_timeout bounds the damage when the table turns out larger than "
                         "expected.",
            .safe_alternative = "SET statement_timeout at the top of the migration (0 only for online operations "
                                "such as CREATE INDEX CONCURRENTLY).",
            .exceptions = "statement_timeout set earlier in the session; tables created in the same migration.",
            .example_bad = "ALTER TABLE users ALTER COLUMN id TYPE bigint;",
            .example_good = "SET statement_timeout = '5min';\nALTER TABLE users ALTER COLUMN id TYPE bigint;",
            .statement_kinds = {},
            .aliases = {"squawk:require-statement-timeout", "pgfence:missing-statement-timeout"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
