// A stand-alone driver for the libFuzzer targets in fuzz/, built with any
// compiler: it runs every seed once, then mutates seeds (byte edits, splices,
// dictionary tokens) until the time budget is spent. CI uses it for a short
// smoke run over the seed corpora and the regression inputs of past findings;
// the long campaigns use real libFuzzer (bench/fuzzing.md).
//
// usage: <target>_smoke [--seconds N] [--timeout N] [--seed N] [--dict FILE] PATH...
// On a crash, a sanitizer report, an uncaught exception or an input that runs
// longer than --timeout, the input is written to ./smoke-crash-<target> first.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
extern "C" void __sanitizer_set_death_callback(void (*callback)());
#endif

namespace {

namespace fs = std::filesystem;
using Bytes = std::string;

constexpr std::size_t k_max_mutated_size = 64 * 1024;

// The input being run, for the crash handlers (which may only use async-signal-safe calls).
const char* g_input = nullptr;
std::size_t g_input_size = 0;
char g_crash_path[256] = "smoke-crash";

void write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written <= 0) {
            return;
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
}

void save_current_input() {
    if (g_input == nullptr) {
        return;
    }
    const int fd = ::creat(g_crash_path, 0644);
    if (fd >= 0) {
        write_all(fd, g_input, g_input_size);
        ::close(fd);
    }
    constexpr char k_note[] = "\nsmoke: the failing input is in ";
    write_all(STDERR_FILENO, k_note, sizeof k_note - 1);
    write_all(STDERR_FILENO, g_crash_path, std::strlen(g_crash_path));
    write_all(STDERR_FILENO, "\n", 1);
}

void on_fatal_signal(int signal_number) {
    save_current_input();
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
}

void on_timeout(int) {
    constexpr char k_note[] = "\nsmoke: an input ran longer than the timeout\n";
    write_all(STDERR_FILENO, k_note, sizeof k_note - 1);
    save_current_input();
    ::_exit(70);
}

struct Options {
    double seconds = 10;
    unsigned timeout_seconds = 5;
    std::uint32_t seed = 1;
    std::optional<fs::path> dictionary;
    std::vector<fs::path> paths;
};

std::optional<Options> parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--seconds" && has_value) {
            options.seconds = std::atof(argv[++i]);
        } else if (arg == "--timeout" && has_value) {
            options.timeout_seconds = static_cast<unsigned>(std::atoi(argv[++i]));
        } else if (arg == "--seed" && has_value) {
            options.seed = static_cast<std::uint32_t>(std::strtoul(argv[++i], nullptr, 10));
        } else if (arg == "--dict" && has_value) {
            options.dictionary = argv[++i];
        } else if (arg.rfind("--", 0) == 0) {
            return std::nullopt;
        } else {
            options.paths.emplace_back(arg);
        }
    }
    if (options.paths.empty() || options.timeout_seconds == 0) {
        return std::nullopt;
    }
    return options;
}

