// The machine and editor outputs: gcc, github and markdown goldens for every
// testdata/reports/<case>.sql, each severity's level in every format, SARIF
// structure and fingerprints, and the escaping
// that keeps SQL from a pull request inside the annotation it belongs to.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "analysis_command.hpp"
#include "fixture_format.hpp"
#include "migsafe/diagnostic.hpp"
#include "migsafe/report.hpp"
#include "migsafe/rule_docs.hpp"
#include "migsafe/rule_registry.hpp"
#include "text_file.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const fs::path k_source_dir{MIGSAFE_SOURCE_DIR};
const fs::path k_reports = k_source_dir / "testdata" / "reports";

using test_support::read_text;

// Options as `migsafe check <header flags>` builds them, keeping only the rules the
// header enables, so a rule added later does not change these goldens.
AnalysisOptions case_options(const std::string& text) {
    const testing::FixtureSpec spec = testing::parse_fixture_spec(text);
    CLI::App app;
    cli::AnalysisArguments arguments;
    cli::add_analysis_options(app, arguments);
    std::vector<std::string> argv = spec.flags;
    argv.emplace_back("case.sql");
    std::reverse(argv.begin(), argv.end());  // CLI11 consumes a reversed vector
    app.parse(argv);
    auto options = cli::analysis_options(cli::AnalysisKind::check, arguments);
    EXPECT_TRUE(options.has_value()) << (options ? "" : options.error().describe());
    AnalysisOptions result = options ? *options : AnalysisOptions{};
    std::erase_if(result.rules, [&](const ActiveRule& active) {
        return std::none_of(arguments.enable.begin(), arguments.enable.end(),
                            [&](const std::string& id) { return find_rule(id) == active.rule; });
    });
    result.keep_statements = true;
    return result;
}

// A report over files under testdata/reports, with paths as the CLI shows them
// when run from the repository root.
Report analyze_case_text(const std::string& name, const std::string& text) {
    const SourceFile source{(k_reports / name).string(), "testdata/reports/" + name, text};
    Report report;
    report.files.push_back(analyze_file(source, case_options(text)));
    return report;
}

Report analyze_case(const std::string& name) { return analyze_case_text(name, read_text(k_reports / name)); }

RenderOptions render_options() {
    RenderOptions options;
    options.source_root = k_source_dir.string();
    return options;
}

std::string render(OutputFormat format, const Report& report) {
    std::ostringstream out;
    std::string text;
    switch (format) {
        case OutputFormat::gcc: render_gcc(report, out); break;
        case OutputFormat::github: render_github(report, render_options(), out); break;
        case OutputFormat::markdown: render_markdown(report, render_options(), out); break;
        case OutputFormat::sarif: write_report_sarif(report, render_options(), text); return text;
        case OutputFormat::json: write_report_json(report, text); return text;
        case OutputFormat::text: render_check_text(report, RenderOptions{}, out); break;
    }
    return out.str();
}

std::vector<std::string> report_cases() {
    std::vector<std::string> cases;
    for (const auto& entry : fs::directory_iterator{k_reports}) {
        if (entry.path().extension() == ".sql") {
            cases.push_back(entry.path().filename().string());
        }
    }
    std::sort(cases.begin(), cases.end());
    return cases;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream{text};
    for (std::string line; std::getline(stream, line);) {
        lines.push_back(line);
    }
    return lines;
}

TEST(ReportFormats, GoldensMatch) {
    const bool update = std::getenv("MIGSAFE_UPDATE_GOLDEN") != nullptr;
    const std::vector<std::string> cases = report_cases();
    ASSERT_GE(cases.size(), 3U);
    for (const std::string& name : cases) {
        const Report report = analyze_case(name);
        const std::string stem = fs::path{name}.stem().string();
        for (const auto& [format, extension] : {std::pair{OutputFormat::gcc, ".gcc"},
                                                std::pair{OutputFormat::github, ".github"},
                                                std::pair{OutputFormat::markdown, ".markdown"}}) {
            const fs::path golden = k_reports / (stem + extension);
            const std::string actual = render(format, report);
            if (update) {
                std::ofstream{golden, std::ios::binary} << actual;
                continue;
            }
            ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with MIGSAFE_UPDATE_GOLDEN=1";
            EXPECT_EQ(actual, read_text(golden)) << "output differs from " << golden
                                                 << " (MIGSAFE_UPDATE_GOLDEN=1 rewrites it)";
        }
    }
}

