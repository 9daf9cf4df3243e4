// --stats: reading the table-size file, judging a finding by its table's size,
// the CLI end to end, and scripts/table-stats.sql run on PostgreSQL 15.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "migsafe/table_stats.hpp"
#include "migsafe_process.hpp"
#include "pg_server.hpp"
#include "text_file.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test_support::migsafe;

constexpr std::string_view k_stats = R"({"tables": [
  {"schema": "public", "name": "events", "rows": 3000000, "bytes": 513581056},
  {"schema": "public", "name": "users", "rows": 1000, "bytes": 73728},
  {"schema": "app", "name": "orders", "rows": null, "bytes": 8589934592},
  {"name": "fresh", "rows": -1, "bytes": 16384}
]})";

StatementEffects effects_on(QualifiedName table, bool rewrite, bool scan) {
    StatementEffects effects;
    RelationEffect relation;
    relation.relation = std::move(table);
    relation.mode = LockMode::access_exclusive;
    relation.rewrite = rewrite;
    relation.scan = scan;
    effects.relations.push_back(relation);
    return effects;
}

TableStats stats() {
    auto parsed = parse_table_stats(k_stats, "stats.json");
    EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().describe());
    return parsed ? *parsed : TableStats{};
}

TEST(TableStats, ReadsTheFileScriptsTableStatsPrints) {
    const TableStats table_stats = stats();
    EXPECT_EQ(table_stats.size(), 4U);
    const TableSize* events = table_stats.find(QualifiedName{"", "events"});  // unqualified: public
    ASSERT_NE(events, nullptr);
    EXPECT_EQ(events->rows, 3000000);
    EXPECT_EQ(events->bytes, 513581056);
    const TableSize* orders = table_stats.find(QualifiedName{"app", "orders"});
    ASSERT_NE(orders, nullptr);
    EXPECT_FALSE(orders->rows.has_value());
    EXPECT_EQ(table_stats.find(QualifiedName{"", "orders"}), nullptr);  // public.orders is another table
    const TableSize* fresh = table_stats.find(QualifiedName{"public", "fresh"});
    ASSERT_NE(fresh, nullptr);
    EXPECT_FALSE(fresh->rows.has_value()) << "reltuples -1 means never analysed, not empty";
}

TEST(TableStats, BadFilesSayWhatIsWrongAndWhere) {
    const auto broken = parse_table_stats("{\"tables\": [\n  {\"name\": \"a\", \"bytes\": 1,}\n]}", "s.json");
    ASSERT_FALSE(broken.has_value());
    EXPECT_EQ(broken.error().describe(), "s.json:2:28: --stats: not valid JSON");
    for (const char* text : {R"([])", R"({"tables": {}})", R"({"tables": [{"bytes": 1}]})",
                             R"({"tables": [{"name": "a"}]})", R"({"tables": [{"name": "a", "bytes": -5}]})",
                             R"({"tables": [{"name": "a", "bytes": 1.5}]})",
                             R"({"tables": [{"name": "a", "bytes": 1, "rows": "many"}]})",
                             R"({"tables": [{"name": "a", "schema": 3, "bytes": 1}]})"}) {
        const auto parsed = parse_table_stats(text, "s.json");
        ASSERT_FALSE(parsed.has_value()) << text;
        EXPECT_NE(parsed.error().message.find("--stats: "), std::string::npos) << parsed.error().message;
    }
    const auto missing = load_table_stats("/nonexistent/stats.json");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().describe(), "/nonexistent/stats.json: --stats: cannot read the file");
    const pgtest::TemporaryDirectory directory{"migsafe-stats-"};
    EXPECT_FALSE(load_table_stats(directory.path().string()).has_value()) << "a directory is not a stats file";
}

TEST(TableStats, SmallTablesBecomeHints) {
    const auto verdict = judge_table_size(effects_on({"", "users"}, false, true), stats(), k_default_small_table_bytes);
    ASSERT_TRUE(verdict.has_value());
    EXPECT_EQ(verdict->severity, Severity::hint);
    EXPECT_EQ(verdict->note, "users is small per --stats (1,000 rows in 72 kB), so the lock is brief");
}

