// JsonReportStream: entries rendered out of order reach the file in input order,
// as one document; the file appears only when the report is finished.
#include "json_report_stream.hpp"

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "migsafe/report.hpp"
#include "pg_server.hpp"
#include "text_file.hpp"

namespace migsafe::cli {
namespace {

namespace fs = std::filesystem;

FileReport file_named(const std::string& path) {
    FileReport file;
    file.path = path;
    file.display_path = path;
    file.framework = "plain";
    return file;
}

std::vector<std::string> names_in(const fs::path& directory) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator{directory}) {
        names.push_back(entry.path().filename().string());
    }
    return names;
}

TEST(JsonReportStream, WritesEntriesInInputOrderWhateverOrderTheyArriveIn) {
    pgtest::TemporaryDirectory dir{"migsafe-stream"};
    const fs::path target = dir.path() / "report.json";
    auto file = AtomicOutputFile::create(target.string());
    ASSERT_TRUE(file.has_value());
    // Index 2 is a file a config excluded: it never gets an entry.
    const std::vector<std::size_t> expected{0, 1, 3, 4, 5, 6, 7};
    JsonReportStream stream{std::move(*file), 15, expected};
    std::vector<std::thread> workers;
    for (const std::size_t index : {7U, 5U, 3U, 1U, 0U, 6U, 4U}) {
        workers.emplace_back(
            [&stream, index] { stream.add(index, file_json(file_named("f" + std::to_string(index)))); });
    }
    for (std::thread& worker : workers) {
        worker.join();
    }
    EXPECT_FALSE(fs::exists(target)) << "the report appeared before it was finished";
    ASSERT_TRUE(stream.finish().has_value());

    Report whole;
    whole.pg_version = 15;
    for (const std::size_t index : expected) {
        whole.files.push_back(file_named("f" + std::to_string(index)));
    }
    std::string one_writer;
    write_report_json(whole, one_writer);
    EXPECT_EQ(test_support::read_text(target), one_writer);
    EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"report.json"}) << "temporary file left behind";
}

TEST(JsonReportStream, NoEntriesIsAnEmptyFilesArray) {
    pgtest::TemporaryDirectory dir{"migsafe-stream"};
    const fs::path target = dir.path() / "report.json";
    auto file = AtomicOutputFile::create(target.string());
    ASSERT_TRUE(file.has_value());
    JsonReportStream stream{std::move(*file), 18, {}};
    ASSERT_TRUE(stream.finish().has_value());
    std::string one_writer;
    Report empty;
    write_report_json(empty, one_writer);
    EXPECT_EQ(test_support::read_text(target), one_writer);
    EXPECT_TRUE(nlohmann::json::parse(one_writer)["files"].empty());
}

TEST(JsonReportStream, AMissingEntryFailsTheReportAndLeavesNoFile) {
    pgtest::TemporaryDirectory dir{"migsafe-stream"};
    const fs::path target = dir.path() / "report.json";
    {
        auto file = AtomicOutputFile::create(target.string());
        ASSERT_TRUE(file.has_value());
        JsonReportStream stream{std::move(*file), 15, {0, 1}};
        stream.add(1, file_json(file_named("f1")));
        EXPECT_FALSE(stream.finish().has_value());
    }
    EXPECT_TRUE(names_in(dir.path()).empty());
}

}  // namespace
}  // namespace migsafe::cli
