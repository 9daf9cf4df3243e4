#include "migsafe/plpgsql.hpp"

#include <algorithm>
#include <optional>

#include <pg_query.h>

#include "migsafe/ast.hpp"
#include "migsafe/parse_tree.hpp"

namespace migsafe {
namespace {

enum class ItemKind { statement, perform, dynamic };

// A statement the PL/pgSQL parser reported, by the body line its first token is on.
struct Item {
    std::size_t line = 0;
    ItemKind kind = ItemKind::statement;
    std::string query;
    std::string_view construct;
};

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

// `word` as a whole word (ASCII case-insensitive) at or after `from`.
std::optional<std::size_t> find_word(std::string_view text, std::size_t from, std::string_view word) {
    for (std::size_t at = from; at + word.size() <= text.size(); ++at) {
        if ((at == 0 || !is_word_char(text[at - 1])) &&
            (at + word.size() == text.size() || !is_word_char(text[at + word.size()])) &&
            iequals(text.substr(at, word.size()), word)) {
            return at;
        }
    }
    return std::nullopt;
}

std::string_view trim_start(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' || text.front() == '\r')) {
        text.remove_prefix(1);
    }
    return text;
}

std::string first_word(std::string_view query) {
    std::size_t end = 0;
    while (end < query.size() && is_word_char(query[end])) {
        ++end;
    }
    return std::string{query.substr(0, end)};
}

// A DO body becomes the body of a function PostgreSQL's PL/pgSQL parser accepts.
std::string wrapper_for(std::string_view body) {
    std::string tag = "$migsafe_body$";
    for (int n = 1; body.find(tag) != std::string_view::npos; ++n) {
        tag = "$migsafe_body" + std::to_string(n) + "$";
    }
    return "CREATE FUNCTION migsafe_do_block() RETURNS void LANGUAGE plpgsql AS " + tag + std::string{body} + tag;
}

std::string expression(Node expr) { return std::string{expr.as("PLpgSQL_expr")["query"].str()}; }

std::vector<Item> collect_items(Node root) {
    std::vector<Item> items;
    visit_nodes(root, [&](std::string_view type, Node content) {
        const auto line = static_cast<std::size_t>(content["lineno"].integer().value_or(0));
        // PL/pgSQL reads CALL and DO as a call statement of their own.
        if (type == "PLpgSQL_stmt_execsql" || type == "PLpgSQL_stmt_call") {
            items.push_back(Item{line, ItemKind::statement,
                                 expression(type == "PLpgSQL_stmt_call" ? content["expr"] : content["sqlstmt"]), {}});
        } else if (type == "PLpgSQL_stmt_perform") {
            items.push_back(Item{line, ItemKind::perform, expression(content["expr"]), {}});
        } else if (type == "PLpgSQL_stmt_dynexecute") {
            items.push_back(Item{line, ItemKind::dynamic, expression(content["query"]), "EXECUTE"});
        } else if (type == "PLpgSQL_stmt_dynfors") {
            items.push_back(Item{line, ItemKind::dynamic, expression(content["query"]), "FOR ... IN EXECUTE"});
        } else if (type == "PLpgSQL_stmt_return_query" && content["dynquery"]) {
            items.push_back(Item{line, ItemKind::dynamic, expression(content["dynquery"]), "RETURN QUERY EXECUTE"});
        } else if (type == "PLpgSQL_stmt_open" && content["dynquery"]) {
            items.push_back(Item{line, ItemKind::dynamic, expression(content["dynquery"]), "OPEN ... FOR EXECUTE"});
        }
        return true;
    });
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.line < b.line; });
    return items;
}

class Locator {
public:
    explicit Locator(std::string_view body) : m_body(body) {
        m_line_starts.push_back(0);
        for (std::size_t i = 0; i < body.size(); ++i) {
            if (body[i] == '\n') {
                m_line_starts.push_back(i + 1);
            }
        }
    }

