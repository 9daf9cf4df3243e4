#include "migsafe/deparse.hpp"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "migsafe/joined.hpp"
#include "migsafe/pg_types.hpp"

namespace migsafe {
namespace {

std::string quote_literal(std::string_view text) {
    std::string quoted = "'";
    for (char c : text) {
        quoted += c;
        if (c == '\'') {
            quoted += '\'';
        }
    }
    return quoted + "'";
}

std::string qualified(const std::vector<std::string>& names) {
    std::vector<std::string> quoted;
    quoted.reserve(names.size());
    for (const std::string& name : names) {
        quoted.push_back(quote_identifier(name));
    }
    return joined(quoted, ".");
}

std::string_view sql_value_function(std::string_view op) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> k_functions = {{
        {"SVFOP_CURRENT_DATE", "CURRENT_DATE"},
        {"SVFOP_CURRENT_TIME", "CURRENT_TIME"},
        {"SVFOP_CURRENT_TIME_N", "CURRENT_TIME"},
        {"SVFOP_CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
        {"SVFOP_CURRENT_TIMESTAMP_N", "CURRENT_TIMESTAMP"},
        {"SVFOP_LOCALTIME", "LOCALTIME"},
        {"SVFOP_LOCALTIME_N", "LOCALTIME"},
        {"SVFOP_LOCALTIMESTAMP", "LOCALTIMESTAMP"},
        {"SVFOP_LOCALTIMESTAMP_N", "LOCALTIMESTAMP"},
        {"SVFOP_CURRENT_ROLE", "CURRENT_ROLE"},
        {"SVFOP_CURRENT_USER", "CURRENT_USER"},
    }};
    for (const auto& [name, text] : k_functions) {
        if (name == op) {
            return text;
        }
    }
    if (op == "SVFOP_SESSION_USER") {
        return "SESSION_USER";
    }
    if (op == "SVFOP_USER") {
        return "USER";
    }
    if (op == "SVFOP_CURRENT_CATALOG") {
        return "CURRENT_CATALOG";
    }
    if (op == "SVFOP_CURRENT_SCHEMA") {
        return "CURRENT_SCHEMA";
    }
    return {};
}

class Deparser {
public:
    bool complete() const { return m_complete; }

    std::string expr(Node wrapped) {
        const std::string_view type = wrapped.type();
        Node node = wrapped.inner();
        if (type == "A_Const") {
            return constant(node);
        }
        if (type == "ColumnRef") {
            return column_ref(node);
        }
        if (type == "ParamRef") {
            return "$" + std::to_string(node["number"].integer().value_or(0));
        }
        if (type == "A_Expr") {
            return a_expr(node);
        }
        if (type == "BoolExpr") {
            return bool_expr(node);
        }
        if (type == "NullTest") {
            return operand(node["arg"]) +
                   (node["nulltesttype"].str() == "IS_NOT_NULL" ? " IS NOT NULL" : " IS NULL");
        }
        if (type == "BooleanTest") {
            return boolean_test(node);
        }
        if (type == "FuncCall") {
            return func_call(node);
        }
        if (type == "TypeCast") {
            return cast_operand(node["arg"]) + "::" + deparse_type(node["typeName"]);
        }
        if (type == "CollateClause") {
            return operand(node["arg"]) + " COLLATE " + qualified(string_list(node["collname"]));
        }
        if (type == "SubLink") {
            return sub_link(node);
        }
        if (type == "CaseExpr") {
            return case_expr(node);
        }
        if (type == "CoalesceExpr") {
            return "COALESCE(" + list(node["args"]) + ")";
        }
        if (type == "MinMaxExpr") {
            return std::string{node["op"].str() == "IS_GREATEST" ? "GREATEST(" : "LEAST("} + list(node["args"]) + ")";
        }
        if (type == "SQLValueFunction") {
            const std::string_view name = sql_value_function(node["op"].str());
            if (name.empty()) {
                return unknown("SQLValueFunction");
            }
            const auto typmod = node["typmod"].integer().value_or(-1);
            return std::string{name} + (typmod >= 0 ? "(" + std::to_string(typmod) + ")" : "");
        }
        if (type == "A_ArrayExpr") {
            return "ARRAY[" + list(node["elements"]) + "]";
        }
        if (type == "RowExpr") {
            return (node["row_format"].str() == "COERCE_IMPLICIT_CAST" ? "(" : "ROW(") + list(node["args"]) + ")";
        }
        if (type == "A_Indirection") {
            return indirection(node);
        }
        if (type == "NamedArgExpr") {
            return quote_identifier(node["name"].str()) + " => " + expr(node["arg"]);
        }
        if (type == "SetToDefault") {
            return "DEFAULT";
        }
        if (type == "GroupingFunc") {
            return "GROUPING(" + list(node["args"]) + ")";
        }
        if (type == "SelectStmt") {
            return "(" + select(node) + ")";
        }
        if (type == "List") {
            return "(" + list(node["items"]) + ")";
        }
        return unknown(type);
    }

