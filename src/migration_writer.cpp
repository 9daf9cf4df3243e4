#include "migsafe/migration_writer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <set>
#include <string_view>

#include "migsafe/ast.hpp"
#include "migsafe/framework.hpp"
#include "migsafe/parse.hpp"

namespace migsafe {
namespace {

// The statements of `sql` that run at top level (not those inside DO blocks), each with its ';'.
std::vector<const Statement*> top_level(const ParsedSql& parsed) {
    std::vector<const Statement*> statements;
    for (const Statement& statement : parsed.statements) {
        if (!statement.embedded) {
            statements.push_back(&statement);
        }
    }
    return statements;
}

std::string first_line(std::string_view sql) { return std::string{sql.substr(0, sql.find('\n'))}; }

std::string revert_alter_table(const Statement& statement) {
    const std::string table = quote_name(relation_name(statement.content()["relation"]));
    std::string out;
    for (const Node& item : statement.content()["cmds"].items()) {
        Node command = item.as("AlterTableCmd");
        const std::string_view subtype = command["subtype"].str();
        if (subtype == "AT_AddColumn") {
            out += "ALTER TABLE " + table + " DROP COLUMN IF EXISTS " +
                   quote_identifier(command["def"].as("ColumnDef")["colname"].str()) + ";\n";
        } else if (subtype == "AT_AddConstraint" && !command["def"].as("Constraint")["conname"].str().empty()) {
            out += "ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " +
                   quote_identifier(command["def"].as("Constraint")["conname"].str()) + ";\n";
        } else if (subtype == "AT_SetNotNull") {
            out += "ALTER TABLE " + table + " ALTER COLUMN " + quote_identifier(command["name"].str()) +
                   " DROP NOT NULL;\n";
        } else if (subtype != "AT_ValidateConstraint") {
            out += "-- not reverted: " + first_line(statement.sql) + "\n";
            break;
        }
    }
    return out;
}

std::string revert_statement(const Statement& statement, bool outside_transaction) {
    const std::string_view kind = statement.kind();
    Node stmt = statement.content();
    if (kind == "VariableSetStmt" || kind == "TransactionStmt") {
        return "";
    }
    if (kind == "IndexStmt" && !stmt["idxname"].str().empty()) {
        const QualifiedName table = relation_name(stmt["relation"]);
        return std::string{"DROP INDEX "} + (outside_transaction ? "CONCURRENTLY " : "") + "IF EXISTS " +
               quote_name(QualifiedName{table.schema, std::string{stmt["idxname"].str()}}) + ";\n";
    }
    if (kind == "AlterTableStmt" && stmt["objtype"].str() == "OBJECT_TABLE") {
        return revert_alter_table(statement);
    }
    if (kind == "CreateTrigStmt") {
        return "DROP TRIGGER IF EXISTS " + quote_identifier(stmt["trigname"].str()) + " ON " +
               quote_name(relation_name(stmt["relation"])) + ";\n";
    }
    if (kind == "CreateFunctionStmt" && stmt["parameters"].size() == 0) {
        return "DROP FUNCTION IF EXISTS " + quote_name(qualified_name(stmt["funcname"])) + "();\n";
    }
    return "-- not reverted: " + first_line(statement.sql) + "\n";
}

// The leading version number of a migration name ("V12__x.sql" -> 12, "0042_x" -> 42).
struct Version {
    std::uint64_t value = 0;
    std::size_t width = 0;
};

std::optional<Version> version_of(std::string_view name, bool flyway) {
    if (flyway) {
        if (name.empty() || (name.front() != 'V' && name.front() != 'v')) {
            return std::nullopt;
        }
        name.remove_prefix(1);
    }
    std::size_t digits = 0;
    while (digits < name.size() && digits < 19 && std::isdigit(static_cast<unsigned char>(name[digits])) != 0) {
        ++digits;
    }
    if (digits == 0) {
        return std::nullopt;
    }
    return Version{std::stoull(std::string{name.substr(0, digits)}), digits};
}

std::string padded(std::uint64_t value, std::size_t width) {
    std::string text = std::to_string(value);
    return text.size() < width ? std::string(width - text.size(), '0') + text : text;
}

std::string stem_of(const std::string& name) {
    for (std::string_view suffix : {".up.sql", ".down.sql", ".sql"}) {
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
            return name.substr(0, name.size() - suffix.size());
        }
    }
    return name;
}

// One migration to write: the statements of one phase (or one statement of it).
struct Unit {
    const FixPhase* phase = nullptr;
    std::string sql;
};

std::string joined_statements(const std::vector<const Statement*>& statements, bool keep_transaction_control) {
    std::string sql;
    for (const Statement* statement : statements) {
        if (!keep_transaction_control && statement->kind() == "TransactionStmt") {
            continue;
        }
        sql += statement->sql + ";\n";
    }
    return sql;
}

// goose splits a file at semicolons that end a line, unless told where a statement ends.
std::string goose_statements(const std::string& sql) {
    const ParsedSql parsed = parse_sql(sql);
    std::string out;
    for (const Statement* statement : top_level(parsed)) {
        const bool has_body = statement->sql.find('$') != std::string::npos;
        out += has_body ? "-- +goose StatementBegin\n" + statement->sql + ";\n-- +goose StatementEnd\n"
                        : statement->sql + ";\n";
    }
    return out;
}

// Liquibase reads a changeset's rollback from "--rollback " lines.
std::string liquibase_rollback(const std::string& revert) {
    std::string out;
    std::size_t start = 0;
    while (start < revert.size()) {
        const std::size_t end = revert.find('\n', start);
        const std::string line = revert.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty() && line.rfind("--", 0) != 0) {
            out += "--rollback " + line + "\n";
        }
        start = end == std::string::npos ? revert.size() : end + 1;
    }
    return out;
}

