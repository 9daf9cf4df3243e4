#include "migsafe/token_fallback.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

#include <pg_query.h>

#include "migsafe/joined.hpp"

namespace migsafe {
namespace {

constexpr int k_sql_comment = 275;  // pg_query.proto Token SQL_COMMENT
constexpr int k_c_comment = 276;    // C_COMMENT

// A minimal reader of the protobuf wire format: varints and length-delimited fields.
class WireReader {
public:
    explicit WireReader(std::string_view data) : m_data(data) {}

    [[nodiscard]] bool done() const { return m_offset >= m_data.size() || m_failed; }
    [[nodiscard]] bool failed() const { return m_failed; }

    std::uint64_t varint() {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_offset >= m_data.size()) {
                m_failed = true;
                return 0;
            }
            const auto byte = static_cast<unsigned char>(m_data[m_offset++]);
            value |= static_cast<std::uint64_t>(byte & 0x7FU) << shift;
            if ((byte & 0x80U) == 0) {
                return value;
            }
        }
        m_failed = true;
        return 0;
    }

    std::string_view bytes() {
        const std::uint64_t length = varint();
        if (m_failed || length > m_data.size() - m_offset) {
            m_failed = true;
            return {};
        }
        const std::string_view result = m_data.substr(m_offset, length);
        m_offset += length;
        return result;
    }

    // Skips a field of `wire_type` (0 varint, 1 fixed64, 2 bytes, 5 fixed32).
    void skip(std::uint64_t wire_type) {
        switch (wire_type) {
            case 0: varint(); break;
            case 1: advance(8); break;
            case 2: bytes(); break;
            case 5: advance(4); break;
            default: m_failed = true; break;
        }
    }

private:
    void advance(std::size_t count) {
        if (count > m_data.size() - m_offset) {
            m_failed = true;
        } else {
            m_offset += count;
        }
    }

    std::string_view m_data;
    std::size_t m_offset = 0;
    bool m_failed = false;
};

ScanToken decode_token(std::string_view message) {
    ScanToken token;
    WireReader reader{message};
    while (!reader.done()) {
        const std::uint64_t key = reader.varint();
        const std::uint64_t field = key >> 3U;
        const std::uint64_t wire_type = key & 7U;
        if (wire_type != 0) {
            reader.skip(wire_type);
            continue;
        }
        const std::uint64_t value = reader.varint();
        switch (field) {
            case 1: token.begin = static_cast<std::size_t>(value); break;
            case 2: token.end = static_cast<std::size_t>(value); break;
            case 4: token.token = static_cast<int>(value); break;
            case 5: token.keyword_kind = static_cast<int>(value); break;
            default: break;
        }
    }
    return token;
}

std::string upper(std::string_view text) {
    std::string result{text};
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return result;
}

class Tokens {
public:
    Tokens(std::string_view sql, std::vector<ScanToken> tokens) : m_sql(sql), m_tokens(std::move(tokens)) {}

    [[nodiscard]] std::size_t size() const { return m_tokens.size(); }
    [[nodiscard]] const ScanToken& at(std::size_t i) const { return m_tokens[i]; }
    [[nodiscard]] std::string_view text(std::size_t i) const {
        return i < m_tokens.size() ? m_sql.substr(m_tokens[i].begin, m_tokens[i].end - m_tokens[i].begin)
                                   : std::string_view{};
    }
    // Keyword (or identifier) `word`, case-insensitive.
    [[nodiscard]] bool is(std::size_t i, std::string_view word) const {
        return i < m_tokens.size() && upper(text(i)) == word;
    }
    [[nodiscard]] bool is_char(std::size_t i, char c) const { return i < m_tokens.size() && m_tokens[i].token == c; }
    // An identifier or a non-reserved keyword: something that can name a column.
    [[nodiscard]] bool is_name(std::size_t i) const {
        return i < m_tokens.size() && (m_tokens[i].keyword_kind != 4 || m_tokens[i].token == 258) &&
               !is_char(i, '(') && !is_char(i, ')') && !is_char(i, ',') && !is_char(i, ';');
    }
    // The token after the parenthesis group opened at `open`.
    [[nodiscard]] std::size_t after_group(std::size_t open) const {
        int depth = 0;
        for (std::size_t i = open; i < m_tokens.size(); ++i) {
            if (is_char(i, '(')) {
                ++depth;
            } else if (is_char(i, ')') && --depth == 0) {
                return i + 1;
            }
        }
        return m_tokens.size();
    }

private:
    std::string_view m_sql;
    std::vector<ScanToken> m_tokens;
};

