#include "json_report_stream.hpp"

#include <iostream>
#include <utility>

#include "migsafe/report.hpp"

namespace migsafe::cli {

JsonReportStream::JsonReportStream(std::optional<AtomicOutputFile> file, int pg_version,
                                   std::vector<std::size_t> expected)
    : m_file(std::move(file)), m_expected(std::move(expected)) {
    write(json_report_head(pg_version));
}

void JsonReportStream::add(std::size_t index, std::string entry) {
    const std::lock_guard lock{m_mutex};
    m_early.emplace(index, std::move(entry));
    while (m_next < m_expected.size()) {
        const auto ready = m_early.find(m_expected[m_next]);
        if (ready == m_early.end()) {
            break;
        }
        if (m_next > 0) {
            write(",");
        }
        write(ready->second);
        m_early.erase(ready);
        ++m_next;
    }
}

Result<bool> JsonReportStream::finish() {
    const std::lock_guard lock{m_mutex};
    if (m_next != m_expected.size()) {
        return make_error(ErrorKind::io, "the JSON report is missing file entries");
    }
    write(json_report_tail(!m_expected.empty()));
    if (m_error) {
        return tl::unexpected(*m_error);
    }
    if (m_file) {
        return m_file->commit();
    }
    std::cout.flush();
    return true;
}

void JsonReportStream::write(std::string_view piece) {
    if (m_error) {
        return;
    }
    if (!m_file) {
        std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
        return;
    }
    if (auto written = m_file->write(piece); !written) {
        m_error = written.error();
    }
}

}  // namespace migsafe::cli
