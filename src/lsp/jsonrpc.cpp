#include "migsafe/jsonrpc.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <optional>

namespace migsafe::lsp {
namespace {

constexpr std::size_t k_read_chunk = 64U * 1024U;
constexpr std::size_t k_max_header_line = 8U * 1024U;

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == (y >= 'A' && y <= 'Z' ? y - 'A' + 'a' : y);
           });
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

bool MessageReader::fill() {
    if (m_eof) {
        return false;
    }
    compact();
    const std::size_t old_size = m_buffer.size();
    m_buffer.resize(old_size + k_read_chunk);
    ssize_t n = 0;
    do {
        n = ::read(m_fd, m_buffer.data() + old_size, k_read_chunk);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
        m_buffer.resize(old_size);
        m_eof = true;
        return false;
    }
    m_buffer.resize(old_size + static_cast<std::size_t>(n));
    return true;
}

void MessageReader::compact() {
    if (m_start > 0) {
        m_buffer.erase(0, m_start);
        m_start = 0;
    }
}

bool MessageReader::skip_bytes(std::size_t count) {
    while (count > 0) {
        if (m_start == m_buffer.size() && !fill()) {
            return false;
        }
        const std::size_t take = std::min(count, m_buffer.size() - m_start);
        m_start += take;
        count -= take;
    }
    return true;
}

MessageReader::Read MessageReader::next() {
    // Header block: lines up to an empty one. Lines that are not headers are
    // ignored, so stray output before a message does not lose the message.
    std::optional<std::size_t> length;
    std::string problem;
    bool saw_line = false;
    while (true) {
        std::size_t newline = m_buffer.find('\n', m_start);
        while (newline == std::string::npos) {
            if (m_buffer.size() - m_start > k_max_header_line) {
                m_start = m_buffer.size();
                return Read{Status::malformed, {}, "header line longer than 8 KiB"};
            }
            if (!fill()) {
                if (saw_line || m_start < m_buffer.size()) {
                    m_start = m_buffer.size();
                    return Read{Status::malformed, {}, "input ended inside a message header"};
                }
                return Read{Status::end, {}, {}};
            }
            newline = m_buffer.find('\n', m_start);
        }
        const std::string_view line = trim(std::string_view{m_buffer}.substr(m_start, newline - m_start));
        m_start = newline + 1;
        if (line.empty()) {
            if (!saw_line) {
                continue;  // blank lines between messages
            }
            break;
        }
        saw_line = true;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            problem = "not a header line: " + std::string{line.substr(0, 80)};
            continue;
        }
        if (equals_ignoring_case(trim(line.substr(0, colon)), "Content-Length")) {
            const std::string_view value = trim(line.substr(colon + 1));
            std::size_t parsed = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
            if (error != std::errc{} || end != value.data() + value.size() || value.empty()) {
                return Read{Status::malformed, {}, "invalid Content-Length: " + std::string{value.substr(0, 40)}};
            }
            length = parsed;
        }
    }
    if (!length) {
        return Read{Status::malformed, {}, problem.empty() ? "header without Content-Length" : problem};
    }
    if (*length > k_max_message_bytes) {
        const bool complete = skip_bytes(*length);
        return Read{Status::malformed, {},
                    "message of " + std::to_string(*length) + " bytes is over the limit" +
                        (complete ? std::string{} : std::string{" and the input ended inside it"})};
    }
    while (m_buffer.size() - m_start < *length) {
        if (!fill()) {
            m_start = m_buffer.size();
            return Read{Status::malformed, {}, "input ended inside a message body"};
        }
    }
    Read read{Status::message, m_buffer.substr(m_start, *length), {}};
    m_start += *length;
    return read;
}

std::string frame_message(std::string_view body) {
    std::string framed = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    framed += body;
    return framed;
}

bool write_message(int fd, std::string_view body) {
    const std::string framed = frame_message(body);
    std::size_t written = 0;
    while (written < framed.size()) {
        const ssize_t n = ::write(fd, framed.data() + written, framed.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace migsafe::lsp
