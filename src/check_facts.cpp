#include "migsafe/check_facts.hpp"

#include <algorithm>
#include <cctype>

#include "migsafe/parse.hpp"

namespace migsafe {
namespace {

std::string quote_literal(std::string_view value) {
    std::string quoted = "'";
    for (char c : value) {
        quoted += c;
        if (c == '\'') {
            quoted += '\'';
        }
    }
    return quoted + "'";
}

// libpg_query writes a negative integer constant as an empty "ival" object, so
// integers are read back from the statement's text.
std::optional<std::string> integer_from_source(Node a_const, const Statement& statement) {
    const auto location = a_const.location();
    if (!location) {
        return std::nullopt;
    }
    const std::size_t file_offset = statement.file_offset(*location);
    if (file_offset < statement.span.begin || file_offset >= statement.span.end) {
        return std::nullopt;
    }
    const std::string_view sql = statement.sql;
    std::size_t i = file_offset - statement.span.begin;
    std::string text;
    if (sql[i] == '-') {
        text += '-';
        ++i;
    }
    while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i])) != 0) {
        text += sql[i++];
    }
    if (text.empty() || text == "-") {
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> column_of(Node node) {
    Node column = node.as("ColumnRef");
    if (!column) {
        return std::nullopt;
    }
    std::vector<std::string> fields = string_list(column["fields"]);
    if (fields.size() != 1) {
        return std::nullopt;
    }
    return fields.front();
}

std::string_view flipped(std::string_view op) {
    if (op == "<") {
        return ">";
    }
    if (op == "<=") {
        return ">=";
    }
    if (op == ">") {
        return "<";
    }
    if (op == ">=") {
        return "<=";
    }
    return op;
}

bool is_comparison(std::string_view op) {
    return op == "=" || op == "<" || op == "<=" || op == ">" || op == ">=" || op == "<>";
}

void collect_conjuncts(Node expression, std::vector<Node>& out) {
    Node bool_expr = expression.as("BoolExpr");
    if (bool_expr && bool_expr["boolop"].str() == "AND_EXPR") {
        for (const Node& argument : bool_expr["args"].items()) {
            collect_conjuncts(argument, out);
        }
        return;
    }
    out.push_back(expression);
}

std::optional<std::vector<std::string>> constant_list(Node items, const Statement& statement) {
    std::vector<std::string> values;
    for (const Node& item : items.items()) {
        auto value = constant_sql(item, statement);
        if (!value) {
            return std::nullopt;
        }
        values.push_back(*value);
    }
    return values;
}

void add_conjunct(Node conjunct, const Statement& statement, CheckFacts& facts) {
    if (Node test = conjunct.as("NullTest"); test) {
        auto column = column_of(test["arg"]);
        if (column && test["nulltesttype"].str() == "IS_NOT_NULL") {
            facts.not_null_columns.insert(*column);
        }
        return;
    }
    Node expr = conjunct.as("A_Expr");
    if (!expr) {
        return;
    }
    const std::string_view kind = expr["kind"].str();
    const std::vector<std::string> name = string_list(expr["name"]);
    const std::string_view op = name.size() == 1 ? std::string_view{name.front()} : std::string_view{};
    if (kind == "AEXPR_OP" && is_comparison(op)) {
        if (auto column = column_of(expr["lexpr"]); column) {
            if (auto value = constant_sql(expr["rexpr"], statement); value) {
                facts.comparisons.push_back(ColumnComparison{*column, std::string{op}, *value});
            }
        } else if (auto right = column_of(expr["rexpr"]); right) {
            if (auto value = constant_sql(expr["lexpr"], statement); value) {
                facts.comparisons.push_back(ColumnComparison{*right, std::string{flipped(op)}, *value});
            }
        }
    } else if ((kind == "AEXPR_IN" || kind == "AEXPR_OP_ANY") && op == "=") {
        auto column = column_of(expr["lexpr"]);
        Node items = kind == "AEXPR_IN" ? expr["rexpr"].as("List")["items"] : expr["rexpr"].as("A_ArrayExpr")["elements"];
        auto values = constant_list(items, statement);
        if (column && values) {
            facts.value_lists.push_back(ColumnValueList{*column, *values});
        }
    }
}

bool has_comparison(const CheckFacts& facts, const std::string& column, std::string_view op, const std::string& value) {
    return std::any_of(facts.comparisons.begin(), facts.comparisons.end(), [&](const ColumnComparison& c) {
        return c.column == column && c.op == op && c.value == value;
    });
}

// Every value the CHECK allows for `column` is one of `allowed`.
bool values_within(const CheckFacts& facts, const std::string& column, const std::vector<std::string>& allowed) {
    const auto allowed_value = [&](const std::string& value) {
        return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
    };
    for (const ColumnValueList& list : facts.value_lists) {
        if (list.column == column && std::all_of(list.values.begin(), list.values.end(), allowed_value)) {
            return true;
        }
    }
    return std::any_of(facts.comparisons.begin(), facts.comparisons.end(), [&](const ColumnComparison& c) {
        return c.column == column && c.op == "=" && allowed_value(c.value);
    });
}

}  // namespace

