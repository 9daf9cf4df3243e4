#include "migsafe/report.hpp"

namespace migsafe {

std::optional<OutputFormat> parse_output_format(std::string_view name) {
    if (name == "text") {
        return OutputFormat::text;
    }
    if (name == "json") {
        return OutputFormat::json;
    }
    return std::nullopt;
}

}  // namespace migsafe
