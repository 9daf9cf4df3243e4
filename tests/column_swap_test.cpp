// plan_column_swap: which SQL moves each dependent of a column to its
// replacement, in which phase, and what is left to the user. (The plans run on
// PostgreSQL in rewrite_pg_test; this pins the decisions.)
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "migsafe/column_swap.hpp"
#include "migsafe/parse.hpp"
#include "migsafe/pg_types.hpp"

namespace migsafe {
namespace {

Catalog catalog_of(const std::string& sql) {
    const ParsedSql parsed = parse_sql(sql);
    EXPECT_TRUE(parsed.errors.empty()) << (parsed.errors.empty() ? "" : parsed.errors[0].message);
    Catalog catalog;
    for (const Statement& statement : parsed.statements) {
        catalog.apply(statement);
    }
    return catalog;
}

ColumnSwap swap_of(const Catalog& catalog, const std::string& table, const std::string& column,
                   const std::string& new_type_name) {
    const Relation* relation = catalog.find_relation(QualifiedName{"", table});
    EXPECT_NE(relation, nullptr);
    const Column* old_column = relation != nullptr ? relation->find_column(column) : nullptr;
    EXPECT_NE(old_column, nullptr);
    ColumnType new_type;
    new_type.name = new_type_name;
    return relation != nullptr && old_column != nullptr
               ? plan_column_swap(catalog, *relation, *old_column, column + "_new", new_type)
               : ColumnSwap{};
}

bool has(const std::vector<std::string>& lines, const std::string& fragment) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& line) { return line.find(fragment) != std::string::npos; });
}

std::size_t position(const std::vector<std::string>& lines, const std::string& fragment) {
    return static_cast<std::size_t>(std::find_if(lines.begin(), lines.end(), [&](const std::string& line) {
                                        return line.find(fragment) != std::string::npos;
                                    }) -
                                    lines.begin());
}

// Keys that stay valid from integer to bigint.
const char* const k_teams = R"sql(
CREATE TABLE teams (id integer PRIMARY KEY);
CREATE TABLE members (id bigint PRIMARY KEY, team_id integer REFERENCES teams (id) ON DELETE CASCADE);
)sql";

const char* const k_schools = R"sql(
CREATE TABLE schools (id uuid NOT NULL, name text);
CREATE UNIQUE INDEX schools_id_key ON schools (id);
CREATE INDEX schools_lower_idx ON schools (lower(id::text));
CREATE TABLE students (id bigint PRIMARY KEY, school_id uuid REFERENCES schools (id));
CREATE POLICY school_isolation ON schools USING (id::text = current_setting('app.school_id'));
)sql";

TEST(ColumnSwap, NotNullMovesThroughAValidatedCheck) {
    const ColumnSwap swap = swap_of(catalog_of(k_schools), "schools", "id", "varchar");
    EXPECT_TRUE(has(swap.expand, "ADD CONSTRAINT schools_id_new_not_null CHECK (id_new IS NOT NULL) NOT VALID"));
    EXPECT_TRUE(has(swap.build, "VALIDATE CONSTRAINT schools_id_new_not_null"));
    EXPECT_LT(position(swap.on_switch, "SET NOT NULL"), position(swap.on_switch, "DROP CONSTRAINT schools_id_new"));
}

