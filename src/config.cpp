#include "migsafe/config.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "migsafe/file_contents.hpp"
#include "migsafe/framework.hpp"
#include "migsafe/rule_registry.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::string_view k_valid_keys =
    "pg_version, framework, assume_in_transaction, assume_lock_timeout, fail_on, require_suppression_reason, "
    "small_table_bytes, rules, exclude";
constexpr std::string_view k_rule_values = "\"off\", \"on\", \"error\", \"warning\", \"hint\", or an object";

Result<const Rule*> lookup(const std::string& id) {
    const Rule* rule = find_rule(id);
    if (rule == nullptr) {
        const std::string_view closest = closest_rule_id(id);
        std::string message = "unknown rule '" + id + "'";
        if (!closest.empty()) {
            message += " (did you mean '" + std::string{closest} + "'?)";
        }
        return make_error(ErrorKind::usage, message);
    }
    return rule;
}

// ---- Reading the file --------------------------------------------------------

class ConfigReader {
public:
    explicit ConfigReader(std::string path) : m_path(std::move(path)) {}

    tl::unexpected<Error> fail(const std::string& message) const {
        return make_error(ErrorKind::config, message, m_path);
    }

    Result<bool> boolean(const Json& value, const std::string& key) const {
        if (!value.is_boolean()) {
            return fail(key + " must be true or false");
        }
        return value.get<bool>();
    }

    Result<Severity> severity(const Json& value, const std::string& key) const {
        const auto parsed = value.is_string() ? parse_severity(value.get<std::string>()) : std::nullopt;
        if (!parsed) {
            return fail(key + " must be one of \"error\", \"warning\", \"hint\"");
        }
        return *parsed;
    }

    // 15, "15" and "15.4" (squawk writes versions as strings) all mean major version 15.
    Result<int> pg_version(const Json& value) const {
        std::optional<long> major;
        if (value.is_number_integer()) {
            major = value.get<long>();
        } else if (value.is_string()) {
            const std::string text = value.get<std::string>();
            const std::size_t digits = text.find_first_not_of("0123456789");
            const bool minor_ok = digits == std::string::npos ||
                                  (text[digits] == '.' && digits + 1 < text.size() &&
                                   text.find_first_not_of("0123456789", digits + 1) == std::string::npos);
            long parsed = 0;
            const char* const end = text.data() + std::min(digits, text.size());
            // from_chars, not stol: "" and 30 digits are invalid settings, not exceptions.
            const auto [stop, error] = std::from_chars(text.data(), end, parsed);
            if (minor_ok && error == std::errc{} && stop == end) {
                major = parsed;
            }
        }
        if (!major || *major < k_min_pg_version || *major > k_max_pg_version) {
            return fail("pg_version must be a PostgreSQL major version from " + std::to_string(k_min_pg_version) +
                        " to " + std::to_string(k_max_pg_version));
        }
        return static_cast<int>(*major);
    }

    Result<std::vector<std::string>> globs(const Json& value) const {
        if (!value.is_array()) {
            return fail("exclude must be a list of path globs, e.g. [\"migrations/legacy/**\"]");
        }
        std::vector<std::string> patterns;
        for (const Json& item : value) {
            if (!item.is_string() || item.get<std::string>().empty()) {
                return fail("exclude must be a list of path globs, e.g. [\"migrations/legacy/**\"]");
            }
            patterns.push_back(item.get<std::string>());
        }
        return patterns;
    }

    Result<OptionValue> option_value(const RuleOption& option, const Json& value, const std::string& key) const {
        switch (option.type) {
            case OptionType::boolean:
                if (value.is_boolean()) {
                    return OptionValue{value.get<bool>()};
                }
                break;
            case OptionType::integer:
                if (value.is_number_integer()) {
                    return OptionValue{value.get<std::int64_t>()};
                }
                break;
            case OptionType::string:
                if (value.is_string()) {
                    return OptionValue{value.get<std::string>()};
                }
                break;
            case OptionType::string_list:
                if (value.is_array() && std::all_of(value.begin(), value.end(), [](const Json& item) {
                        return item.is_string();
                    })) {
                    return OptionValue{value.get<std::vector<std::string>>()};
                }
                break;
        }
        return fail(key + " must be a " + std::string{option_type_name(option.type)});
    }

