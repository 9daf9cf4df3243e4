#include <set>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/check_facts.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

std::string lock_text(LockMode mode) { return std::string{sql_lock_name(mode)} + " lock"; }

// The parent's single plain key column, when the unit created the parent.
// The parent's one plain key column, as this unit or the schema declares it.
std::optional<std::string> single_key(const StatementContext& context, const QualifiedName& parent) {
    if (const TableFacts* facts = context.state().table_facts(parent); facts != nullptr && facts->partitioned) {
        return facts->partition_key.size() == 1 ? std::optional{facts->partition_key.front()} : std::nullopt;
    }
    const Relation* known = context.catalog().find_relation(parent);
    if (known == nullptr || !known->partitioning || known->partitioning->key_columns.size() != 1) {
        return std::nullopt;
    }
    const Column* column = known->column(known->partitioning->key_columns.front());  // 0: an expression
    return column != nullptr ? std::optional{column->name} : std::nullopt;
}

// A validated CHECK of `partition` known to prove `bound`. Without the parent's key, any
// column the CHECK pins to exactly the bound counts: such a CHECK is written for the key.
bool bound_proven(const MigrationState& state, const QualifiedName& partition, const PartitionBound& bound,
                  const std::optional<std::string>& key) {
    const TableFacts* facts = state.table_facts(partition);
    if (facts == nullptr) {
        return false;
    }
    for (const KnownCheck& check : facts->checks) {
        if (!check.validated) {
            continue;
        }
        std::set<std::string> columns = check.facts.not_null_columns;
        for (const ColumnComparison& comparison : check.facts.comparisons) {
            columns.insert(comparison.column);
        }
        for (const ColumnValueList& list : check.facts.value_lists) {
            columns.insert(list.column);
        }
        for (const std::string& column : key ? std::set<std::string>{*key} : columns) {
            if (check_implies_bound(check.facts, facts->not_null_columns.count(column) != 0, column, bound)) {
                return true;
            }
        }
    }
    return false;
}

