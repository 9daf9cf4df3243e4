#include "migsafe/discover.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

namespace migsafe {
namespace fs = std::filesystem;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool has_sql_extension(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".sql";
}

// Collects *.sql below `directory`; symlinked directories are followed once
// (a visited set breaks loops).
void collect_directory(const fs::path& directory, std::vector<std::string>& files, std::set<fs::path>& visited,
                       std::vector<std::string>& problems) {
    std::error_code error;
    const fs::path canonical = fs::canonical(directory, error);
    if (error || !visited.insert(canonical).second) {
        return;
    }
    std::vector<fs::path> entries;
    for (fs::directory_iterator it{directory, fs::directory_options::skip_permission_denied, error}, end;
         !error && it != end; it.increment(error)) {
        entries.push_back(it->path());
    }
    if (error) {
        problems.push_back(directory.string() + ": " + error.message());
        return;
    }
    for (const fs::path& entry : entries) {
        std::error_code status_error;
        if (fs::is_directory(entry, status_error)) {
            const std::string name = entry.filename().string();
            if (!name.empty() && name[0] == '.') {
                continue;  // .git, .cache and friends hold no migrations
            }
            collect_directory(entry, files, visited, problems);
        } else if (has_sql_extension(entry) && fs::is_regular_file(entry, status_error)) {
            files.push_back(entry.string());
        }
    }
}

}  // namespace

bool natural_less(std::string_view a, std::string_view b) {
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            std::size_t i_end = i;
            std::size_t j_end = j;
            while (i_end < a.size() && is_digit(a[i_end])) {
                ++i_end;
            }
            while (j_end < b.size() && is_digit(b[j_end])) {
                ++j_end;
            }
            // Compare values without overflow: strip leading zeros, then length, then digits.
            std::string_view x = a.substr(i, i_end - i);
            std::string_view y = b.substr(j, j_end - j);
            const auto x_start = x.find_first_not_of('0');
            const auto y_start = y.find_first_not_of('0');
            x = x_start == std::string_view::npos ? std::string_view{} : x.substr(x_start);
            y = y_start == std::string_view::npos ? std::string_view{} : y.substr(y_start);
            if (x.size() != y.size()) {
                return x.size() < y.size();
            }
            if (x != y) {
                return x < y;
            }
            i = i_end;
            j = j_end;
            continue;
        }
        if (a[i] != b[j]) {
            return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
        }
        ++i;
        ++j;
    }
    if ((a.size() - i) != (b.size() - j)) {
        return (a.size() - i) < (b.size() - j);
    }
    return a < b;  // equal by value ("01" vs "1"): any stable order
}

Result<std::vector<CollectedFile>> collect_migration_files(const std::vector<std::string>& paths) {
    std::vector<CollectedFile> result;
    for (const std::string& path : paths) {
        if (path == "-") {
            result.push_back(CollectedFile{path, true});
            continue;
        }
        std::error_code error;
        const fs::file_status status = fs::status(path, error);
        if (error || !fs::exists(status)) {
            return make_error(ErrorKind::io, "no such file or directory", path);
        }
        if (fs::is_directory(status)) {
            std::vector<std::string> files;
            std::set<fs::path> visited;
            std::vector<std::string> problems;
            collect_directory(path, files, visited, problems);
            if (!problems.empty()) {
                return make_error(ErrorKind::io, "cannot read directory: " + problems.front(), path);
            }
            if (files.empty()) {
                return make_error(ErrorKind::io, "directory contains no .sql files", path);
            }
            std::sort(files.begin(), files.end(), [&](const std::string& x, const std::string& y) {
                return natural_less(x, y);
            });
            for (std::string& file : files) {
                result.push_back(CollectedFile{std::move(file), false});
            }
        } else {
            result.push_back(CollectedFile{path, true});
        }
    }
    return result;
}

Result<SourceFile> read_source_file(const std::string& path) {
    SourceFile file;
    file.path = path;
    file.display_path = path;
    std::error_code error;
    if (fs::is_directory(path, error)) {
        return make_error(ErrorKind::io, "is a directory, not a file", path);
    }
    std::ifstream stream{path, std::ios::binary};
    if (!stream) {
        return make_error(ErrorKind::io, std::string{"cannot open file: "} + std::strerror(errno), path);
    }
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    if (stream.bad()) {
        return make_error(ErrorKind::io, "cannot read file", path);
    }
    file.text = std::move(buffer).str();
    return file;
}

FilePlan plan_file(const SourceFile& file, const PlanOptions& options) {
    FilePlan plan;
    plan.framework = options.framework.empty() ? "plain" : options.framework;
    plan.reason = options.framework.empty() ? "no framework layout or marker found: run as psql -f would"
                                            : "set by --framework";
    const TransactionMode mode = options.assume_in_transaction ? TransactionMode::per_file : TransactionMode::none;
    plan.up.push_back(FileSection{ByteSpan{0, file.text.size()}, mode});
    return plan;
}

}  // namespace migsafe
