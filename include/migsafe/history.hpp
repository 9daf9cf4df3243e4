// Schema history: a schema dump (`--schema`) and earlier migrations (`--history`,
// a checked directory) replayed, in migration order, into the catalog the
// analysed statements see.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "migsafe/catalog.hpp"
#include "migsafe/discover.hpp"
#include "migsafe/error.hpp"

namespace migsafe {

struct ReplayOptions {
    std::string framework;               // forced; empty = detect
    std::string framework_origin = "--framework";  // where `framework` was set
    bool assume_in_transaction = false;
    int pg_version = k_max_pg_version;
    unsigned jobs = 1;                   // files read and parsed in parallel
    const SourceFile* stdin_source = nullptr;  // the text of the file named "-"
};

// What the replay could not use: statements that do not parse, unreadable files.
struct ReplayNote {
    std::string path;
    std::optional<Position> position;
    std::string message;
};

struct ReplaySummary {
    std::size_t files = 0;
    std::size_t statements = 0;
    std::vector<ReplayNote> notes;
};

// A file read, placed in its framework and parsed: the parts its tool runs.
struct ParsedMigration {
    CollectedFile collected;
    SourceFile source;
    FilePlan plan;
    std::vector<ParsedSection> sections;  // the up sections, in order
    bool read_failed = false;             // the file could not be read (see problem)
    std::string problem;                  // unreadable or not text: nothing was parsed
};

[[nodiscard]] ParsedMigration parse_migration(const CollectedFile& file, const ReplayOptions& options);

// Applies a parsed migration to the catalog: one session, statement by statement.
void replay_migration(Catalog& catalog, const ParsedMigration& migration, ReplaySummary* summary = nullptr);

// `--schema FILE`: the output of `pg_dump --schema-only` (any SQL that builds the schema will do).
[[nodiscard]] Result<Catalog> load_schema_file(const std::string& path, ReplaySummary* summary = nullptr);

// Replays `files` in order on top of `start`, parsing on `options.jobs` threads;
// memory holds a window of parse trees, not the whole history.
[[nodiscard]] Catalog replay_history(const std::vector<CollectedFile>& files, Catalog start,
                                     const ReplayOptions& options, ReplaySummary* summary = nullptr);

// Parses `files` on `options.jobs` threads and hands each, in file order, to
// `visit` on the calling thread while later files are still being parsed; then
// runs `after(index)` (if given) on a worker, in parallel with later visits. All
// have run on return. Memory holds a window of parse trees; nothing is parsed twice.
void for_each_parsed(const std::vector<CollectedFile>& files, const ReplayOptions& options,
                     const std::function<void(std::size_t index, ParsedMigration& migration)>& visit,
                     const std::function<void(std::size_t index)>& after = {});

}  // namespace migsafe
