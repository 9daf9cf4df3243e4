// Text output for people: compiler-style lines, the source excerpt, help, summary.
#include <algorithm>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/report.hpp"

namespace migsafe {
namespace {

struct Style {
    bool enabled = false;
    [[nodiscard]] std::string wrap(std::string_view text, std::string_view code) const {
        if (!enabled) {
            return std::string{text};
        }
        return "\x1b[" + std::string{code} + "m" + std::string{text} + "\x1b[0m";
    }
};

std::string_view severity_color(Severity severity) {
    switch (severity) {
        case Severity::error: return "1;31";
        case Severity::warning: return "1;33";
        case Severity::hint: return "1;36";
    }
    return "1";
}

std::string location(const FileReport& file, Position position) {
    return file.display_path + ":" + std::to_string(position.line) + ":" + std::to_string(position.column);
}

// Control characters and bytes that are not UTF-8 would garble a terminal.
std::string printable(const std::string& line) {
    std::string result;
    result.reserve(line.size());
    std::size_t i = 0;
    while (i < line.size()) {
        const auto c = static_cast<unsigned char>(line[i]);
        std::size_t length = c < 0x80U ? 1 : (c & 0xE0U) == 0xC0U ? 2 : (c & 0xF0U) == 0xE0U ? 3 : (c & 0xF8U) == 0xF0U ? 4 : 0;
        if (length > 1 && (i + length > line.size() || !is_valid_utf8(line.substr(i, length)))) {
            length = 0;
        }
        if (length == 0 || (c < 0x20U && c != '\t') || c == 0x7FU) {
            result += '?';
            ++i;
        } else {
            result.append(line, i, length);
            i += length;
        }
    }
    return result;
}

// The characters (UTF-8 sequences) of an already printable line.
std::vector<std::string_view> characters_of(std::string_view line) {
    std::vector<std::string_view> characters;
    std::size_t i = 0;
    while (i < line.size()) {
        std::size_t next = i + 1;
        while (next < line.size() && (static_cast<unsigned char>(line[next]) & 0xC0U) == 0x80U) {
            ++next;
        }
        characters.push_back(line.substr(i, next - i));
        i = next;
    }
    return characters;
}

// A longer line is shown as a window of this many characters around the range,
// so a minified or generated statement does not flood the terminal.
constexpr std::size_t k_excerpt_width = 160;
constexpr std::size_t k_excerpt_lead = 40;

// The source line, then a caret line under the range (tabs kept so columns line up).
void write_excerpt(std::ostream& out, const Style& style, const std::string& raw_line, const Range& range) {
    const std::string line = printable(raw_line);
    if (line.empty() && range.start.column == 1) {
        return;
    }
    const std::vector<std::string_view> characters = characters_of(line);
    const std::size_t start = std::min(characters.size(), static_cast<std::size_t>(std::max(1, range.start.column) - 1));
    // Past the last underlined character: the end column on one line, else the end of the line.
    const std::size_t end = range.end.line == range.start.line
                                ? std::min(characters.size(), static_cast<std::size_t>(std::max(0, range.end.column)))
                                : characters.size();
    std::size_t first_shown = 0;
    std::size_t last_shown = characters.size();
    if (characters.size() > k_excerpt_width) {
        first_shown = start > k_excerpt_lead ? start - k_excerpt_lead : 0;
        last_shown = std::min(characters.size(), first_shown + k_excerpt_width);
    }
    constexpr std::string_view k_cut = "...";
    std::string shown{first_shown > 0 ? k_cut : ""};
    std::string marker(shown.size(), ' ');
    for (std::size_t i = first_shown; i < last_shown; ++i) {
        shown += characters[i];
        if (i < start) {
            marker += characters[i] == "\t" ? '\t' : ' ';
        }
    }
    if (last_shown < characters.size()) {
        shown += k_cut;
    }
    const std::size_t underlined = std::min(end, last_shown) > start ? std::min(end, last_shown) - start : 1;
    marker += std::string(underlined, '^');

    const std::string number = std::to_string(range.start.line);
    const std::string gutter(number.size(), ' ');
    out << style.wrap(gutter + " |", "34") << '\n';
    out << style.wrap(number + " |", "34") << ' ' << shown << '\n';
    out << style.wrap(gutter + " |", "34") << ' ' << style.wrap(marker, "1;31") << '\n';
}

void write_finding(std::ostream& out, const Style& style, const FileReport& file, const Finding& finding) {
    out << style.wrap(location(file, finding.range.start), "1") << ": "
        << style.wrap(severity_name(finding.severity), severity_color(finding.severity)) << ": " << finding.message
        << ' ' << style.wrap("[" + finding.rule + "]", "2") << '\n';
    write_excerpt(out, style, finding.source_line, finding.range);
    if (!finding.help.empty()) {
        out << "  " << style.wrap("help:", "1;32") << ' ' << finding.help << '\n';
    }
    out << '\n';
}

void write_error(std::ostream& out, const Style& style, const FileReport& file, const FileError& error) {
    std::string message = error.message;
    if (error.kind == "parse") {
        message = "statement does not parse: " + message;
    }
    out << style.wrap(location(file, error.range.start), "1") << ": " << style.wrap("error", "1;31") << ": "
        << message << '\n';
    write_excerpt(out, style, error.source_line, error.range);
    out << '\n';
}

std::string plural(std::size_t count, std::string_view word) {
    return std::to_string(count) + " " + std::string{word} + (count == 1 ? "" : "s");
}

}  // namespace

std::string fix_plan_text(const FixPlan& plan) {
    std::string text;
    for (std::size_t i = 0; i < plan.phases.size(); ++i) {
        const FixPhase& phase = plan.phases[i];
        text += "-- phase " + std::to_string(i + 1) + ": " + phase.name;
        if (phase.own_migration) {
            text += " (own migration";
            text += phase.outside_transaction ? ", outside a transaction)" : ")";
        } else if (phase.outside_transaction) {
            text += " (outside a transaction)";
        }
        text += "\n" + phase.sql + "\n";
        if (!phase.deploy_before_next.empty()) {
            text += "-- before the next phase: " + phase.deploy_before_next + "\n";
        }
    }
    return text;
}

Tally tally(const Report& report) {
    Tally counts;
    for (const FileReport& file : report.files) {
        for (const Finding& finding : file.findings) {
            if (finding.severity == Severity::error) {
                ++counts.errors;
            } else if (finding.severity == Severity::warning) {
                ++counts.warnings;
            } else {
                ++counts.hints;
            }
        }
        counts.parse_errors += file.errors.size();
        if (!file.findings.empty() || !file.errors.empty()) {
            ++counts.files_with_findings;
        }
    }
    return counts;
}

namespace {

// One line per framework: findings depend on the transaction it wraps, so the
// reader must see which tool migsafe assumed; explain gives each file's reason.
void write_frameworks(std::ostream& out, const Report& report) {
    struct Group {
        std::string framework;
        std::string reason;
        std::size_t files = 0;
    };
    std::vector<Group> groups;
    for (const FileReport& file : report.files) {
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const Group& candidate) { return candidate.framework == file.framework; });
        if (group == groups.end()) {
            // The layout or marker; a file's own transaction detail after "; " stays in explain.
            groups.push_back(Group{file.framework, file.framework_reason.substr(0, file.framework_reason.find("; "))});
            group = std::prev(groups.end());
        }
        ++group->files;
    }
    for (const Group& group : groups) {
        out << "Read as " << group.framework << ": " << plural(group.files, "file")
            << (group.reason.empty() ? "" : " (" + group.reason + ")") << '\n';
    }
}

}  // namespace

