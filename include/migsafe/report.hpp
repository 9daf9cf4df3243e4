// Rendering a Report for people, machines and editors.
#pragma once

#include <optional>
#include <string>
#include <ostream>
#include <string_view>

#include "migsafe/analyzer.hpp"

namespace migsafe {

enum class OutputFormat { text, json };

[[nodiscard]] std::optional<OutputFormat> parse_output_format(std::string_view name);

struct RenderOptions {
    bool color = false;
};

struct Tally {
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t hints = 0;
    std::size_t parse_errors = 0;
    std::size_t files_with_findings = 0;
};
[[nodiscard]] Tally tally(const Report& report);

// A fix plan as commented SQL, phase by phase (text output, golden files, LSP).
[[nodiscard]] std::string fix_plan_text(const FixPlan& plan);

void render_check_text(const Report& report, const RenderOptions& options, std::ostream& out);
void render_explain_text(const Report& report, const RenderOptions& options, std::ostream& out);
// The DESIGN.md JSON contract, for check and explain alike, appended to `out`.
void write_report_json(const Report& report, std::string& out);

}  // namespace migsafe
