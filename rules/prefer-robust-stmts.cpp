#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// Text to insert at an offset of the statement's SQL.
struct Insertion {
    std::size_t at = 0;
    std::string text;
};

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// Offset just past the next keyword at or after `from` when it is `word`.
std::optional<std::size_t> after_keyword(std::string_view sql, std::size_t from, std::string_view word) {
    const std::size_t begin = skip_trivia(sql, from, sql.size());
    std::size_t end = begin;
    while (end < sql.size() && is_word_char(sql[end])) {
        ++end;
    }
    if (end == begin || !iequals(sql.substr(begin, end - begin), word)) {
        return std::nullopt;
    }
    return end;
}

// Past the keywords `words` (each optional one prefixed with '?'), from `from`.
std::optional<std::size_t> after_keywords(std::string_view sql, std::size_t from, std::vector<std::string_view> words) {
    std::size_t at = from;
    for (std::string_view word : words) {
        const bool optional = word.front() == '?';
        if (auto next = after_keyword(sql, at, optional ? word.substr(1) : word)) {
            at = *next;
        } else if (!optional) {
            return std::nullopt;
        }
    }
    return at;
}

// The keywords between DROP and the object names, by DropStmt removeType.
std::vector<std::string_view> drop_keywords(std::string_view remove_type) {
    static const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> k_words = {
        {"OBJECT_TABLE", {"TABLE"}},
        {"OBJECT_INDEX", {"INDEX", "?CONCURRENTLY"}},
        {"OBJECT_VIEW", {"VIEW"}},
        {"OBJECT_MATVIEW", {"MATERIALIZED", "VIEW"}},
        {"OBJECT_SEQUENCE", {"SEQUENCE"}},
        {"OBJECT_TYPE", {"TYPE"}},
        {"OBJECT_DOMAIN", {"DOMAIN"}},
        {"OBJECT_SCHEMA", {"SCHEMA"}},
        {"OBJECT_EXTENSION", {"EXTENSION"}},
        {"OBJECT_FUNCTION", {"FUNCTION"}},
        {"OBJECT_PROCEDURE", {"PROCEDURE"}},
        {"OBJECT_ROUTINE", {"ROUTINE"}},
        {"OBJECT_AGGREGATE", {"AGGREGATE"}},
        {"OBJECT_TRIGGER", {"TRIGGER"}},
        {"OBJECT_POLICY", {"POLICY"}},
        {"OBJECT_RULE", {"RULE"}},
        {"OBJECT_FOREIGN_TABLE", {"FOREIGN", "TABLE"}},
        {"OBJECT_COLLATION", {"COLLATION"}},
        {"OBJECT_STATISTIC_EXT", {"STATISTICS"}},
        {"OBJECT_PUBLICATION", {"PUBLICATION"}},
    };
    for (const auto& [type, words] : k_words) {
        if (type == remove_type) {
            return words;
        }
    }
    return {};
}

std::string object_words(std::string_view remove_type) {
    std::string text;
    for (std::string_view word : drop_keywords(remove_type)) {
        if (word.front() != '?') {
            text += (text.empty() ? "" : " ") + std::string{word};
        }
    }
    return text.empty() ? "the object" : text;
}

struct Problem {
    ByteSpan span;
    std::string what;                 // "CREATE TABLE users", "DROP COLUMN legacy"
    std::string_view guard;           // "IF NOT EXISTS" or "IF EXISTS"
    std::optional<Insertion> insertion;
};

