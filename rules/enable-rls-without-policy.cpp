#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// Judged once the unit has ended: a policy created after the ENABLE in the same
// migration is in place before any application query sees the table.
void finish(const UnitContext& unit, FindingSink& sink) {
    if (unit.state().unit().down) {
        return;  // the catalog follows up migrations only
    }
    for (const RowSecurityEnabling& enabling : unit.state().row_security_enablings()) {
        const Relation* table = unit.catalog().find_relation(enabling.table);
        if (table != nullptr && (!table->row_security || !table->policies.empty())) {
            continue;
        }
        sink.report(ReportedFinding{
            enabling.span,
            "row-level security is enabled on " + enabling.table.display() +
                ", which has no policy: every query by a role other than the owner (or one with BYPASSRLS) "
                "sees no rows, and its inserts, updates and deletes fail",
            "create the table's policies (CREATE POLICY ... ON " + enabling.table.display() +
                ") before or in the same migration as ENABLE ROW LEVEL SECURITY",
            std::nullopt, std::nullopt, enabling.statement});
    }
}

}  // namespace

const Rule& enable_rls_without_policy() {
    static const Rule k_rule{
        RuleMeta{
            .id = "enable-rls-without-policy",
            .default_severity = Severity::error,
            .summary = "ENABLE ROW LEVEL SECURITY on a table with no policy hides every row from the application",
            .rationale = "With row-level security enabled and no policy, PostgreSQL applies a default-deny "
                         "policy: every role except the table's owner, superusers and roles with BYPASSRLS sees "
                         "no rows, and its INSERT, UPDATE and DELETE fail. When the application connects as "
                         "such a role, it loses its data the moment the migration commits.",
            .safe_alternative = "Create the policies first (earlier migration or earlier in this one), then "
                                "enable row-level security; or create them in the same transaction.",
            .exceptions = "A table with a policy from the schema (--schema, --history or earlier migrations of "
                          "the run) or created anywhere in the same migration; row-level security disabled "
                          "again before the migration ends; down migrations.",
            .example_bad = "ALTER TABLE documents ENABLE ROW LEVEL SECURITY;",
            .example_good = "CREATE POLICY documents_owner ON documents USING (owner_id = "
                            "current_setting('app.user_id')::bigint);\n"
                            "ALTER TABLE documents ENABLE ROW LEVEL SECURITY;",
            .statement_kinds = {"AlterTableStmt"},
            .fix = FixAvailability::none,
        },
        nullptr,
        &finish,
    };
    return k_rule;
}

}  // namespace migsafe::rules
