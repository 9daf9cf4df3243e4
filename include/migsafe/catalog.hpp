// The catalog: the database as migsafe believes it to be after replaying a
// schema dump and earlier migrations, with the dependencies between objects.
// Copies share unchanged objects, so a snapshot per file is cheap.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/constraint_names.hpp"
#include "migsafe/pg_types.hpp"
#include "migsafe/relation_mentions.hpp"

namespace migsafe {

struct Statement;

// A stable identity that survives renames (PostgreSQL's oid); 0 is none.
using ObjectId = std::uint32_t;

// One column of one relation, by attribute number (stable across renames).
struct ColumnUse {
    ObjectId relation = 0;
    int column = 0;
    friend auto operator<=>(const ColumnUse&, const ColumnUse&) = default;
};

enum class RelationKind : std::uint8_t {
    table,
    partitioned_table,
    view,
    materialized_view,
    index,
    partitioned_index,
    sequence,
    foreign_table,
};
[[nodiscard]] std::string_view relation_kind_name(RelationKind kind);  // "partitioned table"

enum class Identity : std::uint8_t { none, always, by_default };

struct Column {
    int number = 0;
    std::string name;
    ColumnType type;
    bool not_null = false;
    std::string default_sql;          // empty: no default
    Identity identity = Identity::none;
    std::string generated_sql;        // GENERATED ALWAYS AS (...) STORED
    std::vector<int> generated_uses;  // columns of the same table the generation expression reads
    std::string collation;
};

enum class ConstraintKind : std::uint8_t { check, primary_key, unique, exclusion, foreign_key };
[[nodiscard]] std::string_view constraint_kind_name(ConstraintKind kind);  // "primary key"

struct Constraint {
    std::string name;
    ConstraintKind kind = ConstraintKind::check;
    std::vector<int> columns;             // key columns
    std::string expression_sql;           // a CHECK's expression
    std::vector<int> expression_columns;  // columns a CHECK reads
    std::vector<int> not_null_columns;    // columns a CHECK proves NOT NULL (`c IS NOT NULL`, alone or ANDed)
    bool validated = true;
    bool deferrable = false;
    bool initially_deferred = false;
    ObjectId index = 0;                   // the index behind a primary key, unique or exclusion constraint
    // Foreign keys: the referenced table and columns, and the actions (PostgreSQL's letters).
    ObjectId referenced = 0;
    std::vector<int> referenced_columns;
    char on_update = 'a';
    char on_delete = 'a';
    char match = 's';
};

struct IndexKey {
    // The index column's own name: the table column's, or one PostgreSQL figured
    // for the expression ("lower", "expr"); clones of the index are named from it.
    std::string name;
    int column = 0;                       // 0 for an expression
    std::string expression_sql;
    std::vector<int> expression_columns;
    std::string opclass;
    std::string collation;
    bool descending = false;
    std::string nulls;                    // "first", "last" or empty
};

// What follows a key's column or expression in CREATE INDEX:
// ` COLLATE "C" text_pattern_ops DESC NULLS LAST`.
[[nodiscard]] std::string index_key_options_sql(const IndexKey& key);

struct IndexInfo {
    ObjectId table = 0;
    std::string method = "btree";
    bool unique = false;
    bool primary = false;
    bool nulls_not_distinct = false;
    std::vector<IndexKey> keys;
    std::vector<int> include;
    std::string predicate_sql;            // partial index WHERE
    std::vector<int> predicate_columns;
    ObjectId parent = 0;                  // the partitioned index this one is attached to
    std::string constraint;               // the constraint it implements, if any
    bool clustered = false;               // CLUSTER ON: a bare CLUSTER rewrites the table in its order
};

struct Policy {
    std::string name;
    std::string command = "all";          // all, select, insert, update, delete
    bool permissive = true;
    std::vector<std::string> roles;
    std::string using_sql;
    std::string check_sql;
    std::vector<ColumnUse> uses;          // columns its expressions read, on any table
};

struct Trigger {
    std::string name;
    std::string timing;                   // before, after, instead of
    std::vector<std::string> events;      // insert, update, delete, truncate
    bool for_each_row = false;
    std::vector<int> update_columns;      // UPDATE OF
    std::string when_sql;
    std::vector<int> when_columns;
    std::string function;
};

struct RewriteRule {
    std::string name;
    std::string event;                    // select, insert, update, delete
    bool instead = false;
    std::vector<ColumnUse> uses;
};

struct Partitioning {
    std::string strategy;                 // range, list, hash
    std::vector<int> key_columns;         // 0 for an expression
    std::vector<std::string> key_sql;
};

struct Relation {
    ObjectId id = 0;
    std::string schema;
    std::string name;
    RelationKind kind = RelationKind::table;
    // False when migsafe only saw the relation altered, never created: it may have
    // columns and constraints migsafe does not know.
    bool complete = true;
    bool unlogged = false;

