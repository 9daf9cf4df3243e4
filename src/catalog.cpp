#include "migsafe/catalog.hpp"

#include <algorithm>

namespace migsafe {
namespace {

bool contains(const std::vector<int>& columns, int column) {
    return std::find(columns.begin(), columns.end(), column) != columns.end();
}

bool uses_column(const std::vector<ColumnUse>& uses, ObjectId relation, int column) {
    return std::find(uses.begin(), uses.end(), ColumnUse{relation, column}) != uses.end();
}

}  // namespace

std::string_view relation_kind_name(RelationKind kind) {
    switch (kind) {
        case RelationKind::table: return "table";
        case RelationKind::partitioned_table: return "partitioned table";
        case RelationKind::view: return "view";
        case RelationKind::materialized_view: return "materialized view";
        case RelationKind::index: return "index";
        case RelationKind::partitioned_index: return "partitioned index";
        case RelationKind::sequence: return "sequence";
        case RelationKind::foreign_table: return "foreign table";
    }
    return "relation";
}

std::string_view constraint_kind_name(ConstraintKind kind) {
    switch (kind) {
        case ConstraintKind::check: return "check";
        case ConstraintKind::primary_key: return "primary key";
        case ConstraintKind::unique: return "unique";
        case ConstraintKind::exclusion: return "exclusion";
        case ConstraintKind::foreign_key: return "foreign key";
    }
    return "constraint";
}

std::string_view type_kind_name(TypeKind kind) {
    switch (kind) {
        case TypeKind::enumeration: return "enum";
        case TypeKind::domain: return "domain";
        case TypeKind::composite: return "composite type";
        case TypeKind::range: return "range type";
    }
    return "type";
}

std::string index_key_options_sql(const IndexKey& key) {
    std::string text;
    if (!key.collation.empty()) {
        text += " COLLATE " + quote_identifier(key.collation);
    }
    if (!key.opclass.empty()) {
        text += " " + key.opclass;
    }
    if (key.descending) {
        text += " DESC";
    }
    if (!key.nulls.empty()) {
        text += key.nulls == "first" ? " NULLS FIRST" : " NULLS LAST";
    }
    return text;
}

std::string_view dependent_kind_name(DependentKind kind) {
    switch (kind) {
        case DependentKind::view: return "view";
        case DependentKind::materialized_view: return "materialized view";
        case DependentKind::policy: return "policy";
        case DependentKind::rule: return "rule";
        case DependentKind::generated_column: return "generated column";
        case DependentKind::trigger: return "trigger";
        case DependentKind::foreign_key: return "foreign key";
        case DependentKind::index: return "index";
        case DependentKind::check_constraint: return "check constraint";
    }
    return "object";
}

const Column* Relation::find_column(std::string_view column_name) const {
    for (const Column& candidate : columns) {
        if (candidate.name == column_name) {
            return &candidate;
        }
    }
    return nullptr;
}

const Column* Relation::column(int number) const {
    for (const Column& candidate : columns) {
        if (candidate.number == number) {
            return &candidate;
        }
    }
    return nullptr;
}

const Constraint* Relation::find_constraint(std::string_view constraint_name) const {
    for (const Constraint& candidate : constraints) {
        if (candidate.name == constraint_name) {
            return &candidate;
        }
    }
    return nullptr;
}

const Policy* Relation::find_policy(std::string_view policy_name) const {
    for (const Policy& candidate : policies) {
        if (candidate.name == policy_name) {
            return &candidate;
        }
    }
    return nullptr;
}

Catalog::Catalog() : m_schemas{"public"} { start_session(); }

void Catalog::start_session() {
    m_search_path = {"public"};
    m_utc_session = false;
}

const Relation* Catalog::relation(ObjectId id) const {
    auto found = m_relations.find(id);
    return found == m_relations.end() ? nullptr : found->second.get();
}

const Relation* Catalog::find_relation(const QualifiedName& name) const {
    if (name.empty()) {
        return nullptr;
    }
    if (!name.schema.empty()) {
        auto found = m_relation_names.find(name.schema + "." + name.name);
        return found == m_relation_names.end() ? nullptr : relation(found->second);
    }
    for (const std::string& schema : m_search_path) {
        if (auto found = m_relation_names.find(schema + "." + name.name); found != m_relation_names.end()) {
            return relation(found->second);
        }
    }
    return nullptr;
}

const Relation* Catalog::table_of_statistics(const QualifiedName& name) const {
    const std::vector<std::string> schemas = name.schema.empty() ? m_search_path : std::vector{name.schema};
    for (const std::string& schema : schemas) {
        const QualifiedName wanted{schema, name.name};
        for (const auto& [id, candidate] : m_relations) {
            if (std::find(candidate->statistics.begin(), candidate->statistics.end(), wanted) !=
                candidate->statistics.end()) {
                return candidate.get();
            }
        }
    }
    return nullptr;
}

const TypeDef* Catalog::find_type(const QualifiedName& name) const {
    if (name.empty()) {
        return nullptr;
    }
    auto lookup = [&](const std::string& key) -> const TypeDef* {
        auto found = m_type_names.find(key);
        if (found == m_type_names.end()) {
            return nullptr;
        }
        auto type = m_types.find(found->second);
        return type == m_types.end() ? nullptr : type->second.get();
    };
    if (!name.schema.empty()) {
        return lookup(name.schema + "." + name.name);
    }
    for (const std::string& schema : m_search_path) {
        if (const TypeDef* type = lookup(schema + "." + name.name); type != nullptr) {
            return type;
        }
    }
    return nullptr;
}

const TypeDef* Catalog::find_type(const ColumnType& type) const {
    if (type.empty()) {
        return nullptr;
    }
    // Built-in names resolve to pg_catalog first, as PostgreSQL's search_path does.
    if (type.schema.empty()) {
        static const std::set<std::string, std::less<>> k_builtin = {
            "bool", "bytea", "char", "int2", "int4", "int8", "float4", "float8", "numeric", "text", "varchar",
            "bpchar", "date", "time", "timetz", "timestamp", "timestamptz", "interval", "uuid", "json", "jsonb",
            "inet", "cidr", "macaddr", "bit", "varbit", "money", "oid", "xml", "tsvector", "tsquery", "name"};
        if (k_builtin.count(type.name) != 0) {
            return nullptr;
        }
    }
    return find_type(QualifiedName{type.schema, type.name});
}

std::vector<const Relation*> Catalog::relations() const {
    std::vector<const Relation*> result;
    result.reserve(m_relation_names.size());
    for (const auto& [key, id] : m_relation_names) {
        if (const Relation* found = relation(id); found != nullptr) {
            result.push_back(found);
        }
    }
    return result;
}

std::vector<const TypeDef*> Catalog::types() const {
    std::vector<const TypeDef*> result;
    for (const auto& [key, id] : m_type_names) {
        if (auto found = m_types.find(id); found != m_types.end()) {
            result.push_back(found->second.get());
        }
    }
    return result;
}

std::vector<const Relation*> Catalog::relations_naming(ObjectId target) const {
    std::vector<const Relation*> result;
    const RelationMentions::Namers& recorded = m_mentions.namers_of(target);
    if (m_edited.empty()) {
        result.reserve(recorded.size());
        for (const auto& [key, id] : recorded) {
            if (const Relation* found = relation(id); found != nullptr) {
                result.push_back(found);
            }
        }
        return result;
    }
    // Mid-statement: what was recorded for an edited relation may be stale, so
    // look at its current definition and merge it in by name.
    std::vector<std::pair<std::string, const Relation*>> edited;
    for (ObjectId id : m_edited) {
        const Relation* found = relation(id);
        if (found == nullptr) {
            continue;
        }
        const std::vector<ObjectId> named = relations_named_by(*found);
        if (std::binary_search(named.begin(), named.end(), target)) {
            edited.emplace_back(found->display(), found);
        }
    }
    std::sort(edited.begin(), edited.end());
    auto next_edited = edited.begin();
    for (const auto& [key, id] : recorded) {
        if (m_edited.count(id) != 0) {
            continue;
        }
        for (; next_edited != edited.end() && next_edited->first < key; ++next_edited) {
            result.push_back(next_edited->second);
        }
        if (const Relation* found = relation(id); found != nullptr) {
            result.push_back(found);
        }
    }
    for (; next_edited != edited.end(); ++next_edited) {
        result.push_back(next_edited->second);
    }
    return result;
}

void Catalog::record_edited_relations() {
    for (ObjectId id : m_edited) {
        if (const Relation* found = relation(id); found != nullptr) {
            m_mentions.record(*found);
            m_constraint_names.record(*found);
        } else {
            m_mentions.forget(id);
            m_constraint_names.forget(id);
        }
    }
    m_edited.clear();
}

std::vector<const Relation*> Catalog::indexes_of(ObjectId table) const {
    std::vector<const Relation*> result;
    for (const Relation* candidate : relations_naming(table)) {
        if (candidate->is_index() && candidate->index.table == table) {
            result.push_back(candidate);
        }
    }
    return result;
}

std::vector<const Relation*> Catalog::partitions_of(ObjectId table) const {
    std::vector<const Relation*> result;
    for (const Relation* candidate : relations_naming(table)) {
        if (candidate->partition_of == table) {
            result.push_back(candidate);
        }
    }
    return result;
}

std::vector<std::pair<const Relation*, const Constraint*>> Catalog::foreign_keys_to(ObjectId table) const {
    std::vector<std::pair<const Relation*, const Constraint*>> result;
    for (const Relation* candidate : relations_naming(table)) {
        for (const Constraint& constraint : candidate->constraints) {
            if (constraint.kind == ConstraintKind::foreign_key && constraint.referenced == table) {
                result.emplace_back(candidate, &constraint);
            }
        }
    }
    return result;
}

std::string Catalog::describe(const ColumnDependent& dependent) const {
    const std::string kind{dependent_kind_name(dependent.kind)};
    const Relation* holder = relation(dependent.relation);
    if (dependent.kind == DependentKind::view || dependent.kind == DependentKind::materialized_view) {
        return kind + " " + (holder != nullptr ? holder->display() : dependent.name);
    }
    return kind + " " + dependent.name + (holder != nullptr ? " on " + holder->display() : "");
}

std::vector<ColumnDependent> Catalog::dependents_of(ObjectId table, int column) const {
    std::vector<ColumnDependent> result;
    const Relation* owner = relation(table);
    if (owner == nullptr) {
        return result;
    }
    const std::vector<const Relation*> naming = relations_naming(table);
    for (const Relation* candidate : naming) {
        if ((candidate->kind == RelationKind::view || candidate->kind == RelationKind::materialized_view) &&
            uses_column(candidate->uses, table, column)) {
            result.push_back(ColumnDependent{candidate->kind == RelationKind::view ? DependentKind::view
                                                                                    : DependentKind::materialized_view,
                                             candidate->id, candidate->name, false});
        }
    }
    for (const Relation* candidate : naming) {
        for (const Policy& policy : candidate->policies) {
            if (uses_column(policy.uses, table, column)) {
                result.push_back(ColumnDependent{DependentKind::policy, candidate->id, policy.name, false});
            }
        }
        for (const RewriteRule& rule : candidate->rules) {
            if (uses_column(rule.uses, table, column)) {
                result.push_back(ColumnDependent{DependentKind::rule, candidate->id, rule.name, false});
            }
        }
    }
    for (const Column& other : owner->columns) {
        if (contains(other.generated_uses, column) && other.number != column) {
            result.push_back(ColumnDependent{DependentKind::generated_column, table, other.name, false});
        }
    }
    for (const Trigger& trigger : owner->triggers) {
        if (contains(trigger.when_columns, column) || contains(trigger.update_columns, column)) {
            result.push_back(ColumnDependent{DependentKind::trigger, table, trigger.name, false});
        }
    }
    // The table's own foreign keys count too, in name order among the others.
    std::vector<const Relation*> with_owner = naming;
    if (std::find(with_owner.begin(), with_owner.end(), owner) == with_owner.end()) {
        const std::string owner_key = owner->display();
        auto position = std::find_if(with_owner.begin(), with_owner.end(),
                                     [&](const Relation* other) { return owner_key < other->display(); });
        with_owner.insert(position, owner);
    }
    for (const Relation* candidate : with_owner) {
        for (const Constraint& constraint : candidate->constraints) {
            if (constraint.kind != ConstraintKind::foreign_key) {
                continue;
            }
            if (constraint.referenced == table && contains(constraint.referenced_columns, column)) {
                result.push_back(ColumnDependent{DependentKind::foreign_key, candidate->id, constraint.name, true});
            } else if (candidate->id == table && contains(constraint.columns, column)) {
                result.push_back(ColumnDependent{DependentKind::foreign_key, table, constraint.name, false});
            }
        }
    }
    for (const Relation* index : indexes_of(table)) {
        bool uses = contains(index->index.include, column) || contains(index->index.predicate_columns, column);
        for (const IndexKey& key : index->index.keys) {
            uses = uses || key.column == column || contains(key.expression_columns, column);
        }
        if (uses) {
            result.push_back(ColumnDependent{DependentKind::index, table, index->name, false});
        }
    }
    for (const Constraint& constraint : owner->constraints) {
        if (constraint.kind == ConstraintKind::check && contains(constraint.expression_columns, column)) {
            result.push_back(ColumnDependent{DependentKind::check_constraint, table, constraint.name, false});
        }
    }
    return result;
}

const Constraint* Catalog::not_null_check(ObjectId table, int column, const std::set<std::string>& ignored) const {
    const Relation* owner = relation(table);
    if (owner == nullptr) {
        return nullptr;
    }
    for (const Constraint& constraint : owner->constraints) {
        if (constraint.kind == ConstraintKind::check && constraint.validated &&
            contains(constraint.not_null_columns, column) && ignored.count(constraint.name) == 0) {
            return &constraint;
        }
    }
    return nullptr;
}

}  // namespace migsafe
