// One file's report as a flat list of positioned diagnostics (findings and file
// errors alike), the shape every machine and editor output is built from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/analyzer.hpp"

namespace migsafe {

// Rule ids given to file errors, which no rule reports.
inline constexpr std::string_view k_syntax_error_rule = "syntax-error";
inline constexpr std::string_view k_input_error_rule = "input-error";

struct Diagnostic {
    std::string rule;
    Severity severity = Severity::error;
    ByteSpan span;
    Range range;
    std::string message;
    std::string help;
    const FixPlan* fix = nullptr;                // owned by the FileReport
    const StatementReport* statement = nullptr;  // when the report kept statements
    std::string source_line;
};

// Findings and file errors of `file`, ordered by position (errors first on a tie).
[[nodiscard]] std::vector<Diagnostic> file_diagnostics(const FileReport& file);

// The statement text with comments dropped and whitespace runs collapsed to one
// space (outside literals and quoted names): stable across reformatting.
[[nodiscard]] std::string normalized_sql(std::string_view sql);

// The path to show for `file` relative to `root`: its repository-relative path,
// or the path as given when it lies outside `root`.
[[nodiscard]] std::string report_path(const FileReport& file, const std::string& root);

}  // namespace migsafe
