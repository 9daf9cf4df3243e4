// gcc-style lines, `path:line:col: severity: message [rule-id]`: what vim's
// errorformat, Emacs compilation mode and VS Code problem matchers parse.
#include <ostream>
#include <string>

#include "migsafe/diagnostic.hpp"
#include "migsafe/report.hpp"

namespace migsafe {
namespace {

std::string_view gcc_severity(Severity severity) {
    switch (severity) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::hint: return "note";
    }
    return "note";
}

// A line break inside a message would start a line the error parsers misread.
std::string one_line(std::string_view text) {
    std::string line{text};
    for (char& c : line) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    return line;
}

std::string location(const FileReport& file, const Position& position) {
    return one_line(file.display_path) + ":" + std::to_string(position.line) + ":" + std::to_string(position.column);
}

}  // namespace

void render_gcc(const Report& report, std::ostream& out) {
    for (const FileReport& file : report.files) {
        for (const FileNote& note : file.notes) {
            out << location(file, note.range.start) << ": note: " << one_line(note.message) << '\n';
        }
        for (const Diagnostic& diagnostic : file_diagnostics(file)) {
            out << location(file, diagnostic.range.start) << ": " << gcc_severity(diagnostic.severity) << ": "
                << one_line(diagnostic.message) << " [" << diagnostic.rule << "]\n";
        }
    }
}

}  // namespace migsafe
