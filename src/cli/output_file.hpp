// Writing a report file without ever leaving a partial one behind.
#pragma once

#include <string>

#include "migsafe/error.hpp"

namespace migsafe::cli {

// Writes to a temporary file beside `path`, fsyncs it, then renames it over `path`.
[[nodiscard]] Result<bool> write_file_atomically(const std::string& path, const std::string& content);

}  // namespace migsafe::cli
