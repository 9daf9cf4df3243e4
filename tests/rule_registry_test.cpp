// Registry invariants: ids, aliases, metadata, executable examples, and a fixture
// folder per rule (STYLE.md §9). One parameterized case per rule, so an
// unfinished rule fails alone.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "fixture_format.hpp"
#include "migsafe/analyzer.hpp"
#include "migsafe/parse.hpp"
#include "migsafe/rule_registry.hpp"
#include "text_file.hpp"

namespace migsafe::testing {
namespace {

namespace fs = std::filesystem;

const fs::path k_source_dir{MIGSAFE_SOURCE_DIR};

using test_support::read_text;

std::string_view bare(std::string_view alias) {
    const auto colon = alias.find(':');
    return colon == std::string_view::npos ? alias : alias.substr(colon + 1);
}

bool is_kebab_case(std::string_view id) {
    static const std::regex k_kebab{"^[a-z0-9]+(-[a-z0-9]+)*$"};
    return std::regex_match(id.begin(), id.end(), k_kebab);
}

// Runs `sql` the way the examples are documented: only `rule` enabled, plain
// SQL, the newest PostgreSQL version the rule applies to.
FileReport run_example(const Rule& rule, std::string_view sql) {
    AnalysisOptions options;
    options.config.pg_version = std::clamp(k_max_pg_version, rule.meta.min_pg, rule.meta.max_pg);
    options.rules = {ActiveRule{&rule, rule.meta.default_severity}};
    return analyze_file(SourceFile{"example.sql", "example.sql", std::string{sql}}, options);
}

std::vector<const Finding*> findings_of(const FileReport& report, std::string_view id) {
    std::vector<const Finding*> found;
    for (const Finding& finding : report.findings) {
        if (finding.rule == id) {
            found.push_back(&finding);
        }
    }
    return found;
}

std::string rule_name(const ::testing::TestParamInfo<const Rule*>& info) {
    std::string name{info.param->meta.id};
    std::replace_if(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }, '_');
    return name;
}

class RuleMetadata : public ::testing::TestWithParam<const Rule*> {};

TEST_P(RuleMetadata, IdIsKebabCaseAndNamesItsFile) {
    const RuleMeta& meta = GetParam()->meta;
    EXPECT_TRUE(is_kebab_case(meta.id)) << meta.id;
    EXPECT_TRUE(fs::exists(k_source_dir / "rules" / (std::string{meta.id} + ".cpp")))
        << "rules/" << meta.id << ".cpp does not exist: the file stem must equal the id";
    EXPECT_EQ(find_rule(meta.id), GetParam());
}

TEST_P(RuleMetadata, TextsAreFilledIn) {
    const RuleMeta& meta = GetParam()->meta;
    for (const auto& [field, text] : std::map<std::string, std::string_view>{{"summary", meta.summary},
                                                                               {"rationale", meta.rationale},
                                                                               {"safe_alternative", meta.safe_alternative},
                                                                               {"exceptions", meta.exceptions},
                                                                               {"example_bad", meta.example_bad},
                                                                               {"example_good", meta.example_good}}) {
        EXPECT_FALSE(text.empty()) << meta.id << ": " << field << " is empty";
    }
    EXPECT_EQ(meta.summary.find('\n'), std::string_view::npos) << meta.id << ": the summary is one line";
    EXPECT_LE(meta.summary.size(), 100U) << meta.id << ": the summary is at most 100 characters";
    EXPECT_FALSE(!meta.summary.empty() && meta.summary.back() == '.') << meta.id << ": the summary ends without a period";
}

TEST_P(RuleMetadata, VersionsKindsAndAliasesAreWellFormed) {
    const RuleMeta& meta = GetParam()->meta;
    EXPECT_LE(k_min_pg_version, meta.min_pg) << meta.id;
    EXPECT_LE(meta.min_pg, meta.max_pg) << meta.id;
    EXPECT_LE(meta.max_pg, k_max_pg_version) << meta.id;
    static const std::regex k_kind{"^[A-Z][A-Za-z]*Stmt$"};
    for (std::string_view kind : meta.statement_kinds) {
        EXPECT_TRUE(std::regex_match(kind.begin(), kind.end(), k_kind)) << meta.id << ": statement kind " << kind;
    }
    for (std::string_view alias : meta.aliases) {
        const auto colon = alias.find(':');
        EXPECT_TRUE(colon != std::string_view::npos && colon > 0 && colon + 1 < alias.size())
            << meta.id << ": alias " << alias << " is not written as tool:id";
    }
}

TEST_P(RuleMetadata, BadExampleTriggersAndGoodExampleDoesNot) {
    const Rule& rule = *GetParam();
    const FileReport bad = run_example(rule, rule.meta.example_bad);
    EXPECT_TRUE(bad.errors.empty()) << rule.meta.id << ": example_bad does not parse: "
                                    << (bad.errors.empty() ? "" : bad.errors.front().message);
    const std::vector<const Finding*> reported = findings_of(bad, rule.meta.id);
    EXPECT_FALSE(reported.empty()) << rule.meta.id << ": example_bad does not trigger the rule";
    for (const Finding* finding : reported) {
        if (rule.meta.fix == FixAvailability::none) {
            EXPECT_FALSE(finding->fix) << rule.meta.id << ": says fix none but example_bad has a fix plan";
        } else if (rule.meta.fix == FixAvailability::always) {
            EXPECT_TRUE(finding->fix) << rule.meta.id << ": says fix always but example_bad has no fix plan";
        }
    }

    const FileReport good = run_example(rule, rule.meta.example_good);
    EXPECT_TRUE(good.errors.empty()) << rule.meta.id << ": example_good does not parse: "
                                     << (good.errors.empty() ? "" : good.errors.front().message);
    for (const Finding* finding : findings_of(good, rule.meta.id)) {
        ADD_FAILURE() << rule.meta.id << ": example_good triggers the rule: " << finding->message;
    }
}

// Every rule has fixtures both ways: a mark (it triggers) and a statement
// without one (a case that must not trigger).
TEST_P(RuleMetadata, HasFixturesThatTriggerAndThatDoNot) {
    const std::string id{GetParam()->meta.id};
    const fs::path folder = k_source_dir / "testdata" / "rules" / id;
    ASSERT_TRUE(fs::is_directory(folder)) << "testdata/rules/" << id << "/ does not exist";
    std::size_t marks = 0;
    std::size_t unmarked = 0;
    for (const auto& entry : fs::directory_iterator{folder}) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".sql" || name.find(".fix.sql") != std::string::npos) {
            continue;
        }
        const std::string text = read_text(entry.path());
        const FixtureSpec spec = parse_fixture_spec(text);
        const ParsedSql parsed = parse_sql(text);
        const LineIndex lines{text};
        std::set<std::size_t> targeted;
        for (const ExpectMark& mark : spec.marks) {
            if (mark.rule != id) {
                continue;
            }
            ++marks;
            for (std::size_t i = 0; i < parsed.statements.size(); ++i) {
                const int line = lines.position_at(parsed.statements[i].span.begin).line;
                if (mark.trailing ? line == mark.line : line > mark.line) {
                    targeted.insert(i);
                    break;
                }
            }
        }
        unmarked += parsed.statements.size() - targeted.size();
    }
    EXPECT_GT(marks, 0U) << "testdata/rules/" << id << "/ has no -- expect: " << id << " mark";
    EXPECT_GT(unmarked, 0U) << "testdata/rules/" << id << "/ has no statement that must not trigger the rule";
}

