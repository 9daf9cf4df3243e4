// A minimal LSP client for tests: runs `migsafe lsp` as a child process on
// pipes and exchanges framed JSON-RPC messages with it, with timeouts.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "migsafe/jsonrpc.hpp"

namespace migsafe::testing {

class LspProcess {
public:
    using Json = nlohmann::json;
    using Clock = std::chrono::steady_clock;

    explicit LspProcess(const std::vector<std::string>& argv);
    ~LspProcess();
    LspProcess(const LspProcess&) = delete;
    LspProcess& operator=(const LspProcess&) = delete;

    void send(const Json& message);
    void send_raw(std::string_view bytes);
    void notify(const std::string& method, const Json& params);
    // Sends a request and returns its response (notifications that arrive first are kept).
    [[nodiscard]] std::optional<Json> request(const std::string& method, const Json& params,
                                              std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // The next notification of `method` that satisfies `accept`.
    [[nodiscard]] std::optional<Json> wait_notification(const std::string& method,
                                                        const std::function<bool(const Json&)>& accept,
                                                        std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // The next message of any kind (queued notifications first).
    [[nodiscard]] std::optional<Json> receive(std::chrono::milliseconds timeout);

    void close_input();
    // The exit status once the child has exited, or nullopt after `timeout`.
    [[nodiscard]] std::optional<int> wait_exit(std::chrono::milliseconds timeout);
    [[nodiscard]] bool running();
    [[nodiscard]] std::string stderr_text() const;
    // CPU time the child has used so far (user + system), from /proc.
    [[nodiscard]] std::chrono::milliseconds cpu_time() const;

private:
    std::optional<Json> read_message(Clock::time_point deadline);

    pid_t m_pid = -1;
    int m_in = -1;   // the child's stdin
    int m_out = -1;  // the child's stdout
    std::string m_stderr_path;
    std::unique_ptr<lsp::MessageReader> m_reader;
    std::deque<Json> m_pending;
    int m_next_id = 1;
    std::optional<int> m_status;
};

}  // namespace migsafe::testing
