#include "migsafe/source.hpp"

#include <algorithm>

namespace migsafe {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// Length of the UTF-8 sequence starting with `lead`, 1 for bytes that cannot start one.
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80U) {
        return 1;
    }
    if ((lead & 0xE0U) == 0xC0U) {
        return 2;
    }
    if ((lead & 0xF0U) == 0xE0U) {
        return 3;
    }
    if ((lead & 0xF8U) == 0xF0U) {
        return 4;
    }
    return 1;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : m_text(text) {
    m_line_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            m_line_starts.push_back(i + 1);
        } else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
            m_line_starts.push_back(i + 1);  // a lone CR ends a line too
        }
    }
}

Position LineIndex::position_at(std::size_t byte_offset) const {
    byte_offset = std::min(byte_offset, m_text.size());
    auto next = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), byte_offset);
    const auto line_index = static_cast<std::size_t>(std::distance(m_line_starts.begin(), next)) - 1;
    const std::size_t line_start = m_line_starts[line_index];
    int column = 1;
    for (std::size_t i = line_start; i < byte_offset; ++i) {
        if (!is_continuation(static_cast<unsigned char>(m_text[i]))) {
            ++column;
        }
    }
    return Position{static_cast<int>(line_index) + 1, column};
}

Range LineIndex::range_of(ByteSpan span) const {
    const Position start = position_at(span.begin);
    if (span.end <= span.begin) {
        return Range{start, start};
    }
    // The last character starts at the last non-continuation byte before end.
    std::size_t last = span.end - 1;
    while (last > span.begin && is_continuation(static_cast<unsigned char>(m_text[last]))) {
        --last;
    }
    return Range{start, position_at(last)};
}

std::string_view LineIndex::line_text(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > m_line_starts.size()) {
        return {};
    }
    const std::size_t begin = m_line_starts[static_cast<std::size_t>(line) - 1];
    std::size_t end = static_cast<std::size_t>(line) < m_line_starts.size()
                          ? m_line_starts[static_cast<std::size_t>(line)]
                          : m_text.size();
    while (end > begin && (m_text[end - 1] == '\n' || m_text[end - 1] == '\r')) {
        --end;
    }
    return m_text.substr(begin, end - begin);
}

int LineIndex::utf16_column(std::size_t byte_offset) const {
    byte_offset = std::min(byte_offset, m_text.size());
    auto next = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), byte_offset);
    std::size_t i = *(next - 1);
    int units = 0;
    while (i < byte_offset) {
        const std::size_t length = sequence_length(static_cast<unsigned char>(m_text[i]));
        units += length == 4 ? 2 : 1;  // astral characters are surrogate pairs
        i += length;
    }
    return units;
}

std::size_t byte_offset_of_character(std::string_view text, std::size_t from, std::size_t characters) {
    std::size_t offset = from;
    while (characters > 0 && offset < text.size()) {
        offset += std::min(sequence_length(static_cast<unsigned char>(text[offset])), text.size() - offset);
        --characters;
    }
    return offset;
}

bool is_valid_utf8(std::string_view text, std::size_t* first_bad_offset) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = sequence_length(lead);
        bool valid = lead < 0x80U || (length > 1 && lead >= 0xC2U && lead <= 0xF4U);
        if (valid && i + length > text.size()) {
            valid = false;
        }
        for (std::size_t k = 1; valid && k < length; ++k) {
            valid = is_continuation(static_cast<unsigned char>(text[i + k]));
        }
        if (valid && length == 3) {
            const auto second = static_cast<unsigned char>(text[i + 1]);
            valid = !(lead == 0xE0U && second < 0xA0U) && !(lead == 0xEDU && second >= 0xA0U);
        } else if (valid && length == 4) {
            const auto second = static_cast<unsigned char>(text[i + 1]);
            valid = !(lead == 0xF0U && second < 0x90U) && !(lead == 0xF4U && second >= 0x90U);
        }
        if (!valid) {
            if (first_bad_offset != nullptr) {
                *first_bad_offset = i;
            }
            return false;
        }
        i += length;
    }
    return true;
}

}  // namespace migsafe
