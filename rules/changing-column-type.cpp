#include <optional>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/column_swap.hpp"
#include "migsafe/joined.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// The expand-and-contract sequence for one column: new column, sync trigger,
// batched backfill, then a short switch transaction. `swap`: what the schema
// says depends on the column, moved to the new one (nullopt: the column is not
// in the schema, so the plan can only name what to check).
FixPlan expand_and_contract(const QualifiedName& table, const std::string& column, const std::string& new_type,
                            const std::optional<ColumnSwap>& swap) {
    const std::string t = quote_name(table);
    const std::string old_column = quote_identifier(column);
    const std::string new_column = quote_identifier(column + "_new");
    const std::string function = quote_identifier(table.name + "_" + column + "_sync");
    const std::string trigger = quote_identifier(table.name + "_" + column + "_sync");
    const std::string accept_new_type = "deploy application code that accepts the new type";
    const bool builds = swap && !swap->build.empty();
    const std::string by_hand =
        swap && !swap->manual.empty() ? "by hand before the switch: " + joined(swap->manual, "; ") + "; " : "";
    FixPlan plan;
    plan.phases.push_back(FixPhase{
        "expand",
        "ALTER TABLE " + t + " ADD COLUMN " + new_column + " " + new_type + ";\n" +
            "CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW." +
            new_column + " := NEW." + old_column + "::" + new_type + ";\n  RETURN NEW;\nEND\n$$;\n" +
            "CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + t + "\n  FOR EACH ROW EXECUTE FUNCTION " +
            function + "();" + (swap && !swap->expand.empty() ? "\n" + joined(swap->expand, "\n") : ""),
        true, false, ""});
    plan.phases.push_back(FixPhase{
        "backfill",
        "DO $$\nDECLARE\n  updated integer;\nBEGIN\n  LOOP\n    UPDATE " + t + " SET " + new_column + " = " +
            old_column + "::" + new_type + "\n    WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + t + " WHERE " +
            new_column + " IS NULL AND " + old_column + " IS NOT NULL LIMIT 5000));\n" +
            "    GET DIAGNOSTICS updated = ROW_COUNT;\n    EXIT WHEN updated = 0;\n    COMMIT;\n" +
            "    PERFORM pg_sleep(0.05);\n  END LOOP;\nEND\n$$;",
        true, true,
        swap ? (builds ? std::string{} : by_hand + accept_new_type)
             : "build the indexes, NOT NULL (through a validated CHECK) and foreign keys of " + column + " on " +
                   column + "_new concurrently / NOT VALID first (the schema is unknown: check views, policies and "
                   "triggers too); then " + accept_new_type});
    if (builds) {
        plan.phases.push_back(FixPhase{"build", joined(swap->build, "\n"), true, true, by_hand + accept_new_type});
    }
    const std::string moved = swap && !swap->on_switch.empty() ? joined(swap->on_switch, "\n") + "\n" : "";
    plan.phases.push_back(FixPhase{
        "switch",
        "SET lock_timeout = '2s';\nBEGIN;\nDROP TRIGGER " + trigger + " ON " + t + ";\nDROP FUNCTION " + function +
            "();\nALTER TABLE " + t + " RENAME COLUMN " + old_column + " TO " + quote_identifier(column + "_old") +
            ";\nALTER TABLE " + t + " RENAME COLUMN " + new_column + " TO " + old_column + ";\n" + moved + "COMMIT;",
        true, false, "deploy application code that no longer reads " + column + "_old"});
    if (swap && !swap->validate.empty()) {
        plan.phases.push_back(FixPhase{"validate", joined(swap->validate, "\n"), true, false, ""});
    }
    plan.phases.push_back(FixPhase{
        "contract",
        "SET lock_timeout = '2s';\nALTER TABLE " + t + " DROP COLUMN " + quote_identifier(column + "_old") + ";",
        true, false, ""});
    return plan;
}