TEST(TableStats, LargeTablesSayHowLongTheLockIsHeld) {
    const auto rewrite = judge_table_size(effects_on({"", "events"}, true, false), stats(), k_default_small_table_bytes);
    ASSERT_TRUE(rewrite.has_value());
    EXPECT_FALSE(rewrite->severity.has_value());
    EXPECT_EQ(rewrite->note, "per --stats events holds 3,000,000 rows in 490 MB: rewriting it takes about 10 s at "
                             "50 MB/s (an idle server; a busy one is slower)");
    const auto scan = judge_table_size(effects_on({"app", "orders"}, false, true), stats(), k_default_small_table_bytes);
    ASSERT_TRUE(scan.has_value());
    EXPECT_EQ(scan->note, "per --stats app.orders holds 8192 MB: reading it takes about 34 s at 250 MB/s (an idle "
                          "server; a busy one is slower)");
}

TEST(TableStats, TheThresholdIsConfigurable) {
    const auto verdict = judge_table_size(effects_on({"", "users"}, false, true), stats(), 1024);
    ASSERT_TRUE(verdict.has_value());
    EXPECT_FALSE(verdict->severity.has_value());
}

TEST(TableStats, UnknownAndNewTablesAreLeftAlone) {
    EXPECT_FALSE(judge_table_size(effects_on({"", "ghosts"}, true, false), stats(), k_default_small_table_bytes));
    StatementEffects created = effects_on({"", "users"}, false, false);
    created.relations[0].created = true;
    EXPECT_FALSE(judge_table_size(created, stats(), k_default_small_table_bytes));
}

TEST(TableStats, TheRewrittenTableIsJudgedNotTheTarget) {
    // ATTACH PARTITION: the parent is the target, the partition is what gets scanned.
    StatementEffects attach = effects_on({"", "users"}, false, false);
    RelationEffect partition;
    partition.relation = QualifiedName{"", "events"};
    partition.role = RelationRole::partition;
    partition.scan = true;
    attach.relations.push_back(partition);
    const auto verdict = judge_table_size(attach, stats(), k_default_small_table_bytes);
    ASSERT_TRUE(verdict.has_value());
    EXPECT_NE(verdict->note.find("events holds"), std::string::npos) << verdict->note;
}

class TableStatsCli : public ::testing::Test {
protected:
    void SetUp() override {
        test_support::write_text(m_directory.path() / "stats.json", std::string{k_stats});
        test_support::write_text(m_directory.path() / "V1__work.sql",
                                 "ALTER TABLE users ADD CONSTRAINT users_email CHECK (email <> '');\n"
                                 "ALTER TABLE events ALTER COLUMN id TYPE bigint;\n"
                                 "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
    }
    [[nodiscard]] std::string path(const std::string& name) const { return (m_directory.path() / name).string(); }

    pgtest::TemporaryDirectory m_directory{"migsafe-stats-"};
};

json findings_of(const pgtest::ProcessResult& run) {
    json by_rule = json::object();
    const json report = json::parse(run.out);  // named: a range-for over a temporary's member dangles
    for (const json& finding : report["files"][0]["findings"]) {
        by_rule[finding["rule"].get<std::string>()] = finding;
    }
    return by_rule;
}

TEST_F(TableStatsCli, OnlyLockDurationFindingsScale) {
    const auto without = migsafe({"check", "--format", "json", "--disable", "require-lock-timeout", path("V1__work.sql")});
    const auto with = migsafe({"check", "--format", "json", "--disable", "require-lock-timeout", "--stats",
                               path("stats.json"), path("V1__work.sql")});
    ASSERT_EQ(with.exit_code, 1) << with.err;
    const json before = findings_of(without);
    const json after = findings_of(with);
    EXPECT_EQ(before["add-check-without-not-valid"]["severity"], "error");
    EXPECT_EQ(after["add-check-without-not-valid"]["severity"], "hint");
    EXPECT_EQ(after["changing-column-type"]["severity"], before["changing-column-type"]["severity"]);
    EXPECT_NE(after["changing-column-type"]["message"].get<std::string>().find("about 10 s"), std::string::npos);
    // A rename breaks running code on a table of any size.
    EXPECT_EQ(after["rename-column"], before["rename-column"]);
}

TEST_F(TableStatsCli, ASmallTableAloneNoLongerFailsTheCheck) {
    test_support::write_text(m_directory.path() / "V2__check.sql",
                             "SET lock_timeout = '2s';\n"
                             "ALTER TABLE users ADD CONSTRAINT users_email CHECK (email <> '');\n");
    EXPECT_EQ(migsafe({"check", path("V2__check.sql")}).exit_code, 1);
    const auto run = migsafe({"check", "--stats", path("stats.json"), path("V2__check.sql")});
    EXPECT_EQ(run.exit_code, 0) << run.out;
    EXPECT_NE(run.out.find("users is small per --stats"), std::string::npos) << run.out;
}

TEST_F(TableStatsCli, SmallTableBytesComesFromTheConfig) {
    test_support::write_text(m_directory.path() / ".migsafe.json", R"({"small_table_bytes": 1024})");
    const auto run = migsafe({"check", "--format", "json", "--config", path(".migsafe.json"), "--stats",
                              path("stats.json"), path("V1__work.sql")});
    EXPECT_EQ(findings_of(run)["add-check-without-not-valid"]["severity"], "error") << run.out;
    test_support::write_text(m_directory.path() / ".migsafe.json", R"({"small_table_bytes": "big"})");
    const auto bad = migsafe({"check", "--config", path(".migsafe.json"), path("V1__work.sql")});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("small_table_bytes must be a whole number of bytes"), std::string::npos) << bad.err;
}

