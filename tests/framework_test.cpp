// Framework fixtures: every testdata/frameworks/<framework>/<case>/ is a small
// migration tree. `migsafe check <case>` must place each file in <framework> and
// report exactly the findings its `-- expect:` marks name; their transaction
// semantics decide which statements those are.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "analysis_command.hpp"
#include "fixture_format.hpp"
#include "migsafe/analyzer.hpp"
#include "migsafe/discover.hpp"
#include "migsafe/framework.hpp"
#include "migsafe/rule_registry.hpp"
#include "migsafe_process.hpp"
#include "pg_server.hpp"
#include "text_file.hpp"

namespace migsafe::testing {
namespace {

namespace fs = std::filesystem;

const fs::path k_root = fs::path{MIGSAFE_SOURCE_DIR} / "testdata" / "frameworks";

struct FrameworkCase {
    std::string framework;
    fs::path dir;
};

std::vector<FrameworkCase> discover_cases() {
    std::vector<FrameworkCase> cases;
    if (!fs::exists(k_root)) {
        return cases;
    }
    for (const auto& framework : fs::directory_iterator{k_root}) {
        if (!framework.is_directory()) {
            continue;
        }
        for (const auto& entry : fs::directory_iterator{framework.path()}) {
            if (entry.is_directory()) {
                cases.push_back(FrameworkCase{framework.path().filename().string(), entry.path()});
            }
        }
    }
    std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.dir < b.dir; });
    return cases;
}

using test_support::read_text;
using pgtest::ProcessResult;
using TempDir = pgtest::TemporaryDirectory;
using test_support::migsafe;

std::string case_name(const ::testing::TestParamInfo<FrameworkCase>& info) {
    std::string name = info.param.framework + "__" + info.param.dir.filename().string();
    std::replace_if(
        name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }, '_');
    return name;
}

// Options as `migsafe check <flags> <paths>` builds them.
AnalysisOptions options_for(std::vector<std::string> argv) {
    CLI::App app;
    cli::AnalysisArguments arguments;
    cli::add_analysis_options(app, arguments);
    std::reverse(argv.begin(), argv.end());
    app.parse(argv);
    auto options = cli::analysis_options(cli::AnalysisKind::explain, arguments);
    EXPECT_TRUE(options.has_value()) << (options ? "" : options.error().describe());
    AnalysisOptions result = options ? *options : AnalysisOptions{};
    result.keep_statements = true;
    return result;
}

std::vector<ActiveRule> rules_named(const std::set<std::string>& ids) {
    std::vector<ActiveRule> rules;
    for (const std::string& id : ids) {
        const Rule* rule = find_rule(id);
        EXPECT_NE(rule, nullptr) << "unknown rule " << id;
        if (rule != nullptr) {
            rules.push_back(ActiveRule{rule, rule->meta.default_severity});
        }
    }
    return rules;
}

Report check_tree(const fs::path& dir, const AnalysisOptions& options) {
    auto files = collect_migration_files({dir.string()}, CollectOptions{options.config.framework,
                                                                        options.config.check_down});
    EXPECT_TRUE(files.has_value()) << (files ? "" : files.error().describe());
    return files ? analyze_files(*files, options, 1, nullptr) : Report{};
}