    std::string select(Node stmt) {
        std::string text;
        if (Node with = stmt["withClause"]; with) {
            text += with_clause(with);
        }
        const std::string_view op = stmt["op"].str();
        if (!op.empty() && op != "SETOP_NONE") {
            const std::string_view keyword = op == "SETOP_UNION" ? " UNION " : op == "SETOP_INTERSECT" ? " INTERSECT "
                                                                                                        : " EXCEPT ";
            text += "(" + select(stmt["larg"]) + ")" + std::string{keyword} + (stmt["all"].flag() ? "ALL " : "") + "(" +
                    select(stmt["rarg"]) + ")";
            return text + tail(stmt);
        }
        if (stmt["valuesLists"].size() > 0) {
            std::vector<std::string> rows;
            for (const Node& row : stmt["valuesLists"].items()) {
                rows.push_back("(" + list(row.as("List")["items"]) + ")");
            }
            return text + "VALUES " + joined(rows, ", ") + tail(stmt);
        }
        text += "SELECT";
        if (Node distinct = stmt["distinctClause"]; distinct.size() > 0) {
            const bool plain = distinct.size() == 1 && distinct.at(0).type().empty();
            text += plain ? " DISTINCT" : " DISTINCT ON (" + list(distinct) + ")";
        }
        std::vector<std::string> targets;
        for (const Node& item : stmt["targetList"].items()) {
            Node target = item.as("ResTarget");
            std::string entry = expr(target["val"]);
            if (!target["name"].str().empty()) {
                entry += " AS " + quote_identifier(target["name"].str());
            }
            targets.push_back(std::move(entry));
        }
        if (!targets.empty()) {
            text += " " + joined(targets, ", ");
        }
        if (stmt["fromClause"].size() > 0) {
            std::vector<std::string> items;
            for (const Node& item : stmt["fromClause"].items()) {
                items.push_back(from_item(item));
            }
            text += " FROM " + joined(items, ", ");
        }
        if (Node where = stmt["whereClause"]; where) {
            text += " WHERE " + expr(where);
        }
        if (stmt["groupClause"].size() > 0) {
            text += " GROUP BY " + list(stmt["groupClause"]);
        }
        if (Node having = stmt["havingClause"]; having) {
            text += " HAVING " + expr(having);
        }
        if (stmt["windowClause"].size() > 0) {
            text += " " + unknown("WINDOW");
        }
        return text + tail(stmt);
    }

private:
    std::string unknown(std::string_view what) {
        m_complete = false;
        return "/* " + std::string{what} + " */";
    }

    std::string list(Node items) {
        std::vector<std::string> parts;
        for (const Node& item : items.items()) {
            parts.push_back(expr(item));
        }
        return joined(parts, ", ");
    }

