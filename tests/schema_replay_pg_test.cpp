// The schema replay checked against PostgreSQL 15 on the real corpus: every
// project's migrations, in the order migsafe puts them, are applied to a fresh
// database until one fails; the catalog migsafe replays from the same files
// must equal the server's, and so must the catalog loaded from a
// pg_dump --schema-only of that database. Skips without ../shared or a server.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "catalog_compare.hpp"
#include "migsafe/catalog.hpp"
#include "migsafe/discover.hpp"
#include "migsafe/history.hpp"
#include "pg_server.hpp"
#include "text_file.hpp"

namespace migsafe::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using pgtest::PgServer;
using pgtest::PsqlResult;
using pgtest::PsqlSession;

const fs::path k_corpus = fs::path{MIGSAFE_SOURCE_DIR "/../shared/corpus"};
const fs::path k_server_catalog = fs::path{MIGSAFE_SOURCE_DIR} / "testdata" / "schema_replay" / "server_catalog.sql";
constexpr std::string_view k_file_marker = "migsafe-replay-file ";

// The sequences whose every migration applies to an empty PostgreSQL 15 database
// (bench/schema-replay.md says why the others stop).
const std::vector<std::string> k_applies_whole = {
    "alfio/src/main/resources/alfio/db/PGSQL",
    "calcom/packages/prisma/migrations",
    "harbor/make/migrations/postgresql",
    "kratos/persistence/sql/migrations/legacy",
    "kratos/persistence/sql/migrations/sql",
    "temporal/schema/postgresql/v12/temporal/versioned",
    "temporal/schema/postgresql/v12/visibility/versioned",
    "umami/prisma/migrations",
};

std::size_t top_level_statements(const ParsedSection& section) {
    return static_cast<std::size_t>(std::count_if(section.parsed.statements.begin(), section.parsed.statements.end(),
                                                  [](const Statement& statement) { return !statement.embedded; }));
}

// What a tool creates before the first migration, run on the server and replayed
// alike: golang-migrate's bookkeeping table, which harbor's migrations alter.
std::string tool_prelude(const std::string& framework) {
    return framework == "golang-migrate"
               ? "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);\n"
               : "";
}

// Tables a sequence creates or drops at run time, through dynamic SQL in the
// PL/pgSQL functions its migrations call: no static replay can see them.
const std::map<std::string, std::regex> k_run_time_tables = {
    // SELECT create_v1_range_partition('v1_task', NOW()::DATE) and
    // create_v1_hash_partitions(...): partitions named after the day or a number.
    {"hatchet/cmd/hatchet-migrate/migrate/migrations", std::regex{R"(public\.v1_\w+_(\d{8}(_\w+)?|\d))"}},
};

// The table a compare_catalogs difference is about.
std::string subject_table(const std::string& difference) {
    const std::string rest = difference.starts_with("table ") ? difference.substr(6) : difference;
    return rest.substr(0, rest.find_first_of(" :"));
}

// The statements a file's tool runs, in the transaction it runs them in, as
// psql runs them; the marker line names the file on stdout, so a failure can be
// traced to it.
std::string server_script(const ParsedMigration& migration, std::size_t index) {
    std::string script = "\\echo " + std::string{k_file_marker} + std::to_string(index) + "\n";
    for (const ParsedSection& section : migration.sections) {
        // A multi-statement query is one implicit transaction; psql needs a block for that.
        const bool wrapped = section.transaction == TransactionMode::per_file ||
                             (section.transaction == TransactionMode::single_query && top_level_statements(section) > 1);
        script += wrapped ? "BEGIN;\n" : "";
        for (const Statement& statement : section.parsed.statements) {
            if (!statement.embedded) {
                script += statement.sql + ";\n";
            }
        }
        script += wrapped ? "COMMIT;\n" : "";
    }
    return script;
}

// The server's error, without the notices before it.
std::string first_error(const std::string& err) {
    const std::size_t at = err.find("ERROR:");
    const std::string from = at == std::string::npos ? err : err.substr(at);
    return from.substr(0, from.find('\n'));
}