    Result<RuleSetting> rule_setting(const std::string& name, const Json& value) const {
        const std::string key = "rules." + name;
        RuleSetting setting;
        setting.key = name;
        setting.rule = find_rule(name);
        if (setting.rule == nullptr) {
            const std::string_view closest = closest_rule_id(name);
            return fail("rules: unknown rule '" + name + "'" +
                        (closest.empty() ? std::string{} : " (did you mean '" + std::string{closest} + "'?)") +
                        "; 'migsafe rules' lists the ids");
        }
        if (value.is_string()) {
            const std::string text = value.get<std::string>();
            if (text == "off" || text == "on") {
                setting.enabled = text == "on";
                return setting;
            }
            if (const auto severity = parse_severity(text)) {
                setting.enabled = true;
                setting.severity = *severity;
                return setting;
            }
            return fail(key + " must be " + std::string{k_rule_values});
        }
        if (!value.is_object()) {
            return fail(key + " must be " + std::string{k_rule_values});
        }
        setting.enabled = true;
        const std::vector<RuleOption>& declared = setting.rule->meta.options;
        for (const auto& [option_name, given] : value.items()) {
            const std::string option_key = key + "." + option_name;
            if (option_name == "enabled") {
                auto enabled = boolean(given, option_key);
                if (!enabled) {
                    return tl::unexpected(enabled.error());
                }
                setting.enabled = *enabled;
                continue;
            }
            if (option_name == "severity") {
                auto severity_value = severity(given, option_key);
                if (!severity_value) {
                    return tl::unexpected(severity_value.error());
                }
                setting.severity = *severity_value;
                continue;
            }
            const auto option = std::find_if(declared.begin(), declared.end(),
                                             [&name = option_name](const RuleOption& candidate) { return candidate.name == name; });
            if (option == declared.end()) {
                std::string valid = "enabled, severity";
                for (const RuleOption& candidate : declared) {
                    valid += ", " + std::string{candidate.name};
                }
                return fail(key + ": unknown option '" + option_name + "' (valid: " + valid + ")");
            }
            auto parsed = option_value(*option, given, option_key);
            if (!parsed) {
                return tl::unexpected(parsed.error());
            }
            setting.options[option_name] = std::move(*parsed);
        }
        return setting;
    }

    Result<ConfigFile> read(const Json& root) const {
        if (!root.is_object()) {
            return fail("the config must be a JSON object with the keys " + std::string{k_valid_keys});
        }
        ConfigFile file;
        file.path = m_path;
        for (const auto& [key, value] : root.items()) {
            Result<void> stored = store(file, key, value);
            if (!stored) {
                return tl::unexpected(stored.error());
            }
        }
        return file;
    }

private:
    template <typename T>
    static Result<void> assign(std::optional<T>& field, Result<T> value) {
        if (!value) {
            return tl::unexpected(value.error());
        }
        field = std::move(*value);
        return {};
    }

    Result<void> store(ConfigFile& file, const std::string& key, const Json& value) const {
        if (key == "pg_version") {
            return assign(file.pg_version, pg_version(value));
        }
        if (key == "framework") {
            if (!value.is_string() || find_framework(value.get<std::string>()) == nullptr) {
                return fail("framework must be one of: " + framework_names());
            }
            file.framework = value.get<std::string>();
            return {};
        }
        if (key == "assume_in_transaction") {
            return assign(file.assume_in_transaction, boolean(value, key));
        }
        if (key == "assume_lock_timeout") {
            return assign(file.assume_lock_timeout, boolean(value, key));
        }
        if (key == "require_suppression_reason") {
            return assign(file.require_suppression_reason, boolean(value, key));
        }
        if (key == "fail_on") {
            return assign(file.fail_on, severity(value, key));
        }
        if (key == "small_table_bytes") {
            if (!value.is_number_integer() || value.get<std::int64_t>() < 0) {
                return fail("small_table_bytes must be a whole number of bytes, 0 or more");
            }
            file.small_table_bytes = value.get<std::int64_t>();
            return {};
        }
        if (key == "exclude") {
            auto patterns = globs(value);
            if (!patterns) {
                return tl::unexpected(patterns.error());
            }
            file.exclude = std::move(*patterns);
            return {};
        }
        if (key == "rules") {
            if (!value.is_object()) {
                return fail("rules must be an object mapping rule ids to " + std::string{k_rule_values});
            }
            for (const auto& [name, setting_value] : value.items()) {
                auto setting = rule_setting(name, setting_value);
                if (!setting) {
                    return tl::unexpected(setting.error());
                }
                for (const RuleSetting& earlier : file.rules) {
                    if (earlier.rule == setting->rule) {
                        return fail("rules: '" + earlier.key + "' and '" + name + "' name the same rule " +
                                    std::string{setting->rule->meta.id});
                    }
                }
                file.rules.push_back(std::move(*setting));
            }
            return {};
        }
        return fail("unknown key '" + key + "' (valid keys: " + std::string{k_valid_keys} + ")");
    }

