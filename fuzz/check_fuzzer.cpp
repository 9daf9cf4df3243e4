// libFuzzer target: the whole `check` pipeline on arbitrary bytes, every rule
// enabled, rendered as text and JSON.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "migsafe/analyzer.hpp"
#include "migsafe/report.hpp"

namespace {

const migsafe::AnalysisOptions& options() {
    static const migsafe::AnalysisOptions k_options = [] {
        migsafe::AnalysisOptions built;
        built.config.enable_all = true;
        built.rules = migsafe::resolve_rules(built.config).value();
        return built;
    }();
    return k_options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const migsafe::SourceFile file{"fuzz.sql", "fuzz.sql", std::string(reinterpret_cast<const char*>(data), size)};
    migsafe::Report report;
    report.files.push_back(migsafe::analyze_file(file, options()));
    std::ostringstream text;
    migsafe::render_check_text(report, migsafe::RenderOptions{}, text);
    migsafe::render_explain_text(report, migsafe::RenderOptions{}, text);
    std::string json;
    migsafe::write_report_json(report, json);
    return 0;
}
