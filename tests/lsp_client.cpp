#include "lsp_client.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace migsafe::testing {

LspProcess::LspProcess(const std::vector<std::string>& argv) {
    ::signal(SIGPIPE, SIG_IGN);  // a server that died must fail a test, not kill the runner
    int to_child[2];
    int from_child[2];
    if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) {
        throw std::runtime_error("pipe failed");
    }
    std::string pattern = "/tmp/migsafe-lsp-stderr-XXXXXX";
    const int stderr_fd = ::mkstemp(pattern.data());
    m_stderr_path = pattern;
    m_pid = ::fork();
    if (m_pid == 0) {
        ::dup2(to_child[0], STDIN_FILENO);
        ::dup2(from_child[1], STDOUT_FILENO);
        ::dup2(stderr_fd, STDERR_FILENO);
        ::close(to_child[0]);
        ::close(to_child[1]);
        ::close(from_child[0]);
        ::close(from_child[1]);
        std::vector<char*> args;
        for (const std::string& arg : argv) {
            args.push_back(const_cast<char*>(arg.c_str()));
        }
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::close(stderr_fd);
    ::close(to_child[0]);
    ::close(from_child[1]);
    m_in = to_child[1];
    m_out = from_child[0];
    m_reader = std::make_unique<lsp::MessageReader>(m_out);
}

LspProcess::~LspProcess() {
    if (m_in >= 0) {
        ::close(m_in);
    }
    if (running()) {
        ::kill(m_pid, SIGKILL);
        static_cast<void>(wait_exit(std::chrono::seconds(5)));
    }
    if (m_out >= 0) {
        ::close(m_out);
    }
    ::unlink(m_stderr_path.c_str());
}

void LspProcess::send(const Json& message) { send_raw(lsp::frame_message(message.dump())); }

void LspProcess::send_raw(std::string_view bytes) {
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(m_in, bytes.data() + written, bytes.size() - written);
        if (n <= 0) {
            return;  // the server is gone; the next read reports it
        }
        written += static_cast<std::size_t>(n);
    }
}

void LspProcess::notify(const std::string& method, const Json& params) {
    send(Json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

std::optional<LspProcess::Json> LspProcess::read_message(Clock::time_point deadline) {
    while (true) {
        if (!m_reader->has_buffered_input()) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            pollfd ready{m_out, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0) {
                return std::nullopt;
            }
        }
        lsp::MessageReader::Read read = m_reader->next();
        if (read.status == lsp::MessageReader::Status::end) {
            return std::nullopt;
        }
        if (read.status == lsp::MessageReader::Status::message) {
            Json message = Json::parse(read.body, nullptr, false);
            if (!message.is_discarded()) {
                return message;
            }
        }
    }
}

std::optional<LspProcess::Json> LspProcess::receive(std::chrono::milliseconds timeout) {
    if (!m_pending.empty()) {
        Json message = std::move(m_pending.front());
        m_pending.pop_front();
        return message;
    }
    return read_message(Clock::now() + timeout);
}

std::optional<LspProcess::Json> LspProcess::request(const std::string& method, const Json& params,
                                                    std::chrono::milliseconds timeout) {
    const int id = m_next_id++;
    send(Json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    const auto deadline = Clock::now() + timeout;
    while (auto message = read_message(deadline)) {
        if (message->contains("id") && (*message)["id"] == id && !message->contains("method")) {
            return message;
        }
        m_pending.push_back(std::move(*message));
    }
    return std::nullopt;
}

std::optional<LspProcess::Json> LspProcess::wait_notification(const std::string& method,
                                                              const std::function<bool(const Json&)>& accept,
                                                              std::chrono::milliseconds timeout) {
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->value("method", "") == method && accept(*it)) {
            Json message = std::move(*it);
            m_pending.erase(it);
            return message;
        }
    }
    const auto deadline = Clock::now() + timeout;
    while (auto message = read_message(deadline)) {
        if (message->value("method", "") == method && accept(*message)) {
            return message;
        }
        m_pending.push_back(std::move(*message));
    }
    return std::nullopt;
}

void LspProcess::close_input() {
    if (m_in >= 0) {
        ::close(m_in);
        m_in = -1;
    }
}

std::optional<int> LspProcess::wait_exit(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!m_status) {
        int status = 0;
        const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
        if (done == m_pid) {
            m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        if (Clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return m_status;
}

bool LspProcess::running() { return m_pid > 0 && !wait_exit(std::chrono::milliseconds(0)).has_value(); }

std::chrono::milliseconds LspProcess::cpu_time() const {
    std::ifstream stream{"/proc/" + std::to_string(m_pid) + "/stat"};
    std::string stat;
    std::getline(stream, stat);
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    std::istringstream fields{stat.substr(stat.rfind(')') + 2)};
    std::vector<std::string> values;
    for (std::string field; fields >> field;) {
        values.push_back(field);
    }
    if (values.size() < 13) {
        return std::chrono::milliseconds{0};
    }
    const long ticks = std::stol(values[11]) + std::stol(values[12]);
    return std::chrono::milliseconds{ticks * 1000 / ::sysconf(_SC_CLK_TCK)};
}

std::string LspProcess::stderr_text() const {
    std::ifstream stream{m_stderr_path};
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    return buffer.str();
}

}  // namespace migsafe::testing