// `[CONSTRAINT name] NOT NULL column [NOT VALID] [NO INHERIT]` at token `i`:
// the token after it, the column token and whether NOT VALID was given.
struct NotNullConstraint {
    std::size_t first = 0;
    std::size_t after = 0;
    std::size_t column = 0;
    bool not_valid = false;
};

std::optional<NotNullConstraint> not_null_constraint(const Tokens& tokens, std::size_t i) {
    NotNullConstraint found;
    found.first = i;
    if (tokens.is(i, "CONSTRAINT")) {
        i += 2;
    }
    if (!tokens.is(i, "NOT") || !tokens.is(i + 1, "NULL") || !tokens.is_name(i + 2)) {
        return std::nullopt;
    }
    found.column = i + 2;
    i += 3;
    for (bool more = true; more;) {
        more = false;
        if (tokens.is(i, "NOT") && tokens.is(i + 1, "VALID")) {
            found.not_valid = true;
            i += 2;
            more = true;
        } else if (tokens.is(i, "NO") && tokens.is(i + 1, "INHERIT")) {
            i += 2;
            more = true;
        }
    }
    found.after = i;
    return found;
}

// PostgreSQL 18: ALTER TABLE ... ADD [CONSTRAINT name] NOT NULL column.
void alter_table_not_null(const Tokens& tokens, SyntaxRewrite& rewrite) {
    int depth = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens.is_char(i, '(')) {
            ++depth;
        } else if (tokens.is_char(i, ')')) {
            --depth;
        }
        if (depth != 0 || !tokens.is(i, "ADD")) {
            continue;
        }
        const auto constraint = not_null_constraint(tokens, i + 1);
        if (!constraint) {
            continue;
        }
        const std::string column{tokens.text(constraint->column)};
        const std::size_t begin = tokens.at(i).begin;
        const std::size_t end = tokens.at(constraint->after - 1).end;
        std::string replacement = "ALTER COLUMN " + column + " SET NOT NULL";
        if (constraint->not_valid) {
            // Unvalidated, it is a catalog change only: the PostgreSQL 15 form with that effect.
            const std::string name = tokens.is(i + 1, "CONSTRAINT") ? std::string{tokens.text(i + 2)}
                                                                    : std::string{"not_null_" + column};
            replacement = "ADD CONSTRAINT " + name + " CHECK (" + column + " IS NOT NULL) NOT VALID";
        }
        rewrite.edits.push_back(SyntaxRewrite::Edit{begin, end, replacement});
        i = constraint->after - 1;
    }
}

// PostgreSQL 18: a `[CONSTRAINT name] NOT NULL column` element of CREATE TABLE
// becomes NOT NULL on that column's definition.
void create_table_not_null(const Tokens& tokens, SyntaxRewrite& rewrite) {
    std::size_t open = 0;
    while (open < tokens.size() && !tokens.is_char(open, '(')) {
        ++open;
    }
    const std::size_t close = tokens.after_group(open) - 1;
    if (open >= tokens.size() || close >= tokens.size()) {
        return;
    }
    // Elements of the list: [first token, one past last token).
    std::vector<std::pair<std::size_t, std::size_t>> elements;
    int depth = 0;
    std::size_t start = open + 1;
    for (std::size_t i = open + 1; i < close; ++i) {
        if (tokens.is_char(i, '(')) {
            ++depth;
        } else if (tokens.is_char(i, ')')) {
            --depth;
        } else if (depth == 0 && tokens.is_char(i, ',')) {
            elements.emplace_back(start, i);
            start = i + 1;
        }
    }
    elements.emplace_back(start, close);
    std::vector<std::string> columns;
    std::vector<std::size_t> removed;
    for (std::size_t k = 0; k < elements.size(); ++k) {
        const auto constraint = not_null_constraint(tokens, elements[k].first);
        if (constraint && constraint->after == elements[k].second && !constraint->not_valid) {
            columns.push_back(upper(tokens.text(constraint->column)));
            removed.push_back(k);
        }
    }
    if (removed.empty() || removed.size() == elements.size()) {
        return;
    }
    std::vector<SyntaxRewrite::Edit> edits;
    for (std::size_t k = 0; k < elements.size(); ++k) {
        const auto& [first, last] = elements[k];
        if (std::find(removed.begin(), removed.end(), k) != removed.end()) {
            // Remove the element with the comma before it (after it, for the first one).
            const std::size_t begin = k == 0 ? tokens.at(first).begin : tokens.at(first - 1).begin;
            const std::size_t end = k == 0 ? tokens.at(last).end : tokens.at(last - 1).end;
            edits.push_back(SyntaxRewrite::Edit{begin, end, ""});
            continue;
        }
        if (first < last && std::find(columns.begin(), columns.end(), upper(tokens.text(first))) != columns.end()) {
            const std::size_t at = tokens.at(last - 1).end;
            edits.push_back(SyntaxRewrite::Edit{at, at, " NOT NULL"});
        }
    }
    std::sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
    rewrite.edits.insert(rewrite.edits.end(), edits.begin(), edits.end());
}

