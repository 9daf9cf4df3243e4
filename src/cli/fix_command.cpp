#include "fix_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <ostream>
#include <set>

#include "migsafe/migration_writer.hpp"
#include "output_file.hpp"

namespace migsafe::cli {
namespace {

constexpr int k_exit_ok = 0;
constexpr int k_exit_error = 2;

// The report with one plan per statement: of the findings on it that carry a fix
// plan, the most severe (the first of equals), since their plans are alternatives.
Report with_plans_only(const Report& report) {
    Report planned = report;
    for (FileReport& file : planned.files) {
        std::vector<Finding> chosen;
        for (const Finding& finding : file.findings) {
            if (!finding.fix || finding.fix->empty()) {
                continue;
            }
            auto same = std::find_if(chosen.begin(), chosen.end(), [&](const Finding& other) {
                return finding.statement ? other.statement == finding.statement : other.span.begin == finding.span.begin;
            });
            if (same == chosen.end()) {
                chosen.push_back(finding);
            } else if (finding.severity > same->severity) {
                *same = finding;
            }
        }
        file.findings = std::move(chosen);
    }
    return planned;
}

void print_plans(const Report& report, std::ostream& out) {
    std::size_t plans = 0;
    for (const FileReport& file : report.files) {
        for (const Finding& finding : file.findings) {
            out << file.display_path << ':' << finding.range.start.line << ':' << finding.range.start.column << ": ["
                << finding.rule << "] " << finding.message << '\n'
                << fix_plan_text(*finding.fix) << '\n';
            ++plans;
        }
    }
    out << (plans == 0 ? "no fix plans: nothing migsafe can rewrite was found\n"
                       : std::to_string(plans) + (plans == 1 ? " fix plan\n" : " fix plans\n"));
}

std::vector<std::string> entry_names(const std::filesystem::path& directory) {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator{directory, error}) {
        names.push_back(entry.path().filename().string());
    }
    return names;
}

// Every file of every plan, checked before anything is written: an existing file is
// never overwritten, and a failure leaves the directory as it was.
int write_plans(const Report& report, const std::filesystem::path& directory, std::ostream& out) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) {
        std::cerr << "migsafe: cannot create " << directory.string() << ": " << error.message() << '\n';
        return k_exit_error;
    }
    std::vector<PlannedFile> files;
    std::set<std::string> notes;
    for (const FileReport& file : report.files) {
        if (file.findings.empty()) {
            continue;
        }
        const std::filesystem::path original{file.path};
        MigrationRequest request;
        request.framework = file.framework.empty() ? "plain" : file.framework;
        request.original_name = original.filename().string();
        request.existing_names = entry_names(original.parent_path().empty() ? "." : original.parent_path());
        for (const std::string& name : entry_names(directory)) {
            request.existing_names.push_back(name);
        }
        for (const PlannedFile& earlier : files) {
            request.existing_names.push_back(earlier.path.substr(0, earlier.path.find('/')));
        }
        std::string lines;
        for (const Finding& finding : file.findings) {
            request.phases.insert(request.phases.end(), finding.fix->phases.begin(), finding.fix->phases.end());
            lines += (lines.empty() ? "" : ", ") + std::to_string(finding.range.start.line);
        }
        WrittenPlan written = migration_files(request);
        files.insert(files.end(), written.files.begin(), written.files.end());
        notes.insert(written.notes.begin(), written.notes.end());
        notes.insert("remove the statements the plans replace from " + file.display_path + (lines.find(',') == std::string::npos ? " (line " : " (lines ") + lines +
                     ") before applying the new migrations");
    }
    for (const PlannedFile& file : files) {
        if (std::filesystem::exists(directory / file.path, error)) {
            std::cerr << "migsafe: " << (directory / file.path).string()
                      << " already exists; migsafe never overwrites a file: choose another --write-dir\n";
            return k_exit_error;
        }
    }
    for (const PlannedFile& file : files) {
        const std::filesystem::path target = directory / file.path;
        std::filesystem::create_directories(target.parent_path(), error);
        if (auto result = write_file_atomically(target.string(), file.content, ExistingFile::keep); !result) {
            std::cerr << "migsafe: " << result.error().describe() << '\n';
            return k_exit_error;
        }
        out << "wrote " << target.string() << '\n';
    }
    if (files.empty()) {
        out << "no fix plans: nothing migsafe can rewrite was found\n";
    }
    for (const std::string& note : notes) {
        out << "note: " << note << '\n';
    }
    return k_exit_ok;
}

}  // namespace

void add_fix_options(CLI::App& command, FixArguments& arguments) {
    command.add_flag("--plan", arguments.plan, "Print the fix plans, phase by phase (the default)");
    command.add_option("--write-dir", arguments.write_dir,
                       "Write each phase as a migration file of the detected framework into this directory "
                       "(existing files are never overwritten)");
}

int run_fix(const Report& report, const FixArguments& arguments, OutputFormat format, std::ostream& out) {
    const Report planned = with_plans_only(report);
    if (!arguments.write_dir.empty()) {
        return write_plans(planned, arguments.write_dir, out);
    }
    if (format == OutputFormat::json) {
        std::string json;
        write_report_json(planned, json);
        out << json;
    } else {
        print_plans(planned, out);
    }
    return k_exit_ok;
}

}  // namespace migsafe::cli
