// The built binary, end to end: exit codes 0/1/2, bad input, output options.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "migsafe_process.hpp"
#include "subprocess.hpp"
#include "text_file.hpp"
#include "pg_server.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;
using pgtest::ProcessResult;

const fs::path k_inputs = fs::path{MIGSAFE_SOURCE_DIR} / "testdata" / "input";

using test_support::migsafe;

std::string input(const std::string& name) { return (k_inputs / name).string(); }

using TempDir = pgtest::TemporaryDirectory;

TEST(Cli, FindingsExitOneAndNameRuleLineAndColumn) {
    const ProcessResult result = migsafe({"check", "--color", "never", input("four-dangerous-patterns.sql")});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.out.find("four-dangerous-patterns.sql:2:19: error: "), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("[changing-column-type]"), std::string::npos);
    EXPECT_NE(result.out.find("help: "), std::string::npos);
    EXPECT_NE(result.out.find("^^^^"), std::string::npos);
    EXPECT_NE(result.out.find("4 errors, 1 warning, 2 hints in 1 file"), std::string::npos) << result.out;
}

TEST(Cli, JsonReportsTheFourPatternsWithPgLockNames) {
    const ProcessResult result = migsafe({"check", "--format", "json", input("four-dangerous-patterns.sql")});
    ASSERT_EQ(result.exit_code, 1) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    const auto& file = json["files"][0];
    std::map<std::string, int> line_of_rule;
    for (const auto& finding : file["findings"]) {
        line_of_rule[finding["rule"].get<std::string>()] = finding["range"]["start"]["line"].get<int>();
    }
    EXPECT_EQ(line_of_rule["changing-column-type"], 2);
    EXPECT_EQ(line_of_rule["require-concurrent-index-creation"], 3);
    EXPECT_EQ(line_of_rule["add-foreign-key-without-not-valid"], 4);
    EXPECT_EQ(line_of_rule["concurrently-in-transaction"], 6);

    const auto& statements = file["statements"];
    EXPECT_TRUE(statements[0]["rewrite"].get<bool>());
    EXPECT_EQ(statements[0]["locks"][0]["mode"], "AccessExclusiveLock");
    EXPECT_EQ(statements[1]["locks"][0]["relation"], "users");
    EXPECT_EQ(statements[1]["locks"][0]["mode"], "ShareLock");
    ASSERT_EQ(statements[2]["locks"].size(), 2U);
    for (const auto& lock : statements[2]["locks"]) {
        EXPECT_EQ(lock["mode"], "ShareRowExclusiveLock") << lock;
    }
    EXPECT_TRUE(statements[4]["in_transaction"].get<bool>());
    EXPECT_FALSE(statements[0]["in_transaction"].get<bool>());
}

TEST(Cli, SafeFileExitsZero) {
    const ProcessResult result = migsafe({"check", input("safe.sql")});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_NE(result.out.find("No problems found"), std::string::npos);
}

TEST(Cli, FailOnErrorIgnoresLowerSeverities) {
    EXPECT_EQ(migsafe({"check", "--fail-on", "error", input("four-dangerous-patterns.sql")}).exit_code, 1);
    EXPECT_EQ(migsafe({"check", "--fail-on", "hint", input("safe.sql")}).exit_code, 0);
}

