#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

bool is_system_schema(std::string_view schema) { return schema == "pg_catalog" || schema == "information_schema"; }

// Mode the lock table gives `role` for `form` (a relation the statement does not name).
LockMode documented_mode(std::string_view form, RelationRole role, int pg_version) {
    const LockTableRow* row = find_lock_row(form, Condition::none, pg_version);
    if (row == nullptr) {
        return LockMode::none;
    }
    for (const RoleLock& lock : row->locks) {
        if (lock.role == role) {
            return lock.mode;
        }
    }
    return LockMode::none;
}

std::string concurrent_form(Node reindex, std::string_view object, const std::string& name) {
    std::string options;
    for (const Node& param : reindex["params"].items()) {
        Node option = param.as("DefElem");
        if (iequals(option["defname"].str(), "verbose")) {
            options += std::string{options.empty() ? "" : ", "} + "VERBOSE";
        } else if (iequals(option["defname"].str(), "tablespace")) {
            options += std::string{options.empty() ? "" : ", "} + "TABLESPACE " +
                       quote_identifier(option["arg"].as("String")["sval"].str());
        }
    }
    return "REINDEX " + (options.empty() ? std::string{} : "(" + options + ") ") + std::string{object} +
           " CONCURRENTLY " + name + ";";
}

void check(const StatementContext& context, FindingSink& sink) {
    Node reindex = context.node();
    for (const Node& param : reindex["params"].items()) {
        if (iequals(param.as("DefElem")["defname"].str(), "concurrently")) {
            return;
        }
    }
    const std::string_view kind = reindex["kind"].str();
    const QualifiedName relation = relation_name(reindex["relation"]);
    const int pg = context.pg_version();
    const LockMode table_mode = documented_mode("REINDEX TABLE", RelationRole::target, pg);
    const LockMode index_mode = documented_mode("REINDEX TABLE", RelationRole::index, pg);
    std::string message;
    std::string object;
    std::string name;
    if (kind == "REINDEX_OBJECT_TABLE") {
        const RelationEffect* effect = context.effects().target();
        if (is_system_schema(relation.schema) || context.state().is_new_table(relation) || effect == nullptr) {
            return;
        }
        message = "REINDEX TABLE " + relation.display() + " takes " + std::string{sql_lock_name(effect->mode)} +
                  " lock on it, " + describe_blocking(effect->mode) + ", and " +
                  std::string{sql_lock_name(index_mode)} +
                  " on each index it rebuilds, so even reads that plan against the table wait";
        object = "TABLE";
        name = quote_name(relation);
    } else if (kind == "REINDEX_OBJECT_INDEX") {
        const RelationEffect* effect = context.effects().find(relation);
        const auto table = context.state().table_of_index(relation);
        if (is_system_schema(relation.schema) || (table && context.state().is_new_table(*table)) || effect == nullptr) {
            return;
        }
        message = "REINDEX INDEX " + relation.display() + " takes " + std::string{sql_lock_name(effect->mode)} +
                  " lock on the index and " +
                  std::string{sql_lock_name(documented_mode("REINDEX INDEX", RelationRole::target, pg))} +
                  " on its table, so writes, and reads that plan against the table, wait until it is rebuilt";
        object = "INDEX";
        name = quote_name(relation);
    } else if (kind == "REINDEX_OBJECT_SCHEMA" || kind == "REINDEX_OBJECT_DATABASE") {
        const std::string target{reindex["name"].str()};
        if (is_system_schema(target)) {
            return;
        }
        object = kind == "REINDEX_OBJECT_SCHEMA" ? "SCHEMA" : "DATABASE";
        message = "REINDEX " + object + " " + target + " rebuilds every index in it, taking " +
                  std::string{sql_lock_name(table_mode)} + " on each table (" + describe_blocking(table_mode) +
                  ") and " + std::string{sql_lock_name(index_mode)} + " on each index while it is rebuilt";
        name = quote_identifier(target);
    } else {
        return;  // REINDEX SYSTEM: system catalogs cannot be reindexed concurrently
    }
    FixPlan plan;
    plan.phases.push_back(FixPhase{"expand", concurrent_form(reindex, object, name), true, true,
                                   "none; if it fails, drop the leftover INVALID *_ccnew index and run it again"});
    sink.report(ReportedFinding{context.statement_span(), message,
                                "use REINDEX ... CONCURRENTLY in a migration that runs outside a transaction", plan,
                                std::nullopt});
}

}  // namespace

const Rule& require_concurrent_reindex() {
    static const Rule k_rule{
        RuleMeta{
            .id = "require-concurrent-reindex",
            .default_severity = Severity::error,
            .summary = "REINDEX without CONCURRENTLY blocks writes, and reads that use the table, while it rebuilds",
            .rationale = "REINDEX takes SHARE on the table, blocking writes, and ACCESS EXCLUSIVE on each index "
                         "it rebuilds. The planner opens every index of a table, so even plain reads of the "
                         "table wait for the whole rebuild (measured on PostgreSQL 15).",
            .safe_alternative = "REINDEX ... CONCURRENTLY (PostgreSQL 12 and later) in a migration that runs "
                                "outside a transaction: it builds a replacement index next to the old one and "
                                "swaps them with only brief locks.",
            .exceptions = "System catalogs (REINDEX SYSTEM, pg_catalog), which cannot be reindexed concurrently; "
                          "tables created earlier in the same migration; PostgreSQL 11, which has no concurrent "
                          "form.",
            .example_bad = "REINDEX INDEX users_email_idx;",
            .example_good = "REINDEX INDEX CONCURRENTLY users_email_idx;",
            .statement_kinds = {"ReindexStmt"},
            .min_pg = 12,
            .aliases = {"squawk:require-concurrent-reindex", "pgfence:reindex-non-concurrent"},
            .fix = FixAvailability::always,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
