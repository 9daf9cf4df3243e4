// `migsafe lsp` over pipes, as an editor drives it: the handshake, diagnostics
// on open/change/save, quick fixes, broken documents and broken framing, and a
// clean shutdown. Also measures re-lint latency on a 2,000-line migration.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lsp_client.hpp"

namespace migsafe {
namespace {

using testing::LspProcess;
using Json = nlohmann::json;
using namespace std::chrono_literals;

const std::string k_uri = "file:///tmp/migsafe-lsp-test/db/V2__users.sql";

Json initialize_params() {
    return {{"processId", nullptr}, {"rootUri", "file:///tmp/migsafe-lsp-test"}, {"capabilities", Json::object()}};
}

class LspServer : public ::testing::Test {
protected:
    LspServer() : server({MIGSAFE_BINARY, "lsp"}) {}

    void SetUp() override {
        const auto response = server.request("initialize", initialize_params());
        ASSERT_TRUE(response.has_value()) << server.stderr_text();
        ASSERT_TRUE(response->contains("result")) << response->dump();
        server.notify("initialized", Json::object());
    }

    void TearDown() override {
        if (HasFailure()) {
            std::cerr << "server stderr:\n" << server.stderr_text();
        }
    }

    void open(const std::string& text, int version = 1, const std::string& uri = k_uri) {
        server.notify("textDocument/didOpen",
                      {{"textDocument", {{"uri", uri}, {"languageId", "sql"}, {"version", version}, {"text", text}}}});
    }

    void change(const std::string& text, int version, const std::string& uri = k_uri) {
        server.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", version}}},
                                                 {"contentChanges", Json::array({{{"text", text}}})}});
    }

    // The diagnostics published for `uri` at `version`.
    Json diagnostics(int version, const std::string& uri = k_uri) {
        const auto notification = server.wait_notification("textDocument/publishDiagnostics", [&](const Json& n) {
            return n["params"]["uri"] == uri && n["params"].value("version", -1) == version;
        });
        EXPECT_TRUE(notification.has_value()) << "no diagnostics for version " << version;
        return notification ? (*notification)["params"]["diagnostics"] : Json::array();
    }

    // The diagnostics of one rule: other rules on by default may report more.
    static Json with_code(const Json& found, const std::string& code) {
        Json kept = Json::array();
        for (const Json& diagnostic : found) {
            if (diagnostic.value("code", "") == code) {
                kept.push_back(diagnostic);
            }
        }
        return kept;
    }

    // The server still answers: a request after whatever the test sent.
    void expect_alive() {
        const auto response = server.request("textDocument/codeAction",
                                             {{"textDocument", {{"uri", "file:///nowhere.sql"}}},
                                              {"range", {{"start", {{"line", 0}, {"character", 0}}},
                                                         {"end", {{"line", 0}, {"character", 0}}}}},
                                              {"context", {{"diagnostics", Json::array()}}}});
        ASSERT_TRUE(response.has_value()) << "the server stopped answering";
        EXPECT_EQ((*response)["result"], Json::array());
    }

    LspProcess server;
};

TEST_F(LspServer, InitializeAnnouncesFullSyncSaveAndQuickFixes) {
    LspProcess fresh({MIGSAFE_BINARY, "lsp", "--stdio"});
    const auto response = fresh.request("initialize", initialize_params());
    ASSERT_TRUE(response.has_value());
    const Json& capabilities = (*response)["result"]["capabilities"];
    EXPECT_EQ(capabilities["textDocumentSync"]["openClose"], true);
    EXPECT_EQ(capabilities["textDocumentSync"]["change"], 1);
    EXPECT_TRUE(capabilities["textDocumentSync"]["save"].is_object());
    EXPECT_EQ(capabilities["codeActionProvider"]["codeActionKinds"], Json::array({"quickfix"}));
    EXPECT_EQ((*response)["result"]["serverInfo"]["name"], "migsafe");
}

TEST(LspHandshake, RequestsBeforeInitializeAreRefused) {
    LspProcess server({MIGSAFE_BINARY, "lsp"});
    const auto response = server.request("textDocument/codeAction", Json::object());
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ((*response)["error"]["code"], -32002);
}

