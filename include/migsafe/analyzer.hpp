// The pipeline for one run: parse each file's sections, walk statements in order
// with the migration state and the lock model, and collect findings.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "migsafe/catalog.hpp"
#include "migsafe/config.hpp"
#include "migsafe/discover.hpp"
#include "migsafe/finding.hpp"
#include "migsafe/lock_model.hpp"
#include "migsafe/source.hpp"
#include "migsafe/table_stats.hpp"

namespace migsafe {

struct StatementReport {
    std::size_t index = 0;
    ByteSpan span;
    Range range;
    std::string sql;
    bool in_transaction = false;
    StatementEffects effects;
};

struct FileError {
    std::string kind;  // "parse", "input"
    std::string message;
    ByteSpan span;
    Range range;
    std::string source_line;
};

struct FileNote {
    Range range;
    std::string message;
};

struct FileReport {
    std::string path;
    std::string display_path;
    std::string framework;
    std::string framework_reason;
    std::vector<StatementReport> statements;
    std::vector<Finding> findings;
    std::vector<FileError> errors;
    std::vector<FileNote> notes;
};

struct Report {
    int pg_version = k_max_pg_version;
    std::vector<FileReport> files;
};

struct AnalysisOptions {
    Config config;
    std::vector<ActiveRule> rules;
    bool keep_statements = true;  // statement details for json and explain
    // The schema before the first file: --schema, then --history; null: nothing known.
    std::shared_ptr<const Catalog> catalog;
    // --stats: table sizes that scale lock-duration findings; null: sizes unknown.
    std::shared_ptr<const TableStats> table_stats;
};

// Files larger than this are refused rather than parsed.
inline constexpr std::size_t k_max_file_bytes = 256U * 1024U * 1024U;

// `named_explicitly`: an empty file the user named is an error; one found in a
// directory (a deliberate no-op migration) is only noted.
// `placement`: where collect_migration_files put the file; null: place it alone.
[[nodiscard]] FileReport analyze_file(const SourceFile& file, const AnalysisOptions& options,
                                      bool named_explicitly = true, const Placement* placement = nullptr);
// The same with the schema the file's statements see: `catalog` holds it before the
// file and, on return, after the file's up sections.
[[nodiscard]] FileReport analyze_file(const SourceFile& file, const AnalysisOptions& options, bool named_explicitly,
                                      const Placement* placement, Catalog& catalog);

// Called with a file's index and its finished report, on a worker thread and in
// no set order, while later files are still being analysed (to render it early).
using FileDone = std::function<void(std::size_t index, FileReport& file)>;

// Analyses every file and returns the reports in input order. "-" names standard
// input, read from `stdin_source`. Each file sees the schema the files before it
// built: files are parsed on `jobs` threads ahead of the rules, which check them
// in order, each advancing the one catalog.
[[nodiscard]] Report analyze_files(const std::vector<CollectedFile>& files, const AnalysisOptions& options,
                                   unsigned jobs, const SourceFile* stdin_source, const FileDone& on_file_done = {});

}  // namespace migsafe