TEST(ReportFormats, GccLinesAreOneBasedAndEndWithTheRuleId) {
    const Report report = analyze_case("dangerous.sql");
    const std::vector<std::string> lines = lines_of(render(OutputFormat::gcc, report));
    const std::regex shape{R"(^testdata/reports/dangerous\.sql:[1-9][0-9]*:[1-9][0-9]*: (error|warning|note): .+ \[[a-z0-9-]+\]$)"};
    ASSERT_EQ(lines.size(), report.files[0].findings.size() + report.files[0].errors.size());
    for (const std::string& line : lines) {
        EXPECT_TRUE(std::regex_match(line, shape)) << line;
    }
    // Line 3 is `/* café 😀 */ CREATE INDEX ...`: 13 characters (not 17 bytes) precede it.
    EXPECT_EQ(lines[0].rfind("testdata/reports/dangerous.sql:3:14: error: CREATE INDEX", 0), 0U) << lines[0];
    EXPECT_NE(std::find(lines.begin(), lines.end(),
                        "testdata/reports/dangerous.sql:10:1: error: Statement does not parse as PostgreSQL 15: "
                        "syntax error at or near \"SELEC\" [syntax-error]"),
              lines.end());
}

// severities.sql has one finding per severity; each format names it in its own
// vocabulary (the goldens hold the whole lines, this says which word is meant).
TEST(ReportFormats, EachSeverityKeepsItsLevelInEveryFormat) {
    struct Expected {
        std::string rule;
        int line;
        std::string gcc;
        std::string github;
        std::string sarif;
        std::string markdown;
    };
    const std::vector<Expected> expected = {
        {"require-concurrent-index-creation", 3, "error", "error", "error", "error"},
        {"drop-column", 4, "warning", "warning", "warning", "warning"},
        {"prefer-jsonb", 5, "note", "notice", "note", "hint"},
    };
    const Report report = analyze_case("severities.sql");
    ASSERT_EQ(report.files[0].findings.size(), expected.size());
    const std::string gcc = render(OutputFormat::gcc, report);
    const std::string github = render(OutputFormat::github, report);
    const std::string markdown = render(OutputFormat::markdown, report);
    const Json results = Json::parse(render(OutputFormat::sarif, report))["runs"][0]["results"];
    ASSERT_EQ(results.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Expected& want = expected[i];
        const std::string line = std::to_string(want.line);
        const std::regex gcc_line{"(^|\n)testdata/reports/severities\\.sql:" + line + ":[0-9]+: " + want.gcc +
                                  ": [^\n]* \\[" + want.rule + "\\]\n"};
        EXPECT_TRUE(std::regex_search(gcc, gcc_line)) << gcc;
        EXPECT_NE(github.find("::" + want.github + " file=testdata/reports/severities.sql,line=" + line + ","),
                  std::string::npos)
            << github;
        EXPECT_EQ(results[i]["ruleId"], want.rule);
        EXPECT_EQ(results[i]["level"], want.sarif);
        EXPECT_NE(markdown.find("| **" + want.markdown + "** | " + line + " | [" + want.rule + "]"),
                  std::string::npos)
            << markdown;
    }
    EXPECT_NE(markdown.find("## migsafe: 1 error, 1 warning, 1 hint in 1 file"), std::string::npos) << markdown;
}

TEST(GithubEscaping, DataEscapesPercentAndLineBreaks) {
    EXPECT_EQ(github_escape_data("100% done\r\n::warning::x"), "100%25 done%0D%0A::warning::x");
    EXPECT_EQ(github_escape_data("%0A"), "%250A");
}

