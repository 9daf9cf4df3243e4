#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// PostgreSQL's NAMEDATALEN - 1: longer identifiers are silently truncated.
constexpr std::size_t k_max_identifier_bytes = 63;

// Identifiers a statement creates: relations, columns, indexes, constraints, types, triggers, policies.
std::vector<std::string> created_names(std::string_view kind, Node stmt) {
    std::vector<std::string> names;
    auto add = [&](std::string_view name) {
        if (!name.empty()) {
            names.emplace_back(name);
        }
    };
    if (kind == "CreateStmt" || kind == "ViewStmt" || kind == "CreateSeqStmt") {
        Node relation = kind == "CreateStmt" ? stmt["relation"] : kind == "ViewStmt" ? stmt["view"] : stmt["sequence"];
        add(relation["relname"].str());
    } else if (kind == "CreateTableAsStmt") {
        add(stmt["into"]["rel"]["relname"].str());
    } else if (kind == "IndexStmt") {
        add(stmt["idxname"].str());
    } else if (kind == "RenameStmt") {
        add(stmt["newname"].str());
    } else if (kind == "CreateTrigStmt") {
        add(stmt["trigname"].str());
    } else if (kind == "CreatePolicyStmt") {
        add(stmt["policy_name"].str());
    } else if (kind == "CreateEnumStmt" || kind == "CreateDomainStmt" || kind == "CompositeTypeStmt") {
        const std::vector<std::string> parts =
            string_list(kind == "CreateEnumStmt" ? stmt["typeName"] : kind == "CreateDomainStmt" ? stmt["domainname"]
                                                                                                 : stmt["typevar"]);
        if (!parts.empty()) {
            add(parts.back());
        }
    }
    visit_nodes(stmt, [&](std::string_view type, Node content) {
        if (type == "ColumnDef") {
            add(content["colname"].str());
        } else if (type == "Constraint") {
            add(content["conname"].str());
        }
        return true;
    });
    return names;
}

bool is_identifier_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return std::isalnum(byte) != 0 || c == '_' || c == '$' || byte >= 0x80;
}

// The parser already truncated `truncated` (63 bytes); the statement text holds the
// name as written, quoted or not (unquoted names are folded to lower case).
std::optional<ByteSpan> written_name(std::string_view text, std::size_t offset, std::string_view truncated) {
    for (std::size_t at = 0; at + truncated.size() <= text.size(); ++at) {
        const bool quoted = at > 0 && text[at - 1] == '"';
        if (at > 0 && !quoted && is_identifier_byte(text[at - 1])) {
            continue;
        }
        bool same = true;
        for (std::size_t i = 0; same && i < truncated.size(); ++i) {
            const char written = text[at + i];
            same = (quoted ? written : static_cast<char>(std::tolower(static_cast<unsigned char>(written)))) ==
                   truncated[i];
        }
        if (!same) {
            continue;
        }
        std::size_t end = at + truncated.size();
        while (end < text.size() && (quoted ? text[end] != '"' : is_identifier_byte(text[end]))) {
            ++end;
        }
        if (end > at + truncated.size()) {
            return ByteSpan{offset + at, offset + end};
        }
    }
    return std::nullopt;
}

void check(const StatementContext& context, FindingSink& sink) {
    const ByteSpan statement = context.statement_span();
    const std::string_view text = context.text_of(statement);
    std::set<std::string> reported;
    for (const std::string& name : created_names(context.kind(), context.node())) {
        if (name.size() < k_max_identifier_bytes || !reported.insert(name).second) {
            continue;
        }
        const auto span = written_name(text, statement.begin, name);
        if (!span) {
            continue;
        }
        const std::string full{context.text_of(*span)};
        sink.report(ReportedFinding{
            *span,
            "Identifier " + full + " is " + std::to_string(full.size()) +
                " bytes long: PostgreSQL silently truncates it to " + std::to_string(k_max_identifier_bytes) +
                " bytes, as " + name,
            "shorten it to 63 bytes or fewer, so the name in the database is the one in the migration",
            std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& identifier_too_long() {
    static const Rule k_rule{
        RuleMeta{
            .id = "identifier-too-long",
            .default_severity = Severity::hint,
            .summary = "Identifiers longer than 63 bytes are silently truncated by PostgreSQL",
            .rationale = "PostgreSQL truncates identifiers to 63 bytes without an error, so the object gets a "
                         "different name than the migration says; later migrations that use the full name "
                         "fail, and two long names can collide.",
            .safe_alternative = "Use names of 63 bytes or fewer.",
            .exceptions = "Names that only reference existing objects.",
            .example_bad = "CREATE TABLE t (a_column_name_that_is_far_too_long_to_survive_postgres_name_limit_x int);",
            .example_good = "CREATE TABLE t (short_name int);",
            .statement_kinds = {},
            .aliases = {"squawk:identifier-too-long"},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
