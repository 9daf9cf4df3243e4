// Rule pages, the rule table and the rule JSON, all from RuleMeta, so the docs,
// `migsafe rule` and SARIF say the same thing.
#include "migsafe/rule_docs.hpp"

#include <algorithm>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "migsafe/analyzer.hpp"
#include "migsafe/report.hpp"
#include "migsafe/rule_registry.hpp"

namespace migsafe {
namespace {

constexpr std::size_t k_text_width = 80;

std::string_view fix_badge(FixAvailability fix) {
    switch (fix) {
        case FixAvailability::none: return "no fix plan";
        case FixAvailability::sometimes: return "fix plan sometimes";
        case FixAvailability::always: return "fix plan";
    }
    return "no fix plan";
}

std::string_view fix_name(FixAvailability fix) {
    switch (fix) {
        case FixAvailability::none: return "none";
        case FixAvailability::sometimes: return "sometimes";
        case FixAvailability::always: return "always";
    }
    return "none";
}

std::string versions(const RuleMeta& meta) {
    return "PostgreSQL " + std::to_string(meta.min_pg) + "–" + std::to_string(meta.max_pg);
}

std::string joined(const std::vector<std::string_view>& items, std::string_view quote) {
    std::string text;
    for (std::string_view item : items) {
        text += (text.empty() ? "" : ", ") + std::string{quote} + std::string{item} + std::string{quote};
    }
    return text;
}

std::string badge_line(const RuleMeta& meta, bool markdown) {
    const std::string severity{severity_name(meta.default_severity)};
    std::string line = (markdown ? "**" + severity + "**" : severity) + " · " +
                       (meta.enabled_by_default ? "on by default" : "off by default") + " · " +
                       std::string{fix_badge(meta.fix)} + " · " + versions(meta);
    if (!meta.aliases.empty()) {
        line += " · aliases: " + joined(meta.aliases, markdown ? "`" : "");
    }
    return line;
}

void sql_block(std::string& page, std::string_view sql) {
    page += "```sql\n" + std::string{sql};
    if (sql.empty() || sql.back() != '\n') {
        page += '\n';
    }
    page += "```\n";
}

// `text` as lines of at most k_text_width characters, each starting with `indent`.
void wrapped(std::string& page, std::string_view text, std::string_view indent) {
    std::string line{indent};
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t space = text.find(' ', i);
        const std::size_t end = space == std::string_view::npos ? text.size() : space;
        const std::string_view word = text.substr(i, end - i);
        if (line.size() > indent.size() && line.size() + 1 + word.size() > k_text_width) {
            page += line + "\n";
            line = std::string{indent};
        }
        line += (line.size() > indent.size() ? " " : "") + std::string{word};
        i = end + 1;
    }
    if (line.size() > indent.size()) {
        page += line + "\n";
    }
}

void indented(std::string& page, std::string_view text, std::string_view indent) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end;
        page += std::string{indent} + std::string{text.substr(start, end - start)} + "\n";
        start = end + 1;
    }
}

std::string statement_kinds(const RuleMeta& meta, std::string_view quote) {
    return meta.statement_kinds.empty() ? std::string{} : "Statement kinds: " + joined(meta.statement_kinds, quote) + ".";
}

std::string suppression_text(const RuleMeta& meta, bool markdown) {
    const std::string code = markdown ? "`" : "";
    const std::string id{meta.id};
    std::string text = "For a whole file: " + code + "-- migsafe-ignore-file " + id + ": <reason>" + code +
                       ". For a project, in .migsafe.json: " + code + "\"rules\": {\"" + id + "\": \"off\"}" + code +
                       " (or a severity instead of \"off\").";
    {
        std::vector<std::string_view> bare;
        for (std::string_view alias : meta.aliases) {
            const std::string_view name = alias.substr(alias.find(':') + 1);
            if (name != meta.id && std::find(bare.begin(), bare.end(), name) == bare.end()) {
                bare.push_back(name);
            }
        }
        if (!bare.empty()) {
            text += " Other tools' ids work too, bare or with their prefix: " + joined(bare, code) + ".";
        }
    }
    return text;
}

