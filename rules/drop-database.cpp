#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    sink.report(ReportedFinding{context.statement_span(),
                                "DROP DATABASE " + std::string{context.node()["dbname"].str()} +
                                    " destroys the whole database: no migration should do this",
                                "remove it from the migration; drop databases by hand, with a backup",
                                std::nullopt, std::nullopt});
}

}  // namespace

const Rule& drop_database() {
    static const Rule k_rule{
        RuleMeta{
            .id = "drop-database",
            .default_severity = Severity::error,
            .summary = "DROP DATABASE in a migration destroys all data",
            .rationale = "DROP DATABASE deletes every table and cannot be undone; run by a migration tool it "
                         "can reach a production database by accident.",
            .safe_alternative = "Never drop databases from migrations; do it by hand, after a backup.",
            .exceptions = "None.",
            .example_bad = "DROP DATABASE analytics;",
            .example_good = "DROP SCHEMA IF EXISTS scratch;",
            .statement_kinds = {"DropdbStmt"},
            .aliases = {"squawk:ban-drop-database"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
