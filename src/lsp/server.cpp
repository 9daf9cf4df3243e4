#include "migsafe/lsp.hpp"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <iostream>

#include "migsafe/config.hpp"
#include "migsafe/diagnostic.hpp"
#include "migsafe/json_writer.hpp"
#include "migsafe/jsonrpc.hpp"
#include "migsafe/report.hpp"
#include "migsafe/rule_registry.hpp"

namespace migsafe::lsp {
namespace {

using Json = nlohmann::json;

// JSON-RPC and LSP error codes.
constexpr int k_parse_error = -32700;
constexpr int k_invalid_request = -32600;
constexpr int k_method_not_found = -32601;
constexpr int k_invalid_params = -32602;
constexpr int k_internal_error = -32603;
constexpr int k_server_not_initialized = -32002;

// LSP DiagnosticSeverity.
constexpr int k_lsp_error = 1;
constexpr int k_lsp_warning = 2;
constexpr int k_lsp_information = 3;

// Thrown by handlers for a request whose params are unusable; answered as an error.
struct RequestError {
    int code;
    std::string message;
};

void log(std::string_view text) { std::cerr << "migsafe lsp: " << text << std::endl; }

int lsp_severity(Severity severity) {
    switch (severity) {
        case Severity::error: return k_lsp_error;
        case Severity::warning: return k_lsp_warning;
        // LSP's Hint severity is drawn almost invisibly by several editors;
        // migsafe's hints are advice worth reading.
        case Severity::hint: return k_lsp_information;
    }
    return k_lsp_information;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// file:///a/b%20c.sql -> /a/b c.sql; empty for other schemes (untitled:, ...).
std::string path_from_uri(std::string_view uri) {
    constexpr std::string_view k_scheme = "file://";
    if (uri.substr(0, k_scheme.size()) != k_scheme) {
        return {};
    }
    std::string_view rest = uri.substr(k_scheme.size());
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) {
        return {};
    }
    rest.remove_prefix(slash);  // drops an authority such as "localhost"
    std::string path;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] == '%' && i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 && hex_value(rest[i + 2]) >= 0) {
            path += static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2]));
            i += 2;
        } else {
            path += rest[i];
        }
    }
    return path;
}

std::size_t utf8_length(unsigned char lead) {
    if (lead < 0x80U) {
        return 1;
    }
    if ((lead & 0xE0U) == 0xC0U) {
        return 2;
    }
    if ((lead & 0xF0U) == 0xE0U) {
        return 3;
    }
    return (lead & 0xF8U) == 0xF0U ? 4 : 1;
}

Json position_json(const LineIndex& lines, std::size_t offset) {
    return {{"line", lines.position_at(offset).line - 1}, {"character", lines.utf16_column(offset)}};
}

// The span clamped to the text; an empty one widened to its character so editors show it.
ByteSpan shown_span(std::string_view text, ByteSpan span) {
    const std::size_t begin = std::min(span.begin, text.size());
    std::size_t end = std::min(std::max(span.end, begin), text.size());
    if (end == begin && begin < text.size() && text[begin] != '\n' && text[begin] != '\r') {
        end = begin + utf8_length(static_cast<unsigned char>(text[begin]));
    }
    return ByteSpan{begin, end};
}

Json range_json(const LineIndex& lines, std::string_view text, ByteSpan span) {
    const ByteSpan shown = shown_span(text, span);
    return {{"start", position_json(lines, shown.begin)}, {"end", position_json(lines, shown.end)}};
}

void write_position(JsonWriter& json, std::string_view name, const LineIndex& lines, std::size_t offset) {
    json.key(name)
        .begin_object()
        .member("line", lines.position_at(offset).line - 1)
        .member("character", lines.utf16_column(offset))
        .end_object();
}

// range_json, streamed.
void write_range(JsonWriter& json, const LineIndex& lines, std::string_view text, ByteSpan span) {
    const ByteSpan shown = shown_span(text, span);
    json.key("range").begin_object();
    write_position(json, "start", lines, shown.begin);
    write_position(json, "end", lines, shown.end);
    json.end_object();
}

// One member of an LSP Position, a uinteger. Converting a float or an integer
// beyond the target type is undefined behaviour, so only integers are accepted,
// clamped to 0..2^31-1 as the protocol defines them.
std::int64_t position_field(const Json& position, const char* key) {
    const Json& value = position.at(key);
    constexpr std::int64_t k_max_uinteger = 2147483647;
    if (value.is_number_unsigned()) {
        return static_cast<std::int64_t>(std::min<std::uint64_t>(value.get<std::uint64_t>(), k_max_uinteger));
    }
    if (value.is_number_integer()) {
        return std::clamp<std::int64_t>(value.get<std::int64_t>(), 0, k_max_uinteger);
    }
    throw RequestError{k_invalid_params, std::string{"position "} + key + " must be an integer"};
}

