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
    const auto fail = [descriptor](int reason) {
        ::close(descriptor);
        errno = reason;
        return std::nullopt;
    };
    struct stat info {};
    if (::fstat(descriptor, &info) != 0) {
        return fail(errno);
    }
    if (S_ISDIR(info.st_mode)) {
        return fail(EISDIR);
    }
    // A regular file is read to the size fstat gives, without a last read(2) to
    // see EOF; anything else (a pipe, a /proc file of size 0) goes on through the
    // spill buffer until EOF, so the string is never doubled.
    const bool sized = S_ISREG(info.st_mode) && info.st_size > 0;
    std::string text(sized ? static_cast<std::size_t>(info.st_size) : 0, '\0');
    std::size_t filled = 0;
    char spill[4096];
    while (!sized || filled < text.size()) {
        const bool in_place = filled < text.size();
        char* destination = in_place ? text.data() + filled : spill;
        const std::size_t room = in_place ? text.size() - filled : sizeof spill;
        const ssize_t count = ::read(descriptor, destination, room);
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count < 0) {
            return fail(errno);
        }
        if (count == 0) {
            break;
        }
        if (in_place) {
            filled += static_cast<std::size_t>(count);
        } else {
            text.append(spill, static_cast<std::size_t>(count));
            filled = text.size();
        }
    }
    ::close(descriptor);
    text.resize(filled);
    return text;
}

}  // namespace migsafe
