// `rules` and `rule ID`: the rule catalog and one rule's page, from rule metadata.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace migsafe::cli {

struct RulesArguments {
    std::string format = "text";
    std::string output_dir;  // rules --format markdown: one page per rule plus README.md
    std::string id;          // rule: an id or an alias
};

[[nodiscard]] CLI::App* add_rules_command(CLI::App& app, RulesArguments& arguments);
[[nodiscard]] CLI::App* add_rule_command(CLI::App& app, RulesArguments& arguments);

// Both return the process exit code.
[[nodiscard]] int run_rules(const RulesArguments& arguments);
[[nodiscard]] int run_rule(const RulesArguments& arguments);

}  // namespace migsafe::cli
