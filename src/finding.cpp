#include "migsafe/finding.hpp"

namespace migsafe {

std::string_view severity_name(Severity severity) {
    switch (severity) {
        case Severity::hint: return "hint";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "warning";
}

std::optional<Severity> parse_severity(std::string_view name) {
    for (Severity severity : {Severity::hint, Severity::warning, Severity::error}) {
        if (severity_name(severity) == name) {
            return severity;
        }
    }
    return std::nullopt;
}

}  // namespace migsafe