// The index in the last marker psql printed: the file that failed.
std::size_t failed_file(const std::string& out) {
    const std::size_t at = out.rfind(k_file_marker);
    return at == std::string::npos ? 0 : std::stoul(out.substr(at + k_file_marker.size()));
}

bool runs_on_postgres(const ParsedMigration& migration) {
    return !migration.read_failed && migration.problem.empty() && migration.plan.skipped.empty() &&
           !migration.sections.empty();
}

struct SequenceReplay {
    std::size_t files = 0;    // files the tool runs
    std::size_t applied = 0;  // of those, applied before one failed
    std::string stopped_at;   // that file and the server's error
    CatalogComparison replayed;
    CatalogComparison dumped;     // against the server after restoring the same dump
};

json server_catalog(const PgServer& server, const std::string& database) {
    const PsqlResult result = server.run_psql(test_support::read_text(k_server_catalog), database);
    if (result.exit_code != 0) {
        throw std::runtime_error("server_catalog.sql failed: " + result.err);
    }
    return json::parse(result.out);
}

// Applies `files` (one migration sequence) to a fresh `database` until one fails,
// and compares the server's catalog with migsafe's replay and with the
// pg_dump of that database loaded as --schema.
SequenceReplay replay_sequence(const PgServer& server, const std::vector<CollectedFile>& files,
                               const std::string& database) {
    SequenceReplay outcome;
    std::vector<ParsedMigration> migrations;
    const std::string prelude = tool_prelude(files.front().placement.framework);
    std::string script = prelude;
    for (const CollectedFile& file : files) {
        ParsedMigration migration = parse_migration(file, ReplayOptions{});
        if (runs_on_postgres(migration)) {
            script += server_script(migration, migrations.size());
            migrations.push_back(std::move(migration));
        }
    }
    outcome.files = migrations.size();

    PsqlSession session;
    session.database = database;
    session.timeout = std::chrono::minutes(10);
    const auto create = [&server](const std::string& name) {
        const PsqlResult created =
            server.run_psql("DROP DATABASE IF EXISTS " + name + ";\nCREATE DATABASE " + name + ";\n");
        if (created.exit_code != 0) {
            throw std::runtime_error(created.err);
        }
    };
    create(database);
    PsqlResult applied = server.run_psql(script, session);
    outcome.applied = migrations.size();
    if (applied.exit_code != 0) {
        // Compare the files before the failing one: apply them again without it.
        outcome.applied = failed_file(applied.out);
        outcome.stopped_at = migrations.at(outcome.applied).collected.path + ": " + first_error(applied.err);
        const std::string prefix = script.substr(
            0, script.find("\\echo " + std::string{k_file_marker} + std::to_string(outcome.applied) + "\n"));
        create(database);
        applied = server.run_psql(prefix, session);
        if (applied.exit_code != 0) {
            throw std::runtime_error("the files before the failing one no longer apply: " + applied.err);
        }
    }

    Catalog replayed;
    for (const Statement& statement : parse_sql(prelude).statements) {
        replayed.apply(statement);
    }
    for (std::size_t index = 0; index < outcome.applied; ++index) {
        replay_migration(replayed, migrations[index]);
    }
    const json expected = server_catalog(server, database);
    outcome.replayed = compare_catalogs(expected, comparable_catalog(replayed));

    const PsqlResult dump = server.dump_schema(database);
    if (dump.exit_code != 0) {
        throw std::runtime_error("pg_dump failed: " + dump.err);
    }
    const pgtest::TemporaryDirectory directory("migsafe-replay-");
    const fs::path dump_path = directory.path() / (database + ".sql");
    test_support::write_text(dump_path, dump.out);
    auto loaded = load_schema_file(dump_path.string());
    if (!loaded) {
        throw std::runtime_error(loaded.error().describe());
    }
    // pg_dump is not a perfect round trip (a partition's `DEFAULT NULL` on a
    // timestamp(3) column restores as a default), so the dump is judged against
    // what the server makes of it.
    const std::string restored = database + "_restored";
    create(restored);
    PsqlSession restore_session = session;
    restore_session.database = restored;
    const PsqlResult restore = server.run_psql(dump.out, restore_session);
    if (restore.exit_code != 0) {
        throw std::runtime_error("the dump does not restore: " + restore.err);
    }
    outcome.dumped = compare_catalogs(server_catalog(server, restored), comparable_catalog(*loaded));
    return outcome;
}

