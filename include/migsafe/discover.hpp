// From command-line paths to migration files in migration order, and for each
// file the parts that run and the transaction its runner wraps around them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "migsafe/error.hpp"
#include "migsafe/migration_state.hpp"
#include "migsafe/source.hpp"

namespace migsafe {

struct CollectedFile {
    std::string path;
    bool named_explicitly = false;  // given on the command line rather than found in a directory
};

// Expands files and directories (searched recursively for *.sql) into files in
// migration order. Fails on a missing path or a directory without SQL files.
[[nodiscard]] Result<std::vector<CollectedFile>> collect_migration_files(const std::vector<std::string>& paths);

// Natural order: digit runs compare by value, so V2__ sorts before V10__.
[[nodiscard]] bool natural_less(std::string_view a, std::string_view b);

[[nodiscard]] Result<SourceFile> read_source_file(const std::string& path);

struct FileSection {
    ByteSpan span;
    TransactionMode transaction = TransactionMode::none;
};

struct FilePlan {
    std::string framework = "plain";
    std::string reason;                // why this framework was chosen
    std::vector<FileSection> up;       // the parts that run, in order
};

struct PlanOptions {
    std::string framework;             // forced; empty = detect
    bool assume_in_transaction = false;
};

[[nodiscard]] FilePlan plan_file(const SourceFile& file, const PlanOptions& options);

}  // namespace migsafe