// PostgreSQL 16: a subquery (or VALUES list) in FROM or JOIN needs no alias.
void subquery_alias(const Tokens& tokens, SyntaxRewrite& rewrite) {
    static const char* const k_follows_without_alias[] = {
        "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "WINDOW",
        "JOIN",  "LEFT",  "RIGHT", "INNER",  "FULL",  "CROSS",  "NATURAL", "ON",    "FOR",       "FETCH",
        "RETURNING", "USING"};
    std::size_t counter = 0;
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (!(tokens.is(i, "FROM") || tokens.is(i, "JOIN")) || !tokens.is_char(i + 1, '(')) {
            continue;
        }
        if (!(tokens.is(i + 2, "SELECT") || tokens.is(i + 2, "VALUES") || tokens.is(i + 2, "WITH") ||
              tokens.is(i + 2, "TABLE"))) {
            continue;
        }
        const std::size_t after = tokens.after_group(i + 1);
        bool needs_alias = after >= tokens.size() || tokens.is_char(after, ',') || tokens.is_char(after, ')') ||
                           tokens.is_char(after, ';');
        for (const char* word : k_follows_without_alias) {
            needs_alias = needs_alias || tokens.is(after, word);
        }
        if (needs_alias) {
            const std::size_t at = tokens.at(after - 1).end;
            rewrite.edits.push_back(
                SyntaxRewrite::Edit{at, at, " AS migsafe_subquery_" + std::to_string(++counter)});
        }
    }
}

// PostgreSQL 18: NOT ENFORCED constraints are never checked against rows, which
// in ALTER TABLE ... ADD locks and skips the scan as NOT VALID does in
// PostgreSQL 15; ENFORCED is the default. In CREATE TABLE both are dropped.
void constraint_enforcement(const Tokens& tokens, bool alter_table, SyntaxRewrite& rewrite) {
    static const char* const k_after_constraint[] = {"DEFERRABLE", "DEFERRED", "IMMEDIATE", "INHERIT",
                                                     "CASCADE",    "RESTRICT", "ACTION",    "NULL", "DEFAULT"};
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        if (!tokens.is(i, "ENFORCED")) {
            continue;
        }
        const bool negated = tokens.is(i - 1, "NOT");
        const std::size_t first = negated ? i - 1 : i;
        if (first == 0) {
            continue;
        }
        // Only after a constraint's last part, so a column named "enforced" stays a column.
        bool ends_constraint = tokens.is_char(first - 1, ')') || (first >= 2 && tokens.is(first - 2, "REFERENCES"));
        for (const char* word : k_after_constraint) {
            ends_constraint = ends_constraint || tokens.is(first - 1, word);
        }
        if (!ends_constraint || (first >= 2 && tokens.is(first - 2, "ALTER") && tokens.is(first - 1, "CONSTRAINT"))) {
            continue;
        }
        const std::string replacement = negated && alter_table ? "NOT VALID" : "";
        rewrite.edits.push_back(SyntaxRewrite::Edit{tokens.at(first).begin, tokens.at(i).end, replacement});
    }
}

