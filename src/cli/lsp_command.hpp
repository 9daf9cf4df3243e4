// `migsafe lsp`: the language server on standard input and output.
#pragma once

#include <CLI/CLI.hpp>

namespace migsafe::cli {

// Declares the `lsp` subcommand on `app` and returns it.
CLI::App* add_lsp_command(CLI::App& app);

// Serves until the client sends `exit` or closes the input; returns the exit code.
[[nodiscard]] int run_lsp();

}  // namespace migsafe::cli