INSTANTIATE_TEST_SUITE_P(Registry, RuleMetadata, ::testing::ValuesIn(all_rules().begin(), all_rules().end()),
                         rule_name);

TEST(RuleRegistry, IdsAreUnique) {
    std::set<std::string_view> ids;
    for (const Rule* rule : all_rules()) {
        EXPECT_TRUE(ids.insert(rule->meta.id).second) << "duplicate id " << rule->meta.id;
    }
}

TEST(RuleRegistry, NoAliasIsClaimedTwiceOrShadowsAnotherRule) {
    std::map<std::string_view, std::string_view> owner;  // bare alias -> rule id
    for (const Rule* rule : all_rules()) {
        std::set<std::string_view> own;  // one rule may list the same bare name for two tools
        for (std::string_view alias : rule->meta.aliases) {
            const std::string_view name = bare(alias);
            for (const Rule* other : all_rules()) {
                EXPECT_TRUE(other == rule || other->meta.id != name)
                    << rule->meta.id << ": alias " << alias << " is the id of another rule";
            }
            if (!own.insert(name).second) {
                continue;
            }
            const auto [it, inserted] = owner.emplace(name, rule->meta.id);
            EXPECT_TRUE(inserted) << "alias " << name << " is claimed by " << it->second << " and " << rule->meta.id;
        }
    }
}

TEST(RuleRegistry, EveryRuleFileIsRegistered) {
    for (const auto& entry : fs::directory_iterator{k_source_dir / "rules"}) {
        if (entry.path().extension() == ".cpp") {
            const std::string stem = entry.path().stem().string();
            const Rule* rule = find_rule(stem);
            EXPECT_TRUE(rule != nullptr && rule->meta.id == stem) << "rules/" << stem << ".cpp defines no rule " << stem;
        }
    }
}

TEST(RuleRegistry, EveryFixtureFolderHasARule) {
    for (const auto& entry : fs::directory_iterator{k_source_dir / "testdata" / "rules"}) {
        if (entry.is_directory()) {
            const std::string name = entry.path().filename().string();
            const Rule* rule = find_rule(name);
            EXPECT_TRUE(rule != nullptr && rule->meta.id == name)
                << "testdata/rules/" << name << "/ belongs to no rule (folders are named by id)";
        }
    }
}

}  // namespace
}  // namespace migsafe::testing
