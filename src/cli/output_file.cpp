#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

namespace migsafe::cli {
namespace {

// umask(2) can only be read by setting it; the CLI commits its files after the
// analysis threads have finished, so nothing creates a file in between.
mode_t current_umask() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

}  // namespace

Result<AtomicOutputFile> AtomicOutputFile::create(const std::string& path, ExistingFile existing) {
    std::vector<char> temp_path(path.begin(), path.end());
    const std::string suffix = ".migsafe-XXXXXX";
    temp_path.insert(temp_path.end(), suffix.begin(), suffix.end());
    temp_path.push_back('\0');
    const int descriptor = mkstemp(temp_path.data());
    if (descriptor < 0) {
        return make_error(ErrorKind::io, std::string{"cannot create output file: "} + std::strerror(errno), path);
    }
    return AtomicOutputFile{path, temp_path.data(), descriptor, existing};
}

AtomicOutputFile::AtomicOutputFile(std::string path, std::string temp_path, int descriptor, ExistingFile existing)
    : m_path(std::move(path)), m_temp_path(std::move(temp_path)), m_descriptor(descriptor), m_existing(existing) {}

AtomicOutputFile::AtomicOutputFile(AtomicOutputFile&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_temp_path(std::move(other.m_temp_path)),
      m_descriptor(std::exchange(other.m_descriptor, -1)),
      m_existing(other.m_existing) {}

AtomicOutputFile::~AtomicOutputFile() {
    if (m_descriptor >= 0) {
        ::close(m_descriptor);
        ::unlink(m_temp_path.c_str());
    }
}

Result<bool> AtomicOutputFile::fail(const std::string& message) {
    if (m_descriptor >= 0) {
        ::close(m_descriptor);
        m_descriptor = -1;
    }
    ::unlink(m_temp_path.c_str());
    return make_error(ErrorKind::io, message, m_path);
}

Result<bool> AtomicOutputFile::write(std::string_view piece) {
    if (m_descriptor < 0) {
        return make_error(ErrorKind::io, "cannot write output file: already closed", m_path);
    }
    std::size_t written = 0;
    while (written < piece.size()) {
        const ssize_t n = ::write(m_descriptor, piece.data() + written, piece.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return fail("cannot write output file: " + std::string{std::strerror(errno)});
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

Result<bool> AtomicOutputFile::commit() {
    if (m_descriptor < 0) {
        return make_error(ErrorKind::io, "cannot write output file: already closed", m_path);
    }
    const bool synced = ::fsync(m_descriptor) == 0;
    // mkstemp creates 0600: a replaced file keeps its mode, a new one gets the mode
    // open(2) would give it, 0666 less the umask.
    struct stat replaced {};
    const mode_t mode = m_existing == ExistingFile::replace && ::stat(m_path.c_str(), &replaced) == 0
                            ? (replaced.st_mode & 07777)
                            : (0666 & ~current_umask());
    static_cast<void>(::fchmod(m_descriptor, mode));
    const bool closed = ::close(m_descriptor) == 0;
    m_descriptor = -1;
    const bool moved = closed && synced &&
                       (m_existing == ExistingFile::replace ? std::rename(m_temp_path.c_str(), m_path.c_str()) == 0
                                                            : ::link(m_temp_path.c_str(), m_path.c_str()) == 0);
    const int move_error = errno;
    if (!moved || m_existing == ExistingFile::keep) {
        ::unlink(m_temp_path.c_str());
    }
    if (!moved) {
        return make_error(ErrorKind::io,
                          move_error == EEXIST ? std::string{"already exists; migsafe does not overwrite it"}
                                               : "cannot write output file: " + std::string{std::strerror(move_error)},
                          m_path);
    }
    return true;
}

Result<bool> write_file_atomically(const std::string& path, const std::string& content, ExistingFile existing) {
    auto file = AtomicOutputFile::create(path, existing);
    if (!file) {
        return tl::unexpected(file.error());
    }
    if (auto written = file->write(content); !written) {
        return written;
    }
    return file->commit();
}

}  // namespace migsafe::cli
