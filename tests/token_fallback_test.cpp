// Syntax newer than PostgreSQL 15: testdata/newer-syntax/*.sql name, before each
// statement, the lock the model must report (`-- lock: <relation> <Mode> [scan]
// [created]`), a rule that must judge it (`-- finding: <rule-id>`), or the parse
// error expected (`-- error: <fragment>`). Every statement with a lock mark in a
// pg<version>-*.sql file must carry the token fallback's note.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "migsafe/analyzer.hpp"
#include "migsafe/rule_registry.hpp"
#include "migsafe/token_fallback.hpp"
#include "text_file.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;

using test_support::read_text;

std::vector<fs::path> fixtures() {
    std::vector<fs::path> paths;
    const fs::path root = fs::path{MIGSAFE_SOURCE_DIR} / "testdata" / "newer-syntax";
    for (const auto& entry : fs::directory_iterator{root}) {
        if (entry.path().extension() == ".sql") {
            paths.push_back(entry.path());
        }
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

struct Mark {
    int line = 0;
    std::string kind;  // "lock" or "error"
    std::vector<std::string> words;
};

std::vector<Mark> marks_of(const std::string& text) {
    std::vector<Mark> marks;
    std::istringstream lines{text};
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        for (std::string kind : {"lock", "error", "finding"}) {
            const std::string prefix = "-- " + kind + ": ";
            if (line.rfind(prefix, 0) == 0) {
                Mark mark{number, kind, {}};
                std::istringstream words{line.substr(prefix.size())};
                if (kind != "lock") {
                    mark.words.push_back(line.substr(prefix.size()));
                } else {
                    for (std::string word; words >> word;) {
                        mark.words.push_back(word);
                    }
                }
                marks.push_back(std::move(mark));
            }
        }
    }
    return marks;
}

class NewerSyntax : public ::testing::TestWithParam<fs::path> {};

TEST_P(NewerSyntax, LocksComeFromTheModelAndTheNoteSaysHow) {
    const fs::path& path = GetParam();
    const std::string text = read_text(path);
    AnalysisOptions options;
    options.keep_statements = true;
    for (const Rule* rule : all_rules()) {
        if (rule->meta.enabled_by_default) {
            options.rules.push_back(ActiveRule{rule, rule->meta.default_severity});
        }
    }
    const FileReport report = analyze_file(SourceFile{path.string(), path.filename().string(), text}, options);
    const std::vector<Mark> marks = marks_of(text);
    ASSERT_FALSE(marks.empty());
    std::size_t errors_expected = 0;
    for (const Mark& mark : marks) {
        if (mark.kind == "error") {
            ++errors_expected;
            const bool found = std::any_of(report.errors.begin(), report.errors.end(), [&](const FileError& error) {
                return error.range.start.line > mark.line && error.message.find(mark.words[0]) != std::string::npos;
            });
            EXPECT_TRUE(found) << path.filename() << ":" << mark.line << ": no error containing " << mark.words[0];
            continue;
        }
        const auto statement = std::find_if(report.statements.begin(), report.statements.end(),
                                            [&](const StatementReport& s) { return s.range.start.line > mark.line; });
        ASSERT_NE(statement, report.statements.end()) << path.filename() << ":" << mark.line;
        if (mark.kind == "finding") {
            const bool found = std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
                return f.rule == mark.words[0] && f.range.start.line >= statement->range.start.line &&
                       f.range.start.line <= statement->range.end.line;
            });
            EXPECT_TRUE(found) << path.filename() << ":" << mark.line << ": no " << mark.words[0] << " finding";
            continue;
        }
        const RelationEffect* effect = nullptr;
        for (const RelationEffect& candidate : statement->effects.relations) {
            if (candidate.relation.display() == mark.words.at(0)) {
                effect = &candidate;
            }
        }
        ASSERT_NE(effect, nullptr) << path.filename() << ":" << mark.line << ": no lock on " << mark.words[0]
                                   << " (" << statement->effects.summary << ")";
        EXPECT_EQ(pg_lock_name(effect->mode), mark.words.at(1)) << path.filename() << ":" << mark.line;
        const bool scan = std::find(mark.words.begin(), mark.words.end(), "scan") != mark.words.end();
        const bool created = std::find(mark.words.begin(), mark.words.end(), "created") != mark.words.end();
        EXPECT_EQ(effect->scan, scan) << path.filename() << ":" << mark.line;
        EXPECT_EQ(effect->created, created) << path.filename() << ":" << mark.line;
        const bool newer = path.filename().string().rfind("pg", 0) == 0;
        const bool noted = std::any_of(report.notes.begin(), report.notes.end(), [&](const FileNote& note) {
            return note.range.start.line == statement->range.start.line &&
                   note.message.find("token fallback") != std::string::npos;
        });
        EXPECT_EQ(noted, newer) << path.filename() << ":" << mark.line;
    }
    EXPECT_EQ(report.errors.size(), errors_expected) << path.filename();
}

