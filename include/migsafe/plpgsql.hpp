// PL/pgSQL bodies read with libpg_query's PL/pgSQL parser: the static SQL
// statements inside a DO block or function body, and the dynamic SQL (EXECUTE)
// that migsafe cannot see into.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "migsafe/source.hpp"

namespace migsafe {

// One static SQL statement of a body.
struct PlpgsqlStatement {
    ByteSpan span;    // in the body, from its first token to before its ';'
    // What libpg_query should parse: the same length as `span`, with PERFORM read as
    // SELECT and INTO targets blanked, so node locations map onto the body.
    std::string sql;
};

// A statement whose SQL is built at run time.
struct PlpgsqlDynamic {
    ByteSpan span;           // in the body: from EXECUTE to the end of its expression
    std::string construct;   // "EXECUTE", "FOR ... IN EXECUTE", "RETURN QUERY EXECUTE", "OPEN ... FOR EXECUTE"
};

struct PlpgsqlBody {
    std::vector<PlpgsqlStatement> statements;  // in body order
    std::vector<PlpgsqlDynamic> dynamic;
    std::string error;  // why the body could not be read; empty when it was
};

// Reads `body`, the text between the quotes of a PL/pgSQL body. `create_function`
// is the CREATE FUNCTION or PROCEDURE statement it belongs to (its parameters are
// declared there); empty for a DO block.
[[nodiscard]] PlpgsqlBody read_plpgsql_body(std::string_view body, std::string_view create_function = {});

}  // namespace migsafe
