// Streaming JSON output: appends to a string without building a tree first, so
// large reports cost little more than their own bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace migsafe {

class JsonWriter {
public:
    // indent 0 writes compact JSON on one line. `depth`: containers the written
    // value sits in, for its indentation when it is rendered apart from them.
    explicit JsonWriter(std::string& out, int indent = 2, int depth = 0)
        : m_out(out), m_indent(indent), m_depth(depth) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view{text}); }
    JsonWriter& value(const std::string& text) { return value(std::string_view{text}); }
    JsonWriter& value(bool flag);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& null();

    // key(name).value(v) in one call.
    template <typename T>
    JsonWriter& member(std::string_view name, const T& v) {
        return key(name).value(v);
    }

private:
    void before_value();
    void newline();

    std::string& m_out;
    int m_indent;
    int m_depth;
    std::vector<bool> m_has_items;  // per open container: has it written an item yet
    bool m_after_key = false;
};

// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace migsafe
