// The generic rule fixture driver: every testdata/rules/<rule-id>/<case>.sql is
// one test. Marks (`-- expect: rule "fragment"`) must match findings exactly;
// every fix phase must parse and must not trigger its rule again.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <gtest/gtest.h>

#include "analysis_command.hpp"
#include "fixture_format.hpp"
#include "migsafe/analyzer.hpp"
#include "migsafe/parse.hpp"
#include "migsafe/report.hpp"
#include "migsafe/rule_registry.hpp"
#include "text_file.hpp"

namespace migsafe::testing {
namespace {

namespace fs = std::filesystem;

struct FixtureCase {
    std::string rule;
    fs::path path;
};

std::vector<FixtureCase> discover_fixtures() {
    std::vector<FixtureCase> cases;
    const fs::path root = fs::path{MIGSAFE_SOURCE_DIR} / "testdata" / "rules";
    if (!fs::exists(root)) {
        return cases;
    }
    for (const auto& rule_dir : fs::directory_iterator{root}) {
        if (!rule_dir.is_directory()) {
            continue;
        }
        for (const auto& entry : fs::directory_iterator{rule_dir.path()}) {
            const std::string name = entry.path().filename().string();
            if (entry.path().extension() == ".sql" && name.find(".fix.sql") == std::string::npos) {
                cases.push_back(FixtureCase{rule_dir.path().filename().string(), entry.path()});
            }
        }
    }
    std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return cases;
}

using test_support::read_text;

std::string case_name(const ::testing::TestParamInfo<FixtureCase>& info) {
    std::string name = info.param.rule + "__" + info.param.path.stem().string();
    std::replace_if(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_'; }, '_');
    return name;
}

// Options as `migsafe check <flags> <file>` would build them, with only `rule` enabled,
// plus the rules the header enables with --enable (suppression fixtures need other
// rules' findings to suppress).
AnalysisOptions fixture_options(const FixtureSpec& spec, const fs::path& path, const Rule& rule) {
    CLI::App app;
    cli::AnalysisArguments arguments;
    cli::add_analysis_options(app, arguments);
    std::vector<std::string> argv = spec.flags;
    argv.push_back(path.string());
    std::reverse(argv.begin(), argv.end());  // CLI11 consumes a reversed vector
    app.parse(argv);
    // --schema=schema.sql and --history=dir/ name files beside the fixture.
    for (std::string* context_path : {&arguments.schema, &arguments.history}) {
        if (!context_path->empty() && fs::path{*context_path}.is_relative()) {
            *context_path = (path.parent_path() / *context_path).string();
        }
    }
    auto options = cli::analysis_options(cli::AnalysisKind::explain, arguments);
    EXPECT_TRUE(options.has_value()) << (options ? "" : options.error().describe());
    AnalysisOptions result = options ? *options : AnalysisOptions{};
    std::vector<ActiveRule> enabled;
    for (const ActiveRule& active : result.rules) {
        const bool named = std::any_of(arguments.enable.begin(), arguments.enable.end(),
                                       [&](const std::string& id) { return find_rule(id) == active.rule; });
        if (active.rule == &rule || named) {
            enabled.push_back(active);
        }
    }
    if (std::none_of(enabled.begin(), enabled.end(), [&](const ActiveRule& active) { return active.rule == &rule; }) &&
        result.config.pg_version >= rule.meta.min_pg && result.config.pg_version <= rule.meta.max_pg) {
        enabled.push_back(ActiveRule{&rule, rule.meta.default_severity});
    }
    result.rules = std::move(enabled);
    result.keep_statements = true;
    auto context = cli::schema_context(arguments, {CollectedFile{path.string(), true, {}}}, 1);
    EXPECT_TRUE(context.has_value()) << (context ? "" : context.error().describe());
    result.catalog = context ? *context : nullptr;
    return result;
}

// Marks and findings are matched by the first line of the statement they belong
// to, so statements sharing a line share their marks; -1 for none.
int start_line(const FileReport& report, std::optional<std::size_t> statement) {
    return statement && *statement < report.statements.size() ? report.statements[*statement].range.start.line : -1;
}

std::optional<std::size_t> first_statement_after(const FileReport& report, int line) {
    for (const StatementReport& statement : report.statements) {
        if (statement.range.start.line > line) {
            return statement.index;
        }
    }
    return std::nullopt;
}

// A finding without a statement (a whole-unit verdict, a comment) belongs to the
// innermost statement covering its line, else to the next statement, as a mark would.
int line_of_finding(const FileReport& report, const Finding& finding) {
    if (finding.statement) {
        return start_line(report, finding.statement);
    }
    const int line = finding.range.start.line;
    std::optional<std::size_t> covering;
    for (const StatementReport& statement : report.statements) {
        if (line >= statement.range.start.line && line <= statement.range.end.line) {
            covering = statement.index;  // later statements covering the line are embedded, hence inner
        }
    }
    return start_line(report, covering ? covering : first_statement_after(report, line));
}

int line_of_mark(const FileReport& report, const ExpectMark& mark) {
    if (!mark.trailing) {
        return start_line(report, first_statement_after(report, mark.line));
    }
    // The statement starting on the mark's line, else the innermost one covering it
    // (a mark beside one column of a multi-line CREATE TABLE).
    std::optional<std::size_t> covering;
    for (const StatementReport& statement : report.statements) {
        if (statement.range.start.line == mark.line) {
            return mark.line;
        }
        if (mark.line > statement.range.start.line && mark.line <= statement.range.end.line) {
            covering = statement.index;
        }
    }
    return covering ? start_line(report, covering) : -1;
}

std::string describe(const fs::path& path, const Finding& finding) {
    return path.filename().string() + ":" + std::to_string(finding.range.start.line) + " [" + finding.rule + "] " +
           finding.message;
}

void check_fix_plan(const Rule& rule, const Finding& finding, const AnalysisOptions& options) {
    for (const FixPhase& phase : finding.fix->phases) {
        const ParsedSql parsed = parse_sql(phase.sql);
        EXPECT_TRUE(parsed.errors.empty()) << "fix phase '" << phase.name << "' does not parse: "
                                           << (parsed.errors.empty() ? "" : parsed.errors.front().message) << "\n"
                                           << phase.sql;
        AnalysisOptions relint = options;
        relint.rules = {ActiveRule{&rule, rule.meta.default_severity}};
        relint.config.assume_in_transaction = !phase.outside_transaction;
        const FileReport again = analyze_file(SourceFile{"phase.sql", "phase.sql", phase.sql}, relint);
        for (const Finding& repeated : again.findings) {
            ADD_FAILURE() << "fix phase '" << phase.name << "' of " << finding.rule
                          << " triggers the rule again: " << repeated.message << "\n" << phase.sql;
        }
    }
}

class RuleFixture : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(RuleFixture, FindingsMatchMarks) {
    const FixtureCase& fixture = GetParam();
    const Rule* rule = find_rule(fixture.rule);
    ASSERT_NE(rule, nullptr) << "fixture folder " << fixture.rule << " has no rule of that id";
    ASSERT_EQ(rule->meta.id, fixture.rule) << "fixture folders are named by rule id, not alias";
    const std::string text = read_text(fixture.path);
    const FixtureSpec spec = parse_fixture_spec(text);
    const AnalysisOptions options = fixture_options(spec, fixture.path, *rule);
    const FileReport report =
        analyze_file(SourceFile{fixture.path.string(), fixture.path.filename().string(), text}, options);
    for (const FileError& error : report.errors) {
        ADD_FAILURE() << fixture.path.filename().string() << ":" << error.range.start.line << ": fixture does not parse: "
                      << error.message;
    }

    std::vector<bool> matched(report.findings.size(), false);
    std::vector<std::string> missing;
    for (const ExpectMark& mark : spec.marks) {
        EXPECT_NE(find_rule(mark.rule), nullptr) << "line " << mark.line << ": unknown rule " << mark.rule;
        EXPECT_TRUE(std::any_of(options.rules.begin(), options.rules.end(),
                                [&](const ActiveRule& active) { return active.rule->meta.id == mark.rule; }))
            << "line " << mark.line << ": " << mark.rule << " is not enabled here";
        const int target = line_of_mark(report, mark);
        bool found = false;
        for (std::size_t i = 0; i < report.findings.size() && !found; ++i) {
            const Finding& finding = report.findings[i];
            if (!matched[i] && finding.rule == mark.rule && line_of_finding(report, finding) == target &&
                finding.message.find(mark.fragment) != std::string::npos) {
                matched[i] = true;
                found = true;
            }
        }
        if (!found) {
            missing.push_back(fixture.path.filename().string() + ":" + std::to_string(mark.line) + " [" + mark.rule +
                              "]" + (mark.fragment.empty() ? "" : " \"" + mark.fragment + "\""));
        }
    }
    std::vector<std::string> unexpected;
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
        if (!matched[i]) {
            unexpected.push_back(describe(fixture.path, report.findings[i]));
        }
    }
    std::string listing;
    for (const std::string& item : missing) {
        listing += "  expected, not reported: " + item + "\n";
    }
    for (const std::string& item : unexpected) {
        listing += "  reported, not expected: " + item + "\n";
    }
    EXPECT_TRUE(missing.empty() && unexpected.empty()) << listing;

    std::string plans;
    for (const Finding& finding : report.findings) {
        if (finding.fix && finding.rule == fixture.rule) {
            check_fix_plan(*rule, finding, options);
            plans += fix_plan_text(*finding.fix);
        }
    }
    fs::path golden = fixture.path;
    golden.replace_extension(".fix.sql");
    if (std::getenv("MIGSAFE_UPDATE_GOLDEN") != nullptr && !plans.empty()) {
        std::ofstream{golden, std::ios::binary} << plans;
    } else if (fs::exists(golden)) {
        EXPECT_EQ(read_text(golden), plans) << "fix plan differs from " << golden.filename().string()
                                            << " (MIGSAFE_UPDATE_GOLDEN=1 rewrites it)";
    }
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, ::testing::ValuesIn(discover_fixtures()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RuleFixture);

}  // namespace
}  // namespace migsafe::testing
