// Checks the lock model against a real PostgreSQL 15 server: every case under
// testdata/locks runs on a throw-away cluster, and what the server shows
// (locks, rewrites, scans) must be what `migsafe explain` claims.
#include "lock_cases.hpp"
#include "migsafe/lock_model.hpp"
#include "lock_observer.hpp"
#include "pg_server.hpp"
#include "subprocess.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pg_query.h>

namespace migsafe::pgtest {
namespace {

using nlohmann::json;

constexpr std::size_t k_minimum_cases = 130;
constexpr std::size_t k_statement_column_width = 60;

using pgtest::running_in_ci;

std::optional<std::string> migsafe_binary() {
#ifdef MIGSAFE_BINARY
    return std::string(MIGSAFE_BINARY);
#else
    const char* from_environment = std::getenv("MIGSAFE_BINARY");
    if (from_environment != nullptr && *from_environment != '\0') {
        return std::string(from_environment);
    }
    return std::nullopt;
#endif
}

// What migsafe claims for one relation, merged over its lock entries.
struct ModelEntry {
    std::string written_name;
    std::string mode;
    std::optional<bool> rewrite;
    std::optional<bool> scan;
};

// "public.T" -> "t", "\"Odd.Name\"" -> "Odd.Name": the last dotted part,
// case-folded unless quoted, as PostgreSQL resolves it.
std::string unqualified_name(std::string_view written) {
    std::vector<std::string> parts(1);
    bool quoted = false;
    for (std::size_t index = 0; index < written.size(); ++index) {
        const char character = written[index];
        if (character == '"') {
            if (quoted && index + 1 < written.size() && written[index + 1] == '"') {
                parts.back() += '"';
                ++index;
            } else {
                quoted = !quoted;
            }
        } else if (character == '.' && !quoted) {
            parts.emplace_back();
        } else {
            parts.back() += quoted ? character : static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
        }
    }
    return parts.back();
}

struct ModelClaims {
    std::map<std::string, ModelEntry> relations;  // by unqualified name
    bool modelled = true;  // false: migsafe says it has no model for the statement
    std::optional<bool> requires_no_transaction;  // missing in hand-written documents
};

// Reads files[0].statements[0] of `migsafe explain --format json`.
// Throws json::exception when the document does not have that shape.
ModelClaims read_model_claims(const json& document) {
    const json& statements = document.at("files").at(0).at("statements");
    if (statements.size() != 1) {
        throw std::runtime_error("migsafe reports " + std::to_string(statements.size()) +
                                 " statements for a one-statement file");
    }
    ModelClaims claims;
    const json& statement = statements.at(0);
    if (statement.contains("modelled") && statement.at("modelled").is_boolean()) {
        claims.modelled = statement.at("modelled").get<bool>();
    }
    if (statement.contains("requires_no_transaction") && statement.at("requires_no_transaction").is_boolean()) {
        claims.requires_no_transaction = statement.at("requires_no_transaction").get<bool>();
    }
    for (const json& lock : statement.value("locks", json::array())) {
        const std::string written = lock.at("relation").get<std::string>();
        ModelEntry& entry = claims.relations[unqualified_name(written)];
        entry.written_name = written;
        const std::string mode = lock.value("mode", "");
        if (lock_mode_strength(mode) >= lock_mode_strength(entry.mode)) {
            entry.mode = mode;
        }
        // The same relation may be listed once per mode it takes.
        if (lock.contains("rewrite") && lock.at("rewrite").is_boolean()) {
            entry.rewrite = entry.rewrite.value_or(false) || lock.at("rewrite").get<bool>();
        }
        if (lock.contains("scan") && lock.at("scan").is_boolean()) {
            entry.scan = entry.scan.value_or(false) || lock.at("scan").get<bool>();
        }
    }
    return claims;
}

struct Disagreement {
    std::string location;
    std::string statement;
    std::string relation;
    std::string server_says;
    std::string migsafe_says;
};

struct Comparison {
    std::vector<Disagreement> disagreements;
    // Index locks the server shows and the model leaves out: reported, not failed.
    std::vector<Disagreement> omitted_index_locks;
    // Claims that sampling a statement from a second session can neither
    // confirm nor refute (a stronger or extra lock held too briefly to be seen).
    std::vector<Disagreement> unconfirmed;
};

std::string yes_no(bool value, std::string_view what) {
    return std::string(value ? "" : "no ") + std::string(what);
}

std::string describe_optional(const std::optional<bool>& value, std::string_view what) {
    return value ? yes_no(*value, what) : std::string(what) + " missing";
}

enum class Compared { mode_only, mode_and_rewrite, everything };

std::string describe_server(const ObservedRelation& relation, Compared compared) {
    std::string text = relation.mode.empty() ? "no lock" : relation.mode;
    if (compared != Compared::mode_only) {
        text += ", " + yes_no(relation.rewritten, "rewrite");
    }
    if (compared == Compared::everything) {
        text += ", " + yes_no(relation.scanned, "scan");
    }
    return text;
}

std::string describe_model(const ModelEntry& entry, Compared compared) {
    std::string text = entry.mode.empty() ? "no mode" : entry.mode;
    if (compared != Compared::mode_only) {
        text += ", " + describe_optional(entry.rewrite, "rewrite");
    }
    if (compared == Compared::everything) {
        text += ", " + describe_optional(entry.scan, "scan");
    }
    return text;
}

std::string one_line(std::string_view statement) {
    std::string text;
    bool pending_space = false;
    for (const char character : statement) {
        if (std::isspace(static_cast<unsigned char>(character)) != 0) {
            pending_space = !text.empty();
            continue;
        }
        if (pending_space) {
            text += ' ';
            pending_space = false;
        }
        text += character;
    }
    if (text.size() > k_statement_column_width) {
        text = text.substr(0, k_statement_column_width - 3) + "...";
    }
    return text;
}

// The policy: tables, partitions, views, materialized views, sequences (and
// anything else that is not an index) must match in mode, rewrite and scan.
// Indexes are compared (mode, rewrite) only when the model names them, since
// it may leave out indexes rebuilt in place. Relations the statement creates
// are compared by mode only, and only when named. Sequential-scan counts
// exist for tables only, so an index's scan flag is never compared.
// A sampled observation only proves that a lock was held, not that nothing
// stronger was: there a weaker or missing claim fails, a stronger or extra
// one is reported as unconfirmed. Rewrites and scans are exact either way.
Comparison compare(const LockCase& lock_case, const Observation& observation, const ModelClaims& model) {
    Comparison comparison;
    std::set<std::string> matched;
    const std::string statement = one_line(lock_case.statement);
    // A concurrent case is one the server refuses inside a transaction block; every other case ran inside one.
    if (model.requires_no_transaction && *model.requires_no_transaction != lock_case.concurrent) {
        comparison.disagreements.push_back(
            {lock_case.location(), statement, "(transaction block)",
             lock_case.concurrent ? "cannot run inside one" : "runs inside one",
             *model.requires_no_transaction ? "cannot run inside one" : "runs inside one"});
    }
    const std::map<std::string, ModelEntry>& claims = model.relations;
    const std::string nothing = model.modelled ? "nothing" : "nothing (statement not modelled)";
    for (const ObservedRelation& relation : observation.relations) {
        const auto claim = claims.find(relation.name);
        const Compared compared = relation.created   ? Compared::mode_only
                                  : relation.is_index() ? Compared::mode_and_rewrite
                                                        : Compared::everything;
        if (claim == claims.end()) {
            if (relation.created) {
                continue;
            }
            Disagreement missing{lock_case.location(), statement, relation.name, describe_server(relation, compared),
                                 nothing};
            (relation.is_index() ? comparison.omitted_index_locks : comparison.disagreements)
                .push_back(std::move(missing));
            continue;
        }
        matched.insert(relation.name);
        const ModelEntry& entry = claim->second;
        const int model_strength = lock_mode_strength(entry.mode);
        const int server_strength = lock_mode_strength(relation.mode);
        bool same = entry.mode == relation.mode;
        bool unconfirmed = false;
        if (observation.sampled && model_strength > server_strength) {
            same = true;
            unconfirmed = true;
        }
        if (compared != Compared::mode_only) {
            same = same && entry.rewrite == relation.rewritten;
        }
        if (compared == Compared::everything) {
            same = same && entry.scan == relation.scanned;
        }
        Disagreement row{lock_case.location(), statement, relation.name, describe_server(relation, compared),
                         describe_model(entry, compared)};
        if (!same) {
            comparison.disagreements.push_back(std::move(row));
        } else if (unconfirmed) {
            comparison.unconfirmed.push_back(std::move(row));
        }
    }
    for (const auto& [name, entry] : claims) {
        if (matched.contains(name)) {
            continue;
        }
        Disagreement row{lock_case.location(), statement, entry.written_name, "no lock",
                         describe_model(entry, Compared::everything)};
        (observation.sampled ? comparison.unconfirmed : comparison.disagreements).push_back(std::move(row));
    }
    return comparison;
}

std::string render_table(const std::vector<Disagreement>& rows) {
    const std::vector<std::string> headers = {"case", "statement", "relation", "server says", "migsafe says"};
    std::vector<std::size_t> widths;
    for (const std::string& header : headers) {
        widths.push_back(header.size());
    }
    const auto cells = [](const Disagreement& row) {
        return std::vector<std::string>{row.location, row.statement, row.relation, row.server_says, row.migsafe_says};
    };
    for (const Disagreement& row : rows) {
        const std::vector<std::string> values = cells(row);
        for (std::size_t column = 0; column < values.size(); ++column) {
            widths[column] = std::max(widths[column], values[column].size());
        }
    }
    std::ostringstream table;
    const auto print_row = [&](const std::vector<std::string>& values) {
        for (std::size_t column = 0; column < values.size(); ++column) {
            table << (column == 0 ? "" : " | ") << values[column];
            if (column + 1 < values.size()) {
                table << std::string(widths[column] - values[column].size(), ' ');
            }
        }
        table << '\n';
    };
    print_row(headers);
    std::vector<std::string> rule;
    for (const std::size_t width : widths) {
        rule.emplace_back(width, '-');
    }
    print_row(rule);
    for (const Disagreement& row : rows) {
        print_row(cells(row));
    }
    return table.str();
}

// Runs `migsafe explain` on the case statement alone, with the schema the server
// had (setup.sql and the case's own setup) as --schema, and compares.
// migsafe's claims for one case, from `migsafe explain --format json` run against
// the setup schema; the reason instead when they cannot be read.
std::variant<ModelClaims, std::string> explain_case(const std::string& binary, const std::filesystem::path& scratch,
                                                    const std::string& setup_sql, const LockCase& lock_case) {
    const std::string stem =
        std::filesystem::path(lock_case.file).stem().string() + "_" + std::to_string(lock_case.line);
    const std::filesystem::path file = scratch / (stem + ".sql");
    const std::filesystem::path schema = scratch / (stem + ".schema.sql");
    {
        std::ofstream output(file, std::ios::binary);
        output << lock_case.statement_script();
        std::ofstream schema_output(schema, std::ios::binary);
        schema_output << setup_sql << "\n";
        for (const std::string& statement : lock_case.setup) {
            schema_output << statement << (statement.ends_with(';') ? "\n" : ";\n");
        }
    }
    ProcessRequest request;
    request.argv = {binary, "explain", "--format", "json", "--pg-version", "15", "--schema", schema.string(),
                    file.string()};
    request.env = {{"NO_COLOR", "1"}};
    request.timeout = std::chrono::seconds(30);
    const ProcessResult result = run_process(request);
    // 0: nothing found, 1: findings; the locks are reported either way.
    if (result.exit_code != 0 && result.exit_code != 1) {
        const std::string first_line = result.err.substr(0, result.err.find('\n'));
        return "exit " + std::to_string(result.exit_code) + ": " + first_line;
    }
    try {
        return read_model_claims(json::parse(result.out));
    } catch (const std::exception& error) {
        return std::string("unreadable output: ") + error.what();
    }
}

Comparison compare_with_migsafe(const std::string& binary, const std::filesystem::path& scratch,
                                const std::string& setup_sql, const LockCase& lock_case,
                                const Observation& observation) {
    auto claims = explain_case(binary, scratch, setup_sql, lock_case);
    if (const std::string* why = std::get_if<std::string>(&claims)) {
        Comparison comparison;
        comparison.disagreements.push_back({lock_case.location(), one_line(lock_case.statement), "-", "-", *why});
        return comparison;
    }
    return compare(lock_case, observation, std::get<ModelClaims>(claims));
}

std::string dump_document(const std::vector<LockCase>& cases, const std::vector<Observation>& observations,
                          const std::string& server_version) {
    nlohmann::ordered_json document = {{"server_version", server_version},
                     {"about", "Per statement of testdata/locks, as PostgreSQL showed it to "
                               "tests/lock_model_pg_test.cpp: the strongest relation lock held (modes: all of "
                               "them), whether the relfilenode changed (rewritten), whether sequential scans read "
                               "rows (scanned). Sampled cases were watched from a second session and can miss a "
                               "lock held for an instant. Regenerate with MIGSAFE_LOCKS_DUMP=<path>."}};
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    for (std::size_t index = 0; index < cases.size(); ++index) {
        entries.push_back(to_json(cases[index], observations[index]));
    }
    document["cases"] = std::move(entries);
    return document.dump(2) + "\n";
}

// A case file is data the harness trusts, so it is checked without a server.
TEST(LockCaseFiles, ParseAndCoverEnoughStatements) {
    const LockCaseFiles loaded = load_lock_cases(lock_cases_directory());
    for (const std::string& error : loaded.errors) {
        ADD_FAILURE() << error;
    }
    EXPECT_GE(loaded.cases.size(), k_minimum_cases) << "in " << lock_cases_directory();
    std::map<std::string, int> cases_per_file;
    for (const LockCase& lock_case : loaded.cases) {
        ++cases_per_file[lock_case.file];
        std::vector<std::string> statements = lock_case.setup;
        statements.push_back(lock_case.statement);
        if (lock_case.alongside) {
            statements.push_back(*lock_case.alongside);
        }
        for (const std::string& sql : statements) {
            PgQueryParseResult parsed = pg_query_parse(sql.c_str());
            EXPECT_EQ(parsed.error, nullptr)
                << lock_case.location() << ": " << (parsed.error != nullptr ? parsed.error->message : "") << "\n"
                << sql;
            pg_query_free_parse_result(parsed);
        }
        EXPECT_FALSE(lock_case.concurrent && lock_case.unobservable)
            << lock_case.location() << ": a case is either observed or unobservable";
    }
    for (const std::string& file : loaded.files) {
        EXPECT_GT(cases_per_file[file], 0) << file << " holds no case";
    }
}

TEST(LockCaseFiles, DirectivesBelongToTheNextStatement) {
    const LockCaseFiles parsed = parse_lock_case_file("-- a note: not a directive\n"
                                                      "-- setup: ALTER TABLE t ADD x int;\n"
                                                      "-- expect-error: does not exist\n"
                                                      "ALTER TABLE t\n  DROP COLUMN y;\n"
                                                      "\n"
                                                      "-- observe: concurrent\n"
                                                      "VACUUM t;\n",
                                                      "inline.sql");
    ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front();
    ASSERT_EQ(parsed.cases.size(), 2U);
    EXPECT_EQ(parsed.cases[0].line, 4);
    EXPECT_EQ(parsed.cases[0].statement, "ALTER TABLE t\n  DROP COLUMN y");
    EXPECT_EQ(parsed.cases[0].setup, std::vector<std::string>{"ALTER TABLE t ADD x int;"});
    EXPECT_EQ(parsed.cases[0].expected_error, "does not exist");
    EXPECT_FALSE(parsed.cases[0].concurrent);
    EXPECT_TRUE(parsed.cases[1].concurrent);
    EXPECT_TRUE(parsed.cases[1].setup.empty());
    EXPECT_EQ(parsed.cases[1].location(), "inline.sql:8");

    const LockCaseFiles dangling = parse_lock_case_file("VACUUM t;\n-- observe: concurrent\n", "dangling.sql");
    EXPECT_EQ(dangling.errors.size(), 1U);
    const LockCaseFiles unterminated = parse_lock_case_file("VACUUM t\n", "unterminated.sql");
    EXPECT_EQ(unterminated.errors.size(), 1U);
    const LockCaseFiles alongside_alone =
        parse_lock_case_file("-- alongside: SELECT pg_sleep(1)\nDROP INDEX t_c_idx;\n", "alongside.sql");
    EXPECT_EQ(alongside_alone.errors.size(), 1U);
}

TEST(LockModelComparison, ReportsEveryDifferenceAndOnlyThose) {
    LockCase lock_case;
    lock_case.file = "inline.sql";
    lock_case.line = 3;
    lock_case.statement = "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES parent (id)";
    Observation observation;
    observation.ran = true;
    observation.relations = {
        {"public", "parent", 'r', "ShareRowExclusiveLock", {}, false, true, false, false},
        {"public", "t", 'r', "ShareRowExclusiveLock", {}, false, true, false, false},
        {"public", "t_c_idx", 'i', "AccessExclusiveLock", {}, false, false, false, false},
        {"public", "fk_index", 'i', "AccessExclusiveLock", {}, false, false, true, false},
    };
    const json agreeing = json::parse(R"({"files": [{"statements": [{"locks": [
        {"relation": "public.T", "mode": "ShareRowExclusiveLock", "rewrite": false, "scan": true},
        {"relation": "parent", "mode": "ShareRowExclusiveLock", "rewrite": false, "scan": true}]}]}]})");
    const Comparison same = compare(lock_case, observation, read_model_claims(agreeing));
    EXPECT_TRUE(same.disagreements.empty()) << render_table(same.disagreements);
    ASSERT_EQ(same.omitted_index_locks.size(), 1U);
    EXPECT_EQ(same.omitted_index_locks[0].relation, "t_c_idx");

    const json disagreeing = json::parse(R"({"files": [{"statements": [{"locks": [
        {"relation": "t", "mode": "AccessExclusiveLock", "rewrite": false, "scan": true},
        {"relation": "parent", "mode": "ShareRowExclusiveLock", "rewrite": false},
        {"relation": "t_c_idx", "mode": "AccessExclusiveLock", "rewrite": true},
        {"relation": "fk_index", "mode": "ShareLock"},
        {"relation": "mv", "mode": "AccessShareLock", "rewrite": false, "scan": false}]}]}]})");
    const Comparison different = compare(lock_case, observation, read_model_claims(disagreeing));
    std::set<std::string> relations;
    for (const Disagreement& row : different.disagreements) {
        relations.insert(row.relation);
    }
    EXPECT_EQ(relations, (std::set<std::string>{"t", "parent", "t_c_idx", "fk_index", "mv"}))
        << render_table(different.disagreements);
}

