// The real migration corpus in ../shared/corpus (absent on machines without it):
// each project checked as a user would (`migsafe check --check-down <project>`),
// placed in the right framework, deterministic, and free of parse errors except
// the files that are not PostgreSQL.
#include <filesystem>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "migsafe_process.hpp"

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

TEST(Corpus, EveryProjectIsPlacedDeterministicallyWithoutParseErrors) {
    if (!fs::is_directory(k_corpus)) {
        GTEST_SKIP() << "no corpus at " << k_corpus;
    }
    std::size_t projects = 0;
    for (const auto& [project, framework] : k_expected) {
        const fs::path dir = k_corpus / project;
        if (!fs::is_directory(dir)) {
            ADD_FAILURE() << "corpus project missing: " << dir;
            continue;
        }
        ++projects;
        const pgtest::ProcessResult two_jobs =
            test_support::migsafe({"check", "--check-down", "--format", "json", "-j", "2", dir.string()});
        // 1: findings; 2: the files that are not PostgreSQL. A signal would be 128 + its number.
        EXPECT_TRUE(two_jobs.exit_code == 0 || two_jobs.exit_code == 1 || two_jobs.exit_code == 2)
            << project << ": exit " << two_jobs.exit_code << "\n" << two_jobs.err;
        const auto report = nlohmann::json::parse(two_jobs.out, nullptr, false);
        ASSERT_FALSE(report.is_discarded()) << project << ": not JSON\n" << two_jobs.err;
        ASSERT_FALSE(report["files"].empty()) << project;
        for (const auto& file : report["files"]) {
            const std::string path = file["path"].get<std::string>();
            const std::string expected = is_known_non_postgres(path) ? "plain" : framework;
            EXPECT_EQ(file["framework"], expected) << path << ": " << file["framework_reason"];
            for (const auto& error : file["errors"]) {
                EXPECT_TRUE(error["kind"] == "parse" && is_known_non_postgres(path)) << path << ": " << error;
            }
        }
        // The same input, one job instead of two: the same report, byte for byte.
        const pgtest::ProcessResult one_job =
            test_support::migsafe({"check", "--check-down", "--format", "json", "-j", "1", dir.string()});
        EXPECT_EQ(one_job.exit_code, two_jobs.exit_code) << project;
        EXPECT_TRUE(one_job.out == two_jobs.out) << project << ": the report differs between -j 1 and -j 2";
    }
    EXPECT_EQ(projects, k_expected.size());
}

}  // namespace
}  // namespace migsafe
