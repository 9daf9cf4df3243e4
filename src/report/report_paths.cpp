// Paths and links in machine-readable reports: repository-relative file paths
// (SARIF %SRCROOT%, GitHub annotations) and rule documentation URLs.
#include <filesystem>
#include <system_error>

#include "migsafe/report.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;

// Absolute, with symlinks resolved as far as the path exists, so a root found
// through getcwd() and a path given through a symlink still compare.
fs::path resolved(const fs::path& path) {
    std::error_code error;
    fs::path absolute = fs::absolute(path, error);
    if (error) {
        return path.lexically_normal();
    }
    fs::path canonical = fs::weakly_canonical(absolute, error);
    return error ? absolute.lexically_normal() : canonical;
}

}  // namespace

std::string find_source_root(const std::string& start) {
    const fs::path origin = resolved(start.empty() ? fs::path{"."} : fs::path{start});
    for (fs::path dir = origin; !dir.empty(); dir = dir.parent_path()) {
        std::error_code error;
        if (fs::exists(dir / ".git", error)) {
            return dir.string();
        }
        if (dir == dir.parent_path()) {
            break;
        }
    }
    return origin.string();
}

std::optional<std::string> path_relative_to(const std::string& path, const std::string& root) {
    if (path.empty()) {
        return std::nullopt;
    }
    const fs::path base = resolved(root.empty() ? fs::path{"."} : fs::path{root});
    const fs::path relative = resolved(path).lexically_relative(base);
    if (relative.empty() || *relative.begin() == "..") {
        return std::nullopt;
    }
    return relative.generic_string();
}

std::string rule_doc_url(std::string_view rule_id) {
    return std::string{MIGSAFE_HOMEPAGE} + "/blob/main/docs/rules/" + std::string{rule_id} + ".md";
}

}  // namespace migsafe
