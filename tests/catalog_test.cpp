// The catalog: replaying DDL (goldens in testdata/catalog, checked against
// PostgreSQL 15 when they were written), loading a pg_dump, column dependents,
// copy-on-write snapshots, and the type rules in pg_types.hpp.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "catalog_compare.hpp"
#include "migsafe/catalog.hpp"
#include "migsafe/catalog_change.hpp"
#include "migsafe/catalog_report.hpp"
#include "migsafe/parse.hpp"
#include "migsafe/pg_types.hpp"
#include "text_file.hpp"

namespace migsafe::testing {
namespace {

namespace fs = std::filesystem;

const fs::path k_catalog_data = fs::path{MIGSAFE_SOURCE_DIR} / "testdata" / "catalog";

using test_support::read_text;

// Applies every statement of each file, each file in a new session.
Catalog replay(const std::vector<std::string>& cases) {
    Catalog catalog;
    for (const std::string& name : cases) {
        const std::string text = read_text(k_catalog_data / (name + ".sql"));
        const ParsedSql parsed = parse_sql(text);
        EXPECT_TRUE(parsed.errors.empty()) << name << ": " << (parsed.errors.empty() ? "" : parsed.errors[0].message);
        catalog.start_session();
        for (const Statement& statement : parsed.statements) {
            catalog.apply(statement);
        }
    }
    return catalog;
}

const Relation& table(const Catalog& catalog, const std::string& schema, const std::string& name) {
    const Relation* found = catalog.find_relation(QualifiedName{schema, name});
    if (found == nullptr) {
        throw std::runtime_error("no relation " + schema + "." + name);
    }
    return *found;
}

int column(const Relation& relation, const std::string& name) {
    const Column* found = relation.find_column(name);
    return found == nullptr ? 0 : found->number;
}

class CatalogGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(CatalogGolden, TextRenderingMatches) {
    const Catalog catalog = replay({GetParam()});
    std::ostringstream rendered;
    render_catalog_text(catalog, rendered);
    const fs::path golden = k_catalog_data / (GetParam() + ".txt");
    const char* update = std::getenv("MIGSAFE_UPDATE_GOLDEN");
    if (update != nullptr && std::string{update} == "1") {
        std::ofstream{golden, std::ios::binary} << rendered.str();
    }
    ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; MIGSAFE_UPDATE_GOLDEN=1 writes it";
    EXPECT_EQ(rendered.str(), read_text(golden));
}

INSTANTIATE_TEST_SUITE_P(Cases, CatalogGolden,
                         ::testing::Values("naming", "partitions", "objects", "uuid_dependents", "more_dependents"),
                         [](const ::testing::TestParamInfo<std::string>& case_info) { return case_info.param; });

TEST(Catalog, PgDumpLoadsToTheReplayedCatalog) {
    // pg_dump_schema.sql is pg_dump --schema-only (15.18) of a database built from these three files.
    const Catalog replayed = replay({"naming", "partitions", "objects"});
    const Catalog dumped = replay({"pg_dump_schema"});
    const CatalogComparison comparison =
        compare_catalogs(comparable_catalog(replayed), comparable_catalog(dumped));
    EXPECT_GT(comparison.matched, 100U);
    for (const std::string& difference : comparison.differences) {
        ADD_FAILURE() << difference;
    }
}

TEST(Catalog, DependentsOfAPrimaryKeyReferencedFromTwoTables) {
    const Catalog catalog = replay({"uuid_dependents"});
    const Relation& users = table(catalog, "public", "users");
    std::vector<std::string> found;
    for (const ColumnDependent& dependent : catalog.dependents_of(users.id, column(users, "id"))) {
        found.push_back(std::string{dependent_kind_name(dependent.kind)} + " " + dependent.name + " on " +
                        catalog.relation(dependent.relation)->name +
                        (dependent.references_column ? " (references it)" : ""));
    }
    EXPECT_EQ(found, (std::vector<std::string>{"policy users_self on users",
                                                "foreign key orders_user_id_fkey on orders (references it)",
                                                "foreign key sessions_user_id_fkey on sessions (references it)",
                                                "index users_pkey on users"}));
}

TEST(Catalog, DependentsOfEveryKind) {
    const Catalog catalog = replay({"more_dependents"});
    const Relation& items = table(catalog, "public", "items");
    std::vector<std::string> found;
    for (const ColumnDependent& dependent : catalog.dependents_of(items.id, column(items, "price"))) {
        found.push_back(std::string{dependent_kind_name(dependent.kind)} + " " + dependent.name);
    }
    EXPECT_EQ(found, (std::vector<std::string>{"materialized view item_totals", "view priced_items",
                                                "rule log_price", "generated column total", "trigger price_changes",
                                                "index items_cheap", "check constraint items_price_check"}));
    // quantity is read only by the generated column.
    const std::vector<ColumnDependent> quantity = catalog.dependents_of(items.id, column(items, "quantity"));
    ASSERT_EQ(quantity.size(), 1U);
    EXPECT_EQ(quantity[0].kind, DependentKind::generated_column);
}

TEST(Catalog, ValidatedCheckProvesNotNull) {
    const Catalog catalog = replay({"objects"});
    const Relation& tasks = table(catalog, "app", "tasks");
    const Constraint* proof = catalog.not_null_check(tasks.id, column(tasks, "weight"));
    ASSERT_NE(proof, nullptr);
    EXPECT_EQ(proof->name, "weight_checked");
    EXPECT_EQ(catalog.not_null_check(tasks.id, column(tasks, "title")), nullptr);
    // members_tenant_id_check is `tenant_id IS NOT NULL`, added valid.
    const Catalog naming = replay({"naming"});
    const Relation& members = table(naming, "public", "members");
    EXPECT_NE(naming.not_null_check(members.id, column(members, "tenant_id")), nullptr);
    EXPECT_EQ(naming.not_null_check(members.id, column(members, "account_id")), nullptr);
}

TEST(Catalog, SnapshotsDoNotSeeLaterChanges) {
    Catalog catalog = replay({"uuid_dependents"});
    const Catalog snapshot = catalog;
    const ParsedSql later = parse_sql(read_text(k_catalog_data / "more_dependents.sql"));
    for (const Statement& statement : later.statements) {
        catalog.apply(statement);
    }
    EXPECT_EQ(snapshot.find_relation(QualifiedName{"", "items"}), nullptr);
    EXPECT_NE(catalog.find_relation(QualifiedName{"", "items"}), nullptr);
    // Unchanged relations are shared, changed ones are not.
    EXPECT_EQ(snapshot.find_relation(QualifiedName{"", "users"}), catalog.find_relation(QualifiedName{"", "users"}));
}

// relations_naming answers from the mentions the catalog records; a scan of every
// relation must give the same answer after each statement.
void expect_mentions_match_a_scan(const Catalog& catalog, const std::string& where) {
    for (const Relation* target : catalog.relations()) {
        std::vector<const Relation*> scanned;
        for (const Relation* candidate : catalog.relations()) {
            const std::vector<ObjectId> named = relations_named_by(*candidate);
            if (std::find(named.begin(), named.end(), target->id) != named.end()) {
                scanned.push_back(candidate);
            }
        }
        EXPECT_EQ(catalog.relations_naming(target->id), scanned) << target->display() << " after " << where;
    }
}

TEST(Catalog, RecordedMentionsFollowEveryStatement) {
    for (const std::string name : {"naming", "partitions", "objects", "more_dependents", "renames_and_drops"}) {
        Catalog catalog;
        const ParsedSql parsed = parse_sql(read_text(k_catalog_data / (name + ".sql")));
        for (const Statement& statement : parsed.statements) {
            catalog.apply(statement);
            expect_mentions_match_a_scan(catalog, name + ": " + statement.sql);
        }
    }
    // The statements did what the test means them to: renamed, moved, detached and dropped.
    const Catalog catalog = replay({"renames_and_drops"});
    const Relation& children = table(catalog, "archive", "children");
    EXPECT_EQ(catalog.find_relation(QualifiedName{"public", "guardians"}), nullptr);
    EXPECT_TRUE(catalog.foreign_keys_to(children.id).empty());
    EXPECT_TRUE(catalog.indexes_of(children.id).size() == 1U);  // children_pkey
    const Relation& events = table(catalog, "public", "events");
    EXPECT_TRUE(catalog.partitions_of(events.id).empty());
    EXPECT_EQ(table(catalog, "public", "events_2027").partition_of, 0U);
    EXPECT_EQ(catalog.find_relation(QualifiedName{"public", "audit_log"}), nullptr);
}

TEST(Catalog, RelationsNamingListsEachKindOfMention) {
    const Catalog catalog = replay({"renames_and_drops"});
    Catalog before = replay({});
    const ParsedSql parsed = parse_sql(read_text(k_catalog_data / "renames_and_drops.sql"));
    for (const Statement& statement : parsed.statements) {
        if (statement.sql.rfind("ALTER TABLE parents RENAME", 0) == 0) {
            break;
        }
        before.apply(statement);
    }
    std::vector<std::string> names;
    for (const Relation* relation : before.relations_naming(table(before, "public", "parents").id)) {
        names.push_back(relation->display());
    }
    // The view and the policy read parents, children's key references it, the key index is its own.
    EXPECT_EQ(names, (std::vector<std::string>{"public.child_codes", "public.children", "public.parents_code_key",
                                               "public.parents_pkey"}));
}

Catalog apply_sql(const std::string& sql) {
    Catalog catalog;
    const ParsedSql parsed = parse_sql(sql);
    EXPECT_TRUE(parsed.errors.empty());
    for (const Statement& statement : parsed.statements) {
        catalog.apply(statement);
    }
    return catalog;
}

TEST(Catalog, ClusteredIndexFollowsClusterOnUsingAndSetWithoutCluster) {
    const std::string setup = "CREATE TABLE t (a int, b int);\nCREATE INDEX t_a ON t (a);\nCREATE INDEX t_b ON t (b);\n";
    auto clustered = [](const Catalog& catalog) {
        std::vector<std::string> names;
        for (const Relation* index : catalog.indexes_of(catalog.find_relation(QualifiedName{"", "t"})->id)) {
            if (index->index.clustered) {
                names.push_back(index->name);
            }
        }
        return names;
    };
    EXPECT_TRUE(clustered(apply_sql(setup)).empty());
    EXPECT_EQ(clustered(apply_sql(setup + "ALTER TABLE t CLUSTER ON t_a;")), std::vector<std::string>{"t_a"});
    EXPECT_EQ(clustered(apply_sql(setup + "ALTER TABLE t CLUSTER ON t_a;\nCLUSTER t USING t_b;")),
              std::vector<std::string>{"t_b"});
    EXPECT_TRUE(clustered(apply_sql(setup + "ALTER TABLE t CLUSTER ON t_a;\nALTER TABLE t SET WITHOUT CLUSTER;")).empty());
}

TEST(Catalog, TypedTablesTakeTheirTypesAttributes) {
    const Catalog catalog = apply_sql("CREATE TYPE pair AS (a int, b text);\nCREATE TABLE pairs OF pair (a WITH OPTIONS NOT NULL);");
    const Relation& pairs = table(catalog, "public", "pairs");
    const TypeDef* pair = catalog.find_type(QualifiedName{"", "pair"});
    ASSERT_NE(pair, nullptr);
    EXPECT_EQ(pairs.of_type, pair->id);
    ASSERT_EQ(pairs.columns.size(), 2U);
    EXPECT_EQ(pairs.columns[0].name, "a");
    EXPECT_EQ(pairs.columns[1].name, "b");
}

TEST(Catalog, ExtendedStatisticsBelongToTheirTable) {
    const std::string setup = "CREATE SCHEMA stats;\nCREATE TABLE t (a int, b int);\n"
                              "CREATE STATISTICS t_ab ON a, b FROM t;\nCREATE STATISTICS stats.t_ab2 ON a, b FROM t;\n";
    const Catalog catalog = apply_sql(setup);
    const Relation* t = catalog.find_relation(QualifiedName{"", "t"});
    EXPECT_EQ(catalog.table_of_statistics(QualifiedName{"", "t_ab"}), t);
    EXPECT_EQ(catalog.table_of_statistics(QualifiedName{"stats", "t_ab2"}), t);
    EXPECT_EQ(catalog.table_of_statistics(QualifiedName{"", "t_ab2"}), nullptr);  // not on the search_path
    EXPECT_EQ(apply_sql(setup + "DROP STATISTICS t_ab;").table_of_statistics(QualifiedName{"", "t_ab"}), nullptr);
    EXPECT_EQ(apply_sql(setup + "DROP TABLE t;").table_of_statistics(QualifiedName{"stats", "t_ab2"}), nullptr);
}

TEST(CatalogChange, KeepsTheRelationsAsTheyWereBefore) {
    Catalog catalog = replay({"uuid_dependents"});
    const Relation* users_before = catalog.find_relation(QualifiedName{"", "users"});
    const Relation* orders_before = catalog.find_relation(QualifiedName{"", "orders"});
    ASSERT_NE(users_before, nullptr);
    ASSERT_NE(orders_before, nullptr);
    const std::size_t columns_before = users_before->columns.size();
    const ParsedSql parsed = parse_sql("ALTER TABLE users ADD COLUMN nickname text;\n"
                                       "CREATE TABLE notes (id bigint PRIMARY KEY);");
    ASSERT_EQ(parsed.statements.size(), 2U);
    CatalogChange add_column;
    catalog.apply(parsed.statements[0], &add_column);
    const Relation* users_after = catalog.find_relation(QualifiedName{"", "users"});
    EXPECT_EQ(users_after->columns.size(), columns_before + 1);
    const Relation* users_then = add_column.relation_before(catalog, users_after->id);
    ASSERT_NE(users_then, nullptr);
    EXPECT_EQ(users_then->columns.size(), columns_before);
    EXPECT_EQ(add_column.relation_before(catalog, orders_before->id), catalog.relation(orders_before->id));
    CatalogChange create;
    catalog.apply(parsed.statements[1], &create);
    const Relation* notes = catalog.find_relation(QualifiedName{"", "notes"});
    ASSERT_NE(notes, nullptr);
    EXPECT_EQ(create.relation_before(catalog, notes->id), nullptr);
}

TEST(Catalog, SearchPathDecidesWhereUnqualifiedNamesGo) {
    const Catalog catalog = replay({"objects"});
    EXPECT_EQ(catalog.find_relation(QualifiedName{"", "tasks"}), nullptr);  // a new session: search_path is public
    EXPECT_NE(catalog.find_relation(QualifiedName{"app", "tasks"}), nullptr);
    EXPECT_NE(catalog.find_relation(QualifiedName{"public", "task_notes"}), nullptr);
    const TypeDef* status = catalog.find_type(QualifiedName{"app", "status"});
    ASSERT_NE(status, nullptr);
    EXPECT_EQ(status->values, (std::vector<std::string>{"new", "started", "done", "archived"}));
}

ColumnType builtin(std::string name, std::vector<std::int64_t> modifiers = {}) {
    ColumnType type;
    type.name = std::move(name);
    type.modifiers = std::move(modifiers);
    return type;
}

TEST(PgTypes, FormatTypeSpellsTypesAsPostgreSQL) {
    EXPECT_EQ(format_type(builtin("varchar", {255})), "character varying(255)");
    EXPECT_EQ(format_type(builtin("timestamptz", {3})), "timestamp(3) with time zone");
    EXPECT_EQ(format_type(builtin("timestamp")), "timestamp without time zone");
    EXPECT_EQ(format_type(builtin("bpchar", {2})), "character(2)");
    EXPECT_EQ(format_type(builtin("numeric", {10, 2})), "numeric(10,2)");
    EXPECT_EQ(format_type(builtin("interval", {8})), "interval day");
    EXPECT_EQ(format_type(builtin("char")), "\"char\"");
    ColumnType array = builtin("int4");
    array.is_array = true;
    EXPECT_EQ(format_type(array), "integer[]");
    ColumnType user{"app", "Status", {}, false, false};
    EXPECT_EQ(format_type(user), "app.\"Status\"");
}

TEST(PgTypes, BinaryCoercibleChangesFollowTheVerifiedList) {
    auto coercible = [](const ColumnType& from, const ColumnType& to, int pg = 15, bool utc = false) {
        return classify_type_change(from, to, pg, utc).binary_coercible;
    };
    EXPECT_TRUE(coercible(builtin("varchar", {10}), builtin("varchar", {20})));
    EXPECT_FALSE(coercible(builtin("varchar", {20}), builtin("varchar", {10})));
    EXPECT_TRUE(coercible(builtin("varchar", {10}), builtin("text")));
    EXPECT_TRUE(coercible(builtin("text"), builtin("varchar")));
    EXPECT_FALSE(coercible(builtin("text"), builtin("varchar", {10})));
    EXPECT_TRUE(coercible(builtin("numeric", {10, 2}), builtin("numeric", {12, 2})));
    EXPECT_FALSE(coercible(builtin("numeric", {10, 2}), builtin("numeric", {12, 3})));
    EXPECT_TRUE(coercible(builtin("numeric", {10, 2}), builtin("numeric")));
    EXPECT_TRUE(coercible(builtin("cidr"), builtin("inet")));
    EXPECT_FALSE(coercible(builtin("int4"), builtin("int8")));
    EXPECT_FALSE(coercible(builtin("uuid"), builtin("varchar")));
    EXPECT_FALSE(coercible(builtin("timestamp"), builtin("timestamptz")));
    EXPECT_FALSE(coercible(builtin("timestamp"), builtin("timestamptz"), 11, true));
    const TypeChange utc = classify_type_change(builtin("timestamp"), builtin("timestamptz"), 15, true);
    EXPECT_TRUE(utc.binary_coercible);
    EXPECT_TRUE(utc.rebuilds_indexes);
}

}  // namespace
}  // namespace migsafe::testing