// CHECK NOT VALID, VALIDATE (no blocking lock), ATTACH (no scan), drop the CHECK: one
// statement at a time outside a transaction, so each commits before the next.
std::optional<FixPlan> proven_attach_plan(const StatementContext& context, const QualifiedName& parent,
                                          const QualifiedName& partition, const PartitionBound& bound,
                                          const std::optional<std::string>& key, std::size_t subcommand) {
    if (!key) {
        return std::nullopt;
    }
    const auto check = bound_check_sql(*key, bound);
    if (!check) {
        return std::nullopt;
    }
    const std::string p = quote_name(partition);
    const std::string name = quote_identifier(partition.name + "_partition_bound");
    FixPlan plan;
    plan.phases.push_back(FixPhase{
        "validate",
        "ALTER TABLE " + p + " ADD CONSTRAINT " + name + " CHECK (" + *check + ") NOT VALID;\nALTER TABLE " + p +
            " VALIDATE CONSTRAINT " + name + ";\nALTER TABLE " + quote_name(parent) + " " +
            std::string{context.text_of(context.alter_subcommand_span(subcommand))} + ";\nALTER TABLE " + p +
            " DROP CONSTRAINT " + name + ";",
        true, true,
        "build the parent's indexes on " + partition.display() +
            " first with CREATE INDEX CONCURRENTLY, or the attach builds them under its lock"});
    return plan;
}

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName parent = relation_name(context.node()["relation"]);
    const MigrationState& state = context.state();
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        if (command["subtype"].str() != "AT_AttachPartition") {
            continue;
        }
        Node partition_cmd = command["def"].as("PartitionCmd");
        const QualifiedName partition = relation_name(partition_cmd["name"]);
        const PartitionBound bound = partition_bound(partition_cmd["bound"], context.statement());
        const std::optional<std::string> key = single_key(context, parent);
        std::vector<std::string> problems;
        std::optional<FixPlan> plan;

        const RelationEffect* effect = context.effects().find(partition);
        if (effect != nullptr && effect->scan && state.is_existing_table(partition) &&
            !bound_proven(state, partition, bound, key)) {
            problems.push_back("scans " + partition.display() + " under " + lock_text(effect->mode) + ", " +
                               describe_blocking(effect->mode) + " on it, since no validated CHECK is known to "
                               "prove its rows fit the bound");
            if (bound.kind != PartitionBound::Kind::default_partition) {
                plan = proven_attach_plan(context, parent, partition, bound, key, i);
            }
        }
        // The parent's DEFAULT partition gives up the new range: locked and scanned whatever CHECK exists.
        const TableFacts* parent_facts = state.table_facts(parent);
        if (parent_facts != nullptr && parent_facts->default_partition &&
            state.is_existing_table(*parent_facts->default_partition)) {
            const LockTableRow* row =
                find_lock_row("ALTER TABLE ATTACH PARTITION", Condition::default_partition, context.pg_version());
            for (const RoleLock& lock : row != nullptr ? row->locks : std::vector<RoleLock>{}) {
                if (lock.role == RelationRole::dependent_table && lock.scan) {
                    problems.push_back("scans the DEFAULT partition " + parent_facts->default_partition->display() +
                                       " under " + lock_text(lock.mode) + ", " + describe_blocking(lock.mode) +
                                       " on it, to move no rows out of it");
                }
            }
        }
        if (problems.empty()) {
            continue;
        }
        std::string message = "ATTACH PARTITION " + partition.display() + " to " + parent.display();
        for (std::size_t k = 0; k < problems.size(); ++k) {
            message += (k == 0 ? " " : ", and ") + problems[k];
        }
        std::string help = "add CHECK (key IS NOT NULL AND <bound>) NOT VALID to the partition, VALIDATE it, "
                           "then attach (no scan) and drop the CHECK";
        if (problems.size() > 1 || !plan) {
            help += "; a DEFAULT partition is scanned regardless: attach when traffic is low, with a short "
                    "lock_timeout";
        }
        sink.report(ReportedFinding{context.alter_subcommand_span(i), message, help, plan, std::nullopt});
    }
}

}  // namespace

const Rule& attach_partition_scan() {
    static const Rule k_rule{
        RuleMeta{
            .id = "attach-partition-scan",
            .default_severity = Severity::warning,
            .summary = "ATTACH PARTITION scans the partition under ACCESS EXCLUSIVE unless a CHECK proves the bound",
            .rationale = "ATTACH PARTITION takes ACCESS EXCLUSIVE on the table being attached and scans it to "
                         "prove every row fits the partition bound, unless a validated CHECK constraint already "
                         "implies the bound including key IS NOT NULL. When the parent has a DEFAULT partition, "
                         "that one is locked and scanned too, whatever CHECK exists (measured). Parent indexes "
                         "missing on the partition are built during the attach.",
            .safe_alternative = "Add CHECK (key IS NOT NULL AND key >= lower AND key < upper) NOT VALID to the "
                                "partition, VALIDATE it (no blocking lock), build the parent's indexes on it "
                                "concurrently, attach it (no scan), then drop the CHECK.",
            .exceptions = "A partition created earlier in the same migration and not filled since, with no "
                          "DEFAULT partition known; a validated CHECK known from earlier statements that proves "
                          "the bound.",
            .example_bad = "ALTER TABLE measurements ATTACH PARTITION measurements_2021 FOR VALUES FROM "
                           "('2021-01-01') TO ('2022-01-01');",
            .example_good = "CREATE TABLE measurements_2022 (LIKE measurements INCLUDING ALL);\nALTER TABLE "
                            "measurements ATTACH PARTITION measurements_2022 FOR VALUES FROM ('2022-01-01') TO "
                            "('2023-01-01');",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"pgfence:attach-partition"},
            .fix = FixAvailability::sometimes,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
