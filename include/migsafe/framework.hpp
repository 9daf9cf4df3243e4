// Migration frameworks: what each tool is called, how it is recognised, and how
// it runs a migration (the transaction it wraps around it, how to opt out).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/migration_state.hpp"

namespace migsafe {

struct FrameworkInfo {
    std::string_view name;           // as --framework takes it, e.g. "golang-migrate"
    std::string_view display;        // as messages say it, e.g. "golang-migrate"
    bool has_downs = false;          // the tool keeps down (revert) migrations beside the ups
    TransactionMode mode = TransactionMode::none;  // how it runs a migration by default
    std::string_view wrapper;        // the transaction it wraps, as a message names it
    std::string_view opt_out;        // how one migration runs without that transaction
};

[[nodiscard]] std::span<const FrameworkInfo> frameworks();
[[nodiscard]] const FrameworkInfo* find_framework(std::string_view name);
// "plain, flyway, golang-migrate, ..." for usage errors.
[[nodiscard]] std::string framework_names();

enum class MigrationDirection { up, down };

// Where one file sits in its framework's layout, decided from its path, its
// siblings and its first bytes.
struct Placement {
    std::string framework = "plain";
    std::string reason;
    MigrationDirection direction = MigrationDirection::up;
    // The tool's transaction for this file when a file name or a sidecar file sets it
    // (popx .autocommit, diesel metadata.toml, Flyway <script>.conf).
    std::optional<TransactionMode> mode;
    std::string mode_reason;
    // An up migration whose down lives in another file: whether that file exists.
    std::optional<bool> down_file_exists;
    // Not run by the tool on PostgreSQL (another dialect, a superseded variant, a
    // verify script): said in a note, and the file is not linted.
    std::string skipped;
    // The file does not fit the layout, or the directory mixes tools: said instead of a guess.
    std::string problem;
    // Orders files within one migration directory (compared with natural_less).
    std::string order_key;
    // The directory whose files the tool runs as one sequence.
    std::string root;
};

// The framework a file's own markers name ({"", ""} when none): name and reason.
struct ContentMarker {
    std::string framework;
    std::string reason;
};
[[nodiscard]] ContentMarker framework_from_content(std::string_view text);

// Places each file; `paths` are the files found below one or more directories,
// `forced` a framework name from --framework or the config (empty: detect),
// set by `forced_origin`; the files are read `jobs` at a time (0: one per core).
[[nodiscard]] std::vector<Placement> place_files(const std::vector<std::string>& paths, std::string_view forced,
                                                 std::string_view forced_origin, unsigned jobs = 0);

}  // namespace migsafe
