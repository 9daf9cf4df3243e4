// The lock case files under testdata/locks: one statement per case, with
// optional comment directives on the lines before it.
//
//   -- setup: <sql>             committed in the same session before the case
//   -- observe: concurrent      cannot run in a transaction block: watched from
//                               a second session while it runs
//   -- alongside: <sql>         (concurrent only) run in a third session that
//                               must be asleep in pg_sleep, holding its locks,
//                               when the statement starts
//   -- unobservable: <reason>   listed, never run
//   -- expect-error: <text>     the server must reject the statement with an
//                               error containing <text>
//   -- model-gap: <reason>      observed and compared, but a disagreement is a
//                               known gap of the model, listed and not failed;
//                               the case fails once the model agrees (remove it)
//
// Any other comment is documentation.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migsafe::pgtest {

struct LockCase {
    std::string file;  // e.g. "indexes.sql"
    int line = 0;      // 1-based line of the statement's first character
    std::string statement;  // without the terminating semicolon
    std::vector<std::string> setup;
    bool concurrent = false;
    std::optional<std::string> alongside;
    std::optional<std::string> unobservable;
    std::optional<std::string> expected_error;
    std::optional<std::string> model_gap;

    [[nodiscard]] std::string location() const { return file + ":" + std::to_string(line); }
    // The statement as a one-line SQL script, ready for psql or migsafe.
    [[nodiscard]] std::string statement_script() const;
};

struct LockCaseFiles {
    std::vector<LockCase> cases;
    std::vector<std::string> errors;  // "file:line: message"
    std::vector<std::string> files;   // every case file read, by name
};

[[nodiscard]] LockCaseFiles parse_lock_case_file(std::string_view text, std::string_view file_name);

// Every *.sql in the directory except setup.sql, in name order.
[[nodiscard]] LockCaseFiles load_lock_cases(const std::filesystem::path& directory);

// Where testdata/locks lives: MIGSAFE_SOURCE_DIR when compiled in, otherwise
// the environment variable of the same name, otherwise the working directory.
[[nodiscard]] std::filesystem::path lock_cases_directory();

}  // namespace migsafe::pgtest
