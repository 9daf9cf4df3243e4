#include <regex>
#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// The statement with CONCURRENTLY (and IF NOT EXISTS for a named index) inserted.
std::string concurrent_form(const std::string& sql, bool named, bool has_if_not_exists) {
    static const std::regex k_create_index{R"(^(\s*CREATE\s+(?:UNIQUE\s+)?INDEX)(\s+))", std::regex::icase};
    std::string insertion = " CONCURRENTLY";
    if (named && !has_if_not_exists) {
        insertion += " IF NOT EXISTS";
    }
    return std::regex_replace(sql, k_create_index, "$1" + insertion + "$2", std::regex_constants::format_first_only);
}

void check(const StatementContext& context, FindingSink& sink) {
    Node index = context.node();
    if (index["concurrent"].flag()) {
        return;
    }
    const QualifiedName table = relation_name(index["relation"]);
    if (context.state().is_new_table(table) || context.is_partitioned(table)) {
        return;  // a partitioned parent refuses CONCURRENTLY: concurrently-on-partitioned-table's plan applies
    }
    const RelationEffect* effect = context.effects().target();
    if (effect == nullptr) {
        return;
    }
    const bool named = !index["idxname"].str().empty();
    FixPlan plan;
    plan.phases.push_back(FixPhase{"expand", concurrent_form(context.statement().sql, named,
                                                             index["if_not_exists"].flag()) + ";",
                                   true, true,
                                   "none; if the build fails, drop the INVALID index it leaves and run it again"});
    sink.report(ReportedFinding{
        context.statement_span(),
        "CREATE INDEX on existing table " + table.display() + " takes " + std::string{sql_lock_name(effect->mode)} +
            " lock, " + describe_blocking(effect->mode) + " until the index is built",
        "use CREATE INDEX CONCURRENTLY in a migration that runs outside a transaction",
        plan,
        std::nullopt});
}

}  // namespace

const Rule& require_concurrent_index_creation() {
    static const Rule k_rule{
        RuleMeta{
            .id = "require-concurrent-index-creation",
            .default_severity = Severity::error,
            .summary = "CREATE INDEX without CONCURRENTLY on an existing table blocks writes while it builds",
            .rationale = "A plain CREATE INDEX takes a SHARE lock on the table for the whole build, so every "
                         "INSERT, UPDATE and DELETE waits until the index is complete: minutes to hours on a "
                         "large table.",
            .safe_alternative = "Build it with CREATE INDEX CONCURRENTLY IF NOT EXISTS in a migration of its "
                                "own that the runner executes outside a transaction. If a concurrent build "
                                "fails it leaves an INVALID index: drop it and build again.",
            .exceptions = "Tables created earlier in the same migration and not filled since. Partitioned "
                          "parents, where CONCURRENTLY is not supported (build per partition and attach).",
            .example_bad = "CREATE INDEX users_email_idx ON users (email);",
            .example_good = "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);",
            .statement_kinds = {"IndexStmt"},
            .aliases = {"squawk:require-concurrent-index-creation", "eugene:E6", "strong_migrations:add_index"},
            .fix = FixAvailability::always,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
