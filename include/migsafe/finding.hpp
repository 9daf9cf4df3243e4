// A finding: one rule's verdict on one place in one file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "migsafe/fix.hpp"
#include "migsafe/source.hpp"

namespace migsafe {

enum class Severity : std::uint8_t { hint = 0, warning = 1, error = 2 };

[[nodiscard]] std::string_view severity_name(Severity severity);
[[nodiscard]] std::optional<Severity> parse_severity(std::string_view name);

struct Finding {
    std::string rule;
    Severity severity = Severity::warning;
    std::optional<std::size_t> statement;  // index into the file's statements
    ByteSpan span;
    Range range;
    std::string message;
    std::string help;
    std::optional<FixPlan> fix;
    std::string source_line;  // text of range.start.line, for excerpts
};

}  // namespace migsafe
