#include "migsafe/ast.hpp"

#include "migsafe/parse.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>


namespace migsafe {

bool Node::empty() const { return m_value == nullptr || m_value->kind == JsonKind::null; }

Node Node::operator[](std::string_view key) const {
    if (m_value == nullptr || m_value->kind != JsonKind::object) {
        return Node{};
    }
    for (std::uint32_t i = 0; i < m_value->count; ++i) {
        if (m_value->keys[i] == key) {
            return Node{&m_value->children[i]};
        }
    }
    return Node{};
}

std::size_t Node::size() const {
    return m_value != nullptr && m_value->kind == JsonKind::array ? m_value->count : 0;
}

Node Node::at(std::size_t index) const {
    if (index >= size()) {
        return Node{};
    }
    return Node{&m_value->children[index]};
}

std::vector<Node> Node::items() const {
    std::vector<Node> result;
    const std::size_t count = size();
    result.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        result.emplace_back(&m_value->children[i]);
    }
    return result;
}

std::optional<std::string_view> Node::string() const {
    if (m_value == nullptr || m_value->kind != JsonKind::string) {
        return std::nullopt;
    }
    return m_value->text;
}

std::optional<std::int64_t> Node::integer() const {
    if (m_value == nullptr || m_value->kind != JsonKind::integer) {
        return std::nullopt;
    }
    return m_value->integer;
}

bool Node::flag() const { return m_value != nullptr && m_value->kind == JsonKind::boolean && m_value->boolean; }

std::string_view Node::type() const {
    if (m_value == nullptr || m_value->kind != JsonKind::object || m_value->count != 1) {
        return {};
    }
    const std::string_view key = m_value->keys[0];
    if (key.empty() || key[0] < 'A' || key[0] > 'Z') {
        return {};
    }
    return key;
}

Node Node::inner() const {
    if (type().empty()) {
        return Node{};
    }
    return Node{&m_value->children[0]};
}

Node Node::as(std::string_view node_type) const { return type() == node_type ? inner() : Node{}; }

std::optional<std::size_t> Node::location() const {
    auto value = (*this)["location"].integer();
    if (!value || *value < 0) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(*value);
}

