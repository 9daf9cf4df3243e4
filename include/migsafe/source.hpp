// A migration file's text and the mapping from byte offsets to line:column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace migsafe {

// 1-based; column counts characters (UTF-8 code points), not bytes.
struct Position {
    int line = 1;
    int column = 1;
    friend bool operator==(const Position&, const Position&) = default;
};

// Inclusive of the last character.
struct Range {
    Position start;
    Position end;
    friend bool operator==(const Range&, const Range&) = default;
};

// Byte offsets [begin, end) into a file's text.
struct ByteSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    [[nodiscard]] std::size_t size() const { return end - begin; }
};

class LineIndex {
public:
    explicit LineIndex(std::string_view text);

    [[nodiscard]] Position position_at(std::size_t byte_offset) const;
    // Range covering [begin, end); an empty span maps to a one-character range at begin.
    [[nodiscard]] Range range_of(ByteSpan span) const;
    [[nodiscard]] std::string_view line_text(int line) const;
    // UTF-16 code units from the line start, for LSP clients.
    [[nodiscard]] int utf16_column(std::size_t byte_offset) const;
    [[nodiscard]] std::size_t line_count() const { return m_line_starts.size(); }

private:
    std::string_view m_text;
    std::vector<std::size_t> m_line_starts;
};

struct SourceFile {
    std::string path;          // as given or found on disk
    std::string display_path;  // as shown in reports
    std::string text;
};

// Converts a count of characters from `from` to a byte offset (PostgreSQL reports
// error cursors in characters).
[[nodiscard]] std::size_t byte_offset_of_character(std::string_view text, std::size_t from,
                                                   std::size_t characters);

[[nodiscard]] bool is_valid_utf8(std::string_view text, std::size_t* first_bad_offset = nullptr);

}  // namespace migsafe
