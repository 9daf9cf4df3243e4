// The JSON contract of DESIGN.md, shared by `check` and `explain`.
#include <nlohmann/json.hpp>

#include "migsafe/report.hpp"

namespace migsafe {
namespace {

nlohmann::ordered_json range_json(const Range& range) {
    return {{"start", {{"line", range.start.line}, {"column", range.start.column}}},
            {"end", {{"line", range.end.line}, {"column", range.end.column}}}};
}

nlohmann::ordered_json fix_json(const FixPlan& plan) {
    nlohmann::ordered_json phases = nlohmann::ordered_json::array();
    for (const FixPhase& phase : plan.phases) {
        phases.push_back({{"name", phase.name},
                          {"sql", phase.sql},
                          {"own_migration", phase.own_migration},
                          {"outside_transaction", phase.outside_transaction},
                          {"deploy_before_next", phase.deploy_before_next}});
    }
    return {{"phases", phases}};
}

nlohmann::ordered_json statement_json(const StatementReport& statement) {
    nlohmann::ordered_json locks = nlohmann::ordered_json::array();
    for (const RelationEffect& effect : statement.effects.relations) {
        nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
        for (std::string_view name : blocked_work_names(effect.mode)) {
            blocks.push_back(name);
        }
        locks.push_back({{"relation", effect.relation.display()},
                         {"role", role_name(effect.role)},
                         {"mode", pg_lock_name(effect.mode)},
                         {"blocks", blocks},
                         {"rewrite", effect.rewrite},
                         {"scan", effect.scan},
                         {"created", effect.created}});
    }
    return {{"index", statement.index},
            {"range", range_json(statement.range)},
            {"sql", statement.sql},
            {"summary", statement.effects.summary},
            {"in_transaction", statement.in_transaction},
            {"requires_no_transaction", statement.effects.requires_no_transaction},
            {"modelled", statement.effects.modelled},
            {"locks", locks},
            {"rewrite", statement.effects.rewrite()},
            {"scan", statement.effects.scan()}};
}

nlohmann::ordered_json finding_json(const Finding& finding) {
    nlohmann::ordered_json json = {{"rule", finding.rule},
                           {"severity", severity_name(finding.severity)},
                           {"statement", finding.statement ? nlohmann::ordered_json(*finding.statement) : nlohmann::ordered_json()},
                           {"range", range_json(finding.range)},
                           {"message", finding.message},
                           {"help", finding.help}};
    if (finding.fix) {
        json["fix"] = fix_json(*finding.fix);
    }
    return json;
}

}  // namespace

nlohmann::ordered_json report_to_json(const Report& report) {
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const FileReport& file : report.files) {
        nlohmann::ordered_json statements = nlohmann::ordered_json::array();
        for (const StatementReport& statement : file.statements) {
            statements.push_back(statement_json(statement));
        }
        nlohmann::ordered_json findings = nlohmann::ordered_json::array();
        for (const Finding& finding : file.findings) {
            findings.push_back(finding_json(finding));
        }
        nlohmann::ordered_json errors = nlohmann::ordered_json::array();
        for (const FileError& error : file.errors) {
            errors.push_back({{"kind", error.kind}, {"message", error.message}, {"range", range_json(error.range)}});
        }
        nlohmann::ordered_json notes = nlohmann::ordered_json::array();
        for (const FileNote& note : file.notes) {
            notes.push_back({{"message", note.message}, {"range", range_json(note.range)}});
        }
        files.push_back({{"path", file.display_path},
                         {"framework", file.framework},
                         {"framework_reason", file.framework_reason},
                         {"statements", statements},
                         {"findings", findings},
                         {"errors", errors},
                         {"notes", notes}});
    }
    return {{"tool", {{"name", "migsafe"}, {"version", MIGSAFE_VERSION}}},
            {"pg_version", report.pg_version},
            {"lock_facts_verified_on", k_verified_on},
            {"files", files}};
}

}  // namespace migsafe
