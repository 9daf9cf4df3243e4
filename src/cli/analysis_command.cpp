#include "analysis_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "migsafe/analyzer.hpp"
#include "migsafe/discover.hpp"
#include "migsafe/history.hpp"
#include "migsafe/report.hpp"
#include "json_report_stream.hpp"
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

// The config file each file runs with: --config for all, else the .migsafe.json
// nearest the file's directory (found once per directory, read once per file).
class ConfigLookup {
public:
    explicit ConfigLookup(std::string forced) : m_forced(std::move(forced)) {}

    // Null when no config file applies. `path` is a file; "" stands for the current directory.
    Result<const ConfigFile*> for_file(const std::string& path) {
        std::string config_path = m_forced;
        if (config_path.empty()) {
            const std::string directory = std::filesystem::path{path}.parent_path().string();
            auto cached = m_by_directory.find(directory);
            if (cached == m_by_directory.end()) {
                cached = m_by_directory.emplace(directory, m_search.find(directory).value_or("")).first;
            }
            config_path = cached->second;
        }
        if (config_path.empty()) {
            return nullptr;
        }
        auto loaded = m_loaded.find(config_path);
        if (loaded == m_loaded.end()) {
            auto file = load_config(config_path);
            if (!file) {
                return tl::unexpected(file.error());
            }
            loaded = m_loaded.emplace(config_path, std::move(*file)).first;
        }
        return &loaded->second;
    }

private:
    std::string m_forced;
    ConfigSearch m_search;
    std::map<std::string, std::string> m_by_directory;
    std::map<std::string, ConfigFile> m_loaded;
};

struct ConfiguredReport {
    Report report;
    int exit_code = 0;
};

// The files grouped by the config that applies to each (files a config excludes
// are left out), with each group's analysis options.
struct ConfiguredFiles {
    struct Group {
        AnalysisOptions options;
        std::vector<CollectedFile> files;
        std::vector<std::size_t> slots;  // each file's index in the input
    };
    std::map<const ConfigFile*, Group> groups;
    std::vector<bool> included;  // by input index
};

Result<ConfiguredFiles> configure_files(AnalysisKind kind, const AnalysisArguments& arguments,
                                        const AnalysisOptions& base, const std::vector<CollectedFile>& files,
                                        ConfigLookup& configs) {
    ConfiguredFiles configured;
    configured.included.assign(files.size(), false);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const bool from_stdin = files[i].path == "-";
        const std::string path = from_stdin ? (arguments.stdin_filename == "-" ? "" : arguments.stdin_filename)
                                            : files[i].path;
        auto config = configs.for_file(path);
        if (!config) {
            return tl::unexpected(config.error());
        }
        if (*config != nullptr && !path.empty() && (*config)->excludes(path)) {
            continue;
        }
        auto group = configured.groups.find(*config);
        if (group == configured.groups.end()) {
            auto options = analysis_options(kind, arguments, *config);
            if (!options) {
                return tl::unexpected(options.error());
            }
            options->catalog = base.catalog;
            options->table_stats = base.table_stats;
            group = configured.groups.emplace(*config, ConfiguredFiles::Group{std::move(*options), {}, {}}).first;
        }
        group->second.files.push_back(files[i]);
        group->second.slots.push_back(i);
        configured.included[i] = true;
    }
    return configured;
}

// Analyses each group with its config's settings and keeps the input order; the
// exit code honours each config's fail_on. `on_file_done` gets input indices.
ConfiguredReport analyze_configured(const ConfiguredFiles& configured, int pg_version, unsigned jobs,
                                    const SourceFile& stdin_source, const FileDone& on_file_done) {
    std::vector<std::optional<FileReport>> slots(configured.included.size());
    ConfiguredReport result;
    result.report.pg_version = pg_version;
    for (const auto& [config, group] : configured.groups) {
        FileDone group_file_done;
        if (on_file_done) {
            group_file_done = [&, &slots_of_group = group.slots](std::size_t k, FileReport& file) {
                on_file_done(slots_of_group[k], file);
            };
        }
        Report part = analyze_files(group.files, group.options, jobs, &stdin_source, group_file_done);
        result.exit_code = std::max(result.exit_code, exit_code(part, group.options.config.fail_on));
        for (std::size_t k = 0; k < part.files.size(); ++k) {
            slots[group.slots[k]] = std::move(part.files[k]);
        }
    }
    for (std::optional<FileReport>& slot : slots) {
        if (slot) {
            result.report.files.push_back(std::move(*slot));
        }
    }
    return result;
}

