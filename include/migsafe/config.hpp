// Analysis settings from the command line (and the config file), and the rules they select.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/error.hpp"
#include "migsafe/finding.hpp"
#include "migsafe/lock_model.hpp"
#include "migsafe/rule.hpp"
#include "migsafe/table_stats.hpp"

namespace migsafe {

// One entry of the config file's "rules" object.
struct RuleSetting {
    std::string key;                 // as written: an id or an alias
    const Rule* rule = nullptr;
    std::optional<bool> enabled;     // "off" -> false; "on", a severity or an object -> true
    std::optional<Severity> severity;
    RuleOptions options;             // only the options the file sets
};

// A parsed `.migsafe.json`: every key optional, values already validated.
struct ConfigFile {
    std::string path;
    std::optional<int> pg_version;
    std::optional<std::string> framework;
    std::optional<bool> assume_in_transaction;
    std::optional<bool> assume_lock_timeout;
    std::optional<Severity> fail_on;
    std::optional<bool> require_suppression_reason;
    std::optional<std::int64_t> small_table_bytes;
    std::vector<RuleSetting> rules;
    std::vector<std::string> exclude;  // globs, relative to the file's directory

    // `path` matches an exclude glob ("*" stays within a directory, "**" crosses
    // them; a glob without "/" matches any file or directory name).
    [[nodiscard]] bool excludes(const std::string& path) const;
};

inline constexpr std::string_view k_config_file_name = ".migsafe.json";

// The config text of `path` (JSON with comments); unknown keys and bad values are
// config errors naming the key and the valid choices.
[[nodiscard]] Result<ConfigFile> parse_config(std::string_view text, const std::string& path);
[[nodiscard]] Result<ConfigFile> load_config(const std::string& path);
// `.migsafe.json` in `directory` or the nearest directory above it; the search
// stops at a repository root (a directory holding .git).
[[nodiscard]] std::optional<std::string> find_config(const std::string& directory);

// find_config for many directories: what a directory's search found is kept, so
// sibling directories stop at their common parent instead of walking to the root.
class ConfigSearch {
public:
    [[nodiscard]] std::optional<std::string> find(const std::string& directory);

private:
    std::map<std::string, std::optional<std::string>> m_found;  // by absolute directory
};

struct Config {
    int pg_version = k_max_pg_version;
    std::string framework;  // empty: detect
    std::string framework_origin = "--framework";  // where `framework` was set, quoted in each file's reason
    bool assume_in_transaction = false;
    bool check_down = false;  // also lint down (revert) migrations
    bool assume_lock_timeout = false;
    Severity fail_on = Severity::warning;
    bool allow_parse_errors = false;
    bool enable_all = false;
    std::vector<std::string> enable;   // ids or aliases
    std::vector<std::string> disable;  // ids or aliases
    bool require_suppression_reason = false;
    // With --stats: lock-duration findings on tables smaller than this become hints.
    std::int64_t small_table_bytes = k_default_small_table_bytes;
    std::vector<RuleSetting> rule_settings;  // from the config file; flags override them
};

// Copies the file's settings into `config` (flags are applied after it).
void apply_config_file(const ConfigFile& file, Config& config);

struct ActiveRule {
    const Rule* rule = nullptr;
    Severity severity = Severity::warning;
    // Set by the config file: then `severity` overrides the rule's own per-finding grade.
    bool severity_configured = false;
    RuleOptions options{};  // every declared option: defaults, then the config file's values
};

// The rules that run, with their severities and options: the rules on by default,
// then the config file's "rules", then --enable-all, --enable and --disable.
// Unknown ids are usage errors.
[[nodiscard]] Result<std::vector<ActiveRule>> resolve_rules(const Config& config);

}  // namespace migsafe