std::string table_size_text(bool markdown) {
    const std::string code = markdown ? "`" : "";
    return "The lock is held for as long as the table takes to rewrite or read. With " + code + "--stats FILE" + code +
           " (table sizes, see docs/table-stats.md), a finding on a table under " + code + "small_table_bytes" + code +
           " (default 10 MiB) becomes a hint, and one on a larger table says about how long the lock is held.";
}

std::string suppression_comment(const RuleMeta& meta) {
    return "-- migsafe-ignore " + std::string{meta.id} + ": <why it is safe here>";
}

nlohmann::ordered_json option_json(const OptionValue& value) {
    return std::visit([](const auto& held) { return nlohmann::ordered_json(held); }, value);
}

std::string pad(std::string_view text, std::size_t width) {
    std::string padded{text};
    padded.resize(std::max(width, text.size()), ' ');
    return padded;
}

}  // namespace

std::string example_fix_plan(const RuleMeta& meta) {
    const Rule* rule = find_rule(meta.id);
    if (rule == nullptr || meta.example_bad.empty()) {
        return {};
    }
    AnalysisOptions options;
    options.config.pg_version = std::clamp(k_max_pg_version, meta.min_pg, meta.max_pg);
    options.keep_statements = false;
    options.rules.push_back(ActiveRule{rule, meta.default_severity});
    const FileReport report =
        analyze_file(SourceFile{"example.sql", "example.sql", std::string{meta.example_bad}}, options);
    const auto with_fix = std::find_if(report.findings.begin(), report.findings.end(), [&](const Finding& finding) {
        return finding.rule == meta.id && finding.fix && !finding.fix->empty();
    });
    return with_fix == report.findings.end() ? std::string{} : fix_plan_text(*with_fix->fix);
}

void render_rules_table(std::span<const Rule* const> rules, std::ostream& out) {
    std::size_t id_width = 2;
    for (const Rule* rule : rules) {
        id_width = std::max(id_width, rule->meta.id.size());
    }
    out << pad("ID", id_width) << "  SEVERITY  DEFAULT  FIX        SUMMARY\n";
    for (const Rule* rule : rules) {
        const RuleMeta& meta = rule->meta;
        out << pad(meta.id, id_width) << "  " << pad(severity_name(meta.default_severity), 8) << "  "
            << pad(meta.enabled_by_default ? "on" : "off", 7) << "  " << pad(fix_name(meta.fix), 9) << "  "
            << meta.summary << '\n';
    }
    out << '\n' << rules.size() << " rules. Run 'migsafe rule <rule-id>' for one rule's page.\n";
}

std::string rule_doc_markdown(const RuleMeta& meta) {
    std::string page = "# " + std::string{meta.id} + "\n\n" + badge_line(meta, true) + "\n\n";
    page += "## What it flags\n\n" + std::string{meta.summary} + ".\n\n";
    if (const std::string kinds = statement_kinds(meta, "`"); !kinds.empty()) {
        page += kinds + "\n\n";
    }
    page += "## Why it is dangerous\n\n" + std::string{meta.rationale} + "\n\n";
    if (meta.scales_with_table_size) {
        page += table_size_text(true) + "\n\n";
    }
    page += "## Safe alternative\n\n" + std::string{meta.safe_alternative} + "\n\n";
    if (const std::string plan = example_fix_plan(meta); !plan.empty()) {
        page += "For the bad example below, migsafe proposes this fix plan:\n\n";
        sql_block(page, plan);
        page += '\n';
    }
    page += "## Examples\n\nBad:\n\n";
    sql_block(page, meta.example_bad);
    page += "\nGood:\n\n";
    sql_block(page, meta.example_good);
    page += "\n## Does not trigger on\n\n" + std::string{meta.exceptions} + "\n\n";
    page += "## Options\n\n";
    if (meta.options.empty()) {
        page += "None.\n\n";
    } else {
        page += "Set in .migsafe.json as `\"rules\": {\"" + std::string{meta.id} + "\": {\"<option>\": <value>}}`.\n\n";
        page += "| option | type | default | description |\n|---|---|---|---|\n";
        for (const RuleOption& option : meta.options) {
            page += "| `" + std::string{option.name} + "` | " + std::string{option_type_name(option.type)} + " | `" +
                    option_value_text(option.default_value) + "` | " + std::string{option.description} + " |\n";
        }
        page += '\n';
    }
    page += "## How to suppress\n\nOn the line before the statement, or at the end of its last line:\n\n";
    sql_block(page, suppression_comment(meta));
    page += "\n" + suppression_text(meta, true) + "\n";
    return page;
}

