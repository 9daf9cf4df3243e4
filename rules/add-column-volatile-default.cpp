#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"
#include "migsafe/volatility.hpp"

namespace migsafe::rules {
namespace {

bool is_serial(const TypeInfo& type) {
    return type.name == "serial" || type.name == "serial4" || type.name == "bigserial" || type.name == "serial8" ||
           type.name == "smallserial" || type.name == "serial2";
}

struct VolatileColumn {
    std::size_t subcommand = 0;
    std::string column;
    std::string expression;   // the default, as written
    bool not_null = false;
    std::vector<ByteSpan> cuts;  // DEFAULT and NOT NULL, which move to later phases
};

// The default's text: the DEFAULT constraint's span without the keyword.
std::optional<std::string> default_sql(const StatementContext& context, Node column, std::size_t index,
                                       std::size_t limit) {
    const auto span = context.column_constraint_span(column, index, limit);
    if (!span) {
        return std::nullopt;
    }
    std::string_view text = context.text_of(*span);
    const std::size_t keyword = text.find_first_not_of(" \t\r\n");
    if (keyword == std::string_view::npos || !iequals(text.substr(keyword, 7), "default")) {
        return std::nullopt;
    }
    text.remove_prefix(keyword + 7);
    text.remove_prefix(std::min(text.find_first_not_of(" \t\r\n"), text.size()));
    return std::string{text};
}

std::optional<VolatileColumn> volatile_column(const StatementContext& context, std::size_t subcommand) {
    Node column = context.node()["cmds"].at(subcommand).as("AlterTableCmd")["def"].as("ColumnDef");
    if (is_serial(type_info(column["typeName"]))) {
        return std::nullopt;  // add-column-serial-or-identity
    }
    const std::size_t limit = context.alter_subcommand_span(subcommand).end;
    VolatileColumn found{subcommand, std::string{column["colname"].str()}, "", false, {}};
    const std::vector<Node> constraints = column["constraints"].items();
    for (std::size_t k = 0; k < constraints.size(); ++k) {
        Node constraint = constraints[k].as("Constraint");
        const std::string_view kind = constraint["contype"].str();
        const auto span = context.column_constraint_span(column, k, limit);
        if (kind == "CONSTR_NOTNULL" && span) {
            found.not_null = true;
            found.cuts.push_back(*span);
        } else if (kind == "CONSTR_IDENTITY" || kind == "CONSTR_GENERATED") {
            return std::nullopt;
        } else if (kind == "CONSTR_DEFAULT" && is_volatile_expression(constraint["raw_expr"])) {
            const auto expression = default_sql(context, column, k, limit);
            if (!expression || !span) {
                return std::nullopt;
            }
            found.expression = *expression;
            found.cuts.push_back(*span);
        }
    }
    if (found.expression.empty()) {
        return std::nullopt;
    }
    return found;
}

FixPlan default_for_new_rows_plan(const StatementContext& context, const QualifiedName& table,
                                  const std::vector<VolatileColumn>& columns) {
    std::vector<TextEdit> cuts;
    for (const VolatileColumn& column : columns) {
        for (const ByteSpan& span : column.cuts) {
            cuts.push_back(TextEdit{span, ""});
        }
    }
    // The same statement without the defaults (and NOT NULL), then the defaults for new rows only.
    const std::string t = quote_name(table);
    std::string expand = *context.without_subcommands({}, cuts) + ";";
    for (const VolatileColumn& column : columns) {
        expand += "\nALTER TABLE " + t + " ALTER COLUMN " + quote_identifier(column.column) + " SET DEFAULT " +
                  column.expression + ";";
    }
    FixPlan plan;
    plan.phases.push_back(FixPhase{"expand", expand, false, false, ""});
    for (const VolatileColumn& column : columns) {
        const std::string name = quote_identifier(column.column);
        plan.phases.push_back(FixPhase{"backfill",
                                       batched_update_sql(table, name + " = " + column.expression,
                                                          name + " IS NULL"),
                                       true, true, ""});
    }
    std::vector<std::string> not_null;
    for (const VolatileColumn& column : columns) {
        if (column.not_null) {
            not_null.push_back(column.column);
        }
    }
    if (!not_null.empty()) {
        plan.phases.push_back(not_null_through_check_phase(table, not_null, context.pg_version()));
    }
    return plan;
}

void check(const StatementContext& context, FindingSink& sink) {
    const QualifiedName table = relation_name(context.node()["relation"]);
    const RelationEffect* effect = context.effects().target();
    if (context.node()["objtype"].str() != "OBJECT_TABLE" || context.state().is_new_table(table) ||
        effect == nullptr || !effect->rewrite) {
        return;
    }
    std::vector<VolatileColumn> columns;
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        if (commands[i].as("AlterTableCmd")["subtype"].str() == "AT_AddColumn") {
            if (auto column = volatile_column(context, i); column) {
                columns.push_back(*column);
            }
        }
    }
    if (columns.empty()) {
        return;
    }
    const FixPlan plan = default_for_new_rows_plan(context, table, columns);
    for (const VolatileColumn& column : columns) {
        const bool first = &column == &columns.front();
        sink.report(ReportedFinding{
            context.alter_subcommand_span(column.subcommand),
            "ADD COLUMN " + column.column + " with volatile DEFAULT " + column.expression + " on existing table " +
                table.display() + " rewrites the table and its indexes under " +
                std::string{sql_lock_name(effect->mode)} + " lock, " + describe_blocking(effect->mode) +
                ", to store a value in every row",
            "add the column without a default, SET DEFAULT for new rows (no rewrite), then backfill existing rows "
            "in batches",
            first ? std::optional<FixPlan>{plan} : std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& add_column_volatile_default() {
    static const Rule k_rule{
        RuleMeta{
            .id = "add-column-volatile-default",
            .default_severity = Severity::error,
            .summary = "ADD COLUMN with a volatile DEFAULT rewrites the whole table under ACCESS EXCLUSIVE",
            .rationale = "Since PostgreSQL 11 a constant or stable default is stored once in the catalog, but a "
                         "volatile one (clock_timestamp(), random(), gen_random_uuid(), uuid_generate_v4(), "
                         "nextval(), or any function migsafe does not know) must be computed per row: the table "
                         "and all its indexes are rewritten while ACCESS EXCLUSIVE blocks reads and writes.",
            .safe_alternative = "Add the column without a default, ALTER COLUMN ... SET DEFAULT for new rows (a "
                                "catalog change, even for volatile expressions), backfill existing rows in "
                                "batches, then add NOT NULL through a validated CHECK if needed.",
            .exceptions = "Constant or stable defaults (literals, casts of literals, now(), CURRENT_TIMESTAMP); "
                          "tables created earlier in the same migration and not filled since. Serial, identity "
                          "and generated columns have rules of their own.",
            .example_bad = "ALTER TABLE events ADD COLUMN id uuid DEFAULT gen_random_uuid();",
            .example_good = "ALTER TABLE events ADD COLUMN created_at timestamptz DEFAULT now();",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"squawk:adding-field-with-default", "strong_migrations:add_column_default"},
            .fix = FixAvailability::always,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
