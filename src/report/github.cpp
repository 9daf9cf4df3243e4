// GitHub Actions workflow commands: `::error file=...,line=...::message`, one
// per finding, which the runner turns into annotations on the pull request.
#include <ostream>
#include <string>

#include "migsafe/diagnostic.hpp"
#include "migsafe/report.hpp"

namespace migsafe {
namespace {

std::string_view command_name(Severity severity) {
    switch (severity) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::hint: return "notice";
    }
    return "notice";
}

void write_command(std::ostream& out, std::string_view command, const std::string& path, const Range& range,
                   std::string_view title, std::string_view message) {
    out << "::" << command << " file=" << github_escape_property(path)
        << ",line=" << range.start.line << ",col=" << range.start.column << ",endLine=" << range.end.line
        << ",endColumn=" << range.end.column << ",title=" << github_escape_property(title)
        << "::" << github_escape_data(message) << '\n';
}

}  // namespace

// The runner ends a command at a line break and splits properties at ',' and
// the property list at ':'. Escaping them keeps text from a migration (a quoted
// identifier holding "\n::set-env ...") inside the annotation it belongs to.
std::string github_escape_data(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '%': escaped += "%25"; break;
            case '\r': escaped += "%0D"; break;
            case '\n': escaped += "%0A"; break;
            default: escaped += c; break;
        }
    }
    return escaped;
}

std::string github_escape_property(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '%': escaped += "%25"; break;
            case '\r': escaped += "%0D"; break;
            case '\n': escaped += "%0A"; break;
            case ':': escaped += "%3A"; break;
            case ',': escaped += "%2C"; break;
            default: escaped += c; break;
        }
    }
    return escaped;
}

void render_github(const Report& report, const RenderOptions& options, std::ostream& out) {
    for (const FileReport& file : report.files) {
        const std::string path = report_path(file, options.source_root);
        for (const FileNote& note : file.notes) {
            write_command(out, "notice", path, note.range, "migsafe", note.message);
        }
        for (const Diagnostic& diagnostic : file_diagnostics(file)) {
            std::string message = diagnostic.message + " [" + diagnostic.rule + "]";
            if (!diagnostic.help.empty()) {
                message += "\nhelp: " + diagnostic.help;
            }
            write_command(out, command_name(diagnostic.severity), path, diagnostic.range,
                          "migsafe: " + diagnostic.rule, message);
        }
    }
}

}  // namespace migsafe
