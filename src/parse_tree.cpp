#include "migsafe/parse_tree.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace migsafe {

class ParseTree::Reader {
public:
    explicit Reader(ParseTree& tree) : m_tree(tree), m_text(tree.m_text.data()), m_end(m_text + tree.m_text.size()) {}

    bool read_document() {
        skip_space();
        if (!read_value(m_tree.m_root, 0)) {
            return false;
        }
        skip_space();
        return m_text == m_end;
    }

private:
    // Deeply nested input is refused rather than overflowing the stack.
    static constexpr int k_max_depth = 4000;
    // Chunks grow from small to k_max_chunk: a parse tree is read per statement, and most are small.
    static constexpr std::size_t k_first_chunk = 128;
    static constexpr std::size_t k_max_chunk = 4096;

    static std::size_t next_chunk_size(std::size_t previous, std::size_t needed) {
        const std::size_t grown = previous == 0 ? k_first_chunk : std::min(previous * 2, k_max_chunk);
        return std::max(needed, grown);
    }

    void skip_space() {
        while (m_text < m_end && (*m_text == ' ' || *m_text == '\n' || *m_text == '\r' || *m_text == '\t')) {
            ++m_text;
        }
    }

    bool literal(const char* word, std::size_t length) {
        if (static_cast<std::size_t>(m_end - m_text) < length || std::memcmp(m_text, word, length) != 0) {
            return false;
        }
        m_text += length;
        return true;
    }

