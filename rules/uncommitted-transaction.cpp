#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// Judged once the unit has ended: only then is it known that no COMMIT came.
void finish(const UnitContext& unit, FindingSink& sink) {
    const MigrationState& state = unit.state();
    const auto begin = state.open_begin_span();
    if (!state.explicit_transaction() || !begin) {
        return;
    }
    sink.report(ReportedFinding{
        *begin,
        "BEGIN is never committed: the transaction is still open when the migration ends, so its changes are "
        "rolled back when the session closes, or kept open holding every lock it took",
        "end the migration with COMMIT;", std::nullopt, std::nullopt});
}

}  // namespace

const Rule& uncommitted_transaction() {
    static const Rule k_rule{
        RuleMeta{
            .id = "uncommitted-transaction",
            .default_severity = Severity::error,
            .summary = "A BEGIN with no COMMIT or ROLLBACK by the end of the migration",
            .rationale = "A transaction left open at the end of a file is not committed. psql -f and most "
                         "runners roll it back when the session closes, so the migration reports success while "
                         "its changes vanish; a runner that keeps the session (or a pooled connection) keeps "
                         "the transaction open instead, holding every lock the migration took, ACCESS "
                         "EXCLUSIVE ones included, so reads and writes on those tables wait until the "
                         "connection is closed.",
            .safe_alternative = "Close every explicit transaction in the file that opened it: end the migration "
                                "with COMMIT (or drop the BEGIN and let the runner wrap the file).",
            .exceptions = "A BEGIN inside the runner's own transaction (that is transaction-nesting); a file "
                          "without BEGIN; a transaction closed by COMMIT, END, ROLLBACK or ABORT.",
            .example_bad = "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;",
            .example_good = "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\nCOMMIT;",
            .statement_kinds = {"TransactionStmt"},
            .aliases = {"squawk:ban-uncommitted-transaction"},
            .fix = FixAvailability::none,
        },
        nullptr,
        &finish,
    };
    return k_rule;
}

}  // namespace migsafe::rules
