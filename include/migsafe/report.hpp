// Rendering a Report for people, machines and editors.
#pragma once

#include <optional>
#include <string>
#include <ostream>
#include <string_view>
#include <vector>

#include "migsafe/analyzer.hpp"

namespace migsafe {

enum class OutputFormat { text, json, sarif, gcc, github, markdown };

[[nodiscard]] std::optional<OutputFormat> parse_output_format(std::string_view name);
// Every --format name, in the order help lists them.
[[nodiscard]] std::vector<std::string> output_format_names();

struct RenderOptions {
    bool color = false;
    // Absolute directory that SARIF URIs and GitHub annotation paths are relative
    // to (the repository root); empty: the current directory.
    std::string source_root;
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
// The same report in pieces, so that each file's entry can be rendered apart (in
// parallel, as soon as the file is analysed): the head, the file entries
// separated by ",", then the tail.
[[nodiscard]] std::string json_report_head(int pg_version);
[[nodiscard]] std::string file_json(const FileReport& file);
[[nodiscard]] std::string json_report_tail(bool any_files);

// SARIF 2.1.0 for code scanning: one run, rule descriptors from rule metadata,
// parse errors as results; appended to `out`.
void write_report_sarif(const Report& report, const RenderOptions& options, std::string& out);
// The same log for a run that `error` stopped (no .sql files, a missing path, a
// bad flag value): executionSuccessful false and the error as a notification.
// An upload after a failed check still replaces the old alerts and says why.
void write_failed_run_sarif(const Report& report, std::string_view error, const RenderOptions& options,
                            std::string& out);
// `path:line:col: error|warning|note: message [rule-id]`, the form editors' error parsers read.
void render_gcc(const Report& report, std::ostream& out);
// GitHub Actions workflow commands: one annotation per finding.
void render_github(const Report& report, const RenderOptions& options, std::ostream& out);
// A pull-request comment: findings per file with their locks, fix plans folded.
void render_markdown(const Report& report, const RenderOptions& options, std::ostream& out);

// Workflow-command escaping: the message part, and property values (file, title).
[[nodiscard]] std::string github_escape_data(std::string_view text);
[[nodiscard]] std::string github_escape_property(std::string_view text);

// The repository root for `start`: the nearest ancestor holding `.git`, else `start`.
[[nodiscard]] std::string find_source_root(const std::string& start);
// `path` relative to `root` with '/' separators; nullopt when it lies outside `root`.
[[nodiscard]] std::optional<std::string> path_relative_to(const std::string& path, const std::string& root);
// Where a rule's documentation page lives (SARIF helpUri, LSP codeDescription).
[[nodiscard]] std::string rule_doc_url(std::string_view rule_id);

}  // namespace migsafe
