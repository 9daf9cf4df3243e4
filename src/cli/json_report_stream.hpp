// The JSON report written while the analysis runs: file entries are rendered on
// the worker threads in no set order and written here in input order, so memory
// holds only the entries that arrive ahead of their turn.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "migsafe/error.hpp"
#include "output_file.hpp"

namespace migsafe::cli {

class JsonReportStream {
public:
    // `file` null: standard output. `expected`: the input indices that get an
    // entry, ascending (files a config excludes have none).
    JsonReportStream(std::optional<AtomicOutputFile> file, int pg_version, std::vector<std::size_t> expected);

    // One file's entry (file_json); safe to call from any thread.
    void add(std::size_t index, std::string entry);
    // After the last add: the report's end, then the file moved into place. The
    // first write error, if any.
    [[nodiscard]] Result<bool> finish();

private:
    void write(std::string_view piece);

    std::mutex m_mutex;
    std::optional<AtomicOutputFile> m_file;
    std::vector<std::size_t> m_expected;
    std::size_t m_next = 0;  // position in m_expected of the entry to write next
    std::map<std::size_t, std::string> m_early;
    std::optional<Error> m_error;
};

}  // namespace migsafe::cli