// PostgreSQL 18: a generated column is VIRTUAL unless it says STORED; adding one
// neither rewrites nor scans the table, as adding a plain column does.
void virtual_generated_column(const Tokens& tokens, SyntaxRewrite& rewrite) {
    for (std::size_t i = 0; i + 3 < tokens.size(); ++i) {
        if (!tokens.is(i, "GENERATED") || !tokens.is(i + 1, "ALWAYS") || !tokens.is(i + 2, "AS") ||
            !tokens.is_char(i + 3, '(')) {
            continue;
        }
        const std::size_t after = tokens.after_group(i + 3);
        if (after > tokens.size() || tokens.is(after, "STORED")) {
            continue;
        }
        const std::size_t last = tokens.is(after, "VIRTUAL") ? after : after - 1;
        rewrite.edits.push_back(SyntaxRewrite::Edit{tokens.at(i).begin, tokens.at(last).end, ""});
        i = last;
    }
}

// PostgreSQL 17: SET STATISTICS DEFAULT is SET STATISTICS -1, and SET ACCESS
// METHOD DEFAULT rewrites the table into default_table_access_method (heap).
void set_default(const Tokens& tokens, SyntaxRewrite& rewrite) {
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        if (!tokens.is(i, "DEFAULT")) {
            continue;
        }
        if (tokens.is(i - 1, "STATISTICS") && i >= 2 && tokens.is(i - 2, "SET")) {
            rewrite.edits.push_back(SyntaxRewrite::Edit{tokens.at(i).begin, tokens.at(i).end, "-1"});
        } else if (tokens.is(i - 1, "METHOD") && i >= 3 && tokens.is(i - 2, "ACCESS") && tokens.is(i - 3, "SET")) {
            rewrite.edits.push_back(SyntaxRewrite::Edit{tokens.at(i).begin, tokens.at(i).end, "heap"});
        }
    }
}

// PostgreSQL 18 temporal keys: `col WITHOUT OVERLAPS` in PRIMARY KEY or UNIQUE and
// `PERIOD col` in FOREIGN KEY build and check the same index and key, under the
// same locks, as the key without them.
void temporal_keys(const Tokens& tokens, SyntaxRewrite& rewrite) {
    for (std::size_t i = 1; i + 1 < tokens.size(); ++i) {
        if (tokens.is(i, "WITHOUT") && tokens.is(i + 1, "OVERLAPS") && tokens.is_name(i - 1)) {
            rewrite.edits.push_back(SyntaxRewrite::Edit{tokens.at(i).begin, tokens.at(i + 1).end, ""});
        } else if (tokens.is(i, "PERIOD") && (tokens.is_char(i - 1, ',') || tokens.is_char(i - 1, '(')) &&
                   tokens.is_name(i + 1) && !tokens.is_char(i + 1, ')')) {
            rewrite.edits.push_back(SyntaxRewrite::Edit{tokens.at(i).begin, tokens.at(i).end, ""});
        }
    }
}

// SQL/JSON has its own grammar: PostgreSQL 16's constructors and IS JSON,
// PostgreSQL 17's query functions. An expression's form does not change a
// statement's locks, so each is read as a NULL (IS JSON as IS NOT NULL).
constexpr std::array<std::string_view, 4> k_sql_json_16{"JSON_OBJECT", "JSON_ARRAY", "JSON_OBJECTAGG",
                                                        "JSON_ARRAYAGG"};
constexpr std::array<std::string_view, 6> k_sql_json_17{"JSON_VALUE",  "JSON_QUERY",     "JSON_EXISTS",
                                                        "JSON_SCALAR", "JSON_SERIALIZE", "JSON"};

template <std::size_t N>
void sql_json(const Tokens& tokens, const std::array<std::string_view, N>& functions, bool is_json,
              SyntaxRewrite& rewrite) {
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        const bool function =
            tokens.is_char(i + 1, '(') &&
            std::any_of(functions.begin(), functions.end(), [&](std::string_view name) { return tokens.is(i, name); });
        if (function) {
            const std::size_t after = tokens.after_group(i + 1);
            rewrite.edits.push_back(SyntaxRewrite::Edit{tokens.at(i).begin, tokens.at(after - 1).end, "NULL"});
            i = after - 1;
            continue;
        }
        if (!is_json || !tokens.is(i, "IS")) {
            continue;
        }
        std::size_t j = tokens.is(i + 1, "NOT") ? i + 2 : i + 1;
        if (!tokens.is(j, "JSON")) {
            continue;
        }
        ++j;
        if (tokens.is(j, "VALUE") || tokens.is(j, "SCALAR") || tokens.is(j, "ARRAY") || tokens.is(j, "OBJECT")) {
            ++j;
        }
        if ((tokens.is(j, "WITH") || tokens.is(j, "WITHOUT")) && tokens.is(j + 1, "UNIQUE")) {
            j += tokens.is(j + 2, "KEYS") ? 3 : 2;
        }
        rewrite.edits.push_back(SyntaxRewrite::Edit{tokens.at(i).begin, tokens.at(j - 1).end, "IS NOT NULL"});
        i = j - 1;
    }
}

