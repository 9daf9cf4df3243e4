#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/framework.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

std::string which_transaction(const MigrationState& state) {
    switch (state.transaction()) {
        case TransactionState::explicit_block: return "the transaction opened by an explicit BEGIN";
        case TransactionState::runner_wrapper:
            return state.unit().wrapper.empty() ? "the transaction the migration runner wraps around the file"
                                                : state.unit().wrapper;
        case TransactionState::implicit_query:
            return state.unit().wrapper.empty()
                       ? "the implicit transaction of a file sent as one multi-statement query"
                       : state.unit().wrapper;
        case TransactionState::do_block: return "the transaction PostgreSQL runs the DO block in";
        case TransactionState::none: break;
    }
    return "a transaction";
}

void check(const StatementContext& context, FindingSink& sink) {
    if (!context.effects().requires_no_transaction || !context.state().in_transaction()) {
        return;
    }
    std::string help = context.state().unit().opt_out.empty()
                           ? "move it to a migration of its own that runs without a transaction"
                           : context.state().unit().opt_out;
    if (context.state().transaction() == TransactionState::explicit_block) {
        // Sqitch scripts and Alembic or Django output frame each migration with their own
        // BEGIN: their opt-out is the fix. Elsewhere the BEGIN is the author's.
        const FrameworkInfo* framework = find_framework(context.state().unit().framework);
        const bool tool_framing = framework != nullptr && framework->mode == TransactionMode::none;
        help = tool_framing && !context.state().unit().opt_out.empty()
                   ? context.state().unit().opt_out
                   : "run it after COMMIT, outside the BEGIN ... COMMIT block, in a migration that runs without a "
                     "transaction";
    }
    sink.report(ReportedFinding{context.statement_span(),
                                context.effects().summary + " cannot run inside a transaction block, and here it "
                                                            "runs inside " + which_transaction(context.state()),
                                help, std::nullopt, std::nullopt});
}

}  // namespace

const Rule& concurrently_in_transaction() {
    static const Rule k_rule{
        RuleMeta{
            .id = "concurrently-in-transaction",
            .default_severity = Severity::error,
            .summary = "A statement PostgreSQL refuses inside a transaction block runs inside one",
            .rationale = "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION CONCURRENTLY, "
                         "VACUUM, CREATE DATABASE and ALTER SYSTEM fail with \"cannot run inside a transaction "
                         "block\" when an explicit BEGIN, the migration runner, or a multi-statement query "
                         "string wraps them: the migration fails at deploy time.",
            .safe_alternative = "Put the statement in a migration of its own that the runner executes without a "
                                "transaction (dbmate transaction:false, goose NO TRANSACTION, a Flyway script "
                                "holding only non-transactional statements, golang-migrate: alone in its file).",
            .exceptions = "Statements that run outside any transaction.",
            .example_bad = "BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;",
            .example_good = "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
            .statement_kinds = {},
            .aliases = {"squawk:ban-concurrent-index-creation-in-transaction", "atlas:PG103"},
            .fix = FixAvailability::none,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
