#include "migsafe/analyzer.hpp"

#include <algorithm>
#include <cstring>

#include "migsafe/fix.hpp"
#include "migsafe/history.hpp"
#include "migsafe/migration_state.hpp"
#include "migsafe/parse.hpp"
#include "migsafe/rule.hpp"
#include "migsafe/suppress.hpp"

namespace migsafe {
namespace {

// What a scaling finding is judged by: the statement's effects and the --stats sizes.
struct TableSizeScope {
    const StatementEffects& effects;
    const TableStats& stats;
    std::int64_t small_table_bytes;
};

class CollectingSink final : public FindingSink {
public:
    CollectingSink(const ActiveRule& rule, std::optional<std::size_t> statement, const LineIndex& lines,
                   std::vector<Finding>& out, const TableSizeScope* table_size = nullptr)
        : m_rule(rule), m_statement(statement), m_lines(lines), m_out(out), m_table_size(table_size) {}

    void report(ReportedFinding reported) override {
        Finding finding;
        finding.rule = std::string{m_rule.rule->meta.id};
        finding.severity = m_rule.severity_configured ? m_rule.severity : reported.severity.value_or(m_rule.severity);
        finding.statement = reported.statement ? reported.statement : m_statement;
        finding.span = reported.span;
        finding.range = m_lines.range_of(reported.span);
        finding.message = std::move(reported.message);
        finding.help = std::move(reported.help);
        finding.fix = std::move(reported.fix);
        if (m_table_size != nullptr && m_rule.rule->meta.scales_with_table_size) {
            // Judged only for the findings that scale, not for every statement.
            if (const auto verdict = judge_table_size(m_table_size->effects, m_table_size->stats,
                                                      m_table_size->small_table_bytes)) {
                finding.severity = verdict->severity.value_or(finding.severity);
                finding.message += "; " + verdict->note;
            }
        }
        finding.source_line = std::string{m_lines.line_text(finding.range.start.line)};
        m_out.push_back(std::move(finding));
    }

private:
    const ActiveRule& m_rule;
    std::optional<std::size_t> m_statement;
    const LineIndex& m_lines;
    std::vector<Finding>& m_out;
    const TableSizeScope* m_table_size;  // --stats and the statement's effects; null: sizes unknown
};

bool rule_applies(const Rule& rule, std::string_view kind) {
    const auto& kinds = rule.meta.statement_kinds;
    return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

void add_input_error(FileReport& report, const LineIndex& lines, std::size_t offset, std::string message) {
    FileError error;
    error.kind = "input";
    error.message = std::move(message);
    error.span = ByteSpan{offset, offset + 1};
    error.range = lines.range_of(error.span);
    error.source_line = std::string{lines.line_text(error.range.start.line)};
    report.errors.push_back(std::move(error));
}

// Binary, oversized, empty or non-UTF-8 input is reported and not parsed.
bool check_input(const SourceFile& file, const LineIndex& lines, bool named_explicitly, FileReport& report) {
    if (file.text.size() > k_max_file_bytes) {
        add_input_error(report, lines, 0,
                        "file is larger than " + std::to_string(k_max_file_bytes / (1024U * 1024U)) +
                            " MiB; refusing to parse it");
        return false;
    }
    if (const void* nul = std::memchr(file.text.data(), '\0', file.text.size()); nul != nullptr) {
        const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - file.text.data());
        add_input_error(report, lines, offset, "binary file: contains a NUL byte, not SQL text");
        return false;
    }
    std::size_t bad_offset = 0;
    if (!is_valid_utf8(file.text, &bad_offset)) {
        add_input_error(report, lines, bad_offset, "invalid UTF-8 byte sequence; migsafe reads SQL files as UTF-8");
        return false;
    }
    if (skip_trivia(file.text, 0, file.text.size()) == file.text.size()) {
        if (named_explicitly) {
            add_input_error(report, lines, 0, file.text.empty() ? "file is empty: no SQL statements to check"
                                                                : "file holds only comments: no SQL statements");
        }
        return false;
    }
    return true;
}

void add_parse_error(FileReport& report, const LineIndex& lines, const ParseError& parse_error,
                     bool as_finding, std::optional<std::size_t> statement) {
    const ByteSpan span{parse_error.error_offset, std::max(parse_error.error_offset + 1, parse_error.statement.end)};
    const Range range = lines.range_of(ByteSpan{parse_error.error_offset, parse_error.error_offset + 1});
    if (as_finding) {
        Finding finding;
        finding.rule = "syntax-error";
        finding.severity = Severity::error;
        finding.statement = statement;
        finding.span = span;
        finding.range = range;
        finding.message = "Statement does not parse as PostgreSQL 15: " + parse_error.message;
        finding.help = "fix the syntax, or exclude the file if it is not PostgreSQL";
        finding.source_line = std::string{lines.line_text(range.start.line)};
        report.findings.push_back(std::move(finding));
        return;
    }
    FileError error;
    error.kind = "parse";
    error.message = parse_error.message;
    error.span = span;
    error.range = range;
    error.source_line = std::string{lines.line_text(range.start.line)};
    report.errors.push_back(std::move(error));
}

}  // namespace

namespace {

bool any_applied_rule(const AnalysisOptions& options, std::string_view kind) {
    return std::any_of(options.rules.begin(), options.rules.end(), [&](const ActiveRule& active) {
        return active.rule->applied != nullptr && rule_applies(*active.rule, kind);
    });
}

// The rules that compare the schema before and after `context`'s statement.
void run_applied_rules(const AnalysisOptions& options, StatementContext& context, const Catalog& after,
                       const CatalogChange& change, std::vector<Finding>& findings, const LineIndex& lines) {
    const AppliedContext applied{context, after, change};
    for (const ActiveRule& active : options.rules) {
        if (active.rule->applied != nullptr && rule_applies(*active.rule, context.kind())) {
            CollectingSink sink{active, context.statement().index, lines, findings};
            context.set_rule(active.rule->meta, active.options);
            active.rule->applied(applied, sink);
        }
    }
}

// Every plan phase that takes a blocking lock starts with SET lock_timeout
// (guard_with_lock_timeout parses each phase: kept out of the rules' sequential pass).
void guard_fix_plans(FileReport& report, int pg_version) {
    for (Finding& finding : report.findings) {
        if (finding.fix) {
            guard_with_lock_timeout(*finding.fix, pg_version);
        }
    }
}

// The body of analyze_file. `prepared`: the file already planned and its up
// sections parsed ahead (null, or a file parse_migration refused: do it here).
FileReport analyze_source(const SourceFile& file, const AnalysisOptions& options, bool named_explicitly,
                          const Placement* placement, Catalog& catalog, ParsedMigration* prepared) {
    FileReport report;
    report.path = file.path;
    report.display_path = file.display_path;
    const LineIndex lines{file.text};
    if (prepared != nullptr && !prepared->problem.empty()) {
        prepared = nullptr;
    }
    std::vector<ParsedSection>* parsed_up = prepared != nullptr ? &prepared->sections : nullptr;
    const FilePlan plan =
        prepared != nullptr ? std::move(prepared->plan)
                          : plan_file(file, PlanOptions{options.config.framework, options.config.assume_in_transaction,
                                                        options.config.framework_origin},
                                      placement);
    report.framework = plan.framework;
    report.framework_reason = plan.reason;
    if (!plan.problem.empty()) {
        report.errors.push_back(FileError{"framework", plan.problem, ByteSpan{}, Range{}, ""});
    }
    if (!plan.skipped.empty()) {
        report.notes.push_back(FileNote{Range{}, plan.skipped});
        return report;
    }
    if (!check_input(file, lines, named_explicitly, report)) {
        return report;
    }

    const ModelContext model{options.config.pg_version};
    catalog.start_session();
    std::size_t up_index = 0;
    std::size_t next_index = 0;
    std::vector<ByteSpan> statement_spans;  // by statement index, for suppressions
    std::vector<ByteSpan> section_spans;
    for (const FileSection& section : sections_to_lint(plan, options.config.check_down)) {
        section_spans.push_back(section.span);
        const bool up = section.direction == MigrationDirection::up;
        ParsedSection parsed_section = up && parsed_up != nullptr && up_index < parsed_up->size()
                                           ? std::move((*parsed_up)[up_index])
                                           : parse_section(file, section, model);
        up_index += up ? 1 : 0;
        ParsedSql& parsed = parsed_section.parsed;
        for (const SourceNote& note : parsed.notes) {
            report.notes.push_back(FileNote{lines.range_of(note.span), note.message});
            // Newer syntax is still an error on the server the user deploys to.
            if (note.since_pg_version > options.config.pg_version) {
                add_parse_error(report, lines,
                                ParseError{note.span, note.span.begin,
                                           "this is PostgreSQL " + std::to_string(note.since_pg_version) +
                                               " syntax, and pg_version is " +
                                               std::to_string(options.config.pg_version) +
                                               ": that server refuses it"},
                                options.config.allow_parse_errors, std::nullopt);
            }
        }
        for (const ParseError& error : parsed.errors) {
            add_parse_error(report, lines, error, options.config.allow_parse_errors, std::nullopt);
        }
        // Statements embedded in DO blocks are not statements of the unit's query string.
        const auto top_level = static_cast<std::size_t>(std::count_if(
            parsed.statements.begin(), parsed.statements.end(), [](const Statement& s) { return !s.embedded; }));
        MigrationState state{parsed_section.transaction, top_level};
        state.set_unit(unit_info(plan, section, file, parsed_section.transaction));
        if (options.config.assume_lock_timeout) {
            state.assume_lock_timeout();
        }
        for (Statement& statement : parsed.statements) {
            statement.index = next_index++;
            statement_spans.push_back(statement.span);
            // The lock model reads the schema as it is before this statement.
            const StatementEffects effects = effects_of(statement, ModelContext{model.pg_version, &catalog});
            const std::optional<TableSizeScope> table_size =
                options.table_stats ? std::optional<TableSizeScope>{std::in_place, effects, *options.table_stats,
                                                                    options.config.small_table_bytes}
                                    : std::nullopt;
            StatementContext context{statement, effects, state, options.config.pg_version};
            context.set_catalog(&catalog);
            for (const ActiveRule& active : options.rules) {
                if (active.rule->check != nullptr && rule_applies(*active.rule, statement.kind())) {
                    CollectingSink sink{active, statement.index, lines, report.findings,
                                        table_size ? &*table_size : nullptr};
                    context.set_rule(active.rule->meta, active.options);
                    active.rule->check(context, sink);
                }
            }
            const bool transaction_before = state.in_transaction();
            state.apply(statement, effects);
            if (up) {
                CatalogChange change;
                catalog.apply(statement, &change);
                run_applied_rules(options, context, catalog, change, report.findings, lines);
            } else if (any_applied_rule(options, statement.kind())) {
                // A down section leaves the schema as the up sections made it.
                Catalog scratch = catalog;
                CatalogChange change;
                scratch.apply(statement, &change);
                context.set_catalog(&scratch);
                run_applied_rules(options, context, scratch, change, report.findings, lines);
            }
            if (options.keep_statements) {
                StatementReport summary;
                summary.index = statement.index;
                summary.span = statement.span;
                summary.range = lines.range_of(statement.span);
                summary.sql = statement.sql;
                summary.in_transaction =
                    statement.kind() == "TransactionStmt" ? state.in_transaction() : transaction_before;
                summary.effects = effects;
                report.statements.push_back(std::move(summary));
            }
        }
        const UnitContext unit{state, section.span.end, catalog, options.config.pg_version};
        for (const ActiveRule& active : options.rules) {
            if (active.rule->finish != nullptr) {
                CollectingSink sink{active, std::nullopt, lines, report.findings};
                active.rule->finish(unit, sink);
            }
        }
    }
    const SuppressionContext suppression_context{lines, statement_spans, options.rules,
                                                 options.config.require_suppression_reason};
    apply_suppressions(parse_suppressions(file.text, section_spans), suppression_context, report.findings);
    std::stable_sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
        if (a.span.begin != b.span.begin) {
            return a.span.begin < b.span.begin;
        }
        return a.rule < b.rule;
    });
    std::stable_sort(report.errors.begin(), report.errors.end(),
                     [](const FileError& a, const FileError& b) { return a.span.begin < b.span.begin; });
    return report;
}

