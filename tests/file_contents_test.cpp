// file_contents: a file read whole whatever fstat says its size is.
#include "migsafe/file_contents.hpp"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace migsafe {
namespace {

namespace fs = std::filesystem;

TEST(FileContents, ReadsARegularFileExactly) {
    const fs::path path = fs::temp_directory_path() / "migsafe_file_contents.sql";
    const std::string text(10000, 'x');  // larger than the 4 KiB spill buffer
    std::ofstream{path, std::ios::binary} << text << "\nend";
    const auto read = file_contents(path.string());
    fs::remove(path);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(*read, text + "\nend");
}

// /proc files report size 0 and are read through the spill buffer.
TEST(FileContents, ReadsAFileWhoseSizeFstatDoesNotKnow) {
    const auto read = file_contents("/proc/self/status");
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->rfind("Name:", 0), 0U) << *read;
    EXPECT_NE(read->find("VmRSS"), std::string::npos);
}

TEST(FileContents, RefusesADirectoryWithEisdir) {
    errno = 0;
    EXPECT_FALSE(file_contents(fs::temp_directory_path().string()).has_value());
    EXPECT_EQ(errno, EISDIR);
}

TEST(FileContents, MissingFileSetsErrno) {
    errno = 0;
    EXPECT_FALSE(file_contents("/nonexistent/migsafe.sql").has_value());
    EXPECT_EQ(errno, ENOENT);
}

}  // namespace
}  // namespace migsafe
