// `migsafe fix`: plans printed and written as each framework's migration files; the
// written files parse, run where the framework expects, and lint clean of the rule
// they fix; nothing existing is ever overwritten.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "migsafe/migration_writer.hpp"
#include "migsafe_process.hpp"
#include "subprocess.hpp"
#include "pg_server.hpp"
#include "text_file.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;
using pgtest::ProcessResult;
using TempDir = pgtest::TemporaryDirectory;

// Each statement needs a different plan: a concurrent index, NOT NULL through a
// CHECK, and a DO-block backfill for the volatile default.
const char* const k_dangerous =
    "SET lock_timeout = '2s';\n"
    "CREATE INDEX users_email_idx ON users (email);\n"
    "ALTER TABLE users ALTER COLUMN plan SET NOT NULL;\n"
    "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n";

using test_support::migsafe;

using test_support::read_text;

using test_support::write_text;

// Paths below `root`, relative and sorted.
std::vector<std::string> listing(const fs::path& root) {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator{root}) {
        if (entry.is_regular_file()) {
            names.push_back(fs::relative(entry.path(), root).generic_string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(FixCommand, PlanPrintsEveryPhaseAndLeavesTheFileAlone) {
    TempDir dir{"migsafe-test"};
    const fs::path file = dir.path() / "migration.sql";
    write_text(file, k_dangerous);
    const ProcessResult result = migsafe({"fix", "--plan", file.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(contains(result.out, "[require-concurrent-index-creation]")) << result.out;
    EXPECT_TRUE(contains(result.out, "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);"));
    EXPECT_TRUE(contains(result.out, "CHECK (plan IS NOT NULL) NOT VALID;"));
    EXPECT_TRUE(contains(result.out, "3 fix plans")) << result.out;
    EXPECT_EQ(read_text(file), k_dangerous);
}

// Two warnings on one statement: the plan that fixes the scan wins over the one that
// only sets lock_timeout (which the other plan includes). The parent's key comes
// from the schema.
TEST(FixCommand, TheAttachPlanWinsOverTheLockTimeoutPlanOfEqualSeverity) {
    TempDir dir{"migsafe-test"};
    const fs::path schema = dir.path() / "schema.sql";
    write_text(schema, "CREATE TABLE events (id bigint, happened_on date NOT NULL) PARTITION BY RANGE (happened_on);\n"
                       "CREATE TABLE events_2027 (id bigint, happened_on date NOT NULL);\n");
    const fs::path file = dir.path() / "attach.sql";
    write_text(file, "ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');\n");
    const ProcessResult result = migsafe({"fix", "--plan", "--schema", schema.string(), file.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(contains(result.out, "[attach-partition-scan]")) << result.out;
    EXPECT_TRUE(contains(result.out, "CHECK (happened_on IS NOT NULL AND happened_on >= '2027-01-01' AND happened_on < "
                                     "'2028-01-01') NOT VALID;"))
        << result.out;
    EXPECT_FALSE(contains(result.out, "[require-lock-timeout]")) << result.out;
}

TEST(FixCommand, JsonListsPhasesWithNameAndSql) {
    TempDir dir{"migsafe-test"};
    const fs::path file = dir.path() / "migration.sql";
    write_text(file, k_dangerous);
    const ProcessResult result = migsafe({"fix", "--format", "json", file.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    const auto& findings = json["files"][0]["findings"];
    ASSERT_EQ(findings.size(), 3U) << result.out;
    for (const auto& finding : findings) {
        ASSERT_FALSE(finding["fix"]["phases"].empty()) << finding.dump();
        for (const auto& phase : finding["fix"]["phases"]) {
            EXPECT_FALSE(phase["name"].get<std::string>().empty());
            EXPECT_FALSE(phase["sql"].get<std::string>().empty());
        }
    }
}

// Whole-table UPDATE/DELETE: batched only where the batches mean the same change.
TEST(FixCommand, WholeTableChangesAreBatchedWhereTheBatchesMeanTheSame) {
    TempDir dir{"migsafe-test"};
    const fs::path schema = dir.path() / "schema.sql";
    write_text(schema,
               "CREATE TABLE users (id bigint PRIMARY KEY, plan text);\n"
               "CREATE TABLE events (code text NOT NULL UNIQUE, seen boolean);\n"
               "CREATE TABLE logs (line text);\n");
    const auto plan_of = [&](const std::string& statement, bool with_schema) {
        const fs::path file = dir.path() / "migration.sql";
        write_text(file, statement + "\n");
        // check, not fix: it lists the finding with or without a plan.
        std::vector<std::string> arguments{"check", "--format", "json"};
        if (with_schema) {
            arguments.insert(arguments.end(), {"--schema", schema.string()});
        }
        arguments.push_back(file.string());
        const ProcessResult result = migsafe(arguments);
        EXPECT_EQ(result.exit_code, 1) << result.err;
        const nlohmann::json report = nlohmann::json::parse(result.out);
        for (const auto& finding : report["files"][0]["findings"]) {
            if (finding["rule"] == "unbatched-data-change") {
                return finding.contains("fix") ? finding["fix"]["phases"][0]["sql"].get<std::string>() : "";
            }
        }
        ADD_FAILURE() << "no unbatched-data-change finding for " << statement;
        return std::string{};
    };
    EXPECT_TRUE(contains(plan_of("DELETE FROM logs;", false), "WHERE ctid = ANY (ARRAY(SELECT ctid FROM logs LIMIT 5000))"));
    const std::string update = plan_of("UPDATE users SET plan = upper(plan);", true);
    EXPECT_TRUE(contains(update, "batch_start bigint;")) << update;
    EXPECT_TRUE(contains(update, "UPDATE users SET plan = upper(plan)\n    WHERE (batch_start IS NULL OR id > batch_start) "
                                 "AND id <= batch_end;"))
        << update;
    // A unique NOT NULL column serves when there is no primary key.
    EXPECT_TRUE(contains(plan_of("UPDATE events SET seen = false;", true), "ORDER BY code LIMIT 5000"));
    // Without a key the UPDATE could loop forever or skip rows: no plan.
    EXPECT_EQ(plan_of("UPDATE users SET plan = 'free';", false), "");
    EXPECT_EQ(plan_of("UPDATE logs SET line = 'x';", true), "");
    // Forms whose batches would change a different set of rows, or the key itself.
    EXPECT_EQ(plan_of("UPDATE users AS u SET plan = u.plan;", true), "");
    EXPECT_EQ(plan_of("UPDATE users SET id = id + 1;", true), "");
    EXPECT_EQ(plan_of("UPDATE ONLY users SET plan = 'free';", true), "");
    EXPECT_EQ(plan_of("DELETE FROM logs RETURNING line;", true), "");
}

TEST(FixCommand, ParseErrorIsAUsageFailureNotAPlan) {
    TempDir dir{"migsafe-test"};
    const fs::path file = dir.path() / "broken.sql";
    write_text(file, "CREATE INDEX ON users (email);\nALTER TABLE;\n");
    const ProcessResult result = migsafe({"fix", "--write-dir", (dir.path() / "out").string(), file.string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_TRUE(contains(result.err, "broken.sql:2:")) << result.err;
    EXPECT_FALSE(fs::exists(dir.path() / "out" / "broken.1-expand.sql"));
}

struct FrameworkCase {
    std::string framework;
    std::string marker;                   // the framework's first line, if it needs one
    std::string original;                 // the migration's name in its directory
    std::vector<std::string> siblings;    // other migrations beside it
    std::vector<std::string> expected;    // files written, sorted
    std::vector<std::pair<std::string, std::string>> markers;  // file -> text it must hold
};

class FixWritesFramework : public ::testing::TestWithParam<FrameworkCase> {};

TEST_P(FixWritesFramework, FilesFollowTheConventionsAndLintClean) {
    const FrameworkCase& param = GetParam();
    TempDir dir{"migsafe-test"};
    const fs::path migrations = dir.path() / "migrations";
    const std::string original = param.marker + k_dangerous;
    write_text(migrations / param.original, original);
    for (const std::string& sibling : param.siblings) {
        write_text(migrations / sibling, "SELECT 1;\n");
    }
    const fs::path out = dir.path() / "out";
    const ProcessResult result = migsafe(
        {"fix", "--framework", param.framework, "--write-dir", out.string(), (migrations / param.original).string()});
    ASSERT_EQ(result.exit_code, 0) << result.err << result.out;
    EXPECT_EQ(listing(out), param.expected) << result.out;
    for (const auto& [name, marker] : param.markers) {
        EXPECT_TRUE(contains(read_text(out / name), marker)) << name << " lacks " << marker << ":\n"
                                                             << read_text(out / name);
    }
    EXPECT_EQ(read_text(migrations / param.original), original);

    // The written migrations, run in order, parse and no longer have the findings they fix.
    const ProcessResult lint =
        migsafe({"check", "--framework", param.framework, "--format", "json", "--fail-on", "error", out.string()});
    ASSERT_NE(lint.exit_code, 2) << lint.out << lint.err;
    const auto json = nlohmann::json::parse(lint.out);
    for (const auto& file : json["files"]) {
        for (const auto& finding : file["findings"]) {
            const std::string rule = finding["rule"].get<std::string>();
            EXPECT_TRUE(rule != "require-concurrent-index-creation" && rule != "set-not-null" &&
                        rule != "add-column-volatile-default" && rule != "concurrently-in-transaction" &&
                        rule != "validate-in-same-transaction" && rule != "require-lock-timeout")
                << file["path"] << ": " << finding.dump();
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Frameworks, FixWritesFramework,
    ::testing::Values(
        FrameworkCase{"flyway",
                      "",
                      "V3__users.sql",
                      {"V1__init.sql", "V2_1__more.sql"},
                      {"V4__migsafe_1_expand.sql", "V4__migsafe_1_expand.sql.conf", "V5__migsafe_2_validate.sql",
                       "V5__migsafe_2_validate.sql.conf", "V6__migsafe_3_expand.sql", "V7__migsafe_4_backfill.sql",
                       "V7__migsafe_4_backfill.sql.conf"},
                      {{"V4__migsafe_1_expand.sql.conf", "executeInTransaction=false"},
                       {"V6__migsafe_3_expand.sql", "ALTER TABLE users ADD COLUMN token uuid;"}}},
        FrameworkCase{"golang-migrate",
                      "",
                      "000007_users.up.sql",
                      {"000007_users.down.sql", "000012_later.up.sql"},
                      {"000013_migsafe_1_expand.down.sql", "000013_migsafe_1_expand.up.sql",
                       "000014_migsafe_2_validate.down.sql", "000014_migsafe_2_validate.up.sql",
                       "000015_migsafe_3_validate.down.sql", "000015_migsafe_3_validate.up.sql",
                       "000016_migsafe_4_validate.down.sql", "000016_migsafe_4_validate.up.sql",
                       "000017_migsafe_5_validate.down.sql", "000017_migsafe_5_validate.up.sql",
                       "000018_migsafe_6_expand.down.sql", "000018_migsafe_6_expand.up.sql",
                       "000019_migsafe_7_backfill.down.sql", "000019_migsafe_7_backfill.up.sql"},
                      {{"000013_migsafe_1_expand.up.sql", "CREATE INDEX CONCURRENTLY"},
                       {"000013_migsafe_1_expand.down.sql", "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;"},
                       {"000015_migsafe_3_validate.up.sql", "VALIDATE CONSTRAINT users_plan_not_null_check;"},
                       {"000016_migsafe_4_validate.down.sql", "ALTER COLUMN plan DROP NOT NULL;"}}},
        FrameworkCase{"dbmate",
                      "-- migrate:up\n",
                      "20240101120000_users.sql",
                      {},
                      {"20240101120001_migsafe_1_expand.sql", "20240101120002_migsafe_2_validate.sql",
                       "20240101120003_migsafe_3_validate.sql", "20240101120004_migsafe_4_validate.sql",
                       "20240101120005_migsafe_5_validate.sql", "20240101120006_migsafe_6_expand.sql",
                       "20240101120007_migsafe_7_backfill.sql"},
                      {{"20240101120001_migsafe_1_expand.sql", "-- migrate:up transaction:false\n"},
                       {"20240101120006_migsafe_6_expand.sql", "\n-- migrate:down\n"},
                       {"20240101120006_migsafe_6_expand.sql", "ALTER TABLE users DROP COLUMN IF EXISTS token;"}}},
        FrameworkCase{"goose",
                      "-- +goose Up\n",
                      "00005_users.sql",
                      {},
                      {"00006_migsafe_1_expand.sql", "00007_migsafe_2_validate.sql", "00008_migsafe_3_expand.sql",
                       "00009_migsafe_4_backfill.sql"},
                      {{"00006_migsafe_1_expand.sql", "-- +goose Up\n-- +goose NO TRANSACTION\n"},
                       {"00009_migsafe_4_backfill.sql", "-- +goose StatementBegin\nDO $$"}}},
        FrameworkCase{"atlas",
                      "",
                      "20240101120000_users.sql",
                      {"atlas.sum"},
                      {"20240101120001_migsafe_1_expand.sql", "20240101120002_migsafe_2_validate.sql",
                       "20240101120003_migsafe_3_expand.sql", "20240101120004_migsafe_4_backfill.sql"},
                      {{"20240101120001_migsafe_1_expand.sql", "-- atlas:txmode none\n"}}}),
    [](const ::testing::TestParamInfo<FrameworkCase>& param_info) {
        std::string name = param_info.param.framework;
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

TEST(FixCommand, NeverOverwritesAFile) {
    TempDir dir{"migsafe-test"};
    const fs::path file = dir.path() / "migration.sql";
    write_text(file, k_dangerous);
    const fs::path out = dir.path() / "out";
    ASSERT_EQ(migsafe({"fix", "--write-dir", out.string(), file.string()}).exit_code, 0);
    const std::vector<std::string> written = listing(out);
    ASSERT_EQ(written.front(), "migration.1-expand.sql");
    write_text(out / written.front(), "-- edited by hand\n");

    const ProcessResult again = migsafe({"fix", "--write-dir", out.string(), file.string()});
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_TRUE(contains(again.err, "migration.1-expand.sql already exists")) << again.err;
    EXPECT_EQ(listing(out), written);
    EXPECT_EQ(read_text(out / written.front()), "-- edited by hand\n");
}

TEST(FixCommand, UnusableWriteDirIsAnError) {
    TempDir dir{"migsafe-test"};
    const fs::path file = dir.path() / "migration.sql";
    write_text(file, k_dangerous);
    const fs::path not_a_directory = dir.path() / "taken";
    write_text(not_a_directory, "a file\n");
    const ProcessResult result = migsafe({"fix", "--write-dir", not_a_directory.string(), file.string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_TRUE(contains(result.err, "cannot create " + not_a_directory.string())) << result.err;
    EXPECT_EQ(read_text(not_a_directory), "a file\n");
}

TEST(FixCommand, SingleQueryFrameworksGetOneStatementPerNonTransactionalFile) {
    // golang-migrate and Prisma send a file as one query: several statements in it run
    // in one implicit transaction, where VALIDATE would hold the lock of the ADD.
    MigrationRequest request;
    request.framework = "prisma";
    request.original_name = "20240101120000_users";
    request.phases.push_back(FixPhase{"validate",
                                      "ALTER TABLE users ADD CONSTRAINT c CHECK (plan IS NOT NULL) NOT VALID;\n"
                                      "ALTER TABLE users VALIDATE CONSTRAINT c;",
                                      true, true, ""});
    const WrittenPlan plan = migration_files(request);
    ASSERT_EQ(plan.files.size(), 2U);
    EXPECT_EQ(plan.files[0].path, "20240101120001_migsafe_1_validate/migration.sql");
    EXPECT_EQ(plan.files[1].path, "20240101120002_migsafe_2_validate/migration.sql");
    EXPECT_TRUE(contains(plan.files[1].content, "VALIDATE CONSTRAINT c;"));
    EXPECT_FALSE(contains(plan.files[1].content, "NOT VALID"));
}

TEST(FixCommand, SplitFilesEachKeepThePhasesSettings) {
    // Every file is its own session: a lock_timeout set once must open each of them.
    MigrationRequest request;
    request.framework = "dbmate";
    request.original_name = "20240101120000_users.sql";
    request.phases.push_back(FixPhase{"validate",
                                      "SET lock_timeout = '2s';\n"
                                      "ALTER TABLE users ADD CONSTRAINT c CHECK (plan IS NOT NULL) NOT VALID;\n"
                                      "ALTER TABLE users VALIDATE CONSTRAINT c;",
                                      true, true, ""});
    const WrittenPlan plan = migration_files(request);
    ASSERT_EQ(plan.files.size(), 2U);
    for (const PlannedFile& file : plan.files) {
        EXPECT_TRUE(contains(file.content, "SET lock_timeout = '2s';\nALTER TABLE users")) << file.content;
    }
}

TEST(FixPlan, PhasesThatWaitForABlockingLockStartWithLockTimeout) {
    FixPlan plan;
    plan.phases.push_back(FixPhase{"expand", "ALTER TABLE users ADD CONSTRAINT c CHECK (a > 0) NOT VALID;", false, false, ""});
    plan.phases.push_back(FixPhase{"build", "CREATE INDEX CONCURRENTLY users_a_idx ON users (a);", true, true, ""});
    plan.phases.push_back(FixPhase{"switch", "SET lock_timeout = '5s';\nALTER TABLE users RENAME COLUMN a TO b;", true, false, ""});
    plan.phases.push_back(FixPhase{"expand", "CREATE TABLE fresh (id int);\nALTER TABLE fresh ADD COLUMN b int;", false, false, ""});
    guard_with_lock_timeout(plan, 15);
    EXPECT_EQ(plan.phases[0].sql,
              "SET lock_timeout = '2s';\nALTER TABLE users ADD CONSTRAINT c CHECK (a > 0) NOT VALID;");
    // A concurrent build waits for old transactions through locks too: a timeout would abort it.
    EXPECT_EQ(plan.phases[1].sql, "CREATE INDEX CONCURRENTLY users_a_idx ON users (a);");
    EXPECT_EQ(plan.phases[2].sql, "SET lock_timeout = '5s';\nALTER TABLE users RENAME COLUMN a TO b;");
    EXPECT_EQ(plan.phases[3].sql, "CREATE TABLE fresh (id int);\nALTER TABLE fresh ADD COLUMN b int;");
}

TEST(FixCommand, InPlaceTakesTheReplacedStatementsOutAndKeepsABackup) {
    TempDir dir{"migsafe-test"};
    const fs::path migrations = dir.path() / "migrations";
    const std::string original = "SET lock_timeout = '2s';\n-- users need plans\n"
                                 "ALTER TABLE users ALTER COLUMN plan SET NOT NULL ; -- was urgent\n"
                                 "SELECT 1;\n"
                                 "CREATE INDEX users_email_idx ON users (email)\n";
    const fs::path file = migrations / "V3__users.sql";
    write_text(file, original);
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    const ProcessResult result =
        migsafe({"fix", "--framework", "flyway", "--write-dir", migrations.string(), "--in-place", file.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err << result.out;
    EXPECT_EQ(read_text(migrations / "V3__users.sql.orig"), original);
    EXPECT_EQ(read_text(file),
              "SET lock_timeout = '2s';\n-- users need plans\n"
              "-- [set-not-null] moved by migsafe fix to V4__migsafe_1_validate.sql ... V5__migsafe_2_expand.sql -- was urgent\n"
              "SELECT 1;\n"
              "-- [require-concurrent-index-creation] moved by migsafe fix to V4__migsafe_1_validate.sql ... "
              "V5__migsafe_2_expand.sql\n");
    EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    EXPECT_TRUE(contains(result.out, "edited " + file.string())) << result.out;

    // The directory now lints clean of what the plans fix.
    const ProcessResult lint = migsafe({"check", "--framework", "flyway", "--fail-on", "warning", migrations.string()});
    EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
}

TEST(FixCommand, InPlaceNeverReplacesABackupAndWritesNothingThen) {
    TempDir dir{"migsafe-test"};
    const fs::path file = dir.path() / "migration.sql";
    write_text(file, k_dangerous);
    write_text(dir.path() / "migration.sql.orig", "an older backup\n");
    const fs::path out = dir.path() / "out";
    const ProcessResult result = migsafe({"fix", "--write-dir", out.string(), "--in-place", file.string()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_TRUE(contains(result.err, "migration.sql.orig already exists")) << result.err;
    EXPECT_EQ(read_text(file), k_dangerous);
    EXPECT_EQ(read_text(dir.path() / "migration.sql.orig"), "an older backup\n");
    EXPECT_TRUE(listing(out).empty());
}

TEST(FixCommand, InPlaceNeedsAWriteDirAndAFile) {
    TempDir dir{"migsafe-test"};
    const fs::path file = dir.path() / "migration.sql";
    write_text(file, k_dangerous);
    const ProcessResult alone = migsafe({"fix", "--in-place", file.string()});
    EXPECT_EQ(alone.exit_code, 2);
    EXPECT_TRUE(contains(alone.err, "--in-place requires --write-dir")) << alone.err;
    EXPECT_EQ(read_text(file), k_dangerous);

    const ProcessResult piped =
        migsafe({"fix", "--write-dir", (dir.path() / "out").string(), "--in-place", "-"}, k_dangerous);
    EXPECT_EQ(piped.exit_code, 2);
    EXPECT_TRUE(contains(piped.err, "standard input cannot be edited")) << piped.err;
    EXPECT_FALSE(fs::exists(dir.path() / "out" / "stdin.1-expand.sql"));
}

TEST(FixCommand, RunnerTransactionReplacesAPhasesOwnBeginCommit) {
    MigrationRequest request;
    request.framework = "goose";
    request.original_name = "00001_users.sql";
    request.phases.push_back(FixPhase{"switch", "SET lock_timeout = '2s';\nBEGIN;\nALTER TABLE t RENAME COLUMN a TO b;\nCOMMIT;",
                                      true, false, ""});
    const WrittenPlan plan = migration_files(request);
    ASSERT_EQ(plan.files.size(), 1U);
    EXPECT_FALSE(contains(plan.files[0].content, "BEGIN;")) << plan.files[0].content;
    EXPECT_FALSE(contains(plan.files[0].content, "COMMIT;"));
    EXPECT_TRUE(contains(plan.files[0].content, "ALTER TABLE t RENAME COLUMN a TO b;"));
}

TEST(FixCommand, RevertUndoesWhatItCanNewestFirst) {
    const std::string revert = revert_sql(
        "ALTER TABLE app.users ADD COLUMN token uuid;\n"
        "CREATE FUNCTION sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
        "CREATE TRIGGER sync BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION sync();\n"
        "UPDATE app.users SET token = gen_random_uuid();\n",
        false);
    EXPECT_EQ(revert,
              "-- not reverted: UPDATE app.users SET token = gen_random_uuid()\n"
              "DROP TRIGGER IF EXISTS sync ON app.users;\n"
              "DROP FUNCTION IF EXISTS sync();\n"
              "ALTER TABLE app.users DROP COLUMN IF EXISTS token;\n");
}

}  // namespace
}  // namespace migsafe
