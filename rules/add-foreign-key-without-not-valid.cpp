#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

std::string column_list(const std::vector<std::string>& columns) {
    std::string text;
    for (const std::string& column : columns) {
        text += (text.empty() ? "" : ", ") + quote_identifier(column);
    }
    return text;
}

std::string referential_action(std::string_view code) {
    if (code == "r") {
        return "RESTRICT";
    }
    if (code == "c") {
        return "CASCADE";
    }
    if (code == "n") {
        return "SET NULL";
    }
    if (code == "d") {
        return "SET DEFAULT";
    }
    return {};
}

// PostgreSQL's default name for an unnamed foreign key: <table>_<columns>_fkey.
std::string constraint_name(Node constraint, const QualifiedName& table, const std::vector<std::string>& columns) {
    if (!constraint["conname"].str().empty()) {
        return std::string{constraint["conname"].str()};
    }
    std::string name = table.name;
    for (const std::string& column : columns) {
        name += "_" + column;
    }
    return name + "_fkey";
}

FixPlan not_valid_plan(Node constraint, const QualifiedName& table, const std::vector<std::string>& columns) {
    const std::string name = constraint_name(constraint, table, columns);
    std::string add = "ALTER TABLE " + quote_name(table) + " ADD CONSTRAINT " + quote_identifier(name) +
                      " FOREIGN KEY (" + column_list(columns) + ") REFERENCES " +
                      quote_name(relation_name(constraint["pktable"]));
    const std::vector<std::string> referenced = string_list(constraint["pk_attrs"]);
    if (!referenced.empty()) {
        add += " (" + column_list(referenced) + ")";
    }
    if (const std::string action = referential_action(constraint["fk_del_action"].str()); !action.empty()) {
        add += " ON DELETE " + action;
    }
    if (const std::string action = referential_action(constraint["fk_upd_action"].str()); !action.empty()) {
        add += " ON UPDATE " + action;
    }
    FixPlan plan;
    plan.phases.push_back(FixPhase{"expand", add + " NOT VALID;", false, false, ""});
    plan.phases.push_back(FixPhase{"validate",
                                   "ALTER TABLE " + quote_name(table) + " VALIDATE CONSTRAINT " +
                                       quote_identifier(name) + ";",
                                   true, false, ""});
    return plan;
}

std::string lock_text(const StatementContext& context, const QualifiedName& table, const QualifiedName& referenced) {
    const RelationEffect* child = context.effects().find(table);
    const RelationEffect* parent = context.effects().find(referenced);
    if (child == nullptr || parent == nullptr) {
        return "locks both tables";
    }
    if (child->mode == parent->mode) {
        return "takes " + std::string{sql_lock_name(child->mode)} + " on " + table.display() + " and " +
               referenced.display() + ", " + describe_blocking(child->mode) + " on both,";
    }
    return "takes " + std::string{sql_lock_name(child->mode)} + " on " + table.display() + " and " +
           std::string{sql_lock_name(parent->mode)} + " on " + referenced.display() + ",";
}

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    if (context.state().is_new_table(table)) {
        return;
    }
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        const std::string_view subtype = command["subtype"].str();
        if (subtype == "AT_AddConstraint") {
            Node constraint = command["def"].as("Constraint");
            if (constraint["contype"].str() != "CONSTR_FOREIGN" || constraint["skip_validation"].flag()) {
                continue;
            }
            const QualifiedName referenced = relation_name(constraint["pktable"]);
            const std::vector<std::string> columns = string_list(constraint["fk_attrs"]);
            sink.report(ReportedFinding{
                context.alter_subcommand_span(i),
                "ADD FOREIGN KEY on existing table " + table.display() + " " + lock_text(context, table, referenced) +
                    " while every row is checked",
                "add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later transaction",
                not_valid_plan(constraint, table, columns), std::nullopt});
        } else if (subtype == "AT_AddColumn") {
            Node column = command["def"].as("ColumnDef");
            Node reference;
            bool has_default = false;
            for (const Node& item : column["constraints"].items()) {
                Node constraint = item.as("Constraint");
                if (constraint["contype"].str() == "CONSTR_FOREIGN") {
                    reference = constraint;
                } else if (constraint["contype"].str() == "CONSTR_DEFAULT" &&
                           !constraint["raw_expr"].as("A_Const")["isnull"].flag()) {
                    has_default = true;
                }
            }
            if (!reference || !has_default) {
                continue;  // a new all-NULL column needs no check of existing rows
            }
            const QualifiedName referenced = relation_name(reference["pktable"]);
            const std::vector<std::string> columns = {std::string{column["colname"].str()}};
            FixPlan plan = not_valid_plan(reference, table, columns);
            sink.report(ReportedFinding{
                context.alter_subcommand_span(i),
                "ADD COLUMN " + std::string{column["colname"].str()} + " ... REFERENCES with a default on existing "
                "table " + table.display() + " " + lock_text(context, table, referenced) +
                    " while every row is checked",
                "add the column without REFERENCES, then add the foreign key NOT VALID and validate it later",
                plan, std::nullopt});
        }
    }
}

}  // namespace

const Rule& add_foreign_key_without_not_valid() {
    static const Rule k_rule{
        RuleMeta{
            .id = "add-foreign-key-without-not-valid",
            .default_severity = Severity::error,
            .summary = "Adding a foreign key to an existing table without NOT VALID checks every row under lock",
            .rationale = "ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on both the table and the referenced table "
                         "and scans both to check every row, blocking writes to both tables for the whole "
                         "check.",
            .safe_alternative = "Add the constraint with NOT VALID (a brief lock, no scan), then run ALTER TABLE "
                                "... VALIDATE CONSTRAINT in a later transaction: it takes only SHARE UPDATE "
                                "EXCLUSIVE, which does not block reads or writes.",
            .exceptions = "NOT VALID; tables created earlier in the same migration; ADD COLUMN ... REFERENCES "
                          "without a default (the new column is all NULL, so nothing is scanned).",
            .example_bad = "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES "
                           "users (id);",
            .example_good = "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES "
                            "users (id) NOT VALID;",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"squawk:adding-foreign-key-constraint", "strong_migrations:add_foreign_key"},
            .fix = FixAvailability::always,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
