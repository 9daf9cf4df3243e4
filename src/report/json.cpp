// The JSON contract of DESIGN.md, shared by `check` and `explain`.
#include "migsafe/json_writer.hpp"
#include "migsafe/report.hpp"

namespace migsafe {
namespace {

void write_position(JsonWriter& json, std::string_view name, const Position& position) {
    json.key(name).begin_object().member("line", position.line).member("column", position.column).end_object();
}

void write_range(JsonWriter& json, const Range& range) {
    json.key("range").begin_object();
    write_position(json, "start", range.start);
    write_position(json, "end", range.end);
    json.end_object();
}

void write_fix(JsonWriter& json, const FixPlan& plan) {
    json.key("fix").begin_object().key("phases").begin_array();
    for (const FixPhase& phase : plan.phases) {
        json.begin_object()
            .member("name", phase.name)
            .member("sql", phase.sql)
            .member("own_migration", phase.own_migration)
            .member("outside_transaction", phase.outside_transaction)
            .member("deploy_before_next", phase.deploy_before_next)
            .end_object();
    }
    json.end_array().end_object();
}

void write_statement(JsonWriter& json, const StatementReport& statement) {
    json.begin_object().member("index", statement.index);
    write_range(json, statement.range);
    json.member("sql", statement.sql)
        .member("summary", statement.effects.summary)
        .member("in_transaction", statement.in_transaction)
        .member("requires_no_transaction", statement.effects.requires_no_transaction)
        .member("modelled", statement.effects.modelled)
        .key("locks")
        .begin_array();
    for (const RelationEffect& effect : statement.effects.relations) {
        json.begin_object()
            .member("relation", effect.relation.display())
            .member("role", role_name(effect.role))
            .member("mode", pg_lock_name(effect.mode))
            .key("blocks")
            .begin_array();
        for (std::string_view name : blocked_work_names(effect.mode)) {
            json.value(name);
        }
        json.end_array()
            .member("rewrite", effect.rewrite)
            .member("scan", effect.scan)
            .member("created", effect.created)
            .end_object();
    }
    json.end_array()
        .member("rewrite", statement.effects.rewrite())
        .member("scan", statement.effects.scan())
        .end_object();
}

void write_finding(JsonWriter& json, const Finding& finding) {
    json.begin_object().member("rule", finding.rule).member("severity", severity_name(finding.severity)).key("statement");
    if (finding.statement) {
        json.value(*finding.statement);
    } else {
        json.null();
    }
    write_range(json, finding.range);
    json.member("message", finding.message).member("help", finding.help);
    if (finding.fix) {
        write_fix(json, *finding.fix);
    }
    json.end_object();
}

void write_file(JsonWriter& json, const FileReport& file) {
    json.begin_object()
        .member("path", file.display_path)
        .member("framework", file.framework)
        .member("framework_reason", file.framework_reason)
        .key("statements")
        .begin_array();
    for (const StatementReport& statement : file.statements) {
        write_statement(json, statement);
    }
    json.end_array().key("findings").begin_array();
    for (const Finding& finding : file.findings) {
        write_finding(json, finding);
    }
    json.end_array().key("errors").begin_array();
    for (const FileError& error : file.errors) {
        json.begin_object().member("kind", error.kind).member("message", error.message);
        write_range(json, error.range);
        json.end_object();
    }
    json.end_array().key("notes").begin_array();
    for (const FileNote& note : file.notes) {
        json.begin_object().member("message", note.message);
        write_range(json, note.range);
        json.end_object();
    }
    json.end_array().end_object();
}

}  // namespace

std::string json_report_head(int pg_version) {
    std::string head;
    JsonWriter json{head};
    json.begin_object()
        .key("tool")
        .begin_object()
        .member("name", "migsafe")
        .member("version", MIGSAFE_VERSION)
        .end_object()
        .member("pg_version", pg_version)
        .member("lock_facts_verified_on", k_verified_on)
        .key("files")
        .begin_array();
    return head;
}

// What end_array() and end_object() write after the entries.
std::string json_report_tail(bool any_files) { return any_files ? "\n  ]\n}\n" : "]\n}\n"; }

std::string file_json(const FileReport& file) {
    constexpr int k_files_depth = 2;  // the report object, then its "files" array
    std::string out = "\n    ";
    JsonWriter json{out, 2, k_files_depth};
    write_file(json, file);
    return out;
}

void write_report_json(const Report& report, std::string& out) {
    out += json_report_head(report.pg_version);
    for (std::size_t i = 0; i < report.files.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += file_json(report.files[i]);
    }
    out += json_report_tail(!report.files.empty());
}

}  // namespace migsafe