TEST(ColumnSwap, IndexesAreBuiltConcurrentlyAndSwappedByName) {
    const ColumnSwap swap = swap_of(catalog_of(k_schools), "schools", "id", "varchar");
    EXPECT_TRUE(has(swap.build, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS schools_id_key_new ON public.schools (id_new)"));
    EXPECT_TRUE(has(swap.on_switch, "ALTER INDEX public.schools_id_key_new RENAME TO schools_id_key"));
    // An expression naming the column cannot be rewritten safely: a checklist item.
    EXPECT_FALSE(has(swap.build, "schools_lower_idx"));
    EXPECT_TRUE(has(swap.manual, "index schools_lower_idx"));
}

// A key in from a column of a type the new one cannot be compared with is dropped
// before the old index goes; a compatible one comes back NOT VALID, validated after.
TEST(ColumnSwap, KeysInAreDroppedFirstAndRecreatedWhenTheTypesAllow) {
    const ColumnSwap swap = swap_of(catalog_of(k_schools), "schools", "id", "varchar");
    EXPECT_LT(position(swap.on_switch, "ALTER TABLE public.students DROP CONSTRAINT students_school_id_fkey"),
              position(swap.on_switch, "DROP INDEX public.schools_id_key"));
    EXPECT_FALSE(has(swap.on_switch, "ADD CONSTRAINT students_school_id_fkey"));
    EXPECT_TRUE(has(swap.manual, "foreign key students_school_id_fkey cannot hold"));

    const ColumnSwap teams = swap_of(catalog_of(k_teams), "teams", "id", "int8");
    const std::size_t new_key = position(teams.on_switch, "PRIMARY KEY USING INDEX teams_pkey_new");
    EXPECT_LT(position(teams.on_switch, "ALTER TABLE public.members DROP CONSTRAINT members_team_id_fkey"),
              position(teams.on_switch, "ALTER TABLE public.teams DROP CONSTRAINT teams_pkey"));
    EXPECT_GT(position(teams.on_switch,
                       "ALTER TABLE public.members ADD CONSTRAINT members_team_id_fkey FOREIGN KEY (team_id) "
                       "REFERENCES public.teams (id) ON DELETE CASCADE NOT VALID;"),
              new_key);
    EXPECT_LT(new_key, teams.on_switch.size());
    EXPECT_TRUE(has(teams.validate, "ALTER TABLE public.members VALIDATE CONSTRAINT members_team_id_fkey"));
    EXPECT_TRUE(teams.manual.empty());
}

TEST(ColumnSwap, PoliciesComeBackFromTheirTextWithACautionAcrossTypeFamilies) {
    const ColumnSwap swap = swap_of(catalog_of(k_schools), "schools", "id", "varchar");
    EXPECT_LT(position(swap.on_switch, "DROP POLICY school_isolation ON public.schools"),
              position(swap.on_switch, "CREATE POLICY school_isolation ON public.schools"));
    EXPECT_TRUE(has(swap.manual, "policy school_isolation on public.schools is recreated from its text"));
    // Within a family (integer to bigint) the text needs no second look.
    const Catalog numbers = catalog_of("CREATE TABLE t (n integer);\nCREATE POLICY p ON t USING (n > 0);\n");
    EXPECT_TRUE(swap_of(numbers, "t", "n", "int8").manual.empty());
}

TEST(ColumnSwap, OwnKeyGetsAValidatedCopyAndTheOldOneGoesIfStillThere) {
    const ColumnSwap swap = swap_of(catalog_of(k_teams), "members", "team_id", "int8");
    EXPECT_TRUE(has(swap.build, "ADD CONSTRAINT members_team_id_fkey_new FOREIGN KEY (team_id_new) REFERENCES "
                                "public.teams (id) ON DELETE CASCADE NOT VALID"));
    EXPECT_TRUE(has(swap.build, "VALIDATE CONSTRAINT members_team_id_fkey_new"));
    EXPECT_TRUE(has(swap.on_switch, "DROP CONSTRAINT IF EXISTS members_team_id_fkey;"));
    EXPECT_TRUE(has(swap.on_switch, "RENAME CONSTRAINT members_team_id_fkey_new TO members_team_id_fkey"));
    // Pointing at a uuid column, a varchar copy cannot be built: the user decides.
    const ColumnSwap mismatched = swap_of(catalog_of(k_schools), "students", "school_id", "varchar");
    EXPECT_FALSE(has(mismatched.build, "FOREIGN KEY"));
    EXPECT_TRUE(has(mismatched.manual, "foreign key students_school_id_fkey references public.schools.id"));
}

TEST(ColumnSwap, DefaultsAndOwnedSequencesFollowTheColumn) {
    const Catalog catalog = catalog_of("CREATE TABLE t (id serial PRIMARY KEY, state text DEFAULT 'new');\n");
    const ColumnSwap id = swap_of(catalog, "t", "id", "int8");
    EXPECT_TRUE(has(id.on_switch, "ALTER COLUMN id SET DEFAULT nextval("));
    EXPECT_TRUE(has(id.on_switch, "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;"));
    const ColumnSwap state = swap_of(catalog, "t", "state", "varchar");
    EXPECT_TRUE(has(state.on_switch, "ALTER COLUMN state SET DEFAULT 'new'"));
}

}  // namespace
}  // namespace migsafe
