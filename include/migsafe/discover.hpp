// From command-line paths to migration files in migration order, and for each
// file the parts that run and the transaction its runner wraps around them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/error.hpp"
#include "migsafe/framework.hpp"
#include "migsafe/lock_model.hpp"
#include "migsafe/migration_state.hpp"
#include "migsafe/parse.hpp"
#include "migsafe/source.hpp"

namespace migsafe {

struct CollectedFile {
    std::string path;
    bool named_explicitly = false;  // given on the command line rather than found in a directory
    Placement placement;            // the framework's view of the file
};

struct CollectOptions {
    std::string framework;      // forced (--framework or the config); empty = detect
    bool include_down = false;  // --check-down: keep down migrations found in directories
    std::string framework_origin = "--framework";  // where `framework` was set
    unsigned jobs = 0;  // files placed in parallel (0: one per core)
};

// Expands files and directories (searched recursively for *.sql) into files in
// migration order, each placed in its framework. Fails on a missing path or a
// directory without SQL files.
[[nodiscard]] Result<std::vector<CollectedFile>> collect_migration_files(const std::vector<std::string>& paths,
                                                                         const CollectOptions& options = {});

// Natural order: digit runs compare by value, so V2__ sorts before V10__.
[[nodiscard]] bool natural_less(std::string_view a, std::string_view b);

[[nodiscard]] Result<SourceFile> read_source_file(const std::string& path);

// A part of a file the tool runs as one migration unit.
struct FileSection {
    ByteSpan span;
    // Separately split parts of the span (goose StatementBegin/End blocks, Drizzle
    // breakpoints); empty: the span is split as a whole.
    std::vector<ByteSpan> pieces;
    TransactionMode transaction = TransactionMode::none;
    // Flyway: the runner drops its transaction when every statement needs that.
    bool runs_without_transaction_when_all_need_it = false;
    MigrationDirection direction = MigrationDirection::up;
    // The text to split instead of the file's (same length, e.g. Liquibase rollback
    // lines with the comment marks blanked); null: the file's text.
    std::shared_ptr<const std::string> text;
    std::string label;  // "changeset alice:1", "up section"
    // An up section's down exists; nullopt where the framework has no downs.
    std::optional<bool> has_down;
};

struct FilePlan {
    std::string framework = "plain";
    std::string reason;                // why this framework was chosen
    std::vector<FileSection> up;       // the parts that run, in order
    std::vector<FileSection> down;     // the parts that revert them
    std::string problem;               // the tool cannot place or would refuse the file
    std::string skipped;               // the tool does not run this file on PostgreSQL
};

struct PlanOptions {
    std::string framework;             // forced; empty = detect
    bool assume_in_transaction = false;
    std::string framework_origin = "--framework";  // where `framework` was set
};

// The plan of a file placed by collect_migration_files, or (with no placement)
// of a file seen alone.
[[nodiscard]] FilePlan plan_file(const SourceFile& file, const PlanOptions& options,
                                 const Placement* placement = nullptr);

// The up sections, then (with --check-down) the down sections.
[[nodiscard]] std::vector<FileSection> sections_to_lint(const FilePlan& plan, bool check_down);

// Splits and parses one section, and settles the transaction its tool runs it in.
struct ParsedSection {
    ParsedSql parsed;
    TransactionMode transaction = TransactionMode::none;
};
[[nodiscard]] ParsedSection parse_section(const SourceFile& file, const FileSection& section,
                                          const ModelContext& model);

// What the rules learn about the unit: the tool, its wrapper, how to opt out.
[[nodiscard]] UnitInfo unit_info(const FilePlan& plan, const FileSection& section, const SourceFile& file,
                                 TransactionMode transaction);

}  // namespace migsafe
