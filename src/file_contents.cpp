#include "migsafe/file_contents.hpp"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace migsafe {

std::optional<std::string> file_contents(const std::string& path) {
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        return std::nullopt;
    }
    struct stat info {};
    std::string text;
    if (::fstat(descriptor, &info) == 0 && info.st_size > 0) {
        text.resize(static_cast<std::size_t>(info.st_size));
    }
    std::size_t filled = 0;
    while (true) {
        if (filled == text.size()) {
            text.resize(text.size() < 4096 ? 4096 : text.size() * 2);  // a pipe, or a file still growing
        }
        const ssize_t count = ::read(descriptor, text.data() + filled, text.size() - filled);
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count < 0) {
            const int saved = errno;
            ::close(descriptor);
            errno = saved;
            return std::nullopt;
        }
        if (count == 0) {
            break;
        }
        filled += static_cast<std::size_t>(count);
    }
    ::close(descriptor);
    text.resize(filled);
    return text;
}

}  // namespace migsafe
