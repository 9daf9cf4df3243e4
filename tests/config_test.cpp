#include "migsafe/config.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "migsafe/rule_registry.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;

Result<ConfigFile> parse(std::string_view text) { return parse_config(text, "/project/.migsafe.json"); }

// The error message of a config that must be refused.
std::string error_of(std::string_view text) {
    auto parsed = parse(text);
    EXPECT_FALSE(parsed.has_value()) << text;
    return parsed ? std::string{} : parsed.error().message;
}

TEST(Config, ReadsEveryKeyAndAllowsComments) {
    auto parsed = parse(R"({
        // the runner sets lock_timeout itself
        "pg_version": 13,
        "framework": "dbmate",
        "assume_in_transaction": true,
        "assume_lock_timeout": true,
        "fail_on": "error",
        "require_suppression_reason": true,
        /* rules by id or by another tool's name */
        "rules": {
            "changing-column-type": "off",
            "squawk:adding-foreign-key-constraint": "warning",
            "unused-suppression": {"severity": "error"}
        },
        "exclude": ["legacy/**"]
    })");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().describe();
    EXPECT_EQ(parsed->pg_version, 13);
    EXPECT_EQ(parsed->framework, "dbmate");
    EXPECT_EQ(parsed->assume_in_transaction, true);
    EXPECT_EQ(parsed->assume_lock_timeout, true);
    EXPECT_EQ(parsed->fail_on, Severity::error);
    EXPECT_EQ(parsed->require_suppression_reason, true);
    ASSERT_EQ(parsed->rules.size(), 3U);
    EXPECT_EQ(parsed->exclude, std::vector<std::string>{"legacy/**"});
    for (const RuleSetting& setting : parsed->rules) {
        if (setting.rule->meta.id == "changing-column-type") {
            EXPECT_EQ(setting.enabled, false);
        } else if (setting.rule->meta.id == "add-foreign-key-without-not-valid") {
            EXPECT_EQ(setting.severity, Severity::warning);
            EXPECT_EQ(setting.enabled, true);
        } else {
            EXPECT_EQ(setting.rule->meta.id, "unused-suppression");
            EXPECT_EQ(setting.severity, Severity::error);
        }
    }
}

TEST(Config, VersionsAsSquawkWritesThem) {
    EXPECT_EQ(parse(R"({"pg_version": "15"})")->pg_version, 15);
    EXPECT_EQ(parse(R"({"pg_version": "12.4"})")->pg_version, 12);
    EXPECT_NE(error_of(R"({"pg_version": 10})").find("from 11 to 18"), std::string::npos);
    EXPECT_NE(error_of(R"({"pg_version": "fifteen"})").find("pg_version"), std::string::npos);
    EXPECT_NE(error_of(R"({"pg_version": 15.5})").find("pg_version"), std::string::npos);
    // Found by fuzzing: these threw out of the parser instead of being refused.
    for (const char* text : {R"({"pg_version": ""})", R"({"pg_version": "99999999999999999999999"})",
                             R"({"pg_version": ".5"})", R"({"pg_version": 18446744073709551615})"}) {
        EXPECT_NE(error_of(text).find("pg_version must be"), std::string::npos) << text;
    }
    // A number beyond a double is no JSON syntax error, but nlohmann throws for it.
    EXPECT_NE(error_of(R"({"pg_version": 1E999})").find("not valid JSON: number overflow"), std::string::npos)
        << error_of(R"({"pg_version": 1E999})");
}