// Tools that send a migration without a transaction as one query string, which
// PostgreSQL then runs as one implicit transaction: such a phase needs a file per statement.
bool sends_unit_as_one_query(const std::string& framework, TransactionMode mode) {
    static const std::set<std::string> k_one_query{"dbmate", "morph", "popx", "diesel"};
    return mode == TransactionMode::single_query || k_one_query.count(framework) > 0;
}

}  // namespace

std::string revert_sql(const std::string& sql, bool outside_transaction) {
    const ParsedSql parsed = parse_sql(sql);
    const std::vector<const Statement*> statements = top_level(parsed);
    std::string out;
    for (auto it = statements.rbegin(); it != statements.rend(); ++it) {
        out += revert_statement(**it, outside_transaction);
    }
    return out;
}

WrittenPlan migration_files(const MigrationRequest& request) {
    const FrameworkInfo* info = find_framework(request.framework);
    const std::string framework = info != nullptr ? std::string{info->name} : "plain";
    const TransactionMode mode = info != nullptr ? info->mode : TransactionMode::none;

    // The units: a phase that must run outside a transaction, in a framework that sends a
    // file as one query, becomes one file per statement; the runner's own transaction
    // replaces a phase's BEGIN ... COMMIT.
    std::vector<Unit> units;
    for (const FixPhase& phase : request.phases) {
        const ParsedSql parsed = parse_sql(phase.sql);
        const std::vector<const Statement*> statements = top_level(parsed);
        const bool keep_control = phase.outside_transaction || mode != TransactionMode::per_file;
        if (phase.outside_transaction && sends_unit_as_one_query(framework, mode) && statements.size() > 1) {
            // A setting (lock_timeout) goes into every file after it: each file is its own session.
            std::vector<const Statement*> settings;
            for (const Statement* statement : statements) {
                if (statement->kind() == "VariableSetStmt" && statement != statements.back()) {
                    settings.push_back(statement);
                    continue;
                }
                std::vector<const Statement*> unit = settings;
                unit.push_back(statement);
                units.push_back(Unit{&phase, joined_statements(unit, keep_control)});
            }
        } else {
            units.push_back(Unit{&phase, joined_statements(statements, keep_control)});
        }
    }

    const bool flyway = framework == "flyway";
    static const std::vector<std::string> k_numbered{"flyway", "golang-migrate", "dbmate", "goose",
                                                     "prisma", "atlas",          "supabase"};
    const bool numbered = std::find(k_numbered.begin(), k_numbered.end(), framework) != k_numbered.end();
    Version next;
    if (auto original = version_of(request.original_name, flyway); original) {
        next = *original;
    }
    for (const std::string& name : request.existing_names) {
        if (auto version = version_of(name, flyway); version && version->value > next.value) {
            next.value = version->value;
        }
    }

    WrittenPlan plan;
    const std::string stem = stem_of(request.original_name);
    for (std::size_t i = 0; i < units.size(); ++i) {
        const Unit& unit = units[i];
        const FixPhase& phase = *unit.phase;
        const std::string label = "migsafe_" + std::to_string(i + 1) + "_" + phase.name;
        const std::string version = padded(++next.value, next.width);
        std::string header = "-- migsafe fix: migration " + std::to_string(i + 1) + " of " +
                             std::to_string(units.size()) + " replacing " + request.original_name + ", phase '" +
                             phase.name + "'" + (phase.outside_transaction ? ", runs outside a transaction" : "") +
                             "\n";
        if (!phase.deploy_before_next.empty()) {
            header += "-- before the next migration: " + phase.deploy_before_next + "\n";
        }
        const std::string revert = revert_sql(unit.sql, phase.outside_transaction);
        const bool no_transaction = phase.outside_transaction;
        if (framework == "flyway") {
            const std::string name = "V" + version + "__" + label + ".sql";
            plan.files.push_back(PlannedFile{name, header + unit.sql});
            if (no_transaction) {
                plan.files.push_back(PlannedFile{name + ".conf", "executeInTransaction=false\n"});
            }
        } else if (framework == "golang-migrate") {
            plan.files.push_back(PlannedFile{version + "_" + label + ".up.sql", header + unit.sql});
            plan.files.push_back(PlannedFile{version + "_" + label + ".down.sql", revert});
        } else if (framework == "dbmate") {
            plan.files.push_back(PlannedFile{version + "_" + label + ".sql",
                                             header + "-- migrate:up" + (no_transaction ? " transaction:false" : "") +
                                                 "\n" + unit.sql + "\n-- migrate:down\n" + revert});
        } else if (framework == "goose") {
            plan.files.push_back(PlannedFile{
                version + "_" + label + ".sql", header + "-- +goose Up\n" +
                                                    (no_transaction ? "-- +goose NO TRANSACTION\n" : "") +
                                                    goose_statements(unit.sql) + "\n-- +goose Down\n" +
                                                    goose_statements(revert)});
        } else if (framework == "prisma") {
            plan.files.push_back(PlannedFile{version + "_" + label + "/migration.sql", header + unit.sql});
        } else if (framework == "atlas") {
            plan.files.push_back(
                PlannedFile{version + "_" + label + ".sql", (no_transaction ? "-- atlas:txmode none\n" : "") + header + unit.sql});
        } else if (numbered) {
            std::string how = no_transaction && info != nullptr ? "-- " + std::string{info->opt_out} + "\n" : "";
            plan.files.push_back(PlannedFile{version + "_" + label + ".sql", header + how + unit.sql});
        } else if (framework == "liquibase") {
            plan.files.push_back(PlannedFile{
                stem + "." + label + ".sql",
                "--liquibase formatted sql\n--changeset migsafe:" + stem + "-" + std::to_string(i + 1) +
                    (no_transaction ? " runInTransaction:false" : "") + "\n" + header + unit.sql +
                    liquibase_rollback(revert)});
        } else {
            std::string how = no_transaction && info != nullptr && !info->opt_out.empty()
                                  ? "-- " + std::string{info->opt_out} + "\n"
                                  : "";
            plan.files.push_back(PlannedFile{stem + "." + std::to_string(i + 1) + "-" + phase.name + ".sql",
                                             header + how + unit.sql});
        }
    }
    if (framework == "atlas" && !units.empty()) {
        plan.notes.push_back("run 'atlas migrate hash' to add the new files to atlas.sum");
    }
    if (!numbered && framework != "plain" && framework != "liquibase" && !units.empty()) {
        plan.notes.push_back("register the new files with " + std::string{info != nullptr ? info->display : framework} +
                             " in the order of their numbers");
    }
    return plan;
}

}  // namespace migsafe
