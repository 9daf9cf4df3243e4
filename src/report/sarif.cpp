// SARIF 2.1.0 for GitHub code scanning: one run whose driver lists every rule
// (from rule metadata), one result per finding or file error, repository-relative
// locations and fingerprints that survive edits elsewhere in the file.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "migsafe/diagnostic.hpp"
#include "migsafe/report.hpp"
#include "migsafe/rule_docs.hpp"
#include "migsafe/rule_registry.hpp"

namespace migsafe {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_schema_uri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view k_fingerprint_key = "migsafe/v1";

std::string_view sarif_level(Severity severity) {
    switch (severity) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::hint: return "note";
    }
    return "note";
}

// CodeQL's `problem.severity` vocabulary, which code scanning shows as the alert severity.
std::string_view problem_severity(Severity severity) {
    switch (severity) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::hint: return "recommendation";
    }
    return "recommendation";
}

// "require-concurrent-index-creation" -> "RequireConcurrentIndexCreation".
std::string pascal_case(std::string_view id) {
    std::string name;
    bool upper = true;
    for (const char c : id) {
        if (c == '-') {
            upper = true;
        } else {
            name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
            upper = false;
        }
    }
    return name;
}

// RFC 3986: everything but unreserved characters and '/' is percent-encoded.
std::string uri_encode_path(std::string_view path) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            encoded += c;
        } else {
            encoded += '%';
            encoded += k_hex[byte >> 4U];
            encoded += k_hex[byte & 0x0FU];
        }
    }
    return encoded;
}

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ULL) {
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::string hex64(std::uint64_t value) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string text(16, '0');
    for (int i = 15; i >= 0; --i) {
        text[static_cast<std::size_t>(i)] = k_hex[value & 0x0FU];
        value >>= 4U;
    }
    return text;
}

Json rule_descriptor(const RuleMeta& meta) {
    Json tags = Json::array({"postgresql", "migration"});
    if (meta.fix != FixAvailability::none) {
        tags.push_back("fix-plan");
    }
    return {{"id", meta.id},
            {"name", pascal_case(meta.id)},
            {"shortDescription", {{"text", meta.summary}}},
            {"fullDescription", {{"text", meta.rationale}}},
            {"helpUri", rule_doc_url(meta.id)},
            {"help", {{"text", rule_doc_text(meta)}, {"markdown", rule_doc_markdown(meta)}}},
            {"defaultConfiguration",
             {{"enabled", meta.enabled_by_default}, {"level", sarif_level(meta.default_severity)}}},
            {"properties",
             {{"tags", tags}, {"precision", "high"}, {"problem.severity", problem_severity(meta.default_severity)}}}};
}

// File errors are results too, under ids no rule owns.
Json file_error_descriptor(std::string_view id, std::string_view summary, std::string_view description) {
    const std::string text = std::string{description};
    return {{"id", id},
            {"name", pascal_case(id)},
            {"shortDescription", {{"text", summary}}},
            {"fullDescription", {{"text", text}}},
            {"help", {{"text", text}, {"markdown", text}}},
            {"defaultConfiguration", {{"enabled", true}, {"level", "error"}}},
            {"properties", {{"tags", Json::array({"postgresql", "migration"})}, {"problem.severity", "error"}}}};
}

Json region(const Range& range) {
    // SARIF's endColumn points past the last character; migsafe ranges include it.
    return {{"startLine", range.start.line},
            {"startColumn", range.start.column},
            {"endLine", range.end.line},
            {"endColumn", range.end.column + 1}};
}

struct Artifact {
    std::string uri;
    bool relative = true;
};

Artifact artifact_of(const FileReport& file, const std::string& root) {
    const std::string& path = file.path == "-" ? file.display_path : file.path;
    if (auto relative = path_relative_to(path, root)) {
        return {uri_encode_path(*relative), true};
    }
    std::error_code ignored;
    const std::string absolute = std::filesystem::absolute(path, ignored).generic_string();
    return {"file://" + uri_encode_path(absolute), false};
}

Json physical_location(const Artifact& artifact, const Range& range) {
    Json location = {{"uri", artifact.uri}};
    if (artifact.relative) {
        location["uriBaseId"] = "%SRCROOT%";
    }
    return {{"physicalLocation", {{"artifactLocation", location}, {"region", region(range)}}}};
}

Json fix_plan_json(const FixPlan& plan) {
    Json phases = Json::array();
    for (const FixPhase& phase : plan.phases) {
        phases.push_back({{"name", phase.name},
                          {"sql", phase.sql},
                          {"ownMigration", phase.own_migration},
                          {"outsideTransaction", phase.outside_transaction},
                          {"deployBeforeNext", phase.deploy_before_next}});
    }
    return phases;
}

