// `fix`: the fix plans of `check`, printed (--plan) or written as migration files
// in the framework's conventions (--write-dir), optionally taking the replaced
// statements out of the original file (--in-place, with a backup).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "migsafe/analyzer.hpp"
#include "migsafe/report.hpp"

namespace migsafe::cli {

struct FixArguments {
    bool plan = false;
    std::string write_dir;
    bool in_place = false;
};

void add_fix_options(CLI::App& command, FixArguments& arguments);

// Prints or writes the plans of `report`; returns the process exit code.
[[nodiscard]] int run_fix(const Report& report, const FixArguments& arguments, OutputFormat format,
                          std::ostream& out);

}  // namespace migsafe::cli