    std::string m_path;
};

// ---- Exclude globs -----------------------------------------------------------

// `*` and `?` stay within one path segment, `**` crosses segments, `[...]` is a class.
bool glob_match(std::string_view pattern, std::string_view text) {
    if (pattern.empty()) {
        return text.empty();
    }
    if (pattern.substr(0, 2) == "**") {
        std::string_view rest = pattern.substr(2);
        if (!rest.empty() && rest.front() == '/') {
            rest.remove_prefix(1);  // "**/" also matches no directory at all
            if (glob_match(rest, text)) {
                return true;
            }
            for (std::size_t i = 0; i < text.size(); ++i) {
                if (text[i] == '/' && glob_match(rest, text.substr(i + 1))) {
                    return true;
                }
            }
            return false;
        }
        for (std::size_t i = 0; i <= text.size(); ++i) {
            if (glob_match(rest, text.substr(i))) {
                return true;
            }
        }
        return false;
    }
    if (pattern.front() == '*') {
        for (std::size_t i = 0; i <= text.size(); ++i) {
            if (glob_match(pattern.substr(1), text.substr(i))) {
                return true;
            }
            if (i < text.size() && text[i] == '/') {
                return false;
            }
        }
        return false;
    }
    if (text.empty()) {
        return false;
    }
    if (pattern.front() == '?') {
        return text.front() != '/' && glob_match(pattern.substr(1), text.substr(1));
    }
    if (pattern.front() == '[') {
        const std::size_t close = pattern.find(']', 2);
        if (close != std::string_view::npos) {
            std::string_view members = pattern.substr(1, close - 1);
            const bool negated = members.front() == '!' || members.front() == '^';
            if (negated) {
                members.remove_prefix(1);
            }
            bool found = false;
            for (std::size_t i = 0; i < members.size(); ++i) {
                if (i + 2 < members.size() && members[i + 1] == '-') {
                    found = found || (text.front() >= members[i] && text.front() <= members[i + 2]);
                    i += 2;
                } else {
                    found = found || text.front() == members[i];
                }
            }
            return found != negated && text.front() != '/' && glob_match(pattern.substr(close + 1), text.substr(1));
        }
    }
    return pattern.front() == text.front() && glob_match(pattern.substr(1), text.substr(1));
}

std::string absolute_path(const std::string& path) {
    std::error_code error;
    fs::path absolute = fs::absolute(path, error);
    return (error ? fs::path{path} : absolute).lexically_normal().generic_string();
}

}  // namespace

bool ConfigFile::excludes(const std::string& file_path) const {
    if (exclude.empty()) {
        return false;
    }
    const fs::path base = fs::path{absolute_path(path)}.parent_path();
    const std::string relative = fs::path{absolute_path(file_path)}.lexically_relative(base).generic_string();
    std::vector<std::string_view> segments;
    const std::string_view text = relative;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '/') {
            segments.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    const bool inside = !relative.empty() && relative.rfind("..", 0) != 0;
    for (std::string pattern : exclude) {
        if (pattern.rfind("./", 0) == 0) {
            pattern.erase(0, 2);
        }
        while (pattern.size() > 1 && pattern.back() == '/') {
            pattern.pop_back();
        }
        if (pattern.find('/') == std::string::npos) {
            // A bare name matches the file or any directory above it.
            if (std::any_of(segments.begin(), segments.end(),
                            [&](std::string_view segment) { return glob_match(pattern, segment); })) {
                return true;
            }
            continue;
        }
        if (!inside) {
            continue;
        }
        // A directory pattern excludes everything below it.
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '/' && glob_match(pattern, text.substr(0, i))) {
                return true;
            }
        }
        if (glob_match(pattern, text)) {
            return true;
        }
    }
    return false;
}

Result<ConfigFile> parse_config(std::string_view text, const std::string& path) {
    const Json root = Json::parse(text.begin(), text.end(), nullptr, false, true);
    if (root.is_discarded()) {
        // Parse again for the position of the first error (rare: a broken file).
        try {
            [[maybe_unused]] const Json again = Json::parse(text.begin(), text.end(), nullptr, true, true);
        } catch (const Json::parse_error& error) {
            const LineIndex lines{text};
            const std::size_t offset = error.byte > 0 ? std::min<std::size_t>(error.byte - 1, text.size()) : 0;
            return make_error(ErrorKind::config, "not valid JSON (comments are allowed)", path,
                              lines.position_at(offset));
        } catch (const Json::exception& error) {
            // Not a syntax error but still unreadable, e.g. a number beyond a double (found by fuzzing).
            const std::string_view reason = error.what();
            const std::size_t tag_end = reason.find("] ");
            return make_error(ErrorKind::config,
                              "not valid JSON: " +
                                  std::string{tag_end == std::string_view::npos ? reason : reason.substr(tag_end + 2)},
                              path);
        }
        return make_error(ErrorKind::config, "not valid JSON (comments are allowed)", path);
    }
    return ConfigReader{path}.read(root);
}

