#include <algorithm>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

struct GeneratedColumn {
    std::size_t subcommand = 0;
    std::string column;
    std::string expression;      // "(a * 2)", as written
    std::string row_expression;  // the same with every column read from NEW
    std::vector<TextEdit> cuts;  // GENERATED ... STORED and NOT NULL move to later phases
    bool not_null = false;
};

// `expression` (a constraint's raw_expr) as written in `span`, with each column reference prefixed by NEW.
std::string with_new_row(const StatementContext& context, Node expression, ByteSpan span) {
    std::vector<TextEdit> edits;
    visit_nodes(expression, [&](std::string_view type, Node content) {
        if (type == "ColumnRef") {
            if (const auto offset = context.offset_of(content); offset && *offset >= span.begin && *offset < span.end) {
                edits.push_back(TextEdit{ByteSpan{*offset, *offset}, "NEW."});
            }
        }
        return true;
    });
    std::sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) { return a.span.begin > b.span.begin; });
    std::string text{context.text_of(span)};
    for (const TextEdit& edit : edits) {
        text.insert(edit.span.begin - span.begin, edit.text);
    }
    return text;
}

std::optional<GeneratedColumn> generated_column(const StatementContext& context, std::size_t subcommand) {
    Node column = context.node()["cmds"].at(subcommand).as("AlterTableCmd")["def"].as("ColumnDef");
    const std::size_t limit = context.alter_subcommand_span(subcommand).end;
    GeneratedColumn found{subcommand, std::string{column["colname"].str()}, "", "", {}, false};
    const std::vector<Node> constraints = column["constraints"].items();
    for (std::size_t k = 0; k < constraints.size(); ++k) {
        Node constraint = constraints[k].as("Constraint");
        const std::string_view kind = constraint["contype"].str();
        const auto span = context.column_constraint_span(column, k, limit);
        if (kind == "CONSTR_GENERATED") {
            const auto start = context.offset_of(constraint);
            const auto expression = start ? context.parenthesized_after(*start) : std::nullopt;
            if (!expression || !span) {
                return std::nullopt;
            }
            found.expression = std::string{context.text_of(*expression)};
            found.row_expression = with_new_row(context, constraint["raw_expr"], *expression);
            found.cuts.push_back(TextEdit{*span, ""});
        } else if (kind == "CONSTR_NOTNULL" && span) {
            found.not_null = true;
            found.cuts.push_back(TextEdit{*span, ""});
        }
    }
    if (found.expression.empty()) {
        return std::nullopt;
    }
    return found;
}

// A plain column kept up to date by a trigger, backfilled in batches.
FixPlan trigger_plan(const StatementContext& context, const QualifiedName& table,
                     const std::vector<GeneratedColumn>& columns) {
    std::vector<TextEdit> cuts;
    for (const GeneratedColumn& column : columns) {
        cuts.insert(cuts.end(), column.cuts.begin(), column.cuts.end());
    }
    const std::string t = quote_name(table);
    std::string expand = *context.without_subcommands({}, cuts) + ";";
    for (const GeneratedColumn& column : columns) {
        const QualifiedName function{table.schema, table.name + "_" + column.column + "_generate"};
        const std::string trigger = quote_identifier(table.name + "_" + column.column + "_generate");
        expand += "\nCREATE FUNCTION " + quote_name(function) +
                  "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW." + quote_identifier(column.column) +
                  " := " + column.row_expression + ";\n  RETURN NEW;\nEND\n$$;\nCREATE TRIGGER " + trigger +
                  " BEFORE INSERT OR UPDATE ON " + t + "\n  FOR EACH ROW EXECUTE FUNCTION " + quote_name(function) +
                  "();";
    }
    std::string names;
    for (const GeneratedColumn& column : columns) {
        names += (names.empty() ? "" : ", ") + column.column;
    }
    FixPlan plan;
    plan.phases.push_back(FixPhase{"expand", expand, true, false,
                                   "the trigger computes " + names + " from now on: application code must not "
                                   "write it"});
    for (const GeneratedColumn& column : columns) {
        const std::string name = quote_identifier(column.column);
        plan.phases.push_back(FixPhase{
            "backfill", batched_update_sql(table, name + " = " + column.expression, name + " IS DISTINCT FROM " +
                                                                                       column.expression),
            true, true, ""});
    }
    std::vector<std::string> not_null;
    for (const GeneratedColumn& column : columns) {
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
    std::vector<GeneratedColumn> columns;
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        if (commands[i].as("AlterTableCmd")["subtype"].str() == "AT_AddColumn") {
            if (auto column = generated_column(context, i); column) {
                columns.push_back(*column);
            }
        }
    }
    if (columns.empty()) {
        return;
    }
    const FixPlan plan = trigger_plan(context, table, columns);
    for (const GeneratedColumn& column : columns) {
        const bool first = &column == &columns.front();
        sink.report(ReportedFinding{
            context.alter_subcommand_span(column.subcommand),
            "ADD COLUMN " + column.column + " GENERATED ALWAYS AS " + column.expression + " STORED on existing table " +
                table.display() + " rewrites the table and its indexes under " +
                std::string{sql_lock_name(effect->mode)} + " lock, " + describe_blocking(effect->mode) +
                ", to compute the value for every row",
            "add a plain column filled by a trigger, and backfill existing rows in batches",
            first ? std::optional<FixPlan>{plan} : std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& add_column_generated_stored() {
    static const Rule k_rule{
        RuleMeta{
            .id = "add-column-generated-stored",
            .default_severity = Severity::error,
            .summary = "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED rewrites the whole table",
            .rationale = "A stored generated column is computed and written for every existing row when it is "
                         "added, so PostgreSQL rewrites the table and all its indexes while ACCESS EXCLUSIVE "
                         "blocks reads and writes.",
            .safe_alternative = "Add a plain nullable column, compute it with a BEFORE INSERT OR UPDATE trigger, "
                                "backfill existing rows in batches, then add NOT NULL through a validated CHECK "
                                "if needed.",
            .exceptions = "Tables created earlier in the same migration and not filled since.",
            .example_bad = "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) "
                           "STORED;",
            .example_good = "ALTER TABLE orders ADD COLUMN total_cents bigint;",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"strong_migrations:add_column_generated_stored", "pgfence:add-column-stored-generated"},
            .fix = FixAvailability::always,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