// The rendered report to --output (atomically), or to stdout without it.
Result<bool> deliver(const std::string& output, const std::string& rendered) {
    if (output.empty()) {
        std::cout.write(rendered.data(), static_cast<std::streamsize>(rendered.size())) << std::flush;
        return true;
    }
    return write_file_atomically(output, rendered);
}

// An error that stops the run before it has a report. SARIF still gets a
// log with the error in its invocation: the workflow uploads it `if: always()`,
// and a missing file would fail that step too and leave the old alerts open.
int stop_run(const Error& error, AnalysisKind kind, const AnalysisArguments& arguments, int pg_version) {
    std::cerr << "migsafe: " << error.describe() << '\n';
    if (kind == AnalysisKind::fix || parse_output_format(arguments.format) != OutputFormat::sarif) {
        return k_exit_error;
    }
    Report empty;
    empty.pg_version = pg_version;
    RenderOptions render_options;
    render_options.source_root = find_source_root(".");
    std::string rendered;
    write_failed_run_sarif(empty, error.describe(), render_options, rendered);
    if (auto written = deliver(arguments.output, rendered); !written) {
        std::cerr << "migsafe: " << written.error().describe() << '\n';
    }
    return k_exit_error;
}

}  // namespace

// A flag the config file can also set: CLI11 counts `--flag=false` as -1, so the
// setting stays unset unless the flag is given.
void add_overriding_flag(CLI::App& command, const std::string& name, std::optional<bool>& setting,
                         const std::string& description) {
    command.add_flag_function(
        name, [&setting](std::int64_t count) { setting = count > 0; }, description);
}

void add_analysis_options(CLI::App& command, AnalysisArguments& arguments) {
    command.add_option("paths", arguments.paths, "Migration files or directories ('-' reads standard input)")
        ->required();
    command.add_option("--format", arguments.format, "Output format")
        ->check(CLI::IsMember(output_format_names()))
        ->capture_default_str();
    command.add_option("--output", arguments.output, "Write the report to FILE (atomically) instead of stdout");
    command.add_option("--stdin-filename", arguments.stdin_filename, "Name for standard input in reports");
    command.add_option("--pg-version", arguments.pg_version, "Target PostgreSQL major version (11-18; default 18)")
        ->check(CLI::Range(k_min_pg_version, k_max_pg_version));
    command.add_option("--framework", arguments.framework, "Migration framework (default: detect)");
    add_overriding_flag(command, "--assume-in-transaction", arguments.assume_in_transaction,
                        "Assume the runner wraps each file in a transaction");
    command.add_flag("--check-down", arguments.check_down, "Also lint down (revert) migrations");
    add_overriding_flag(command, "--assume-lock-timeout", arguments.assume_lock_timeout,
                        "Assume the runner sets lock_timeout before each migration");
    command.add_option("--fail-on", arguments.fail_on, "Lowest severity that fails the run (default: warning)")
        ->check(CLI::IsMember({"error", "warning", "hint"}));
    command.add_option("--config", arguments.config,
                       "Config file for every file (default: the .migsafe.json nearest each file)");
    command.add_option("--color", arguments.color, "Colour output (auto honours NO_COLOR and TTY detection)")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    command.add_flag("--allow-parse-errors", arguments.allow_parse_errors,
                     "Report statements that do not parse as findings instead of failing");
    command.add_flag("--enable-all", arguments.enable_all, "Enable every rule, including those off by default");
    // One value per flag (or a comma list), so `--enable ID PATH` leaves PATH a path.
    command.add_option("--enable", arguments.enable, "Enable a rule (id or alias; repeatable, or a comma list)")
        ->allow_extra_args(false)
        ->delimiter(',');
    command.add_option("--disable", arguments.disable, "Disable a rule (id or alias; repeatable, or a comma list)")
        ->allow_extra_args(false)
        ->delimiter(',');
    add_overriding_flag(command, "--require-suppression-reason", arguments.require_suppression_reason,
                        "Report migsafe-ignore comments that give no reason");
    command.add_option("--schema", arguments.schema,
                       "Schema to start from: the output of pg_dump --schema-only");
    command.add_option("--history", arguments.history,
                       "Directory of earlier migrations replayed as context; only PATHS are reported");
    command.add_option("--stats", arguments.stats,
                       "Table sizes as JSON (docs/table-stats.md): lock-duration findings on small tables become "
                       "hints, large ones say how long the lock is held");
    command.add_option("-j,--jobs", arguments.jobs, "Files analysed in parallel (default: number of cores)");
}

