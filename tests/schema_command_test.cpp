// `migsafe schema`, end to end: the catalog after replaying migrations or a
// pg_dump, as text and JSON, and its errors.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "migsafe_process.hpp"
#include "subprocess.hpp"
#include "pg_server.hpp"
#include "text_file.hpp"

namespace migsafe {
namespace {

namespace fs = std::filesystem;
using pgtest::ProcessResult;

const fs::path k_catalog_data = fs::path{MIGSAFE_SOURCE_DIR} / "testdata" / "catalog";

using test_support::migsafe;

using test_support::read_text;

using TempDir = pgtest::TemporaryDirectory;

// Table name -> sorted "column type" lines, from `schema --format json` (a dump
// lists an inheritance child's columns parents first, whatever order they were added in).
std::map<std::string, std::vector<std::string>> table_columns(const nlohmann::json& catalog) {
    std::map<std::string, std::vector<std::string>> tables;
    for (const nlohmann::json& table : catalog.at("tables")) {
        std::vector<std::string>& columns =
            tables[table.at("schema").get<std::string>() + "." + table.at("name").get<std::string>()];
        for (const nlohmann::json& column : table.at("columns")) {
            columns.push_back(column.at("name").get<std::string>() + " " + column.at("type").get<std::string>() +
                              (column.at("not_null").get<bool>() ? " not null" : ""));
        }
        std::sort(columns.begin(), columns.end());
    }
    return tables;
}

TEST(SchemaCommand, PrintsTheReplayedCatalogAsText) {
    const ProcessResult result = migsafe({"schema", (k_catalog_data / "uuid_dependents.sql").string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, read_text(k_catalog_data / "uuid_dependents.txt"));
}

TEST(SchemaCommand, JsonNamesWhatPoliciesRead) {
    const ProcessResult result =
        migsafe({"schema", "--format", "json", (k_catalog_data / "uuid_dependents.sql").string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const nlohmann::json catalog = nlohmann::json::parse(result.out);
    bool found = false;
    for (const nlohmann::json& table : catalog.at("tables")) {
        if (table.at("name") == "users") {
            ASSERT_EQ(table.at("policies").size(), 1U);
            EXPECT_EQ(table.at("policies")[0].at("reads"),
                      nlohmann::json::parse(R"([{"relation": "public.users", "column": "id"}])"));
            EXPECT_TRUE(table.at("row_level_security").at("enabled").get<bool>());
            found = true;
        }
    }
    EXPECT_TRUE(found) << result.out;
}

TEST(SchemaCommand, PgDumpGivesTheSameTablesAsTheMigrations) {
    TempDir directory{"migsafe-test"};
    int number = 1;
    for (const char* name : {"naming", "partitions", "objects"}) {
        fs::copy_file(k_catalog_data / (std::string{name} + ".sql"),
                      directory.path() / (std::to_string(number++) + "_" + name + ".sql"));
    }
    const ProcessResult replayed = migsafe({"schema", "--format", "json", directory.path().string()});
    const ProcessResult dumped =
        migsafe({"schema", "--format", "json", "--schema", (k_catalog_data / "pg_dump_schema.sql").string()});
    ASSERT_EQ(replayed.exit_code, 0) << replayed.err;
    ASSERT_EQ(dumped.exit_code, 0) << dumped.err;
    const auto from_migrations = table_columns(nlohmann::json::parse(replayed.out));
    EXPECT_EQ(from_migrations.size(), 17U);
    EXPECT_EQ(from_migrations, table_columns(nlohmann::json::parse(dumped.out)));
}

TEST(SchemaCommand, StatementsThatDoNotParseAreNotedAndLeftOut) {
    const ProcessResult result = migsafe({"schema", (k_catalog_data / "parse_error").string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("1_tables.sql:3:"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("left out of the catalog"), std::string::npos) << result.err;
    EXPECT_NE(result.out.find("table public.t\n"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("table public.u\n"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("broken"), std::string::npos) << result.out;
}

TEST(SchemaCommand, MissingInputIsAUsageError) {
    EXPECT_EQ(migsafe({"schema"}).exit_code, 2);
    const ProcessResult missing = migsafe({"schema", "--schema", (k_catalog_data / "no-such-dump.sql").string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("no-such-dump.sql"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace migsafe
