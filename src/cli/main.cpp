// migsafe's command line: parse arguments, run one subcommand, map to an exit code.
#include <exception>
#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "analysis_command.hpp"
#include "schema_command.hpp"
#include "rules_command.hpp"
#include "lsp_command.hpp"

int main(int argc, char** argv) {
    try {
        CLI::App app{"migsafe: static safety analysis of PostgreSQL migrations", "migsafe"};
        app.set_version_flag("--version", std::string{"migsafe "} + MIGSAFE_VERSION);
        app.require_subcommand(1);

        migsafe::cli::AnalysisArguments check_arguments;
        CLI::App* check = app.add_subcommand("check", "Lint migrations and report dangerous statements");
        migsafe::cli::add_analysis_options(*check, check_arguments);

        migsafe::cli::AnalysisArguments explain_arguments;
        CLI::App* explain =
            app.add_subcommand("explain", "Show each statement's locks, what they block, rewrites and scans");
        migsafe::cli::add_analysis_options(*explain, explain_arguments);

        migsafe::cli::AnalysisArguments fix_arguments;
        CLI::App* fix = app.add_subcommand(
            "fix", "Print the fix plans (--plan) or write them as the framework's migration files (--write-dir)");
        migsafe::cli::add_analysis_options(*fix, fix_arguments);
        migsafe::cli::add_fix_options(*fix, fix_arguments.fix);

        migsafe::cli::SchemaArguments schema_arguments;
        CLI::App* schema = migsafe::cli::add_schema_command(app, schema_arguments);

        migsafe::cli::RulesArguments rules_arguments;
        CLI::App* rules = migsafe::cli::add_rules_command(app, rules_arguments);
        migsafe::cli::RulesArguments rule_arguments;
        CLI::App* rule = migsafe::cli::add_rule_command(app, rule_arguments);

        CLI::App* lsp = migsafe::cli::add_lsp_command(app);

        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& error) {
            const int code = app.exit(error);
            return code == 0 ? 0 : 2;
        } catch (const std::invalid_argument&) {
            // CLI11 reads a flag's value (--assume-lock-timeout=maybe) with std::stoll.
            std::cerr << "migsafe: a flag's value must be true or false\nRun with --help for more information.\n";
            return 2;
        }
        if (check->parsed()) {
            return migsafe::cli::run_analysis(migsafe::cli::AnalysisKind::check, check_arguments);
        }
        if (fix->parsed()) {
            return migsafe::cli::run_analysis(migsafe::cli::AnalysisKind::fix, fix_arguments);
        }
        if (schema->parsed()) {
            return migsafe::cli::run_schema(schema_arguments);
        }
        if (rules->parsed()) {
            return migsafe::cli::run_rules(rules_arguments);
        }
        if (rule->parsed()) {
            return migsafe::cli::run_rule(rule_arguments);
        }
        if (lsp->parsed()) {
            return migsafe::cli::run_lsp();
        }
        return migsafe::cli::run_analysis(migsafe::cli::AnalysisKind::explain, explain_arguments);
    } catch (const std::exception& error) {
        std::cerr << "migsafe: internal error: " << error.what() << '\n';
        return 2;
    } catch (...) {
        std::cerr << "migsafe: internal error\n";
        return 2;
    }
}
