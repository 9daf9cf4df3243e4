// .migsafe.json as `migsafe check` uses it: found next to each file, --config,
// flags over the file, exclude globs, errors exit 2.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace migsafe {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
    int status = -1;
    std::string out;
};

class ConfigCli : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() /
                 ("migsafe_config_cli_" + std::string{::testing::UnitTest::GetInstance()->current_test_info()->name()});
        fs::remove_all(m_root);
        fs::create_directories(m_root / ".git");  // the config search stops here
    }
    void TearDown() override { fs::remove_all(m_root); }

    void write(const std::string& relative, const std::string& text) const {
        fs::create_directories((m_root / relative).parent_path());
        std::ofstream{m_root / relative} << text;
    }

    [[nodiscard]] std::string path(const std::string& relative) const { return (m_root / relative).string(); }

    [[nodiscard]] CommandRun check(const std::string& arguments) const {
        CommandRun result;
        const std::string command = "cd '" + m_root.string() + "' && " + MIGSAFE_BINARY + " check --color never " +
                                    arguments + " 2>&1";
        FILE* pipe = popen(command.c_str(), "r");
        if (pipe == nullptr) {
            return result;
        }
        std::array<char, 4096> buffer{};
        while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
            result.out += buffer.data();
        }
        const int status = pclose(pipe);
        result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return result;
    }

private:
    fs::path m_root;
};

constexpr const char* k_create_index = "CREATE INDEX CONCURRENTLY users_a_idx ON users (a);\n"
                                       "CREATE INDEX users_email_idx ON users (email);\n";

TEST_F(ConfigCli, NearestFileTurnsARuleOff) {
    write("db/index.sql", k_create_index);
    EXPECT_EQ(check("db/index.sql").status, 1);
    write(".migsafe.json", R"({
        // small tables only in this project
        "rules": {"require-concurrent-index-creation": "off", "prefer-robust-stmts": "off"},
        "assume_lock_timeout": true
    })");
    const CommandRun run = check("db/index.sql");
    EXPECT_EQ(run.status, 0) << run.out;
    EXPECT_NE(run.out.find("No problems found"), std::string::npos) << run.out;
    // A flag overrides the file.
    EXPECT_EQ(check("--enable squawk:require-concurrent-index-creation db/index.sql").status, 1);
}

TEST_F(ConfigCli, FlagsSetToFalseTurnOffWhatTheFileTurnsOn) {
    write("add.sql", "-- migsafe-ignore add-column-volatile-default\n"
                     "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n");
    write(".migsafe.json", R"({"assume_lock_timeout": true, "require_suppression_reason": true,
                               "rules": {"require-lock-timeout": {"timeout": "750ms"}}})");
    const CommandRun from_file = check("add.sql");
    EXPECT_EQ(from_file.out.find("[require-lock-timeout]"), std::string::npos) << from_file.out;
    EXPECT_NE(from_file.out.find("gives no reason"), std::string::npos) << from_file.out;
    const CommandRun overridden = check("--assume-lock-timeout=false --require-suppression-reason=false add.sql");
    EXPECT_EQ(overridden.status, 1) << overridden.out;
    EXPECT_NE(overridden.out.find("[require-lock-timeout]"), std::string::npos) << overridden.out;
    EXPECT_EQ(overridden.out.find("gives no reason"), std::string::npos) << overridden.out;
    // The rule's option comes from the file: the suggested setting uses it.
    EXPECT_NE(overridden.out.find("750ms"), std::string::npos) << overridden.out;
}

TEST_F(ConfigCli, ConfigSeverityOverridesTheRulesOwnAndFailOnApplies) {
    write("index.sql", k_create_index);
    write(".migsafe.json", R"({"rules": {"require-concurrent-index-creation": "warning"}, "fail_on": "error"})");
    const CommandRun run = check("--format json index.sql");
    EXPECT_EQ(run.status, 0) << run.out;
    const auto json = nlohmann::json::parse(run.out);
    bool seen = false;
    for (const auto& finding : json["files"][0]["findings"]) {
        if (finding["rule"] == "require-concurrent-index-creation") {
            EXPECT_EQ(finding["severity"], "warning");
            seen = true;
        }
    }
    EXPECT_TRUE(seen) << run.out;
    EXPECT_EQ(check("--fail-on warning index.sql").status, 1);
}

