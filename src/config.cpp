#include "migsafe/config.hpp"

#include <algorithm>

#include "migsafe/rule_registry.hpp"

namespace migsafe {
namespace {

Result<const Rule*> lookup(const std::string& id) {
    const Rule* rule = find_rule(id);
    if (rule == nullptr) {
        const std::string_view closest = closest_rule_id(id);
        std::string message = "unknown rule '" + id + "'";
        if (!closest.empty()) {
            message += " (did you mean '" + std::string{closest} + "'?)";
        }
        return make_error(ErrorKind::usage, message);
    }
    return rule;
}

}  // namespace

Result<std::vector<ActiveRule>> resolve_rules(const Config& config) {
    std::vector<const Rule*> enabled;
    for (const Rule* rule : all_rules()) {
        if (config.enable_all || rule->meta.enabled_by_default) {
            enabled.push_back(rule);
        }
    }
    for (const std::string& id : config.enable) {
        auto rule = lookup(id);
        if (!rule) {
            return tl::unexpected(rule.error());
        }
        if (std::find(enabled.begin(), enabled.end(), *rule) == enabled.end()) {
            enabled.push_back(*rule);
        }
    }
    for (const std::string& id : config.disable) {
        auto rule = lookup(id);
        if (!rule) {
            return tl::unexpected(rule.error());
        }
        enabled.erase(std::remove(enabled.begin(), enabled.end(), *rule), enabled.end());
    }
    std::vector<ActiveRule> active;
    for (const Rule* rule : all_rules()) {  // registry order keeps output deterministic
        if (std::find(enabled.begin(), enabled.end(), rule) != enabled.end() &&
            config.pg_version >= rule->meta.min_pg && config.pg_version <= rule->meta.max_pg) {
            active.push_back(ActiveRule{rule, rule->meta.default_severity});
        }
    }
    return active;
}

}  // namespace migsafe