TEST_F(LspServer, PublishesFindingsWithRuleCodesLinksAndUtf16Columns) {
    // 😀 is two UTF-16 code units, é one: the statement starts at UTF-16 column 11
    // (code point column 10, byte 14).
    open("/* 😀 é */ CREATE INDEX users_email_idx ON users (email);\n"
         "ALTER TABLE users ALTER COLUMN id TYPE varchar(255);\n");
    const Json all = diagnostics(1);
    const Json found = with_code(all, "require-concurrent-index-creation");
    ASSERT_EQ(found.size(), 1U) << all.dump(2);
    const Json& index = found[0];
    EXPECT_EQ(index["code"], "require-concurrent-index-creation");
    EXPECT_EQ(index["source"], "migsafe");
    EXPECT_EQ(index["severity"], 1);
    EXPECT_EQ(index["range"]["start"], Json({{"line", 0}, {"character", 11}}));
    EXPECT_EQ(index["range"]["end"], Json({{"line", 0}, {"character", 56}}));
    const std::string href = index["codeDescription"]["href"];
    EXPECT_EQ(href.substr(href.size() - std::string{"require-concurrent-index-creation.md"}.size()),
              "require-concurrent-index-creation.md");
    EXPECT_NE(index["message"].get<std::string>().find("SHARE lock"), std::string::npos);
    const Json type_change = with_code(all, "changing-column-type");
    ASSERT_EQ(type_change.size(), 1U) << all.dump(2);
    EXPECT_EQ(type_change[0]["range"]["start"], Json({{"line", 1}, {"character", 18}}));
}

// Warning and Information: LSP's Hint is drawn almost invisibly by several editors.
TEST_F(LspServer, WarningsAndHintsKeepTheirSeverity) {
    open("ALTER TABLE users DROP COLUMN legacy;\n"
         "CREATE TABLE events (id bigint PRIMARY KEY, payload json);\n");
    const Json all = diagnostics(1);
    const Json warning = with_code(all, "drop-column");
    ASSERT_EQ(warning.size(), 1U) << all.dump(2);
    EXPECT_EQ(warning[0]["severity"], 2);
    const Json hint = with_code(all, "prefer-jsonb");
    ASSERT_EQ(hint.size(), 1U) << all.dump(2);
    EXPECT_EQ(hint[0]["severity"], 3);
}

TEST_F(LspServer, ChangesAndSavesRelint) {
    const std::string code = "require-concurrent-index-creation";
    open("CREATE INDEX a_idx ON a (x);\n", 1);
    EXPECT_EQ(with_code(diagnostics(1), code).size(), 1U);
    change("CREATE INDEX CONCURRENTLY a_idx ON a (x);\n", 2);
    EXPECT_TRUE(with_code(diagnostics(2), code).empty());
    // Incremental edits are applied too: delete "CONCURRENTLY " (columns 13..26).
    server.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", k_uri}, {"version", 3}}},
                   {"contentChanges", Json::array({{{"range", {{"start", {{"line", 0}, {"character", 13}}},
                                                               {"end", {{"line", 0}, {"character", 26}}}}},
                                                    {"text", ""}}})}});
    const Json again = with_code(diagnostics(3), code);
    ASSERT_EQ(again.size(), 1U);
    EXPECT_EQ(again[0]["range"]["end"]["character"], 27);
    server.notify("textDocument/didSave", {{"textDocument", {{"uri", k_uri}}}, {"text", "SELECT 1;\n"}});
    const auto saved = server.wait_notification("textDocument/publishDiagnostics", [](const Json& n) {
        return n["params"]["diagnostics"].empty();
    });
    ASSERT_TRUE(saved.has_value());
    server.notify("textDocument/didClose", {{"textDocument", {{"uri", k_uri}}}});
    const auto closed = server.wait_notification("textDocument/publishDiagnostics", [](const Json& n) {
        return !n["params"].contains("version") && n["params"]["diagnostics"].empty();
    });
    EXPECT_TRUE(closed.has_value());
}