// Locks the statement takes beyond its own table: " and SHARE ROW EXCLUSIVE on public.orders".
std::string other_locks(const StatementEffects& effects) {
    std::string text;
    for (const RelationEffect& other : effects.relations) {
        if (other.role != RelationRole::target && other.role != RelationRole::index && other.mode != LockMode::none) {
            text += ", and " + std::string{sql_lock_name(other.mode)} + " on " + other.relation.display() + " (" +
                    std::string{role_name(other.role)} + ")";
        }
    }
    return text;
}

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    if (context.state().is_new_table(table)) {
        return;
    }
    const RelationEffect* effect = context.effects().target();
    const Relation* known_table = context.catalog().find_relation(table);
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        if (command["subtype"].str() != "AT_AlterColumnType") {
            continue;
        }
        const std::string column{command["name"].str()};
        const ColumnType to = column_type(command["def"].as("ColumnDef")["typeName"]);
        const std::string new_type = type_info(command["def"].as("ColumnDef")["typeName"]).display();
        const Column* old_column = known_table != nullptr ? known_table->find_column(column) : nullptr;
        const bool old_type_known = old_column != nullptr && !old_column->type.empty();
        const ColumnTypeChange change =
            old_type_known ? judge_column_type_change(context.catalog(), *known_table, *old_column,
                                                      command["def"].as("ColumnDef"), context.pg_version())
                           : ColumnTypeChange{};
        if (change.binary_coercible && !change.rebuilds_indexes && !change.rechecks) {
            continue;  // binary-coercible from the known type, and nothing to rebuild or re-check
        }
        std::string message = "ALTER COLUMN " + column + " TYPE " + new_type + " on existing table " + table.display();
        std::optional<Severity> severity;
        if (old_type_known) {
            message += " (from " + format_type(old_column->type) + ")";
        }
        if (effect != nullptr) {
            message += " takes " + std::string{sql_lock_name(effect->mode)} + " lock, " +
                       describe_blocking(effect->mode) + other_locks(context.effects());
            if (change.binary_coercible) {
                severity = Severity::warning;
                message += "; the conversion needs no table rewrite, but " +
                           std::string{change.rebuilds_indexes && change.rechecks
                                           ? "the column's indexes are rebuilt and its CHECK constraints "
                                             "re-validated, each reading the whole table"
                                       : change.rechecks ? "CHECK constraints on the column are re-validated by a "
                                                           "full scan"
                                                         : "the column's indexes are rebuilt, reading the whole table"};
            } else if (effect->rewrite) {
                message += old_type_known ? ", and rewrites the table and its indexes"
                                          : ", and rewrites the table and its indexes unless the old type converts "
                                            "without a rewrite (unknown without the schema)";
            }
        }
        std::optional<ColumnSwap> swap;
        if (old_column != nullptr) {
            swap = plan_column_swap(context.catalog(), *known_table, *old_column, column + "_new", to);
        }
        sink.report(ReportedFinding{context.alter_subcommand_span(i), message,
                                    "add a new column, keep it in sync with a trigger, backfill in batches, then "
                                    "swap the columns in a short transaction",
                                    expand_and_contract(table, column, new_type, swap), severity});
    }
}

}  // namespace

const Rule& changing_column_type() {
    static const Rule k_rule{
        RuleMeta{
            .id = "changing-column-type",
            .default_severity = Severity::error,
            .summary = "Changing a column's type on an existing table rewrites it under ACCESS EXCLUSIVE",
            .rationale = "ALTER COLUMN ... TYPE takes ACCESS EXCLUSIVE, blocking reads and writes, and unless "
                         "the conversion is binary-coercible it rewrites the table and rebuilds every index "
                         "while holding the lock. Foreign keys, views and policies on the column must change "
                         "in step.",
            .safe_alternative = "Expand and contract: add a column of the new type, keep it in sync with a "
                                "trigger, backfill in batches, build its indexes concurrently, then swap the "
                                "columns in one short transaction with lock_timeout and drop the old one later.",
            .exceptions = "Tables created earlier in the same migration. Changes known to be binary-coercible "
                          "from the old type (varchar widening, varchar to text, numeric precision increase, "
                          "timestamp to timestamptz from PostgreSQL 12 in a UTC session) once the schema is known; "
                          "such a change is still a warning when it re-validates CHECK constraints or rebuilds "
                          "indexes.",
            .example_bad = "ALTER TABLE users ALTER COLUMN id TYPE varchar(255);",
            .example_good = "ALTER TABLE users ADD COLUMN id_new varchar(255);",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"squawk:changing-column-type", "eugene:E5", "strong_migrations:change_column"},
            .fix = FixAvailability::always,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
