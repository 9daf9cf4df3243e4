// A fresh directory under the system's temporary directory, removed with its contents.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace migsafe::testing {

class TempDir {
public:
    explicit TempDir(const std::string& prefix = "migsafe-test") {
        std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        m_path = mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace migsafe::testing