void check_create(const StatementContext& context, std::vector<Problem>& problems) {
    Node stmt = context.node();
    const std::string_view kind = context.kind();
    const std::string_view sql = context.statement().sql;
    const std::size_t base = context.statement().span.begin;
    if (stmt["if_not_exists"].flag()) {
        return;
    }
    // IF NOT EXISTS goes right before the name, whose location the parser records.
    auto before_name = [&](Node range_var) -> std::optional<Insertion> {
        const auto location = range_var.location();
        if (!location) {
            return std::nullopt;
        }
        const std::size_t at = context.statement().file_offset(*location) - base;
        return at < sql.size() ? std::optional<Insertion>{Insertion{at, "IF NOT EXISTS "}} : std::nullopt;
    };
    auto after = [&](std::vector<std::string_view> words) -> std::optional<Insertion> {
        const auto at = after_keywords(sql, 0, std::move(words));
        return at ? std::optional<Insertion>{Insertion{*at, " IF NOT EXISTS"}} : std::nullopt;
    };
    if (kind == "CreateStmt") {
        Node relation = stmt["relation"];
        if (relation["relpersistence"].str() == "t") {
            return;  // a temporary table is gone before any re-run
        }
        problems.push_back(Problem{context.statement_span(), "CREATE TABLE " + relation_name(relation).display(),
                                   "IF NOT EXISTS", before_name(relation)});
    } else if (kind == "CreateSeqStmt") {
        Node sequence = stmt["sequence"];
        if (sequence["relpersistence"].str() == "t") {
            return;
        }
        problems.push_back(Problem{context.statement_span(), "CREATE SEQUENCE " + relation_name(sequence).display(),
                                   "IF NOT EXISTS", before_name(sequence)});
    } else if (kind == "CreateTableAsStmt") {
        Node relation = stmt["into"]["rel"];
        if (relation["relpersistence"].str() == "t") {
            return;
        }
        const bool view = stmt["objtype"].str() == "OBJECT_MATVIEW";
        problems.push_back(Problem{context.statement_span(),
                                   (view ? "CREATE MATERIALIZED VIEW " : "CREATE TABLE ") +
                                       relation_name(relation).display(),
                                   "IF NOT EXISTS", before_name(relation)});
    } else if (kind == "CreateSchemaStmt") {
        problems.push_back(Problem{context.statement_span(), "CREATE SCHEMA " + std::string{stmt["schemaname"].str()},
                                   "IF NOT EXISTS", after({"CREATE", "SCHEMA"})});
    } else if (kind == "CreateExtensionStmt") {
        problems.push_back(Problem{context.statement_span(), "CREATE EXTENSION " + std::string{stmt["extname"].str()},
                                   "IF NOT EXISTS", after({"CREATE", "EXTENSION"})});
    } else if (kind == "IndexStmt" && !stmt["idxname"].str().empty()) {
        problems.push_back(Problem{context.statement_span(),
                                   std::string{stmt["concurrent"].flag() ? "CREATE INDEX CONCURRENTLY "
                                                                         : "CREATE INDEX "} +
                                       std::string{stmt["idxname"].str()},
                                   "IF NOT EXISTS", after({"CREATE", "?UNIQUE", "INDEX", "?CONCURRENTLY"})});
    }
}

void check_drop(const StatementContext& context, std::vector<Problem>& problems) {
    Node stmt = context.node();
    if (stmt["missing_ok"].flag()) {
        return;
    }
    const std::string_view type = stmt["removeType"].str();
    std::string names;
    for (const Node& object : stmt["objects"].items()) {
        std::vector<std::string> parts = string_list(object.as("List")["items"]);
        // A trigger, policy or rule is named after its table: "users_audit ON users".
        const bool on_table = type == "OBJECT_TRIGGER" || type == "OBJECT_POLICY" || type == "OBJECT_RULE";
        std::string suffix;
        if (on_table && parts.size() > 1) {
            suffix = " ON ";
            for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
                suffix += (k == 0 ? "" : ".") + parts[k];
            }
            parts.erase(parts.begin(), parts.end() - 1);
        }
        std::string name;
        for (const std::string& part : parts) {
            name += (name.empty() ? "" : ".") + part;
        }
        name += suffix;
        if (!name.empty()) {
            names += (names.empty() ? "" : ", ") + name;
        }
    }
    std::optional<Insertion> insertion;
    if (std::vector<std::string_view> words = drop_keywords(type); !words.empty()) {
        words.insert(words.begin(), "DROP");
        if (const auto at = after_keywords(context.statement().sql, 0, words)) {
            insertion = Insertion{*at, " IF EXISTS"};
        }
    }
    problems.push_back(Problem{context.statement_span(), "DROP " + object_words(type) + (names.empty() ? "" : " ") + names,
                               "IF EXISTS", insertion});
}

void check_alter(const StatementContext& context, std::vector<Problem>& problems) {
    const std::size_t base = context.statement().span.begin;
    const std::vector<Node> commands = context.node()["cmds"].items();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        Node command = commands[i].as("AlterTableCmd");
        if (command["missing_ok"].flag()) {
            continue;
        }
        const std::string_view subtype = command["subtype"].str();
        const ByteSpan span = context.alter_subcommand_span(i);
        const std::string_view text = context.text_of(span);
        auto after = [&](std::vector<std::string_view> words, std::string_view guard) -> std::optional<Insertion> {
            const auto at = after_keywords(text, 0, std::move(words));
            return at ? std::optional<Insertion>{Insertion{span.begin - base + *at, " " + std::string{guard}}}
                      : std::nullopt;
        };
        if (subtype == "AT_AddColumn") {
            problems.push_back(Problem{span, "ADD COLUMN " + std::string{command["def"].as("ColumnDef")["colname"].str()},
                                       "IF NOT EXISTS", after({"ADD", "?COLUMN"}, "IF NOT EXISTS")});
        } else if (subtype == "AT_DropColumn") {
            problems.push_back(Problem{span, "DROP COLUMN " + std::string{command["name"].str()}, "IF EXISTS",
                                       after({"DROP", "?COLUMN"}, "IF EXISTS")});
        } else if (subtype == "AT_DropConstraint") {
            problems.push_back(Problem{span, "DROP CONSTRAINT " + std::string{command["name"].str()}, "IF EXISTS",
                                       after({"DROP", "CONSTRAINT"}, "IF EXISTS")});
        }
    }
}