    static bool needs_parentheses(Node wrapped) {
        const std::string_view type = wrapped.type();
        return type == "A_Expr" || type == "BoolExpr" || type == "NullTest" || type == "BooleanTest" ||
               (type == "SubLink" && wrapped.inner()["subLinkType"].str() != "EXPR_SUBLINK" &&
                wrapped.inner()["subLinkType"].str() != "ARRAY_SUBLINK");
    }

    std::string operand(Node wrapped) {
        const std::string text = expr(wrapped);
        return needs_parentheses(wrapped) ? "(" + text + ")" : text;
    }

    std::string cast_operand(Node wrapped) {
        const std::string text = expr(wrapped);
        const bool negative = !text.empty() && text.front() == '-';
        const std::string_view type = wrapped.type();
        return needs_parentheses(wrapped) || negative || type == "TypeCast" || type == "CollateClause"
                   ? "(" + text + ")"
                   : text;
    }

    std::string constant(Node node) {
        if (node["isnull"].flag()) {
            return "NULL";
        }
        if (Node value = node["sval"]; value) {
            return quote_literal(value["sval"].str());
        }
        if (Node value = node["ival"]; value) {
            return std::to_string(value["ival"].integer().value_or(0));
        }
        if (Node value = node["fval"]; value) {
            return std::string{value["fval"].str()};
        }
        if (Node value = node["boolval"]; value) {
            return value["boolval"].flag() ? "true" : "false";
        }
        if (Node value = node["bsval"]; value) {
            const std::string_view bits = value["bsval"].str();
            if (!bits.empty()) {
                return std::string(1, static_cast<char>(bits.front() == 'x' ? 'X' : 'B')) +
                       quote_literal(bits.substr(1));
            }
        }
        return unknown("A_Const");
    }

    static std::string column_ref(Node node) {
        std::vector<std::string> parts;
        for (const Node& field : node["fields"].items()) {
            if (field.is("A_Star")) {
                parts.emplace_back("*");
            } else {
                parts.push_back(quote_identifier(field.as("String")["sval"].str()));
            }
        }
        return joined(parts, ".");
    }

    static std::string operator_name(Node name_list) {
        const std::vector<std::string> names = string_list(name_list);
        if (names.size() == 1) {
            return names.front();
        }
        std::string text = "OPERATOR(";
        for (std::size_t i = 0; i < names.size(); ++i) {
            text += (i == 0 ? "" : ".") + (i + 1 == names.size() ? names[i] : quote_identifier(names[i]));
        }
        return text + ")";
    }

