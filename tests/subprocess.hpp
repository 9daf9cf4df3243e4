// Runs a child process without a shell: argv in, stdin text in, stdout/stderr out.
#pragma once

#include <chrono>
#include <future>
#include <string>
#include <utility>
#include <vector>

namespace migsafe::pgtest {

struct ProcessResult {
    // The exit status; 128 + signal number when the child was killed, -1 when
    // it could not be started (the reason is then in `err`).
    int exit_code = -1;
    std::string out;
    std::string err;
    bool timed_out = false;
    long peak_memory_kib = 0;  // the child's maximum resident set size
};

struct ProcessRequest {
    std::vector<std::string> argv;
    std::string stdin_text;
    // Variables set for the child on top of the inherited environment.
    std::vector<std::pair<std::string, std::string>> env;
    // Inherited variables whose name starts with one of these are dropped, so
    // a developer's PGHOST or PGDATABASE cannot redirect the tests.
    std::vector<std::string> drop_env_prefixes;
    std::chrono::milliseconds timeout{std::chrono::minutes(5)};
};

// Runs the child to completion. Never throws for a failing child.
[[nodiscard]] ProcessResult run_process(const ProcessRequest& request);

// Same, on its own thread, so several children can run at the same time.
[[nodiscard]] std::future<ProcessResult> start_process(ProcessRequest request);

// Joins argv for messages; not meant to be fed to a shell.
[[nodiscard]] std::string describe_command(const std::vector<std::string>& argv);

}  // namespace migsafe::pgtest