INSTANTIATE_TEST_SUITE_P(TokenFallback, NewerSyntax, ::testing::ValuesIn(fixtures()),
                         [](const ::testing::TestParamInfo<fs::path>& param_info) {
                             std::string name = param_info.param.stem().string();
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

// Read by the fallback is not accepted by the server: on an older pg_version
// the newer form is the error the deploy would hit.
TEST(NewerSyntaxOnOlderServer, FormsNewerThanPgVersionAreErrors) {
    const std::string text = "SELECT count(*) FROM (SELECT 1);\n"                                  // 16
                             "ALTER TABLE t ALTER COLUMN c SET STATISTICS DEFAULT;\n"            // 17
                             "ALTER TABLE t ADD CONSTRAINT t_c_check CHECK (c > 0) NOT ENFORCED;\n";  // 18
    for (const auto& [pg_version, failing_lines] :
         std::vector<std::pair<int, std::vector<int>>>{{18, {}}, {17, {3}}, {16, {2, 3}}, {15, {1, 2, 3}}}) {
        AnalysisOptions options;
        options.config.pg_version = pg_version;
        const FileReport report = analyze_file(SourceFile{"x.sql", "x.sql", text}, options);
        std::vector<int> lines;
        for (const FileError& error : report.errors) {
            lines.push_back(error.range.start.line);
            EXPECT_NE(error.message.find("pg_version is " + std::to_string(pg_version)), std::string::npos);
        }
        EXPECT_EQ(lines, failing_lines) << "pg_version " << pg_version;
        EXPECT_EQ(report.notes.size(), 3U);
    }
}

TEST(ScanTokens, DecodesTheProtobufScanResult) {
    const std::vector<ScanToken> tokens = scan_tokens("SELECT 1 -- done\n");
    ASSERT_EQ(tokens.size(), 2U);  // the comment is left out
    EXPECT_EQ(tokens[0].begin, 0U);
    EXPECT_EQ(tokens[0].end, 6U);
    EXPECT_NE(tokens[0].keyword_kind, 0);
    EXPECT_EQ(tokens[1].begin, 7U);
    EXPECT_EQ(tokens[1].keyword_kind, 0);
    // A truncated message decodes to nothing rather than to garbage.
    EXPECT_TRUE(decode_scan_result(std::string_view{"\x12\x05\x08\x01", 4}).empty());
}

TEST(SyntaxRewrite, OffsetsMapBackToTheOriginalText) {
    const std::string sql = "ALTER TABLE t ADD CONSTRAINT c NOT NULL col, ADD COLUMN x int";
    const auto rewrite = rewrite_newer_syntax(sql);
    ASSERT_TRUE(rewrite.has_value());
    EXPECT_EQ(rewrite->sql, "ALTER TABLE t ALTER COLUMN col SET NOT NULL, ADD COLUMN x int");
    const std::size_t add_column = rewrite->sql.find("ADD COLUMN");
    EXPECT_EQ(rewrite->original_offset(add_column), sql.find("ADD COLUMN"));
    EXPECT_EQ(rewrite->original_offset(rewrite->sql.find("SET NOT NULL")), sql.find("ADD CONSTRAINT"));
    EXPECT_EQ(rewrite->remap_locations(R"({"location":)" + std::to_string(add_column) + "}"),
              R"({"location":)" + std::to_string(sql.find("ADD COLUMN")) + "}");
    EXPECT_FALSE(rewrite_newer_syntax("ALTER TABLE t ADD COLUMN x int").has_value());
}

}  // namespace
}  // namespace migsafe
