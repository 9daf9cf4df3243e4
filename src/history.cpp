#include "migsafe/history.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "migsafe/analyzer.hpp"
#include "migsafe/parse.hpp"

namespace migsafe {
namespace {

// Files each job may parse ahead of the sequential visit: enough to keep the
// workers busy, few enough that memory holds only a window of parse trees.
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
    migration.plan =
        plan_file(migration.source,
                  PlanOptions{options.framework, options.assume_in_transaction, options.framework_origin},
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

void for_each_parsed(const std::vector<CollectedFile>& files, const ReplayOptions& options,
                     const std::function<void(std::size_t, ParsedMigration&)>& visit,
                     const std::function<void(std::size_t)>& after) {
    const unsigned jobs = std::max(1U, options.jobs);
    const std::size_t count = files.size();
    if (jobs == 1 || count <= 1) {
        for (std::size_t i = 0; i < count; ++i) {
            ParsedMigration migration = parse_migration(files[i], options);
            visit(i, migration);
            if (after) {
                after(i);
            }
        }
        return;
    }
    // Workers parse ahead into a ring of slots while this thread visits in order,
    // so the parse of later files (and the `after` of earlier ones) overlaps the
    // sequential visits.
    const std::size_t window = jobs * k_files_per_job;
    std::vector<std::optional<ParsedMigration>> slots(window);
    std::mutex mutex;
    std::condition_variable parsed;  // a slot was filled
    std::condition_variable work;    // room to parse ahead, an `after` to run, or the end
    std::size_t next_to_parse = 0;
    std::size_t taken = 0;    // slots the visitor has emptied
    std::size_t visited = 0;  // visits that have returned
    std::deque<std::size_t> finished;
    bool abandoned = false;
    const auto can_parse = [&] { return next_to_parse < count && next_to_parse < taken + window; };
    const auto worker = [&] {
        std::unique_lock lock{mutex};
        while (true) {
            work.wait(lock, [&] { return abandoned || !finished.empty() || can_parse() || visited == count; });
            if (abandoned) {
                return;
            }
            if (!finished.empty()) {
                const std::size_t index = finished.front();
                finished.pop_front();
                lock.unlock();
                after(index);
                lock.lock();
            } else if (can_parse()) {
                const std::size_t index = next_to_parse++;
                lock.unlock();
                ParsedMigration migration = parse_migration(files[index], options);
                lock.lock();
                slots[index % window] = std::move(migration);
                parsed.notify_one();
            } else {
                return;  // every file visited and every `after` taken
            }
        }
    };
    std::vector<std::jthread> workers;
    workers.reserve(jobs);
    for (unsigned w = 0; w < jobs; ++w) {
        workers.emplace_back(worker);
    }
    try {
        for (std::size_t i = 0; i < count; ++i) {
            std::optional<ParsedMigration>& slot = slots[i % window];
            std::unique_lock lock{mutex};
            parsed.wait(lock, [&] { return slot.has_value(); });
            ParsedMigration migration = std::move(*slot);
            slot.reset();
            ++taken;
            work.notify_one();
            lock.unlock();
            visit(i, migration);
            lock.lock();
            ++visited;
            if (after) {
                finished.push_back(i);
            }
            if (after || visited == count) {
                work.notify_all();
            }
        }
    } catch (...) {
        const std::lock_guard lock{mutex};
        abandoned = true;
        work.notify_all();
        throw;
    }
}

Catalog replay_history(const std::vector<CollectedFile>& files, Catalog start, const ReplayOptions& options,
                       ReplaySummary* summary) {
    for_each_parsed(files, options, [&](std::size_t, const ParsedMigration& migration) {
        replay_migration(start, migration, summary);
    });
    return start;
}

}  // namespace migsafe
