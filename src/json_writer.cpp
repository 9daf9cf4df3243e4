#include "migsafe/json_writer.hpp"

#include <charconv>

namespace migsafe {

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    std::size_t plain_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(text, plain_start, i - plain_start);
        plain_start = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += k_hex[c >> 4];
                out += k_hex[c & 0xF];
        }
    }
    out.append(text, plain_start, text.size() - plain_start);
    out += '"';
}

void JsonWriter::newline() {
    if (m_indent > 0) {
        m_out += '\n';
        m_out.append((m_has_items.size() + static_cast<std::size_t>(m_depth)) * static_cast<std::size_t>(m_indent),
                     ' ');
    }
}

void JsonWriter::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (!m_has_items.empty()) {
        if (m_has_items.back()) {
            m_out += ',';
        }
        m_has_items.back() = true;
        newline();
    }
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    m_out += '{';
    m_has_items.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    const bool had_items = m_has_items.back();
    m_has_items.pop_back();
    if (had_items) {
        newline();
    }
    m_out += '}';
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    m_out += '[';
    m_has_items.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    const bool had_items = m_has_items.back();
    m_has_items.pop_back();
    if (had_items) {
        newline();
    }
    m_out += ']';
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    append_json_string(m_out, name);
    m_out += m_indent > 0 ? ": " : ":";
    m_after_key = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    append_json_string(m_out, text);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
    m_out.append(buffer, result.ptr);
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    m_out += "null";
    return *this;
}

}  // namespace migsafe
