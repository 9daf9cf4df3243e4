#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// The lock this transaction already holds on `table`, as the lock model recorded it.
LockMode held_mode(const MigrationState& state, const QualifiedName& table) {
    for (const HeldLock& held : state.held_locks()) {
        if (held.relation.key() == table.key()) {
            return held.mode;
        }
    }
    return LockMode::none;
}

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    if (!context.state().in_transaction() || context.state().is_new_table(table)) {
        return;
    }
    const LockMode held = held_mode(context.state(), table);
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        const std::string name{command["name"].str()};
        if (command["subtype"].str() != "AT_ValidateConstraint" ||
            !context.state().constraint_added_not_valid_in_transaction(table, name)) {
            continue;
        }
        std::string message = "VALIDATE CONSTRAINT " + name + " on " + table.display() +
                              " runs in the transaction that added it NOT VALID";
        if (held != LockMode::none) {
            message += ", so its scan runs while that transaction still holds " + std::string{sql_lock_name(held)} +
                       " on " + table.display() + ", " + describe_blocking(held);
        }
        FixPlan plan;
        plan.phases.push_back(FixPhase{"validate",
                                       "ALTER TABLE " + quote_name(table) + " VALIDATE CONSTRAINT " +
                                           quote_identifier(name) + ";",
                                       true, false, ""});
        sink.report(ReportedFinding{context.alter_subcommand_span(i), message,
                                    "commit the NOT VALID constraint first: validate it in a later migration",
                                    plan, std::nullopt});
    }
}

}  // namespace

const Rule& validate_in_same_transaction() {
    static const Rule k_rule{
        RuleMeta{
            .id = "validate-in-same-transaction",
            .default_severity = Severity::error,
            .summary = "VALIDATE CONSTRAINT in the transaction that added it NOT VALID scans under the strong lock",
            .rationale = "Adding a constraint NOT VALID takes ACCESS EXCLUSIVE (CHECK) or SHARE ROW EXCLUSIVE "
                         "(foreign key) and keeps it until the transaction ends. VALIDATE alone needs only SHARE "
                         "UPDATE EXCLUSIVE, but in the same transaction its full scan runs while the stronger "
                         "lock is still held, so NOT VALID bought nothing.",
            .safe_alternative = "Commit between the two: add the constraint NOT VALID in one migration and "
                                "validate it in a later one (or after COMMIT in a file that runs outside a "
                                "transaction).",
            .exceptions = "Validation in a later transaction; tables created earlier in the same migration.",
            .example_bad = "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT "
                           "VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\nCOMMIT;",
            .example_good = "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT "
                            "VALID;\nCOMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"strong_migrations:validate_check_constraint", "strong_migrations:validate_foreign_key",
                        "pgfence:not-valid-validate-same-tx"},
            .fix = FixAvailability::always,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