TEST_F(ConfigCli, PgVersionFromTheFileAndFromTheFlag) {
    write("enum.sql", "BEGIN;\nALTER TYPE mood ADD VALUE 'calm';\nCOMMIT;\n");
    write(".migsafe.json", R"({"pg_version": "11"})");
    const CommandRun old_server = check("enum.sql");
    EXPECT_EQ(old_server.status, 1) << old_server.out;
    EXPECT_NE(old_server.out.find("[concurrently-in-transaction]"), std::string::npos) << old_server.out;
    EXPECT_EQ(check("--pg-version 12 enum.sql").status, 0);
}

TEST_F(ConfigCli, EachFileUsesItsNearestConfigAndExcludesApply) {
    write("a/index.sql", k_create_index);
    write("b/index.sql", k_create_index);
    write("b/legacy/old.sql", k_create_index);
    write("b/.migsafe.json",
          R"({"rules": {"require-concurrent-index-creation": "off", "prefer-robust-stmts": "off"},
              "assume_lock_timeout": true, "exclude": ["legacy/**"]})");
    const CommandRun run = check("--format json a/index.sql b/index.sql b/legacy/old.sql");
    EXPECT_EQ(run.status, 1) << run.out;
    const auto json = nlohmann::json::parse(run.out);
    ASSERT_EQ(json["files"].size(), 2U) << run.out;
    EXPECT_NE(json["files"][0]["path"].get<std::string>().find("a/index.sql"), std::string::npos);
    EXPECT_FALSE(json["files"][0]["findings"].empty());
    EXPECT_NE(json["files"][1]["path"].get<std::string>().find("b/index.sql"), std::string::npos);
    EXPECT_TRUE(json["files"][1]["findings"].empty()) << run.out;
}

TEST_F(ConfigCli, ExplicitConfigReplacesTheNearestOne) {
    write("index.sql", k_create_index);
    write(".migsafe.json", R"({"rules": {"require-concurrent-index-creation": "off"}})");
    write("strict.json", R"({"fail_on": "hint"})");
    const CommandRun run = check("--config strict.json index.sql");
    EXPECT_EQ(run.status, 1) << run.out;
    EXPECT_NE(run.out.find("[require-concurrent-index-creation]"), std::string::npos) << run.out;
}

// `--enable ID PATH` must leave PATH a path, as ruff's --select and squawk's --exclude do.
TEST_F(ConfigCli, EnableAndDisableTakeOneIdEachOrACommaList) {
    write("V1__t.sql", "CREATE TABLE t (id serial PRIMARY KEY, name varchar(20));\n");
    const CommandRun one = check("--enable prefer-text-field V1__t.sql");
    EXPECT_EQ(one.status, 0) << one.out;
    EXPECT_NE(one.out.find("[prefer-text-field]"), std::string::npos) << one.out;
    const CommandRun listed =
        check("--enable prefer-text-field,prefer-identity --disable prefer-bigint-over-int V1__t.sql");
    EXPECT_NE(listed.out.find("[prefer-text-field]"), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find("[prefer-identity]"), std::string::npos) << listed.out;
    EXPECT_EQ(listed.out.find("[prefer-bigint-over-int]"), std::string::npos) << listed.out;
}

TEST_F(ConfigCli, BadConfigIsAnErrorNamingTheKey) {
    write("index.sql", k_create_index);
    write(".migsafe.json", R"({"fail_on": "fatal"})");
    const CommandRun bad_value = check("index.sql");
    EXPECT_EQ(bad_value.status, 2);
    EXPECT_NE(bad_value.out.find(".migsafe.json: fail_on must be one of"), std::string::npos) << bad_value.out;
    write(".migsafe.json", "{\"rules\": {\"require-concurent-index-creation\": \"off\"}}");
    const CommandRun unknown = check("index.sql");
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.out.find("did you mean 'require-concurrent-index-creation'"), std::string::npos) << unknown.out;
    EXPECT_EQ(check("--config missing.json index.sql").status, 2);
}

}  // namespace
}  // namespace migsafe