Result<std::shared_ptr<const Catalog>> schema_context(const AnalysisArguments& arguments,
                                                      const std::vector<CollectedFile>& checked, unsigned jobs) {
    if (arguments.schema.empty() && arguments.history.empty()) {
        return std::shared_ptr<const Catalog>{};
    }
    Catalog catalog;
    if (!arguments.schema.empty()) {
        auto loaded = load_schema_file(arguments.schema);
        if (!loaded) {
            return tl::unexpected(loaded.error());
        }
        catalog = std::move(*loaded);
    }
    if (!arguments.history.empty()) {
        std::error_code error;
        if (!std::filesystem::is_directory(arguments.history, error)) {
            return make_error(ErrorKind::usage, "--history needs a directory of migrations", arguments.history);
        }
        auto history =
            collect_migration_files({arguments.history}, CollectOptions{arguments.framework, false, "--framework", jobs});
        if (!history) {
            return tl::unexpected(history.error());
        }
        std::set<std::filesystem::path> checked_paths;
        for (const CollectedFile& file : checked) {
            if (file.path != "-") {
                checked_paths.insert(std::filesystem::weakly_canonical(file.path, error));
            }
        }
        std::vector<CollectedFile> earlier;
        for (const CollectedFile& file : *history) {
            if (checked_paths.count(std::filesystem::weakly_canonical(file.path, error)) == 0) {
                earlier.push_back(file);
            }
        }
        ReplayOptions options;
        options.framework = arguments.framework;
        options.assume_in_transaction = arguments.assume_in_transaction.value_or(false);
        options.pg_version = arguments.pg_version == 0 ? k_max_pg_version : arguments.pg_version;
        options.jobs = jobs;
        catalog = replay_history(earlier, std::move(catalog), options);
    }
    return std::make_shared<const Catalog>(std::move(catalog));
}

Result<AnalysisOptions> analysis_options(AnalysisKind kind, const AnalysisArguments& arguments) {
    if (arguments.config.empty()) {
        return analysis_options(kind, arguments, nullptr);
    }
    auto file = load_config(arguments.config);
    if (!file) {
        return tl::unexpected(file.error());
    }
    return analysis_options(kind, arguments, &*file);
}

Result<AnalysisOptions> analysis_options(AnalysisKind kind, const AnalysisArguments& arguments,
                                         const ConfigFile* file) {
    AnalysisOptions options;
    Config& config = options.config;
    if (file != nullptr) {
        apply_config_file(*file, config);
    }
    // Flags override the file; a flag left out keeps the file's value.
    config.pg_version = arguments.pg_version == 0 ? config.pg_version : arguments.pg_version;
    if (!arguments.framework.empty()) {
        config.framework = arguments.framework;
        config.framework_origin = "--framework";
    }
    config.assume_in_transaction = arguments.assume_in_transaction.value_or(config.assume_in_transaction);
    config.check_down = arguments.check_down;
    if (!config.framework.empty() && find_framework(config.framework) == nullptr) {
        return make_error(ErrorKind::usage,
                          "unknown framework '" + config.framework + "'; known frameworks: " + framework_names());
    }
    config.assume_lock_timeout = arguments.assume_lock_timeout.value_or(config.assume_lock_timeout);
    config.fail_on = parse_severity(arguments.fail_on).value_or(config.fail_on);
    config.allow_parse_errors = arguments.allow_parse_errors;
    config.enable_all = arguments.enable_all;
    config.enable = arguments.enable;
    config.disable = arguments.disable;
    config.require_suppression_reason =
        arguments.require_suppression_reason.value_or(config.require_suppression_reason);
    auto rules = resolve_rules(config);
    if (!rules) {
        return tl::unexpected(rules.error());
    }
    options.rules = std::move(*rules);
    const OutputFormat format = parse_output_format(arguments.format).value_or(OutputFormat::text);
    // SARIF fingerprints and the Markdown lock column read the statements.
    options.keep_statements = kind == AnalysisKind::explain || arguments.fix.in_place || format == OutputFormat::json ||
                              format == OutputFormat::sarif || format == OutputFormat::markdown;
    return options;
}