// explain names the server version the facts were last recorded on.
TEST(LockModelComparison, VerifiedOnNamesTheRecordedServer) {
    std::ifstream recorded(lock_cases_directory() / "observed-pg15.json", std::ios::binary);
    ASSERT_TRUE(recorded) << "testdata/locks/observed-pg15.json is missing";
    const json document = json::parse(recorded);
    EXPECT_EQ(std::string{k_verified_on}, "PostgreSQL " + document.at("server_version").get<std::string>());
}

TEST(LockModelComparison, SampledLocksAreALowerBound) {
    LockCase lock_case;
    lock_case.file = "inline.sql";
    lock_case.line = 7;
    lock_case.statement = "CREATE INDEX CONCURRENTLY t_e_idx ON t (e)";
    Observation observation;
    observation.ran = true;
    observation.sampled = true;
    observation.relations = {{"public", "t", 'r', "ShareUpdateExclusiveLock", {}, false, true, false, false}};

    const json stronger = json::parse(R"({"files": [{"statements": [{"locks": [
        {"relation": "t", "mode": "AccessExclusiveLock", "rewrite": false, "scan": true},
        {"relation": "parent", "mode": "AccessShareLock", "rewrite": false, "scan": false}]}]}]})");
    const Comparison unprovable = compare(lock_case, observation, read_model_claims(stronger));
    EXPECT_TRUE(unprovable.disagreements.empty()) << render_table(unprovable.disagreements);
    EXPECT_EQ(unprovable.unconfirmed.size(), 2U);

    const json weaker = json::parse(R"({"files": [{"statements": [{"locks": [
        {"relation": "t", "mode": "AccessShareLock", "rewrite": false, "scan": true}]}]}]})");
    EXPECT_EQ(compare(lock_case, observation, read_model_claims(weaker)).disagreements.size(), 1U);

    const json no_scan = json::parse(R"({"files": [{"statements": [{"locks": [
        {"relation": "t", "mode": "ShareUpdateExclusiveLock", "rewrite": false, "scan": false}]}]}]})");
    EXPECT_EQ(compare(lock_case, observation, read_model_claims(no_scan)).disagreements.size(), 1U);
}