TEST_F(LspServer, CodeActionReplacesTheStatementWithItsFixPlan) {
    const std::string text = "SET lock_timeout = '2s';\nCREATE INDEX users_email_idx ON users (email);\nSELECT 1;\n";
    open(text);
    ASSERT_EQ(with_code(diagnostics(1), "require-concurrent-index-creation").size(), 1U);
    const auto response = server.request(
        "textDocument/codeAction",
        {{"textDocument", {{"uri", k_uri}}},
         {"range", {{"start", {{"line", 1}, {"character", 5}}}, {"end", {{"line", 1}, {"character", 5}}}}},
         {"context", {{"diagnostics", Json::array()}}}});
    ASSERT_TRUE(response.has_value());
    Json actions = Json::array();
    for (const Json& action : (*response)["result"]) {
        if (action["diagnostics"][0]["code"] == "require-concurrent-index-creation") {
            actions.push_back(action);
        }
    }
    ASSERT_EQ(actions.size(), 1U) << (*response).dump(2);
    EXPECT_EQ(actions[0]["kind"], "quickfix");
    const Json& edits = actions[0]["edit"]["changes"][k_uri];
    ASSERT_EQ(edits.size(), 1U);
    // The whole statement including its ';', nothing of the next line.
    EXPECT_EQ(edits[0]["range"], Json({{"start", {{"line", 1}, {"character", 0}}},
                                       {"end", {{"line", 1}, {"character", 46}}}}));
    const std::string replacement = edits[0]["newText"];
    EXPECT_NE(replacement.find("CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);"),
              std::string::npos)
        << replacement;
    EXPECT_EQ(replacement.rfind("-- phase 1: expand", 0), 0U) << replacement;

    // Nothing to fix on line 0, and `only` without quickfix asks for nothing.
    const auto none = server.request(
        "textDocument/codeAction",
        {{"textDocument", {{"uri", k_uri}}},
         {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 3}}}}},
         {"context", {{"diagnostics", Json::array()}}}});
    ASSERT_TRUE(none.has_value());
    EXPECT_EQ((*none)["result"], Json::array());
    const auto refactor = server.request(
        "textDocument/codeAction",
        {{"textDocument", {{"uri", k_uri}}},
         {"range", {{"start", {{"line", 1}, {"character", 0}}}, {"end", {{"line", 1}, {"character", 3}}}}},
         {"context", {{"diagnostics", Json::array()}, {"only", Json::array({"refactor"})}}}});
    ASSERT_TRUE(refactor.has_value());
    EXPECT_EQ((*refactor)["result"], Json::array());
}

TEST_F(LspServer, BrokenDocumentsBecomeDiagnosticsNotCrashes) {
    const std::vector<std::pair<std::string, std::string>> documents = {
        {"syntax", "SELEC 1;\nCREATE INDEX a_idx ON a (x);\n"},
        {"dollar", "DO $$ BEGIN\n"},
        {"string", "SELECT 'unterminated;\n"},
        {"nul", std::string{"SELECT 1;\0\1\2", 12}},
        {"empty", ""},
        {"comments", "-- nothing yet\n"},
    };
    for (std::size_t i = 0; i < documents.size(); ++i) {
        const std::string uri = "file:///tmp/migsafe-lsp-test/" + documents[i].first + ".sql";
        open(documents[i].second, 1, uri);
        const Json found = diagnostics(1, uri);
        if (documents[i].first == "syntax") {
            ASSERT_GE(found.size(), 2U) << found.dump(2);
            EXPECT_EQ(found[0]["code"], "syntax-error");
            EXPECT_EQ(with_code(found, "require-concurrent-index-creation").size(), 1U);
        } else if (documents[i].first == "empty" || documents[i].first == "comments") {
            EXPECT_TRUE(with_code(found, "input-error").empty()) << found.dump(2);
        } else {
            EXPECT_FALSE(found.empty()) << documents[i].first;
        }
    }
    expect_alive();
}

