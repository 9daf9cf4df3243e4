#include <algorithm>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/joined.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// A UNIQUE or PRIMARY KEY that builds its index under the table's lock.
struct Offender {
    std::size_t subcommand = 0;
    Node constraint;
    bool primary = false;
    std::vector<std::string> columns;
    std::string name;      // constraint (and index) name, as PostgreSQL chooses it
    std::string column;    // set for a column constraint inside ADD COLUMN
    std::size_t constraint_index = 0;
};

// PostgreSQL's names: <table>_pkey, <table>_<columns>_key.
std::string constraint_name(Node constraint, const QualifiedName& table, bool primary,
                            const std::vector<std::string>& columns) {
    if (!constraint["conname"].str().empty()) {
        return std::string{constraint["conname"].str()};
    }
    return primary ? table.name + "_pkey" : table.name + "_" + joined(columns, "_") + "_key";
}

std::string deferrable(Node constraint) {
    std::string text;
    if (constraint["deferrable"].flag()) {
        text += " DEFERRABLE";
    }
    if (constraint["initdeferred"].flag()) {
        text += " INITIALLY DEFERRED";
    }
    return text;
}

// The index built concurrently, then the constraint adopting it.
void add_index_phases(const QualifiedName& table, const Offender& offender, FixPlan& plan) {
    Node constraint = offender.constraint;
    std::string index = "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + quote_identifier(offender.name) + " ON " +
                        quote_name(table) + " (" + joined_identifiers(offender.columns) + ")";
    if (const std::vector<std::string> included = string_list(constraint["including"]); !included.empty()) {
        index += " INCLUDE (" + joined_identifiers(included) + ")";
    }
    if (constraint["nulls_not_distinct"].flag()) {
        index += " NULLS NOT DISTINCT";
    }
    plan.phases.push_back(FixPhase{"expand", index + ";", true, true,
                                   "check that the index is valid (pg_index.indisvalid); if the build failed, drop "
                                   "it and fix the duplicates first"});
    plan.phases.push_back(FixPhase{"switch",
                                   "ALTER TABLE " + quote_name(table) + " ADD CONSTRAINT " +
                                       quote_identifier(offender.name) +
                                       (offender.primary ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " +
                                       quote_identifier(offender.name) + deferrable(constraint) + ";",
                                   true, false, ""});
}

std::optional<FixPlan> index_first_plan(const StatementContext& context, const QualifiedName& table,
                                        const std::vector<Offender>& offenders) {
    std::vector<std::size_t> removed;
    std::vector<TextEdit> cuts;
    for (const Offender& offender : offenders) {
        if (offender.column.empty()) {
            removed.push_back(offender.subcommand);
            continue;
        }
        if (offender.primary) {
            return std::nullopt;  // a new key column needs values first: no mechanical plan
        }
        Node column = context.node()["cmds"].at(offender.subcommand).as("AlterTableCmd")["def"].as("ColumnDef");
        const auto span = context.column_constraint_span(column, offender.constraint_index,
                                                         context.alter_subcommand_span(offender.subcommand).end);
        if (!span) {
            return std::nullopt;
        }
        cuts.push_back(TextEdit{*span, ""});
    }
    FixPlan plan;
    // What else the statement did (an ADD COLUMN keeps its column, without UNIQUE).
    if (const auto rest = context.without_subcommands(removed, cuts); rest) {
        plan.phases.push_back(FixPhase{"expand", *rest + ";", false, false, ""});
    }
    // NOT NULL known from this unit or from the schema needs no CHECK first.
    const TableFacts* facts = context.state().table_facts(table);
    const Relation* known = context.catalog().find_relation(table);
    const auto known_not_null = [&](const std::string& column) {
        const Column* found = known != nullptr ? known->find_column(column) : nullptr;
        return (facts != nullptr && facts->not_null_columns.count(column) != 0) || (found != nullptr && found->not_null);
    };
    std::vector<std::string> nullable;
    for (const Offender& offender : offenders) {
        for (const std::string& column : offender.primary ? offender.columns : std::vector<std::string>{}) {
            if (!known_not_null(column) && std::find(nullable.begin(), nullable.end(), column) == nullable.end()) {
                nullable.push_back(column);
            }
        }
    }
    if (!nullable.empty()) {
        plan.phases.push_back(not_null_through_check_phase(table, nullable, context.pg_version()));
    }
    for (const Offender& offender : offenders) {
        add_index_phases(table, offender, plan);
    }
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
        if (command["subtype"].str() == "AT_AddConstraint") {
            Node constraint = command["def"].as("Constraint");
            const std::string_view kind = constraint["contype"].str();
            if ((kind == "CONSTR_UNIQUE" || kind == "CONSTR_PRIMARY") && constraint["indexname"].str().empty()) {
                const bool primary = kind == "CONSTR_PRIMARY";
                const std::vector<std::string> columns = string_list(constraint["keys"]);
                offenders.push_back(Offender{i, constraint, primary, columns,
                                             constraint_name(constraint, table, primary, columns), "", 0});
            }
        } else if (command["subtype"].str() == "AT_AddColumn") {
            Node column = command["def"].as("ColumnDef");
            const std::vector<Node> constraints = column["constraints"].items();
            for (std::size_t k = 0; k < constraints.size(); ++k) {
                Node constraint = constraints[k].as("Constraint");
                const std::string_view kind = constraint["contype"].str();
                if (kind == "CONSTR_UNIQUE" || kind == "CONSTR_PRIMARY") {
                    const bool primary = kind == "CONSTR_PRIMARY";
                    const std::vector<std::string> columns = {std::string{column["colname"].str()}};
                    offenders.push_back(Offender{i, constraint, primary, columns,
                                                 constraint_name(constraint, table, primary, columns), columns.front(),
                                                 k});
                }
            }
        }
    }
    if (offenders.empty()) {
        return;
    }
    const std::optional<FixPlan> plan = index_first_plan(context, table, offenders);
    const std::string lock = std::string{sql_lock_name(effect->mode)} + " lock, " + describe_blocking(effect->mode);
    for (const Offender& offender : offenders) {
        const std::string what = offender.primary ? "PRIMARY KEY" : "UNIQUE";
        const std::string statement = offender.column.empty()
                                          ? "ADD CONSTRAINT " + offender.name + " " + what
                                          : "ADD COLUMN " + offender.column + " ... " + what;
        std::string help = "build the unique index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... " +
                           what + " USING INDEX";
        if (offender.primary) {
            help += "; make the key columns NOT NULL through a validated CHECK first";
        }
        // One plan covers the whole statement: it rides on the statement's first finding.
        const bool first = &offender == &offenders.front();
        sink.report(ReportedFinding{context.alter_subcommand_span(offender.subcommand),
                                    statement + " on existing table " + table.display() +
                                        " builds its unique index under " + lock + ", until every row is indexed",
                                    help, first ? plan : std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& add_unique_constraint() {
    static const Rule k_rule{
        RuleMeta{
            .id = "add-unique-constraint",
            .default_severity = Severity::error,
            .summary = "A UNIQUE or PRIMARY KEY constraint added in place builds its index under ACCESS EXCLUSIVE",
            .rationale = "ADD CONSTRAINT ... UNIQUE or PRIMARY KEY (and a UNIQUE or PRIMARY KEY column in ADD "
                         "COLUMN) builds the unique index while holding ACCESS EXCLUSIVE on the table: reads and "
                         "writes wait for a full scan and sort. A primary key also sets its columns NOT NULL, "
                         "which scans again.",
            .safe_alternative = "CREATE UNIQUE INDEX CONCURRENTLY in a migration that runs outside a transaction, "
                                "check that it is valid, then ADD CONSTRAINT ... UNIQUE (or PRIMARY KEY) USING "
                                "INDEX, which only takes a brief lock. For a primary key, make the columns NOT "
                                "NULL through a validated CHECK first.",
            .exceptions = "USING INDEX; tables created earlier in the same migration and not filled since.",
            .example_bad = "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
            .example_good = "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
            .statement_kinds = {"AlterTableStmt"},
            .aliases = {"squawk:disallowed-unique-constraint", "strong_migrations:add_unique_constraint",
                        "eugene:E7"},
            .fix = FixAvailability::sometimes,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