// The byte offset of an LSP position (0-based line, UTF-16 character), clamped to the text.
std::size_t offset_of(const LineIndex& lines, std::string_view text, const Json& position) {
    const std::int64_t line = position_field(position, "line");
    const std::int64_t character = position_field(position, "character");
    if (static_cast<std::size_t>(line) >= lines.line_count()) {
        return text.size();
    }
    const std::string_view line_text = lines.line_text(static_cast<int>(line) + 1);
    const auto line_start = static_cast<std::size_t>(line_text.data() - text.data());
    std::size_t offset = line_start;
    std::int64_t units = 0;
    while (offset < line_start + line_text.size() && units < character) {
        const std::size_t length = utf8_length(static_cast<unsigned char>(text[offset]));
        units += length == 4 ? 2 : 1;
        offset = std::min(offset + length, line_start + line_text.size());
    }
    return offset;
}

bool ranges_overlap(const Json& a, const Json& b) {
    auto before = [](const Json& x, const Json& y) {  // x <= y
        const std::int64_t xl = position_field(x, "line");
        const std::int64_t yl = position_field(y, "line");
        return xl < yl || (xl == yl && position_field(x, "character") <= position_field(y, "character"));
    };
    return before(a.at("start"), b.at("end")) && before(b.at("start"), a.at("end"));
}

const Json& member(const Json& object, std::string_view key) {
    static const Json k_null;
    if (!object.is_object()) {
        return k_null;
    }
    const auto found = object.find(key);
    return found == object.end() ? k_null : *found;
}

std::string string_member(const Json& object, std::string_view key) {
    const Json& value = member(object, key);
    return value.is_string() ? value.get<std::string>() : std::string{};
}

}  // namespace

struct Server::Document {
    std::string uri;
    std::string path;
    Json version;  // integer, or null when unknown
    std::string text;
    bool dirty = true;
    FileReport report;
    std::vector<Diagnostic> diagnostics;
    std::unique_ptr<LineIndex> lines;
    std::string failure;  // set when the analysis itself failed
};

Server::Server(ServerOptions options, Send send) : m_options(std::move(options)), m_send(std::move(send)) {}

Server::~Server() = default;

void Server::send(const Json& message) { m_send(message.dump(-1, ' ', false, Json::error_handler_t::replace)); }