    // Where an item starts: `word` on its line, after what was placed before it.
    [[nodiscard]] std::optional<std::size_t> start(const Item& item, std::string_view word) const {
        const std::size_t line_start = item.line >= 1 && item.line <= m_line_starts.size()
                                           ? m_line_starts[item.line - 1]
                                           : 0;
        if (auto at = find_word(m_body, std::max(m_cursor, line_start), word)) {
            return at;
        }
        return find_word(m_body, line_start, word);
    }

    // The statement's span and its parse text (same length as the span).
    [[nodiscard]] std::optional<PlpgsqlStatement> statement(const Item& item) {
        const bool perform = item.kind == ItemKind::perform;
        std::string parse{trim_start(item.query)};
        const auto at = start(item, perform ? "PERFORM" : first_word(parse));
        if (!at || parse.empty()) {
            return std::nullopt;
        }
        // PostgreSQL reads PERFORM as " SELECT" in place; INTO targets are blanked or cut off.
        if (perform) {
            parse.insert(0, 1, ' ');
        }
        if (*at + parse.size() > m_body.size()) {
            return std::nullopt;
        }
        for (std::size_t k = perform ? 7 : 0; k < parse.size(); ++k) {
            if (parse[k] != ' ' && parse[k] != m_body[*at + k]) {
                return std::nullopt;
            }
        }
        std::size_t semicolon = m_body.find(';', *at + parse.size());
        semicolon = semicolon == std::string_view::npos ? m_body.size() : semicolon;
        std::size_t end = semicolon;
        while (end > *at + parse.size() &&
               (m_body[end - 1] == ' ' || m_body[end - 1] == '\t' || m_body[end - 1] == '\n' || m_body[end - 1] == '\r')) {
            --end;
        }
        parse.resize(end - *at, ' ');
        m_cursor = semicolon;
        return PlpgsqlStatement{ByteSpan{*at, end}, std::move(parse)};
    }

    [[nodiscard]] PlpgsqlDynamic dynamic(const Item& item) {
        const auto at = start(item, "EXECUTE");
        if (!at) {
            const std::size_t line_start = item.line >= 1 && item.line <= m_line_starts.size()
                                               ? m_line_starts[item.line - 1]
                                               : 0;
            const std::size_t line_end = std::min(m_body.find('\n', line_start), m_body.size());
            return PlpgsqlDynamic{ByteSpan{line_start, line_end}, std::string{item.construct}};
        }
        std::size_t end = *at + 7;
        const std::string_view query = trim_start(item.query);
        if (const std::size_t found = m_body.find(query, end); !query.empty() && found != std::string_view::npos) {
            end = found + query.size();
        }
        m_cursor = end;
        return PlpgsqlDynamic{ByteSpan{*at, end}, std::string{item.construct}};
    }

private:
    std::string_view m_body;
    std::vector<std::size_t> m_line_starts;
    std::size_t m_cursor = 0;
};

std::string first_line(const char* message) {
    std::string text = message != nullptr ? message : "syntax error";
    return text.substr(0, text.find('\n'));
}

}  // namespace

PlpgsqlBody read_plpgsql_body(std::string_view body, std::string_view create_function) {
    PlpgsqlBody result;
    const std::string source = create_function.empty() ? wrapper_for(body) : std::string{create_function};
    PgQueryPlpgsqlParseResult parsed = pg_query_parse_plpgsql(source.c_str());
    if (parsed.error != nullptr) {
        result.error = first_line(parsed.error->message);
        pg_query_free_plpgsql_parse_result(parsed);
        return result;
    }
    const std::shared_ptr<const ParseTree> tree =
        ParseTree::read(parsed.plpgsql_funcs != nullptr ? parsed.plpgsql_funcs : "");
    pg_query_free_plpgsql_parse_result(parsed);
    if (!tree) {
        result.error = "the PL/pgSQL parser returned no tree";
        return result;
    }
    Locator locator{body};
    for (const Item& item : collect_items(Node{&tree->root()})) {
        if (item.kind == ItemKind::dynamic) {
            result.dynamic.push_back(locator.dynamic(item));
        } else if (auto statement = locator.statement(item)) {
            result.statements.push_back(std::move(*statement));
        } else {
            result.error = "could not place the statement on line " + std::to_string(item.line) + " of the body";
            return result;
        }
    }
    return result;
}

}  // namespace migsafe