std::string rule_doc_text(const RuleMeta& meta) {
    std::string page = std::string{meta.id} + "\n" + badge_line(meta, false) + "\n\nWhat it flags\n";
    wrapped(page, std::string{meta.summary} + ".", "  ");
    if (const std::string kinds = statement_kinds(meta, ""); !kinds.empty()) {
        wrapped(page, kinds, "  ");
    }
    page += "\nWhy it is dangerous\n";
    wrapped(page, meta.rationale, "  ");
    if (meta.scales_with_table_size) {
        wrapped(page, table_size_text(false), "  ");
    }
    page += "\nSafe alternative\n";
    wrapped(page, meta.safe_alternative, "  ");
    if (const std::string plan = example_fix_plan(meta); !plan.empty()) {
        page += "\n  For the bad example below, migsafe proposes this fix plan:\n";
        indented(page, plan, "    ");
    }
    page += "\nExamples\n  Bad:\n";
    indented(page, meta.example_bad, "    ");
    page += "  Good:\n";
    indented(page, meta.example_good, "    ");
    page += "\nDoes not trigger on\n";
    wrapped(page, meta.exceptions, "  ");
    page += "\nOptions\n";
    if (meta.options.empty()) {
        page += "  None.\n";
    }
    for (const RuleOption& option : meta.options) {
        page += "  " + std::string{option.name} + " (" + std::string{option_type_name(option.type)} +
                ", default " + option_value_text(option.default_value) + ")\n";
        wrapped(page, option.description, "    ");
    }
    page += "\nHow to suppress\n  On the line before the statement, or at the end of its last line:\n";
    indented(page, suppression_comment(meta), "    ");
    wrapped(page, suppression_text(meta, false), "  ");
    return page;
}

std::string rules_index_markdown(std::span<const Rule* const> rules) {
    std::string page = "# migsafe rules\n\nGenerated from the rules' metadata by `migsafe rules --format markdown "
                       "--output-dir docs/rules`; do not edit by hand.\n\n"
                       "| rule | severity | default | fix | summary |\n|---|---|---|---|---|\n";
    for (const Rule* rule : rules) {
        const RuleMeta& meta = rule->meta;
        page += "| [" + std::string{meta.id} + "](" + std::string{meta.id} + ".md) | " +
                std::string{severity_name(meta.default_severity)} + " | " +
                (meta.enabled_by_default ? "on" : "off") + " | " + std::string{fix_name(meta.fix)} + " | " +
                std::string{meta.summary} + " |\n";
    }
    return page;
}

std::string rules_json(std::span<const Rule* const> rules) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Rule* rule : rules) {
        const RuleMeta& meta = rule->meta;
        nlohmann::ordered_json options = nlohmann::ordered_json::array();
        for (const RuleOption& option : meta.options) {
            options.push_back({{"name", option.name},
                               {"type", option_type_name(option.type)},
                               {"default", option_json(option.default_value)},
                               {"description", option.description}});
        }
        list.push_back({{"id", meta.id},
                        {"severity", severity_name(meta.default_severity)},
                        {"enabled_by_default", meta.enabled_by_default},
                        {"fix", fix_name(meta.fix)},
                        {"summary", meta.summary},
                        {"rationale", meta.rationale},
                        {"safe_alternative", meta.safe_alternative},
                        {"exceptions", meta.exceptions},
                        {"example_bad", meta.example_bad},
                        {"example_good", meta.example_good},
                        {"example_fix_plan", example_fix_plan(meta)},
                        {"statement_kinds", meta.statement_kinds},
                        {"pg_versions", {{"min", meta.min_pg}, {"max", meta.max_pg}}},
                        {"aliases", meta.aliases},
                        {"options", options}});
    }
    return list.dump(2) + "\n";
}

}  // namespace migsafe
