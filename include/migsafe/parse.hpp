// Splitting SQL text into statements and parsing each with libpg_query.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/parse_tree.hpp"
#include "migsafe/source.hpp"

namespace migsafe {

// SQL inside a statement that migsafe cannot read.
struct UninspectedSql {
    enum class Kind {
        dynamic,         // EXECUTE of a string built at run time
        other_language,  // a DO block in a language other than PL/pgSQL
        unreadable,      // a PL/pgSQL body migsafe could not read
    };
    Kind kind = Kind::dynamic;
    ByteSpan span;
    std::string detail;  // the construct ("EXECUTE"), the language, or why the body could not be read
};

struct Statement {
    std::size_t index = 0;
    // From the first token up to (not including) the terminating ';'.
    ByteSpan span;
    // File offset of the text libpg_query parsed; node locations are relative to it.
    std::size_t base_offset = 0;
    std::string sql;
    // The parse tree holding this statement, shared by the statements of one parse.
    std::shared_ptr<const ParseTree> tree;
    // {"<Kind>Stmt": {...}} inside `tree`.
    const JsonValue* root = nullptr;
    // True when the statement came from inside a DO block or function body.
    bool embedded = false;
    // A DO block's static SQL statements (nested ones included), which follow it
    // directly in the statement list, embedded and with spans inside the block.
    std::size_t embedded_count = 0;
    // Dynamic SQL in a DO block or PL/pgSQL function body, or a body migsafe cannot read.
    std::vector<UninspectedSql> uninspected;

    [[nodiscard]] Node node() const;          // the wrapper, e.g. {"IndexStmt": {...}}
    [[nodiscard]] std::string_view kind() const;  // "IndexStmt"
    [[nodiscard]] Node content() const;       // the IndexStmt's fields
    // File byte offset of a node location (relative to this statement's text).
    [[nodiscard]] std::size_t file_offset(std::size_t location) const { return base_offset + location; }
};

struct ParseError {
    ByteSpan statement;           // the statement that failed
    std::size_t error_offset = 0; // where PostgreSQL's parser stopped
    std::string message;
};

struct SourceNote {
    ByteSpan span;
    std::string message;
    int since_pg_version = 0;  // about syntax this PostgreSQL major added (the token fallback's)
};

struct ParsedSql {
    std::vector<Statement> statements;
    std::vector<ParseError> errors;
    std::vector<SourceNote> notes;
};

// Parses `text[section.begin, section.end)`; offsets in the result are file offsets.
// Never throws: statements that do not parse become ParseErrors and the rest is kept.
[[nodiscard]] ParsedSql parse_sql(std::string_view text, ByteSpan section);
[[nodiscard]] ParsedSql parse_sql(std::string_view text);

// Byte offset of the first character that is not whitespace or a comment, from `from`.
[[nodiscard]] std::size_t skip_trivia(std::string_view text, std::size_t from, std::size_t to);
// One past the last character that is not whitespace or a comment in [from, to).
[[nodiscard]] std::size_t end_of_significant(std::string_view text, std::size_t from, std::size_t to);

// Offsets of the commas in [from, to) that sit outside parentheses, literals and comments.
[[nodiscard]] std::vector<std::size_t> top_level_commas(std::string_view text, std::size_t from, std::size_t to);
// End of the (possibly schema-qualified, possibly quoted) name starting at `from`, plus a trailing `*`.
[[nodiscard]] std::size_t end_of_qualified_name(std::string_view text, std::size_t from, std::size_t to);

}  // namespace migsafe
