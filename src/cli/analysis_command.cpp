#include "analysis_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <sstream>
#include <thread>

#include "migsafe/analyzer.hpp"
#include "migsafe/discover.hpp"
#include "migsafe/report.hpp"
#include "output_file.hpp"

namespace migsafe::cli {
namespace {

constexpr int k_exit_findings = 1;
constexpr int k_exit_error = 2;

bool use_color(const std::string& choice) {
    if (choice == "always") {
        return true;
    }
    if (choice == "never") {
        return false;
    }
    const char* no_color = std::getenv("NO_COLOR");
    return (no_color == nullptr || *no_color == '\0') && isatty(STDOUT_FILENO) == 1;
}

int exit_code(const Report& report, Severity fail_on) {
    bool failing = false;
    for (const FileReport& file : report.files) {
        if (!file.errors.empty()) {
            return k_exit_error;
        }
        for (const Finding& finding : file.findings) {
            failing = failing || finding.severity >= fail_on;
        }
    }
    return failing ? k_exit_findings : 0;
}

}  // namespace

void add_analysis_options(CLI::App& command, AnalysisArguments& arguments) {
    command.add_option("paths", arguments.paths, "Migration files or directories ('-' reads standard input)")
        ->required();
    command.add_option("--format", arguments.format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    command.add_option("--output", arguments.output, "Write the report to FILE (atomically) instead of stdout");
    command.add_option("--stdin-filename", arguments.stdin_filename, "Name for standard input in reports");
    command.add_option("--pg-version", arguments.pg_version, "Target PostgreSQL major version (11-18; default 18)")
        ->check(CLI::Range(k_min_pg_version, k_max_pg_version));
    command.add_option("--framework", arguments.framework, "Migration framework (default: detect)");
    command.add_flag("--assume-in-transaction", arguments.assume_in_transaction,
                     "Assume the runner wraps each file in a transaction");
    command.add_flag("--check-down", arguments.check_down, "Also lint down (revert) migrations");
    command.add_flag("--assume-lock-timeout", arguments.assume_lock_timeout,
                     "Assume the runner sets lock_timeout before each migration");
    command.add_option("--fail-on", arguments.fail_on, "Lowest severity that fails the run")
        ->check(CLI::IsMember({"error", "warning", "hint"}))
        ->capture_default_str();
    command.add_option("--color", arguments.color, "Colour output (auto honours NO_COLOR and TTY detection)")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    command.add_flag("--allow-parse-errors", arguments.allow_parse_errors,
                     "Report statements that do not parse as findings instead of failing");
    command.add_flag("--enable-all", arguments.enable_all, "Enable every rule, including those off by default");
    command.add_option("--enable", arguments.enable, "Enable a rule (id or alias; repeatable)");
    command.add_option("--disable", arguments.disable, "Disable a rule (id or alias; repeatable)");
    command.add_flag("--require-suppression-reason", arguments.require_suppression_reason,
                     "Report migsafe-ignore comments that give no reason");
    command.add_option("-j,--jobs", arguments.jobs, "Files analysed in parallel (default: number of cores)");
}

Result<AnalysisOptions> analysis_options(AnalysisKind kind, const AnalysisArguments& arguments) {
    AnalysisOptions options;
    Config& config = options.config;
    config.pg_version = arguments.pg_version == 0 ? k_max_pg_version : arguments.pg_version;
    config.framework = arguments.framework;
    config.assume_in_transaction = arguments.assume_in_transaction;
    config.check_down = arguments.check_down;
    if (!config.framework.empty() && find_framework(config.framework) == nullptr) {
        return make_error(ErrorKind::usage,
                          "unknown framework '" + config.framework + "'; known frameworks: " + framework_names());
    }
    config.assume_lock_timeout = arguments.assume_lock_timeout;
    config.fail_on = parse_severity(arguments.fail_on).value_or(Severity::warning);
    config.allow_parse_errors = arguments.allow_parse_errors;
    config.enable_all = arguments.enable_all;
    config.enable = arguments.enable;
    config.disable = arguments.disable;
    config.require_suppression_reason = arguments.require_suppression_reason;
    auto rules = resolve_rules(config);
    if (!rules) {
        return tl::unexpected(rules.error());
    }
    options.rules = std::move(*rules);
    const OutputFormat format = parse_output_format(arguments.format).value_or(OutputFormat::text);
    options.keep_statements = kind == AnalysisKind::explain || format == OutputFormat::json;
    return options;
}

int run_analysis(AnalysisKind kind, const AnalysisArguments& arguments) {
    auto resolved = analysis_options(kind, arguments);
    if (!resolved) {
        std::cerr << "migsafe: " << resolved.error().describe() << '\n';
        return k_exit_error;
    }
    const AnalysisOptions& options = *resolved;
    const Config& config = options.config;
    const OutputFormat format = parse_output_format(arguments.format).value_or(OutputFormat::text);

    auto files = collect_migration_files(arguments.paths, CollectOptions{config.framework, config.check_down});
    if (!files) {
        std::cerr << "migsafe: " << files.error().describe() << '\n';
        return k_exit_error;
    }
    SourceFile stdin_source{"-", arguments.stdin_filename, ""};
    for (const CollectedFile& file : *files) {
        if (file.path == "-") {
            stdin_source.text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
            break;
        }
    }
    const unsigned jobs = arguments.jobs != 0 ? arguments.jobs : std::max(1U, std::thread::hardware_concurrency());
    const Report report = analyze_files(*files, options, jobs, &stdin_source);

    std::ostringstream rendered;
    const RenderOptions render_options{arguments.output.empty() && use_color(arguments.color)};
    if (format == OutputFormat::json) {
        std::string json;
        write_report_json(report, json);
        rendered << json;
    } else if (kind == AnalysisKind::explain) {
        render_explain_text(report, render_options, rendered);
    } else {
        render_check_text(report, render_options, rendered);
    }
    if (arguments.output.empty()) {
        std::cout << rendered.str() << std::flush;
    } else if (auto written = write_file_atomically(arguments.output, rendered.str()); !written) {
        std::cerr << "migsafe: " << written.error().describe() << '\n';
        return k_exit_error;
    }
    return kind == AnalysisKind::explain ? (exit_code(report, Severity::error) == k_exit_error ? k_exit_error : 0)
                                         : exit_code(report, config.fail_on);
}

}  // namespace migsafe::cli
