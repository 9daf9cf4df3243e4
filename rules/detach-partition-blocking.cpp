#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName parent = relation_name(context.node()["relation"]);
    const RelationEffect* parent_effect = context.effects().find(parent);
    if (context.state().is_new_table(parent) || parent_effect == nullptr) {
        return;
    }
    const TableFacts* facts = context.state().table_facts(parent);
    const bool has_default = facts != nullptr && facts->default_partition;
    const std::vector<Node> commands = context.node()["cmds"].items();
    std::vector<std::size_t> detaches;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        if (command["subtype"].str() == "AT_DetachPartition" && !command["def"].as("PartitionCmd")["concurrent"].flag()) {
            detaches.push_back(i);
        }
    }
    for (std::size_t i : detaches) {
        const QualifiedName partition = relation_name(commands[i].as("AlterTableCmd")["def"].as("PartitionCmd")["name"]);
        std::string message = "DETACH PARTITION " + partition.display() + " takes " +
                              std::string{sql_lock_name(parent_effect->mode)} + " lock on " + parent.display();
        if (const RelationEffect* effect = context.effects().find(partition); effect != nullptr) {
            message += " and " + std::string{sql_lock_name(effect->mode)} + " on " + partition.display();
        }
        message += ", " + describe_blocking(parent_effect->mode) + " on every partition";
        if (has_default) {
            sink.report(ReportedFinding{context.alter_subcommand_span(i), message,
                                        "the parent has a DEFAULT partition, so DETACH ... CONCURRENTLY is not "
                                        "allowed: set a short lock_timeout and detach when traffic is low",
                                        std::nullopt, std::nullopt});
            continue;
        }
        FixPlan plan;
        if (const auto rest = context.without_subcommands(detaches); rest && i == detaches.front()) {
            plan.phases.push_back(FixPhase{"expand", *rest + ";", false, false, ""});
        }
        plan.phases.push_back(FixPhase{"contract",
                                       "ALTER TABLE " + quote_name(parent) + " DETACH PARTITION " +
                                           quote_name(partition) + " CONCURRENTLY;",
                                       true, true,
                                       "if it is interrupted, finish it with ALTER TABLE ... DETACH PARTITION ... "
                                       "FINALIZE"});
        sink.report(ReportedFinding{context.alter_subcommand_span(i), message,
                                    "use DETACH PARTITION ... CONCURRENTLY in a migration that runs outside a "
                                    "transaction",
                                    plan, std::nullopt});
    }
}

}  // namespace

const Rule& detach_partition_blocking() {
    static const Rule k_rule{
        RuleMeta{
            .id = "detach-partition-blocking",
            .default_severity = Severity::warning,
            .summary = "DETACH PARTITION without CONCURRENTLY locks the whole partitioned table",
            .rationale = "A plain DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned parent and on the "
                         "partition (measured), so reads and writes of every partition wait, and the lock request "
                         "queues behind every running query on the parent.",
            .safe_alternative = "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14 and later) in a "
                                "migration that runs outside a transaction: it takes SHARE UPDATE EXCLUSIVE and "
                                "waits for running queries instead of blocking them. Finish an interrupted detach "
                                "with DETACH PARTITION ... FINALIZE.",
            .exceptions = "Partitioned tables created earlier in the same migration; PostgreSQL before 14, which "
                          "has no concurrent form. With a DEFAULT partition it is reported without a fix, since "
                          "PostgreSQL then refuses the concurrent form.",
            .example_bad = "ALTER TABLE measurements DETACH PARTITION measurements_2020;",
            .example_good = "ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;",
            .statement_kinds = {"AlterTableStmt"},
            .min_pg = 14,
            .aliases = {"squawk:require-concurrent-partition-detach", "pgfence:detach-partition"},
            .fix = FixAvailability::sometimes,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
