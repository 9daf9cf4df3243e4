#include "migsafe/column_swap.hpp"

#include <algorithm>
#include <optional>

#include "migsafe/ast.hpp"
#include "migsafe/pg_types.hpp"

namespace migsafe {
namespace {

constexpr std::size_t k_max_identifier = 63;

bool contains(const std::vector<int>& numbers, int number) {
    return std::find(numbers.begin(), numbers.end(), number) != numbers.end();
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

// `name` with a suffix, kept within PostgreSQL's identifier length.
std::string suffixed(const std::string& name, const std::string& suffix) {
    return name.substr(0, k_max_identifier - suffix.size()) + suffix;
}

// Quoted column names; the swapped column is named `new_column` (before the switch).
std::string column_list(const Relation& table, const std::vector<int>& numbers, int swapped,
                        const std::string& new_column) {
    std::string text;
    for (const int number : numbers) {
        const Column* column = table.column(number);
        text += (text.empty() ? "" : ", ") +
                quote_identifier(number == swapped ? new_column : column != nullptr ? column->name : "?");
    }
    return text;
}

std::string action_name(char action) {
    switch (action) {
    case 'r':
        return "RESTRICT";
    case 'c':
        return "CASCADE";
    case 'n':
        return "SET NULL";
    case 'd':
        return "SET DEFAULT";
    default:
        return "NO ACTION";
    }
}

// REFERENCES and what follows it, as the key was declared.
std::string references_clause(const Catalog& catalog, const Constraint& key, int swapped_in_referenced,
                              const std::string& new_column) {
    const Relation* referenced = catalog.relation(key.referenced);
    std::string text = " REFERENCES " + (referenced != nullptr ? quote_name(referenced->qualified()) : "?");
    if (!key.referenced_columns.empty() && referenced != nullptr) {
        text += " (" + column_list(*referenced, key.referenced_columns, swapped_in_referenced, new_column) + ")";
    }
    if (key.match == 'f') {
        text += " MATCH FULL";
    }
    if (key.on_update != 'a') {
        text += " ON UPDATE " + action_name(key.on_update);
    }
    if (key.on_delete != 'a') {
        text += " ON DELETE " + action_name(key.on_delete);
    }
    if (key.deferrable) {
        text += key.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
    }
    return text;
}

// Key columns compare across these types with the same btree family, so a
// foreign key between them works; anything else must match exactly.
std::string key_family(const ColumnType& type) {
    const ColumnType plain = without_modifiers(type);
    if (!plain.is_array && plain.builtin()) {
        if (plain.name == "int2" || plain.name == "int4" || plain.name == "int8") {
            return "integer";
        }
        if (plain.name == "text" || plain.name == "varchar" || plain.name == "bpchar") {
            return "text";
        }
    }
    return format_type(plain);
}

// CREATE INDEX CONCURRENTLY for the same index on the new column; nullopt when
// an expression or the predicate reads the column (they name it in SQL text).
std::optional<std::string> index_on_new_column(const Relation& table, const Relation& index, int column,
                                               const std::string& new_column, const std::string& new_name) {
    const IndexInfo& info = index.index;
    if (contains(info.predicate_columns, column)) {
        return std::nullopt;
    }
    std::string keys;
    for (const IndexKey& key : info.keys) {
        std::string text;
        if (key.column != 0) {
            const Column* key_column = table.column(key.column);
            text = quote_identifier(key.column == column ? new_column : key_column != nullptr ? key_column->name : "?");
        } else if (contains(key.expression_columns, column)) {
            return std::nullopt;
        } else {
            text = "(" + key.expression_sql + ")";
        }
        keys += (keys.empty() ? "" : ", ") + text + index_key_options_sql(key);
    }
    std::string sql = std::string{"CREATE "} + (info.unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS " +
                      quote_identifier(new_name) + " ON " + quote_name(table.qualified()) +
                      (info.method != "btree" ? " USING " + info.method : "") + " (" + keys + ")";
    if (!info.include.empty()) {
        sql += " INCLUDE (" + column_list(table, info.include, column, new_column) + ")";
    }
    if (info.nulls_not_distinct) {
        sql += " NULLS NOT DISTINCT";
    }
    if (!info.predicate_sql.empty()) {
        sql += " WHERE " + info.predicate_sql;
    }
    return sql + ";";
}

class SwapBuilder {
public:
    SwapBuilder(const Catalog& catalog, const Relation& table, const Column& column, const std::string& new_column,
                const ColumnType& new_type)
        : m_catalog(catalog), m_table(table), m_column(column), m_new_column(new_column), m_new_type(new_type),
          m_table_sql(quote_name(table.qualified())) {}

    ColumnSwap build() {
        not_null_and_default();
        // Indexes first: a key of another table can only follow a unique index that moved.
        std::vector<ColumnDependent> dependents = m_catalog.dependents_of(m_table.id, m_column.number);
        std::stable_partition(dependents.begin(), dependents.end(),
                              [](const ColumnDependent& dependent) { return dependent.kind == DependentKind::index; });
        for (const ColumnDependent& dependent : dependents) {
            const Relation* holder = m_catalog.relation(dependent.relation);
            if (holder == nullptr) {
                continue;
            }
            switch (dependent.kind) {
            case DependentKind::index:
                index(dependent.name);
                break;
            case DependentKind::foreign_key:
                if (const Constraint* key = holder->find_constraint(dependent.name); key != nullptr) {
                    dependent.references_column ? key_in(*holder, *key) : key_out(*key);
                }
                break;
            case DependentKind::check_constraint:
                if (const Constraint* check = holder->find_constraint(dependent.name); check != nullptr) {
                    check_constraint(*check);
                }
                break;
            case DependentKind::policy:
                if (const Policy* policy = holder->find_policy(dependent.name); policy != nullptr) {
                    recreate_policy(*holder, *policy);
                }
                break;
            case DependentKind::view:
                recreate_view(*holder);
                break;
            default:
                m_swap.manual.push_back(std::string{dependent_kind_name(dependent.kind)} + " " + dependent.name +
                                        " on " + holder->display() + " reads " + m_column.name +
                                        ": recreate it against the new column in the switch");
            }
        }
        m_swap.on_switch.insert(m_swap.on_switch.begin(), m_drop_first.begin(), m_drop_first.end());
        m_swap.on_switch.insert(m_swap.on_switch.end(), m_add_last.begin(), m_add_last.end());
        return std::move(m_swap);
    }

private:
    std::string alter_table() const { return "ALTER TABLE " + m_table_sql; }

    // NOT NULL moves through a validated CHECK, so SET NOT NULL in the switch skips the scan.
    void not_null_and_default() {
        if (m_column.not_null) {
            const std::string check = quote_identifier(suffixed(m_table.name + "_" + m_new_column, "_not_null"));
            m_swap.expand.push_back(alter_table() + " ADD CONSTRAINT " + check + " CHECK (" +
                                    quote_identifier(m_new_column) + " IS NOT NULL) NOT VALID;");
            m_swap.build.push_back(alter_table() + " VALIDATE CONSTRAINT " + check + ";");
            m_swap.on_switch.push_back(alter_table() + " ALTER COLUMN " + quote_identifier(m_column.name) +
                                       " SET NOT NULL;");
            m_swap.on_switch.push_back(alter_table() + " DROP CONSTRAINT " + check + ";");
        }
        if (m_column.identity != Identity::none) {
            m_swap.manual.push_back(m_column.name + " is an identity column: add the identity to the new column "
                                                    "in the switch and set its sequence past the highest value");
        } else if (!m_column.default_sql.empty()) {
            m_swap.on_switch.push_back(alter_table() + " ALTER COLUMN " + quote_identifier(m_column.name) +
                                       " SET DEFAULT " + m_column.default_sql + ";");
        }
        for (const Relation* relation : m_catalog.relations_naming(m_table.id)) {
            if (relation->kind == RelationKind::sequence && relation->owned_by == ColumnUse{m_table.id, m_column.number}) {
                // Dropping the old column would drop a sequence it owns.
                m_swap.on_switch.push_back("ALTER SEQUENCE " + quote_name(relation->qualified()) + " OWNED BY " +
                                           m_table_sql + "." + quote_identifier(m_column.name) + ";");
            }
        }
    }

    void index(const std::string& name) {
        const std::vector<const Relation*> indexes = m_catalog.indexes_of(m_table.id);
        const auto found = std::find_if(indexes.begin(), indexes.end(),
                                        [&](const Relation* candidate) { return candidate->name == name; });
        if (found == indexes.end()) {
            return;
        }
        const Relation& old_index = **found;
        const std::string new_name = suffixed(old_index.name, "_new");
        const std::optional<std::string> create =
            m_table.kind == RelationKind::partitioned_table
                ? std::nullopt
                : index_on_new_column(m_table, old_index, m_column.number, m_new_column, new_name);
        const Constraint* constraint =
            old_index.index.constraint.empty() ? nullptr : m_table.find_constraint(old_index.index.constraint);
        if (!create || (constraint != nullptr && constraint->kind == ConstraintKind::exclusion)) {
            m_unique_index_unmoved = m_unique_index_unmoved || old_index.index.unique;
            m_swap.manual.push_back("index " + old_index.name + " on " + m_table.display() +
                                    " names " + m_column.name + " in an expression, a predicate, an exclusion "
                                    "constraint or a partitioned table: build its copy on the new column yourself");
            return;
        }
        m_swap.build.push_back(*create);
        const std::string old_sql = quote_name(QualifiedName{old_index.schema, old_index.name});
        if (constraint != nullptr) {
            m_swap.on_switch.push_back(alter_table() + " DROP CONSTRAINT " + quote_identifier(constraint->name) + ";");
            m_swap.on_switch.push_back(alter_table() + " ADD CONSTRAINT " + quote_identifier(constraint->name) +
                                       (constraint->kind == ConstraintKind::primary_key ? " PRIMARY KEY" : " UNIQUE") +
                                       " USING INDEX " + quote_identifier(new_name) + ";");
        } else {
            m_swap.on_switch.push_back("DROP INDEX " + old_sql + ";");
            m_swap.on_switch.push_back("ALTER INDEX " + quote_name(QualifiedName{old_index.schema, new_name}) +
                                       " RENAME TO " + quote_identifier(old_index.name) + ";");
        }
    }

    // This column's own key: a NOT VALID copy on the new column, validated before the switch.
    void key_out(const Constraint& key) {
        const Relation* referenced = m_catalog.relation(key.referenced);
        for (std::size_t i = 0; referenced != nullptr && i < key.columns.size(); ++i) {
            const Column* target = i < key.referenced_columns.size() ? referenced->column(key.referenced_columns[i])
                                                                     : nullptr;
            if (key.columns[i] == m_column.number && target != nullptr &&
                key_family(target->type) != key_family(m_new_type)) {
                m_swap.manual.push_back("foreign key " + key.name + " references " + referenced->display() + "." +
                                        target->name + ", which is " + format_type(target->type) +
                                        ": change that column first, or drop the key");
                return;
            }
        }
        const std::string copy = quote_identifier(suffixed(key.name, "_new"));
        m_swap.build.push_back(alter_table() + " ADD CONSTRAINT " + copy + " FOREIGN KEY (" +
                               column_list(m_table, key.columns, m_column.number, m_new_column) + ")" +
                               references_clause(m_catalog, key, 0, m_new_column) + " NOT VALID;");
        m_swap.build.push_back(alter_table() + " VALIDATE CONSTRAINT " + copy + ";");
        // IF EXISTS: the switch of the referenced column drops the key when the types cannot hold it.
        m_swap.on_switch.push_back(alter_table() + " DROP CONSTRAINT IF EXISTS " + quote_identifier(key.name) + ";");
        m_swap.on_switch.push_back(alter_table() + " RENAME CONSTRAINT " + copy + " TO " +
                                   quote_identifier(key.name) + ";");
    }

    // Another table's key to this column: dropped before the old unique index goes,
    // recreated NOT VALID after the new one is in place, validated after the switch.
    void key_in(const Relation& holder, const Constraint& key) {
        for (std::size_t i = 0; i < key.columns.size() && i < key.referenced_columns.size(); ++i) {
            const Column* source = holder.column(key.columns[i]);
            if (key.referenced_columns[i] == m_column.number && source != nullptr &&
                key_family(source->type) != key_family(m_new_type)) {
                // The key cannot hold across the two types: it is dropped here and comes
                // back once the referencing column has made the same change.
                m_drop_first.push_back("ALTER TABLE " + quote_name(holder.qualified()) + " DROP CONSTRAINT " +
                                       quote_identifier(key.name) + ";");
                m_swap.manual.push_back("foreign key " + key.name + " cannot hold between " +
                                        format_type(m_new_type) + " and " + holder.display() + "." + source->name +
                                        " (" + format_type(source->type) + "), so the switch drops it: change " +
                                        source->name + " to " + format_type(m_new_type) +
                                        " too, later in this migration (its plan adds the key back)");
                return;
            }
        }
        if (holder.id == m_table.id || m_unique_index_unmoved) {
            m_swap.manual.push_back("foreign key " + key.name + " on " + holder.display() +
                                    ": recreate it against the new column in the switch");
            return;
        }
        const std::string holder_sql = "ALTER TABLE " + quote_name(holder.qualified());
        m_drop_first.push_back(holder_sql + " DROP CONSTRAINT " + quote_identifier(key.name) + ";");
        m_add_last.push_back(holder_sql + " ADD CONSTRAINT " + quote_identifier(key.name) + " FOREIGN KEY (" +
                             column_list(holder, key.columns, 0, "") + ")" +
                             references_clause(m_catalog, key, 0, "") + " NOT VALID;");
        if (key.validated) {
            m_swap.validate.push_back(holder_sql + " VALIDATE CONSTRAINT " + quote_identifier(key.name) + ";");
        }
    }

    // After the rename the expression's text names the new column.
    void check_constraint(const Constraint& check) {
        caution_recreated("check constraint " + check.name);
        const std::string name = quote_identifier(check.name);
        m_swap.on_switch.push_back(alter_table() + " DROP CONSTRAINT " + name + ";");
        m_swap.on_switch.push_back(alter_table() + " ADD CONSTRAINT " + name + " CHECK (" + check.expression_sql +
                                   ") NOT VALID;");
        if (check.validated) {
            m_swap.validate.push_back(alter_table() + " VALIDATE CONSTRAINT " + name + ";");
        }
    }

    // Policies, views and CHECKs come back from their SQL text; across type families
    // (uuid to varchar) an operator in that text may no longer exist.
    void caution_recreated(const std::string& what) {
        if (key_family(m_column.type) != key_family(m_new_type)) {
            m_swap.manual.push_back(what + " is recreated from its text in the switch: check that it still works "
                                           "on " + format_type(m_new_type));
        }
    }

    void recreate_policy(const Relation& holder, const Policy& policy) {
        caution_recreated("policy " + policy.name + " on " + holder.display());
        const std::string on = " ON " + quote_name(holder.qualified());
        std::string create = "CREATE POLICY " + quote_identifier(policy.name) + on;
        if (!policy.permissive) {
            create += " AS RESTRICTIVE";
        }
        if (policy.command != "all") {
            create += " FOR " + upper(policy.command);
        }
        if (!policy.roles.empty()) {
            std::string roles;
            for (const std::string& role : policy.roles) {
                const bool keyword = role == "public" || role == "current_user" || role == "session_user" ||
                                     role == "current_role";
                roles += (roles.empty() ? "" : ", ") + (keyword ? upper(role) : quote_identifier(role));
            }
            create += " TO " + roles;
        }
        if (!policy.using_sql.empty()) {
            create += " USING (" + policy.using_sql + ")";
        }
        if (!policy.check_sql.empty()) {
            create += " WITH CHECK (" + policy.check_sql + ")";
        }
        m_swap.on_switch.push_back("DROP POLICY " + quote_identifier(policy.name) + on + ";");
        m_swap.on_switch.push_back(create + ";");
    }

    void recreate_view(const Relation& view) {
        const std::vector<const Relation*> naming = m_catalog.relations_naming(view.id);
        const bool read_by_views = std::any_of(naming.begin(), naming.end(), [&](const Relation* other) {
            return std::any_of(other->uses.begin(), other->uses.end(),
                               [&](const ColumnUse& use) { return use.relation == view.id; });
        });
        if (read_by_views || view.definition_sql.empty()) {
            m_swap.manual.push_back("view " + view.display() + " reads " + m_column.name +
                                    (read_by_views ? " and other views read it" : "") +
                                    ": drop and recreate it in the switch");
            return;
        }
        caution_recreated("view " + view.display());
        const std::string name = quote_name(view.qualified());
        m_swap.on_switch.push_back("DROP VIEW " + name + ";");
        m_swap.on_switch.push_back("CREATE VIEW " + name + " AS " + view.definition_sql + ";");
        m_swap.manual.push_back("the switch recreates view " + view.display() +
                                ", which drops its privileges: add its GRANT statements to the switch");
    }

    const Catalog& m_catalog;
    const Relation& m_table;
    const Column& m_column;
    const std::string& m_new_column;
    const ColumnType& m_new_type;
    const std::string m_table_sql;
    ColumnSwap m_swap;
    std::vector<std::string> m_drop_first;  // keys of other tables, before the old unique index goes
    std::vector<std::string> m_add_last;    // and back, after the new one is in place
    bool m_unique_index_unmoved = false;
};

}  // namespace

ColumnSwap plan_column_swap(const Catalog& catalog, const Relation& table, const Column& column,
                            const std::string& new_column, const ColumnType& new_type) {
    return SwapBuilder{catalog, table, column, new_column, new_type}.build();
}

}  // namespace migsafe
