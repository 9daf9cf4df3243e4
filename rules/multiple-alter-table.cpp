#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// From PostgreSQL 12 a SET NOT NULL proven by a validated CHECK does not scan.
bool scans(const AlterScan& scan, int pg_version) { return !(scan.only_proven_set_not_null && pg_version >= 12); }

void check(const StatementContext& context, FindingSink& sink) {
    const auto current = context.state().alter_scan(context.statement(), context.effects());
    if (!current || !scans(*current, context.pg_version())) {
        return;
    }
    const QualifiedName table = relation_name(context.node()["relation"]);
    std::size_t earlier = 0;
    for (const AlterScan& scan : context.state().alter_scans(table)) {
        earlier += scans(scan, context.pg_version()) ? 1 : 0;
    }
    if (earlier == 0) {
        return;
    }
    sink.report(ReportedFinding{
        context.statement_span(),
        "This ALTER TABLE scans or rewrites " + table.display() + " again: " + std::to_string(earlier) +
            (earlier == 1 ? " earlier statement" : " earlier statements") +
            " of this migration already did, each under a lock that blocks writes",
        "combine the actions into one ALTER TABLE, separated by commas, so the table is scanned or rewritten once",
        std::nullopt, std::nullopt});
}

}  // namespace

const Rule& multiple_alter_table() {
    static const Rule k_rule{
        RuleMeta{
            .id = "multiple-alter-table",
            .default_severity = Severity::hint,
            .summary = "Several ALTER TABLE statements scan or rewrite the same table where one would do",
            .rationale = "Each ALTER TABLE that rewrites or scans a table does so on its own, under a lock that "
                         "blocks writes (ACCESS EXCLUSIVE for most actions). Actions combined in one ALTER TABLE "
                         "share a single pass over the table.",
            .safe_alternative = "Combine the actions into one ALTER TABLE statement, separated by commas.",
            .exceptions = "Tables created in the same migration; ALTER TABLE statements that neither scan nor "
                          "rewrite (e.g. ADD COLUMN without a volatile default).",
            .example_bad = "ALTER TABLE users ALTER COLUMN id TYPE bigint;\nALTER TABLE users ALTER COLUMN email "
                           "SET NOT NULL;",
            .example_good = "ALTER TABLE users ALTER COLUMN id TYPE bigint, ALTER COLUMN email SET NOT NULL;",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"eugene:W12"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