TEST(LockModelPg, ServerAgreesWithMigsafeExplain) {
    const auto started = std::chrono::steady_clock::now();
    PgServer server;
    if (!server.available()) {
        if (running_in_ci()) {
            FAIL() << "CI=true but no PostgreSQL 15 server for the lock model test: " << server.unavailable_reason();
        }
        GTEST_SKIP() << server.unavailable_reason();
    }
    const LockCaseFiles loaded = load_lock_cases(lock_cases_directory());
    ASSERT_TRUE(loaded.errors.empty()) << loaded.errors.front();
    ASSERT_FALSE(loaded.cases.empty());

    LockObserver observer(server, lock_cases_directory() / "setup.sql");
    std::vector<Observation> observations;
    observations.reserve(loaded.cases.size());
    for (const LockCase& lock_case : loaded.cases) {
        observations.push_back(observer.observe(lock_case));
    }
    const auto observed = std::chrono::steady_clock::now();

    // A case that does not behave as written is a broken case, not a model bug.
    for (std::size_t index = 0; index < loaded.cases.size(); ++index) {
        const LockCase& lock_case = loaded.cases[index];
        const Observation& observation = observations[index];
        if (observation.harness_failure) {
            ADD_FAILURE() << lock_case.location() << ": " << *observation.harness_failure << "\n"
                          << lock_case.statement << "\nserver log:\n"
                          << server.log_tail(1500);
        } else if (lock_case.expected_error && !observation.error) {
            ADD_FAILURE() << lock_case.location() << ": expected the error \"" << *lock_case.expected_error
                          << "\" but the statement succeeded\n"
                          << lock_case.statement;
        } else if (lock_case.expected_error && observation.error->find(*lock_case.expected_error) == std::string::npos) {
            ADD_FAILURE() << lock_case.location() << ": expected an error containing \"" << *lock_case.expected_error
                          << "\", got \"" << *observation.error << "\"";
        } else if (!lock_case.expected_error && observation.error) {
            ADD_FAILURE() << lock_case.location() << ": the server rejected the case: " << *observation.error << "\n"
                          << lock_case.statement;
        }
    }

    if (const char* dump_path = std::getenv("MIGSAFE_LOCKS_DUMP"); dump_path != nullptr && *dump_path != '\0') {
        // "15.18 (Debian 15.18-0+deb12u1)" -> "15.18"
        const PsqlResult version = server.run_psql("SHOW server_version;\n");
        const std::string version_number = version.out.substr(0, version.out.find_first_of(" \n"));
        std::ofstream dump(dump_path, std::ios::binary | std::ios::trunc);
        dump << dump_document(loaded.cases, observations, version_number);
        ASSERT_TRUE(dump.good()) << "cannot write " << dump_path;
        std::cout << "wrote " << loaded.cases.size() << " observations to " << dump_path << " in "
                  << std::chrono::duration_cast<std::chrono::milliseconds>(observed - started).count() << " ms\n";
        return;
    }

    const std::optional<std::string> binary = migsafe_binary();
    ASSERT_TRUE(binary) << "no migsafe binary to compare with: build with CMake or set MIGSAFE_BINARY "
                           "(or set MIGSAFE_LOCKS_DUMP=<path> to only record observations)";
    ASSERT_EQ(::access(binary->c_str(), X_OK), 0) << "the migsafe binary is missing: " << *binary;
    const TemporaryDirectory scratch("migsafe-lock-cases-");
    std::string setup_sql;
    {
        std::ifstream setup_input(lock_cases_directory() / "setup.sql", std::ios::binary);
        std::ostringstream buffer;
        buffer << setup_input.rdbuf();
        setup_sql = buffer.str();
    }
    std::vector<Disagreement> disagreements;
    std::vector<Disagreement> omitted_index_locks;
    std::vector<Disagreement> unconfirmed;
    std::vector<Disagreement> known_gaps;
    std::size_t compared = 0;
    for (std::size_t index = 0; index < loaded.cases.size(); ++index) {
        const Observation& observation = observations[index];
        if (!observation.ran || observation.error || observation.harness_failure) {
            continue;
        }
        ++compared;
        Comparison comparison =
            compare_with_migsafe(*binary, scratch.path(), setup_sql, loaded.cases[index], observation);
        if (loaded.cases[index].model_gap) {
            if (comparison.disagreements.empty()) {
                ADD_FAILURE() << loaded.cases[index].location() << ": the model now agrees with the server; "
                              << "remove the model-gap directive";
            }
            std::move(comparison.disagreements.begin(), comparison.disagreements.end(),
                      std::back_inserter(known_gaps));
            continue;
        }
        std::move(comparison.disagreements.begin(), comparison.disagreements.end(), std::back_inserter(disagreements));
        std::move(comparison.omitted_index_locks.begin(), comparison.omitted_index_locks.end(),
                  std::back_inserter(omitted_index_locks));
        std::move(comparison.unconfirmed.begin(), comparison.unconfirmed.end(), std::back_inserter(unconfirmed));
    }
    // Statements the server refused inside the case's transaction block: the model must say so too.
    for (const LockCase& lock_case : loaded.cases) {
        if (!lock_case.expected_error ||
            lock_case.expected_error->find("cannot run inside a transaction block") == std::string::npos) {
            continue;
        }
        ++compared;
        auto claims = explain_case(*binary, scratch.path(), setup_sql, lock_case);
        const auto* model = std::get_if<ModelClaims>(&claims);
        if (model == nullptr || !model->requires_no_transaction.value_or(false)) {
            disagreements.push_back({lock_case.location(), one_line(lock_case.statement), "(transaction block)",
                                     "cannot run inside one",
                                     model == nullptr ? std::get<std::string>(claims) : "runs inside one"});
        }
    }
    const auto finished = std::chrono::steady_clock::now();
    std::cout << "observed " << loaded.cases.size() << " cases in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(observed - started).count()
              << " ms, compared " << compared << " with migsafe in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(finished - observed).count() << " ms\n";
    if (!omitted_index_locks.empty()) {
        std::cout << "Index locks the model leaves out (informational, not a failure):\n"
                  << render_table(omitted_index_locks);
    }
    if (!known_gaps.empty()) {
        std::cout << "Known gaps of the model (model-gap cases, listed in docs/lock-model.md):\n"
                  << render_table(known_gaps);
    }
    if (!unconfirmed.empty()) {
        std::cout << "Claims that sampling from a second session could not confirm (informational):\n"
                  << render_table(unconfirmed);
    }
    EXPECT_TRUE(disagreements.empty()) << disagreements.size() << " disagreements between the server and "
                                       << "`migsafe explain`:\n"
                                       << render_table(disagreements);
}

}  // namespace
}  // namespace migsafe::pgtest
