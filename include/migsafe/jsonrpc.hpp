// JSON-RPC framing over byte streams: `Content-Length: N\r\n\r\n` + N bytes of
// JSON, as the Language Server Protocol sends it over stdio.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace migsafe::lsp {

// A message body larger than this is skipped, not buffered.
inline constexpr std::size_t k_max_message_bytes = 512U * 1024U * 1024U;

class MessageReader {
public:
    explicit MessageReader(int fd) : m_fd(fd) {}

    enum class Status { message, malformed, end };
    struct Read {
        Status status = Status::end;
        std::string body;     // the JSON text, for Status::message
        std::string problem;  // what was wrong, for Status::malformed
    };

    // Blocks until a whole message, a malformed header block, or the end of input.
    // After a malformed header the reader resumes at the next header block.
    [[nodiscard]] Read next();
    // True when bytes already read wait in the buffer (the next call may not block).
    [[nodiscard]] bool has_buffered_input() const { return m_start < m_buffer.size(); }

private:
    bool fill();
    void compact();
    [[nodiscard]] bool skip_bytes(std::size_t count);

    int m_fd;
    std::string m_buffer;
    std::size_t m_start = 0;
    bool m_eof = false;
};

// The framed form of `body`.
[[nodiscard]] std::string frame_message(std::string_view body);

// Writes a framed message to `fd` in full; false when the peer is gone.
[[nodiscard]] bool write_message(int fd, std::string_view body);

}  // namespace migsafe::lsp
