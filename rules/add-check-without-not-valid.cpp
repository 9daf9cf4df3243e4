#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/check_facts.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// A CHECK the statement validates against every existing row.
struct Offender {
    std::size_t subcommand = 0;
    Node constraint;
    std::string name;    // as PostgreSQL names it
    std::string column;  // set for a column CHECK inside ADD COLUMN
};

std::string constraint_name(Node constraint, const QualifiedName& table) {
    const std::string_view name = constraint["conname"].str();
    return name.empty() ? default_check_name(table.name, constraint["raw_expr"]) : std::string{name};
}

// The statement with every offending CHECK made NOT VALID (a column CHECK cannot
// say NOT VALID, so it moves to a table constraint), then each one validated.
std::optional<FixPlan> not_valid_plan(const StatementContext& context, const QualifiedName& table,
                                      const std::vector<Offender>& offenders) {
    std::vector<TextEdit> edits;
    std::string moved;
    std::string validations;
    for (const Offender& offender : offenders) {
        const auto start = context.offset_of(offender.constraint);
        const auto expression = start ? context.parenthesized_after(*start) : std::nullopt;
        if (!expression) {
            return std::nullopt;
        }
        if (offender.column.empty()) {
            edits.push_back(TextEdit{ByteSpan{expression->end, expression->end}, " NOT VALID"});
        } else {
            edits.push_back(TextEdit{ByteSpan{context.start_of_whitespace_before(*start), expression->end}, ""});
            moved += ",\n  ADD CONSTRAINT " + quote_identifier(offender.name) + " CHECK " +
                     std::string{context.text_of(*expression)} + " NOT VALID";
        }
        validations += (validations.empty() ? "" : "\n") + std::string{"ALTER TABLE "} + quote_name(table) +
                       " VALIDATE CONSTRAINT " + quote_identifier(offender.name) + ";";
    }
    const std::size_t end = context.statement_span().end;
    edits.push_back(TextEdit{ByteSpan{end, end}, moved});
    FixPlan plan;
    plan.phases.push_back(FixPhase{"expand", context.edited_sql(edits) + ";", false, false, ""});
    plan.phases.push_back(FixPhase{"validate", validations, true, false, ""});
    return plan;
}

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    const RelationEffect* effect = context.effects().target();
    if (context.node()["objtype"].str() != "OBJECT_TABLE" || context.state().is_new_table(table) ||
        effect == nullptr || !effect->scan) {
        return;
    }
    std::vector<Offender> offenders;
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        const std::string_view subtype = command["subtype"].str();
        if (subtype == "AT_AddConstraint") {
            Node constraint = command["def"].as("Constraint");
            if (constraint["contype"].str() == "CONSTR_CHECK" && !constraint["skip_validation"].flag()) {
                offenders.push_back(Offender{i, constraint, constraint_name(constraint, table), ""});
            }
        } else if (subtype == "AT_AddColumn") {
            Node column = command["def"].as("ColumnDef");
            for (const Node& item : column["constraints"].items()) {
                Node constraint = item.as("Constraint");
                if (constraint["contype"].str() == "CONSTR_CHECK") {
                    offenders.push_back(Offender{i, constraint, constraint_name(constraint, table),
                                                 std::string{column["colname"].str()}});
                }
            }
        }
    }
    if (offenders.empty()) {
        return;
    }
    std::optional<FixPlan> plan = not_valid_plan(context, table, offenders);
    const std::string lock = std::string{sql_lock_name(effect->mode)} + " lock, " + describe_blocking(effect->mode);
    for (const Offender& offender : offenders) {
        std::string message;
        std::string help;
        if (offender.column.empty()) {
            message = "ADD CONSTRAINT " + offender.name + " CHECK on existing table " + table.display() + " takes " +
                      lock + ", while it scans every row to check it";
            help = "add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later transaction";
        } else {
            message = "ADD COLUMN " + offender.column + " with a CHECK constraint on existing table " +
                      table.display() + " takes " + lock +
                      ", while it scans every row to check it (even though the new column is all NULL)";
            help = "add the column without the CHECK, add the CHECK as a NOT VALID table constraint, then "
                   "VALIDATE CONSTRAINT in a later transaction";
        }
        // One plan rewrites the whole statement: it rides on the statement's first finding.
        const bool first = &offender == &offenders.front();
        sink.report(ReportedFinding{context.alter_subcommand_span(offender.subcommand), message, help,
                                    first ? plan : std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& add_check_without_not_valid() {
    static const Rule k_rule{
        RuleMeta{
            .id = "add-check-without-not-valid",
            .default_severity = Severity::error,
            .summary = "Adding a CHECK constraint to an existing table without NOT VALID scans it under lock",
            .rationale = "ADD CONSTRAINT ... CHECK takes ACCESS EXCLUSIVE on the table and keeps it while every "
                         "row is checked, so reads and writes wait for a full scan. A CHECK written on a column "
                         "in ADD COLUMN is checked the same way, even though the new column holds only NULLs.",
            .safe_alternative = "Add the constraint with NOT VALID (brief lock, no scan; new rows are checked "
                                "at once), then run ALTER TABLE ... VALIDATE CONSTRAINT in a later transaction: "
                                "it scans under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes.",
            .exceptions = "NOT VALID; tables created earlier in the same migration and not filled since.",
            .example_bad = "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);",
            .example_good = "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"squawk:constraint-missing-not-valid", "strong_migrations:add_check_constraint"},
            .fix = FixAvailability::always,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
