// libFuzzer target: suppression comments and .migsafe.json parsing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "migsafe/config.hpp"
#include "migsafe/suppress.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    static_cast<void>(migsafe::parse_suppressions(text, {migsafe::ByteSpan{0, text.size()}}));
    auto config_file = migsafe::parse_config(text, "fuzz/.migsafe.json");
    if (config_file) {
        migsafe::Config config;
        migsafe::apply_config_file(*config_file, config);
        static_cast<void>(migsafe::resolve_rules(config));
    }
    return 0;
}
