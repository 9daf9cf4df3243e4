// libFuzzer target: the hand-written protobuf reader of libpg_query's scanner
// output, and the token fallback that reads syntax newer than PostgreSQL 15.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "migsafe/token_fallback.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes{reinterpret_cast<const char*>(data), size};
    static_cast<void>(migsafe::decode_scan_result(bytes));
    static_cast<void>(migsafe::scan_tokens(bytes));
    static_cast<void>(migsafe::in_known_family(bytes));
    static_cast<void>(migsafe::rewrite_newer_syntax(bytes));
    return 0;
}
