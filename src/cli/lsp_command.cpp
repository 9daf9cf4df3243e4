#include "lsp_command.hpp"

#include <unistd.h>

#include "migsafe/lsp.hpp"

namespace migsafe::cli {

CLI::App* add_lsp_command(CLI::App& app) {
    CLI::App* command = app.add_subcommand(
        "lsp", "Language server on stdin/stdout: diagnostics on open, change and save; fix plans as quick fixes");
    // stdio is the only transport; clients such as vscode-languageclient pass the flag anyway.
    command->add_flag("--stdio")->description("Talk over standard input and output (the default)");
    return command;
}

int run_lsp() { return lsp::run_server(STDIN_FILENO, STDOUT_FILENO, lsp::ServerOptions{}); }

}  // namespace migsafe::cli
