// A pull-request comment: a headline tally, then per file a table of findings
// with the locks their statements take, and each fix plan folded in <details>.
#include <algorithm>
#include <ostream>
#include <string>

#include "migsafe/diagnostic.hpp"
#include "migsafe/report.hpp"
#include "migsafe/rule_registry.hpp"

namespace migsafe {
namespace {

// Text from a migration must not open HTML, links or table cells in the comment.
std::string escape_cell(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '\n': escaped += "<br>"; break;
            case '\r': break;
            case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '#': case '!':
                escaped += '\\';
                escaped += c;
                break;
            default: escaped += c; break;
        }
    }
    return escaped;
}

std::string escape_html(std::string_view text) {
    std::string escaped;
    for (const char c : text) {
        switch (c) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '"': escaped += "&quot;"; break;
            default: escaped += c; break;
        }
    }
    return escaped;
}

// A code fence longer than any run of backticks inside `text`.
std::string fence_for(std::string_view text) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

std::string locks_cell(const Diagnostic& diagnostic) {
    if (diagnostic.statement == nullptr) {
        return "";
    }
    std::string cell;
    for (const RelationEffect& effect : diagnostic.statement->effects.relations) {
        if (effect.mode == LockMode::none) {
            continue;
        }
        if (!cell.empty()) {
            cell += "<br>";
        }
        cell += std::string{sql_lock_name(effect.mode)} + " on " + escape_cell(effect.relation.display());
        if (effect.rewrite) {
            cell += " (rewrite)";
        } else if (effect.scan) {
            cell += " (scan)";
        }
    }
    return cell;
}

std::string plural(std::size_t count, std::string_view word) {
    return std::to_string(count) + " " + std::string{word} + (count == 1 ? "" : "s");
}

void write_file(std::ostream& out, const std::string& path, const std::vector<Diagnostic>& diagnostics) {
    out << "### <code>" << escape_html(path) << "</code>\n\n";
    out << "| Severity | Line | Rule | Locks | Finding |\n|---|---|---|---|---|\n";
    for (const Diagnostic& diagnostic : diagnostics) {
        out << "| **" << severity_name(diagnostic.severity) << "** | " << diagnostic.range.start.line << " | ";
        // File errors (syntax-error, input-error) have no rule page to link.
        if (find_rule(diagnostic.rule) != nullptr) {
            out << "[" << escape_cell(diagnostic.rule) << "](" << rule_doc_url(diagnostic.rule) << ")";
        } else {
            out << escape_cell(diagnostic.rule);
        }
        out << " | " << locks_cell(diagnostic) << " | " << escape_cell(diagnostic.message);
        if (!diagnostic.help.empty()) {
            out << "<br>*" << escape_cell(diagnostic.help) << "*";
        }
        out << " |\n";
    }
    out << '\n';
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.fix == nullptr || diagnostic.fix->empty()) {
            continue;
        }
        const std::string plan = fix_plan_text(*diagnostic.fix);
        const std::string fence = fence_for(plan);
        out << "<details>\n<summary>Fix plan for line " << diagnostic.range.start.line << " ("
            << escape_html(diagnostic.rule) << "): " << plural(diagnostic.fix->phases.size(), "phase")
            << "</summary>\n\n"
            << fence << "sql\n"
            << plan << (plan.empty() || plan.back() == '\n' ? "" : "\n") << fence << "\n\n</details>\n\n";
    }
}

}  // namespace

void render_markdown(const Report& report, const RenderOptions& options, std::ostream& out) {
    const Tally counts = tally(report);
    const std::size_t problems = counts.errors + counts.warnings + counts.hints + counts.parse_errors;
    if (problems == 0) {
        out << "## migsafe: no problems found\n\n"
            << plural(report.files.size(), "migration file") << " checked against PostgreSQL " << report.pg_version
            << ".\n";
        return;
    }
    std::string headline = plural(counts.errors + counts.parse_errors, "error") + ", " +
                           plural(counts.warnings, "warning");
    if (counts.hints > 0) {
        headline += ", " + plural(counts.hints, "hint");
    }
    out << "## migsafe: " << headline << " in " << plural(counts.files_with_findings, "file") << "\n\n"
        << plural(report.files.size(), "migration file") << " checked against PostgreSQL " << report.pg_version
        << " (lock facts verified on " << k_verified_on << ").\n\n";
    for (const FileReport& file : report.files) {
        const std::vector<Diagnostic> diagnostics = file_diagnostics(file);
        if (!diagnostics.empty()) {
            write_file(out, report_path(file, options.source_root), diagnostics);
        }
    }
}

}  // namespace migsafe
