#include "migsafe/report.hpp"

namespace migsafe {

std::optional<OutputFormat> parse_output_format(std::string_view name) {
    if (name == "text") {
        return OutputFormat::text;
    }
    if (name == "json") {
        return OutputFormat::json;
    }
    if (name == "sarif") {
        return OutputFormat::sarif;
    }
    if (name == "gcc") {
        return OutputFormat::gcc;
    }
    if (name == "github") {
        return OutputFormat::github;
    }
    if (name == "markdown") {
        return OutputFormat::markdown;
    }
    return std::nullopt;
}

std::vector<std::string> output_format_names() { return {"text", "json", "sarif", "gcc", "github", "markdown"}; }

}  // namespace migsafe
