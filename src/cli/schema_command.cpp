#include "schema_command.hpp"

#include <algorithm>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "migsafe/catalog_report.hpp"
#include "migsafe/discover.hpp"
#include "migsafe/framework.hpp"
#include "migsafe/history.hpp"
#include "output_file.hpp"

namespace migsafe::cli {
namespace {

constexpr int k_exit_error = 2;

void print_notes(const ReplaySummary& summary) {
    for (const ReplayNote& note : summary.notes) {
        std::cerr << "migsafe: note: " << note.path;
        if (note.position) {
            std::cerr << ':' << note.position->line << ':' << note.position->column;
        }
        std::cerr << ": " << note.message << '\n';
    }
}

}  // namespace

CLI::App* add_schema_command(CLI::App& app, SchemaArguments& arguments) {
    CLI::App* command =
        app.add_subcommand("schema", "Show the schema migsafe believes in after replaying the migrations");
    command->add_option("paths", arguments.paths, "Migration files or directories, replayed in migration order");
    command->add_option("--schema", arguments.schema,
                        "Start from this schema: the output of pg_dump --schema-only");
    command->add_option("--format", arguments.format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    command->add_option("--output", arguments.output, "Write to FILE (atomically) instead of stdout");
    command->add_option("--framework", arguments.framework, "Migration framework (default: detect)");
    command->add_flag("--assume-in-transaction", arguments.assume_in_transaction,
                      "Assume the runner wraps each file in a transaction");
    command->add_option("-j,--jobs", arguments.jobs, "Files parsed in parallel (default: number of cores)");
    return command;
}

int run_schema(const SchemaArguments& arguments) {
    if (arguments.paths.empty() && arguments.schema.empty()) {
        std::cerr << "migsafe: schema needs migration paths, --schema FILE, or both\n";
        return k_exit_error;
    }
    if (!arguments.framework.empty() && find_framework(arguments.framework) == nullptr) {
        std::cerr << "migsafe: unknown framework '" << arguments.framework << "'; known: " << framework_names()
                  << '\n';
        return k_exit_error;
    }
    ReplaySummary summary;
    Catalog catalog;
    if (!arguments.schema.empty()) {
        auto loaded = load_schema_file(arguments.schema, &summary);
        if (!loaded) {
            std::cerr << "migsafe: " << loaded.error().describe() << '\n';
            return k_exit_error;
        }
        catalog = std::move(*loaded);
    }
    if (!arguments.paths.empty()) {
        const unsigned jobs = arguments.jobs != 0 ? arguments.jobs : std::max(1U, std::thread::hardware_concurrency());
        auto files =
            collect_migration_files(arguments.paths, CollectOptions{arguments.framework, false, "--framework", jobs});
        if (!files) {
            std::cerr << "migsafe: " << files.error().describe() << '\n';
            return k_exit_error;
        }
        ReplayOptions options;
        options.framework = arguments.framework;
        options.assume_in_transaction = arguments.assume_in_transaction;
        options.jobs = jobs;
        catalog = replay_history(*files, std::move(catalog), options, &summary);
    }
    print_notes(summary);

    std::ostringstream rendered;
    if (arguments.format == "json") {
        rendered << catalog_to_json(catalog).dump(2) << '\n';
    } else {
        render_catalog_text(catalog, rendered);
    }
    if (arguments.output.empty()) {
        std::cout << rendered.str() << std::flush;
    } else if (auto written = write_file_atomically(arguments.output, rendered.str()); !written) {
        std::cerr << "migsafe: " << written.error().describe() << '\n';
        return k_exit_error;
    }
    return 0;
}

}  // namespace migsafe::cli