TEST(GithubEscaping, PropertiesAlsoEscapeColonAndComma) {
    EXPECT_EQ(github_escape_property("a,b:c%d\ne\r"), "a%2Cb%3Ac%25d%0Ae%0D");
}

// The injection case names a table "evil\n::warning file=README.md,...": every
// output line must still be exactly one migsafe annotation.
TEST(GithubEscaping, SqlCannotInjectWorkflowCommands) {
    const Report report = analyze_case("injection.sql");
    ASSERT_EQ(report.files[0].findings.size(), 2U);
    const std::vector<std::string> lines = lines_of(render(OutputFormat::github, report));
    ASSERT_EQ(lines.size(), 2U);
    const std::regex shape{
        R"(^::error file=testdata/reports/injection\.sql,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=migsafe%3A require-concurrent-index-creation::[^\r\n]*$)"};
    for (const std::string& line : lines) {
        EXPECT_TRUE(std::regex_match(line, shape)) << line;
    }
    EXPECT_NE(lines[0].find("evil%0A::warning file=README.md,line=1::injected%250A takes"), std::string::npos)
        << lines[0];
}

TEST(GithubEscaping, FileNamesWithSeparatorsStayOneProperty) {
    Report report = analyze_case("injection.sql");
    report.files[0].path = (k_source_dir / "db" / "V1,a:b%.sql").string();
    const std::vector<std::string> lines = lines_of(render(OutputFormat::github, report));
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0].rfind("::error file=db/V1%2Ca%3Ab%25.sql,line=3,", 0), 0U) << lines[0];
}

TEST(MarkdownReport, EscapesTableCellsAndHtml) {
    const std::string markdown = render(OutputFormat::markdown, analyze_case("injection.sql"));
    // Outside code fences (where GitHub renders no HTML) no tag from the SQL survives.
    std::string prose;
    bool in_fence = false;
    for (const std::string& line : lines_of(markdown)) {
        if (line.rfind("```", 0) == 0) {
            in_fence = !in_fence;
        } else if (!in_fence) {
            prose += line + "\n";
        }
    }
    EXPECT_EQ(prose.find("<script>"), std::string::npos) << markdown;
    EXPECT_NE(markdown.find("pipe\\|&lt;script&gt;alert(1)&lt;/script&gt;\\`x\\`"), std::string::npos) << markdown;
    // Every table row keeps its five cells: escaped pipes do not open new ones.
    for (const std::string& line : lines_of(markdown)) {
        if (line.rfind("| **", 0) == 0) {
            std::size_t separators = 0;
            for (std::size_t i = 0; i < line.size(); ++i) {
                separators += line[i] == '|' && (i == 0 || line[i - 1] != '\\') ? 1 : 0;
            }
            EXPECT_EQ(separators, 6U) << line;
        }
    }
}

TEST(MarkdownReport, ShowsLocksAndFoldsFixPlans) {
    const std::string markdown = render(OutputFormat::markdown, analyze_case("dangerous.sql"));
    EXPECT_NE(markdown.find("## migsafe: 5 errors, 0 warnings in 1 file"), std::string::npos) << markdown;
    EXPECT_NE(markdown.find("| ACCESS EXCLUSIVE on users (rewrite) |"), std::string::npos) << markdown;
    EXPECT_NE(markdown.find("<details>\n<summary>Fix plan for line 3 (require-concurrent-index-creation): 1 phase"),
              std::string::npos)
        << markdown;
    EXPECT_NE(markdown.find("CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx"), std::string::npos);
}

TEST(MarkdownReport, CleanRunSaysSo) {
    const std::string markdown = render(OutputFormat::markdown, analyze_case("clean.sql"));
    EXPECT_EQ(markdown.rfind("## migsafe: no problems found\n", 0), 0U) << markdown;
}

