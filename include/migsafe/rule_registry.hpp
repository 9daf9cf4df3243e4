// Every rule, from the generated list of rules/*.cpp, and lookup by id or alias.
#pragma once

#include <span>
#include <string_view>

#include "migsafe/rule.hpp"

namespace migsafe {

[[nodiscard]] std::span<const Rule* const> all_rules();
// By id, by alias with its tool prefix ("squawk:ban-drop-column"), or by bare alias.
[[nodiscard]] const Rule* find_rule(std::string_view id_or_alias);
// The known id closest to `unknown` (for "did you mean" messages); empty when none is close.
[[nodiscard]] std::string_view closest_rule_id(std::string_view unknown);

}  // namespace migsafe
