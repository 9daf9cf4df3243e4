#include "lock_cases.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include <pg_query.h>

namespace migsafe::pgtest {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_blank = " \t\r\n";

std::string_view trim(std::string_view text) {
    const std::size_t first = text.find_first_not_of(k_blank);
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = text.find_last_not_of(k_blank);
    return text.substr(first, last - first + 1);
}

int line_of(std::string_view text, std::size_t offset) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

struct Directives {
    std::vector<std::string> setup;
    bool concurrent = false;
    std::optional<std::string> alongside;
    std::optional<std::string> unobservable;
    std::optional<std::string> expected_error;
    std::optional<std::string> model_gap;
    int first_line = 0;  // 0 when there is none

    [[nodiscard]] bool empty() const {
        return setup.empty() && !concurrent && !alongside && !unobservable && !expected_error && !model_gap;
    }
};

// Reads one "-- name: value" comment line into `directives`; other comments
// are documentation and are ignored.
void read_directive(std::string_view comment, int line, Directives& directives, const std::string& where,
                    std::vector<std::string>& errors) {
    const std::string_view body = trim(comment.substr(2));
    const std::size_t colon = body.find(':');
    if (colon == std::string_view::npos) {
        return;
    }
    const std::string_view name = trim(body.substr(0, colon));
    const std::string value(trim(body.substr(colon + 1)));
    const std::string location = where + ":" + std::to_string(line) + ": ";
    if (name == "setup") {
        if (value.empty()) {
            errors.push_back(location + "empty setup directive");
        }
        directives.setup.push_back(value);
    } else if (name == "observe") {
        if (value != "concurrent") {
            errors.push_back(location + "observe must be 'concurrent', not '" + value + "'");
        }
        directives.concurrent = true;
    } else if (name == "alongside") {
        if (value.empty()) {
            errors.push_back(location + "alongside needs the SQL to run");
        }
        directives.alongside = value;
    } else if (name == "unobservable") {
        if (value.empty()) {
            errors.push_back(location + "unobservable needs a reason");
        }
        directives.unobservable = value;
    } else if (name == "expect-error") {
        if (value.empty()) {
            errors.push_back(location + "expect-error needs the text of the error");
        }
        directives.expected_error = value;
    } else if (name == "model-gap") {
        if (value.empty()) {
            errors.push_back(location + "model-gap needs the reason the model cannot agree yet");
        }
        directives.model_gap = value;
    } else {
        return;
    }
    if (directives.first_line == 0) {
        directives.first_line = line;
    }
}

// Splits a chunk returned by the scanner into its leading comment lines and the
// statement after them. Returns the offset of the statement inside the chunk,
// or npos when the chunk holds comments only.
std::size_t read_preamble(std::string_view chunk, std::string_view file_text, std::size_t chunk_offset,
                          Directives& directives, const std::string& where, std::vector<std::string>& errors) {
    std::size_t position = 0;
    while (position < chunk.size()) {
        const std::size_t line_end = std::min(chunk.find('\n', position), chunk.size());
        const std::string_view line = trim(chunk.substr(position, line_end - position));
        if (line.empty()) {
            position = line_end + 1;
            continue;
        }
        if (!line.starts_with("--")) {
            return chunk.find_first_not_of(k_blank, position);
        }
        read_directive(line, line_of(file_text, chunk_offset + position), directives, where, errors);
        position = line_end + 1;
    }
    return std::string_view::npos;
}

}  // namespace

std::string LockCase::statement_script() const {
    // A trailing line comment would swallow a semicolon on the same line.
    const std::size_t last_line = statement.rfind('\n');
    const std::string_view tail =
        std::string_view(statement).substr(last_line == std::string::npos ? 0 : last_line + 1);
    return statement + (tail.find("--") == std::string_view::npos ? ";\n" : "\n;\n");
}