void Server::handle(std::string_view body) {
    Json message = Json::parse(body, nullptr, false);
    if (message.is_discarded()) {
        log("message is not JSON; answering with a parse error");
        send(Json{{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", k_parse_error}, {"message", "Parse error"}}}});
        return;
    }
    try {
        dispatch(message);
    } catch (const std::exception& error) {
        log(std::string{"internal error: "} + error.what());
        if (message.is_object() && message.contains("id") && message.contains("method")) {
            send(Json{{"jsonrpc", "2.0"},
                        {"id", message["id"]},
                        {"error", {{"code", k_internal_error}, {"message", error.what()}}}});
        }
    }
}

void Server::dispatch(const Json& message) {
    if (!message.is_object() || !member(message, "method").is_string()) {
        if (message.is_object() && message.contains("id") && !message.contains("method")) {
            return;  // a response to a request; this server sends none
        }
        send(Json{{"jsonrpc", "2.0"},
                    {"id", message.is_object() && message.contains("id") ? message["id"] : Json(nullptr)},
                    {"error", {{"code", k_invalid_request}, {"message", "Invalid request"}}}});
        return;
    }
    const std::string method = message["method"].get<std::string>();
    const Json& params = member(message, "params");
    if (!message.contains("id")) {
        try {
            handle_notification(method, params);
        } catch (const Json::exception& error) {
            log(method + ": unusable params: " + error.what());
        } catch (const RequestError& error) {
            log(method + ": unusable params: " + error.message);
        }
        return;
    }
    Json response = {{"jsonrpc", "2.0"}, {"id", message["id"]}};
    try {
        if (!m_initialized && method != "initialize") {
            throw RequestError{k_server_not_initialized, "initialize first"};
        }
        if (m_shutdown_requested) {
            throw RequestError{k_invalid_request, "the server is shutting down"};
        }
        response["result"] = handle_request(method, params);
    } catch (const RequestError& error) {
        response["error"] = {{"code", error.code}, {"message", error.message}};
    } catch (const Json::exception& error) {
        response["error"] = {{"code", k_invalid_params}, {"message", std::string{"invalid params: "} + error.what()}};
    }
    send(response);
}

Json Server::handle_request(const std::string& method, const Json& params) {
    if (method == "initialize") {
        m_initialized = true;
        return {{"capabilities",
                 {{"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", {{"includeText", true}}}}},
                  {"codeActionProvider", {{"codeActionKinds", Json::array({"quickfix"})}}}}},
                {"serverInfo", {{"name", "migsafe"}, {"version", MIGSAFE_VERSION}}}};
    }
    if (method == "shutdown") {
        m_shutdown_requested = true;
        return nullptr;
    }
    if (method == "textDocument/codeAction") {
        return code_actions(params);
    }
    throw RequestError{k_method_not_found, "method not found: " + method};
}

void Server::handle_notification(const std::string& method, const Json& params) {
    if (method == "exit") {
        m_exit_requested = true;
        return;
    }
    if (!m_initialized) {
        return;  // the protocol drops notifications before initialize
    }
    if (method == "textDocument/didOpen") {
        open(params);
    } else if (method == "textDocument/didChange") {
        change(params);
    } else if (method == "textDocument/didSave") {
        save(params);
    } else if (method == "textDocument/didClose") {
        close(params);
    }
    // initialized, $/cancelRequest, workspace/* and the rest need nothing.
}

Server::Document* Server::find_document(const Json& params) {
    const std::string uri = string_member(member(params, "textDocument"), "uri");
    const auto found = m_documents.find(uri);
    return found == m_documents.end() ? nullptr : found->second.get();
}

void Server::open(const Json& params) {
    const Json& item = params.at("textDocument");
    auto document = std::make_unique<Document>();
    document->uri = item.at("uri").get<std::string>();
    document->path = path_from_uri(document->uri);
    document->version = member(item, "version");
    document->text = item.at("text").get<std::string>();
    const std::string uri = document->uri;
    m_documents[uri] = std::move(document);
}

void Server::change(const Json& params) {
    Document* document = find_document(params);
    if (document == nullptr) {
        log("didChange for a document that is not open");
        return;
    }
    // Applied to a copy: an unusable change leaves the document as it was, not half-edited.
    std::string edited = document->text;
    for (const Json& change : params.at("contentChanges")) {
        const std::string& text = change.at("text").get_ref<const std::string&>();
        if (change.contains("range") && change["range"].is_object()) {
            const LineIndex lines{edited};
            const std::size_t begin = offset_of(lines, edited, change["range"].at("start"));
            const std::size_t end = std::max(begin, offset_of(lines, edited, change["range"].at("end")));
            edited.replace(begin, end - begin, text);
        } else {
            edited = text;
        }
    }
    document->text = std::move(edited);
    document->version = member(member(params, "textDocument"), "version");
    document->dirty = true;
}

void Server::save(const Json& params) {
    Document* document = find_document(params);
    if (document == nullptr) {
        return;
    }
    if (const Json& text = member(params, "text"); text.is_string()) {
        document->text = text.get<std::string>();
    }
    document->dirty = true;
}

void Server::close(const Json& params) {
    const std::string uri = string_member(member(params, "textDocument"), "uri");
    if (m_documents.erase(uri) > 0) {
        send(Json{{"jsonrpc", "2.0"},
                    {"method", "textDocument/publishDiagnostics"},
                    {"params", {{"uri", uri}, {"diagnostics", Json::array()}}}});
    }
}

void Server::flush() {
    for (auto& [uri, document] : m_documents) {
        if (document->dirty) {
            lint(*document);
            publish(*document);
        }
    }
}

void Server::lint(Document& document) {
    document.dirty = false;
    document.failure.clear();
    document.diagnostics.clear();
    document.report = FileReport{};
    document.lines = std::make_unique<LineIndex>(document.text);
    try {
        // The nearest .migsafe.json, read again on every lint so edits to it apply
        // on the next change or save, as they would for the next CLI run.
        Config config = m_options.config;
        if (!document.path.empty()) {
            if (const auto config_path = find_config(std::filesystem::path{document.path}.parent_path().string())) {
                auto file = load_config(*config_path);
                if (!file) {
                    document.failure = "migsafe configuration: " + file.error().describe();
                    return;
                }
                if (file->excludes(document.path)) {
                    return;  // excluded files get no diagnostics, as the CLI skips them
                }
                apply_config_file(*file, config);
            }
        }
        auto rules = resolve_rules(config);
        if (!rules) {
            document.failure = "migsafe configuration: " + rules.error().describe();
            return;
        }
        AnalysisOptions options;
        options.config = config;
        options.rules = std::move(*rules);
        options.keep_statements = true;  // code actions replace whole statements
        const std::string path = document.path.empty() ? document.uri : document.path;
        document.report = analyze_file(SourceFile{path, path, document.text}, options, false);
        document.diagnostics = file_diagnostics(document.report);
    } catch (const std::exception& error) {
        document.failure = std::string{"migsafe could not analyse this document: "} + error.what();
        document.report = FileReport{};
        document.diagnostics.clear();
        log(document.uri + ": " + document.failure);
    }
}

// Written straight to text: a long migration has a thousand diagnostics, and a
// JSON tree for them cost more than the analysis itself.
void Server::publish(const Document& document) {
    std::string body;
    JsonWriter json{body, 0};
    json.begin_object()
        .member("jsonrpc", "2.0")
        .member("method", "textDocument/publishDiagnostics")
        .key("params")
        .begin_object()
        .member("uri", document.uri);
    if (document.version.is_number_integer()) {
        json.member("version", document.version.get<std::int64_t>());
    }
    json.key("diagnostics").begin_array();
    if (!document.failure.empty()) {
        json.begin_object();
        write_range(json, *document.lines, document.text, ByteSpan{0, 0});
        json.member("severity", k_lsp_error)
            .member("source", "migsafe")
            .member("message", document.failure)
            .end_object();
    }
    for (const Diagnostic& diagnostic : document.diagnostics) {
        json.begin_object();
        write_range(json, *document.lines, document.text, diagnostic.span);
        json.member("severity", lsp_severity(diagnostic.severity))
            .member("code", diagnostic.rule)
            .member("source", "migsafe")
            .member("message", diagnostic.help.empty() ? diagnostic.message
                                                       : diagnostic.message + "\nhelp: " + diagnostic.help);
        if (find_rule(diagnostic.rule) != nullptr) {
            json.key("codeDescription").begin_object().member("href", rule_doc_url(diagnostic.rule)).end_object();
        }
        json.end_object();
    }
    json.end_array().end_object().end_object();
    m_send(body);
}

Json Server::code_actions(const Json& params) {
    Document* document = find_document(params);
    if (document == nullptr) {
        return Json::array();
    }
    if (const Json& only = member(member(params, "context"), "only"); only.is_array()) {
        const bool wanted = std::any_of(only.begin(), only.end(), [](const Json& kind) {
            return kind.is_string() && (kind == "quickfix" || kind == "");
        });
        if (!wanted) {
            return Json::array();
        }
    }
    if (document->dirty) {
        lint(*document);
        publish(*document);
    }
    const Json& requested = params.at("range");
    Json actions = Json::array();
    for (const Diagnostic& diagnostic : document->diagnostics) {
        if (diagnostic.fix == nullptr || diagnostic.fix->empty() || diagnostic.statement == nullptr) {
            continue;
        }
        const Json range = range_json(*document->lines, document->text, diagnostic.span);
        if (!ranges_overlap(range, requested)) {
            continue;
        }
        // The statement and its terminating ';' become the plan, phase by phase.
        ByteSpan replaced = diagnostic.statement->span;
        if (replaced.end < document->text.size() && document->text[replaced.end] == ';') {
            ++replaced.end;
        }
        std::string plan = fix_plan_text(*diagnostic.fix);
        if (!plan.empty() && plan.back() == '\n') {
            plan.pop_back();
        }
        const std::size_t phases = diagnostic.fix->phases.size();
        Json edit = {{"range", range_json(*document->lines, document->text, replaced)}, {"newText", plan}};
        actions.push_back(
            {{"title", "Replace with migsafe's " + std::to_string(phases) + "-phase fix plan (" + diagnostic.rule + ")"},
             {"kind", "quickfix"},
             {"isPreferred", true},
             {"diagnostics", Json::array({{{"range", range},
                                            {"severity", lsp_severity(diagnostic.severity)},
                                            {"code", diagnostic.rule},
                                            {"source", "migsafe"},
                                            {"message", diagnostic.message}}})},
             {"edit", {{"changes", {{document->uri, Json::array({edit})}}}}}});
    }
    return actions;
}

int run_server(int in_fd, int out_fd, ServerOptions options) {
    // A client that hangs up must end the loop through a failed write, not SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    bool peer_gone = false;
    Server server{std::move(options), [&](std::string_view message) {
                      if (!peer_gone && !write_message(out_fd, message)) {
                          peer_gone = true;
                          log("cannot write to the client; stopping");
                      }
                  }};
    MessageReader reader{in_fd};
    while (!server.exit_requested() && !peer_gone) {
        // Lint only when no further message is waiting: a burst of edits costs one analysis.
        pollfd waiting{in_fd, POLLIN, 0};
        if (!reader.has_buffered_input() && ::poll(&waiting, 1, 0) == 0) {
            server.flush();
        }
        MessageReader::Read read = reader.next();
        if (read.status == MessageReader::Status::end) {
            break;
        }
        if (read.status == MessageReader::Status::malformed) {
            log("skipping malformed input: " + read.problem);
            continue;
        }
        server.handle(read.body);
    }
    return server.exit_code();
}

}  // namespace migsafe::lsp