Result<ConfigFile> load_config(const std::string& path) {
    const std::optional<std::string> text = file_contents(path);
    if (!text) {
        return make_error(ErrorKind::config, "cannot read the config file", path);
    }
    return parse_config(*text, path);
}

std::optional<std::string> find_config(const std::string& directory) { return ConfigSearch{}.find(directory); }

std::optional<std::string> ConfigSearch::find(const std::string& directory) {
    const fs::path current = fs::path{absolute_path(directory.empty() ? "." : directory)};
    const std::string key = current.string();
    if (const auto known = m_found.find(key); known != m_found.end()) {
        return known->second;
    }
    std::error_code error;
    std::optional<std::string> found;
    const fs::path candidate = current / k_config_file_name;
    if (fs::is_regular_file(candidate, error)) {
        found = candidate.generic_string();
    } else if (!fs::exists(current / ".git", error) && current.has_parent_path() &&
               current.parent_path() != current) {
        found = find(current.parent_path().string());
    }
    m_found.emplace(key, found);
    return found;
}

void apply_config_file(const ConfigFile& file, Config& config) {
    config.pg_version = file.pg_version.value_or(config.pg_version);
    if (file.framework) {
        config.framework = *file.framework;
        config.framework_origin = "\"framework\" in " + file.path;
    }
    config.assume_in_transaction = file.assume_in_transaction.value_or(config.assume_in_transaction);
    config.assume_lock_timeout = file.assume_lock_timeout.value_or(config.assume_lock_timeout);
    config.fail_on = file.fail_on.value_or(config.fail_on);
    config.require_suppression_reason = file.require_suppression_reason.value_or(config.require_suppression_reason);
    config.small_table_bytes = file.small_table_bytes.value_or(config.small_table_bytes);
    config.rule_settings = file.rules;
}

Result<std::vector<ActiveRule>> resolve_rules(const Config& config) {
    std::vector<const Rule*> enabled;
    for (const Rule* rule : all_rules()) {
        if (rule->meta.enabled_by_default) {
            enabled.push_back(rule);
        }
    }
    auto enable = [&](const Rule* rule) {
        if (std::find(enabled.begin(), enabled.end(), rule) == enabled.end()) {
            enabled.push_back(rule);
        }
    };
    auto disable = [&](const Rule* rule) { enabled.erase(std::remove(enabled.begin(), enabled.end(), rule), enabled.end()); };
    for (const RuleSetting& setting : config.rule_settings) {
        if (setting.enabled == true) {
            enable(setting.rule);
        } else if (setting.enabled == false) {
            disable(setting.rule);
        }
    }
    if (config.enable_all) {
        for (const Rule* rule : all_rules()) {
            enable(rule);
        }
    }
    for (const std::string& id : config.enable) {
        auto rule = lookup(id);
        if (!rule) {
            return tl::unexpected(rule.error());
        }
        enable(*rule);
    }
    for (const std::string& id : config.disable) {
        auto rule = lookup(id);
        if (!rule) {
            return tl::unexpected(rule.error());
        }
        disable(*rule);
    }
    std::vector<ActiveRule> active;
    for (const Rule* rule : all_rules()) {  // registry order keeps output deterministic
        if (std::find(enabled.begin(), enabled.end(), rule) == enabled.end() || config.pg_version < rule->meta.min_pg ||
            config.pg_version > rule->meta.max_pg) {
            continue;
        }
        ActiveRule entry{rule, rule->meta.default_severity};
        for (const RuleOption& option : rule->meta.options) {
            entry.options[std::string{option.name}] = option.default_value;
        }
        for (const RuleSetting& setting : config.rule_settings) {
            if (setting.rule != rule) {
                continue;
            }
            if (setting.severity) {
                entry.severity = *setting.severity;
                entry.severity_configured = true;
            }
            for (const auto& [name, value] : setting.options) {
                entry.options[name] = value;
            }
        }
        active.push_back(std::move(entry));
    }
    return active;
}

}  // namespace migsafe