// The statement with every missing guard added, when each could be placed.
std::optional<FixPlan> robust_statement(const StatementContext& context, const std::vector<Problem>& problems) {
    std::vector<Insertion> insertions;
    for (const Problem& problem : problems) {
        if (!problem.insertion) {
            return std::nullopt;
        }
        insertions.push_back(*problem.insertion);
    }
    std::sort(insertions.begin(), insertions.end(), [](const Insertion& a, const Insertion& b) { return a.at > b.at; });
    std::string sql = context.statement().sql;
    for (const Insertion& insertion : insertions) {
        sql.insert(insertion.at, insertion.text);
    }
    const bool dropping = std::all_of(problems.begin(), problems.end(),
                                      [](const Problem& problem) { return problem.guard == "IF EXISTS"; });
    FixPlan plan;
    plan.phases.push_back(FixPhase{dropping ? "contract" : "expand", sql + ";", false,
                                   context.effects().requires_no_transaction, ""});
    return plan;
}

void check(const StatementContext& context, FindingSink& sink) {
    const MigrationState& state = context.state();
    if (state.in_transaction()) {
        return;  // a transaction undoes everything, so a re-run starts clean
    }
    Node stmt = context.node();
    const std::string_view kind = context.kind();
    const bool concurrent_build = kind == "IndexStmt" && stmt["concurrent"].flag();
    // A lone statement fails as a whole; only a failed concurrent build leaves something behind.
    if (state.statement_count() == 1 && !concurrent_build) {
        return;
    }
    if (kind == "IndexStmt" && stmt["idxname"].str().empty()) {
        sink.report(ReportedFinding{
            context.statement_span(),
            "CREATE INDEX without a name runs outside a transaction, so re-running the migration after a later "
            "failure builds a second copy of the index",
            "name the index and add IF NOT EXISTS", std::nullopt, std::nullopt});
        return;
    }
    std::vector<Problem> problems;
    if (kind == "DropStmt") {
        check_drop(context, problems);
    } else if (kind == "AlterTableStmt") {
        check_alter(context, problems);
    } else {
        check_create(context, problems);
    }
    std::optional<FixPlan> plan = robust_statement(context, problems);
    for (const Problem& problem : problems) {
        std::string message = problem.what + " without " + std::string{problem.guard} +
                              " runs outside a transaction, so re-running the migration after a later failure "
                              "fails here";
        std::string help = "write " + std::string{problem.guard} + " so the statement can run again";
        if (concurrent_build) {
            message = problem.what + " without IF NOT EXISTS: a failed build leaves an INVALID index of that name "
                                     "behind, so re-running the migration fails here";
            help = "write CREATE INDEX CONCURRENTLY IF NOT EXISTS, and drop an INVALID index a failed build left "
                   "before re-running (IF NOT EXISTS would keep it)";
        }
        sink.report(ReportedFinding{problem.span, std::move(message), std::move(help), plan, std::nullopt});
        plan.reset();  // the whole statement's plan rides on its first finding
    }
}

}  // namespace

const Rule& prefer_robust_stmts() {
    static const Rule k_rule{
        RuleMeta{
            .id = "prefer-robust-stmts",
            .default_severity = Severity::hint,
            .summary = "Outside a transaction, CREATE or DROP without IF [NOT] EXISTS makes a failed migration unrepeatable",
            .rationale = "A migration that does not run in a transaction keeps whatever its statements did "
                         "before one of them failed. Re-running it then stops at the first CREATE of an object "
                         "that now exists or the first DROP of one that is gone, and someone has to finish the "
                         "migration by hand. CREATE INDEX CONCURRENTLY is the common case: it must run outside a "
                         "transaction, and a failed or cancelled build leaves an INVALID index of that name.",
            .safe_alternative = "Write every CREATE as CREATE ... IF NOT EXISTS and every DROP as DROP ... IF "
                                "EXISTS (ALTER TABLE ADD COLUMN IF NOT EXISTS, DROP COLUMN IF EXISTS, DROP "
                                "CONSTRAINT IF EXISTS), so the migration can simply run again. After a failed "
                                "concurrent build, drop the INVALID index before re-running: IF NOT EXISTS would "
                                "keep it.",
            .exceptions = "Statements inside a transaction (explicit BEGIN or the runner's), which a failure "
                          "undoes; a migration of a single statement other than CREATE INDEX CONCURRENTLY; "
                          "temporary tables; statements PostgreSQL gives no IF [NOT] EXISTS form (CREATE TYPE, "
                          "CREATE DOMAIN, ADD CONSTRAINT, CREATE VIEW, which has OR REPLACE instead).",
            .example_bad = "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n"
                           "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);",
            .example_good = "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n"
                            "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name_idx ON users (name);",
            .statement_kinds = {"CreateStmt", "CreateSeqStmt", "CreateTableAsStmt", "CreateSchemaStmt",
                                "CreateExtensionStmt", "IndexStmt", "DropStmt", "AlterTableStmt"},
            .aliases = {"squawk:prefer-robust-stmts"},
            .fix = FixAvailability::sometimes,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