// PostgreSQL 17: MERGE ... RETURNING; the rows it returns do not change its locks.
void merge_returning(const Tokens& tokens, SyntaxRewrite& rewrite) {
    if (!tokens.is(0, "MERGE")) {
        return;
    }
    int depth = 0;
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        if (tokens.is_char(i, '(')) {
            ++depth;
        } else if (tokens.is_char(i, ')')) {
            --depth;
        } else if (depth == 0 && tokens.is(i, "RETURNING")) {
            std::size_t last = tokens.size() - 1;
            while (last > i && tokens.is_char(last, ';')) {
                --last;
            }
            rewrite.edits.push_back(SyntaxRewrite::Edit{tokens.at(i).begin, tokens.at(last).end, ""});
            return;
        }
    }
}

}  // namespace

std::vector<ScanToken> decode_scan_result(std::string_view protobuf) {
    std::vector<ScanToken> tokens;
    WireReader reader{protobuf};
    while (!reader.done()) {
        const std::uint64_t key = reader.varint();
        if ((key >> 3U) == 2 && (key & 7U) == 2) {
            const ScanToken token = decode_token(reader.bytes());
            if (token.token != k_sql_comment && token.token != k_c_comment) {
                tokens.push_back(token);
            }
        } else {
            reader.skip(key & 7U);
        }
    }
    if (reader.failed()) {
        tokens.clear();
    }
    return tokens;
}

std::vector<ScanToken> scan_tokens(std::string_view sql) {
    const std::string text{sql};
    PgQueryScanResult scanned = pg_query_scan(text.c_str());
    std::vector<ScanToken> tokens;
    if (scanned.error == nullptr) {
        tokens = decode_scan_result(std::string_view{scanned.pbuf.data, scanned.pbuf.len});
    }
    pg_query_free_scan_result(scanned);
    for (ScanToken& token : tokens) {
        token.begin = std::min(token.begin, sql.size());
        token.end = std::clamp(token.end, token.begin, sql.size());
    }
    return tokens;
}

std::size_t SyntaxRewrite::original_offset(std::size_t rewritten) const {
    std::ptrdiff_t shift = 0;
    for (const Edit& edit : edits) {
        const auto new_begin = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(edit.begin) + shift);
        const std::size_t new_end = new_begin + edit.replacement.size();
        if (rewritten < new_begin) {
            break;
        }
        if (rewritten < new_end) {
            return edit.begin;
        }
        shift += static_cast<std::ptrdiff_t>(edit.replacement.size()) -
                 static_cast<std::ptrdiff_t>(edit.end - edit.begin);
    }
    return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(rewritten) - shift);
}

std::string SyntaxRewrite::remap_locations(std::string_view json) const {
    std::string result;
    result.reserve(json.size());
    std::size_t i = 0;
    while (i < json.size()) {
        bool mapped = false;
        for (std::string_view key : {std::string_view{"\"location\":"}, std::string_view{"\"stmt_len\":"}}) {
            if (json.compare(i, key.size(), key) != 0) {
                continue;
            }
            std::size_t digits = i + key.size();
            std::size_t value = 0;
            while (digits < json.size() && std::isdigit(static_cast<unsigned char>(json[digits])) != 0) {
                value = value * 10 + static_cast<std::size_t>(json[digits] - '0');
                ++digits;
            }
            if (digits > i + key.size()) {
                result.append(key);
                result += std::to_string(original_offset(value));
                i = digits;
                mapped = true;
            }
            break;
        }
        if (!mapped) {
            result += json[i++];
        }
    }
    return result;
}