TEST(Sarif, DriverListsEveryRuleAndResultsPointIntoIt) {
    const Json log = Json::parse(render(OutputFormat::sarif, analyze_case("dangerous.sql")));
    EXPECT_EQ(log["version"], "2.1.0");
    ASSERT_EQ(log["runs"].size(), 1U);
    const Json& run = log["runs"][0];
    const Json& driver = run["tool"]["driver"];
    EXPECT_EQ(driver["name"], "migsafe");
    EXPECT_EQ(driver["version"], MIGSAFE_VERSION);
    EXPECT_EQ(driver["informationUri"].get<std::string>().rfind("https://", 0), 0U);
    const Json& rules = driver["rules"];
    for (const Rule* rule : all_rules()) {
        const auto found = std::find_if(rules.begin(), rules.end(),
                                        [&](const Json& descriptor) { return descriptor["id"] == rule->meta.id; });
        ASSERT_NE(found, rules.end()) << rule->meta.id;
        EXPECT_EQ((*found)["shortDescription"]["text"], rule->meta.summary);
        EXPECT_EQ((*found)["fullDescription"]["text"], rule->meta.rationale);
        // The same renderer as docs/rules and `migsafe rule`.
        EXPECT_EQ((*found)["help"]["markdown"], rule_doc_markdown(rule->meta));
        EXPECT_EQ((*found)["help"]["text"], rule_doc_text(rule->meta));
        EXPECT_EQ((*found)["defaultConfiguration"]["level"], rule->meta.default_severity == Severity::hint ? "note"
                                                                 : std::string{severity_name(rule->meta.default_severity)});
        EXPECT_TRUE((*found)["properties"]["tags"].is_array());
    }
    const Json& results = run["results"];
    ASSERT_EQ(results.size(), 5U);
    for (const Json& result : results) {
        const std::size_t index = result["ruleIndex"].get<std::size_t>();
        ASSERT_LT(index, rules.size());
        EXPECT_EQ(rules[index]["id"], result["ruleId"]);
        const Json& location = result["locations"][0]["physicalLocation"];
        EXPECT_EQ(location["artifactLocation"]["uri"], "testdata/reports/dangerous.sql");
        EXPECT_EQ(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        EXPECT_GE(location["region"]["startLine"].get<int>(), 1);
        EXPECT_GE(location["region"]["startColumn"].get<int>(), 1);
        EXPECT_TRUE(result["partialFingerprints"].contains("migsafe/v1"));
    }
    // `/* café 😀 */ CREATE INDEX users_email_idx ON users (email);` : columns 14..58, end exclusive.
    EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"],
              Json({{"startLine", 3}, {"startColumn", 14}, {"endLine", 3}, {"endColumn", 59}}));
    EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
    const auto syntax = std::find_if(results.begin(), results.end(),
                                     [](const Json& result) { return result["ruleId"] == "syntax-error"; });
    ASSERT_NE(syntax, results.end());
    EXPECT_EQ((*syntax)["level"], "error");
    EXPECT_EQ((*syntax)["locations"][0]["physicalLocation"]["region"]["startLine"], 10);
}

TEST(Sarif, EmptyRunIsStillWritten) {
    const Json log = Json::parse(render(OutputFormat::sarif, analyze_case("clean.sql")));
    ASSERT_EQ(log["runs"].size(), 1U);
    EXPECT_TRUE(log["runs"][0]["results"].is_array());
    EXPECT_TRUE(log["runs"][0]["results"].empty());
    EXPECT_FALSE(log["runs"][0]["tool"]["driver"]["rules"].empty());
}

std::map<std::string, std::string> fingerprints_by_rule(const std::string& text) {
    const Json log = Json::parse(render(OutputFormat::sarif, analyze_case_text("dangerous.sql", text)));
    std::map<std::string, std::string> fingerprints;
    for (const Json& result : log["runs"][0]["results"]) {
        fingerprints[result["ruleId"].get<std::string>()] = result["partialFingerprints"]["migsafe/v1"];
    }
    return fingerprints;
}

