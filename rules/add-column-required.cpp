#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

bool is_serial(const TypeInfo& type) {
    return type.name == "serial" || type.name == "serial4" || type.name == "bigserial" || type.name == "serial8" ||
           type.name == "smallserial" || type.name == "serial2";
}

// A new column that PostgreSQL cannot fill for the existing rows.
struct Required {
    std::size_t subcommand = 0;
    std::string column;
    std::optional<std::size_t> not_null;  // index of the NOT NULL constraint
    bool primary_key = false;
};

std::optional<Required> required_column(Node column, std::size_t subcommand) {
    if (is_serial(type_info(column["typeName"]))) {
        return std::nullopt;
    }
    Required required{subcommand, std::string{column["colname"].str()}, std::nullopt, false};
    const std::vector<Node> constraints = column["constraints"].items();
    for (std::size_t k = 0; k < constraints.size(); ++k) {
        Node constraint = constraints[k].as("Constraint");
        const std::string_view kind = constraint["contype"].str();
        if (kind == "CONSTR_DEFAULT" && !constraint["raw_expr"].as("A_Const")["isnull"].flag()) {
            return std::nullopt;
        }
        if (kind == "CONSTR_IDENTITY" || kind == "CONSTR_GENERATED") {
            return std::nullopt;  // PostgreSQL computes a value for every row
        }
        if (kind == "CONSTR_NOTNULL") {
            required.not_null = k;
        } else if (kind == "CONSTR_PRIMARY") {
            required.primary_key = true;
        }
    }
    if (!required.not_null && !required.primary_key) {
        return std::nullopt;
    }
    return required;
}

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    if (context.node()["objtype"].str() != "OBJECT_TABLE" || context.state().is_new_table(table)) {
        return;
    }
    std::vector<Required> offenders;
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        if (command["subtype"].str() != "AT_AddColumn") {
            continue;
        }
        if (auto required = required_column(command["def"].as("ColumnDef"), i); required) {
            offenders.push_back(*required);
        }
    }
    if (offenders.empty()) {
        return;
    }
    // Add the columns nullable, let the application fill them, then NOT NULL without a blocking scan.
    std::optional<FixPlan> plan = FixPlan{};
    std::vector<TextEdit> cuts;
    std::string columns;
    for (const Required& offender : offenders) {
        Node column = commands[offender.subcommand].as("AlterTableCmd")["def"].as("ColumnDef");
        const auto span = offender.not_null ? context.column_constraint_span(
                                                  column, *offender.not_null,
                                                  context.alter_subcommand_span(offender.subcommand).end)
                                            : std::nullopt;
        if (offender.primary_key || !span) {
            plan.reset();  // a key column needs values and a unique index first: no mechanical plan
            break;
        }
        cuts.push_back(TextEdit{*span, ""});
        columns += (columns.empty() ? "" : ", ") + offender.column;
    }
    if (plan) {
        plan->phases.push_back(FixPhase{"expand", *context.without_subcommands({}, cuts) + ";", false, false,
                                        "deploy application code that writes " + columns +
                                            " on every insert, then backfill the existing rows in batches"});
        std::vector<std::string> names;
        for (const Required& offender : offenders) {
            names.push_back(offender.column);
        }
        plan->phases.push_back(not_null_through_check_phase(table, names, context.pg_version()));
    }
    for (const Required& offender : offenders) {
        const bool first = &offender == &offenders.front();
        sink.report(ReportedFinding{
            context.alter_subcommand_span(offender.subcommand),
            "ADD COLUMN " + offender.column + (offender.primary_key ? " ... PRIMARY KEY" : " ... NOT NULL") +
                " without a DEFAULT on existing table " + table.display() +
                " fails as soon as the table holds a row, and application code that does not set " + offender.column +
                " can no longer insert",
            "add the column nullable, backfill it, then add NOT NULL through a validated CHECK; or give it a "
            "constant DEFAULT",
            first ? plan : std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& add_column_required() {
    static const Rule k_rule{
        RuleMeta{
            .id = "add-column-required",
            .default_severity = Severity::error,
            .summary = "ADD COLUMN ... NOT NULL without a DEFAULT fails on a table that has rows",
            .rationale = "PostgreSQL fills a new column with its default, NULL when there is none, so ADD COLUMN "
                         "... NOT NULL without a DEFAULT fails with \"column contains null values\" as soon as "
                         "the table holds a row. Application code deployed before the migration does not set the "
                         "column and can no longer insert.",
            .safe_alternative = "Add the column nullable, deploy code that writes it, backfill existing rows in "
                                "batches, then add NOT NULL through a validated CHECK (CHECK NOT VALID, VALIDATE, "
                                "SET NOT NULL, drop the CHECK). Or give the column a constant DEFAULT, which "
                                "PostgreSQL 11+ stores without rewriting the table.",
            .exceptions = "A non-null DEFAULT; identity, generated and serial columns; tables created earlier in "
                          "the same migration and not filled since.",
            .example_bad = "ALTER TABLE users ADD COLUMN plan text NOT NULL;",
            .example_good = "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"squawk:adding-required-field", "pgfence:add-column-not-null-no-default", "atlas:MF103"},
            .fix = FixAvailability::sometimes,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
