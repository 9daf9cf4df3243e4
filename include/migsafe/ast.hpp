// Safe, read-only views over libpg_query's parse tree: the only place that
// spells raw keys. Every accessor returns an empty view or std::nullopt for a
// missing field, so rules never index JSON directly.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/parse_tree.hpp"
#include "migsafe/source.hpp"

namespace migsafe {

class Node {
public:
    Node() = default;
    explicit Node(const JsonValue* value) : m_value(value) {}

    [[nodiscard]] bool empty() const;
    explicit operator bool() const { return !empty(); }

    // Object member; empty when missing or when this is not an object.
    [[nodiscard]] Node operator[](std::string_view key) const;
    // Array element count and elements; 0 / empty when not an array.
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] Node at(std::size_t index) const;
    [[nodiscard]] std::vector<Node> items() const;

    [[nodiscard]] std::optional<std::string_view> string() const;
    [[nodiscard]] std::string_view str() const { return string().value_or(std::string_view{}); }
    [[nodiscard]] std::optional<std::int64_t> integer() const;
    // Missing booleans are false: libpg_query omits default values.
    [[nodiscard]] bool flag() const;

    // libpg_query wraps every node as {"TypeName": {...}}: the wrapper's key and content.
    [[nodiscard]] std::string_view type() const;
    [[nodiscard]] Node inner() const;
    // The content when this node is of `node_type`, else empty.
    [[nodiscard]] Node as(std::string_view node_type) const;
    [[nodiscard]] bool is(std::string_view node_type) const { return type() == node_type; }

    // Byte offset of the node in its statement's text, if the parser recorded one.
    [[nodiscard]] std::optional<std::size_t> location() const;

    [[nodiscard]] const JsonValue* raw() const { return m_value; }

private:
    const JsonValue* m_value = nullptr;
};

// Visits every wrapped node below `root` (depth first, root included) until the
// visitor returns false.
void visit_nodes(Node root, const std::function<bool(std::string_view type, Node content)>& visitor);

// A relation as written: schema may be empty.
struct QualifiedName {
    std::string schema;
    std::string name;

    [[nodiscard]] bool empty() const { return name.empty(); }
    // As written in the migration (schema-qualified when it was).
    [[nodiscard]] std::string display() const;
    // Identity used to match the same table across statements: `public` is the default schema.
    [[nodiscard]] std::string key() const;
    friend bool operator==(const QualifiedName&, const QualifiedName&) = default;
};

// From a RangeVar's content.
[[nodiscard]] QualifiedName relation_name(Node range_var);
// From a list of String nodes such as DropStmt objects or TypeName names.
[[nodiscard]] QualifiedName qualified_name(Node string_list);
[[nodiscard]] std::vector<std::string> string_list(Node list);

struct TypeInfo {
    std::string name;                 // last component, lower case, e.g. "varchar", "int8", "uuid"
    std::string schema;               // "pg_catalog" for built-in spellings
    std::vector<std::int64_t> modifiers;
    bool is_array = false;
    bool has_unknown_modifier = false;  // a modifier that is not an integer constant

    // SQL spelling for messages, e.g. "varchar(255)", "bigint", "integer[]".
    [[nodiscard]] std::string display() const;
    [[nodiscard]] bool empty() const { return name.empty(); }
};

[[nodiscard]] TypeInfo type_info(Node type_name);

// A column a statement defines or retypes: CREATE TABLE columns, ADD COLUMN, ALTER COLUMN TYPE.
struct ColumnDefinition {
    QualifiedName table;
    std::string name;
    TypeInfo type;
    Node column_def;            // the ColumnDef content
    std::string_view clause;    // "CREATE TABLE", "ADD COLUMN" or "ALTER COLUMN TYPE"
    bool is_key = false;        // primary key, or a foreign key column, of this statement
    bool creates_table = false; // defined by CREATE TABLE
};

// The columns `statement_kind` (a libpg_query node name) with content `stmt` defines.
[[nodiscard]] std::vector<ColumnDefinition> column_definitions(std::string_view statement_kind, Node stmt);

struct Statement;
// File span from the column's name (or its type, when the name has no location)
// to the end of the type as written, e.g. "created_at timestamp(3) without time zone".
[[nodiscard]] ByteSpan column_span(const Statement& statement, const ColumnDefinition& column);

// Function name of a FuncCall content, lower case, without schema.
[[nodiscard]] std::string function_name(Node func_call);

// A libpg_query constant (A_Const content) rendered as SQL text, if simple.
[[nodiscard]] std::optional<std::string> constant_text(Node a_const);

// An identifier as SQL must spell it: quoted when it is not a plain lower-case name
// or is a reserved word.
[[nodiscard]] std::string quote_identifier(std::string_view name);
[[nodiscard]] std::string quote_name(const QualifiedName& name);

// Case-insensitive ASCII comparison for keywords and option names.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

}  // namespace migsafe