std::optional<std::string> constant_sql(Node node, const Statement& statement) {
    if (Node cast = node.as("TypeCast"); cast) {
        auto value = constant_sql(cast["arg"], statement);
        const TypeInfo type = type_info(cast["typeName"]);
        if (!value || type.empty() || type.has_unknown_modifier) {
            return std::nullopt;
        }
        return *value + "::" + type.display();
    }
    Node constant = node.as("A_Const");
    if (!constant || constant["isnull"].flag()) {
        return std::nullopt;
    }
    if (Node value = constant["sval"]; value) {
        return quote_literal(value["sval"].str());
    }
    if (Node value = constant["ival"]; value) {
        if (auto integer = value["ival"].integer(); integer) {
            return std::to_string(*integer);
        }
        return integer_from_source(constant, statement);
    }
    if (Node value = constant["fval"]; value) {
        return std::string{value["fval"].str()};
    }
    if (Node value = constant["boolval"]; value) {
        return value["boolval"].flag() ? "true" : "false";
    }
    return std::nullopt;
}

bool CheckFacts::implies_not_null(std::string_view column) const {
    return not_null_columns.count(std::string{column}) != 0;
}

CheckFacts check_facts(Node expression, const Statement& statement) {
    CheckFacts facts;
    std::vector<Node> conjuncts;
    collect_conjuncts(expression, conjuncts);
    for (const Node& conjunct : conjuncts) {
        add_conjunct(conjunct, statement, facts);
    }
    return facts;
}

std::vector<std::string> referenced_columns(Node expression) {
    std::vector<std::string> columns;
    visit_nodes(expression, [&](std::string_view type, Node content) {
        if (type == "ColumnRef") {
            std::vector<std::string> fields = string_list(content["fields"]);
            if (!fields.empty() && std::find(columns.begin(), columns.end(), fields.back()) == columns.end()) {
                columns.push_back(fields.back());
            }
        }
        return true;
    });
    return columns;
}

std::string default_check_name(std::string_view table, Node expression) {
    const std::vector<std::string> columns = referenced_columns(expression);
    return std::string{table} + (columns.size() == 1 ? "_" + columns.front() : std::string{}) + "_check";
}

PartitionBound partition_bound(Node bound_spec, const Statement& statement) {
    PartitionBound bound;
    if (bound_spec["is_default"].flag()) {
        bound.kind = PartitionBound::Kind::default_partition;
        return bound;
    }
    const std::string_view strategy = bound_spec["strategy"].str();
    if (strategy == "h") {
        bound.kind = PartitionBound::Kind::hash;
        return bound;
    }
    const auto datum = [&](Node item) -> std::optional<std::string> {
        if (auto column = column_of(item); column && (*column == "minvalue" || *column == "maxvalue")) {
            return std::nullopt;
        }
        auto value = constant_sql(item, statement);
        if (!value) {
            bound.constants_only = false;
        }
        return value;
    };
    if (strategy == "l") {
        bound.kind = PartitionBound::Kind::list;
        for (const Node& item : bound_spec["listdatums"].items()) {
            if (item.as("A_Const")["isnull"].flag()) {
                bound.values.emplace_back(std::nullopt);
            } else {
                auto value = constant_sql(item, statement);
                bound.constants_only = bound.constants_only && value.has_value();
                bound.values.push_back(value);
            }
        }
        return bound;
    }
    bound.kind = PartitionBound::Kind::range;
    for (const Node& item : bound_spec["lowerdatums"].items()) {
        bound.lower.push_back(datum(item));
    }
    for (const Node& item : bound_spec["upperdatums"].items()) {
        bound.upper.push_back(datum(item));
    }
    return bound;
}

std::optional<std::string> bound_check_sql(const std::string& key, const PartitionBound& bound) {
    if (!bound.constants_only) {
        return std::nullopt;
    }
    const std::string column = quote_identifier(key);
    if (bound.kind == PartitionBound::Kind::range && bound.lower.size() == 1 && bound.upper.size() == 1) {
        std::string sql = column + " IS NOT NULL";
        if (bound.lower.front()) {
            sql += " AND " + column + " >= " + *bound.lower.front();
        }
        if (bound.upper.front()) {
            sql += " AND " + column + " < " + *bound.upper.front();
        }
        return sql;
    }
    if (bound.kind == PartitionBound::Kind::list && !bound.values.empty()) {
        std::string values;
        bool accepts_null = false;
        for (const auto& value : bound.values) {
            if (!value) {
                accepts_null = true;
                continue;
            }
            values += (values.empty() ? "" : ", ") + *value;
        }
        if (values.empty()) {
            return column + " IS NULL";
        }
        // A NULL key passes a CHECK, and a partition that accepts NULL needs nothing more.
        return (accepts_null ? std::string{} : column + " IS NOT NULL AND ") + column + " IN (" + values + ")";
    }
    return std::nullopt;
}

bool check_implies_bound(const CheckFacts& facts, bool key_not_null, const std::string& key,
                         const PartitionBound& bound) {
    const bool not_null = key_not_null || facts.implies_not_null(key);
    if (bound.kind == PartitionBound::Kind::range) {
        if (bound.lower.size() != 1 || bound.upper.size() != 1 || !not_null) {
            return false;
        }
        const bool lower = !bound.lower.front() || has_comparison(facts, key, ">=", *bound.lower.front());
        const bool upper = !bound.upper.front() || has_comparison(facts, key, "<", *bound.upper.front());
        return lower && upper;
    }
    if (bound.kind == PartitionBound::Kind::list) {
        std::vector<std::string> allowed;
        bool accepts_null = false;
        for (const auto& value : bound.values) {
            if (value) {
                allowed.push_back(*value);
            } else {
                accepts_null = true;
            }
        }
        return (accepts_null || not_null) && values_within(facts, key, allowed);
    }
    return false;
}

}  // namespace migsafe