// Takes out the differences on `sequence`'s run-time tables; returns how many.
std::size_t drop_run_time_differences(const std::string& sequence, std::vector<std::string>& differences) {
    const auto pattern = k_run_time_tables.find(sequence);
    if (pattern == k_run_time_tables.end()) {
        return 0;
    }
    const auto explained = std::remove_if(differences.begin(), differences.end(), [&](const std::string& difference) {
        return std::regex_match(subject_table(difference), pattern->second);
    });
    const auto count = static_cast<std::size_t>(differences.end() - explained);
    differences.erase(explained, differences.end());
    return count;
}

void report_differences(const std::string& what, const std::vector<std::string>& differences) {
    constexpr std::size_t k_shown = 40;
    for (std::size_t index = 0; index < differences.size() && index < k_shown; ++index) {
        ADD_FAILURE() << what << ": " << differences[index];
    }
    if (differences.size() > k_shown) {
        ADD_FAILURE() << what << ": " << differences.size() - k_shown << " more differences";
    }
}

TEST(SchemaReplayPg, EveryCorpusProjectReplaysToTheServersCatalog) {
    if (!fs::is_directory(k_corpus)) {
        GTEST_SKIP() << "no corpus at " << k_corpus;
    }
    PgServer server;
    if (!server.available()) {
        if (pgtest::running_in_ci()) {
            FAIL() << "CI=true but no PostgreSQL 15 server for the schema replay test: " << server.unavailable_reason();
        }
        GTEST_SKIP() << server.unavailable_reason();
    }
    std::vector<std::string> projects;
    for (const auto& entry : fs::directory_iterator{k_corpus}) {
        if (entry.is_directory()) {
            projects.push_back(entry.path().filename().string());
        }
    }
    std::sort(projects.begin(), projects.end());
    ASSERT_GE(projects.size(), 10U);

    std::vector<std::string> applies_whole;
    std::cout << "| migration sequence | files | applied | objects matched (replay) | run-time tables | "
                 "objects matched (pg_dump) | stopped at |\n"
              << "|---|---:|---:|---:|---:|---:|---|\n";
    std::size_t number = 0;
    for (const std::string& project : projects) {
        auto collected = collect_migration_files({(k_corpus / project).string()});
        ASSERT_TRUE(collected.has_value()) << collected.error().describe();
        // The tool runs each root directory as its own sequence.
        std::map<std::string, std::vector<CollectedFile>> sequences;
        for (const CollectedFile& file : *collected) {
            sequences[file.placement.root].push_back(file);
        }
        for (const auto& [root, files] : sequences) {
            const std::string name = fs::relative(root, k_corpus).generic_string();
            SCOPED_TRACE(name);
            SequenceReplay outcome = replay_sequence(server, files, "replay_" + std::to_string(++number));
            const std::size_t run_time = drop_run_time_differences(name, outcome.replayed.differences);
            if (outcome.applied == outcome.files) {
                applies_whole.push_back(name);
            }
            const std::string stopped =
                outcome.stopped_at.empty() ? "" : fs::relative(outcome.stopped_at.substr(0, outcome.stopped_at.find(": ")),
                                                               root).generic_string() +
                                                      outcome.stopped_at.substr(outcome.stopped_at.find(": "));
            std::cout << "| " << name << " | " << outcome.files << " | " << outcome.applied << " | "
                      << outcome.replayed.matched << " | " << run_time << " | " << outcome.dumped.matched << " | " << stopped << " |\n";
            report_differences(name + " replay", outcome.replayed.differences);
            report_differences(name + " pg_dump", outcome.dumped.differences);
        }
    }
    EXPECT_EQ(applies_whole, k_applies_whole);
}

}  // namespace
}  // namespace migsafe::testing
