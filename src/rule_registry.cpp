#include "migsafe/rule_registry.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <string>

namespace migsafe {

namespace rules {
#define MIGSAFE_RULE(function_name) const Rule& function_name();
#include "migsafe/rule_list.inc"
#undef MIGSAFE_RULE
}  // namespace rules

namespace {

const std::vector<const Rule*>& registry() {
    static const std::vector<const Rule*> k_rules = [] {
        std::vector<const Rule*> list = {
#define MIGSAFE_RULE(function_name) &rules::function_name(),
#include "migsafe/rule_list.inc"
#undef MIGSAFE_RULE
        };
        return list;
    }();
    return k_rules;
}

// Alias without its "tool:" prefix.
std::string_view bare_alias(std::string_view alias) {
    const auto colon = alias.find(':');
    return colon == std::string_view::npos ? alias : alias.substr(colon + 1);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

}  // namespace

std::span<const Rule* const> all_rules() { return registry(); }

const Rule* find_rule(std::string_view id_or_alias) {
    for (const Rule* rule : registry()) {
        if (rule->meta.id == id_or_alias) {
            return rule;
        }
    }
    for (const Rule* rule : registry()) {
        for (std::string_view alias : rule->meta.aliases) {
            if (alias == id_or_alias || bare_alias(alias) == id_or_alias) {
                return rule;
            }
        }
    }
    return nullptr;
}

std::string_view closest_rule_id(std::string_view unknown) {
    std::string_view best;
    std::size_t best_distance = std::numeric_limits<std::size_t>::max();
    for (const Rule* rule : registry()) {
        const std::size_t distance = edit_distance(unknown, rule->meta.id);
        if (distance < best_distance) {
            best_distance = distance;
            best = rule->meta.id;
        }
    }
    // A suggestion that shares little with what was typed misleads more than it helps.
    return best_distance <= std::max<std::size_t>(3, unknown.size() / 3) ? best : std::string_view{};
}

}  // namespace migsafe
