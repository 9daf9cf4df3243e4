// `check`, `explain` and `fix`: the subcommands that run the analysis pipeline.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "fix_command.hpp"
#include "migsafe/analyzer.hpp"

namespace migsafe::cli {

enum class AnalysisKind { check, explain, fix };

struct AnalysisArguments {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string output;
    std::string stdin_filename = "-";
    int pg_version = 0;  // 0: the newest the lock model knows
    std::string framework;
    // Unset: the config file's value. `--flag=false` turns off what the file turns on.
    std::optional<bool> assume_in_transaction;
    bool check_down = false;
    std::optional<bool> assume_lock_timeout;
    std::string fail_on;  // empty: the config file's, else warning
    std::string color = "auto";
    bool allow_parse_errors = false;
    bool enable_all = false;
    std::vector<std::string> enable;
    std::vector<std::string> disable;
    std::optional<bool> require_suppression_reason;
    std::string config;  // --config FILE; empty: the .migsafe.json nearest each file
    std::string schema;   // --schema FILE: a pg_dump --schema-only to start from
    std::string history;  // --history DIR: earlier migrations, replayed as context and not reported
    std::string stats;    // --stats FILE: table sizes (docs/table-stats.md)
    unsigned jobs = 0;  // 0: one per core
    FixArguments fix;   // `fix` only
};

// Declares the shared options on `command`, writing into `arguments`.
void add_analysis_options(CLI::App& command, AnalysisArguments& arguments);

// The analysis settings the arguments ask for, over --config when given; unknown
// rule ids and bad config files are errors.
[[nodiscard]] Result<AnalysisOptions> analysis_options(AnalysisKind kind, const AnalysisArguments& arguments);
// The same over `file` (null: no config file): the file's settings, then the flags.
[[nodiscard]] Result<AnalysisOptions> analysis_options(AnalysisKind kind, const AnalysisArguments& arguments,
                                                       const ConfigFile* file);

// The schema before the checked files: --schema, then the --history migrations that
// are not among `checked` (those are replayed in their place by the analysis).
// Null when neither option is given.
[[nodiscard]] Result<std::shared_ptr<const Catalog>> schema_context(const AnalysisArguments& arguments,
                                                                    const std::vector<CollectedFile>& checked,
                                                                    unsigned jobs);

// Runs the pipeline and renders; returns the process exit code.
[[nodiscard]] int run_analysis(AnalysisKind kind, const AnalysisArguments& arguments);

}  // namespace migsafe::cli
