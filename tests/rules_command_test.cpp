// `migsafe rules` and `migsafe rule ID`, run as the built binary.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "migsafe/rule_registry.hpp"

namespace migsafe {
namespace {

struct CommandRun {
    int status = -1;
    std::string out;
};

CommandRun run(const std::string& arguments) {
    CommandRun result;
    const std::string command = std::string{MIGSAFE_BINARY} + " " + arguments + " 2>&1";
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

TEST(RulesCommand, TableListsEveryRule) {
    const CommandRun table = run("rules");
    EXPECT_EQ(table.status, 0);
    EXPECT_EQ(table.out.substr(0, table.out.find('\n')).find("ID"), 0U) << table.out;
    for (const std::string_view column : {"SEVERITY", "DEFAULT", "FIX", "SUMMARY"}) {
        EXPECT_NE(table.out.substr(0, table.out.find('\n')).find(column), std::string::npos) << column;
    }
    std::istringstream lines{table.out};
    std::string line;
    std::size_t rows = 0;
    while (std::getline(lines, line)) {
        for (const Rule* rule : all_rules()) {
            if (line.rfind(std::string{rule->meta.id} + " ", 0) != 0) {
                continue;
            }
            // Each row: id, severity, on/off, fix availability, then the summary.
            std::istringstream fields{line};
            std::string id;
            std::string severity;
            std::string enabled;
            std::string fix;
            fields >> id >> severity >> enabled >> fix;
            EXPECT_EQ(severity, severity_name(rule->meta.default_severity)) << line;
            EXPECT_EQ(enabled, rule->meta.enabled_by_default ? "on" : "off") << line;
            EXPECT_TRUE(fix == "always" || fix == "sometimes" || fix == "none") << line;
            EXPECT_NE(line.find(std::string{rule->meta.summary}), std::string::npos) << line;
            ++rows;
        }
    }
    EXPECT_EQ(rows, all_rules().size());
}

TEST(RulesCommand, JsonHasEveryRule) {
    const CommandRun json = run("rules --format json");
    EXPECT_EQ(json.status, 0);
    EXPECT_EQ(json.out.front(), '[');
    EXPECT_NE(json.out.find("\"id\": \"prefer-robust-stmts\""), std::string::npos);
    EXPECT_NE(json.out.find("\"example_fix_plan\""), std::string::npos);
}

TEST(RulesCommand, OnePageByIdOrAlias) {
    const CommandRun page = run("rule squawk:transaction-nesting");
    EXPECT_EQ(page.status, 0);
    EXPECT_EQ(page.out.rfind("transaction-nesting\n", 0), 0U) << page.out;
    EXPECT_NE(page.out.find("Why it is dangerous"), std::string::npos);
    const CommandRun markdown = run("rule prefer-robust-stmts --format markdown");
    EXPECT_EQ(markdown.out.rfind("# prefer-robust-stmts\n", 0), 0U) << markdown.out;
}

TEST(RulesCommand, UnknownRuleIsAUsageError) {
    const CommandRun unknown = run("rule transaction-nestin");
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.out.find("did you mean 'transaction-nesting'"), std::string::npos) << unknown.out;
    EXPECT_EQ(run("rules --output-dir /tmp/migsafe-docs-test").status, 2);
}

}  // namespace
}  // namespace migsafe