// `failure`, when given, stopped the run: the invocation says so, in the place
// code scanning shows a tool's own errors.
void write_sarif(const Report& report, const RenderOptions& options, std::optional<std::string_view> failure,
                 std::string& out) {
    Json rules = Json::array();
    std::map<std::string, std::size_t, std::less<>> rule_index;
    for (const Rule* rule : all_rules()) {
        rule_index.emplace(std::string{rule->meta.id}, rules.size());
        rules.push_back(rule_descriptor(rule->meta));
    }
    rule_index.emplace(std::string{k_syntax_error_rule}, rules.size());
    rules.push_back(file_error_descriptor(
        k_syntax_error_rule, "A statement does not parse as PostgreSQL",
        "PostgreSQL's own parser (libpg_query) rejects the statement, so the migration fails when it runs. "
        "migsafe still analyses the statements around it."));
    rule_index.emplace(std::string{k_input_error_rule}, rules.size());
    rules.push_back(file_error_descriptor(
        k_input_error_rule, "A file cannot be read as SQL",
        "The file is empty, binary, not UTF-8, too large or unreadable, so migsafe could not check it."));

    Json results = Json::array();
    Json notifications = Json::array();
    for (const FileReport& file : report.files) {
        const Artifact artifact = artifact_of(file, options.source_root);
        for (const FileNote& note : file.notes) {
            notifications.push_back({{"level", "note"},
                                     {"message", {{"text", note.message}}},
                                     {"locations", Json::array({physical_location(artifact, note.range)})}});
        }
        // Same rule on the same statement text: numbered in file order.
        std::map<std::uint64_t, std::size_t> seen;
        for (const Diagnostic& diagnostic : file_diagnostics(file)) {
            const std::string text = diagnostic.statement != nullptr ? normalized_sql(diagnostic.statement->sql)
                                                                      : normalized_sql(diagnostic.source_line);
            std::uint64_t hash = fnv1a(artifact.uri);
            hash = fnv1a(std::string_view{"\0", 1}, hash);
            hash = fnv1a(diagnostic.rule, hash);
            hash = fnv1a(std::string_view{"\0", 1}, hash);
            hash = fnv1a(text, hash);
            const std::size_t occurrence = ++seen[hash];

            std::string message = diagnostic.message;
            if (!diagnostic.help.empty()) {
                message += "\nhelp: " + diagnostic.help;
            }
            Json result = {{"ruleId", diagnostic.rule}};
            if (const auto found = rule_index.find(diagnostic.rule); found != rule_index.end()) {
                result["ruleIndex"] = found->second;
            }
            result["level"] = sarif_level(diagnostic.severity);
            result["message"] = {{"text", message}};
            result["locations"] = Json::array({physical_location(artifact, diagnostic.range)});
            result["partialFingerprints"] = {
                {k_fingerprint_key, hex64(hash) + ":" + std::to_string(occurrence)}};
            if (diagnostic.fix != nullptr && !diagnostic.fix->empty()) {
                result["properties"] = {{"fixPlan", fix_plan_json(*diagnostic.fix)}};
            }
            results.push_back(std::move(result));
        }
    }

    Json run = {{"tool",
                 {{"driver",
                   {{"name", "migsafe"},
                    {"version", MIGSAFE_VERSION},
                    {"semanticVersion", MIGSAFE_VERSION},
                    {"informationUri", MIGSAFE_HOMEPAGE},
                    {"rules", rules}}}}}};
    if (!options.source_root.empty()) {
        std::string root_uri = "file://" + uri_encode_path(std::filesystem::path{options.source_root}.generic_string());
        if (root_uri.back() != '/') {
            root_uri += '/';
        }
        run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", root_uri}}}};
    }
    run["columnKind"] = "unicodeCodePoints";
    if (failure) {
        notifications.push_back({{"level", "error"}, {"message", {{"text", *failure}}}});
    }
    run["invocations"] =
        Json::array({{{"executionSuccessful", !failure.has_value()}, {"toolExecutionNotifications", notifications}}});
    run["results"] = results;
    run["properties"] = {{"pgVersion", report.pg_version}, {"lockFactsVerifiedOn", k_verified_on}};

    const Json log = {{"$schema", k_schema_uri}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
    out += log.dump(2);
    out += '\n';
}

}  // namespace

void write_report_sarif(const Report& report, const RenderOptions& options, std::string& out) {
    write_sarif(report, options, std::nullopt, out);
}

void write_failed_run_sarif(const Report& report, std::string_view error, const RenderOptions& options,
                            std::string& out) {
    write_sarif(report, options, error, out);
}

}  // namespace migsafe