TEST(Config, ErrorsNameTheKeyAndTheValidChoices) {
    const std::string unknown = error_of(R"({"pg_versoin": 15})");
    EXPECT_NE(unknown.find("unknown key 'pg_versoin'"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("pg_version, framework"), std::string::npos) << unknown;
    EXPECT_NE(error_of(R"({"fail_on": "fatal"})").find("fail_on must be one of \"error\", \"warning\", \"hint\""),
              std::string::npos);
    EXPECT_NE(error_of(R"({"assume_in_transaction": "yes"})").find("assume_in_transaction must be true or false"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"exclude": "legacy"})").find("exclude must be a list"), std::string::npos);
    EXPECT_NE(error_of(R"({"framework": 3})").find("framework must be one of: plain, "), std::string::npos);
    for (const char* size : {R"({"small_table_bytes": -1})", R"({"small_table_bytes": 1.5})",
                             R"({"small_table_bytes": 18446744073709551615})"}) {
        EXPECT_NE(error_of(size).find("small_table_bytes must be a whole number of bytes"), std::string::npos) << size;
    }
    EXPECT_NE(error_of(R"({"framework": "rails"})").find("framework must be one of"), std::string::npos);
    EXPECT_NE(error_of(R"([1, 2])").find("JSON object"), std::string::npos);
}

TEST(Config, RuleErrors) {
    const std::string unknown = error_of(R"({"rules": {"changing-column-typ": "off"}})");
    EXPECT_NE(unknown.find("unknown rule 'changing-column-typ' (did you mean 'changing-column-type'?)"),
              std::string::npos)
        << unknown;
    const std::string value = error_of(R"({"rules": {"changing-column-type": "fatal"}})");
    EXPECT_NE(value.find("rules.changing-column-type must be \"off\", \"on\", \"error\""), std::string::npos) << value;
    const std::string option = error_of(R"({"rules": {"changing-column-type": {"max_rows": 10}}})");
    EXPECT_NE(option.find("unknown option 'max_rows' (valid: enabled, severity)"), std::string::npos) << option;
    const std::string nested = error_of(R"({"rules": {"changing-column-type": {"severity": "loud"}}})");
    EXPECT_NE(nested.find("rules.changing-column-type.severity must be one of"), std::string::npos) << nested;
    const std::string twice =
        error_of(R"({"rules": {"changing-column-type": "off", "squawk:changing-column-type": "error"}})");
    EXPECT_NE(twice.find("name the same rule"), std::string::npos) << twice;
}

TEST(Config, SyntaxErrorsCarryAPosition) {
    auto parsed = parse("{\n  \"pg_version\": 15,,\n}");
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error().kind, ErrorKind::config);
    ASSERT_TRUE(parsed.error().position.has_value());
    EXPECT_EQ(parsed.error().position->line, 2);
    EXPECT_NE(parsed.error().describe().find("/project/.migsafe.json:2:"), std::string::npos);
}

TEST(Config, ExcludeGlobs) {
    ConfigFile file;
    file.path = "/project/.migsafe.json";
    file.exclude = {"legacy/**", "*.down.sql", "db/seed", "./tmp/", "V1__*.sql", "migrations/2019*/**/*.sql"};
    EXPECT_TRUE(file.excludes("/project/legacy/V1__a.sql"));
    EXPECT_TRUE(file.excludes("/project/legacy/deep/x.sql"));
    EXPECT_TRUE(file.excludes("/project/migrations/3_users.down.sql"));
    EXPECT_TRUE(file.excludes("/project/db/seed/users.sql"));
    EXPECT_TRUE(file.excludes("/project/tmp/a.sql"));
    EXPECT_TRUE(file.excludes("/project/migrations/V1__init.sql"));
    EXPECT_TRUE(file.excludes("/project/migrations/2019-01/x/a.sql"));
    EXPECT_TRUE(file.excludes("/project/migrations/2019-01/a.sql"));
    EXPECT_FALSE(file.excludes("/project/migrations/V10__users.sql"));
    EXPECT_FALSE(file.excludes("/project/migrations/3_users.up.sql"));
    EXPECT_FALSE(file.excludes("/project/db/seeds.sql"));
    EXPECT_FALSE(file.excludes("/project/migrations/2020-01/a.sql"));
    EXPECT_FALSE(file.excludes("/elsewhere/legacy.sql"));
    ConfigFile classes;
    classes.path = "/project/.migsafe.json";
    classes.exclude = {"V[0-4]_*.sql", "[!V]*.sql"};
    EXPECT_TRUE(classes.excludes("/project/V3_a.sql"));
    EXPECT_FALSE(classes.excludes("/project/V7_a.sql"));
    EXPECT_TRUE(classes.excludes("/project/R__a.sql"));
}

