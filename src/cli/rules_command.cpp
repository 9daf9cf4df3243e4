#include "rules_command.hpp"

#include <filesystem>
#include <iostream>

#include "migsafe/rule_docs.hpp"
#include "migsafe/rule_registry.hpp"
#include "output_file.hpp"

namespace migsafe::cli {
namespace {

constexpr int k_exit_error = 2;

int write_pages(const std::string& directory) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) {
        std::cerr << "migsafe: " << directory << ": cannot create the directory: " << error.message() << '\n';
        return k_exit_error;
    }
    const std::filesystem::path root{directory};
    for (const Rule* rule : all_rules()) {
        const std::string path = (root / (std::string{rule->meta.id} + ".md")).string();
        if (auto written = write_file_atomically(path, rule_doc_markdown(rule->meta)); !written) {
            std::cerr << "migsafe: " << written.error().describe() << '\n';
            return k_exit_error;
        }
    }
    if (auto written = write_file_atomically((root / "README.md").string(), rules_index_markdown(all_rules()));
        !written) {
        std::cerr << "migsafe: " << written.error().describe() << '\n';
        return k_exit_error;
    }
    std::cout << "Wrote " << all_rules().size() << " rule pages and README.md to " << directory << '\n';
    return 0;
}

}  // namespace

CLI::App* add_rules_command(CLI::App& app, RulesArguments& arguments) {
    CLI::App* command = app.add_subcommand("rules", "List every rule, or write the rule pages");
    command->add_option("--format", arguments.format, "text (a table), json (all metadata) or markdown")
        ->check(CLI::IsMember({"text", "json", "markdown"}))
        ->capture_default_str();
    command->add_option("--output-dir", arguments.output_dir,
                        "With --format markdown: write <rule-id>.md for every rule and README.md here");
    return command;
}

CLI::App* add_rule_command(CLI::App& app, RulesArguments& arguments) {
    CLI::App* command = app.add_subcommand("rule", "Show one rule's page: why it matters and how to fix it");
    command->add_option("id", arguments.id, "Rule id or alias (e.g. squawk:ban-drop-column)")->required();
    command->add_option("--format", arguments.format, "text, markdown or json")
        ->check(CLI::IsMember({"text", "json", "markdown"}))
        ->capture_default_str();
    return command;
}

int run_rules(const RulesArguments& arguments) {
    if (!arguments.output_dir.empty()) {
        if (arguments.format != "markdown") {
            std::cerr << "migsafe: --output-dir writes Markdown pages: add --format markdown\n";
            return k_exit_error;
        }
        return write_pages(arguments.output_dir);
    }
    if (arguments.format == "json") {
        std::cout << rules_json(all_rules());
    } else if (arguments.format == "markdown") {
        std::cout << rules_index_markdown(all_rules());
    } else {
        render_rules_table(all_rules(), std::cout);
    }
    return 0;
}

int run_rule(const RulesArguments& arguments) {
    const Rule* rule = find_rule(arguments.id);
    if (rule == nullptr) {
        const std::string_view closest = closest_rule_id(arguments.id);
        std::cerr << "migsafe: unknown rule '" << arguments.id << "'"
                  << (closest.empty() ? std::string{} : " (did you mean '" + std::string{closest} + "'?)")
                  << "; 'migsafe rules' lists them\n";
        return k_exit_error;
    }
    if (arguments.format == "json") {
        const Rule* const one[] = {rule};
        std::cout << rules_json(one);
    } else if (arguments.format == "markdown") {
        std::cout << rule_doc_markdown(rule->meta);
    } else {
        std::cout << rule_doc_text(rule->meta);
    }
    return 0;
}

}  // namespace migsafe::cli
