// Writing a report file without ever leaving a partial one behind.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "migsafe/error.hpp"

namespace migsafe::cli {

enum class ExistingFile { replace, keep };

// Writes to a temporary file beside `path`, fsyncs it, then moves it to `path`:
// renamed over it, or with ExistingFile::keep linked so an existing file (even
// one created meanwhile) is never replaced. A replaced file keeps its mode; a new
// one gets 0666 less the umask, as if opened directly.
[[nodiscard]] Result<bool> write_file_atomically(const std::string& path, const std::string& content,
                                                 ExistingFile existing = ExistingFile::replace);
// The same with the content given as pieces written one after another.
[[nodiscard]] Result<bool> write_file_atomically(const std::string& path, std::span<const std::string_view> pieces,
                                                 ExistingFile existing = ExistingFile::replace);

}  // namespace migsafe::cli