int run_analysis(AnalysisKind kind, const AnalysisArguments& arguments) {
    auto resolved = analysis_options(kind, arguments);
    if (!resolved) {
        return stop_run(resolved.error(), kind, arguments,
                        arguments.pg_version != 0 ? arguments.pg_version : k_max_pg_version);
    }
    const AnalysisOptions& options = *resolved;
    const Config& config = options.config;
    const OutputFormat format = parse_output_format(arguments.format).value_or(OutputFormat::text);

    // Files are placed before their own configs are known: the framework comes from
    // the flags, --config, or the config nearest the first path.
    ConfigLookup configs{arguments.config};
    std::string framework = config.framework;
    std::string framework_origin = config.framework_origin;
    if (framework.empty() && arguments.config.empty() && !arguments.paths.empty() && arguments.paths.front() != "-") {
        const std::string first = arguments.paths.front();
        auto nearest = configs.for_file(std::filesystem::is_directory(first) ? first + "/." : first);
        if (!nearest) {
            return stop_run(nearest.error(), kind, arguments, config.pg_version);
        }
        if (*nearest != nullptr && (*nearest)->framework) {
            framework = *(*nearest)->framework;
            framework_origin = "\"framework\" in " + (*nearest)->path;
        }
    }
    const unsigned jobs = arguments.jobs != 0 ? arguments.jobs : std::max(1U, std::thread::hardware_concurrency());
    auto files = collect_migration_files(arguments.paths,
                                         CollectOptions{framework, config.check_down, framework_origin, jobs});
    if (!files) {
        return stop_run(files.error(), kind, arguments, config.pg_version);
    }
    SourceFile stdin_source{"-", arguments.stdin_filename, ""};
    for (const CollectedFile& file : *files) {
        if (file.path == "-") {
            stdin_source.text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
            break;
        }
    }
    auto context = schema_context(arguments, *files, jobs);
    if (!context) {
        return stop_run(context.error(), kind, arguments, config.pg_version);
    }
    AnalysisOptions with_schema = options;
    with_schema.catalog = std::move(*context);
    if (!arguments.stats.empty()) {
        auto stats = load_table_stats(arguments.stats);
        if (!stats) {
            return stop_run(stats.error(), kind, arguments, config.pg_version);
        }
        with_schema.table_stats = std::make_shared<const TableStats>(std::move(*stats));
    }
    auto configured = configure_files(kind, arguments, with_schema, *files, configs);
    if (!configured) {
        return stop_run(configured.error(), kind, arguments, config.pg_version);
    }
    // JSON is written while the analysis runs: the workers render each file's
    // entry as soon as it is analysed, and its statements are not read again.
    std::optional<JsonReportStream> json_stream;
    FileDone render_json;
    if (format == OutputFormat::json && kind != AnalysisKind::fix) {
        std::optional<AtomicOutputFile> output_file;
        if (!arguments.output.empty()) {
            auto created = AtomicOutputFile::create(arguments.output);
            if (!created) {
                return stop_run(created.error(), kind, arguments, config.pg_version);
            }
            output_file.emplace(std::move(*created));
        }
        std::vector<std::size_t> expected;
        for (std::size_t i = 0; i < configured->included.size(); ++i) {
            if (configured->included[i]) {
                expected.push_back(i);
            }
        }
        json_stream.emplace(std::move(output_file), config.pg_version, std::move(expected));
        render_json = [&json_stream](std::size_t index, FileReport& file) {
            json_stream->add(index, file_json(file));
            file.statements = {};
        };
    }
    const ConfiguredReport analysed =
        analyze_configured(*configured, config.pg_version, jobs, stdin_source, render_json);
    const Report& report = analysed.report;
    const int code = kind == AnalysisKind::explain
                         ? (exit_code(report, Severity::error) == k_exit_error ? k_exit_error : 0)
                         : analysed.exit_code;

    if (kind == AnalysisKind::fix) {
        if (analysed.exit_code == k_exit_error) {
            render_check_text(report, RenderOptions{}, std::cerr);  // the parse errors, nothing to rewrite safely
            return k_exit_error;
        }
        return run_fix(report, arguments.fix, format, std::cout);
    }
    if (json_stream) {
        if (auto finished = json_stream->finish(); !finished) {
            std::cerr << "migsafe: " << finished.error().describe() << '\n';
            return k_exit_error;
        }
        return code;
    }

    RenderOptions render_options;
    render_options.color = arguments.output.empty() && use_color(arguments.color);
    render_options.source_root = find_source_root(".");
    // SARIF is built in one string and written as it is: a report of a large tree
    // runs to tens of megabytes, and each copy costs time and peak memory.
    std::string rendered;
    if (format == OutputFormat::sarif) {
        write_report_sarif(report, render_options, rendered);
    } else {
        std::ostringstream stream;
        if (format == OutputFormat::gcc) {
            render_gcc(report, stream);
        } else if (format == OutputFormat::github) {
            render_github(report, render_options, stream);
        } else if (format == OutputFormat::markdown) {
            render_markdown(report, render_options, stream);
        } else if (kind == AnalysisKind::explain) {
            render_explain_text(report, render_options, stream);
        } else {
            render_check_text(report, render_options, stream);
        }
        rendered = std::move(stream).str();
    }
    if (auto written = deliver(arguments.output, rendered); !written) {
        std::cerr << "migsafe: " << written.error().describe() << '\n';
        return k_exit_error;
    }
    return code;
}

}  // namespace migsafe::cli
