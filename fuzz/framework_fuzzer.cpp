// libFuzzer target: framework markers, section splitting and the per-section
// parse, for a file under each framework's rules.
#include <cstddef>
#include <cstdint>
#include <string>

#include "migsafe/discover.hpp"
#include "migsafe/framework.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    // The first byte picks the framework, so every splitter sees every input.
    const auto all = migsafe::frameworks();
    const std::string forced{all[data[0] % all.size()].name};
    const migsafe::SourceFile file{"V1__fuzz.up.sql", "V1__fuzz.up.sql",
                                   std::string(reinterpret_cast<const char*>(data + 1), size - 1)};
    static_cast<void>(migsafe::framework_from_content(file.text));
    for (const std::string& framework : {forced, std::string{}}) {
        const migsafe::FilePlan plan = migsafe::plan_file(file, migsafe::PlanOptions{framework, false});
        for (const migsafe::FileSection& section : migsafe::sections_to_lint(plan, true)) {
            const migsafe::ParsedSection parsed = migsafe::parse_section(file, section, migsafe::ModelContext{});
            static_cast<void>(migsafe::unit_info(plan, section, file, parsed.transaction));
        }
    }
    return 0;
}
