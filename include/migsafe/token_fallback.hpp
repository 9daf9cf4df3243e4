// Statements in syntax newer than the PostgreSQL 15 grammar: recognised from
// libpg_query's scanner tokens and rewritten to the PostgreSQL 15 form with the
// same locks, so the lock model and the rules can judge them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migsafe {

// One token of pg_query_scan's output.
struct ScanToken {
    std::size_t begin = 0;
    std::size_t end = 0;
    int token = 0;         // pg_query.proto's Token enum (ASCII tokens use their character code)
    int keyword_kind = 0;  // 0: not a keyword
};

// The tokens of `sql`, comments left out; empty when the scanner fails.
[[nodiscard]] std::vector<ScanToken> scan_tokens(std::string_view sql);

// Decodes a protobuf ScanResult (fields start, end, token, keyword_kind of each token).
[[nodiscard]] std::vector<ScanToken> decode_scan_result(std::string_view protobuf);

struct SyntaxRewrite {
    struct Edit {
        std::size_t begin = 0;  // in the original text
        std::size_t end = 0;
        std::string replacement;
    };
    std::string sql;            // the PostgreSQL 15 equivalent
    std::vector<Edit> edits;    // sorted, not overlapping
    std::string form;           // what was recognised, for the note
    int since = 0;              // the newest PostgreSQL major whose syntax it uses

    // Offset in the original text of an offset in `sql` (inside a replacement: its start).
    [[nodiscard]] std::size_t original_offset(std::size_t rewritten) const;
    // libpg_query's JSON for `sql` with every location moved to the original text.
    [[nodiscard]] std::string remap_locations(std::string_view json) const;
};

// The PostgreSQL 15 form, with the same locks, of a statement that uses newer
// forms migsafe knows (PostgreSQL 18 NOT NULL and NOT ENFORCED constraints,
// virtual generated columns and temporal keys; PostgreSQL 17 SET ... DEFAULT and
// MERGE ... RETURNING; PostgreSQL 16-17 SQL/JSON; PostgreSQL 16 subqueries
// without alias).
[[nodiscard]] std::optional<SyntaxRewrite> rewrite_newer_syntax(std::string_view sql);

// ALTER TABLE, CREATE INDEX, CREATE TABLE, DROP, MERGE, GRANT and REVOKE: families
// PostgreSQL 16-18 added forms to, so a parse error there may mean newer syntax.
[[nodiscard]] bool in_known_family(std::string_view sql);

}  // namespace migsafe
