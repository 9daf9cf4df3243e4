#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// PostgreSQL's name for an unnamed index on `table`: <table>_<columns>_idx.
std::string index_name(Node index, const std::string& table) {
    if (!index["idxname"].str().empty()) {
        return std::string{index["idxname"].str()};
    }
    std::string name = table;
    for (const Node& param : index["indexParams"].items()) {
        const std::string_view column = param.as("IndexElem")["name"].str();
        name += "_" + (column.empty() ? std::string{"expr"} : std::string{column});
    }
    return name + "_idx";
}

// The partition's index named after the parent's: the parent table's name swapped for the partition's.
std::string child_index_name(const std::string& parent_index, const std::string& parent, const std::string& partition) {
    if (parent_index.rfind(parent, 0) == 0) {
        return partition + parent_index.substr(parent.size());
    }
    return partition + "_" + parent_index;
}

// The parent index ON ONLY the parent, one concurrent build per known partition, then
// each attached, after which the parent index becomes valid.
FixPlan per_partition_plan(const StatementContext& context, const QualifiedName& parent, Node index) {
    const std::string head = index["unique"].flag() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    const std::string name = index_name(index, parent.name);
    const QualifiedName parent_index{parent.schema, name};
    // What follows the table name: USING, the column list, INCLUDE, WHERE, WITH ...
    std::string tail;
    if (const auto at = context.offset_of(index["relation"]); at) {
        const std::size_t base = context.statement_span().begin;
        const std::string& sql = context.statement().sql;
        tail = sql.substr(end_of_qualified_name(sql, *at - base, sql.size()));
    }
    FixPlan plan;
    const TableFacts* facts = context.state().table_facts(parent);
    std::vector<QualifiedName> partitions = facts != nullptr ? facts->partitions : std::vector<QualifiedName>{};
    if (const Relation* known = context.catalog().find_relation(parent); partitions.empty() && known != nullptr) {
        for (const Relation* partition : context.catalog().partitions_of(known->id)) {
            partitions.push_back(partition->qualified());
        }
    }
    plan.phases.push_back(FixPhase{"expand",
                                   head + "IF NOT EXISTS " + quote_identifier(name) + " ON ONLY " + quote_name(parent) +
                                       tail + ";",
                                   false, false,
                                   partitions.empty()
                                       ? "for each partition: CREATE INDEX CONCURRENTLY on it, then ALTER INDEX " +
                                             parent_index.display() + " ATTACH PARTITION <that index>"
                                       : ""});
    if (partitions.empty()) {
        return plan;
    }
    std::string builds;
    std::string attaches;
    for (const QualifiedName& partition : partitions) {
        const QualifiedName child{partition.schema, child_index_name(name, parent.name, partition.name)};
        builds += (builds.empty() ? "" : "\n") + head + "CONCURRENTLY IF NOT EXISTS " + quote_identifier(child.name) +
                  " ON " + quote_name(partition) + tail + ";";
        attaches += (attaches.empty() ? "" : "\n") + std::string{"ALTER INDEX "} + quote_name(parent_index) +
                    " ATTACH PARTITION " + quote_name(child) + ";";
    }
    plan.phases.push_back(FixPhase{"expand", builds, true, true, ""});
    plan.phases.push_back(FixPhase{"switch", attaches, true, false, ""});
    return plan;
}

void check(const StatementContext& context, FindingSink& sink) {
    Node stmt = context.node();
    if (context.kind() == "IndexStmt") {
        const QualifiedName table = relation_name(stmt["relation"]);
        if (!stmt["concurrent"].flag() || !context.is_partitioned(table)) {
            return;
        }
        sink.report(ReportedFinding{context.statement_span(),
                                    "CREATE INDEX CONCURRENTLY on partitioned table " + table.display() +
                                        " fails: PostgreSQL cannot build an index on a partitioned table concurrently",
                                    "create the index ON ONLY the parent, build it CONCURRENTLY on each partition, "
                                    "then ALTER INDEX ... ATTACH PARTITION each one",
                                    per_partition_plan(context, table, stmt), std::nullopt});
        return;
    }
    if (stmt["removeType"].str() != "OBJECT_INDEX" || !stmt["concurrent"].flag()) {
        return;
    }
    for (const Node& object : stmt["objects"].items()) {
        const QualifiedName index = qualified_name(object.as("List")["items"]);
        const auto table = context.table_of_index(index);
        if (!table || !context.is_partitioned(*table)) {
            continue;
        }
        FixPlan plan;
        plan.phases.push_back(FixPhase{"contract",
                                       "SET lock_timeout = '2s';\nDROP INDEX IF EXISTS " + quote_name(index) + ";",
                                       false, false, ""});
        sink.report(ReportedFinding{context.statement_span(),
                                    "DROP INDEX CONCURRENTLY of " + index.display() + " on partitioned table " +
                                        table->display() +
                                        " fails: PostgreSQL cannot drop a partitioned index concurrently",
                                    "drop it without CONCURRENTLY, with a short lock_timeout, when traffic is low",
                                    plan, std::nullopt});
    }
}

}  // namespace

const Rule& concurrently_on_partitioned_table() {
    static const Rule k_rule{
        RuleMeta{
            .id = "concurrently-on-partitioned-table",
            .default_severity = Severity::error,
            .summary = "CREATE or DROP INDEX CONCURRENTLY on a partitioned table fails at run time",
            .rationale = "PostgreSQL refuses CREATE INDEX CONCURRENTLY on a partitioned table (\"cannot create "
                         "index on partitioned table concurrently\") and DROP INDEX CONCURRENTLY of a partitioned "
                         "index (measured): the migration fails at deploy time.",
            .safe_alternative = "CREATE INDEX ... ON ONLY the parent (an invalid index, created at once), CREATE "
                                "INDEX CONCURRENTLY on each partition, then ALTER INDEX parent_index ATTACH "
                                "PARTITION each partition's index: the parent index becomes valid once all are "
                                "attached.",
            .exceptions = "Tables not known to be partitioned: migsafe knows a table is partitioned when CREATE "
                          "TABLE ... PARTITION BY appears earlier in the same migration.",
            .example_bad = "CREATE TABLE measurements (id bigint, taken_at date) PARTITION BY RANGE (taken_at);\n"
                           "CREATE INDEX CONCURRENTLY measurements_taken_at_idx ON measurements (taken_at);",
            .example_good = "CREATE TABLE measurements (id bigint, taken_at date) PARTITION BY RANGE (taken_at);\n"
                            "CREATE INDEX measurements_taken_at_idx ON ONLY measurements (taken_at);",
            .statement_kinds = {"IndexStmt", "DropStmt"},
            .aliases = {},
            .fix = FixAvailability::always,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