TEST_F(TableStatsCli, AnUnusableStatsFileIsAUsageError) {
    test_support::write_text(m_directory.path() / "broken.json", "{\"tables\": [\n");
    const auto broken = migsafe({"check", "--stats", path("broken.json"), path("V1__work.sql")});
    EXPECT_EQ(broken.exit_code, 2);
    EXPECT_NE(broken.err.find("broken.json:2:1: --stats: not valid JSON"), std::string::npos) << broken.err;
    const auto missing = migsafe({"check", "--stats", path("missing.json"), path("V1__work.sql")});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("--stats: cannot read the file"), std::string::npos) << missing.err;
}

TEST(TableStatsPg, TheScriptsQueryReadsARealServer) {
    pgtest::PgServer server;
    if (!server.available()) {
        if (pgtest::running_in_ci()) {
            FAIL() << "CI=true but no PostgreSQL 15 server: " << server.unavailable_reason();
        }
        GTEST_SKIP() << server.unavailable_reason();
    }
    const pgtest::PsqlResult setup = server.run_psql(
        "CREATE SCHEMA app;\n"
        "CREATE TABLE app.events (id bigint, body text);\n"
        "INSERT INTO app.events SELECT i, repeat('x', 200) FROM generate_series(1, 20000) i;\n"
        "ANALYZE app.events;\n"
        "CREATE TABLE never_analysed (id int);\n"
        "CREATE TABLE measurements (at date, value int) PARTITION BY RANGE (at);\n"
        "CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
        "INSERT INTO measurements SELECT '2026-06-01', i FROM generate_series(1, 5000) i;\n"
        "ANALYZE measurements;\n");
    ASSERT_EQ(setup.exit_code, 0) << setup.err;
    const pgtest::PsqlResult printed =
        server.run_psql(test_support::read_text(fs::path{MIGSAFE_SOURCE_DIR} / "scripts" / "table-stats.sql"));
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    const auto parsed = parse_table_stats(printed.out, "table-stats.json");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().describe() << "\n" << printed.out;

    const TableSize* events = parsed->find(QualifiedName{"app", "events"});
    ASSERT_NE(events, nullptr);
    EXPECT_EQ(events->rows, 20000);
    EXPECT_GT(events->bytes, 20000 * 200);
    const TableSize* never = parsed->find(QualifiedName{"", "never_analysed"});
    ASSERT_NE(never, nullptr);
    EXPECT_FALSE(never->rows.has_value());
    const TableSize* parent = parsed->find(QualifiedName{"", "measurements"});
    const TableSize* partition = parsed->find(QualifiedName{"", "measurements_2026"});
    ASSERT_NE(parent, nullptr);
    ASSERT_NE(partition, nullptr);
    EXPECT_EQ(parent->rows, 5000);
    EXPECT_EQ(parent->bytes, partition->bytes) << "a partitioned table counts its partitions";
    EXPECT_GT(parent->bytes, 0);
}

}  // namespace
}  // namespace migsafe
