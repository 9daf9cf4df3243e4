// libpg_query's JSON parse tree, read once into a compact arena. libpg_query
// emits well-formed JSON, and reading it with a general DOM library cost more
// than parsing the SQL itself (measured with callgrind); Node in ast.hpp is
// the only reader of these values.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace migsafe {

enum class JsonKind : std::uint8_t { null, boolean, integer, number, string, array, object };

struct JsonValue {
    JsonKind kind = JsonKind::null;
    bool boolean = false;
    std::uint32_t count = 0;                 // elements of an array or members of an object
    std::int64_t integer = 0;
    std::string_view text;                   // a string's unescaped content, or a number's digits
    const JsonValue* children = nullptr;     // `count` contiguous values
    const std::string_view* keys = nullptr;  // an object's member names, parallel to children
};

class ParseTree {
public:
    // Reads `json`; nullptr when it is not well-formed JSON.
    [[nodiscard]] static std::shared_ptr<const ParseTree> read(std::string json);

    [[nodiscard]] const JsonValue& root() const { return m_root; }

private:
    ParseTree() = default;
    class Reader;

    std::string m_text;  // strings and keys point into it (unescaped in place)
    std::vector<std::unique_ptr<JsonValue[]>> m_value_chunks;
    std::vector<std::unique_ptr<std::string_view[]>> m_key_chunks;
    JsonValue m_root;
};

}  // namespace migsafe