// The statement a mark names: the first one starting after it (or on its line, when trailing).
std::optional<std::size_t> statement_for_mark(const FileReport& report, const ExpectMark& mark) {
    for (const StatementReport& statement : report.statements) {
        if (mark.trailing ? statement.range.start.line == mark.line : statement.range.start.line > mark.line) {
            return statement.index;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> statement_of(const FileReport& report, const Finding& finding) {
    if (finding.statement) {
        return finding.statement;
    }
    for (const StatementReport& statement : report.statements) {
        if (finding.range.start.line >= statement.range.start.line &&
            finding.range.start.line <= statement.range.end.line) {
            return statement.index;
        }
    }
    return std::nullopt;
}

class FrameworkFixture : public ::testing::TestWithParam<FrameworkCase> {};

TEST_P(FrameworkFixture, PlacesFilesAndFindingsMatchMarks) {
    const FrameworkCase& fixture = GetParam();
    std::set<std::string> enabled{"concurrently-in-transaction", "require-concurrent-index-creation"};
    std::map<std::string, FixtureSpec> specs;
    for (const auto& entry : fs::recursive_directory_iterator{fixture.dir}) {
        if (entry.path().extension() == ".sql") {
            FixtureSpec spec = parse_fixture_spec(read_text(entry.path()));
            for (const ExpectMark& mark : spec.marks) {
                enabled.insert(mark.rule);
            }
            specs[entry.path().string()] = std::move(spec);
        }
    }
    AnalysisOptions options = options_for({fixture.dir.string()});
    options.rules = rules_named(enabled);
    const Report report = check_tree(fixture.dir, options);
    ASSERT_FALSE(report.files.empty());

    // Expected placement problems: "<file name>: <fragment>" lines.
    std::map<std::string, std::string> expected_problems;
    std::istringstream problems{read_text(fixture.dir / "expected-problems.txt")};
    for (std::string line; std::getline(problems, line);) {
        const auto colon = line.find(": ");
        if (colon != std::string::npos) {
            expected_problems[line.substr(0, colon)] = line.substr(colon + 2);
        }
    }

    std::string listing;
    for (const FileReport& file : report.files) {
        const std::string name = fs::path{file.path}.filename().string();
        const auto problem = expected_problems.find(name);
        bool problem_seen = false;
        for (const FileError& error : file.errors) {
            if (problem != expected_problems.end() && error.kind == "framework" &&
                error.message.find(problem->second) != std::string::npos) {
                problem_seen = true;
            } else {
                listing += "  " + name + ": unexpected " + error.kind + " error: " + error.message + "\n";
            }
        }
        if (problem != expected_problems.end() && !problem_seen) {
            listing += "  " + name + ": expected a framework error containing \"" + problem->second + "\"\n";
        }
        if (expected_problems.empty() && file.framework != fixture.framework) {
            listing += "  " + name + ": placed in " + file.framework + " (" + file.framework_reason +
                       "), expected " + fixture.framework + "\n";
        }
        const FixtureSpec& spec = specs[file.path];
        std::vector<bool> matched(file.findings.size(), false);
        for (const ExpectMark& mark : spec.marks) {
            const auto target = statement_for_mark(file, mark);
            bool found = false;
            for (std::size_t i = 0; i < file.findings.size() && !found; ++i) {
                const Finding& finding = file.findings[i];
                if (!matched[i] && finding.rule == mark.rule && statement_of(file, finding) == target &&
                    finding.message.find(mark.fragment) != std::string::npos) {
                    matched[i] = found = true;
                }
            }
            if (!found) {
                listing += "  expected, not reported: " + name + ":" + std::to_string(mark.line) + " [" +
                           mark.rule + "] \"" + mark.fragment + "\"\n";
            }
        }
        // The fix names the opt-out of the user's own tool.
        const FrameworkInfo* framework = find_framework(file.framework);
        for (const Finding& finding : file.findings) {
            if (finding.rule == "concurrently-in-transaction" && framework != nullptr &&
                !framework->opt_out.empty() && finding.help.find(framework->opt_out) == std::string::npos) {
                listing += "  " + name + ":" + std::to_string(finding.range.start.line) + " help does not say how " +
                           std::string{framework->display} + " opts out: " + finding.help + "\n";
            }
        }
        for (std::size_t i = 0; i < file.findings.size(); ++i) {
            if (!matched[i]) {
                listing += "  reported, not expected: " + name + ":" +
                           std::to_string(file.findings[i].range.start.line) + " [" + file.findings[i].rule + "] " +
                           file.findings[i].message + "\n";
            }
        }
    }
    for (const auto& [name, fragment] : expected_problems) {
        const bool listed = std::any_of(report.files.begin(), report.files.end(), [&](const FileReport& file) {
            return fs::path{file.path}.filename() == name;
        });
        if (!listed) {
            listing += "  " + name + ": not in the report\n";
        }
    }
    EXPECT_TRUE(listing.empty()) << listing;
}

INSTANTIATE_TEST_SUITE_P(Frameworks, FrameworkFixture, ::testing::ValuesIn(discover_cases()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FrameworkFixture);

std::vector<std::string> names_in_order(const fs::path& dir, const CollectOptions& options = {}) {
    auto files = collect_migration_files({dir.string()}, options);
    EXPECT_TRUE(files.has_value());
    std::vector<std::string> names;
    for (const CollectedFile& file : files ? *files : std::vector<CollectedFile>{}) {
        names.push_back(fs::path{file.path}.filename().string());
    }
    return names;
}

TEST(FrameworkOrder, FlywayVersionsCompareByValueAndRepeatablesComeLast) {
    EXPECT_EQ(names_in_order(k_root / "flyway" / "non-transactional-script"),
              (std::vector<std::string>{"V1__create_products.sql", "V1_1__index_sku.sql", "V2__price_and_index.sql",
                                        "R__product_view.sql"}));
}

TEST(FrameworkOrder, FlywayUndoScriptsAreDownMigrations) {
    const fs::path dir = k_root / "flyway" / "non-transactional-script";
    const auto up = names_in_order(dir);
    EXPECT_EQ(std::count(up.begin(), up.end(), "U1_1__index_sku.sql"), 0);
    const auto with_down = names_in_order(dir, CollectOptions{"", true});
    EXPECT_EQ(std::count(with_down.begin(), with_down.end(), "U1_1__index_sku.sql"), 1);
}

// The plan's order, not the file names' (widgets before accounts).
TEST(FrameworkOrder, SqitchFollowsThePlanAndSkipsVerifyScripts) {
    auto files = collect_migration_files({(k_root / "sqitch" / "plan-order").string()});
    ASSERT_TRUE(files.has_value());
    std::vector<std::string> deploy;
    std::size_t verify_scripts = 0;
    for (const CollectedFile& file : *files) {
        if (file.path.find("/deploy/") != std::string::npos) {
            deploy.push_back(fs::path{file.path}.stem().string());
        }
        if (file.path.find("/verify/") != std::string::npos) {
            ++verify_scripts;
            EXPECT_NE(file.placement.skipped.find("verify"), std::string::npos);
        }
    }
    EXPECT_EQ(deploy, (std::vector<std::string>{"widgets", "accounts"}));
    EXPECT_EQ(verify_scripts, 1U);
}

// drizzle-kit runs the journal's entries in order; a file it does not list never runs.
TEST(FrameworkOrder, DrizzleFollowsTheJournalAndSkipsUnlistedFiles) {
    auto files = collect_migration_files({(k_root / "drizzle" / "journal-order").string()});
    ASSERT_TRUE(files.has_value());
    std::vector<std::string> run;
    for (const CollectedFile& file : *files) {
        if (file.placement.skipped.empty()) {
            run.push_back(fs::path{file.path}.filename().string());
        } else {
            EXPECT_EQ(fs::path{file.path}.filename(), "stray_draft.sql");
            EXPECT_NE(file.placement.skipped.find("_journal.json"), std::string::npos);
        }
    }
    EXPECT_EQ(run, (std::vector<std::string>{"zesty_lion.sql", "brave_otter.sql"}));
}

TEST(FrameworkOrder, PopxRunsThePostgresVariantOnly) {
    auto files = collect_migration_files({(k_root / "popx" / "autocommit").string()});
    ASSERT_TRUE(files.has_value());
    std::vector<std::string> run;
    for (const CollectedFile& file : *files) {
        if (file.placement.skipped.empty()) {
            run.push_back(fs::path{file.path}.filename().string());
        }
    }
    EXPECT_EQ(run, (std::vector<std::string>{"20240101000000000000_identities.up.sql",
                                             "20240102000000000000_identities_nid.postgres.up.sql",
                                             "20240103000000000000_identities_state.autocommit.up.sql"}));
}

TEST(CheckDown, DownMigrationsAreLintedOnlyWhenAsked) {
    const fs::path dir = k_root / "golang-migrate" / "alone-in-file";
    for (const std::string& name : names_in_order(dir)) {
        EXPECT_EQ(name.find(".down.sql"), std::string::npos) << name;
    }
    const auto with_down = names_in_order(dir, CollectOptions{"", true});
    EXPECT_EQ(std::count_if(with_down.begin(), with_down.end(),
                            [](const std::string& name) { return name.find(".down.sql") != std::string::npos; }),
              3);
    // dbmate keeps its down in the same file: --check-down lints that section too.
    AnalysisOptions options = options_for({"--check-down", "x.sql"});
    options.rules = rules_named({"require-concurrent-index-creation"});
    const std::string text = "-- migrate:up\nSELECT 1;\n-- migrate:down\nCREATE INDEX users_idx ON users (id);\n";
    EXPECT_EQ(analyze_file(SourceFile{"x.sql", "x.sql", text}, options).findings.size(), 1U);
    options.config.check_down = false;
    EXPECT_TRUE(analyze_file(SourceFile{"x.sql", "x.sql", text}, options).findings.empty());
}

TEST(FrameworkOverride, ForcedFrameworkWinsAndSaysSo) {
    AnalysisOptions options = options_for({"--framework", "flyway", (k_root / "dbmate").string()});
    EXPECT_EQ(options.config.framework, "flyway");
    options.rules.clear();
    const Report report = check_tree(k_root / "dbmate" / "transaction-false", options);
    ASSERT_FALSE(report.files.empty());
    for (const FileReport& file : report.files) {
        EXPECT_EQ(file.framework, "flyway");
        EXPECT_NE(file.framework_reason.find("--framework"), std::string::npos);
    }
}

// Two CONCURRENTLY statements in a file without markers: psql -f runs them one by
// one, Prisma as one script (one implicit transaction), so the findings follow the
// framework, and the text and JSON reports say which one and who chose it.
TEST(FrameworkOverride, ConfigKeyAndFlagChooseTheFrameworkAndTheReportsSaySo) {
    TempDir project{"migsafe-framework"};
    fs::create_directories(project.path() / "migrations");
    std::ofstream{project.path() / "migrations" / "001_indexes.sql"}
        << "CREATE INDEX CONCURRENTLY a_idx ON t (a);\nCREATE INDEX CONCURRENTLY b_idx ON t (b);\n";
    const std::string dir = (project.path() / "migrations").string();

    const ProcessResult detected = migsafe({"check", "--color", "never", dir});
    EXPECT_EQ(detected.exit_code, 0) << detected.out;
    EXPECT_NE(detected.out.find("Read as plain: 1 file (no framework layout or marker found"), std::string::npos)
        << detected.out;

    std::ofstream{project.path() / ".migsafe.json"} << R"({"framework": "prisma"})";
    const ProcessResult configured = migsafe({"check", "--color", "never", dir});
    EXPECT_EQ(configured.exit_code, 1) << configured.out;
    EXPECT_NE(configured.out.find("[concurrently-in-transaction]"), std::string::npos) << configured.out;
    EXPECT_NE(configured.out.find("Read as prisma: 1 file (set by \"framework\" in "), std::string::npos)
        << configured.out;

    const ProcessResult flagged = migsafe({"check", "--format", "json", "--framework", "golang-migrate", dir});
    EXPECT_EQ(flagged.exit_code, 1) << flagged.err;
    const auto json = nlohmann::json::parse(flagged.out);
    ASSERT_EQ(json["files"].size(), 1U);
    EXPECT_EQ(json["files"][0]["framework"], "golang-migrate");
    EXPECT_EQ(json["files"][0]["framework_reason"], "set by --framework");
}

TEST(FrameworkOverride, UnknownFrameworkIsAUsageErrorListingTheKnownOnes) {
    CLI::App app;
    cli::AnalysisArguments arguments;
    cli::add_analysis_options(app, arguments);
    app.parse(std::vector<std::string>{"x.sql", "nope", "--framework"});
    auto options = cli::analysis_options(cli::AnalysisKind::check, arguments);
    ASSERT_FALSE(options.has_value());
    EXPECT_NE(options.error().message.find("golang-migrate"), std::string::npos);
}

TEST(FrameworkPlan, LoneFilesAreReadByTheirMarkers) {
    const SourceFile goose{"-", "stdin.sql",
                           "-- +goose Up\n-- +goose StatementBegin\nSELECT 1\n-- +goose StatementEnd\n"
                           "SELECT 2;\n-- +goose Down\nSELECT 3;\n"};
    const FilePlan plan = plan_file(goose, PlanOptions{});
    EXPECT_EQ(plan.framework, "goose");
    ASSERT_EQ(plan.up.size(), 1U);
    EXPECT_EQ(plan.up.front().pieces.size(), 2U);  // the block, then the statement after it
    EXPECT_EQ(plan.up.front().transaction, TransactionMode::per_file);
    ASSERT_EQ(plan.down.size(), 1U);
    const ParsedSection parsed = parse_section(goose, plan.up.front(), ModelContext{});
    EXPECT_TRUE(parsed.parsed.errors.empty());
    EXPECT_EQ(parsed.parsed.statements.size(), 2U);

    const FilePlan plain = plan_file(SourceFile{"-", "stdin.sql", "SELECT 1;"}, PlanOptions{});
    EXPECT_EQ(plain.framework, "plain");
    EXPECT_NE(plain.reason.find("psql"), std::string::npos);
}

TEST(FrameworkPlan, LiquibaseRollbackLinesAreTheDownSection) {
    const std::string text =
        "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE t (id int);\n--rollback DROP TABLE t;\n";
    const SourceFile file{"-", "changelog.sql", text};
    const FilePlan plan = plan_file(file, PlanOptions{});
    ASSERT_EQ(plan.down.size(), 1U);
    const ParsedSection down = parse_section(file, plan.down.front(), ModelContext{});
    ASSERT_EQ(down.parsed.statements.size(), 1U);
    EXPECT_EQ(down.parsed.statements.front().sql, "DROP TABLE t");
    EXPECT_EQ(text.substr(down.parsed.statements.front().span.begin, 12), "DROP TABLE t");
}

}  // namespace
}  // namespace migsafe::testing
