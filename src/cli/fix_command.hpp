// `fix`: the fix plans of `check`, printed (--plan) or written as migration files
// in the framework's conventions (--write-dir).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "migsafe/analyzer.hpp"
#include "migsafe/report.hpp"

namespace migsafe::cli {

struct FixArguments {
    bool plan = false;
    std::string write_dir;
};

void add_fix_options(CLI::App& command, FixArguments& arguments);

// Prints or writes the plans of `report`; returns the process exit code.
[[nodiscard]] int run_fix(const Report& report, const FixArguments& arguments, OutputFormat format,
                          std::ostream& out);

}  // namespace migsafe::cli
