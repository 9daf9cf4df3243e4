#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    Node stmt = context.node();
    // subtype 'C': ADD CONSTRAINT. A NOT VALID constraint checks no existing rows.
    if (stmt["subtype"].str() != "C" || stmt["def"].as("Constraint")["skip_validation"].flag()) {
        return;
    }
    const LockMode mode = row_lock_mode("ALTER DOMAIN (checks columns)", RelationRole::dependent_table,
                                        Condition::none, context.pg_version());
    sink.report(ReportedFinding{
        context.statement_span(),
        "ALTER DOMAIN " + qualified_name(stmt["typeName"]).display() +
            " ADD CONSTRAINT checks every column of the domain in every table under " +
            std::string{sql_lock_name(mode)} + " lock, " + describe_blocking(mode) + " until the scan finishes",
        "add the constraint NOT VALID, then ALTER DOMAIN ... VALIDATE CONSTRAINT in a later transaction",
        std::nullopt, std::nullopt});
}

}  // namespace

const Rule& ban_alter_domain_with_add_constraint() {
    static const Rule k_rule{
        RuleMeta{
            .id = "ban-alter-domain-with-add-constraint",
            .default_severity = Severity::hint,
            .summary = "ALTER DOMAIN ADD CONSTRAINT scans every table using the domain under SHARE lock",
            .rationale = "Adding a constraint to a domain validates every column of that domain in every table, "
                         "holding SHARE on each (writes blocked) for the whole scan.",
            .safe_alternative = "Add it NOT VALID, then VALIDATE CONSTRAINT in a later transaction; or put the "
                                "CHECK on the table columns instead.",
            .exceptions = "ADD CONSTRAINT ... NOT VALID.",
            .example_bad = "ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);",
            .example_good = "ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;",
            .statement_kinds = {"AlterDomainStmt"},
            .aliases = {"squawk:ban-alter-domain-with-add-constraint"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