struct BadInput {
    std::string file;
    std::string location;  // "file:line:col" suffix expected in the message
    std::string message;
};

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, ClearMessageWithPositionAndExitTwo) {
    const BadInput& bad = GetParam();
    const ProcessResult result = migsafe({"check", "--color", "never", input(bad.file)});
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_NE(result.out.find(bad.file + ":" + bad.location + ": error: "), std::string::npos) << result.out;
    EXPECT_NE(result.out.find(bad.message), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find('\0'), std::string::npos) << "raw binary reached the terminal";
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, CliBadInput,
    ::testing::Values(BadInput{"empty.sql", "1:1", "file is empty"},
                      BadInput{"only-comments.sql", "1:1", "only comments"},
                      BadInput{"invalid-utf8.sql", "2:8", "invalid UTF-8"},
                      BadInput{"binary.sql", "2:1", "binary file"},
                      BadInput{"unterminated-string.sql", "2:23", "unterminated quoted string"},
                      BadInput{"unterminated-dollar-quote.sql", "2:36", "unterminated dollar-quoted string"},
                      BadInput{"syntax-error.sql", "2:25", "syntax error at end of input"}),
    [](const auto& param_info) {
        std::string name = param_info.param.file.substr(0, param_info.param.file.find('.'));
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

TEST(Cli, SyntaxErrorDoesNotHideLaterStatements) {
    const ProcessResult result =
        migsafe({"check", "--format", "json", "--disable", "prefer-robust-stmts", "--assume-lock-timeout",
                 input("syntax-error.sql")});
    EXPECT_EQ(result.exit_code, 2);
    const auto json = nlohmann::json::parse(result.out);
    ASSERT_EQ(json["files"][0]["errors"].size(), 1U);
    ASSERT_EQ(json["files"][0]["findings"].size(), 1U);
    EXPECT_EQ(json["files"][0]["findings"][0]["rule"], "require-concurrent-index-creation");
}

TEST(Cli, AllowParseErrorsTurnsThemIntoFindings) {
    const ProcessResult result = migsafe({"check", "--allow-parse-errors", "--color", "never", input("syntax-error.sql")});
    EXPECT_EQ(result.exit_code, 1) << result.out;
    EXPECT_NE(result.out.find("syntax-error.sql:2:25: error: Statement does not parse"), std::string::npos) << result.out;
}

TEST(Cli, MissingPathAndEmptyDirectoryExitTwo) {
    const ProcessResult missing = migsafe({"check", "/nonexistent/V1__x.sql"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("/nonexistent/V1__x.sql: no such file or directory"), std::string::npos) << missing.err;
    TempDir empty{"migsafe-test"};
    const ProcessResult no_sql = migsafe({"check", empty.path().string()});
    EXPECT_EQ(no_sql.exit_code, 2);
    EXPECT_NE(no_sql.err.find("contains no .sql files"), std::string::npos) << no_sql.err;
}

// A run that `error` stopped: one run, no results, and the error in the
// invocation, where code scanning shows a tool's own failures.
void expect_failed_run_sarif(const std::string& sarif, const std::string& error) {
    ASSERT_TRUE(nlohmann::json::accept(sarif)) << sarif;
    const nlohmann::json log = nlohmann::json::parse(sarif);
    EXPECT_EQ(log["version"], "2.1.0");
    ASSERT_EQ(log["runs"].size(), 1U);
    const nlohmann::json& run = log["runs"][0];
    EXPECT_EQ(run["results"], nlohmann::json::array());
    EXPECT_FALSE(run["tool"]["driver"]["rules"].empty());
    const nlohmann::json& invocation = run["invocations"][0];
    EXPECT_EQ(invocation["executionSuccessful"], false);
    ASSERT_EQ(invocation["toolExecutionNotifications"].size(), 1U) << invocation.dump(2);
    const nlohmann::json& notification = invocation["toolExecutionNotifications"][0];
    EXPECT_EQ(notification["level"], "error");
    EXPECT_NE(notification["message"]["text"].get<std::string>().find(error), std::string::npos) << notification;
}

// An upload that runs `if: always()` after a failed check needs a file to upload.
TEST(Cli, SarifIsWrittenEvenWhenTheRunStopsEarly) {
    TempDir dir{"migsafe-test"};
    fs::create_directories(dir.path() / "empty");
    const fs::path sarif = dir.path() / "e.sarif";
    const ProcessResult no_sql =
        migsafe({"check", "--format", "sarif", "--output", sarif.string(), (dir.path() / "empty").string()});
    EXPECT_EQ(no_sql.exit_code, 2);
    EXPECT_NE(no_sql.err.find("contains no .sql files"), std::string::npos) << no_sql.err;
    expect_failed_run_sarif(test_support::read_text(sarif), "contains no .sql files");

    const ProcessResult missing = migsafe({"check", "--format", "sarif", "/nonexistent/V1__x.sql"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("/nonexistent/V1__x.sql: no such file or directory"), std::string::npos) << missing.err;
    expect_failed_run_sarif(missing.out, "/nonexistent/V1__x.sql: no such file or directory");

    const ProcessResult unknown_rule =
        migsafe({"check", "--format", "sarif", "--enable", "require-concurent-index-creation", input("safe.sql")});
    EXPECT_EQ(unknown_rule.exit_code, 2);
    expect_failed_run_sarif(unknown_rule.out, "did you mean 'require-concurrent-index-creation'");

    // Other formats keep stdout empty: their readers take any line for a finding.
    const ProcessResult gcc = migsafe({"check", "--format", "gcc", "/nonexistent/V1__x.sql"});
    EXPECT_EQ(gcc.exit_code, 2);
    EXPECT_EQ(gcc.out, "");
}

TEST(Cli, DirectoryIsCheckedInMigrationOrder) {
    TempDir dir{"migsafe-test"};
    std::ofstream{dir.path() / "V10__later.sql"} << "CREATE INDEX b ON t (b);\n";
    std::ofstream{dir.path() / "V2__earlier.sql"} << "CREATE INDEX a ON t (a);\n";
    std::ofstream{dir.path() / "notes.txt"} << "not sql\n";
    const ProcessResult result = migsafe({"check", "--format", "json", dir.path().string()});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    ASSERT_EQ(json["files"].size(), 2U);
    EXPECT_NE(json["files"][0]["path"].get<std::string>().find("V2__earlier.sql"), std::string::npos);
    EXPECT_NE(json["files"][1]["path"].get<std::string>().find("V10__later.sql"), std::string::npos);
}

// JSON file entries are rendered apart, on the worker threads, as files finish:
// put back together they must be the one document a single writer would give,
// at any -j, with excluded, empty and unreadable files among them.
TEST(Cli, JsonRenderedFileByFileIsOneWellFormedDocumentAtAnyJobs) {
    TempDir dir{"migsafe-test"};
    fs::create_directories(dir.path() / ".git");  // the config search stops here
    std::ofstream{dir.path() / ".migsafe.json"} << R"({"exclude": ["V7__*"]})";
    for (int i = 1; i <= 30; ++i) {
        std::ofstream file{dir.path() / ("V" + std::to_string(i) + "__m.sql")};
        if (i == 3) {
            continue;  // empty
        }
        if (i == 5) {
            file << std::string{"CREATE TABLE b (\0);", 20};  // binary: a file error
            continue;
        }
        file << "CREATE TABLE t" << i << " (id int PRIMARY KEY, note text);\n"
             << "ALTER TABLE t" << i << " ADD COLUMN n int NOT NULL DEFAULT 0;\n"
             << "CREATE INDEX t" << i << "_note ON t" << i << " (note);\n";
    }
    const ProcessResult serial = migsafe({"check", "--format", "json", "-j", "1", dir.path().string()});
    const ProcessResult parallel = migsafe({"check", "--format", "json", "-j", "3", dir.path().string()});
    EXPECT_EQ(serial.exit_code, 2) << serial.err;  // the binary file
    EXPECT_EQ(parallel.exit_code, 2) << parallel.err;
    EXPECT_EQ(serial.out, parallel.out);
    const auto json = nlohmann::ordered_json::parse(serial.out);
    ASSERT_EQ(json["files"].size(), 29U);  // V7 excluded
    EXPECT_NE(json["files"][6]["path"].get<std::string>().find("V8__m.sql"), std::string::npos);
    EXPECT_FALSE(json["files"][4]["errors"].empty());
    EXPECT_EQ(json["files"][29 - 1]["statements"].size(), 3U);
    // Same commas, indentation and empty-array forms as one writer's output.
    EXPECT_EQ(json.dump(2) + "\n", serial.out);
}

TEST(Cli, EmptyFileInsideADirectoryIsNotAnError) {
    TempDir dir{"migsafe-test"};
    std::ofstream{dir.path() / "1_noop.up.sql"} << "";
    std::ofstream{dir.path() / "2_index.up.sql"} << "CREATE INDEX CONCURRENTLY a ON t (a);\n";
    EXPECT_EQ(migsafe({"check", dir.path().string()}).exit_code, 0);
}

TEST(Cli, StandardInputUsesStdinFilename) {
    const ProcessResult result = migsafe({"check", "--color", "never", "--stdin-filename", "db/V3__idx.sql", "-"},
                                         "CREATE INDEX i ON t (c);\n");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("db/V3__idx.sql:1:1: error: "), std::string::npos) << result.out;
}

TEST(Cli, ColorOnlyWhenAskedAndNeverWithNoColor) {
    const std::string file = input("four-dangerous-patterns.sql");
    EXPECT_NE(migsafe({"check", "--color", "always", file}).out.find("\x1b["), std::string::npos);
    EXPECT_EQ(migsafe({"check", "--color", "never", file}).out.find("\x1b["), std::string::npos);
    // Not a TTY: auto means no colour.
    EXPECT_EQ(migsafe({"check", file}).out.find("\x1b["), std::string::npos);
    EXPECT_EQ(migsafe({"check", file}, {}, {{"NO_COLOR", "1"}}).out.find("\x1b["), std::string::npos);
}

// `script` (util-linux) gives the child a pseudo-terminal, where auto turns colour on.
TEST(Cli, ColorAutoFollowsTheTerminalAndNoColor) {
    if (!fs::exists("/usr/bin/script")) {
        GTEST_SKIP() << "no /usr/bin/script to run migsafe on a terminal";
    }
    const std::string command =
        "'" + std::string{MIGSAFE_BINARY} + "' check '" + input("four-dangerous-patterns.sql") + "'";
    auto on_terminal = [&](std::vector<std::pair<std::string, std::string>> env) {
        pgtest::ProcessRequest request;
        request.argv = {"/usr/bin/script", "-qec", command, "/dev/null"};
        request.env = std::move(env);
        request.drop_env_prefixes = {"NO_COLOR"};
        request.timeout = std::chrono::minutes(2);
        return pgtest::run_process(request);
    };
    const pgtest::ProcessResult colored = on_terminal({});
    EXPECT_EQ(colored.exit_code, 1) << colored.out << colored.err;
    EXPECT_NE(colored.out.find("\x1b["), std::string::npos) << colored.out;
    EXPECT_NE(colored.out.find("[changing-column-type]"), std::string::npos) << colored.out;
    const pgtest::ProcessResult plain = on_terminal({{"NO_COLOR", "1"}});
    EXPECT_EQ(plain.exit_code, 1) << plain.out << plain.err;
    EXPECT_EQ(plain.out.find("\x1b["), std::string::npos) << plain.out;
    EXPECT_NE(plain.out.find("[changing-column-type]"), std::string::npos) << plain.out;
}

TEST(Cli, PsqlMetaCommandsAreNotedNotErrors) {
    const ProcessResult result = migsafe({"check", "--color", "never", input("psql-meta-commands.sql")});
    EXPECT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("note: psql meta-command \\set skipped"), std::string::npos) << result.out;
}

TEST(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(migsafe({"check", "--no-such-flag", input("safe.sql")}).exit_code, 2);
    EXPECT_EQ(migsafe({"check", "--pg-version", "10", input("safe.sql")}).exit_code, 2);
    EXPECT_EQ(migsafe({"check", "--format", "yaml", input("safe.sql")}).exit_code, 2);
    const ProcessResult bad_flag_value = migsafe({"check", "--assume-lock-timeout=maybe", input("safe.sql")});
    EXPECT_EQ(bad_flag_value.exit_code, 2);
    EXPECT_NE(bad_flag_value.err.find("must be true or false"), std::string::npos) << bad_flag_value.err;
    EXPECT_EQ(migsafe({}).exit_code, 2);
    const ProcessResult unknown_rule = migsafe({"check", "--enable", "require-concurent-index-creation", input("safe.sql")});
    EXPECT_EQ(unknown_rule.exit_code, 2);
    EXPECT_NE(unknown_rule.err.find("did you mean 'require-concurrent-index-creation'"), std::string::npos)
        << unknown_rule.err;
    EXPECT_EQ(migsafe({"--version"}).exit_code, 0);
}

TEST(Cli, SuppressionCommentsAndEnableAllEndToEnd) {
    TempDir dir{"migsafe-test"};
    const fs::path file = dir.path() / "suppressions.sql";
    std::ofstream{file} << "-- migsafe-ignore add-column-volatil-default: typo in the id\n"
                           "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n"
                           "CREATE INDEX users_name_idx ON users (name);\n"
                           "-- migsafe-ignore-file require-concurrent-index-creation: small table\n"
                           "CREATE INDEX users_email_idx ON users (email);\n";
    const ProcessResult result = migsafe({"check", "--format", "json", file.string()});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    std::vector<std::string> seen;
    const auto report = nlohmann::json::parse(result.out);  // named: a range-for over a temporary's member dangles
    for (const auto& finding : report["files"][0]["findings"]) {
        const std::string rule = finding["rule"];
        seen.push_back(rule);
        if (rule == "unused-suppression") {
            // An unknown id is a warning that names the closest known id.
            EXPECT_EQ(finding["severity"], "warning");
            EXPECT_NE(finding["message"].get<std::string>().find("did you mean 'add-column-volatile-default'"),
                      std::string::npos);
        }
    }
    EXPECT_NE(std::find(seen.begin(), seen.end(), "unused-suppression"), seen.end());
    // The misspelt id silences nothing; the file-wide one, written mid-file, covers both indexes.
    EXPECT_NE(std::find(seen.begin(), seen.end(), "add-column-volatile-default"), seen.end());
    EXPECT_EQ(std::find(seen.begin(), seen.end(), "require-concurrent-index-creation"), seen.end());
    EXPECT_EQ(std::find(seen.begin(), seen.end(), "require-statement-timeout"), seen.end());

    const ProcessResult all = migsafe({"check", "--color", "never", "--enable-all", file.string()});
    EXPECT_NE(all.out.find("[require-statement-timeout]"), std::string::npos) << all.out;
    EXPECT_NE(all.out.find("Run 'migsafe rule <rule-id>' for why a rule matters and how to fix it."),
              std::string::npos)
        << all.out;
}

// --enable-all on the example migrations reports exactly the findings judged in
// testdata/examples/enable-all.txt.
TEST(Cli, EnableAllOnTheExamplesReportsTheJudgedFindingsAndNothingElse) {
    const fs::path source{MIGSAFE_SOURCE_DIR};
    const ProcessResult result = migsafe({"check", "--enable-all", "--format", "gcc",
                                          (source / "examples" / "migrations").string()});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    std::vector<std::string> found;
    std::istringstream lines{result.out};
    for (std::string line; std::getline(lines, line);) {
        // ".../V2__index_user_email.sql:2:1: error: message [rule-id]" -> "V2__index_user_email.sql:2:1 rule-id"
        const std::size_t name = line.rfind('/', line.find(".sql:")) + 1;
        const std::size_t position_end = line.find(": ", name);
        const std::size_t rule = line.rfind('[');
        ASSERT_NE(position_end, std::string::npos) << line;
        ASSERT_NE(rule, std::string::npos) << line;
        found.push_back(line.substr(name, position_end - name) + " " + line.substr(rule + 1, line.size() - rule - 2));
    }
    std::vector<std::string> judged;
    std::istringstream expected{test_support::read_text(source / "testdata" / "examples" / "enable-all.txt")};
    for (std::string line; std::getline(expected, line);) {
        if (!line.empty() && line[0] != '#') {
            judged.push_back(line);
        }
    }
    EXPECT_EQ(found, judged);
}

TEST(Cli, DisableByAliasSilencesTheRule) {
    const ProcessResult result = migsafe({"check", "--format", "json", "--disable", "squawk:changing-column-type",
                                          "--disable", "require-concurrent-index-creation", input("four-dangerous-patterns.sql")});
    const auto json = nlohmann::json::parse(result.out);
    for (const auto& finding : json["files"][0]["findings"]) {
        EXPECT_NE(finding["rule"], "changing-column-type");
        EXPECT_NE(finding["rule"], "require-concurrent-index-creation");
    }
}

TEST(Cli, OutputFileReplacesStdout) {
    TempDir dir{"migsafe-test"};
    const fs::path report = dir.path() / "report.json";
    const ProcessResult result =
        migsafe({"check", "--format", "json", "--output", report.string(), input("four-dangerous-patterns.sql")});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(result.out.empty());
    std::ifstream stream{report};
    std::stringstream content;
    content << stream.rdbuf();
    EXPECT_TRUE(nlohmann::json::accept(content.str())) << content.str();
    for (const auto& entry : fs::directory_iterator{dir.path()}) {
        EXPECT_EQ(entry.path().filename(), "report.json") << "temporary file left behind";
    }
}

// The JSON report's file is created before the analysis starts, the others' after
// it ends: either way a path that cannot be written is exit 2 and nothing on stdout.
TEST(Cli, OutputFileThatCannotBeCreatedExitsTwo) {
    for (const std::string format : {"json", "gcc"}) {
        const ProcessResult result = migsafe({"check", "--format", format, "--output", "/nonexistent/dir/report.out",
                                              input("four-dangerous-patterns.sql")});
        EXPECT_EQ(result.exit_code, 2) << format;
        EXPECT_TRUE(result.out.empty()) << format << ": " << result.out;
        EXPECT_NE(result.err.find("/nonexistent/dir/report.out: cannot create output file"), std::string::npos)
            << format << ": " << result.err;
    }
}

std::vector<std::string> file_names(const fs::path& directory) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator{directory}) {
        names.push_back(entry.path().filename().string());
    }
    return names;
}

