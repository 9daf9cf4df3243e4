// A throw-away PostgreSQL 15 cluster for tests: private directory, loopback
// only, gone when the object is destroyed.
#pragma once

#include "subprocess.hpp"

#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace migsafe::pgtest {

struct PsqlResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

struct PsqlSession {
    std::string database = "postgres";
    // Shows up in pg_stat_activity, which is how one session finds another.
    std::string application_name = "migsafe-tests";
    std::chrono::milliseconds timeout{std::chrono::minutes(3)};
};

// A directory created with mkdtemp and removed, recursively, on destruction.
class TemporaryDirectory {
public:
    explicit TemporaryDirectory(std::string_view name_prefix);
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory();

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// CI=true: a missing server is a failure there, not a reason to skip.
[[nodiscard]] bool running_in_ci();

class PgServer {
public:
    // Starts the cluster when the binaries are installed; otherwise available()
    // is false and unavailable_reason() says what is missing. Throws
    // std::runtime_error when the binaries exist but the cluster cannot start,
    // because that is a broken environment, not a missing one.
    PgServer();
    PgServer(const PgServer&) = delete;
    PgServer& operator=(const PgServer&) = delete;
    ~PgServer();

    [[nodiscard]] bool available() const { return m_available; }
    [[nodiscard]] const std::string& unavailable_reason() const { return m_unavailable_reason; }
    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] const std::filesystem::path& socket_directory() const { return m_socket_directory; }

    // psql -X -q -v ON_ERROR_STOP=1 -At, the SQL fed on stdin (never through
    // a shell or the command line).
    [[nodiscard]] PsqlResult run_psql(std::string_view sql, std::string_view database = "postgres") const;
    [[nodiscard]] PsqlResult run_psql(std::string_view sql, const PsqlSession& session) const;
    // The same, running in the background, for observing one session from another.
    [[nodiscard]] std::future<PsqlResult> start_psql(std::string sql, PsqlSession session) const;

    // pg_dump --schema-only of `database`, as SQL on out.
    [[nodiscard]] PsqlResult dump_schema(std::string_view database) const;

    // The server's log so far, for failure messages.
    [[nodiscard]] std::string log_tail(std::size_t max_bytes = 4000) const;

private:
    void start_cluster();
    void stop_server() noexcept;
    [[nodiscard]] ProcessRequest server_command(std::vector<std::string> argv) const;
    [[nodiscard]] ProcessRequest psql_request(std::string sql, const PsqlSession& session) const;
    // A client program (psql, pg_dump) connected to the server as `session` says.
    [[nodiscard]] ProcessRequest client_request(std::vector<std::string> argv, const PsqlSession& session) const;

    bool m_available = false;
    std::string m_unavailable_reason;
    std::filesystem::path m_binary_directory;
    std::filesystem::path m_psql;
    bool m_run_as_postgres_user = false;
    // Declared before everything that lives inside it; removed last.
    std::unique_ptr<TemporaryDirectory> m_root;
    std::filesystem::path m_data_directory;
    std::filesystem::path m_socket_directory;
    std::filesystem::path m_log_file;
    int m_port = 0;
    bool m_running = false;
};

}  // namespace migsafe::pgtest