TEST(Config, FoundByWalkingUpAndNotPastARepository) {
    const fs::path root = fs::temp_directory_path() / "migsafe_config_test";
    fs::remove_all(root);
    fs::create_directories(root / "repo" / ".git");
    fs::create_directories(root / "repo" / "db" / "migrations");
    std::ofstream{root / ".migsafe.json"} << "{}";
    EXPECT_EQ(find_config((root / "repo" / "db" / "migrations").string()), std::nullopt);
    std::ofstream{root / "repo" / ".migsafe.json"} << "{}";
    EXPECT_EQ(find_config((root / "repo" / "db" / "migrations").string()),
              (root / "repo" / ".migsafe.json").generic_string());
    std::ofstream{root / "repo" / "db" / ".migsafe.json"} << R"({"pg_version": 12})";
    const auto nearest = find_config((root / "repo" / "db" / "migrations").string());
    ASSERT_TRUE(nearest.has_value());
    EXPECT_EQ(*nearest, (root / "repo" / "db" / ".migsafe.json").generic_string());
    EXPECT_EQ(load_config(*nearest)->pg_version, 12);
    EXPECT_FALSE(load_config((root / "missing.json").string()).has_value());
    fs::remove_all(root);
}

const ActiveRule* active(const std::vector<ActiveRule>& rules, std::string_view id) {
    for (const ActiveRule& rule : rules) {
        if (rule.rule->meta.id == id) {
            return &rule;
        }
    }
    return nullptr;
}

TEST(Config, RuleSettingsThenFlags) {
    auto file = parse(R"({"rules": {"changing-column-type": "off", "unused-suppression": "warning",
                                    "concurrently-in-transaction": {"severity": "hint"}}})");
    ASSERT_TRUE(file.has_value());
    Config config;
    apply_config_file(*file, config);
    auto rules = resolve_rules(config);
    ASSERT_TRUE(rules.has_value());
    EXPECT_EQ(active(*rules, "changing-column-type"), nullptr);
    ASSERT_NE(active(*rules, "unused-suppression"), nullptr);
    EXPECT_EQ(active(*rules, "unused-suppression")->severity, Severity::warning);
    EXPECT_TRUE(active(*rules, "unused-suppression")->severity_configured);
    EXPECT_EQ(active(*rules, "concurrently-in-transaction")->severity, Severity::hint);
    EXPECT_FALSE(active(*rules, "require-concurrent-index-creation")->severity_configured);

    config.enable = {"squawk:changing-column-type"};
    config.disable = {"unused-suppression"};
    rules = resolve_rules(config);
    ASSERT_TRUE(rules.has_value());
    EXPECT_NE(active(*rules, "changing-column-type"), nullptr);
    EXPECT_EQ(active(*rules, "unused-suppression"), nullptr);

    config.enable = {"no-such-rule"};
    EXPECT_FALSE(resolve_rules(config).has_value());
}

TEST(Config, EnableAllTurnsOnRulesTheFileTurnedOff) {
    Config config;
    apply_config_file(*parse(R"({"rules": {"changing-column-type": "off"}})"), config);
    config.enable_all = true;
    auto rules = resolve_rules(config);
    ASSERT_TRUE(rules.has_value());
    for (const Rule* rule : all_rules()) {
        if (rule->meta.min_pg <= config.pg_version && config.pg_version <= rule->meta.max_pg) {
            EXPECT_NE(active(*rules, rule->meta.id), nullptr) << rule->meta.id;
        }
    }
}

}  // namespace
}  // namespace migsafe