// The nearest .migsafe.json applies per document, is read again on each lint, and
// a broken one is reported on the document instead of silently ignored.
TEST_F(LspServer, EachDocumentUsesItsNearestConfigFile) {
    std::string pattern = (std::filesystem::temp_directory_path() / "migsafe-lsp-config-XXXXXX").string();
    const std::filesystem::path root{mkdtemp(pattern.data())};
    std::filesystem::create_directories(root / ".git");
    std::filesystem::create_directories(root / "quiet" / "db");
    std::filesystem::create_directories(root / "loud");
    std::ofstream{root / "quiet" / ".migsafe.json"} << R"({"rules": {"require-concurrent-index-creation": "off"}})";
    const std::string quiet = "file://" + (root / "quiet" / "db" / "V1.sql").string();
    const std::string loud = "file://" + (root / "loud" / "V1.sql").string();
    const std::string text = "CREATE INDEX a_idx ON a (x);\n";
    const std::string code = "require-concurrent-index-creation";
    open(text, 1, quiet);
    EXPECT_TRUE(with_code(diagnostics(1, quiet), code).empty());
    open(text, 1, loud);
    EXPECT_EQ(with_code(diagnostics(1, loud), code).size(), 1U);

    std::ofstream{root / "quiet" / ".migsafe.json"} << R"({"rules": {"no-such-rule": "off"}})";
    change(text, 2, quiet);
    const Json broken = diagnostics(2, quiet);
    ASSERT_EQ(broken.size(), 1U);
    EXPECT_NE(broken[0]["message"].get<std::string>().find("migsafe configuration"), std::string::npos)
        << broken.dump(2);
    std::filesystem::remove_all(root);
}

TEST_F(LspServer, MalformedInputNeverKillsTheServer) {
    server.send_raw("this is not a header\r\n\r\n");
    server.send_raw("Content-Length: banana\r\n\r\n");
    server.send_raw("Content-Length: 9\r\n\r\n{not json");
    const auto parse_error = server.receive(5s);
    ASSERT_TRUE(parse_error.has_value());
    EXPECT_EQ((*parse_error)["error"]["code"], -32700);
    EXPECT_TRUE((*parse_error)["id"].is_null());
    // JSON text must be UTF-8: a body with a stray 0xFF byte is a parse error too.
    server.send_raw(lsp::frame_message("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": \"\xff\"}"));
    const auto bad_utf8 = server.receive(5s);
    ASSERT_TRUE(bad_utf8.has_value());
    EXPECT_EQ((*bad_utf8)["error"]["code"], -32700);
    server.send_raw(lsp::frame_message("[1, 2]"));
    const auto invalid = server.receive(5s);
    ASSERT_TRUE(invalid.has_value());
    EXPECT_EQ((*invalid)["error"]["code"], -32600);
    const auto unknown = server.request("workspace/frobnicate", Json::object());
    ASSERT_TRUE(unknown.has_value());
    EXPECT_EQ((*unknown)["error"]["code"], -32601);
    const auto bad_params = server.request("textDocument/codeAction", {{"textDocument", 7}});
    ASSERT_TRUE(bad_params.has_value());
    EXPECT_TRUE(bad_params->contains("result") || bad_params->contains("error"));
    server.notify("textDocument/didOpen", {{"textDocument", "not an object"}});
    server.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///never-opened.sql"}}}});
    expect_alive();
    EXPECT_TRUE(server.running());
}

// Positions are uintegers: floats are refused (converting them was undefined
// behaviour, found by fuzzing), huge integers are clamped to the text.
TEST_F(LspServer, PositionsMustBeIntegersAndAreClamped) {
    const std::string code = "require-concurrent-index-creation";
    open("CREATE INDEX a_idx ON a (x);\n", 1);
    ASSERT_EQ(with_code(diagnostics(1), code).size(), 1U);
    auto ranged_change = [&](const Json& start, const std::string& text, int version) {
        server.notify("textDocument/didChange",
                      {{"textDocument", {{"uri", k_uri}, {"version", version}}},
                       {"contentChanges", Json::array({{{"range", {{"start", start}, {"end", start}}}, {"text", text}},
                                                       {{"text", "SELECT 1;\n"}}})}});
    };
    // Refused as a whole: the second change, which would clear the finding, is not applied either.
    ranged_change({{"line", 1e300}, {"character", 0}}, "", 2);
    const auto refused = server.request(
        "textDocument/codeAction",
        {{"textDocument", {{"uri", k_uri}}},
         {"range", {{"start", {{"line", 0.5}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 1}}}}},
         {"context", {{"diagnostics", Json::array()}}}});
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ((*refused)["error"]["code"], -32602) << refused->dump();
    const auto kept = server.request(
        "textDocument/codeAction",
        {{"textDocument", {{"uri", k_uri}}},
         {"range", {{"start", {{"line", 0}, {"character", 0}}},
                    {"end", {{"line", 18446744073709551615ULL}, {"character", -5}}}}},
         {"context", {{"diagnostics", Json::array()}}}});
    ASSERT_TRUE(kept.has_value());
    ASSERT_TRUE(kept->contains("result")) << kept->dump();
    EXPECT_FALSE((*kept)["result"].empty()) << "the refused didChange must not have replaced the text";
    // A huge integer position appends at the end of the text.
    server.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", k_uri}, {"version", 3}}},
                   {"contentChanges",
                    Json::array({{{"range", {{"start", {{"line", 4000000000LL}, {"character", 0}}},
                                             {"end", {{"line", 4000000000LL}, {"character", 9}}}}},
                                  {"text", "CREATE INDEX b_idx ON b (y);\n"}}})}});
    EXPECT_EQ(with_code(diagnostics(3), code).size(), 2U);
    expect_alive();
}