Bytes read_bytes(const fs::path& path) {
    std::ifstream in{path, std::ios::binary};
    return Bytes{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

// Every regular file under the paths, in a fixed order so runs repeat.
std::vector<Bytes> read_seeds(const std::vector<fs::path>& paths) {
    std::vector<fs::path> files;
    for (const fs::path& path : paths) {
        if (fs::is_directory(path)) {
            for (const auto& entry : fs::recursive_directory_iterator{path}) {
                if (entry.is_regular_file()) {
                    files.push_back(entry.path());
                }
            }
        } else if (fs::is_regular_file(path)) {
            files.push_back(path);
        } else {
            throw std::runtime_error{"no such seed file or directory: " + path.string()};
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<Bytes> seeds;
    seeds.reserve(files.size());
    for (const fs::path& file : files) {
        seeds.push_back(read_bytes(file));
    }
    return seeds;
}

// libFuzzer's dictionary format: one quoted token per line, optionally named
// (`name="token"`), with \\, \" and \xNN escapes; '#' starts a comment.
std::vector<Bytes> read_dictionary(const fs::path& path) {
    std::ifstream in{path};
    if (!in) {
        throw std::runtime_error{"cannot read dictionary " + path.string()};
    }
    std::vector<Bytes> tokens;
    std::string line;
    while (std::getline(in, line)) {
        const std::size_t open = line.find('"');
        const std::size_t close = line.rfind('"');
        if (line.empty() || line[0] == '#' || open == std::string::npos || close <= open) {
            continue;
        }
        Bytes token;
        for (std::size_t i = open + 1; i < close; ++i) {
            if (line[i] == '\\' && i + 1 < close && line[i + 1] == 'x' && i + 3 < close) {
                token.push_back(static_cast<char>(std::stoi(line.substr(i + 2, 2), nullptr, 16)));
                i += 3;
            } else if (line[i] == '\\' && i + 1 < close) {
                token.push_back(line[++i]);
            } else {
                token.push_back(line[i]);
            }
        }
        tokens.push_back(std::move(token));
    }
    return tokens;
}

class Mutator {
public:
    Mutator(std::uint32_t seed, const std::vector<Bytes>& seeds, const std::vector<Bytes>& dictionary)
        : m_random{seed}, m_seeds{seeds}, m_dictionary{dictionary} {}

    Bytes next() {
        Bytes input = m_seeds[below(m_seeds.size())];
        const std::size_t edits = 1 + below(4);
        for (std::size_t i = 0; i < edits; ++i) {
            mutate(input);
        }
        if (input.size() > k_max_mutated_size) {
            input.resize(k_max_mutated_size);
        }
        return input;
    }

private:
    std::size_t below(std::size_t bound) {
        return bound == 0 ? 0 : std::uniform_int_distribution<std::size_t>{0, bound - 1}(m_random);
    }

    void mutate(Bytes& input) {
        static constexpr char k_special[] = "'\";$()\n\r\\-/*{}[]:,\t\x80\xff";
        const std::size_t at = below(input.size() + 1);
        switch (below(8)) {
        case 0:  // erase a range
            input.erase(at, below(input.size() - at + 1) / 2 + 1);
            break;
        case 1:  // insert random bytes
            for (std::size_t n = 1 + below(8); n > 0; --n) {
                input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(below(256)));
            }
            break;
        case 2:  // flip a bit
            if (at < input.size()) {
                input[at] = static_cast<char>(input[at] ^ (1 << below(8)));
            }
            break;
        case 3:  // a byte that matters to SQL, JSON or framing
            input.insert(at, 1, k_special[below(sizeof k_special - 1)]);
            break;
        case 4:  // a dictionary token
            if (!m_dictionary.empty()) {
                input.insert(at, m_dictionary[below(m_dictionary.size())]);
            }
            break;
        case 5:  // duplicate a range
            if (at < input.size()) {
                input.insert(at, input.substr(at, 1 + below(64)));
            }
            break;
        case 6: {  // splice: this input's head, another seed's tail
            const Bytes& other = m_seeds[below(m_seeds.size())];
            input = input.substr(0, at) + other.substr(below(other.size() + 1));
            break;
        }
        default:  // truncate
            input.resize(at);
            break;
        }
    }

    std::mt19937 m_random;
    const std::vector<Bytes>& m_seeds;
    const std::vector<Bytes>& m_dictionary;
};

void run_one(const Bytes& input, unsigned timeout_seconds) {
    g_input = input.data();
    g_input_size = input.size();
    ::alarm(timeout_seconds);
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    ::alarm(0);
}

}  // namespace

int main(int argc, char** argv) {
    const std::optional<Options> options = parse_options(argc, argv);
    if (!options) {
        std::cerr << "usage: " << argv[0] << " [--seconds N] [--timeout N] [--seed N] [--dict FILE] PATH...\n";
        return 2;
    }
    const std::string target = fs::path{argv[0]}.filename().string();
    std::snprintf(g_crash_path, sizeof g_crash_path, "smoke-crash-%s", target.c_str());
    for (const int signal_number : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) {
        ::signal(signal_number, on_fatal_signal);
    }
    ::signal(SIGALRM, on_timeout);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
    __sanitizer_set_death_callback(save_current_input);
#endif

    std::vector<Bytes> seeds;
    std::vector<Bytes> dictionary;
    try {
        seeds = read_seeds(options->paths);
        if (options->dictionary) {
            dictionary = read_dictionary(*options->dictionary);
        }
    } catch (const std::exception& error) {
        std::cerr << target << ": " << error.what() << '\n';
        return 2;
    }
    if (seeds.empty()) {
        std::cerr << target << ": no seed files\n";
        return 2;
    }

    const auto start = std::chrono::steady_clock::now();
    for (const Bytes& seed : seeds) {
        run_one(seed, options->timeout_seconds);
    }
    const auto deadline = start + std::chrono::duration<double>(options->seconds);
    Mutator mutator{options->seed, seeds, dictionary};
    std::size_t mutated_runs = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        run_one(mutator.next(), options->timeout_seconds);
        ++mutated_runs;
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << target << ": " << seeds.size() << " seeds and " << mutated_runs << " mutated inputs in " << elapsed
              << " s, seed " << options->seed << ", no crash\n";
    return 0;
}
