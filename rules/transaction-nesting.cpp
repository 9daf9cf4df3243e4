#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

bool opens(std::string_view kind) { return kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START"; }
bool closes(std::string_view kind) { return kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK"; }

std::string keyword(const StatementContext& context) {
    const std::string_view text = context.statement().sql;
    std::size_t end = 0;
    while (end < text.size() && ((text[end] >= 'A' && text[end] <= 'Z') || (text[end] >= 'a' && text[end] <= 'z'))) {
        ++end;
    }
    std::string word{text.substr(0, end)};
    for (char& c : word) {
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    return word == "START" ? "START TRANSACTION" : word;
}

// "the transaction goose wraps around the migration", or generic without a framework.
std::string runner_transaction(const MigrationState& state) {
    const UnitInfo& unit = state.unit();
    if (unit.framework == "plain" || unit.display.empty()) {
        return "the transaction the migration runner wraps around the file";
    }
    return "the transaction " + unit.display + " wraps around the migration";
}

void check(const StatementContext& context, FindingSink& sink) {
    const std::string_view kind = context.node()["kind"].str();
    const TransactionState transaction = context.state().transaction();
    const std::string statement = keyword(context);
    if (opens(kind) && transaction == TransactionState::explicit_block) {
        sink.report(ReportedFinding{
            context.statement_span(),
            statement + " while the transaction opened by an earlier BEGIN is still open: PostgreSQL only warns, "
                        "and the first COMMIT then ends both",
            "remove the inner " + statement + " (and its COMMIT), or COMMIT the first transaction before it",
            std::nullopt, std::nullopt});
    } else if (opens(kind) && transaction == TransactionState::runner_wrapper) {
        sink.report(ReportedFinding{
            context.statement_span(),
            statement + " inside " + runner_transaction(context.state()) +
                ": PostgreSQL only warns, and the COMMIT after it commits the runner's transaction early",
            "remove BEGIN and COMMIT from the file (the runner already wraps it), or configure the runner to run "
            "this migration without its transaction",
            std::nullopt, std::nullopt});
    } else if (closes(kind) && transaction == TransactionState::runner_wrapper) {
        const bool rollback = kind == "TRANS_STMT_ROLLBACK";
        sink.report(ReportedFinding{
            context.statement_span(),
            statement + " inside " + runner_transaction(context.state()) + " ends the runner's transaction early: " +
                (rollback ? std::string{"the statements before it are discarded while the runner records the "
                                        "migration as applied"}
                          : std::string{"the statements after it run without a transaction and the runner's own "
                                        "COMMIT finds none"}),
            "remove " + statement + " from the file, or configure the runner to run this migration without its "
                                    "transaction",
            std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& transaction_nesting() {
    static const Rule k_rule{
        RuleMeta{
            .id = "transaction-nesting",
            .default_severity = Severity::error,
            .summary = "BEGIN inside an open transaction, or COMMIT/ROLLBACK inside the runner's transaction",
            .rationale = "PostgreSQL has no nested transactions. A BEGIN while a transaction is open only draws the "
                         "warning \"there is already a transaction in progress\", so the first COMMIT ends the "
                         "outer transaction too. When the migration runner (Flyway, dbmate, goose, Alembic, a "
                         "framework's --assume-in-transaction) already wraps the file, the file's own COMMIT "
                         "commits the runner's transaction half-way: the statements after it run in autocommit, "
                         "each releasing its locks at once and none of them undone if a later one fails, and a "
                         "ROLLBACK silently discards the earlier statements while the runner records the "
                         "migration as applied.",
            .safe_alternative = "Let exactly one party own the transaction. Either remove BEGIN/COMMIT from the "
                                "file and let the runner wrap it, or tell the runner to run this migration "
                                "without its transaction (dbmate transaction:false, goose NO TRANSACTION, a "
                                "Flyway script of its own) and keep the file's BEGIN ... COMMIT. Never open a "
                                "second BEGIN before the first is committed.",
            .exceptions = "A single BEGIN ... COMMIT in a file the runner does not wrap; BEGIN in a file sent as "
                          "one multi-statement query (it turns the implicit transaction into an explicit one); "
                          "SAVEPOINT, RELEASE and ROLLBACK TO, which nest legitimately.",
            .example_bad = "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\nBEGIN;\n"
                           "ALTER TABLE orders ADD COLUMN note text;\nCOMMIT;",
            .example_good = "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\n"
                            "ALTER TABLE orders ADD COLUMN note text;\nCOMMIT;",
            .statement_kinds = {"TransactionStmt"},
            .aliases = {"squawk:transaction-nesting"},
            .fix = FixAvailability::none,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
