// `schema`: the catalog migsafe believes in after replaying a schema dump and the
// migrations, so users and tests can see what the schema-aware rules know.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace migsafe::cli {

struct SchemaArguments {
    std::vector<std::string> paths;  // migration files or directories, replayed in migration order
    std::string schema;              // --schema FILE: a pg_dump --schema-only to start from
    std::string format = "text";
    std::string output;
    std::string framework;
    bool assume_in_transaction = false;
    unsigned jobs = 0;               // 0: one per core
};

[[nodiscard]] CLI::App* add_schema_command(CLI::App& app, SchemaArguments& arguments);

// Returns the process exit code: 0, or 2 for unreadable input.
[[nodiscard]] int run_schema(const SchemaArguments& arguments);

}  // namespace migsafe::cli
