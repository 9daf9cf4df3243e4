// `migsafe rules` and `migsafe rule ID`, run as the built binary.
#include <sys/wait.h>

#include <array>
#include <cstdio>
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
    EXPECT_NE(table.out.find("ID"), std::string::npos);
    for (const Rule* rule : all_rules()) {
        EXPECT_NE(table.out.find(std::string{rule->meta.id} + " "), std::string::npos) << rule->meta.id;
    }
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