    static int hex_digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    bool read_hex4(unsigned& code) {
        if (m_end - m_text < 4) {
            return false;
        }
        code = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hex_digit(*m_text++);
            if (digit < 0) {
                return false;
            }
            code = code * 16 + static_cast<unsigned>(digit);
        }
        return true;
    }

    static char* put_utf8(char* out, unsigned code) {
        if (code < 0x80) {
            *out++ = static_cast<char>(code);
        } else if (code < 0x800) {
            *out++ = static_cast<char>(0xC0 | (code >> 6));
            *out++ = static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            *out++ = static_cast<char>(0xE0 | (code >> 12));
            *out++ = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            *out++ = static_cast<char>(0x80 | (code & 0x3F));
        } else {
            *out++ = static_cast<char>(0xF0 | (code >> 18));
            *out++ = static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            *out++ = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            *out++ = static_cast<char>(0x80 | (code & 0x3F));
        }
        return out;
    }

    // At the opening quote; unescapes in place (the result is never longer).
    bool read_string(std::string_view& result) {
        ++m_text;
        char* const start = m_text;
        char* out = m_text;
        while (m_text < m_end) {
            const char c = *m_text;
            if (c == '"') {
                result = std::string_view{start, static_cast<std::size_t>(out - start)};
                ++m_text;
                return true;
            }
            if (c != '\\') {
                *out++ = *m_text++;
                continue;
            }
            if (++m_text == m_end) {
                return false;
            }
            const char escape = *m_text++;
            switch (escape) {
                case '"': *out++ = '"'; break;
                case '\\': *out++ = '\\'; break;
                case '/': *out++ = '/'; break;
                case 'b': *out++ = '\b'; break;
                case 'f': *out++ = '\f'; break;
                case 'n': *out++ = '\n'; break;
                case 'r': *out++ = '\r'; break;
                case 't': *out++ = '\t'; break;
                case 'u': {
                    unsigned code = 0;
                    if (!read_hex4(code)) {
                        return false;
                    }
                    if (code >= 0xD800 && code <= 0xDBFF && m_end - m_text >= 6 && m_text[0] == '\\' &&
                        m_text[1] == 'u') {
                        m_text += 2;
                        unsigned low = 0;
                        if (!read_hex4(low)) {
                            return false;
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    }
                    out = put_utf8(out, code);
                    break;
                }
                default: return false;
            }
        }
        return false;
    }

    bool read_number(JsonValue& value) {
        const char* start = m_text;
        bool is_integer = true;
        if (m_text < m_end && *m_text == '-') {
            ++m_text;
        }
        while (m_text < m_end) {
            const char c = *m_text;
            if (c >= '0' && c <= '9') {
                ++m_text;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                is_integer = false;
                ++m_text;
            } else {
                break;
            }
        }
        if (m_text == start) {
            return false;
        }
        value.text = std::string_view{start, static_cast<std::size_t>(m_text - start)};
        if (is_integer) {
            const auto parsed = std::from_chars(start, m_text, value.integer);
            is_integer = parsed.ec == std::errc{} && parsed.ptr == m_text;
        }
        value.kind = is_integer ? JsonKind::integer : JsonKind::number;
        return true;
    }

    // Moves the last `count` scratch values (and keys) into contiguous arena storage.
    const JsonValue* store_values(std::size_t first) {
        const std::size_t count = m_values.size() - first;
        if (count == 0) {
            return nullptr;
        }
        if (count > m_values_capacity - m_values_used) {
            m_values_capacity = next_chunk_size(m_values_capacity, count);
            m_tree.m_value_chunks.push_back(std::make_unique<JsonValue[]>(m_values_capacity));
            m_values_used = 0;
        }
        JsonValue* block = m_tree.m_value_chunks.back().get() + m_values_used;
        m_values_used += count;
        std::copy(m_values.begin() + static_cast<std::ptrdiff_t>(first), m_values.end(), block);
        m_values.resize(first);
        return block;
    }

    const std::string_view* store_keys(std::size_t first) {
        const std::size_t count = m_keys.size() - first;
        if (count == 0) {
            return nullptr;
        }
        if (count > m_keys_capacity - m_keys_used) {
            m_keys_capacity = next_chunk_size(m_keys_capacity, count);
            m_tree.m_key_chunks.push_back(std::make_unique<std::string_view[]>(m_keys_capacity));
            m_keys_used = 0;
        }
        std::string_view* block = m_tree.m_key_chunks.back().get() + m_keys_used;
        m_keys_used += count;
        std::copy(m_keys.begin() + static_cast<std::ptrdiff_t>(first), m_keys.end(), block);
        m_keys.resize(first);
        return block;
    }

    bool read_value(JsonValue& value, int depth) {
        if (m_text == m_end || depth > k_max_depth) {
            return false;
        }
        switch (*m_text) {
            case '{': return read_object(value, depth);
            case '[': return read_array(value, depth);
            case '"':
                value.kind = JsonKind::string;
                return read_string(value.text);
            case 't':
                value.kind = JsonKind::boolean;
                value.boolean = true;
                return literal("true", 4);
            case 'f':
                value.kind = JsonKind::boolean;
                return literal("false", 5);
            case 'n':
                value.kind = JsonKind::null;
                return literal("null", 4);
            default: return read_number(value);
        }
    }

    bool read_array(JsonValue& value, int depth) {
        ++m_text;
        value.kind = JsonKind::array;
        const std::size_t first = m_values.size();
        skip_space();
        if (m_text < m_end && *m_text == ']') {
            ++m_text;
            return true;
        }
        while (true) {
            skip_space();
            m_values.emplace_back();
            JsonValue element;
            if (!read_value(element, depth + 1)) {
                return false;
            }
            m_values[first + value.count] = element;
            ++value.count;
            skip_space();
            if (m_text < m_end && *m_text == ',') {
                ++m_text;
                continue;
            }
            if (m_text < m_end && *m_text == ']') {
                ++m_text;
                break;
            }
            return false;
        }
        value.children = store_values(first);
        return true;
    }

    bool read_object(JsonValue& value, int depth) {
        ++m_text;
        value.kind = JsonKind::object;
        const std::size_t first_value = m_values.size();
        const std::size_t first_key = m_keys.size();
        skip_space();
        if (m_text < m_end && *m_text == '}') {
            ++m_text;
            return true;
        }
        while (true) {
            skip_space();
            std::string_view key;
            if (m_text == m_end || *m_text != '"' || !read_string(key)) {
                return false;
            }
            skip_space();
            if (m_text == m_end || *m_text != ':') {
                return false;
            }
            ++m_text;
            skip_space();
            m_keys.push_back(key);
            m_values.emplace_back();
            JsonValue member;
            if (!read_value(member, depth + 1)) {
                return false;
            }
            m_values[first_value + value.count] = member;
            ++value.count;
            skip_space();
            if (m_text < m_end && *m_text == ',') {
                ++m_text;
                continue;
            }
            if (m_text < m_end && *m_text == '}') {
                ++m_text;
                break;
            }
            return false;
        }
        value.children = store_values(first_value);
        value.keys = store_keys(first_key);
        return true;
    }

    ParseTree& m_tree;
    char* m_text;
    char* m_end;
    std::vector<JsonValue> m_values;     // scratch stack of values awaiting their container's end
    std::vector<std::string_view> m_keys;
    // Used and total slots of the newest chunk; a container larger than a chunk gets one of its own size.
    std::size_t m_values_used = 0;
    std::size_t m_values_capacity = 0;
    std::size_t m_keys_used = 0;
    std::size_t m_keys_capacity = 0;
};

std::shared_ptr<const ParseTree> ParseTree::read(std::string json) {
    std::shared_ptr<ParseTree> tree{new ParseTree()};
    tree->m_text = std::move(json);
    Reader reader{*tree};
    if (!reader.read_document()) {
        return nullptr;
    }
    return tree;
}

}  // namespace migsafe
