// The built migsafe binary run as a child process, for end-to-end tests.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "subprocess.hpp"

namespace migsafe::test_support {

// No shell; NO_COLOR from the developer's environment is dropped so output is predictable.
inline pgtest::ProcessResult migsafe(std::vector<std::string> arguments, std::string stdin_text = {},
                                     std::vector<std::pair<std::string, std::string>> env = {}) {
    pgtest::ProcessRequest request;
    request.argv = {MIGSAFE_BINARY};
    request.argv.insert(request.argv.end(), arguments.begin(), arguments.end());
    request.stdin_text = std::move(stdin_text);
    request.env = std::move(env);
    request.drop_env_prefixes = {"NO_COLOR"};
    request.timeout = std::chrono::minutes(2);
    return pgtest::run_process(request);
}

}  // namespace migsafe::test_support
