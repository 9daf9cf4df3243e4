// for_each_parsed: files parsed ahead on worker threads, visited in order on the
// caller's thread, each file's `after` run once, after its visit.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "migsafe/history.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;

class ParsePipeline : public ::testing::TestWithParam<unsigned> {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() / ("migsafe_parse_pipeline_" + std::to_string(GetParam()));
        fs::remove_all(m_root);
        fs::create_directories(m_root);
        for (int i = 0; i < k_files; ++i) {
            const fs::path path = m_root / ("V" + std::to_string(i + 1) + "__t.sql");
            std::ofstream{path} << "CREATE TABLE t" << i << " (id int);\n";
            CollectedFile file;
            file.path = path.string();
            m_files.push_back(file);
        }
    }
    void TearDown() override { fs::remove_all(m_root); }

    static constexpr int k_files = 100;  // several windows of parse-ahead at any -j
    std::vector<CollectedFile> m_files;

    [[nodiscard]] ReplayOptions options() const {
        ReplayOptions replay;
        replay.jobs = GetParam();
        return replay;
    }

private:
    fs::path m_root;
};

TEST_P(ParsePipeline, VisitsInFileOrderOnTheCallersThreadAndRunsEachAfterOnceAfterItsVisit) {
    const std::thread::id caller = std::this_thread::get_id();
    std::vector<std::size_t> visit_order;
    std::vector<std::string> parsed_text;
    std::vector<std::atomic<int>> visited(k_files);
    std::vector<std::atomic<int>> afters(k_files);
    std::atomic<int> after_before_visit{0};
    for_each_parsed(
        m_files, options(),
        [&](std::size_t index, ParsedMigration& migration) {
            EXPECT_EQ(std::this_thread::get_id(), caller);
            visit_order.push_back(index);
            ASSERT_EQ(migration.sections.size(), 1U);
            parsed_text.push_back(migration.sections.front().parsed.statements.at(0).sql);
            visited[index] = 1;
        },
        [&](std::size_t index) {
            if (visited[index] == 0) {
                ++after_before_visit;
            }
            ++afters[index];
        });
    std::vector<std::size_t> in_order(k_files);
    for (std::size_t i = 0; i < in_order.size(); ++i) {
        in_order[i] = i;
    }
    EXPECT_EQ(visit_order, in_order);
    ASSERT_EQ(parsed_text.size(), static_cast<std::size_t>(k_files));
    EXPECT_EQ(parsed_text[42], "CREATE TABLE t42 (id int)");  // each visit gets its own file
    EXPECT_EQ(after_before_visit, 0);
    EXPECT_TRUE(std::all_of(afters.begin(), afters.end(), [](const std::atomic<int>& runs) { return runs == 1; }));
}

TEST_P(ParsePipeline, AnExceptionFromAVisitReachesTheCallerAndStopsTheWorkers) {
    std::size_t visits = 0;
    EXPECT_THROW(for_each_parsed(m_files, options(),
                                 [&](std::size_t index, ParsedMigration&) {
                                     ++visits;
                                     if (index == 7) {
                                         throw std::runtime_error("stop");
                                     }
                                 }),
                 std::runtime_error);
    EXPECT_EQ(visits, 8U);
}

INSTANTIATE_TEST_SUITE_P(Jobs, ParsePipeline, ::testing::Values(1U, 2U, 5U));

}  // namespace
}  // namespace migsafe