    std::string a_expr(Node node) {
        const std::string_view kind = node["kind"].str();
        const std::string op = operator_name(node["name"]);
        Node left = node["lexpr"];
        Node right = node["rexpr"];
        if (kind == "AEXPR_OP") {
            if (!left) {
                return op + operand(right);
            }
            if (!right) {
                return operand(left) + " " + op;
            }
            return operand(left) + " " + op + " " + operand(right);
        }
        if (kind == "AEXPR_OP_ANY" || kind == "AEXPR_OP_ALL") {
            return operand(left) + " " + op + (kind == "AEXPR_OP_ANY" ? " ANY (" : " ALL (") + expr(right) + ")";
        }
        if (kind == "AEXPR_DISTINCT" || kind == "AEXPR_NOT_DISTINCT") {
            return operand(left) + (kind == "AEXPR_DISTINCT" ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ") +
                   operand(right);
        }
        if (kind == "AEXPR_NULLIF") {
            return "NULLIF(" + expr(left) + ", " + expr(right) + ")";
        }
        if (kind == "AEXPR_IN") {
            return operand(left) + (op == "<>" ? " NOT IN (" : " IN (") + list(right.as("List")["items"]) + ")";
        }
        if (kind == "AEXPR_LIKE" || kind == "AEXPR_ILIKE") {
            const bool negated = !op.empty() && op.front() == '!';
            return operand(left) + (negated ? " NOT" : "") + (kind == "AEXPR_LIKE" ? " LIKE " : " ILIKE ") +
                   operand(right);
        }
        if (kind == "AEXPR_SIMILAR") {
            Node pattern = right.as("FuncCall")["args"].at(0);
            return operand(left) + (op == "!~" ? " NOT SIMILAR TO " : " SIMILAR TO ") +
                   operand(pattern ? pattern : right);
        }
        if (kind == "AEXPR_BETWEEN" || kind == "AEXPR_NOT_BETWEEN" || kind == "AEXPR_BETWEEN_SYM" ||
            kind == "AEXPR_NOT_BETWEEN_SYM") {
            Node bounds = right.as("List")["items"];
            const bool negated = kind == "AEXPR_NOT_BETWEEN" || kind == "AEXPR_NOT_BETWEEN_SYM";
            const bool symmetric = kind == "AEXPR_BETWEEN_SYM" || kind == "AEXPR_NOT_BETWEEN_SYM";
            return operand(left) + (negated ? " NOT BETWEEN " : " BETWEEN ") + (symmetric ? "SYMMETRIC " : "") +
                   operand(bounds.at(0)) + " AND " + operand(bounds.at(1));
        }
        return unknown(kind);
    }

    std::string bool_expr(Node node) {
        const std::string_view op = node["boolop"].str();
        if (op == "NOT_EXPR") {
            return "NOT " + operand(node["args"].at(0));
        }
        // Comparisons bind tighter than AND and OR; only nested AND/OR need parentheses.
        std::vector<std::string> parts;
        for (const Node& arg : node["args"].items()) {
            parts.push_back(arg.is("BoolExpr") ? "(" + expr(arg) + ")" : expr(arg));
        }
        return joined(parts, op == "AND_EXPR" ? " AND " : " OR ");
    }

    std::string boolean_test(Node node) {
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_tests = {{
            {"IS_TRUE", " IS TRUE"},
            {"IS_NOT_TRUE", " IS NOT TRUE"},
            {"IS_FALSE", " IS FALSE"},
            {"IS_NOT_FALSE", " IS NOT FALSE"},
            {"IS_UNKNOWN", " IS UNKNOWN"},
            {"IS_NOT_UNKNOWN", " IS NOT UNKNOWN"},
        }};
        for (const auto& [name, text] : k_tests) {
            if (node["booltesttype"].str() == name) {
                return operand(node["arg"]) + std::string{text};
            }
        }
        return unknown("BooleanTest");
    }

    std::string sort_list(Node items) {
        std::vector<std::string> parts;
        for (const Node& item : items.items()) {
            Node sort = item.as("SortBy");
            std::string entry = expr(sort["node"]);
            const std::string_view direction = sort["sortby_dir"].str();
            if (direction == "SORTBY_DESC") {
                entry += " DESC";
            } else if (direction == "SORTBY_ASC") {
                entry += " ASC";
            } else if (direction == "SORTBY_USING") {
                entry += " USING " + operator_name(sort["useOp"]);
            }
            const std::string_view nulls = sort["sortby_nulls"].str();
            if (nulls == "SORTBY_NULLS_FIRST") {
                entry += " NULLS FIRST";
            } else if (nulls == "SORTBY_NULLS_LAST") {
                entry += " NULLS LAST";
            }
            parts.push_back(std::move(entry));
        }
        return joined(parts, ", ");
    }

    std::string func_call(Node node) {
        std::string text = qualified(string_list(node["funcname"])) + "(";
        if (node["agg_star"].flag()) {
            text += "*";
        } else {
            if (node["agg_distinct"].flag()) {
                text += "DISTINCT ";
            }
            std::vector<std::string> args;
            const std::size_t count = node["args"].size();
            for (std::size_t i = 0; i < count; ++i) {
                const bool variadic = node["func_variadic"].flag() && i + 1 == count;
                args.push_back((variadic ? "VARIADIC " : "") + expr(node["args"].at(i)));
            }
            text += joined(args, ", ");
            if (node["agg_order"].size() > 0) {
                text += (node["agg_within_group"].flag() ? ") WITHIN GROUP (ORDER BY " : " ORDER BY ") +
                        sort_list(node["agg_order"]);
            }
        }
        text += ")";
        if (Node filter = node["agg_filter"]; filter) {
            text += " FILTER (WHERE " + expr(filter) + ")";
        }
        if (Node over = node["over"]; over) {
            if (!over["name"].str().empty()) {
                text += " OVER " + quote_identifier(over["name"].str());
            } else {
                std::vector<std::string> window;
                if (over["partitionClause"].size() > 0) {
                    window.push_back("PARTITION BY " + list(over["partitionClause"]));
                }
                if (over["orderClause"].size() > 0) {
                    window.push_back("ORDER BY " + sort_list(over["orderClause"]));
                }
                text += " OVER (" + joined(window, " ") + ")";
            }
        }
        return text;
    }

    std::string sub_link(Node node) {
        const std::string_view kind = node["subLinkType"].str();
        const std::string query = "(" + select(node["subselect"].as("SelectStmt")) + ")";
        if (kind == "EXISTS_SUBLINK") {
            return "EXISTS " + query;
        }
        if (kind == "EXPR_SUBLINK") {
            return query;
        }
        if (kind == "ARRAY_SUBLINK") {
            return "ARRAY" + query;
        }
        if (kind == "ANY_SUBLINK") {
            if (node["operName"].size() == 0) {
                return operand(node["testexpr"]) + " IN " + query;
            }
            return operand(node["testexpr"]) + " " + operator_name(node["operName"]) + " ANY " + query;
        }
        if (kind == "ALL_SUBLINK") {
            return operand(node["testexpr"]) + " " + operator_name(node["operName"]) + " ALL " + query;
        }
        return unknown(kind);
    }

    std::string case_expr(Node node) {
        std::string text = "CASE";
        if (Node arg = node["arg"]; arg) {
            text += " " + expr(arg);
        }
        for (const Node& item : node["args"].items()) {
            Node when = item.as("CaseWhen");
            text += " WHEN " + expr(when["expr"]) + " THEN " + expr(when["result"]);
        }
        if (Node otherwise = node["defresult"]; otherwise) {
            text += " ELSE " + expr(otherwise);
        }
        return text + " END";
    }

    std::string indirection(Node node) {
        Node arg = node["arg"];
        std::string text = arg.is("ColumnRef") || arg.is("ParamRef") ? expr(arg) : "(" + expr(arg) + ")";
        for (const Node& step : node["indirection"].items()) {
            if (Node indices = step.as("A_Indices"); indices) {
                std::string inside;
                if (indices["is_slice"].flag()) {
                    inside = (indices["lidx"] ? expr(indices["lidx"]) : "") + ":" +
                             (indices["uidx"] ? expr(indices["uidx"]) : "");
                } else {
                    inside = expr(indices["uidx"]);
                }
                text += "[" + inside + "]";
            } else if (step.is("A_Star")) {
                text += ".*";
            } else {
                text += "." + quote_identifier(step.as("String")["sval"].str());
            }
        }
        return text;
    }

    std::string alias(Node alias_node) {
        if (!alias_node) {
            return {};
        }
        std::string text = " AS " + quote_identifier(alias_node["aliasname"].str());
        if (alias_node["colnames"].size() > 0) {
            std::vector<std::string> names;
            for (const std::string& name : string_list(alias_node["colnames"])) {
                names.push_back(quote_identifier(name));
            }
            text += "(" + joined(names, ", ") + ")";
        }
        return text;
    }

    std::string from_item(Node wrapped) {
        const std::string_view type = wrapped.type();
        Node node = wrapped.inner();
        if (type == "RangeVar") {
            std::string text = node["inh"].flag() ? "" : "ONLY ";
            text += node["schemaname"].str().empty()
                        ? quote_identifier(node["relname"].str())
                        : quote_identifier(node["schemaname"].str()) + "." + quote_identifier(node["relname"].str());
            return text + alias(node["alias"]);
        }
        if (type == "JoinExpr") {
            static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_joins = {{
                {"JOIN_INNER", " JOIN "},
                {"JOIN_LEFT", " LEFT JOIN "},
                {"JOIN_FULL", " FULL JOIN "},
                {"JOIN_RIGHT", " RIGHT JOIN "},
            }};
            std::string_view keyword = " JOIN ";
            for (const auto& [name, text] : k_joins) {
                if (node["jointype"].str() == name) {
                    keyword = text;
                }
            }
            const bool cross = node["jointype"].str() == "JOIN_INNER" && !node["quals"] &&
                               node["usingClause"].size() == 0 && !node["isNatural"].flag();
            std::string text = "(" + from_item(node["larg"]) + (node["isNatural"].flag() ? " NATURAL" : "") +
                               std::string{cross ? " CROSS JOIN " : keyword} + from_item(node["rarg"]);
            if (node["usingClause"].size() > 0) {
                std::vector<std::string> names;
                for (const std::string& name : string_list(node["usingClause"])) {
                    names.push_back(quote_identifier(name));
                }
                text += " USING (" + joined(names, ", ") + ")";
            } else if (Node quals = node["quals"]; quals) {
                text += " ON " + expr(quals);
            }
            return text + ")" + alias(node["alias"]);
        }
        if (type == "RangeSubselect") {
            return std::string{node["lateral"].flag() ? "LATERAL " : ""} + "(" +
                   select(node["subquery"].as("SelectStmt")) + ")" + alias(node["alias"]);
        }
        if (type == "RangeFunction") {
            std::vector<std::string> calls;
            for (const Node& item : node["functions"].items()) {
                calls.push_back(expr(item.as("List")["items"].at(0)));
            }
            std::string text = std::string{node["lateral"].flag() ? "LATERAL " : ""} +
                               (calls.size() == 1 ? calls.front() : "ROWS FROM (" + joined(calls, ", ") + ")");
            if (node["ordinality"].flag()) {
                text += " WITH ORDINALITY";
            }
            return text + alias(node["alias"]);
        }
        return unknown(type);
    }

    std::string with_clause(Node with) {
        std::vector<std::string> ctes;
        for (const Node& item : with["ctes"].items()) {
            Node cte = item.as("CommonTableExpr");
            std::string text = quote_identifier(cte["ctename"].str());
            if (cte["aliascolnames"].size() > 0) {
                std::vector<std::string> names;
                for (const std::string& name : string_list(cte["aliascolnames"])) {
                    names.push_back(quote_identifier(name));
                }
                text += "(" + joined(names, ", ") + ")";
            }
            Node query = cte["ctequery"].as("SelectStmt");
            text += " AS (" + (query ? select(query) : unknown(cte["ctequery"].type())) + ")";
            ctes.push_back(std::move(text));
        }
        return std::string{"WITH "} + (with["recursive"].flag() ? "RECURSIVE " : "") + joined(ctes, ", ") + " ";
    }

    std::string tail(Node stmt) {
        std::string text;
        if (stmt["sortClause"].size() > 0) {
            text += " ORDER BY " + sort_list(stmt["sortClause"]);
        }
        if (Node count = stmt["limitCount"]; count) {
            text += " LIMIT " + expr(count);
        }
        if (Node offset = stmt["limitOffset"]; offset) {
            text += " OFFSET " + expr(offset);
        }
        if (stmt["lockingClause"].size() > 0) {
            text += " " + unknown("FOR UPDATE");
        }
        return text;
    }

    bool m_complete = true;
};

}  // namespace

SqlText deparse_expression(Node expression) {
    Deparser deparser;
    std::string text = deparser.expr(expression);
    return SqlText{std::move(text), deparser.complete()};
}

SqlText deparse_select(Node select) {
    Deparser deparser;
    Node content = select.is("SelectStmt") ? select.inner() : select;
    std::string text = deparser.select(content);
    return SqlText{std::move(text), deparser.complete()};
}

std::string deparse_type(Node type_name) {
    return format_type(column_type(type_name));
}

}  // namespace migsafe
