#include "migsafe/diagnostic.hpp"

#include <algorithm>
#include <cctype>

#include "migsafe/report.hpp"

namespace migsafe {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Length of the dollar-quote tag ($tag$ or $$) starting at `i`, 0 when there is none.
std::size_t dollar_tag_length(std::string_view sql, std::size_t i) {
    std::size_t j = i + 1;
    while (j < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[j])) != 0 || sql[j] == '_' ||
                              static_cast<unsigned char>(sql[j]) >= 0x80U)) {
        ++j;
    }
    if (j < sql.size() && sql[j] == '$' && !(j > i + 1 && std::isdigit(static_cast<unsigned char>(sql[i + 1])) != 0)) {
        return j - i + 1;
    }
    return 0;
}

}  // namespace

std::vector<Diagnostic> file_diagnostics(const FileReport& file) {
    std::vector<Diagnostic> diagnostics;
    diagnostics.reserve(file.errors.size() + file.findings.size());
    for (const FileError& error : file.errors) {
        Diagnostic diagnostic;
        const bool parse = error.kind == "parse";
        diagnostic.rule = std::string{parse ? k_syntax_error_rule : k_input_error_rule};
        diagnostic.severity = Severity::error;
        diagnostic.span = error.span;
        diagnostic.range = error.range;
        diagnostic.message = parse ? "Statement does not parse as PostgreSQL 15: " + error.message : error.message;
        diagnostic.help = parse ? "fix the syntax, or exclude the file if it is not PostgreSQL"
                                : "point migsafe at UTF-8 SQL migration files only";
        diagnostic.source_line = error.source_line;
        diagnostics.push_back(std::move(diagnostic));
    }
    const std::size_t error_count = diagnostics.size();
    for (const Finding& finding : file.findings) {
        Diagnostic diagnostic;
        diagnostic.rule = finding.rule;
        diagnostic.severity = finding.severity;
        diagnostic.span = finding.span;
        diagnostic.range = finding.range;
        diagnostic.message = finding.message;
        diagnostic.help = finding.help;
        diagnostic.fix = finding.fix ? &*finding.fix : nullptr;
        if (finding.statement) {
            const auto found = std::find_if(file.statements.begin(), file.statements.end(),
                                            [&](const StatementReport& s) { return s.index == *finding.statement; });
            diagnostic.statement = found != file.statements.end() ? &*found : nullptr;
        }
        diagnostic.source_line = finding.source_line;
        diagnostics.push_back(std::move(diagnostic));
    }
    // Both halves are already in position order; merge keeps errors first on a tie.
    std::inplace_merge(diagnostics.begin(), diagnostics.begin() + static_cast<std::ptrdiff_t>(error_count),
                       diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
                           return a.range.start.line != b.range.start.line ? a.range.start.line < b.range.start.line
                                                                           : a.range.start.column < b.range.start.column;
                       });
    return diagnostics;
}

std::string normalized_sql(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    bool pending_space = false;
    auto emit = [&](std::string_view text) {
        if (pending_space && !out.empty()) {
            out += ' ';
        }
        pending_space = false;
        out += text;
    };
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        if (is_space(c)) {
            pending_space = true;
            ++i;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            while (i < sql.size() && sql[i] != '\n') {
                ++i;
            }
            pending_space = true;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            int depth = 0;
            do {
                if (sql.compare(i, 2, "/*") == 0) {
                    ++depth;
                    i += 2;
                } else if (sql.compare(i, 2, "*/") == 0) {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            } while (depth > 0 && i < sql.size());
            pending_space = true;
        } else if (c == '\'' || c == '"') {
            // E'...' strings honour backslash escapes; doubled quotes escape everywhere.
            const bool backslashes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
            std::size_t j = i + 1;
            while (j < sql.size()) {
                if (backslashes && sql[j] == '\\') {
                    j += 2;
                } else if (sql[j] == c && j + 1 < sql.size() && sql[j + 1] == c) {
                    j += 2;
                } else if (sql[j] == c) {
                    ++j;
                    break;
                } else {
                    ++j;
                }
            }
            j = std::min(j, sql.size());
            emit(sql.substr(i, j - i));
            i = j;
        } else if (c == '$' && dollar_tag_length(sql, i) > 0) {
            const std::size_t tag_length = dollar_tag_length(sql, i);
            const std::string_view tag = sql.substr(i, tag_length);
            const std::size_t close = sql.find(tag, i + tag_length);
            const std::size_t j = close == std::string_view::npos ? sql.size() : close + tag_length;
            emit(sql.substr(i, j - i));
            i = j;
        } else {
            std::size_t j = i + 1;
            while (j < sql.size() && !is_space(sql[j]) && sql[j] != '\'' && sql[j] != '"' && sql[j] != '$' &&
                   sql[j] != '-' && sql[j] != '/') {
                ++j;
            }
            emit(sql.substr(i, j - i));
            // Pieces of one token stay joined: only whitespace or a comment sets pending_space.
            i = j;
        }
    }
    return out;
}

std::string report_path(const FileReport& file, const std::string& root) {
    const std::string& path = file.path == "-" ? file.display_path : file.path;
    return path_relative_to(path, root).value_or(file.display_path);
}

}  // namespace migsafe
