#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace migsafe::cli {
namespace {

// umask(2) can only be read by setting it; the CLI writes its files after the
// analysis threads have finished, so nothing creates a file in between.
mode_t current_umask() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

}  // namespace

Result<bool> write_file_atomically(const std::string& path, const std::string& content, ExistingFile existing) {
    const std::string_view whole{content};
    return write_file_atomically(path, std::span{&whole, 1}, existing);
}

Result<bool> write_file_atomically(const std::string& path, std::span<const std::string_view> pieces,
                                   ExistingFile existing) {
    std::vector<char> temp_path(path.begin(), path.end());
    const std::string suffix = ".migsafe-XXXXXX";
    temp_path.insert(temp_path.end(), suffix.begin(), suffix.end());
    temp_path.push_back('\0');
    const int fd = mkstemp(temp_path.data());
    if (fd < 0) {
        return make_error(ErrorKind::io, std::string{"cannot create output file: "} + std::strerror(errno), path);
    }
    for (const std::string_view content : pieces) {
        std::size_t written = 0;
        while (written < content.size()) {
            const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                const std::string reason = std::strerror(errno);
                ::close(fd);
                ::unlink(temp_path.data());
                return make_error(ErrorKind::io, "cannot write output file: " + reason, path);
            }
            written += static_cast<std::size_t>(n);
        }
    }
    const bool synced = ::fsync(fd) == 0;
    // mkstemp creates 0600: a replaced file keeps its mode, a new one gets the mode
    // open(2) would give it, 0666 less the umask.
    struct stat replaced {};
    const mode_t mode = existing == ExistingFile::replace && ::stat(path.c_str(), &replaced) == 0
                            ? (replaced.st_mode & 07777)
                            : (0666 & ~current_umask());
    static_cast<void>(::fchmod(fd, mode));
    const bool closed = ::close(fd) == 0;
    const bool moved = closed && synced &&
                       (existing == ExistingFile::replace ? std::rename(temp_path.data(), path.c_str()) == 0
                                                          : ::link(temp_path.data(), path.c_str()) == 0);
    const int move_error = errno;
    if (!moved || existing == ExistingFile::keep) {
        ::unlink(temp_path.data());
    }
    if (!moved) {
        return make_error(ErrorKind::io,
                          move_error == EEXIST ? std::string{"already exists; migsafe does not overwrite it"}
                                               : "cannot write output file: " + std::string{std::strerror(move_error)},
                          path);
    }
    return true;
}

}  // namespace migsafe::cli
