#include "migsafe/catalog_report.hpp"

#include <nlohmann/json.hpp>

#include "migsafe/joined.hpp"

namespace migsafe {
namespace {

using nlohmann::json;

std::string column_name(const Relation* relation, int number) {
    const Column* column = relation == nullptr ? nullptr : relation->column(number);
    return column == nullptr ? "?" + std::to_string(number) : column->name;
}

json column_list(const Relation* relation, const std::vector<int>& numbers) {
    json names = json::array();
    for (int number : numbers) {
        names.push_back(column_name(relation, number));
    }
    return names;
}

std::string quoted_list(const Relation* relation, const std::vector<int>& numbers) {
    std::vector<std::string> names;
    for (int number : numbers) {
        names.push_back(quote_identifier(column_name(relation, number)));
    }
    return joined(names, ", ");
}

std::string action_name(char action) {
    switch (action) {
        case 'r': return "restrict";
        case 'c': return "cascade";
        case 'n': return "set null";
        case 'd': return "set default";
        default: return "no action";
    }
}

std::string identity_name(Identity identity) {
    switch (identity) {
        case Identity::always: return "always";
        case Identity::by_default: return "by default";
        case Identity::none: return "";
    }
    return "";
}

std::string index_key_text(const Relation* table, const IndexKey& key) {
    return (key.column != 0 ? quote_identifier(column_name(table, key.column)) : "(" + key.expression_sql + ")") +
           index_key_options_sql(key);
}

std::string index_keys_text(const Relation* table, const IndexInfo& index) {
    std::vector<std::string> keys;
    for (const IndexKey& key : index.keys) {
        keys.push_back(index_key_text(table, key));
    }
    return joined(keys, ", ");
}

std::string uses_text(const Catalog& catalog, const ColumnUse& use) {
    const Relation* relation = catalog.relation(use.relation);
    return relation == nullptr ? "?" : relation->display() + "." + column_name(relation, use.column);
}

json uses_json(const Catalog& catalog, const std::vector<ColumnUse>& uses) {
    json list = json::array();
    for (const ColumnUse& use : uses) {
        const Relation* relation = catalog.relation(use.relation);
        if (relation != nullptr) {
            list.push_back(json{{"relation", relation->display()}, {"column", column_name(relation, use.column)}});
        }
    }
    return list;
}

json constraint_json(const Catalog& catalog, const Relation& table, const Constraint& constraint) {
    json item{{"name", constraint.name},
              {"type", std::string{constraint_kind_name(constraint.kind)}},
              // A CHECK's columns are the ones it reads, as pg_constraint.conkey lists them.
              {"columns", column_list(&table, constraint.kind == ConstraintKind::check ? constraint.expression_columns
                                                                                       : constraint.columns)},
              {"validated", constraint.validated}};
    if (!constraint.expression_sql.empty()) {
        item["expression"] = constraint.expression_sql;
    }
    if (constraint.kind == ConstraintKind::foreign_key) {
        const Relation* referenced = catalog.relation(constraint.referenced);
        item["references"] = json{{"relation", referenced == nullptr ? "?" : referenced->display()},
                                  {"columns", column_list(referenced, constraint.referenced_columns)}};
        item["on_update"] = action_name(constraint.on_update);
        item["on_delete"] = action_name(constraint.on_delete);
    }
    if (constraint.deferrable) {
        item["deferrable"] = true;
        item["initially_deferred"] = constraint.initially_deferred;
    }
    return item;
}

json index_json(const Catalog& catalog, const Relation& table, const Relation& index) {
    json keys = json::array();
    for (const IndexKey& key : index.index.keys) {
        keys.push_back(index_key_text(&table, key));
    }
    json item{{"name", index.name},
              {"method", index.index.method},
              {"unique", index.index.unique},
              {"primary", index.index.primary},
              {"keys", keys},
              {"partitioned", index.kind == RelationKind::partitioned_index}};
    if (!index.index.include.empty()) {
        item["include"] = column_list(&table, index.index.include);
    }
    if (!index.index.predicate_sql.empty()) {
        item["where"] = index.index.predicate_sql;
    }
    if (!index.index.constraint.empty()) {
        item["constraint"] = index.index.constraint;
    }
    if (const Relation* parent = catalog.relation(index.index.parent); parent != nullptr) {
        item["attached_to"] = parent->display();
    }
    return item;
}

json table_json(const Catalog& catalog, const Relation& table) {
    json columns = json::array();
    for (const Column& column : table.columns) {
        json item{{"name", column.name}, {"type", format_type(column.type)}, {"not_null", column.not_null}};
        if (!column.default_sql.empty()) {
            item["default"] = column.default_sql;
        }
        if (column.identity != Identity::none) {
            item["identity"] = identity_name(column.identity);
        }
        if (!column.generated_sql.empty()) {
            item["generated"] = column.generated_sql;
        }
        if (!column.collation.empty()) {
            item["collation"] = column.collation;
        }
        columns.push_back(std::move(item));
    }
    json constraints = json::array();
    for (const Constraint& constraint : table.constraints) {
        constraints.push_back(constraint_json(catalog, table, constraint));
    }
    json indexes = json::array();
    for (const Relation* index : catalog.indexes_of(table.id)) {
        indexes.push_back(index_json(catalog, table, *index));
    }
    json policies = json::array();
    for (const Policy& policy : table.policies) {
        json item{{"name", policy.name},
                  {"command", policy.command},
                  {"permissive", policy.permissive},
                  {"roles", policy.roles},
                  {"reads", uses_json(catalog, policy.uses)}};
        if (!policy.using_sql.empty()) {
            item["using"] = policy.using_sql;
        }
        if (!policy.check_sql.empty()) {
            item["with_check"] = policy.check_sql;
        }
        policies.push_back(std::move(item));
    }
    json triggers = json::array();
    for (const Trigger& trigger : table.triggers) {
        json item{{"name", trigger.name},
                  {"timing", trigger.timing},
                  {"events", trigger.events},
                  {"for_each_row", trigger.for_each_row},
                  {"function", trigger.function}};
        if (!trigger.update_columns.empty()) {
            item["update_of"] = column_list(&table, trigger.update_columns);
        }
        if (!trigger.when_sql.empty()) {
            item["when"] = trigger.when_sql;
        }
        triggers.push_back(std::move(item));
    }
    json rules = json::array();
    for (const RewriteRule& rule : table.rules) {
        rules.push_back(json{{"name", rule.name},
                             {"event", rule.event},
                             {"instead", rule.instead},
                             {"reads", uses_json(catalog, rule.uses)}});
    }
    json item{{"schema", table.schema},
              {"name", table.name},
              {"kind", std::string{relation_kind_name(table.kind)}},
              {"complete", table.complete},
              {"columns", columns},
              {"constraints", constraints},
              {"indexes", indexes},
              {"row_level_security", json{{"enabled", table.row_security}, {"forced", table.force_row_security}}},
              {"policies", policies},
              {"triggers", triggers},
              {"rules", rules}};
    if (table.unlogged) {
        item["unlogged"] = true;
    }
    if (table.partitioning) {
        item["partition_key"] = json{{"strategy", table.partitioning->strategy}, {"keys", table.partitioning->key_sql}};
    }
    if (const Relation* parent = catalog.relation(table.partition_of); parent != nullptr) {
        item["partition_of"] = json{{"relation", parent->display()}, {"bound", table.partition_bound_sql}};
    }
    if (!table.inherits.empty()) {
        json parents = json::array();
        for (ObjectId parent : table.inherits) {
            if (const Relation* found = catalog.relation(parent); found != nullptr) {
                parents.push_back(found->display());
            }
        }
        item["inherits"] = parents;
    }
    return item;
}

json type_json(const TypeDef& type) {
    json item{{"schema", type.schema}, {"name", type.name}, {"kind", std::string{type_kind_name(type.kind)}}};
    switch (type.kind) {
        case TypeKind::enumeration: item["values"] = type.values; break;
        case TypeKind::domain: {
            item["base"] = format_type(type.base);
            item["not_null"] = type.not_null;
            if (!type.default_sql.empty()) {
                item["default"] = type.default_sql;
            }
            json checks = json::array();
            for (const Constraint& check : type.constraints) {
                checks.push_back(json{{"name", check.name}, {"expression", check.expression_sql},
                                      {"validated", check.validated}});
            }
            item["constraints"] = checks;
            break;
        }
        case TypeKind::composite: {
            json attributes = json::array();
            for (const Column& attribute : type.attributes) {
                attributes.push_back(json{{"name", attribute.name}, {"type", format_type(attribute.type)}});
            }
            item["attributes"] = attributes;
            break;
        }
        case TypeKind::range: item["subtype"] = format_type(type.base); break;
    }
    return item;
}

// ---- Text ---------------------------------------------------------------------

void render_table_text(const Catalog& catalog, const Relation& table, std::ostream& out) {
    out << relation_kind_name(table.kind) << ' ' << table.display();
    if (!table.complete) {
        out << " (only seen altered: columns and constraints may be missing)";
    }
    out << '\n';
    if (const Relation* parent = catalog.relation(table.partition_of); parent != nullptr) {
        out << "  partition of " << parent->display() << ' ' << table.partition_bound_sql << '\n';
    }
    if (table.partitioning) {
        out << "  partition by " << table.partitioning->strategy << " (" << joined(table.partitioning->key_sql, ", ")
            << ")\n";
    }
    for (ObjectId parent : table.inherits) {
        if (const Relation* found = catalog.relation(parent); found != nullptr) {
            out << "  inherits " << found->display() << '\n';
        }
    }
    for (const Column& column : table.columns) {
        out << "  column " << quote_identifier(column.name) << ' ' << format_type(column.type);
        if (!column.collation.empty()) {
            out << " collate " << quote_identifier(column.collation);
        }
        if (column.not_null) {
            out << " not null";
        }
        if (!column.default_sql.empty()) {
            out << " default " << column.default_sql;
        }
        if (column.identity != Identity::none) {
            out << " generated " << identity_name(column.identity) << " as identity";
        }
        if (!column.generated_sql.empty()) {
            out << " generated always as (" << column.generated_sql << ") stored";
        }
        out << '\n';
    }
    for (const Constraint& constraint : table.constraints) {
        out << "  constraint " << quote_identifier(constraint.name) << ' ' << constraint_kind_name(constraint.kind);
        if (constraint.kind == ConstraintKind::check) {
            out << " (" << constraint.expression_sql << ')';
        } else {
            out << " (" << quoted_list(&table, constraint.columns) << ')';
        }
        if (constraint.kind == ConstraintKind::foreign_key) {
            const Relation* referenced = catalog.relation(constraint.referenced);
            out << " references " << (referenced == nullptr ? "?" : referenced->display()) << " ("
                << quoted_list(referenced, constraint.referenced_columns) << ')';
            if (constraint.on_delete != 'a') {
                out << " on delete " << action_name(constraint.on_delete);
            }
            if (constraint.on_update != 'a') {
                out << " on update " << action_name(constraint.on_update);
            }
        }
        if (constraint.deferrable) {
            out << (constraint.initially_deferred ? " deferrable initially deferred" : " deferrable");
        }
        if (!constraint.validated) {
            out << " not valid";
        }
        out << '\n';
    }
    for (const Relation* index : catalog.indexes_of(table.id)) {
        out << "  index " << quote_identifier(index->name) << (index->index.unique ? " unique" : "") << ' '
            << index->index.method << " (" << index_keys_text(&table, index->index) << ')';
        if (!index->index.include.empty()) {
            out << " include (" << quoted_list(&table, index->index.include) << ')';
        }
        if (!index->index.predicate_sql.empty()) {
            out << " where " << index->index.predicate_sql;
        }
        if (const Relation* parent = catalog.relation(index->index.parent); parent != nullptr) {
            out << " attached to " << parent->display();
        }
        out << '\n';
    }
    if (table.row_security) {
        out << "  row level security enabled" << (table.force_row_security ? ", forced" : "") << '\n';
    }
    for (const Policy& policy : table.policies) {
        out << "  policy " << quote_identifier(policy.name) << (policy.permissive ? "" : " restrictive") << " for "
            << policy.command;
        if (!policy.roles.empty()) {
            out << " to " << joined(policy.roles, ", ");
        }
        if (!policy.using_sql.empty()) {
            out << " using (" << policy.using_sql << ')';
        }
        if (!policy.check_sql.empty()) {
            out << " with check (" << policy.check_sql << ')';
        }
        out << '\n';
    }
    for (const Trigger& trigger : table.triggers) {
        out << "  trigger " << quote_identifier(trigger.name) << ' ' << trigger.timing << ' '
            << joined(trigger.events, " or ");
        if (!trigger.update_columns.empty()) {
            out << " of " << quoted_list(&table, trigger.update_columns);
        }
        out << (trigger.for_each_row ? " for each row" : " for each statement");
        if (!trigger.when_sql.empty()) {
            out << " when (" << trigger.when_sql << ')';
        }
        out << " execute " << trigger.function << "()\n";
    }
    for (const RewriteRule& rule : table.rules) {
        out << "  rule " << quote_identifier(rule.name) << " on " << rule.event << (rule.instead ? " do instead" : "")
            << '\n';
    }
}

}  // namespace

json catalog_to_json(const Catalog& catalog) {
    json tables = json::array();
    json views = json::array();
    json sequences = json::array();
    for (const Relation* relation : catalog.relations()) {
        if (relation->is_table()) {
            tables.push_back(table_json(catalog, *relation));
        } else if (relation->kind == RelationKind::view || relation->kind == RelationKind::materialized_view) {
            json columns = json::array();
            for (const Column& column : relation->columns) {
                columns.push_back(json{{"name", column.name}, {"type", format_type(column.type)}});
            }
            views.push_back(json{{"schema", relation->schema},
                                 {"name", relation->name},
                                 {"materialized", relation->kind == RelationKind::materialized_view},
                                 {"columns", columns},
                                 {"reads", uses_json(catalog, relation->uses)},
                                 {"definition", relation->definition_sql}});
        } else if (relation->kind == RelationKind::sequence) {
            json item{{"schema", relation->schema}, {"name", relation->name},
                      {"type", format_type(relation->sequence_type)}};
            if (relation->owned_by.relation != 0) {
                item["owned_by"] = uses_text(catalog, relation->owned_by);
            }
            sequences.push_back(std::move(item));
        }
    }
    json types = json::array();
    for (const TypeDef* type : catalog.types()) {
        types.push_back(type_json(*type));
    }
    return json{{"schemas", catalog.schemas()},
                {"extensions", catalog.extensions()},
                {"tables", tables},
                {"views", views},
                {"sequences", sequences},
                {"types", types}};
}

void render_catalog_text(const Catalog& catalog, std::ostream& out) {
    out << "schemas: " << joined({catalog.schemas().begin(), catalog.schemas().end()}, ", ") << '\n';
    if (!catalog.extensions().empty()) {
        out << "extensions: " << joined({catalog.extensions().begin(), catalog.extensions().end()}, ", ") << '\n';
    }
    for (const TypeDef* type : catalog.types()) {
        out << '\n' << type_kind_name(type->kind) << ' ' << type->display();
        switch (type->kind) {
            case TypeKind::enumeration: {
                std::vector<std::string> values;
                for (const std::string& value : type->values) {
                    values.push_back("'" + value + "'");
                }
                out << " (" << joined(values, ", ") << ')';
                break;
            }
            case TypeKind::domain:
                out << " as " << format_type(type->base) << (type->not_null ? " not null" : "");
                if (!type->default_sql.empty()) {
                    out << " default " << type->default_sql;
                }
                for (const Constraint& check : type->constraints) {
                    out << " constraint " << quote_identifier(check.name) << " check (" << check.expression_sql << ')'
                        << (check.validated ? "" : " not valid");
                }
                break;
            case TypeKind::composite: {
                std::vector<std::string> attributes;
                for (const Column& attribute : type->attributes) {
                    attributes.push_back(quote_identifier(attribute.name) + " " + format_type(attribute.type));
                }
                out << " (" << joined(attributes, ", ") << ')';
                break;
            }
            case TypeKind::range: out << " of " << format_type(type->base); break;
        }
        out << '\n';
    }
    for (const Relation* relation : catalog.relations()) {
        if (relation->is_table()) {
            out << '\n';
            render_table_text(catalog, *relation, out);
        } else if (relation->kind == RelationKind::view || relation->kind == RelationKind::materialized_view) {
            out << '\n' << relation_kind_name(relation->kind) << ' ' << relation->display() << '\n';
            std::vector<std::string> columns;
            for (const Column& column : relation->columns) {
                columns.push_back(quote_identifier(column.name));
            }
            out << "  columns " << joined(columns, ", ") << '\n';
            std::vector<std::string> reads;
            for (const ColumnUse& use : relation->uses) {
                reads.push_back(uses_text(catalog, use));
            }
            if (!reads.empty()) {
                out << "  reads " << joined(reads, ", ") << '\n';
            }
        } else if (relation->kind == RelationKind::sequence) {
            out << '\n' << "sequence " << relation->display() << " as " << format_type(relation->sequence_type);
            if (relation->owned_by.relation != 0) {
                out << " owned by " << uses_text(catalog, relation->owned_by);
            }
            out << '\n';
        }
    }
}

}  // namespace migsafe