TEST(Sarif, FingerprintsSurviveUnrelatedEditsButNotChangesToTheStatement) {
    const std::string original = read_text(k_reports / "dangerous.sql");
    const auto before = fingerprints_by_rule(original);
    ASSERT_EQ(before.size(), 5U);

    // Lines inserted above, a statement reformatted, comments added: same alerts.
    std::string moved = original;
    moved.insert(moved.find("/* café"), "\n\n-- a new comment\nCREATE TABLE unrelated (id int);\n");
    const std::string old_alter = "ALTER TABLE users ALTER COLUMN id TYPE varchar(255);";
    moved.replace(moved.find(old_alter), old_alter.size(),
                  "ALTER TABLE users\n    ALTER COLUMN id  -- why\n    TYPE varchar(255);");
    EXPECT_EQ(fingerprints_by_rule(moved), before);

    std::string changed = original;
    changed.replace(changed.find("varchar(255)"), 12, "varchar(100)");
    const auto after = fingerprints_by_rule(changed);
    EXPECT_NE(after.at("changing-column-type"), before.at("changing-column-type"));
    EXPECT_EQ(after.at("require-concurrent-index-creation"), before.at("require-concurrent-index-creation"));
}

TEST(Sarif, FileOutsideTheRootGetsAnAbsoluteFileUri) {
    Report report = analyze_case("clean.sql");
    report.files[0].findings.clear();
    report.files[0].errors.push_back(FileError{"input", "file is empty", ByteSpan{0, 1}, Range{}, ""});
    report.files[0].path = "/elsewhere/with space/V1.sql";
    const Json log = Json::parse(render(OutputFormat::sarif, report));
    const Json& location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    EXPECT_EQ(location["uri"], "file:///elsewhere/with%20space/V1.sql");
    EXPECT_FALSE(location.contains("uriBaseId"));
    EXPECT_EQ(log["runs"][0]["results"][0]["ruleId"], "input-error");
}

TEST(NormalizedSql, DropsCommentsAndCollapsesWhitespaceOutsideLiterals) {
    EXPECT_EQ(normalized_sql("ALTER  TABLE t -- c\n\t ADD x int /* y /* nested */ */ DEFAULT 'a  b'"),
              "ALTER TABLE t ADD x int DEFAULT 'a  b'");
    EXPECT_EQ(normalized_sql("SELECT \"two  spaces\", $tag$ keep  -- this $tag$, E'it\\'s  x'"),
              "SELECT \"two  spaces\", $tag$ keep  -- this $tag$, E'it\\'s  x'");
    EXPECT_EQ(normalized_sql("a-b/c"), "a-b/c");
}

TEST(ReportPaths, RelativeToTheRootOrNothing) {
    EXPECT_EQ(path_relative_to((k_source_dir / "testdata" / "x.sql").string(), k_source_dir.string()),
              std::optional<std::string>{"testdata/x.sql"});
    EXPECT_EQ(path_relative_to("/definitely/elsewhere.sql", k_source_dir.string()), std::nullopt);
}

TEST(ReportPaths, SourceRootIsTheNearestDirectoryHoldingGit) {
    std::string pattern = (fs::temp_directory_path() / "migsafe-root-XXXXXX").string();
    const fs::path root = fs::weakly_canonical(fs::path{mkdtemp(pattern.data())});
    fs::create_directories(root / "repo" / ".git");
    fs::create_directories(root / "repo" / "db" / "migrations");
    EXPECT_EQ(find_source_root((root / "repo" / "db" / "migrations").string()), (root / "repo").string());
    EXPECT_EQ(find_source_root((root / "repo").string()), (root / "repo").string());
    fs::remove_all(root);
}

TEST(OutputFormatNames, EveryNameParses) {
    for (const std::string& name : output_format_names()) {
        EXPECT_TRUE(parse_output_format(name).has_value()) << name;
    }
    EXPECT_FALSE(parse_output_format("xml").has_value());
}

}  // namespace
}  // namespace migsafe
