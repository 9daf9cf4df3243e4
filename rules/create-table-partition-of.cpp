#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// "FOR VALUES ..." or "DEFAULT" as written: from the bound's location through its last parenthesized list.
std::optional<std::string> bound_sql(const StatementContext& context, Node bound) {
    const auto begin = context.offset_of(bound);
    if (!begin) {
        return std::nullopt;
    }
    if (bound["is_default"].flag()) {
        return std::string{"DEFAULT"};
    }
    // FROM (...) TO (...) has two lists; IN (...) and WITH (...) one.
    const int lists = bound["strategy"].str() == "r" ? 2 : 1;
    std::size_t end = *begin;
    for (int k = 0; k < lists; ++k) {
        const auto list = context.parenthesized_after(end);
        if (!list) {
            return std::nullopt;
        }
        end = list->end;
    }
    return "FOR VALUES " + std::string{context.text_of(ByteSpan{*begin, end})};
}

// The attach takes a weaker lock on the parent than PARTITION OF (PostgreSQL 12 and later).
bool attach_is_weaker(const StatementContext& context, LockMode partition_of_mode) {
    const LockTableRow* row = find_lock_row("ALTER TABLE ATTACH PARTITION", Condition::none, context.pg_version());
    if (row == nullptr) {
        return false;
    }
    for (const RoleLock& lock : row->locks) {
        if (lock.role == RelationRole::target) {
            return lock.mode < partition_of_mode;
        }
    }
    return false;
}

void check(const StatementContext& context, FindingSink& sink) {
    Node create = context.node();
    if (!create["partbound"] || create["inhRelations"].size() != 1) {
        return;
    }
    const QualifiedName table = relation_name(create["relation"]);
    const QualifiedName parent = relation_name(create["inhRelations"].at(0).as("RangeVar"));
    const RelationEffect* effect = context.effects().find(parent);
    if (context.state().created_in_unit(parent) || effect == nullptr) {
        return;
    }
    std::string message = "CREATE TABLE " + table.display() + " PARTITION OF " + parent.display() + " takes " +
                          std::string{sql_lock_name(effect->mode)} + " lock on " + parent.display() + ", " +
                          describe_blocking(effect->mode) + " on every partition";
    const TableFacts* facts = context.state().table_facts(parent);
    if (facts != nullptr && facts->default_partition) {
        message += ", and scans its DEFAULT partition " + facts->default_partition->display();
    }
    std::optional<FixPlan> plan;
    const auto bound = bound_sql(context, create["partbound"]);
    // Own columns, constraints or sub-partitioning would be lost by LIKE: no mechanical plan then.
    if (bound && create["tableElts"].size() == 0 && !create["partspec"] && attach_is_weaker(context, effect->mode)) {
        plan = FixPlan{};
        plan->phases.push_back(FixPhase{
            "expand",
            "CREATE TABLE " + std::string{create["if_not_exists"].flag() ? "IF NOT EXISTS " : ""} + quote_name(table) +
                " (LIKE " + quote_name(parent) + " INCLUDING ALL);\nALTER TABLE " + quote_name(parent) +
                " ATTACH PARTITION " + quote_name(table) + " " + *bound + ";",
            false, false, ""});
    }
    sink.report(ReportedFinding{context.statement_span(), message,
                                "create the table on its own with (LIKE parent INCLUDING ALL), then ATTACH "
                                "PARTITION it: the attach takes a weaker lock on the parent",
                                plan, std::nullopt});
}

}  // namespace

const Rule& create_table_partition_of() {
    static const Rule k_rule{
        RuleMeta{
            .id = "create-table-partition-of",
            .default_severity = Severity::warning,
            .summary = "CREATE TABLE ... PARTITION OF takes ACCESS EXCLUSIVE on the existing partitioned parent",
            .rationale = "Creating a partition in place takes ACCESS EXCLUSIVE on the partitioned parent "
                         "(measured; stronger than ATTACH PARTITION), so reads and writes of every partition "
                         "wait, and the request queues behind every running query on the parent. With a DEFAULT "
                         "partition, that one is scanned under the lock as well.",
            .safe_alternative = "CREATE TABLE new_partition (LIKE parent INCLUDING ALL), then ALTER TABLE parent "
                                "ATTACH PARTITION new_partition FOR VALUES ...: the attach takes only SHARE UPDATE "
                                "EXCLUSIVE on the parent (PostgreSQL 12 and later), and the new table is empty, so "
                                "nothing is scanned.",
            .exceptions = "Parents created earlier in the same migration.",
            .example_bad = "CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') "
                           "TO ('2025-01-01');",
            .example_good = "CREATE TABLE measurements_2024 (LIKE measurements INCLUDING ALL);",
            .statement_kinds = {"CreateStmt"},
            .aliases = {},
            .fix = FixAvailability::sometimes,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
