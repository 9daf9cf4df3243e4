#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    const bool cascade = context.node()["behavior"].str() == "DROP_CASCADE";
    for (const Node& item : context.node()["relations"].items()) {
        const QualifiedName table = relation_name(item.as("RangeVar"));
        if (context.state().created_in_unit(table)) {
            continue;
        }
        std::string message = "TRUNCATE " + table.display() + " deletes every row";
        if (const RelationEffect* effect = context.effects().find(table); effect != nullptr) {
            message += " under " + std::string{sql_lock_name(effect->mode)} + " lock, " +
                       describe_blocking(effect->mode);
        }
        if (cascade) {
            message += ", and CASCADE also empties every table whose foreign keys reference it";
        }
        sink.report(ReportedFinding{context.statement_span(), message,
                                    "delete in batches (DELETE ... WHERE id IN (SELECT ... LIMIT n)) outside the "
                                    "migration transaction, or keep a backup if emptying the table is intended",
                                    std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& truncate_table() {
    static const Rule k_rule{
        RuleMeta{
            .id = "truncate-table",
            .default_severity = Severity::error,
            .summary = "TRUNCATE loses every row of an existing table under ACCESS EXCLUSIVE",
            .rationale = "TRUNCATE takes ACCESS EXCLUSIVE, blocking reads and writes, and deletes all data at "
                         "once; with CASCADE it also empties every table whose foreign keys reference it, which "
                         "is easy to miss in review.",
            .safe_alternative = "Delete in batches outside the migration transaction; if the table must be "
                                "emptied, back it up first and name every table explicitly instead of CASCADE.",
            .exceptions = "Tables created in the same migration.",
            .example_bad = "TRUNCATE sessions CASCADE;",
            .example_good = "CREATE TABLE staging_import (id bigint);\nTRUNCATE staging_import;",
            .statement_kinds = {"TruncateStmt"},
            .aliases = {"squawk:ban-truncate-cascade"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