struct stat stat_of(const fs::path& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info;
}

// A reader holding the old report keeps reading the old one: the new report is a
// new file renamed over it, never the old file rewritten in place.
TEST(Cli, OutputFileIsReplacedByRenameAndKeepsItsMode) {
    TempDir dir{"migsafe-test"};
    const fs::path report = dir.path() / "report.json";
    test_support::write_text(report, "old report\n");
    fs::permissions(report, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    const struct stat before = stat_of(report);
    const ProcessResult result =
        migsafe({"check", "--format", "json", "--output", report.string(), input("four-dangerous-patterns.sql")});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    const struct stat after = stat_of(report);
    EXPECT_NE(after.st_ino, before.st_ino) << "the report was written in place";
    EXPECT_EQ(after.st_mode & 07777, 0640U);
    EXPECT_TRUE(nlohmann::json::accept(test_support::read_text(report)));
    EXPECT_EQ(file_names(dir.path()), std::vector<std::string>{"report.json"}) << "temporary file left behind";
}

// Not mkstemp's 0600: a report others on the machine read (a CI artifact) must
// not turn private because it was written atomically.
TEST(Cli, NewOutputFileGetsTheUmaskMode) {
    TempDir dir{"migsafe-test"};
    const fs::path report = dir.path() / "report.json";
    const mode_t previous = ::umask(027);  // the child inherits it
    const ProcessResult result = migsafe({"check", "--output", report.string(), input("safe.sql")});
    ::umask(previous);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(stat_of(report).st_mode & 07777, 0640U);
}

TEST(Cli, ExplainNamesLocksAndWhereFactsWereVerified) {
    const ProcessResult result = migsafe({"explain", "--color", "never", input("four-dangerous-patterns.sql")});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("verified on PostgreSQL 15.20"), std::string::npos);
    EXPECT_NE(result.out.find("users (referenced): SHARE ROW EXCLUSIVE, blocking writes"), std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("rewrites it"), std::string::npos);
}

