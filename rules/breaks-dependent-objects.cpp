#include <optional>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/joined.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// The type of the column at the other end of a foreign key on `column`.
std::optional<ColumnType> other_end_type(const Catalog& catalog, const Relation& table, int column,
                                         const ColumnDependent& key) {
    const Relation* holder = catalog.relation(key.relation);
    const Constraint* constraint = holder != nullptr ? holder->find_constraint(key.name) : nullptr;
    if (constraint == nullptr) {
        return std::nullopt;
    }
    const std::vector<int>& here = key.references_column ? constraint->referenced_columns : constraint->columns;
    const std::vector<int>& there = key.references_column ? constraint->columns : constraint->referenced_columns;
    const Relation* other = key.references_column ? holder : catalog.relation(constraint->referenced);
    for (std::size_t i = 0; i < here.size() && i < there.size() && other != nullptr; ++i) {
        if (here[i] == column && other != &table) {
            if (const Column* end = other->column(there[i]); end != nullptr && !end->type.empty()) {
                return end->type;
            }
        }
    }
    return std::nullopt;
}

// Dependents that make PostgreSQL refuse the change (or CASCADE drop them), or a
// foreign key whose other end would no longer have the column's type: reason
// enough to report. Indexes and CHECKs are then named too, since they must be
// recreated on a replacement column.
bool breaks(const Catalog& catalog, const Relation& table, const Column& column, const ColumnDependent& dependent,
            const std::optional<ColumnType>& new_type) {
    switch (dependent.kind) {
        case DependentKind::index:
        case DependentKind::check_constraint:
            return false;
        case DependentKind::foreign_key: {
            if (!new_type) {
                return dependent.references_column;  // a dropped column's own key goes with it
            }
            const std::optional<ColumnType> other = other_end_type(catalog, table, column.number, dependent);
            return !other || without_modifiers(*other) != without_modifiers(*new_type);
        }
        default:
            return true;
    }
}

bool refuses_type_change(DependentKind kind) {
    return kind == DependentKind::view || kind == DependentKind::materialized_view || kind == DependentKind::rule ||
           kind == DependentKind::policy || kind == DependentKind::generated_column || kind == DependentKind::trigger;
}

void check(const StatementContext& context, FindingSink& sink) {
    const Catalog& catalog = context.catalog();
    const QualifiedName table_name = relation_name(context.node()["relation"]);
    const Relation* table = catalog.find_relation(table_name);
    if (table == nullptr) {
        return;
    }
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        const std::string_view subtype = command["subtype"].str();
        const bool dropping = subtype == "AT_DropColumn";
        if (!dropping && subtype != "AT_AlterColumnType") {
            continue;
        }
        const Column* column = table->find_column(command["name"].str());
        if (column == nullptr) {
            continue;
        }
        const std::vector<ColumnDependent> dependents = catalog.dependents_of(table->id, column->number);
        std::optional<ColumnType> new_type;
        if (!dropping) {
            new_type = column_type(command["def"].as("ColumnDef")["typeName"]);
        }
        bool reported = false;
        bool refused = false;
        bool foreign_keys_break = false;
        std::vector<std::string> names;
        for (const ColumnDependent& dependent : dependents) {
            const bool breaking = breaks(catalog, *table, *column, dependent, new_type);
            reported = reported || breaking;
            refused = refused || refuses_type_change(dependent.kind);
            foreign_keys_break = foreign_keys_break || (breaking && dependent.kind == DependentKind::foreign_key);
            if (!dropping || breaking) {
                names.push_back(catalog.describe(dependent));
            }
        }
        if (!reported) {
            continue;
        }
        const std::string column_display = table->display() + "." + column->name;
        std::string message;
        std::string help;
        if (dropping) {
            const bool cascade = command["behavior"].str() == "DROP_CASCADE";
            message = "DROP COLUMN " + column->name + (cascade ? " CASCADE silently drops what depends on " :
                                                                 " fails: PostgreSQL refuses while objects depend on ") +
                      column_display + ": " + joined(names);
            help = "change or drop each dependent in an earlier migration (after the application stops using "
                   "them), then drop the column";
        } else {
            message = "ALTER COLUMN " + column->name + " TYPE " + format_type(*new_type) + ": " + std::to_string(names.size()) +
                      (names.size() == 1 ? " object depends" : " objects depend") + " on " + column_display + " (" +
                      format_type(column->type) + "): " + joined(names);
            if (refused) {
                message += "; PostgreSQL refuses to change the type of a column that a view, rule, policy, "
                           "generated column or trigger uses";
            }
            if (foreign_keys_break) {
                message += "; the column at the other end of a foreign key must change type in step";
            }
            help = "expand and contract: add a column of the new type, recreate each dependent against it "
                   "(foreign keys NOT VALID then VALIDATE, indexes CONCURRENTLY, policies and views by "
                   "CREATE OR REPLACE), then drop the old column";
        }
        sink.report(ReportedFinding{context.alter_subcommand_span(i), message, help, std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& breaks_dependent_objects() {
    static const Rule k_rule{
        RuleMeta{
            .id = "breaks-dependent-objects",
            .default_severity = Severity::error,
            .summary = "Changing the type of, or dropping, a column that views, policies, triggers or foreign "
                       "keys depend on",
            .rationale = "PostgreSQL refuses ALTER COLUMN ... TYPE on a column that a view, materialized view, "
                         "rule, row-level-security policy, generated column or trigger uses, so the migration "
                         "fails in production after its ACCESS EXCLUSIVE lock was queued; foreign keys in and "
                         "out of the column must change type with it. DROP COLUMN refuses the same dependents, "
                         "and with CASCADE drops them without a word: a view the application reads or a policy "
                         "that kept tenants apart disappears.",
            .safe_alternative = "Name every dependent and handle it explicitly: for a type change, add a new "
                                "column and recreate the dependents against it before the switch; for a drop, "
                                "change or drop the dependents in an earlier migration.",
            .exceptions = "Columns whose only dependents are their own indexes and CHECK constraints (PostgreSQL "
                          "rebuilds or drops them itself), or foreign keys whose other end already has the new "
                          "type; DROP COLUMN of a column whose only foreign key is its "
                          "own; tables migsafe knows nothing about (no --schema, --history or earlier migration).",
            .example_bad = "CREATE TABLE schools (id uuid PRIMARY KEY);\n"
                           "CREATE TABLE students (id bigint, school_id uuid REFERENCES schools (id));\n"
                           "ALTER TABLE schools ALTER COLUMN id TYPE varchar(255);",
            .example_good = "CREATE TABLE schools (id uuid PRIMARY KEY);\n"
                            "CREATE TABLE students (id bigint, school_id uuid REFERENCES schools (id));\n"
                            "ALTER TABLE schools ADD COLUMN id_text varchar(255);",
            .statement_kinds = {"AlterTableStmt"},
            .fix = FixAvailability::none,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
