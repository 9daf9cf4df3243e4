// What a repository can hold that is not a tidy migration, through the CLI:
// each gets a precise message or a correct result, a documented exit code,
// bounded memory and no crash. (The one-line cases of CliBadInput live in cli_test.)
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "migsafe_process.hpp"
#include "pg_server.hpp"
#include "subprocess.hpp"
#include "text_file.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;
using pgtest::ProcessResult;
using test_support::migsafe;

class BadInput : public ::testing::Test {
protected:
    fs::path write(const std::string& name, const std::string& text) {
        const fs::path path = dir.path() / name;
        fs::create_directories(path.parent_path());
        test_support::write_text(path, text);
        return path;
    }

    // `check --format json` of one file: its findings' rule ids and parse errors.
    static nlohmann::json check_json(const fs::path& path, std::vector<std::string> extra = {}) {
        std::vector<std::string> arguments = {"check", "--format", "json"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        arguments.push_back(path.string());
        const ProcessResult result = migsafe(arguments);
        EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.exit_code << result.err;
        return nlohmann::json::parse(result.out);
    }

    pgtest::TemporaryDirectory dir{"migsafe-bad-input"};
};

TEST_F(BadInput, OnlyBeginIsAnUncommittedTransaction) {
    const ProcessResult result = migsafe({"check", "--color", "never", write("begin.sql", "BEGIN;\n").string()});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_NE(result.out.find("begin.sql:1:1: error: BEGIN is never committed"), std::string::npos) << result.out;
}

TEST_F(BadInput, ByteOrderMarkIsIgnored) {
    const fs::path file = write("bom.sql", "\xEF\xBB\xBF" "CREATE INDEX i ON t (c);\n");
    const ProcessResult result = migsafe({"check", "--format", "json", file.string()});
    EXPECT_EQ(result.exit_code, 1) << result.out;
    const auto json = nlohmann::json::parse(result.out);
    EXPECT_TRUE(json["files"][0]["errors"].empty()) << json.dump(2);
    ASSERT_EQ(json["files"][0]["statements"].size(), 1U);
    EXPECT_EQ(json["files"][0]["statements"][0]["range"]["start"]["line"], 1);
}

TEST_F(BadInput, CrLfMixedLineEndingsAndTabsKeepLinesAndColumns) {
    const fs::path file = write("mixed.sql", "SELECT 1;\nSELECT 2;\r\n\tCREATE INDEX\ti ON t (c);\r");
    const ProcessResult result =
        migsafe({"check", "--color", "never", "--disable", "prefer-robust-stmts", file.string()});
    EXPECT_EQ(result.exit_code, 1) << result.out;
    // A tab is one column, as in every editor's status bar and in squawk.
    EXPECT_NE(result.out.find("mixed.sql:3:2: error: CREATE INDEX"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("3 | \tCREATE INDEX\ti ON t (c);\n  | \t^^^^^"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find('\r'), std::string::npos) << "a carriage return reached the terminal";
}

TEST_F(BadInput, TemplatePlaceholdersAreNamedAsSuch) {
    for (const std::string placeholder : {"${schema}", "{{ schema }}", "{% if x %}"}) {
        const fs::path file = write("template.sql", "SELECT 1;\nCREATE INDEX i ON " + placeholder + ".t (c);\n");
        const ProcessResult result = migsafe({"check", "--color", "never", file.string()});
        EXPECT_EQ(result.exit_code, 2) << result.out;
        EXPECT_NE(result.out.find("template.sql:2:19: error: statement does not parse"), std::string::npos)
            << result.out;
        EXPECT_NE(result.out.find("(" + placeholder + " is a template placeholder, not SQL"), std::string::npos)
            << result.out;
    }
}

TEST_F(BadInput, MySqlBackticksAreNamedAsSuch) {
    const ProcessResult result = migsafe(
        {"check", "--color", "never", write("mysql.sql", "CREATE TABLE `users` (`id` int);\n").string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.out.find("mysql.sql:1:14: error: statement does not parse: syntax error at or near \"`\" "
                              "(backticks quote identifiers in MySQL; PostgreSQL uses double quotes)"),
              std::string::npos)
        << result.out;
}

// 100,000 nested parentheses exhaust the parser's stack: an error at the
// statement, and a long line is shown as a window, not 200 KB of text.
TEST_F(BadInput, DeeplyNestedExpressionIsAParseErrorWithAShortExcerpt) {
    const std::string depth(100000, '(');
    const fs::path file = write("nested.sql", "SELECT " + depth + "1" + std::string(depth.size(), ')') + ";\n");
    const ProcessResult result = migsafe({"check", "--color", "never", file.string()});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.out.find("nested.sql:1:"), std::string::npos) << result.out.substr(0, 2000);
    EXPECT_NE(result.out.find("nests deeper than PostgreSQL's parser allows"), std::string::npos)
        << result.out.substr(0, 2000);
    EXPECT_LT(result.out.size(), 2000U);
    EXPECT_NE(result.out.find("...((((("), std::string::npos) << result.out;
}

// A sum of 1,000 terms is analysed; one of 20,000 parses but is deeper than
// migsafe's tree reader goes: an error for that statement, never silence, and
// the statements around it are still checked.
TEST_F(BadInput, TreeDeeperThanMigsafeReadsIsAnErrorNotSilence) {
    auto sum_of = [](int terms) {
        std::string sum = "SELECT 1";
        for (int i = 1; i < terms; ++i) {
            sum += " + 1";
        }
        return sum + ";\nCREATE INDEX i ON t (c);\n";
    };
    const nlohmann::json moderate = check_json(write("moderate.sql", sum_of(1000)));
    EXPECT_TRUE(moderate["files"][0]["errors"].empty()) << moderate["files"][0]["errors"].dump();
    EXPECT_EQ(moderate["files"][0]["statements"].size(), 2U);

    const fs::path deep = write("deep.sql", "SELECT 0;\n" + sum_of(20000));
    const ProcessResult result = migsafe({"check", "--format", "json", deep.string()});
    EXPECT_EQ(result.exit_code, 2) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    const auto& file = json["files"][0];
    ASSERT_EQ(file["errors"].size(), 1U) << file.dump(2);
    EXPECT_EQ(file["errors"][0]["range"]["start"]["line"], 2);
    EXPECT_NE(file["errors"][0]["message"].get<std::string>().find("nests deeper than migsafe analyses"),
              std::string::npos);
    EXPECT_EQ(file["statements"].size(), 2U);
    bool index_found = false;
    for (const auto& finding : file["findings"]) {
        index_found = index_found || finding["rule"] == "require-concurrent-index-creation";
    }
    EXPECT_TRUE(index_found) << file["findings"].dump(2);
}

TEST_F(BadInput, OneMegabyteStatementIsOneStatement) {
    std::string insert = "INSERT INTO t VALUES ";
    for (int i = 0; insert.size() < 1024 * 1024; ++i) {
        insert += (i == 0 ? "(" : ", (") + std::to_string(i) + ", 'text')";
    }
    const nlohmann::json json = check_json(write("big-insert.sql", insert + ";\n"));
    EXPECT_TRUE(json["files"][0]["errors"].empty());
    EXPECT_EQ(json["files"][0]["statements"].size(), 1U);
}

// A 100 MB migration (a data dump) is checked in memory proportional to the
// file: under ten times its size (it measured 8.6 times), twice that under
// AddressSanitizer, whose shadow memory and quarantine come on top.
#ifdef __SANITIZE_ADDRESS__
constexpr long k_memory_per_input_byte = 20;
#else
constexpr long k_memory_per_input_byte = 10;
#endif

TEST_F(BadInput, HundredMegabyteFileIsCheckedInBoundedMemory) {
    const fs::path big = dir.path() / "V1__dump.sql";
    {
        std::ofstream out{big};
        const std::string row = "INSERT INTO t VALUES (1, '" + std::string(990, 'x') + "');\n";
        for (std::size_t written = 0; written < 100U * 1024U * 1024U; written += row.size()) {
            out << row;
        }
        out << "CREATE INDEX i ON t (c);\n";
    }
    const ProcessResult result = migsafe({"check", "--format", "json", "--disable", "prefer-robust-stmts",
                                          "--assume-lock-timeout", big.string()});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    ASSERT_EQ(json["files"][0]["findings"].size(), 1U);
    EXPECT_EQ(json["files"][0]["findings"][0]["rule"], "require-concurrent-index-creation");
    EXPECT_LT(result.peak_memory_kib, k_memory_per_input_byte * 100L * 1024L) << "peak resident memory in KiB";
}

TEST_F(BadInput, SymlinkLoopInADirectoryIsFollowedOnce) {
    write("db/V1__index.sql", "CREATE INDEX i ON t (c);\n");
    fs::create_directories(dir.path() / "db" / "nested");
    fs::create_directory_symlink("..", dir.path() / "db" / "nested" / "back");
    const ProcessResult result = migsafe({"check", "--format", "json", (dir.path() / "db").string()});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    ASSERT_EQ(json["files"].size(), 1U) << json.dump(2);
    EXPECT_EQ(json["files"][0]["path"], (dir.path() / "db" / "V1__index.sql").string());
}

TEST_F(BadInput, DirectoryNamedLikeAMigrationIsSearchedNotRead) {
    write("db/V1__x.sql/V2__inner.sql", "CREATE INDEX i ON t (c);\n");
    const ProcessResult inside = migsafe({"check", "--format", "json", (dir.path() / "db").string()});
    EXPECT_EQ(inside.exit_code, 1) << inside.err;
    EXPECT_EQ(nlohmann::json::parse(inside.out)["files"].size(), 1U);
    fs::create_directories(dir.path() / "empty.sql");
    const ProcessResult named = migsafe({"check", (dir.path() / "empty.sql").string()});
    EXPECT_EQ(named.exit_code, 2);
    EXPECT_NE(named.err.find("empty.sql: directory contains no .sql files"), std::string::npos) << named.err;
}

// Root reads any file, so the check runs as nobody when the suite runs as root (CI).
TEST_F(BadInput, UnreadableFileIsAnErrorWithTheReason) {
    const fs::path file = write("V1__secret.sql", "SELECT 1;\n");
    fs::permissions(file, fs::perms::none);
    pgtest::ProcessRequest request;
    if (::geteuid() == 0) {
        fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
        request.argv = {"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
    }
    request.argv.insert(request.argv.end(), {MIGSAFE_BINARY, "check", file.string()});
    request.drop_env_prefixes = {"NO_COLOR"};
    const ProcessResult result = pgtest::run_process(request);
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_NE((result.out + result.err).find("V1__secret.sql"), std::string::npos) << result.out << result.err;
    EXPECT_NE((result.out + result.err).find("Permission denied"), std::string::npos) << result.out << result.err;
}

}  // namespace
}  // namespace migsafe