TEST_F(LspServer, ShutdownThenExitEndsWithStatusZero) {
    const auto response = server.request("shutdown", nullptr);
    ASSERT_TRUE(response.has_value());
    EXPECT_TRUE((*response)["result"].is_null());
    const auto refused = server.request("textDocument/codeAction", Json::object());
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ((*refused)["error"]["code"], -32600);
    server.notify("exit", nullptr);
    EXPECT_EQ(server.wait_exit(10s), std::optional<int>{0});
}

TEST_F(LspServer, ExitWithoutShutdownEndsWithStatusOne) {
    server.notify("exit", nullptr);
    EXPECT_EQ(server.wait_exit(10s), std::optional<int>{1});
}

TEST_F(LspServer, ClosedInputEndsTheServer) {
    server.close_input();
    EXPECT_EQ(server.wait_exit(10s), std::optional<int>{1});
}

// A 2,000-line migration: re-lint after a one-line edit, from didChange to the
// published diagnostics. The median is printed, not asserted.
TEST_F(LspServer, MeasuresRelintLatencyOnALargeMigration) {
    std::vector<std::string> lines;
    for (int i = 0; lines.size() < 2000; ++i) {
        const std::string n = std::to_string(i);
        lines.push_back("CREATE TABLE t" + n + " (");
        lines.push_back("  id bigint PRIMARY KEY,");
        lines.push_back("  name text NOT NULL");
        lines.push_back(");");
        lines.push_back("ALTER TABLE accounts ADD COLUMN c" + n + " integer;");
        lines.push_back("CREATE INDEX accounts_c" + n + "_idx ON accounts (c" + n + ");");
        lines.push_back("UPDATE accounts SET c" + n + " = 0 WHERE id < " + n + ";");
        lines.push_back("");
    }
    auto document = [&](int edit) {
        std::string text;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            // An edit that keeps the file valid: rename the table created on line 1001.
            text += i == 1000 ? "CREATE TABLE renamed" + std::to_string(edit) + " (" : lines[i];
            text += '\n';
        }
        return text;
    };
    open(document(0), 1);
    const std::size_t expected = diagnostics(1).size();
    ASSERT_GT(expected, 200U);
    std::vector<double> milliseconds;
    const auto cpu_before = server.cpu_time();
    for (int edit = 1; edit <= 21; ++edit) {
        const auto start = std::chrono::steady_clock::now();
        change(document(edit), edit + 1);
        const Json found = diagnostics(edit + 1);
        milliseconds.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        ASSERT_EQ(found.size(), expected);
    }
    const double cpu_per_edit =
        static_cast<double>((server.cpu_time() - cpu_before).count()) / static_cast<double>(milliseconds.size());
    std::sort(milliseconds.begin(), milliseconds.end());
    const double median = milliseconds[milliseconds.size() / 2];
    // The machine's load says how much of that is waiting for a CPU.
    std::string load;
    std::getline(std::ifstream{"/proc/loadavg"}, load);
    std::cout << "[ lsp ] re-lint of a " << lines.size() << "-line migration after an edit: median " << median
              << " ms, min " << milliseconds.front() << " ms, max " << milliseconds.back() << " ms over "
              << milliseconds.size() << " edits; server CPU " << cpu_per_edit << " ms per edit (load average "
              << load.substr(0, load.find(' ')) << ")" << std::endl;
    RecordProperty("relint_median_ms", std::to_string(median));
    RecordProperty("relint_server_cpu_ms", std::to_string(cpu_per_edit));
}

}  // namespace
}  // namespace migsafe