void render_check_text(const Report& report, const RenderOptions& options, std::ostream& out) {
    const Style style{options.color};
    for (const FileReport& file : report.files) {
        for (const FileNote& note : file.notes) {
            out << location(file, note.range.start) << ": " << style.wrap("note", "1;36") << ": " << note.message
                << '\n';
        }
        for (const FileError& error : file.errors) {
            write_error(out, style, file, error);
        }
        for (const Finding& finding : file.findings) {
            write_finding(out, style, file, finding);
        }
    }
    write_frameworks(out, report);
    const Tally counts = tally(report);
    const std::size_t problems = counts.errors + counts.warnings + counts.hints + counts.parse_errors;
    if (problems == 0) {
        out << "No problems found in " << plural(report.files.size(), "file") << '\n';
        return;
    }
    std::string summary = plural(counts.errors, "error") + ", " + plural(counts.warnings, "warning");
    if (counts.hints > 0) {
        summary += ", " + plural(counts.hints, "hint");
    }
    if (counts.parse_errors > 0) {
        summary += ", " + plural(counts.parse_errors, "file error");
    }
    out << style.wrap(summary, "1") << " in " << plural(counts.files_with_findings, "file") << " ("
        << plural(report.files.size(), "file") << " checked)\n";
    out << "Run 'migsafe rule <rule-id>' for why a rule matters and how to fix it.\n";
}

void render_explain_text(const Report& report, const RenderOptions& options, std::ostream& out) {
    const Style style{options.color};
    out << "Lock facts for PostgreSQL " << report.pg_version << " (verified on " << k_verified_on << ")\n\n";
    for (const FileReport& file : report.files) {
        out << style.wrap(file.display_path, "1") << "  (framework: " << file.framework
            << (file.framework_reason.empty() ? "" : ", " + file.framework_reason) << ")\n";
        for (const FileError& error : file.errors) {
            write_error(out, style, file, error);
        }
        for (const StatementReport& statement : file.statements) {
            std::string first_line = statement.sql.substr(0, statement.sql.find('\n'));
            if (first_line.size() > 90) {
                first_line = first_line.substr(0, 87) + "...";
            }
            out << "  " << style.wrap(std::to_string(statement.range.start.line), "1") << "  " << first_line << '\n';
            out << "      " << statement.effects.summary
                << (statement.in_transaction ? "  [in transaction]" : "  [autocommit]") << '\n';
            if (!statement.effects.modelled) {
                out << "      lock model: no entry for this statement\n";
            }
            if (statement.effects.requires_no_transaction) {
                out << "      cannot run inside a transaction block\n";
            }
            for (const RelationEffect& effect : statement.effects.relations) {
                out << "      " << effect.relation.display() << " (" << role_name(effect.role)
                    << (effect.created ? ", created" : "") << "): " << style.wrap(sql_lock_name(effect.mode), "1")
                    << ", " << describe_blocking(effect.mode);
                if (effect.rewrite) {
                    out << ", rewrites it";
                }
                if (effect.scan) {
                    out << ", scans it";
                }
                out << '\n';
            }
        }
        out << '\n';
    }
}

}  // namespace migsafe
