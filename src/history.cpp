#include "migsafe/history.hpp"

#include <algorithm>
#include <cstring>

#include "migsafe/analyzer.hpp"
#include "migsafe/parallel.hpp"
#include "migsafe/parse.hpp"

namespace migsafe {
namespace {

// Files parsed together per job before the sequential part runs.
constexpr std::size_t k_files_per_job = 8;

// Text migsafe would refuse to parse: the analyser reports these, the replay skips them.
std::string unusable_text(const std::string& text) {
    if (text.size() > k_max_file_bytes) {
        return "larger than " + std::to_string(k_max_file_bytes / (1024U * 1024U)) + " MiB";
    }
    if (std::memchr(text.data(), '\0', text.size()) != nullptr) {
        return "binary file: contains a NUL byte";
    }
    if (!is_valid_utf8(text)) {
        return "invalid UTF-8";
    }
    return {};
}

void note_parse_errors(const SourceFile& source, const ParsedSql& parsed, ReplaySummary* summary) {
    if (summary == nullptr || parsed.errors.empty()) {
        return;
    }
    const LineIndex lines{source.text};
    for (const ParseError& error : parsed.errors) {
        summary->notes.push_back(ReplayNote{source.display_path, lines.position_at(error.error_offset),
                                            "statement does not parse, left out of the catalog: " + error.message});
    }
}

}  // namespace

ParsedMigration parse_migration(const CollectedFile& file, const ReplayOptions& options) {
    ParsedMigration migration;
    migration.collected = file;
    if (file.path == "-") {
        migration.source = options.stdin_source != nullptr ? *options.stdin_source : SourceFile{"-", "-", ""};
    } else if (auto source = read_source_file(file.path); source) {
        migration.source = std::move(*source);
    } else {
        migration.read_failed = true;
        migration.problem = source.error().message;
        return migration;
    }
    migration.problem = unusable_text(migration.source.text);
    if (!migration.problem.empty()) {
        return migration;
    }
    // Standard input is placed alone, as the analyser places it.
    migration.plan = plan_file(migration.source, PlanOptions{options.framework, options.assume_in_transaction},
                               file.path == "-" ? nullptr : &file.placement);
    if (!migration.plan.skipped.empty()) {
        return migration;  // the tool does not run it on PostgreSQL
    }
    const ModelContext model{options.pg_version};
    for (const FileSection& section : migration.plan.up) {
        migration.sections.push_back(parse_section(migration.source, section, model));
    }
    return migration;
}

void replay_migration(Catalog& catalog, const ParsedMigration& migration, ReplaySummary* summary) {
    if (summary != nullptr) {
        ++summary->files;
        if (!migration.problem.empty()) {
            summary->notes.push_back(ReplayNote{migration.collected.path, std::nullopt,
                                                migration.problem + "; left out of the catalog"});
        }
    }
    catalog.start_session();
    for (const ParsedSection& section : migration.sections) {
        note_parse_errors(migration.source, section.parsed, summary);
        for (const Statement& statement : section.parsed.statements) {
            catalog.apply(statement);
        }
        if (summary != nullptr) {
            summary->statements += section.parsed.statements.size();
        }
    }
}

Result<Catalog> load_schema_file(const std::string& path, ReplaySummary* summary) {
    auto source = read_source_file(path);
    if (!source) {
        return tl::unexpected(source.error());
    }
    if (const std::string problem = unusable_text(source->text); !problem.empty()) {
        return make_error(ErrorKind::io, "cannot read the schema: " + problem, path);
    }
    // A dump is plain SQL whatever its name; psql meta-commands (\restrict) are skipped.
    const ParsedSql parsed = parse_sql(source->text);
    Catalog catalog;
    note_parse_errors(*source, parsed, summary);
    for (const Statement& statement : parsed.statements) {
        catalog.apply(statement);
    }
    catalog.start_session();
    if (summary != nullptr) {
        ++summary->files;
        summary->statements += parsed.statements.size();
    }
    return catalog;
}

void for_each_batch(const std::vector<CollectedFile>& files, const ReplayOptions& options,
                    const std::function<void(std::size_t, std::vector<ParsedMigration>&)>& visit) {
    const unsigned jobs = std::max(1U, options.jobs);
    const std::size_t batch_size = std::max<std::size_t>(1, jobs * k_files_per_job);
    for (std::size_t first = 0; first < files.size(); first += batch_size) {
        const std::size_t count = std::min(batch_size, files.size() - first);
        std::vector<ParsedMigration> batch(count);
        run_in_parallel(count, jobs, [&](std::size_t i) { batch[i] = parse_migration(files[first + i], options); });
        visit(first, batch);
    }
}

Catalog replay_history(const std::vector<CollectedFile>& files, Catalog start, const ReplayOptions& options,
                       ReplaySummary* summary) {
    for_each_batch(files, options, [&](std::size_t, std::vector<ParsedMigration>& batch) {
        for (const ParsedMigration& migration : batch) {
            replay_migration(start, migration, summary);
        }
    });
    return start;
}

}  // namespace migsafe
