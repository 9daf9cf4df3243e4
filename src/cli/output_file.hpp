// Writing a report file without ever leaving a partial one behind.
#pragma once

#include <string>
#include <string_view>

#include "migsafe/error.hpp"

namespace migsafe::cli {

enum class ExistingFile { replace, keep };

// A file written in pieces to a temporary file beside `path`, then fsynced and
// moved to `path` on commit: renamed over it, or with ExistingFile::keep linked
// so an existing file (even one created meanwhile) is never replaced. A replaced
// file keeps its mode; a new one gets 0666 less the umask, as if opened directly.
// Dropped without a commit, the temporary file is removed.
class AtomicOutputFile {
public:
    [[nodiscard]] static Result<AtomicOutputFile> create(const std::string& path,
                                                        ExistingFile existing = ExistingFile::replace);
    AtomicOutputFile(AtomicOutputFile&& other) noexcept;
    AtomicOutputFile& operator=(AtomicOutputFile&&) = delete;
    AtomicOutputFile(const AtomicOutputFile&) = delete;
    AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;
    ~AtomicOutputFile();

    [[nodiscard]] Result<bool> write(std::string_view piece);
    [[nodiscard]] Result<bool> commit();

private:
    AtomicOutputFile(std::string path, std::string temp_path, int descriptor, ExistingFile existing);
    Result<bool> fail(const std::string& message);

    std::string m_path;
    std::string m_temp_path;
    int m_descriptor = -1;
    ExistingFile m_existing;
};

// The whole `content` through an AtomicOutputFile.
[[nodiscard]] Result<bool> write_file_atomically(const std::string& path, const std::string& content,
                                                 ExistingFile existing = ExistingFile::replace);

}  // namespace migsafe::cli