TEST(Cli, FiftyMegabyteFileIsCheckedWithoutCrashing) {
    TempDir dir{"migsafe-test"};
    const fs::path big = dir.path() / "V1__big.sql";
    {
        std::ofstream out{big};
        const std::string padding = "-- " + std::string(1020, 'x') + "\n";
        for (int i = 0; i < 50 * 1024; ++i) {
            out << padding;
            if (i % 50 == 0) {
                out << "CREATE INDEX idx_" << i << " ON t (c" << i << ");\n";
            }
        }
    }
    ASSERT_GE(fs::file_size(big), 50U * 1024U * 1024U);
    const ProcessResult result = migsafe({"check", "--format", "json", "--disable", "prefer-robust-stmts",
                                                "--assume-lock-timeout", big.string()});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    EXPECT_EQ(json["files"][0]["findings"].size(), 1024U);
}

TEST(Cli, FileWithTensOfThousandsOfStatements) {
    TempDir dir{"migsafe-test"};
    const fs::path many = dir.path() / "many.sql";
    {
        std::ofstream out{many};
        for (int i = 0; i < 20000; ++i) {
            out << "SELECT " << i << ";\n";
        }
        out << "CREATE INDEX i ON t (c);\n";
    }
    const ProcessResult result = migsafe({"check", "--format", "json", many.string()});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    EXPECT_EQ(json["files"][0]["statements"].size(), 20001U);
}

}  // namespace
}  // namespace migsafe
