#include "migsafe/parse.hpp"

#include "migsafe/plpgsql.hpp"
#include "migsafe/token_fallback.hpp"

#include <cstring>

#include <pg_query.h>

namespace migsafe {
namespace {

// PostgreSQL quotes the rest of the input after "at or near"; keep the first line.
std::string first_line_of_message(const char* message) {
    std::string text = message != nullptr ? message : "syntax error";
    const auto newline = text.find('\n');
    if (newline != std::string::npos) {
        text = text.substr(0, newline) + "...\"";
    }
    return text;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

// End of a /* */ comment starting at `i` (comments nest in PostgreSQL).
std::size_t skip_block_comment(std::string_view text, std::size_t i, std::size_t to) {
    int depth = 0;
    while (i < to) {
        if (i + 1 < to && text[i] == '/' && text[i + 1] == '*') {
            ++depth;
            i += 2;
        } else if (i + 1 < to && text[i] == '*' && text[i + 1] == '/') {
            --depth;
            i += 2;
            if (depth == 0) {
                return i;
            }
        } else {
            ++i;
        }
    }
    return to;
}

std::size_t skip_line_comment(std::string_view text, std::size_t i, std::size_t to) {
    while (i < to && text[i] != '\n') {
        ++i;
    }
    return i;
}

// `i` is at a quote character; returns the offset after the closing quote.
std::size_t skip_quoted(std::string_view text, std::size_t i, std::size_t to, bool backslash_escapes) {
    const char quote = text[i++];
    while (i < to) {
        if (backslash_escapes && text[i] == '\\') {
            i += 2;
            continue;
        }
        if (text[i] == quote) {
            if (i + 1 < to && text[i + 1] == quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return to;
}

// `i` is at '$'; returns the offset after the closing tag, or i + 1 when this is no dollar quote.
std::size_t skip_dollar_quoted(std::string_view text, std::size_t i, std::size_t to) {
    std::size_t tag_end = i + 1;
    while (tag_end < to && text[tag_end] != '$' && is_identifier_char(text[tag_end]) &&
           !(tag_end == i + 1 && text[tag_end] >= '0' && text[tag_end] <= '9')) {
        ++tag_end;
    }
    if (tag_end >= to || text[tag_end] != '$') {
        return i + 1;
    }
    const std::string_view tag = text.substr(i, tag_end - i + 1);
    const std::size_t close = text.substr(0, to).find(tag, tag_end + 1);
    return close == std::string_view::npos ? to : close + tag.size();
}

// Offset after the token or trivia item starting at `i`; sets `significant` when it is not trivia.
std::size_t next_item(std::string_view text, std::size_t i, std::size_t to, bool& significant) {
    const char c = text[i];
    significant = true;
    if (is_space(c)) {
        significant = false;
        return i + 1;
    }
    if (c == '-' && i + 1 < to && text[i + 1] == '-') {
        significant = false;
        return skip_line_comment(text, i, to);
    }
    if (c == '/' && i + 1 < to && text[i + 1] == '*') {
        significant = false;
        return skip_block_comment(text, i, to);
    }
    if (c == '\'') {
        const bool escapes = i > 0 && (text[i - 1] == 'E' || text[i - 1] == 'e') &&
                             (i < 2 || !is_identifier_char(text[i - 2]));
        return skip_quoted(text, i, to, escapes);
    }
    if (c == '"') {
        return skip_quoted(text, i, to, false);
    }
    if (c == '$' && (i == 0 || !is_identifier_char(text[i - 1]))) {
        return skip_dollar_quoted(text, i, to);
    }
    return i + 1;
}

// psql meta-commands (\set, \i, \connect ...) start a line outside any literal.
// They are blanked in `work` so libpg_query never sees them.
void blank_meta_commands(std::string_view text, ByteSpan section, std::string& work,
                         std::vector<SourceNote>& notes) {
    bool at_line_start = true;
    std::size_t i = section.begin;
    while (i < section.end) {
        const char c = text[i];
        if (c == '\n') {
            at_line_start = true;
            ++i;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
            continue;
        }
        if (at_line_start && c == '\\') {
            const std::size_t end = skip_line_comment(text, i, section.end);
            std::size_t name_end = i + 1;
            while (name_end < end && !is_space(text[name_end])) {
                ++name_end;
            }
            notes.push_back(SourceNote{ByteSpan{i, end}, "psql meta-command " +
                                                             std::string{text.substr(i, name_end - i)} +
                                                             " skipped: migsafe lints SQL only"});
            for (std::size_t k = i; k < end; ++k) {
                work[k - section.begin] = ' ';
            }
            i = end;
            continue;
        }
        at_line_start = false;
        bool significant = false;
        const std::size_t next = next_item(text, i, section.end, significant);
        // A line comment stops at the newline, which resets at_line_start above.
        i = next;
    }
}

struct RawSplit {
    std::vector<ByteSpan> statements;  // file offsets, untrimmed
    bool failed = false;
    std::size_t error_offset = 0;      // file offset
    std::string message;
};

RawSplit split_statements(const std::string& work, std::size_t base) {
    RawSplit result;
    PgQuerySplitResult split = pg_query_split_with_scanner(work.c_str());
    if (split.error != nullptr) {
        result.failed = true;
        result.message = first_line_of_message(split.error->message);
        const int cursor = split.error->cursorpos;
        result.error_offset =
            base + byte_offset_of_character(work, 0, cursor > 0 ? static_cast<std::size_t>(cursor - 1) : 0);
    } else {
        for (int k = 0; k < split.n_stmts; ++k) {
            const auto location = static_cast<std::size_t>(split.stmts[k]->stmt_location);
            const auto length = static_cast<std::size_t>(split.stmts[k]->stmt_len);
            result.statements.push_back(ByteSpan{base + location, base + location + length});
        }
    }
    pg_query_free_split_result(split);
    return result;
}

void add_embedded_sql(ParsedSql& out, int depth);

// Adds the statements of a successful libpg_query parse of `sql`, which starts at
// file offset `base`; `depth` counts the DO blocks they sit in.
// False when the tree nests deeper than ParseTree reads: nothing is added then.
bool add_statements(const char* parse_tree_json, std::string_view sql, std::size_t base, ParsedSql& out,
                    int depth = 0) {
    std::shared_ptr<const ParseTree> tree = ParseTree::read(parse_tree_json);
    if (!tree) {
        return false;
    }
    const Node stmts = Node{&tree->root()}["stmts"];
    for (std::size_t k = 0; k < stmts.size(); ++k) {
        const Node raw = stmts.at(k);
        if (!raw["stmt"]) {
            continue;
        }
        const std::size_t location =
            std::min(static_cast<std::size_t>(raw["stmt_location"].integer().value_or(0)), sql.size());
        // libpg_query omits stmt_len for the last statement: it runs to the end.
        const auto length_value = raw["stmt_len"].integer().value_or(0);
        const std::size_t length =
            length_value > 0 ? std::min(static_cast<std::size_t>(length_value), sql.size() - location)
                             : sql.size() - location;
        const std::size_t begin = skip_trivia(sql, location, location + length);
        const std::size_t end = end_of_significant(sql, begin, location + length);
        Statement statement;
        statement.index = out.statements.size();
        statement.base_offset = base;
        statement.span = ByteSpan{base + begin, base + end};
        statement.sql = std::string{sql.substr(begin, end - begin)};
        statement.tree = tree;
        statement.root = raw["stmt"].raw();
        out.statements.push_back(std::move(statement));
        add_embedded_sql(out, depth);
    }
    return true;
}

// Where `body` is written in `sql`: the inside of the first string literal whose
// text equals it (a literal with escapes differs from its value: nullopt).
std::optional<ByteSpan> body_literal(std::string_view sql, std::string_view body) {
    std::size_t i = 0;
    while (i < sql.size()) {
        bool significant = false;
        const std::size_t next = next_item(sql, i, sql.size(), significant);
        if (significant && next > i + 1 && (sql[i] == '$' || sql[i] == '\'')) {
            const std::size_t open = sql[i] == '$' ? sql.find('$', i + 1) + 1 : i + 1;
            const std::size_t close = sql[i] == '$' ? next - (open - i) : next - 1;
            if (open <= close && sql.substr(open, close - open) == body) {
                return ByteSpan{open, close};
            }
        }
        i = next;
    }
    return std::nullopt;
}

// Nested DO blocks deeper than this are left as they are.
constexpr int k_max_do_depth = 4;
constexpr std::string_view k_too_deep =
    "the statement nests deeper than migsafe analyses (expressions or subqueries thousands of levels deep)";
constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// A DO block's static SQL becomes statements of their own, right after the block
// (embedded, with spans inside it); its dynamic SQL, and the dynamic SQL of
// PL/pgSQL function bodies, is noted on the statement.
void add_embedded_sql(ParsedSql& out, int depth) {
    const std::size_t index = out.statements.size() - 1;
    const Statement& statement = out.statements[index];
    const bool is_do = statement.kind() == "DoStmt";
    if (!is_do && statement.kind() != "CreateFunctionStmt") {
        return;
    }
    const std::shared_ptr<const ParseTree> tree = statement.tree;  // `body` points into it
    const std::string sql = statement.sql;
    const ByteSpan span = statement.span;
    std::string_view body;
    std::string_view language = is_do ? "plpgsql" : "";
    for (const Node& item : statement.content()[is_do ? "args" : "options"].items()) {
        const Node element = item.as("DefElem");
        if (element["defname"].str() == "as") {
            const Node items = element["arg"].as("List")["items"];
            // A C function's AS names a library and a symbol: two items, no body.
            body = items.size() == 1 ? items.at(0).as("String")["sval"].str() : element["arg"].as("String")["sval"].str();
        } else if (element["defname"].str() == "language") {
            language = element["arg"].as("String")["sval"].str();
        }
    }
    if (body.empty() || (!is_do && !iequals(language, "plpgsql"))) {
        return;
    }
    std::vector<UninspectedSql> uninspected;
    const auto literal = body_literal(sql, body);
    const ByteSpan body_span = literal ? ByteSpan{span.begin + literal->begin, span.begin + literal->end} : span;
    if (!iequals(language, "plpgsql")) {
        uninspected.push_back(UninspectedSql{UninspectedSql::Kind::other_language, body_span, std::string{language}});
    } else if (!literal) {
        if (is_do) {
            uninspected.push_back(UninspectedSql{UninspectedSql::Kind::unreadable, span,
                                                 "its body is a quoted string with escapes (write it between $$)"});
        }
    } else {
        const PlpgsqlBody read = read_plpgsql_body(body, is_do ? std::string_view{} : std::string_view{sql});
        if (!read.error.empty()) {
            if (is_do) {
                uninspected.push_back(UninspectedSql{UninspectedSql::Kind::unreadable, body_span,
                                                     "its body does not read as PL/pgSQL: " + read.error});
            }
        } else {
            for (const PlpgsqlDynamic& dynamic : read.dynamic) {
                uninspected.push_back(UninspectedSql{
                    UninspectedSql::Kind::dynamic,
                    ByteSpan{body_span.begin + dynamic.span.begin, body_span.begin + dynamic.span.end},
                    dynamic.construct});
            }
            for (const PlpgsqlStatement& piece : is_do && depth < k_max_do_depth ? read.statements
                                                                                 : std::vector<PlpgsqlStatement>{}) {
                const std::size_t piece_begin = body_span.begin + piece.span.begin;
                PgQueryParseResult parsed = pg_query_parse(piece.sql.c_str());
                if (parsed.error != nullptr) {
                    const int cursor = parsed.error->cursorpos;
                    out.errors.push_back(ParseError{
                        ByteSpan{piece_begin, body_span.begin + piece.span.end},
                        piece_begin + byte_offset_of_character(piece.sql, 0,
                                                               cursor > 0 ? static_cast<std::size_t>(cursor - 1) : 0),
                        first_line_of_message(parsed.error->message)});
                } else {
                    const std::size_t before = out.statements.size();
                    if (!add_statements(parsed.parse_tree, piece.sql, piece_begin, out, depth + 1)) {
                        out.errors.push_back(ParseError{ByteSpan{piece_begin, body_span.begin + piece.span.end},
                                                        piece_begin, std::string{k_too_deep}});
                    }
                    for (std::size_t k = before; k < out.statements.size(); ++k) {
                        Statement& embedded = out.statements[k];
                        embedded.embedded = true;
                        if (k == before) {
                            // As written: from PERFORM on, INTO targets included.
                            embedded.span = ByteSpan{piece_begin, body_span.begin + piece.span.end};
                            embedded.sql = std::string{body.substr(piece.span.begin, piece.span.size())};
                        }
                    }
                }
                pg_query_free_parse_result(parsed);
            }
        }
    }
    out.statements[index].embedded_count = out.statements.size() - index - 1;
    out.statements[index].uninspected = std::move(uninspected);
}

// A statement in a form newer than PostgreSQL 15 that token_fallback reads:
// parsed in its PostgreSQL 15 form, with a note saying so.
bool parse_newer_syntax(const std::string& sql, ByteSpan span, ParsedSql& out) {
    const auto rewrite = rewrite_newer_syntax(sql);
    if (!rewrite) {
        return false;
    }
    PgQueryParseResult parsed = pg_query_parse(rewrite->sql.c_str());
    const std::size_t before = out.statements.size();
    const bool ok =
        parsed.error == nullptr && add_statements(rewrite->remap_locations(parsed.parse_tree).c_str(), sql, span.begin, out);
    if (ok) {
        for (std::size_t i = before; i < out.statements.size(); ++i) {
            out.notes.push_back(SourceNote{out.statements[i].span, "read by the token fallback: " + rewrite->form,
                                           rewrite->since});
        }
    }
    pg_query_free_parse_result(parsed);
    return ok;
}

// libpg_query's message, with the likely cause when the text at the error is
// not PostgreSQL at all (a template placeholder, MySQL quoting) or nests deeper
// than the parser's stack.
std::string describe_parse_error(const std::string& sql, std::size_t error_offset, std::string message) {
    const std::string_view at = std::string_view{sql}.substr(std::min(error_offset, sql.size()));
    if (message.rfind("memory exhausted", 0) == 0) {
        return message + " (the statement nests deeper than PostgreSQL's parser allows)";
    }
    if (at.rfind("${", 0) == 0 || at.rfind("{{", 0) == 0 || at.rfind("{%", 0) == 0) {
        std::size_t close = at.find('}');
        if (close != std::string_view::npos && close + 1 < at.size() && at[close + 1] == '}') {
            ++close;
        }
        constexpr std::size_t k_longest_shown = 64;
        const std::string_view placeholder =
            close < k_longest_shown ? at.substr(0, close + 1) : at.substr(0, 2);
        return message + " (" + std::string{placeholder} +
               " is a template placeholder, not SQL: migsafe reads the SQL the server runs, so check the rendered "
               "migration)";
    }
    if (at.rfind("`", 0) == 0) {
        return message + " (backticks quote identifiers in MySQL; PostgreSQL uses double quotes)";
    }
    if (in_known_family(sql)) {
        return message + " (the statement may use syntax newer than PostgreSQL 15, the grammar migsafe reads)";
    }
    return message;
}

// `work` is the section's text with meta-commands blanked; it starts at file offset `base`.
void parse_one(std::string_view work, std::size_t base, ByteSpan span, ParsedSql& out) {
    const std::string sql{work.substr(span.begin - base, span.size())};
    PgQueryParseResult parsed = pg_query_parse(sql.c_str());
    if (parsed.error != nullptr && !parse_newer_syntax(sql, span, out)) {
        const int cursor = parsed.error->cursorpos;
        const std::size_t offset =
            span.begin + byte_offset_of_character(sql, 0, cursor > 0 ? static_cast<std::size_t>(cursor - 1) : 0);
        out.errors.push_back(ParseError{span, offset,
                                        describe_parse_error(sql, offset - span.begin,
                                                             first_line_of_message(parsed.error->message))});
    } else if (parsed.error == nullptr && !add_statements(parsed.parse_tree, sql, span.begin, out)) {
        out.errors.push_back(ParseError{span, span.begin, std::string{k_too_deep}});
    }
    pg_query_free_parse_result(parsed);
}

// One libpg_query call for the whole section; false when any statement fails,
// and the caller then parses statement by statement.
bool parse_whole(const std::string& work, std::size_t base, ParsedSql& out) {
    PgQueryParseResult parsed = pg_query_parse(work.c_str());
    // A tree too deep to read sends the section statement by statement, so only that one is an error.
    const bool ok = parsed.error == nullptr && add_statements(parsed.parse_tree, work, base, out);
    pg_query_free_parse_result(parsed);
    return ok;
}

std::vector<std::size_t> top_level_separators(std::string_view text, std::size_t from, std::size_t to,
                                              char separator) {
    to = std::min(to, text.size());
    std::vector<std::size_t> positions;
    int depth = 0;
    std::size_t i = from;
    while (i < to) {
        bool significant = false;
        const std::size_t next = next_item(text, i, to, significant);
        if (significant && next == i + 1) {
            if (text[i] == '(' || text[i] == '[') {
                ++depth;
            } else if ((text[i] == ')' || text[i] == ']') && depth > 0) {
                --depth;
            } else if (text[i] == separator && depth == 0) {
                positions.push_back(i);
            }
        }
        i = next;
    }
    return positions;
}

// libpg_query's scanner split drops a statement whose first token is not a
// keyword (a typo such as "SELEC 1;"). Text between the statements it returns is
// split on top-level semicolons here so such statements still reach the parser
// and fail there, with a position.
std::vector<ByteSpan> fill_gaps(std::string_view work, std::size_t base, const std::vector<ByteSpan>& statements,
                                std::size_t end) {
    std::vector<ByteSpan> complete;
    std::size_t cursor = base;
    auto add_gap = [&](std::size_t from, std::size_t to) {
        std::size_t piece = from;
        std::vector<std::size_t> semicolons = top_level_separators(work, from - base, to - base, ';');
        semicolons.push_back(to - base);
        for (std::size_t semicolon : semicolons) {
            const std::size_t piece_end = semicolon + base;
            if (skip_trivia(work, piece - base, piece_end - base) + base < piece_end) {
                complete.push_back(ByteSpan{piece, piece_end});
            }
            piece = piece_end + 1;
        }
    };
    for (const ByteSpan& statement : statements) {
        if (statement.begin > cursor) {
            add_gap(cursor, statement.begin);
        }
        complete.push_back(statement);
        cursor = std::max(cursor, statement.end);
    }
    if (end > cursor) {
        add_gap(cursor, end);
    }
    return complete;
}

}  // namespace

std::size_t skip_trivia(std::string_view text, std::size_t from, std::size_t to) {
    to = std::min(to, text.size());
    std::size_t i = from;
    while (i < to) {
        bool significant = false;
        const std::size_t next = next_item(text, i, to, significant);
        if (significant) {
            return i;
        }
        i = next;
    }
    return to;
}

std::size_t end_of_significant(std::string_view text, std::size_t from, std::size_t to) {
    to = std::min(to, text.size());
    std::size_t end = from;
    std::size_t i = from;
    while (i < to) {
        bool significant = false;
        const std::size_t next = next_item(text, i, to, significant);
        if (significant) {
            end = next;
        }
        i = next;
    }
    return end;
}

std::size_t end_of_qualified_name(std::string_view text, std::size_t from, std::size_t to) {
    to = std::min(to, text.size());
    std::size_t i = from;
    while (i < to) {
        if (text[i] == '"') {
            i = skip_quoted(text, i, to, false);
        } else if (is_identifier_char(text[i]) || text[i] == '$') {
            while (i < to && (is_identifier_char(text[i]) || text[i] == '$')) {
                ++i;
            }
        } else {
            break;
        }
        const std::size_t after = skip_trivia(text, i, to);
        if (after < to && text[after] == '.') {
            i = skip_trivia(text, after + 1, to);
            continue;
        }
        break;
    }
    const std::size_t after = skip_trivia(text, i, to);
    return after < to && text[after] == '*' ? after + 1 : i;
}

std::vector<std::size_t> top_level_commas(std::string_view text, std::size_t from, std::size_t to) {
    return top_level_separators(text, from, to, ',');
}

Node Statement::node() const { return Node{root}; }
std::string_view Statement::kind() const { return node().type(); }
Node Statement::content() const { return node().inner(); }

ParsedSql parse_sql(std::string_view text) { return parse_sql(text, ByteSpan{0, text.size()}); }

ParsedSql parse_sql(std::string_view text, ByteSpan section) {
    ParsedSql out;
    section.end = std::min(section.end, text.size());
    if (section.begin >= section.end) {
        return out;
    }
    std::string work{text.substr(section.begin, section.size())};
    blank_meta_commands(text, section, work, out.notes);
    if (section.begin == 0 && work.rfind(k_utf8_bom, 0) == 0) {
        work.replace(0, k_utf8_bom.size(), k_utf8_bom.size(), ' ');  // editors hide it; the parser must too
    }

    if (parse_whole(work, section.begin, out)) {
        return out;
    }
    RawSplit split = split_statements(work, section.begin);
    std::optional<ParseError> lexical_error;
    if (split.failed) {
        // The scanner stopped at an unterminated literal: keep what precedes the
        // statement it sits in, and report that statement from there on.
        const std::string prefix = work.substr(0, split.error_offset - section.begin);
        RawSplit before = split_statements(prefix, section.begin);
        std::size_t broken_begin = section.begin;
        if (!before.failed && !before.statements.empty()) {
            broken_begin = before.statements.back().begin;
            before.statements.pop_back();
        }
        split.statements = std::move(before.statements);
        const std::size_t begin = skip_trivia(text, broken_begin, section.end);
        lexical_error = ParseError{ByteSpan{begin, section.end}, split.error_offset, split.message};
    }
    split.statements = fill_gaps(work, section.begin, split.statements,
                                 lexical_error ? lexical_error->statement.begin : section.end);
    for (const ByteSpan& raw : split.statements) {
        const std::size_t begin = skip_trivia(work, raw.begin - section.begin, raw.end - section.begin) + section.begin;
        const std::size_t end = end_of_significant(work, begin - section.begin, raw.end - section.begin) + section.begin;
        if (begin < end) {
            parse_one(work, section.begin, ByteSpan{begin, end}, out);
        }
    }
    if (lexical_error) {
        out.errors.push_back(*lexical_error);
    }
    return out;
}

}  // namespace migsafe