LockCaseFiles parse_lock_case_file(std::string_view text, std::string_view file_name) {
    LockCaseFiles result;
    const std::string where(file_name);
    result.files.push_back(where);
    const std::string text_copy(text);  // the C API needs a terminating NUL
    PgQuerySplitResult split = pg_query_split_with_scanner(text_copy.c_str());
    if (split.error != nullptr) {
        result.errors.push_back(where + ":" + std::to_string(line_of(text, static_cast<std::size_t>(
                                                                                std::max(split.error->cursorpos - 1, 0)))) +
                                ": " + split.error->message);
        pg_query_free_split_result(split);
        return result;
    }
    std::size_t consumed = 0;
    for (int index = 0; index < split.n_stmts; ++index) {
        const auto offset = static_cast<std::size_t>(split.stmts[index]->stmt_location);
        const auto length = static_cast<std::size_t>(split.stmts[index]->stmt_len);
        const std::string_view chunk = text.substr(offset, length);
        consumed = std::min(offset + length + 1, text.size());
        Directives directives;
        const std::size_t start = read_preamble(chunk, text, offset, directives, where, result.errors);
        if (start == std::string_view::npos) {
            continue;
        }
        if (offset + length >= text.size() || text[offset + length] != ';') {
            result.errors.push_back(where + ":" + std::to_string(line_of(text, offset + start)) +
                                    ": statement without a terminating semicolon");
        }
        LockCase lock_case;
        lock_case.file = where;
        lock_case.line = line_of(text, offset + start);
        lock_case.statement = std::string(trim(chunk.substr(start)));
        lock_case.setup = std::move(directives.setup);
        lock_case.concurrent = directives.concurrent;
        if (directives.alongside && !directives.concurrent) {
            result.errors.push_back(where + ":" + std::to_string(lock_case.line) +
                                    ": alongside needs observe: concurrent");
        }
        lock_case.alongside = std::move(directives.alongside);
        lock_case.unobservable = std::move(directives.unobservable);
        lock_case.expected_error = std::move(directives.expected_error);
        lock_case.model_gap = std::move(directives.model_gap);
        result.cases.push_back(std::move(lock_case));
    }
    pg_query_free_split_result(split);

    // Directives after the last statement have no statement to belong to.
    if (consumed < text.size()) {
        Directives dangling;
        const std::string_view rest = text.substr(consumed);
        const std::size_t start = read_preamble(rest, text, consumed, dangling, where, result.errors);
        if (start == std::string_view::npos && !dangling.empty()) {
            result.errors.push_back(where + ":" + std::to_string(dangling.first_line) +
                                    ": directive after the last statement");
        }
    }
    return result;
}

LockCaseFiles load_lock_cases(const fs::path& directory) {
    LockCaseFiles all;
    std::vector<fs::path> paths;
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(directory, error)) {
        if (entry.is_regular_file() && entry.path().extension() == ".sql" && entry.path().filename() != "setup.sql") {
            paths.push_back(entry.path());
        }
    }
    if (error) {
        all.errors.push_back(directory.string() + ": " + error.message());
        return all;
    }
    std::sort(paths.begin(), paths.end());
    for (const fs::path& path : paths) {
        std::ifstream input(path, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(input)), std::istreambuf_iterator<char>());
        LockCaseFiles one = parse_lock_case_file(text, path.filename().string());
        all.files.insert(all.files.end(), one.files.begin(), one.files.end());
        std::move(one.cases.begin(), one.cases.end(), std::back_inserter(all.cases));
        std::move(one.errors.begin(), one.errors.end(), std::back_inserter(all.errors));
    }
    return all;
}

fs::path lock_cases_directory() {
#ifdef MIGSAFE_SOURCE_DIR
    const fs::path source_directory = MIGSAFE_SOURCE_DIR;
#else
    const char* from_environment = std::getenv("MIGSAFE_SOURCE_DIR");
    const fs::path source_directory = from_environment != nullptr ? fs::path(from_environment) : fs::current_path();
#endif
    return source_directory / "testdata" / "locks";
}

}  // namespace migsafe::pgtest
