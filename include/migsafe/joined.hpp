// Lists written out in SQL and in messages: "a, b, c".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace migsafe {

[[nodiscard]] std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ");

// Each name quoted as an SQL identifier where it needs to be.
[[nodiscard]] std::string joined_identifiers(const std::vector<std::string>& names, std::string_view separator = ", ");

}  // namespace migsafe
