// The real migration corpus in ../shared/corpus (absent on machines without it):
// each project checked as a user would (`migsafe check --check-down <project>`),
// placed in the right framework, deterministic, and free of parse errors except
// the files that are not PostgreSQL.
#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "migsafe/analyzer.hpp"
#include "migsafe/config.hpp"
#include "migsafe/discover.hpp"
#include "migsafe/report.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;

const fs::path k_corpus = fs::path{MIGSAFE_SOURCE_DIR "/../shared/corpus"};

// Project folder -> the framework of its migrations.
const std::map<std::string, std::string> k_expected{
    {"alfio", "flyway"},       {"calcom", "prisma"},          {"harbor", "golang-migrate"},
    {"hatchet", "goose"},      {"kratos", "popx"},            {"lemmy", "diesel"},
    {"mattermost", "morph"},   {"supabase-postgres", "dbmate"}, {"temporal", "temporal"},
    {"umami", "prisma"},
};

// Hand-run scripts beside the framework's folder, with a MySQL section: plain, and
// the only files whose statements may fail to parse.
bool is_known_non_postgres(const std::string& path) {
    return path.find("umami/db/postgresql/data-migrations/") != std::string::npos;
}

AnalysisOptions corpus_options() {
    AnalysisOptions options;
    options.config.check_down = true;
    options.keep_statements = false;
    auto rules = resolve_rules(options.config);
    EXPECT_TRUE(rules.has_value());
    options.rules = rules ? *rules : std::vector<ActiveRule>{};
    return options;
}

std::string rendered(const Report& report) {
    std::string json;
    write_report_json(report, json);
    return json;
}

TEST(Corpus, EveryProjectIsPlacedDeterministicallyWithoutParseErrors) {
    if (!fs::is_directory(k_corpus)) {
        GTEST_SKIP() << "no corpus at " << k_corpus;
    }
    const AnalysisOptions options = corpus_options();
    std::size_t projects = 0;
    for (const auto& [project, framework] : k_expected) {
        const fs::path dir = k_corpus / project;
        if (!fs::is_directory(dir)) {
            ADD_FAILURE() << "corpus project missing: " << dir;
            continue;
        }
        ++projects;
        auto files = collect_migration_files({dir.string()}, CollectOptions{"", true});
        ASSERT_TRUE(files.has_value()) << files.error().describe();
        const Report report = analyze_files(*files, options, 2, nullptr);
        ASSERT_EQ(report.files.size(), files->size());
        for (const FileReport& file : report.files) {
            const std::string& path = file.path;
            const std::string expected = is_known_non_postgres(path) ? "plain" : framework;
            EXPECT_EQ(file.framework, expected) << path << ": " << file.framework_reason;
            for (const FileError& error : file.errors) {
                EXPECT_TRUE(error.kind == "parse" && is_known_non_postgres(path))
                    << path << ":" << error.range.start.line << ": " << error.kind << ": " << error.message;
            }
        }
        // The same input, one job instead of two: the same report, byte for byte.
        EXPECT_EQ(rendered(report), rendered(analyze_files(*files, options, 1, nullptr))) << project;
    }
    EXPECT_EQ(projects, k_expected.size());
}

}  // namespace
}  // namespace migsafe
