#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    for (const Node& item : context.node()["constraints"].items()) {
        Node constraint = item.as("Constraint");
        if (constraint["contype"].str() != "CONSTR_CHECK") {
            continue;
        }
        const LockMode mode = row_lock_mode("ALTER DOMAIN (checks columns)", RelationRole::dependent_table,
                                            Condition::none, context.pg_version());
        sink.report(ReportedFinding{
            context.span_from(constraint),
            "CREATE DOMAIN " + qualified_name(context.node()["domainname"]).display() +
                " has a CHECK constraint: changing it later scans every column of the domain in every table "
                "under " + std::string{sql_lock_name(mode)} + " lock, " + describe_blocking(mode),
            "put the CHECK on the columns (where it can be replaced NOT VALID), or keep the domain unconstrained",
            std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& ban_create_domain_with_constraint() {
    static const Rule k_rule{
        RuleMeta{
            .id = "ban-create-domain-with-constraint",
            .default_severity = Severity::hint,
            .summary = "Domain CHECK constraints are expensive to change later",
            .rationale = "A CHECK on a domain is validated on every use, and ALTER DOMAIN ADD CONSTRAINT scans "
                         "every column of that domain in every table under SHARE lock, blocking writes; adding "
                         "a column of a constrained domain rewrites the table.",
            .safe_alternative = "Put CHECK constraints on table columns, where they can be added NOT VALID and "
                                "validated without blocking writes.",
            .exceptions = "Domains without CHECK constraints (NOT NULL or a default only).",
            .example_bad = "CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);",
            .example_good = "CREATE DOMAIN positive_int AS integer;",
            .statement_kinds = {"CreateDomainStmt"},
            .aliases = {"squawk:ban-create-domain-with-constraint"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
