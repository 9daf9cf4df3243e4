// A whole file read into memory: every migration is read twice (its framework's
// markers, then its statements), so with one allocation and plain read(2) calls.
#pragma once

#include <optional>
#include <string>

namespace migsafe {

// The bytes of `path`; nullopt when it cannot be opened or read, or is a
// directory (errno says why: EISDIR for a directory).
[[nodiscard]] std::optional<std::string> file_contents(const std::string& path);

}  // namespace migsafe
