#include "fix_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <ostream>
#include <set>

#include "migsafe/discover.hpp"
#include "migsafe/migration_writer.hpp"
#include "migsafe/rule_registry.hpp"
#include "output_file.hpp"

namespace migsafe::cli {
namespace {

constexpr int k_exit_ok = 0;
constexpr int k_exit_error = 2;

bool only_sets_lock_timeout(const Finding& finding) {
    const Rule* rule = find_rule(finding.rule);
    return rule != nullptr && rule->meta.plan_only_sets_lock_timeout;
}

// The report with one plan per statement: of the findings on it that carry a fix
// plan, the most severe (the first of equals), since their plans are alternatives.
// Among equals, a plan that only sets lock_timeout yields: every other plan's
// phases get the setting anyway (guard_with_lock_timeout).
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
            } else if (finding.severity > same->severity ||
                       (finding.severity == same->severity && only_sets_lock_timeout(*same))) {
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

// An original migration with the statements its plans replace taken out.
struct EditedOriginal {
    std::string path;
    std::string backup_path;
    std::string text;
};

// Each planned statement becomes a comment naming the migrations that now do its
// work; the text around it is kept byte for byte. Refused when a plan is not tied
// to one statement or the file no longer holds the statement that was analysed.
Result<EditedOriginal> without_planned_statements(const FileReport& file, const std::string& replaced_by) {
    if (file.path == "-") {
        return make_error(ErrorKind::usage, "--in-place needs a file; standard input cannot be edited", file.display_path);
    }
    auto source = read_source_file(file.path);
    if (!source) {
        return tl::unexpected(source.error());
    }
    struct Cut {
        ByteSpan span;
        std::string rule;
    };
    std::vector<Cut> cuts;
    for (const Finding& finding : file.findings) {
        const auto statement = std::find_if(file.statements.begin(), file.statements.end(), [&](const StatementReport& s) {
            return finding.statement && s.index == *finding.statement;
        });
        if (statement == file.statements.end()) {
            return make_error(ErrorKind::usage,
                              "the " + finding.rule + " plan is not tied to one statement; edit the file by hand",
                              file.display_path, finding.range.start);
        }
        ByteSpan span = statement->span;
        const std::string& text = source->text;
        if (span.end > text.size() || text.compare(span.begin, span.end - span.begin, statement->sql) != 0) {
            return make_error(ErrorKind::io, "changed while migsafe read it; run fix again", file.display_path);
        }
        std::size_t end = span.end;
        while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) {
            ++end;
        }
        span.end = end < text.size() && text[end] == ';' ? end + 1 : span.end;
        cuts.push_back(Cut{span, finding.rule});
    }
    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.span.begin > b.span.begin; });
    EditedOriginal edited{file.path, file.path + ".orig", source->text};
    for (const Cut& cut : cuts) {
        edited.text.replace(cut.span.begin, cut.span.end - cut.span.begin,
                            "-- [" + cut.rule + "] moved by migsafe fix to " + replaced_by);
    }
    return edited;
}

// "V4__a.sql" or "V4__a.sql ... V7__d.sql": the migrations written for one original,
// without their companions (Flyway's .conf, golang-migrate's .down.sql).
std::string written_range(const std::vector<PlannedFile>& files, std::size_t first) {
    std::vector<std::string> migrations;
    for (std::size_t i = first; i < files.size(); ++i) {
        const std::string& path = files[i].path;
        const bool companion = path.ends_with(".conf") || path.find(".down.") != std::string::npos;
        if (!companion) {
            migrations.push_back(path);
        }
    }
    if (migrations.empty()) {
        return "the new migrations";
    }
    return migrations.size() == 1 ? migrations.front() : migrations.front() + " ... " + migrations.back();
}

// Every file of every plan, checked before anything is written: an existing file is
// never overwritten, and a failure leaves the directory as it was.
int write_plans(const Report& report, const std::filesystem::path& directory, bool in_place, std::ostream& out) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) {
        std::cerr << "migsafe: cannot create " << directory.string() << ": " << error.message() << '\n';
        return k_exit_error;
    }
    std::vector<PlannedFile> files;
    std::vector<EditedOriginal> originals;
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
        const std::string at_lines = (lines.find(',') == std::string::npos ? " (line " : " (lines ") + lines + ")";
        WrittenPlan written = migration_files(request);
        const std::size_t first = files.size();
        files.insert(files.end(), written.files.begin(), written.files.end());
        notes.insert(written.notes.begin(), written.notes.end());
        if (!in_place) {
            notes.insert("remove the statements the plans replace from " + file.display_path + at_lines +
                         " before applying the new migrations");
            continue;
        }
        auto edited = without_planned_statements(file, written_range(files, first));
        if (!edited) {
            std::cerr << "migsafe: " << edited.error().describe() << '\n';
            return k_exit_error;
        }
        originals.push_back(std::move(*edited));
        notes.insert("took the statements the plans replace out of " + file.display_path + at_lines + "; " +
                     file.display_path + ".orig keeps the original. Edit only a migration no environment has applied");
    }
    for (const PlannedFile& file : files) {
        if (std::filesystem::exists(directory / file.path, error)) {
            std::cerr << "migsafe: " << (directory / file.path).string()
                      << " already exists; migsafe never overwrites a file: choose another --write-dir\n";
            return k_exit_error;
        }
    }
    for (const EditedOriginal& original : originals) {
        if (std::filesystem::exists(original.backup_path, error)) {
            std::cerr << "migsafe: " << original.backup_path
                      << " already exists; --in-place keeps its backup there: move it away first\n";
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
    for (const EditedOriginal& original : originals) {
        std::filesystem::copy_file(original.path, original.backup_path, error);
        if (error) {
            std::cerr << "migsafe: cannot back up " << original.path << " to " << original.backup_path << ": "
                      << error.message() << '\n';
            return k_exit_error;
        }
        if (auto result = write_file_atomically(original.path, original.text); !result) {
            std::cerr << "migsafe: " << result.error().describe() << '\n';
            return k_exit_error;
        }
        out << "edited " << original.path << '\n';
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
    CLI::Option* write_dir = command.add_option("--write-dir", arguments.write_dir,
                       "Write each phase as a migration file of the detected framework into this directory "
                       "(existing files are never overwritten)");
    command
        .add_flag("--in-place", arguments.in_place,
                  "Also take the statements the plans replace out of the original files (each backed up as FILE.orig)")
        ->needs(write_dir);
}

int run_fix(const Report& report, const FixArguments& arguments, OutputFormat format, std::ostream& out) {
    const Report planned = with_plans_only(report);
    if (!arguments.write_dir.empty()) {
        return write_plans(planned, arguments.write_dir, arguments.in_place, out);
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