FileReport unreadable_file(const ParsedMigration& migration) {
    FileReport failed;
    failed.path = migration.collected.path;
    failed.display_path = migration.collected.path;
    failed.errors.push_back(FileError{"input", migration.problem, ByteSpan{}, Range{}, ""});
    return failed;
}

}  // namespace

FileReport analyze_file(const SourceFile& file, const AnalysisOptions& options, bool named_explicitly,
                        const Placement* placement) {
    Catalog catalog = options.catalog != nullptr ? *options.catalog : Catalog{};
    return analyze_file(file, options, named_explicitly, placement, catalog);
}

FileReport analyze_file(const SourceFile& file, const AnalysisOptions& options, bool named_explicitly,
                        const Placement* placement, Catalog& catalog) {
    FileReport report = analyze_source(file, options, named_explicitly, placement, catalog, nullptr);
    guard_fix_plans(report, options.config.pg_version);
    return report;
}

}  // namespace migsafe

namespace migsafe {

Report analyze_files(const std::vector<CollectedFile>& files, const AnalysisOptions& options, unsigned jobs,
                     const SourceFile* stdin_source, const FileDone& on_file_done) {
    Report report;
    report.pg_version = options.config.pg_version;
    report.files.resize(files.size());
    jobs = std::max(1U, jobs);
    ReplayOptions replay;
    replay.framework = options.config.framework;
    replay.framework_origin = options.config.framework_origin;
    replay.assume_in_transaction = options.config.assume_in_transaction;
    replay.pg_version = options.config.pg_version;
    replay.jobs = jobs;
    replay.stdin_source = stdin_source;
    Catalog catalog = options.catalog != nullptr ? *options.catalog : Catalog{};
    // Files are parsed in parallel ahead of the rules, which run file by file on
    // the one catalog that each file's statements advance as they are checked (a
    // snapshot per file would copy the whole catalog per file, which cost more
    // than the rules it let run in parallel: bench/RESULTS.md). The plans' guards
    // need no catalog: a worker runs each file's as soon as its rules are done.
    for_each_parsed(
        files, replay,
        [&](std::size_t index, ParsedMigration& migration) {
            const CollectedFile& collected = files[index];
            if (migration.read_failed) {
                report.files[index] = unreadable_file(migration);
                return;
            }
            const bool from_stdin = collected.path == "-";
            report.files[index] =
                analyze_source(migration.source, options, from_stdin || collected.named_explicitly,
                               from_stdin ? nullptr : &collected.placement, catalog, &migration);
        },
        [&](std::size_t index) {
            guard_fix_plans(report.files[index], options.config.pg_version);
            if (on_file_done) {
                on_file_done(index, report.files[index]);
            }
        });
    return report;
}

}  // namespace migsafe
