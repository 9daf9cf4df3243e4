// The language server: open migrations linted on open, change and save, with
// findings pushed as diagnostics and fix plans offered as quick fixes.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "migsafe/analyzer.hpp"

namespace migsafe::lsp {

struct ServerOptions {
    // Base settings; each document's nearest .migsafe.json is applied on top.
    Config config;
};

class Server {
public:
    // `send` delivers one outgoing message (response or notification) as JSON text.
    using Send = std::function<void(std::string_view)>;

    Server(ServerOptions options, Send send);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Handles one incoming message body. Never throws: bad JSON, bad params and
    // documents that do not parse all end as error responses or diagnostics.
    void handle(std::string_view body);
    // Lints the documents changed since their last diagnostics and publishes them.
    void flush();

    [[nodiscard]] bool exit_requested() const { return m_exit_requested; }
    // 0 when `exit` followed `shutdown`, 1 otherwise (as the protocol asks).
    [[nodiscard]] int exit_code() const { return m_shutdown_requested ? 0 : 1; }

private:
    struct Document;

    void dispatch(const nlohmann::json& message);
    nlohmann::json handle_request(const std::string& method, const nlohmann::json& params);
    void handle_notification(const std::string& method, const nlohmann::json& params);

    void open(const nlohmann::json& params);
    void change(const nlohmann::json& params);
    void save(const nlohmann::json& params);
    void close(const nlohmann::json& params);
    nlohmann::json code_actions(const nlohmann::json& params);

    void send(const nlohmann::json& message);
    Document* find_document(const nlohmann::json& params);
    void lint(Document& document);
    void publish(const Document& document);

    ServerOptions m_options;
    Send m_send;
    std::map<std::string, std::unique_ptr<Document>, std::less<>> m_documents;
    bool m_initialized = false;
    bool m_shutdown_requested = false;
    bool m_exit_requested = false;
};

// Serves the protocol on `in_fd` / `out_fd` until `exit` or the end of input;
// returns the process exit code.
[[nodiscard]] int run_server(int in_fd, int out_fd, ServerOptions options);

}  // namespace migsafe::lsp