    std::vector<Column> columns;
    int last_column_number = 0;
    std::vector<Constraint> constraints;
    std::vector<Policy> policies;
    std::vector<Trigger> triggers;
    std::vector<RewriteRule> rules;
    std::vector<QualifiedName> statistics;  // extended statistics on the table (CREATE STATISTICS)
    bool row_security = false;
    bool force_row_security = false;

    std::optional<Partitioning> partitioning;  // a partitioned table's key
    ObjectId partition_of = 0;
    std::string partition_bound_sql;           // FOR VALUES ..., or DEFAULT
    std::vector<ObjectId> inherits;
    ObjectId of_type = 0;                      // a typed table (CREATE TABLE ... OF type): its composite type

    std::string definition_sql;                // views and materialized views
    std::vector<ColumnUse> uses;               // the columns a view reads

    IndexInfo index;                           // indexes

    ColumnType sequence_type;                  // sequences
    ColumnUse owned_by;

    [[nodiscard]] QualifiedName qualified() const { return QualifiedName{schema, name}; }
    // "public.users"
    [[nodiscard]] std::string display() const { return schema + "." + name; }
    [[nodiscard]] bool is_table() const {
        return kind == RelationKind::table || kind == RelationKind::partitioned_table ||
               kind == RelationKind::foreign_table;
    }
    [[nodiscard]] bool is_index() const {
        return kind == RelationKind::index || kind == RelationKind::partitioned_index;
    }
    [[nodiscard]] const Column* find_column(std::string_view column_name) const;
    [[nodiscard]] const Column* column(int number) const;
    [[nodiscard]] const Constraint* find_constraint(std::string_view constraint_name) const;
    [[nodiscard]] const Policy* find_policy(std::string_view policy_name) const;
};

enum class TypeKind : std::uint8_t { enumeration, domain, composite, range };
[[nodiscard]] std::string_view type_kind_name(TypeKind kind);

struct TypeDef {
    ObjectId id = 0;
    std::string schema;
    std::string name;
    TypeKind kind = TypeKind::enumeration;
    std::vector<std::string> values;           // enum labels in order
    ColumnType base;                           // a domain's base type; a range's subtype
    bool not_null = false;                     // domains
    std::string default_sql;
    std::vector<Constraint> constraints;       // a domain's CHECKs
    std::vector<Column> attributes;            // composite types

    [[nodiscard]] std::string display() const { return schema + "." + name; }
};

enum class DependentKind : std::uint8_t {
    view,
    materialized_view,
    policy,
    rule,
    generated_column,
    trigger,
    foreign_key,
    index,
    check_constraint,
};
[[nodiscard]] std::string_view dependent_kind_name(DependentKind kind);  // "materialized view"

// An object that depends on a column.
struct ColumnDependent {
    DependentKind kind = DependentKind::view;
    ObjectId relation = 0;   // the view itself, or the table holding the policy, key, index ...
    std::string name;        // the view, policy, constraint, index, trigger, rule or column name
    // Foreign keys: true when another key references this column, false when this
    // column's own key references another table.
    bool references_column = false;
};

class CatalogEditor;
class CatalogChange;

class Catalog {
public:
    Catalog();