namespace {

bool visit_value(const JsonValue& value, const std::function<bool(std::string_view, Node)>& visitor) {
    if (value.kind == JsonKind::object) {
        const Node node{&value};
        const std::string_view type = node.type();
        if (!type.empty() && !visitor(type, node.inner())) {
            return false;
        }
    }
    if (value.kind == JsonKind::object || value.kind == JsonKind::array) {
        for (std::uint32_t i = 0; i < value.count; ++i) {
            if (!visit_value(value.children[i], visitor)) {
                return false;
            }
        }
    }
    return true;
}

std::string lower(std::string_view text) {
    std::string result{text};
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

}  // namespace

void visit_nodes(Node root, const std::function<bool(std::string_view, Node)>& visitor) {
    if (root.raw() != nullptr) {
        visit_value(*root.raw(), visitor);
    }
}

std::string QualifiedName::display() const { return schema.empty() ? name : schema + "." + name; }

std::string QualifiedName::key() const {
    return schema.empty() || schema == "public" ? name : schema + "." + name;
}

QualifiedName relation_name(Node range_var) {
    return QualifiedName{std::string{range_var["schemaname"].str()}, std::string{range_var["relname"].str()}};
}

std::vector<std::string> string_list(Node list) {
    std::vector<std::string> result;
    for (const Node& item : list.items()) {
        Node string_node = item.as("String");
        if (string_node) {
            result.emplace_back(string_node["sval"].str());
        }
    }
    return result;
}

QualifiedName qualified_name(Node list) {
    std::vector<std::string> parts = string_list(list);
    QualifiedName name;
    if (!parts.empty()) {
        name.name = parts.back();
    }
    if (parts.size() >= 2) {
        name.schema = parts[parts.size() - 2];
    }
    return name;
}

namespace {

// libpg_query spells built-in types by their internal names.
std::string_view sql_type_spelling(std::string_view internal) {
    static constexpr std::pair<std::string_view, std::string_view> k_spellings[] = {
        {"int2", "smallint"},         {"int4", "integer"},       {"int8", "bigint"},
        {"float4", "real"},           {"float8", "double precision"},
        {"bool", "boolean"},          {"bpchar", "char"},        {"varchar", "varchar"},
        {"timestamptz", "timestamptz"}, {"timetz", "timetz"},    {"varbit", "bit varying"},
    };
    for (const auto& [from, to] : k_spellings) {
        if (internal == from) {
            return to;
        }
    }
    return internal;
}

}  // namespace

std::string TypeInfo::display() const {
    std::string text{sql_type_spelling(name)};
    if (!modifiers.empty()) {
        text += '(';
        for (std::size_t i = 0; i < modifiers.size(); ++i) {
            text += (i == 0 ? "" : ",") + std::to_string(modifiers[i]);
        }
        text += ')';
    }
    if (is_array) {
        text += "[]";
    }
    return text;
}

TypeInfo type_info(Node type_name) {
    TypeInfo info;
    std::vector<std::string> names = string_list(type_name["names"]);
    if (names.empty()) {
        return info;
    }
    info.name = lower(names.back());
    if (names.size() >= 2) {
        info.schema = names[names.size() - 2];
    }
    for (const Node& modifier : type_name["typmods"].items()) {
        Node constant = modifier.as("A_Const");
        auto value = constant["ival"]["ival"].integer();
        if (constant && value) {
            info.modifiers.push_back(*value);
        } else if (constant && constant["ival"] && !constant["ival"]["ival"]) {
            info.modifiers.push_back(0);  // libpg_query omits zero values
        } else {
            info.has_unknown_modifier = true;
        }
    }
    info.is_array = type_name["arrayBounds"].size() > 0;
    return info;
}

namespace {

bool is_key_constraint(Node constraint) {
    const std::string_view kind = constraint["contype"].str();
    return kind == "CONSTR_PRIMARY" || kind == "CONSTR_FOREIGN";
}

// Columns a table-level PRIMARY KEY or FOREIGN KEY of CREATE TABLE names.
std::vector<std::string> table_key_columns(Node elements) {
    std::vector<std::string> columns;
    for (const Node& element : elements.items()) {
        Node constraint = element.as("Constraint");
        if (constraint["contype"].str() == "CONSTR_PRIMARY") {
            for (std::string& column : string_list(constraint["keys"])) {
                columns.push_back(std::move(column));
            }
        } else if (constraint["contype"].str() == "CONSTR_FOREIGN") {
            for (std::string& column : string_list(constraint["fk_attrs"])) {
                columns.push_back(std::move(column));
            }
        }
    }
    return columns;
}

ColumnDefinition define_column(const QualifiedName& table, Node column_def, std::string_view clause) {
    ColumnDefinition column;
    column.table = table;
    column.name = std::string{column_def["colname"].str()};
    column.type = type_info(column_def["typeName"]);
    column.column_def = column_def;
    column.clause = clause;
    for (const Node& constraint : column_def["constraints"].items()) {
        column.is_key = column.is_key || is_key_constraint(constraint.as("Constraint"));
    }
    return column;
}

}  // namespace

std::vector<ColumnDefinition> column_definitions(std::string_view statement_kind, Node stmt) {
    std::vector<ColumnDefinition> columns;
    const QualifiedName table = relation_name(stmt["relation"]);
    if (statement_kind == "CreateStmt") {
        const std::vector<std::string> keys = table_key_columns(stmt["tableElts"]);
        for (const Node& element : stmt["tableElts"].items()) {
            if (Node column_def = element.as("ColumnDef"); column_def) {
                ColumnDefinition column = define_column(table, column_def, "CREATE TABLE");
                column.is_key = column.is_key || std::find(keys.begin(), keys.end(), column.name) != keys.end();
                column.creates_table = true;
                columns.push_back(std::move(column));
            }
        }
    } else if (statement_kind == "AlterTableStmt") {
        for (const Node& item : stmt["cmds"].items()) {
            Node command = item.as("AlterTableCmd");
            const std::string_view subtype = command["subtype"].str();
            if (subtype == "AT_AddColumn") {
                columns.push_back(define_column(table, command["def"].as("ColumnDef"), "ADD COLUMN"));
            } else if (subtype == "AT_AlterColumnType") {
                ColumnDefinition column = define_column(table, command["def"].as("ColumnDef"), "ALTER COLUMN TYPE");
                column.name = std::string{command["name"].str()};
                columns.push_back(std::move(column));
            }
        }
    }
    return columns;
}

namespace {

bool is_type_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
           c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

// Past a balanced (...) or [...] group starting at `at`.
std::size_t skip_group(std::string_view sql, std::size_t at) {
    int depth = 0;
    for (std::size_t i = at; i < sql.size(); ++i) {
        if (sql[i] == '(' || sql[i] == '[') {
            ++depth;
        } else if ((sql[i] == ')' || sql[i] == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return sql.size();
}

// End of a type name as written from `at`: words of multi-word types, modifiers, array brackets.
std::size_t type_end(std::string_view sql, std::size_t at) {
    static constexpr std::array<std::string_view, 6> k_continuations = {"precision", "varying", "with",
                                                                         "without",   "time",    "zone"};
    std::size_t end = at;
    std::size_t i = at;
    while (i < sql.size()) {
        if (sql[i] == '"') {
            i = sql.find('"', i + 1);
            i = i == std::string_view::npos ? sql.size() : i + 1;
        } else if (is_type_word_char(sql[i])) {
            while (i < sql.size() && is_type_word_char(sql[i])) {
                ++i;
            }
        } else {
            break;
        }
        end = i;
        std::size_t next = i;
        while (next < sql.size() && (sql[next] == ' ' || sql[next] == '\t' || sql[next] == '\n')) {
            ++next;
        }
        while (next < sql.size() && (sql[next] == '(' || sql[next] == '[')) {
            end = next = skip_group(sql, next);
        }
        std::size_t word_end = next;
        while (word_end < sql.size() && is_type_word_char(sql[word_end])) {
            ++word_end;
        }
        const std::string_view word = sql.substr(next, word_end - next);
        bool continues = false;
        for (std::string_view continuation : k_continuations) {
            continues = continues || iequals(word, continuation);
        }
        if (!continues) {
            break;
        }
        i = next;
    }
    return end;
}

}  // namespace

ByteSpan column_span(const Statement& statement, const ColumnDefinition& column) {
    const auto type_location = column.column_def["typeName"].location();
    const auto name_location = column.column_def.location();
    if (!type_location) {
        return statement.span;
    }
    const std::size_t type_begin = statement.file_offset(*type_location);
    if (type_begin < statement.span.begin || type_begin >= statement.span.end) {
        return statement.span;
    }
    const std::size_t relative = type_begin - statement.span.begin;
    const std::size_t end = statement.span.begin + type_end(statement.sql, relative);
    std::size_t begin = type_begin;
    if (name_location && statement.file_offset(*name_location) >= statement.span.begin &&
        statement.file_offset(*name_location) < type_begin) {
        begin = statement.file_offset(*name_location);
    }
    return ByteSpan{begin, std::max(end, begin + 1)};
}

std::string function_name(Node func_call) {
    std::vector<std::string> names = string_list(func_call["funcname"]);
    return names.empty() ? std::string{} : lower(names.back());
}

std::optional<std::string> constant_text(Node a_const) {
    if (a_const["isnull"].flag()) {
        return std::string{"NULL"};
    }
    if (Node value = a_const["sval"]; value) {
        return "'" + std::string{value["sval"].str()} + "'";
    }
    if (Node value = a_const["ival"]; value) {
        return std::to_string(value["ival"].integer().value_or(0));
    }
    if (Node value = a_const["fval"]; value) {
        return std::string{value["fval"].str()};
    }
    if (Node value = a_const["boolval"]; value) {
        return value["boolval"].flag() ? "true" : "false";
    }
    return std::nullopt;
}

std::string quote_identifier(std::string_view name) {
    // PostgreSQL's reserved key words (Appendix C, "reserved" in PostgreSQL), sorted.
    static constexpr std::array<std::string_view, 77> k_reserved = {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
        "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
        "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
        "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
        "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group",
        "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral",
        "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null",
        "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references"};
    static constexpr std::array<std::string_view, 16> k_reserved_tail = {
        "returning", "right", "select", "session_user", "similar", "some", "symmetric", "table", "tablesample",
        "then", "to", "trailing", "true", "union", "unique", "user"};
    static constexpr std::array<std::string_view, 7> k_reserved_last = {"using", "variadic", "verbose", "when",
                                                                         "where", "window", "with"};
    bool plain = !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_');
    for (char c : name) {
        plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$');
    }
    auto reserved = [&](auto& words) { return std::find(words.begin(), words.end(), name) != words.end(); };
    if (plain && !reserved(k_reserved) && !reserved(k_reserved_tail) && !reserved(k_reserved_last)) {
        return std::string{name};
    }
    std::string quoted = "\"";
    for (char c : name) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + '"';
}

std::string quote_name(const QualifiedName& name) {
    return name.schema.empty() ? quote_identifier(name.name)
                               : quote_identifier(name.schema) + "." + quote_identifier(name.name);
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace migsafe
