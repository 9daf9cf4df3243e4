#include "pg_server.hpp"

#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <netinet/in.h>
#include <pwd.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace migsafe::pgtest {
namespace {

namespace fs = std::filesystem;

const fs::path k_binary_directory = "/usr/lib/postgresql/15/bin";
const std::vector<fs::path> k_psql_candidates = {k_binary_directory / "psql", "/usr/bin/psql"};
const std::vector<fs::path> k_runuser_candidates = {"/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"};
const char* const k_server_user = "postgres";
const char* const k_superuser = "postgres";
constexpr int k_start_attempts = 3;

bool is_executable(const fs::path& path) {
    return ::access(path.c_str(), X_OK) == 0;
}

std::optional<fs::path> first_executable(const std::vector<fs::path>& candidates) {
    for (const fs::path& candidate : candidates) {
        if (is_executable(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

// The kernel picks a free port; it is released again right away, so another
// process could take it before the server binds it, hence the retries.
int pick_free_loopback_port() {
    const int socket_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (socket_fd < 0) {
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    const bool ok = ::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                    ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    const int saved_errno = errno;
    ::close(socket_fd);
    if (!ok) {
        throw std::runtime_error(std::string("cannot find a free loopback port: ") + std::strerror(saved_errno));
    }
    return ntohs(address.sin_port);
}

std::string quote_config_string(const std::string& value) {
    std::string quoted = "'";
    for (const char character : value) {
        quoted += character;
        if (character == '\'') {
            quoted += '\'';
        }
    }
    return quoted + "'";
}

void chown_to(const fs::path& path, const passwd& user) {
    if (::chown(path.c_str(), user.pw_uid, user.pw_gid) != 0) {
        throw std::runtime_error("chown " + path.string() + ": " + std::strerror(errno));
    }
}

std::string describe_failure(const std::string& what, const ProcessResult& result) {
    return what + " failed (exit " + std::to_string(result.exit_code) + ")\n" + result.out + result.err;
}

}  // namespace

TemporaryDirectory::TemporaryDirectory(std::string_view name_prefix) {
    std::string pattern = (fs::temp_directory_path() / (std::string(name_prefix) + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    }
    m_path = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
}

PgServer::PgServer() {
    std::string missing;
    for (const char* binary : {"initdb", "pg_ctl", "postgres"}) {
        if (!is_executable(k_binary_directory / binary)) {
            missing += (missing.empty() ? "" : ", ") + (k_binary_directory / binary).string();
        }
    }
    const std::optional<fs::path> psql = first_executable(k_psql_candidates);
    if (!psql) {
        missing += std::string(missing.empty() ? "" : ", ") + "psql";
    }
    if (!missing.empty()) {
        m_unavailable_reason = "PostgreSQL 15 is not installed (missing " + missing +
                               "; install the Debian package postgresql-15)";
        return;
    }
    // initdb and postgres refuse to run as root.
    m_run_as_postgres_user = ::geteuid() == 0;
    if (m_run_as_postgres_user) {
        if (::getpwnam(k_server_user) == nullptr || !first_executable(k_runuser_candidates)) {
            m_unavailable_reason = "running as root needs the user 'postgres' and runuser to start the server";
            return;
        }
    }
    m_binary_directory = k_binary_directory;
    m_psql = *psql;
    m_available = true;
    try {
        start_cluster();
    } catch (...) {
        // The temporary directory goes with m_root when the constructor unwinds.
        stop_server();
        throw;
    }
}

PgServer::~PgServer() {
    stop_server();
}

ProcessRequest PgServer::server_command(std::vector<std::string> argv) const {
    ProcessRequest request;
    if (m_run_as_postgres_user) {
        const fs::path runuser = *first_executable(k_runuser_candidates);
        argv.insert(argv.begin(), {runuser.string(), "-u", k_server_user, "--"});
    }
    request.argv = std::move(argv);
    request.drop_env_prefixes = {"PG"};
    request.env = {{"LC_ALL", "C"}};
    request.timeout = std::chrono::minutes(2);
    return request;
}

void PgServer::start_cluster() {
    m_root = std::make_unique<TemporaryDirectory>("migsafe-pg-");
    m_data_directory = m_root->path() / "data";
    m_socket_directory = m_root->path() / "socket";
    m_log_file = m_root->path() / "server.log";
    fs::create_directory(m_socket_directory);
    if (m_run_as_postgres_user) {
        const passwd* user = ::getpwnam(k_server_user);
        chown_to(m_root->path(), *user);
        chown_to(m_socket_directory, *user);
    }

    // -N: no fsync of the fresh cluster; it is thrown away anyway.
    const ProcessResult initdb = run_process(server_command(
        {(m_binary_directory / "initdb").string(), "-D", m_data_directory.string(), "-N", "-A", "trust", "-U",
         k_superuser, "-E", "UTF8", "--locale=C", "--no-instructions"}));
    if (initdb.exit_code != 0) {
        throw std::runtime_error(describe_failure("initdb", initdb));
    }

    std::string last_failure;
    for (int attempt = 0; attempt < k_start_attempts; ++attempt) {
        m_port = pick_free_loopback_port();
        {
            // postgresql.auto.conf is read after postgresql.conf and is
            // rewritten here on every attempt, so only the last port counts.
            std::ofstream settings(m_data_directory / "postgresql.auto.conf", std::ios::trunc);
            settings << "listen_addresses = '127.0.0.1'\n"
                     << "port = " << m_port << "\n"
                     << "unix_socket_directories = " << quote_config_string(m_socket_directory.string()) << "\n"
                     // Durability is worthless for a throw-away cluster and costs seconds.
                     << "fsync = off\n"
                     << "synchronous_commit = off\n"
                     << "full_page_writes = off\n"
                     // Background workers would take locks and change statistics mid-case.
                     << "autovacuum = off\n"
                     // Results such as timestamp -> timestamptz depend on the zone.
                     << "timezone = 'UTC'\n"
                     // A case that waits on a lock fails instead of hanging the suite.
                     << "lock_timeout = '30s'\n"
                     << "max_connections = 30\n";
            if (!settings) {
                throw std::runtime_error("cannot write postgresql.auto.conf");
            }
        }
        const ProcessResult start =
            run_process(server_command({(m_binary_directory / "pg_ctl").string(), "start", "-w", "-t", "60", "-s",
                                        "-D", m_data_directory.string(), "-l", m_log_file.string()}));
        if (start.exit_code == 0) {
            m_running = true;
            break;
        }
        last_failure = describe_failure("pg_ctl start", start) + "\n" + log_tail();
        // pg_ctl may give up while the postmaster still comes up.
        stop_server();
    }
    if (!m_running) {
        throw std::runtime_error(last_failure);
    }
    const PsqlResult probe = run_psql("SELECT 1");
    if (probe.exit_code != 0 || probe.out != "1\n") {
        throw std::runtime_error("the server started but psql cannot query it: " + probe.err + "\n" + log_tail());
    }
}

void PgServer::stop_server() noexcept {
    try {
        if (!m_data_directory.empty() && fs::exists(m_data_directory / "postmaster.pid")) {
            // Immediate: the data is discarded, so a clean shutdown buys nothing.
            const ProcessResult stop = run_process(server_command(
                {(m_binary_directory / "pg_ctl").string(), "stop", "-m", "immediate", "-w", "-t", "30", "-s", "-D",
                 m_data_directory.string()}));
            if (stop.exit_code != 0 && fs::exists(m_data_directory / "postmaster.pid")) {
                // Our own postmaster, by the pid it recorded when it started.
                std::ifstream pid_file(m_data_directory / "postmaster.pid");
                long postmaster_pid = 0;
                if (pid_file >> postmaster_pid && postmaster_pid > 0) {
                    ::kill(static_cast<pid_t>(postmaster_pid), SIGKILL);
                }
            }
        }
    } catch (...) {
        // A destructor must not throw; the directory is still removed below.
    }
    m_running = false;
}

std::string PgServer::log_tail(std::size_t max_bytes) const {
    std::ifstream log(m_log_file);
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    if (text.size() > max_bytes) {
        text = "..." + text.substr(text.size() - max_bytes);
    }
    return text;
}

ProcessRequest PgServer::psql_request(std::string sql, const PsqlSession& session) const {
    ProcessRequest request = client_request({m_psql.string(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At"}, session);
    request.stdin_text = std::move(sql);
    return request;
}

ProcessRequest PgServer::client_request(std::vector<std::string> argv, const PsqlSession& session) const {
    ProcessRequest request;
    request.argv = std::move(argv);
    // Connection settings travel in the environment, not in a conninfo string
    // that would need quoting.
    request.drop_env_prefixes = {"PG", "PSQL"};
    request.env = {{"PGHOST", m_socket_directory.string()},
                   {"PGPORT", std::to_string(m_port)},
                   {"PGUSER", k_superuser},
                   {"PGDATABASE", session.database},
                   {"PGAPPNAME", session.application_name},
                   {"PGCONNECT_TIMEOUT", "10"},
                   {"LC_ALL", "C"}};
    request.timeout = session.timeout;
    return request;
}

PsqlResult PgServer::dump_schema(std::string_view database) const {
    if (!m_running) {
        return {-1, "", "the PostgreSQL test server is not running"};
    }
    PsqlSession session;
    session.database = std::string(database);
    ProcessResult result =
        run_process(client_request({(m_binary_directory / "pg_dump").string(), "--schema-only", "--no-owner"}, session));
    return {result.exit_code, std::move(result.out), std::move(result.err)};
}

PsqlResult PgServer::run_psql(std::string_view sql, std::string_view database) const {
    PsqlSession session;
    session.database = std::string(database);
    return run_psql(sql, session);
}

PsqlResult PgServer::run_psql(std::string_view sql, const PsqlSession& session) const {
    if (!m_running) {
        return {-1, "", "the PostgreSQL test server is not running"};
    }
    ProcessResult result = run_process(psql_request(std::string(sql), session));
    return {result.exit_code, std::move(result.out), std::move(result.err)};
}

std::future<PsqlResult> PgServer::start_psql(std::string sql, PsqlSession session) const {
    if (!m_running) {
        std::promise<PsqlResult> not_running;
        not_running.set_value({-1, "", "the PostgreSQL test server is not running"});
        return not_running.get_future();
    }
    return std::async(std::launch::async, [request = psql_request(std::move(sql), session)]() {
        ProcessResult result = run_process(request);
        return PsqlResult{result.exit_code, std::move(result.out), std::move(result.err)};
    });
}

bool running_in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string_view(ci) == "true";
}

}  // namespace migsafe::pgtest