    // Applies one statement; what migsafe does not model leaves the catalog unchanged.
    // `change`, when given, keeps the relations as they were before it.
    void apply(const Statement& statement, CatalogChange* change = nullptr);
    // A new session: search_path and TimeZone back to the server defaults.
    void start_session();

    // Lookups resolve unqualified names through the session's search_path.
    [[nodiscard]] const Relation* find_relation(const QualifiedName& name) const;
    [[nodiscard]] const Relation* relation(ObjectId id) const;
    // The table extended statistics `name` are on.
    [[nodiscard]] const Relation* table_of_statistics(const QualifiedName& name) const;
    [[nodiscard]] const TypeDef* find_type(const QualifiedName& name) const;
    // The type a column type names, when it is an enum, domain, composite or range migsafe knows.
    [[nodiscard]] const TypeDef* find_type(const ColumnType& type) const;

    // Everything, ordered by schema then name.
    [[nodiscard]] std::vector<const Relation*> relations() const;
    [[nodiscard]] std::vector<const TypeDef*> types() const;
    [[nodiscard]] const std::set<std::string>& schemas() const { return m_schemas; }
    [[nodiscard]] const std::set<std::string>& extensions() const { return m_extensions; }
    [[nodiscard]] bool empty() const { return m_relations.empty() && m_types.empty(); }

    // Relations whose definition names `target` (see RelationMentions), by schema then name;
    // `target` itself only when it names itself.
    [[nodiscard]] std::vector<const Relation*> relations_naming(ObjectId target) const;
    [[nodiscard]] std::vector<const Relation*> indexes_of(ObjectId table) const;
    [[nodiscard]] std::vector<const Relation*> partitions_of(ObjectId table) const;
    // Foreign keys of other tables (and self-references) whose referenced table is `table`.
    [[nodiscard]] std::vector<std::pair<const Relation*, const Constraint*>> foreign_keys_to(ObjectId table) const;
    // Every object that depends on the column, in a stable order.
    [[nodiscard]] std::vector<ColumnDependent> dependents_of(ObjectId table, int column) const;
    // "index users_email_idx on public.users", "view public.active_users": how messages name a dependent.
    [[nodiscard]] std::string describe(const ColumnDependent& dependent) const;
    // A validated CHECK of `table` that proves `column IS NOT NULL` (PG 12+ skips the SET NOT NULL scan).
    // Constraints named in `ignored` do not count (dropped by the same statement).
    [[nodiscard]] const Constraint* not_null_check(ObjectId table, int column,
                                                   const std::set<std::string>& ignored = {}) const;

    // The session's TimeZone is UTC (SET TIME ZONE 'UTC' earlier in the file).
    [[nodiscard]] bool utc_session() const { return m_utc_session; }
    [[nodiscard]] const std::vector<std::string>& search_path() const { return m_search_path; }

private:
    friend class CatalogEditor;

    // Brings m_mentions and m_constraint_names up to date with the relations the editor touched.
    void record_edited_relations();

    std::map<ObjectId, std::shared_ptr<Relation>> m_relations;
    std::map<std::string, ObjectId> m_relation_names;  // "schema.name"
    std::map<ObjectId, std::shared_ptr<TypeDef>> m_types;
    std::map<std::string, ObjectId> m_type_names;
    std::set<std::string> m_schemas;
    std::set<std::string> m_extensions;
    ObjectId m_next_id = 1;
    RelationMentions m_mentions;
    ConstraintNames m_constraint_names;
    // Created, edited or removed since m_mentions and m_constraint_names were last brought up to date.
    std::set<ObjectId> m_edited;
    std::vector<std::string> m_search_path;
    bool m_utc_session = false;
};

}  // namespace migsafe