std::optional<SyntaxRewrite> rewrite_newer_syntax(std::string_view sql) {
    const Tokens tokens{sql, scan_tokens(sql)};
    if (tokens.size() < 3) {
        return std::nullopt;
    }
    SyntaxRewrite rewrite;
    std::vector<std::string> forms;
    // Runs one reader of syntax PostgreSQL `since` added; what it recognised goes into the note.
    auto read = [&](int since, std::string_view form, auto&& reader) {
        const std::size_t before = rewrite.edits.size();
        reader();
        if (rewrite.edits.size() > before) {
            forms.emplace_back(form);
            rewrite.since = std::max(rewrite.since, since);
        }
    };
    const bool alter_table = tokens.is(0, "ALTER") && tokens.is(1, "TABLE");
    const bool create_table =
        tokens.is(0, "CREATE") && (tokens.is(1, "TABLE") || tokens.is(2, "TABLE") || tokens.is(3, "TABLE"));
    if (alter_table) {
        read(18, "PostgreSQL 18 ALTER TABLE ... ADD CONSTRAINT ... NOT NULL column, read as ALTER COLUMN ... SET NOT "
             "NULL (NOT VALID: as a CHECK (column IS NOT NULL) NOT VALID)",
             [&] { alter_table_not_null(tokens, rewrite); });
        read(17, "PostgreSQL 17 SET STATISTICS DEFAULT or SET ACCESS METHOD DEFAULT, read as SET STATISTICS -1 or SET "
             "ACCESS METHOD heap",
             [&] { set_default(tokens, rewrite); });
    } else if (create_table) {
        read(18, "PostgreSQL 18 CONSTRAINT ... NOT NULL column in CREATE TABLE, read as NOT NULL on the column",
             [&] { create_table_not_null(tokens, rewrite); });
    }
    if (alter_table || create_table) {
        read(18, alter_table ? "PostgreSQL 18 [NOT] ENFORCED constraint, NOT ENFORCED read as NOT VALID (no scan of "
                           "existing rows)"
                         : "PostgreSQL 18 [NOT] ENFORCED constraint, read without it",
             [&] { constraint_enforcement(tokens, alter_table, rewrite); });
        read(18, "PostgreSQL 18 virtual generated column, read as a plain column (neither rewrites the table)",
             [&] { virtual_generated_column(tokens, rewrite); });
        read(18, "PostgreSQL 18 WITHOUT OVERLAPS or PERIOD key column, read as a plain key column",
             [&] { temporal_keys(tokens, rewrite); });
    }
    read(17, "PostgreSQL 17 MERGE ... RETURNING, read without RETURNING", [&] { merge_returning(tokens, rewrite); });
    read(16, "PostgreSQL 16 SQL/JSON constructor or IS JSON, read as NULL or IS NOT NULL (an expression does not "
         "change the locks)",
         [&] { sql_json(tokens, k_sql_json_16, true, rewrite); });
    read(17, "PostgreSQL 17 SQL/JSON query function, read as NULL (an expression does not change the locks)",
         [&] { sql_json(tokens, k_sql_json_17, false, rewrite); });
    read(16, "PostgreSQL 16 subquery in FROM without an alias, read with a generated alias",
         [&] { subquery_alias(tokens, rewrite); });
    if (rewrite.edits.empty()) {
        return std::nullopt;
    }
    rewrite.form = joined(forms, "; ");
    std::sort(rewrite.edits.begin(), rewrite.edits.end(),
              [](const auto& a, const auto& b) { return a.begin < b.begin; });
    std::size_t cursor = 0;
    for (const auto& edit : rewrite.edits) {
        if (edit.begin < cursor) {
            return std::nullopt;  // overlapping edits: not a form this reads
        }
        rewrite.sql.append(sql.substr(cursor, edit.begin - cursor));
        rewrite.sql += edit.replacement;
        cursor = edit.end;
    }
    rewrite.sql.append(sql.substr(cursor));
    return rewrite;
}

bool in_known_family(std::string_view sql) {
    const Tokens tokens{sql, scan_tokens(sql)};
    if (tokens.is(0, "DROP") || tokens.is(0, "MERGE") || tokens.is(0, "GRANT") || tokens.is(0, "REVOKE") ||
        (tokens.is(0, "ALTER") && tokens.is(1, "TABLE"))) {
        return true;
    }
    if (!tokens.is(0, "CREATE")) {
        return false;
    }
    for (std::size_t i = 1; i < 5 && i < tokens.size(); ++i) {
        if (tokens.is(i, "INDEX") || tokens.is(i, "TABLE")) {
            return true;
        }
    }
    return false;
}

}  // namespace migsafe
