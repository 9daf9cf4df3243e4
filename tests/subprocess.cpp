#include "subprocess.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace migsafe::pgtest {
namespace {

class FileDescriptor {
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    FileDescriptor(FileDescriptor&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    FileDescriptor& operator=(FileDescriptor&& other) noexcept {
        if (this != &other) {
            close();
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    ~FileDescriptor() { close(); }

    [[nodiscard]] int get() const { return m_fd; }
    [[nodiscard]] bool is_open() const { return m_fd >= 0; }
    void close() {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }

private:
    int m_fd = -1;
};

struct Pipe {
    FileDescriptor read_end;
    FileDescriptor write_end;
};

// O_CLOEXEC at creation, so a child spawned by another thread at the same
// moment cannot inherit this pipe and keep it open.
bool make_pipe(Pipe& pipe_ends, std::string& error) {
    std::array<int, 2> fds{};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
        error = std::string("pipe2: ") + std::strerror(errno);
        return false;
    }
    pipe_ends.read_end = FileDescriptor(fds[0]);
    pipe_ends.write_end = FileDescriptor(fds[1]);
    return true;
}

std::vector<std::string> child_environment(const ProcessRequest& request) {
    std::vector<std::string> entries;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const std::string_view name = text.substr(0, text.find('='));
        bool dropped = false;
        for (const std::string& prefix : request.drop_env_prefixes) {
            dropped = dropped || name.starts_with(prefix);
        }
        for (const auto& [override_name, value] : request.env) {
            dropped = dropped || name == override_name;
        }
        if (!dropped) {
            entries.emplace_back(text);
        }
    }
    for (const auto& [name, value] : request.env) {
        entries.push_back(name + "=" + value);
    }
    return entries;
}

std::vector<char*> as_c_strings(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (std::string& text : strings) {
        pointers.push_back(text.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

// Blocks SIGPIPE on this thread while it feeds the child's stdin: a child
// that exits early must turn the write into EPIPE, not kill the test binary.
class SigpipeBlock {
public:
    SigpipeBlock() {
        sigset_t pipe_only;
        sigemptyset(&pipe_only);
        sigaddset(&pipe_only, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_only, &m_previous);
    }
    SigpipeBlock(const SigpipeBlock&) = delete;
    SigpipeBlock& operator=(const SigpipeBlock&) = delete;
    ~SigpipeBlock() {
        // Swallow a SIGPIPE raised by our own write before unblocking it.
        sigset_t pipe_only;
        sigemptyset(&pipe_only);
        sigaddset(&pipe_only, SIGPIPE);
        const timespec no_wait{0, 0};
        while (sigtimedwait(&pipe_only, nullptr, &no_wait) > 0) {
        }
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
    }

private:
    sigset_t m_previous{};
};

int decode_wait_status(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

}  // namespace

std::string describe_command(const std::vector<std::string>& argv) {
    std::string text;
    for (const std::string& word : argv) {
        if (!text.empty()) {
            text += ' ';
        }
        text += word;
    }
    return text;
}

ProcessResult run_process(const ProcessRequest& request) {
    ProcessResult result;
    if (request.argv.empty()) {
        result.err = "run_process: empty argv";
        return result;
    }
    Pipe stdin_pipe;
    Pipe stdout_pipe;
    Pipe stderr_pipe;
    if (!make_pipe(stdin_pipe, result.err) || !make_pipe(stdout_pipe, result.err) ||
        !make_pipe(stderr_pipe, result.err)) {
        return result;
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdin_pipe.read_end.get(), STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, stdout_pipe.write_end.get(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, stderr_pipe.write_end.get(), STDERR_FILENO);

    // The child starts with default signal handling and an empty mask,
    // whatever this thread has blocked.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t empty_mask;
    sigemptyset(&empty_mask);
    sigset_t default_signals;
    sigemptyset(&default_signals);
    sigaddset(&default_signals, SIGPIPE);
    posix_spawnattr_setsigmask(&attributes, &empty_mask);
    posix_spawnattr_setsigdefault(&attributes, &default_signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> argv_storage = request.argv;
    std::vector<std::string> env_storage = child_environment(request);
    std::vector<char*> argv = as_c_strings(argv_storage);
    std::vector<char*> envp = as_c_strings(env_storage);

    pid_t child = -1;
    const int spawn_error =
        posix_spawnp(&child, argv[0], &actions, &attributes, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    stdin_pipe.read_end.close();
    stdout_pipe.write_end.close();
    stderr_pipe.write_end.close();
    if (spawn_error != 0) {
        result.err = "cannot start " + request.argv[0] + ": " + std::strerror(spawn_error);
        return result;
    }

    SigpipeBlock sigpipe_block;
    fcntl(stdin_pipe.write_end.get(), F_SETFL, O_NONBLOCK);
    std::size_t written = 0;
    if (request.stdin_text.empty()) {
        stdin_pipe.write_end.close();
    }

    const auto deadline = std::chrono::steady_clock::now() + request.timeout;
    std::array<char, 65536> buffer{};
    while (stdout_pipe.read_end.is_open() || stderr_pipe.read_end.is_open()) {
        std::vector<pollfd> watched;
        if (stdin_pipe.write_end.is_open()) {
            watched.push_back({stdin_pipe.write_end.get(), POLLOUT, 0});
        }
        if (stdout_pipe.read_end.is_open()) {
            watched.push_back({stdout_pipe.read_end.get(), POLLIN, 0});
        }
        if (stderr_pipe.read_end.is_open()) {
            watched.push_back({stderr_pipe.read_end.get(), POLLIN, 0});
        }
        const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (remaining.count() <= 0) {
            result.timed_out = true;
            ::kill(child, SIGKILL);
            break;
        }
        const int ready = ::poll(watched.data(), watched.size(), static_cast<int>(remaining.count()));
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            result.err += std::string("poll: ") + std::strerror(errno);
            ::kill(child, SIGKILL);
            break;
        }
        for (const pollfd& entry : watched) {
            if (entry.revents == 0) {
                continue;
            }
            if (entry.fd == stdin_pipe.write_end.get()) {
                const ssize_t count = ::write(entry.fd, request.stdin_text.data() + written,
                                              request.stdin_text.size() - written);
                if (count > 0) {
                    written += static_cast<std::size_t>(count);
                }
                if ((count < 0 && errno != EAGAIN && errno != EINTR) ||
                    written == request.stdin_text.size()) {
                    stdin_pipe.write_end.close();
                }
                continue;
            }
            const ssize_t count = ::read(entry.fd, buffer.data(), buffer.size());
            if (count > 0) {
                std::string& sink = entry.fd == stdout_pipe.read_end.get() ? result.out : result.err;
                sink.append(buffer.data(), static_cast<std::size_t>(count));
            } else if (count == 0 || (errno != EAGAIN && errno != EINTR)) {
                if (entry.fd == stdout_pipe.read_end.get()) {
                    stdout_pipe.read_end.close();
                } else {
                    stderr_pipe.read_end.close();
                }
            }
        }
    }
    stdin_pipe.write_end.close();

    int status = 0;
    rusage usage{};
    while (::wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    result.peak_memory_kib = usage.ru_maxrss;
    result.exit_code = decode_wait_status(status);
    if (result.timed_out) {
        result.err += "\n(killed after " + std::to_string(request.timeout.count()) + " ms: " +
                      describe_command(request.argv) + ")";
    }
    return result;
}

std::future<ProcessResult> start_process(ProcessRequest request) {
    return std::async(std::launch::async,
                      [moved = std::move(request)]() { return run_process(moved); });
}

}  // namespace migsafe::pgtest
