#include "migsafe/framework.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "migsafe/discover.hpp"
#include "migsafe/file_contents.hpp"
#include "migsafe/parallel.hpp"

namespace migsafe {
namespace fs = std::filesystem;

namespace {

// docs/frameworks.md gives the source of each row.
const std::array k_frameworks{
    FrameworkInfo{"plain", "plain SQL (psql -f)", false, TransactionMode::none, "", ""},
    FrameworkInfo{"flyway", "Flyway", false, TransactionMode::per_file,
                  "the transaction Flyway keeps around a script that mixes such statements with ones that can run in a "
                  "transaction (Flyway refuses that mix unless mixed=true)",
                  "move it to a script of its own: Flyway runs a script that holds only statements which cannot "
                  "run in a transaction without one"},
    FrameworkInfo{"golang-migrate", "golang-migrate", true, TransactionMode::single_query,
                  "the implicit transaction of a file golang-migrate sends as one multi-statement query",
                  "move it to a migration file of its own: golang-migrate sends a file as one query, and a "
                  "statement alone in its file runs outside any transaction"},
    FrameworkInfo{"dbmate", "dbmate", true, TransactionMode::per_file,
                  "the transaction dbmate wraps around each migration",
                  "move it to a migration of its own whose marker reads '-- migrate:up transaction:false', alone "
                  "in the section (dbmate sends the section as one query)"},
    FrameworkInfo{"goose", "goose", true, TransactionMode::per_file,
                  "the transaction goose wraps around each migration",
                  "move it to a migration of its own annotated '-- +goose NO TRANSACTION'"},
    FrameworkInfo{"prisma", "Prisma Migrate", false, TransactionMode::single_query,
                  "the implicit transaction of a migration.sql Prisma Migrate sends as one script",
                  "move it to a migration folder of its own whose migration.sql holds only that statement"},
    FrameworkInfo{"drizzle", "Drizzle", false, TransactionMode::per_file,
                  "the transaction drizzle-kit migrate wraps around the migrations",
                  "drizzle-kit migrate runs every migration in a transaction: run this statement outside "
                  "drizzle-kit (for example with psql after the deploy)"},
    FrameworkInfo{"supabase", "Supabase CLI", false, TransactionMode::per_file,
                  "the implicit transaction of the batch in which the Supabase CLI sends a migration",
                  "move it to a migration file of its own (Supabase CLI 2.109 and later also run CREATE INDEX "
                  "CONCURRENTLY outside the batch)"},
    FrameworkInfo{"sqitch", "Sqitch", true, TransactionMode::none, "",
                  "run it outside the script's BEGIN ... COMMIT, in a deploy script of its own"},
    FrameworkInfo{"liquibase", "Liquibase", true, TransactionMode::per_file,
                  "the transaction Liquibase wraps around each changeset",
                  "move it to a changeset of its own marked runInTransaction:false"},
    FrameworkInfo{"atlas", "Atlas", false, TransactionMode::per_file,
                  "the transaction Atlas wraps around each migration file",
                  "move it to a migration file of its own that starts with '-- atlas:txmode none'"},
    FrameworkInfo{"morph", "morph", true, TransactionMode::per_file,
                  "the transaction morph wraps around each migration",
                  "move it to a migration file of its own whose first line is '-- morph:nontransactional', "
                  "alone in that file"},
    FrameworkInfo{"alembic", "Alembic (offline SQL)", false, TransactionMode::none, "",
                  "in the Alembic migration, run it inside op.get_context().autocommit_block()"},
    FrameworkInfo{"django", "Django (sqlmigrate)", false, TransactionMode::none, "",
                  "set atomic = False on the Django migration and keep the statement in a migration of its own"},
    FrameworkInfo{"diesel", "Diesel", true, TransactionMode::per_file,
                  "the transaction Diesel wraps around each migration",
                  "move it to a migration of its own with a metadata.toml that says run_in_transaction = false, "
                  "alone in its up.sql"},
    FrameworkInfo{"popx", "ory/popx", true, TransactionMode::per_file,
                  "the transaction popx wraps around each migration",
                  "move it to a migration of its own named <version>_<name>.autocommit.up.sql, alone in that file"},
    FrameworkInfo{"temporal", "temporal-sql-tool", false, TransactionMode::none, "",
                  "temporal-sql-tool runs statements one by one: keep the statement outside BEGIN ... COMMIT"},
};

std::string lower(std::string_view text) {
    std::string result{text};
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

std::string read_text(const fs::path& path) { return file_contents(path.string()).value_or(""); }

bool file_exists(const fs::path& path) {
    std::error_code error;
    return fs::exists(path, error);
}

// The markers every file of a directory asks about (sqitch.plan in each directory
// above it, meta/_journal.json, atlas.sum): one stat per path, shared by the
// threads that place files.
class MarkerFiles {
public:
    bool exists(const fs::path& path) {
        std::string key = path.string();
        {
            const std::lock_guard lock{m_mutex};
            if (const auto found = m_known.find(key); found != m_known.end()) {
                return found->second;
            }
        }
        const bool found = file_exists(path);
        const std::lock_guard lock{m_mutex};
        m_known.emplace(std::move(key), found);
        return found;
    }

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, bool> m_known;
};

// Lines of `text` (without the newline), for marker searches.
template <typename Visitor>
void for_each_line(std::string_view text, Visitor&& visit) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!visit(line)) {
            return;
        }
        start = end + 1;
    }
}

using ContentEvidence = ContentMarker;

bool is_django_header(std::string_view line) {
    static const std::array<std::string_view, 12> k_operations{
        "-- create model ", "-- add field ",      "-- alter field ",   "-- remove field ",
        "-- rename field ", "-- delete model ",   "-- create index ",  "-- remove index ",
        "-- alter unique_together ", "-- rename model ", "-- add constraint ", "-- raw sql operation"};
    const std::string lowered = lower(line);
    return std::any_of(k_operations.begin(), k_operations.end(),
                       [&](std::string_view op) { return lowered.rfind(op, 0) == 0; });
}

ContentEvidence content_evidence(std::string_view text) {
    ContentEvidence evidence;
    std::string first_line;
    bool first = true;
    bool begins_with_begin = false;
    bool django = false;
    bool alembic = false;
    std::string previous;
    for_each_line(text, [&](std::string_view line) {
        const std::string lowered = lower(line);
        if (first && !lowered.empty()) {
            first_line = lowered;
            first = false;
        }
        if (!begins_with_begin && lowered.find_first_not_of(" \t") != std::string::npos &&
            lowered.rfind("--", 0) != 0) {
            begins_with_begin = lowered == "begin;";
        }
        if (lowered.rfind("--liquibase formatted sql", 0) == 0 && evidence.framework.empty()) {
            evidence = {"liquibase", "the file starts with '--liquibase formatted sql'"};
            return false;
        }
        if (lowered.rfind("-- +goose up", 0) == 0) {
            evidence = {"goose", "'-- +goose Up' annotation"};
            return false;
        }
        if (lowered.rfind("-- migrate:up", 0) == 0) {
            evidence = {"dbmate", "'-- migrate:up' marker"};
            return false;
        }
        if (lowered.rfind("-- atlas:", 0) == 0 && evidence.framework.empty()) {
            evidence = {"atlas", "'" + std::string{line.substr(0, line.find(' ', 3))} + "' directive"};
        }
        if (lowered.rfind("--> statement-breakpoint", 0) == 0 && evidence.framework.empty()) {
            evidence = {"drizzle", "'--> statement-breakpoint' separators"};
        }
        if (lowered.find("alembic_version") != std::string::npos && lowered.rfind("--", 0) != 0) {
            alembic = true;
        }
        if (previous == "--" && is_django_header(line)) {
            django = true;
        }
        previous = lowered;
        return true;
    });
    if (!evidence.framework.empty()) {
        return evidence;
    }
    if (first_line.rfind("-- morph:nontransactional", 0) == 0) {
        return {"morph", "first line '-- morph:nontransactional'"};
    }
    // alembic upgrade --sql wraps its output in BEGIN; ... COMMIT; around the version table.
    if (alembic && begins_with_begin) {
        return {"alembic", "statements on the alembic_version table (alembic upgrade --sql output)"};
    }
    if (django && begins_with_begin) {
        return {"django", "BEGIN;/COMMIT; framing with '-- <operation>' headers (manage.py sqlmigrate output)"};
    }
    return {};
}

const std::regex k_flyway_versioned{R"(^([VU])([0-9][0-9A-Za-z._]*?)__(.+)\.sql$)"};
const std::regex k_flyway_repeatable{R"(^R__(.+)\.sql$)"};
const std::regex k_flyway_callback{
    R"(^((before|after)(Each)?(Migrate|Undo|Clean|Info|Validate|Baseline|Repair|CreateSchema|Connect)(Statement)?(Applied|Error)?)(__.+)?\.sql$)"};
const std::regex k_popx{R"(^(\d+)_([^.]+)(\.[a-z0-9]+)?(\.autocommit)?\.(up|down)\.sql$)"};
const std::regex k_numbered_up_down{R"(^(\d+)_(.+)\.(up|down)\.sql$)"};
const std::regex k_numbered{R"(^\d+_.+\.sql$)"};
const std::regex k_migration_folder{R"(^\d[\d-]*_.*$)"};
const std::regex k_drizzle_file{R"(^\d{4}_.+\.sql$)"};
const std::regex k_temporal_version{R"(^v\d+\.\d+$)"};

// Flyway: "1_1" and "1.1" are both version 1.1; digits compare by value.
std::string flyway_version_key(std::string version) {
    std::replace(version.begin(), version.end(), '_', '.');
    return version;
}

struct LayoutEvidence {
    std::string framework;
    std::string reason;
    std::string root;
    std::string order_key;
    MigrationDirection direction = MigrationDirection::up;
    std::optional<TransactionMode> mode;
    std::string mode_reason;
    std::optional<bool> down_file_exists;
    std::string skipped;
    bool weak = false;  // a name pattern several tools share (golang-migrate style)
};

LayoutEvidence layout(std::string framework, std::string reason, std::string root, std::string order_key = {}) {
    LayoutEvidence evidence;
    evidence.framework = std::move(framework);
    evidence.reason = std::move(reason);
    evidence.root = std::move(root);
    evidence.order_key = std::move(order_key);
    return evidence;
}

std::optional<fs::path> sqitch_project(const fs::path& file, MarkerFiles& markers) {
    for (fs::path dir = file.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        if (markers.exists(dir / "sqitch.plan")) {
            return dir;
        }
        if (dir == dir.root_path() || dir.parent_path() == dir) {
            break;
        }
    }
    return std::nullopt;
}

// Change names of sqitch.plan in deploy order.
std::map<std::string, std::size_t> sqitch_order(const fs::path& project) {
    std::map<std::string, std::size_t> order;
    const std::string plan = read_text(project / "sqitch.plan");
    std::size_t index = 0;
    for_each_line(plan, [&](std::string_view line) {
        const std::size_t start = line.find_first_not_of(" \t");
        if (start == std::string_view::npos || line[start] == '%' || line[start] == '#' || line[start] == '@') {
            return true;
        }
        const std::size_t end = line.find_first_of(" \t", start);
        order.emplace(std::string{line.substr(start, end == std::string_view::npos ? end : end - start)}, index++);
        return true;
    });
    return order;
}

std::string padded(std::size_t value) {
    std::string digits = std::to_string(value);
    return std::string(digits.size() < 8 ? 8 - digits.size() : 0, '0') + digits;
}

std::string canonical_dialect(const std::string& dialect) {
    if (dialect == "postgres" || dialect == "postgresql" || dialect == "pg") {
        return "postgres";
    }
    if (dialect == "cockroach" || dialect == "cockroachdb" || dialect == "crdb") {
        return "cockroach";
    }
    if (dialect == "mysql" || dialect == "mariadb") {
        return "mysql";
    }
    if (dialect == "sqlite" || dialect == "sqlite3") {
        return "sqlite3";
    }
    return dialect;
}

// A dialect popx knows, or the .autocommit flag (which the optional dialect group may capture).
bool is_popx_suffix(const std::string& suffix) {
    static const std::set<std::string> k_known{"postgres", "postgresql", "pg",     "cockroach", "cockroachdb",
                                               "crdb",     "mysql",      "mariadb", "sqlite",    "sqlite3",
                                               "autocommit"};
    return k_known.count(suffix) != 0;
}

std::string toml_value_false(const std::string& text, std::string_view key) {
    std::string found;
    for_each_line(text, [&](std::string_view line) {
        const std::size_t start = line.find_first_not_of(" \t");
        if (start != std::string_view::npos && line.substr(start).rfind(key, 0) == 0) {
            std::string rest = lower(line.substr(start + key.size()));
            rest.erase(std::remove_if(rest.begin(), rest.end(), [](char c) { return c == ' ' || c == '\t'; }),
                       rest.end());
            if (rest.rfind("=false", 0) == 0) {
                found = std::string{line.substr(start)};
                return false;
            }
        }
        return true;
    });
    return found;
}

LayoutEvidence layout_evidence(const fs::path& path, MarkerFiles& markers) {
    LayoutEvidence evidence;
    const std::string name = path.filename().string();
    const fs::path dir = path.parent_path();
    const std::string dir_name = dir.filename().string();
    const fs::path grand = dir.parent_path();
    std::smatch match;

    if (auto project = sqitch_project(path, markers)) {
        const fs::path relative = path.lexically_relative(*project);
        const std::string top = relative.begin() != relative.end() ? relative.begin()->string() : "";
        if (top == "deploy" || top == "revert" || top == "verify") {
            evidence.framework = "sqitch";
            evidence.root = project->string() + "/" + top;
            const std::string change = relative.lexically_relative(top).replace_extension().generic_string();
            const auto order = sqitch_order(*project);
            const auto found = order.find(change);
            evidence.reason = "sqitch.plan in " + project->string() + ", " + top + "/ script";
            evidence.order_key = found != order.end() ? padded(found->second) : "~" + change;
            evidence.direction = top == "revert" ? MigrationDirection::down : MigrationDirection::up;
            if (top == "deploy") {
                evidence.down_file_exists = file_exists(*project / "revert" / relative.lexically_relative(top));
            }
            if (top == "verify") {
                evidence.skipped = "Sqitch verify script: it checks a deploy and changes nothing, so it is not linted";
            } else if (found == order.end()) {
                evidence.skipped = "change '" + change + "' is not in sqitch.plan, so Sqitch does not run it";
            }
            return evidence;
        }
    }
    if (name == "migration.sql" && std::regex_match(dir_name, k_migration_folder) && grand.filename() == "migrations") {
        evidence = layout("prisma", "migrations/<timestamp>_<name>/migration.sql layout", grand.string(), dir_name);
        return evidence;
    }
    if ((name == "up.sql" || name == "down.sql") && std::regex_match(dir_name, k_migration_folder)) {
        evidence = layout("diesel", "migrations/<version>_<name>/up.sql and down.sql layout", grand.string(), dir_name);
        evidence.direction = name == "down.sql" ? MigrationDirection::down : MigrationDirection::up;
        if (name == "up.sql") {
            evidence.down_file_exists = file_exists(dir / "down.sql");
        }
        if (file_exists(dir / "metadata.toml")) {
            const std::string line = toml_value_false(read_text(dir / "metadata.toml"), "run_in_transaction");
            if (!line.empty()) {
                evidence.mode = TransactionMode::single_query;
                evidence.mode_reason = "metadata.toml says " + line;
            }
        }
        return evidence;
    }
    if (markers.exists(dir / "meta" / "_journal.json") ||
        (dir_name == "drizzle" && std::regex_match(name, k_drizzle_file))) {
        evidence = layout("drizzle", "drizzle migrations folder (meta/_journal.json)", dir.string(), name);
        const std::string journal = read_text(dir / "meta" / "_journal.json");
        const nlohmann::json parsed = nlohmann::json::parse(journal, nullptr, false);
        if (!journal.empty() && !parsed.is_discarded() && parsed.contains("entries") && parsed["entries"].is_array()) {
            const std::string tag = path.stem().string();
            bool listed = false;
            for (const auto& entry : parsed["entries"]) {
                if (entry.is_object() && entry.value("tag", std::string{}) == tag) {
                    evidence.order_key = padded(entry.value("idx", std::size_t{0}));
                    listed = true;
                }
            }
            if (!listed) {
                evidence.skipped = "not listed in meta/_journal.json, so drizzle-kit does not run it";
            }
        } else {
            evidence.reason = "drizzle/<nnnn>_<name>.sql layout";
        }
        return evidence;
    }
    if (dir_name == "migrations" && grand.filename() == "supabase" && std::regex_match(name, k_numbered)) {
        evidence = layout("supabase", "supabase/migrations/<timestamp>_<name>.sql layout", dir.string(), name);
        return evidence;
    }
    if (std::regex_match(dir_name, k_temporal_version) && grand.filename() == "versioned") {
        evidence = layout("temporal", "versioned/v<major.minor>/ layout of temporal-sql-tool", grand.string());
        const std::string manifest = read_text(dir / "manifest.json");
        const nlohmann::json parsed = nlohmann::json::parse(manifest, nullptr, false);
        std::string position = "~" + name;
        if (!manifest.empty() && !parsed.is_discarded() && parsed.contains("SchemaUpdateCqlFiles") &&
            parsed["SchemaUpdateCqlFiles"].is_array()) {
            const auto& files = parsed["SchemaUpdateCqlFiles"];
            const auto found = std::find(files.begin(), files.end(), name);
            if (found == files.end()) {
                evidence.skipped = "not listed in " + dir_name + "/manifest.json, so temporal-sql-tool does not run it";
            } else {
                position = padded(static_cast<std::size_t>(found - files.begin()));
            }
        } else {
            evidence.reason += " (no manifest.json: files of one version in name order)";
        }
        evidence.order_key = dir_name + "/" + position;
        return evidence;
    }
    if (std::regex_match(name, match, k_flyway_versioned)) {
        evidence = layout("flyway", "Flyway file name " + match[1].str() + "<version>__<description>.sql", dir.string(),
                    "0/" + flyway_version_key(match[2].str()) + " " + match[1].str());
        evidence.direction = match[1] == "U" ? MigrationDirection::down : MigrationDirection::up;
        if (file_exists(fs::path{path.string() + ".conf"})) {
            const std::string line = toml_value_false(read_text(fs::path{path.string() + ".conf"}),
                                                      "executeInTransaction");
            if (!line.empty()) {
                evidence.mode = TransactionMode::none;
                evidence.mode_reason = name + ".conf says " + line;
            }
        }
        return evidence;
    }
    if (std::regex_match(name, match, k_flyway_callback)) {
        evidence = layout("flyway", "Flyway callback script " + match[1].str() + " (runs after the migrations)",
                          dir.string(), "2/" + name);
        return evidence;
    }
    if (std::regex_match(name, match, k_flyway_repeatable)) {
        evidence = layout("flyway", "Flyway repeatable file name R__<description>.sql (runs after versioned ones)",
                    dir.string(), "1/" + match[1].str());
        return evidence;
    }
    if (std::regex_match(name, match, k_popx) &&
        (match[4].matched || (match[3].matched && is_popx_suffix(match[3].str().substr(1))))) {
        evidence = layout("popx", "popx file name <version>_<name>[.<dialect>][.autocommit].(up|down).sql", dir.string(),
                    match[1].str());
        evidence.direction = match[5] == "down" ? MigrationDirection::down : MigrationDirection::up;
        return evidence;
    }
    if (std::regex_match(name, match, k_numbered_up_down)) {
        evidence = layout("golang-migrate", "<version>_<name>.up.sql / .down.sql file name", dir.string(), match[1].str());
        evidence.weak = true;
        evidence.direction = match[3] == "down" ? MigrationDirection::down : MigrationDirection::up;
        return evidence;
    }
    if (markers.exists(dir / "atlas.sum")) {
        evidence = layout("atlas", "atlas.sum in the migration directory", dir.string(), name);
        return evidence;
    }
    return evidence;
}

// popx: per version and direction, a PostgreSQL file replaces the dialect-neutral one;
// files for other dialects never run on PostgreSQL.
void apply_popx_variants(std::vector<Placement>& placements, const std::vector<std::string>& paths) {
    std::set<std::string> postgres_variants;  // root/version/direction
    std::vector<std::smatch> matches(paths.size());
    std::vector<std::string> names(paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (placements[i].framework != "popx") {
            continue;
        }
        names[i] = fs::path{paths[i]}.filename().string();
        if (std::regex_match(names[i], matches[i], k_popx) && matches[i][3].matched &&
            matches[i][3].str() != ".autocommit" && canonical_dialect(matches[i][3].str().substr(1)) == "postgres") {
            postgres_variants.insert(placements[i].root + "/" + matches[i][1].str() + "/" + matches[i][5].str());
        }
    }
    for (std::size_t i = 0; i < paths.size(); ++i) {
        Placement& placement = placements[i];
        if (placement.framework != "popx" || !std::regex_match(names[i], matches[i], k_popx)) {
            continue;
        }
        const std::smatch& match = matches[i];
        const std::string key = placement.root + "/" + match[1].str() + "/" + match[5].str();
        const bool autocommit = match[4].matched || match[3].str() == ".autocommit";
        if (match[3].matched && match[3].str() != ".autocommit") {
            const std::string dialect = canonical_dialect(match[3].str().substr(1));
            if (dialect != "postgres") {
                placement.skipped = "popx runs this file only on " + dialect + ", not on PostgreSQL";
            }
        } else if (postgres_variants.count(key) != 0) {
            placement.skipped = "popx runs the .postgres variant of version " + match[1].str() +
                                " on PostgreSQL instead of this dialect-neutral file";
        }
        if (autocommit) {
            placement.mode = TransactionMode::single_query;
            placement.mode_reason = ".autocommit in the file name: popx runs it without a transaction, as one query";
        }
        if (match[5] == "up") {
            const std::string prefix = match[1].str() + "_";
            bool found = false;
            for (std::size_t j = 0; j < paths.size() && !found; ++j) {
                found = placements[j].root == placement.root && names[j].rfind(prefix, 0) == 0 &&
                        names[j].size() > 9 && names[j].compare(names[j].size() - 9, 9, ".down.sql") == 0;
            }
            placement.down_file_exists = found;
        }
    }
}

std::string down_sibling(const std::string& path) {
    const std::string suffix = ".up.sql";
    if (path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return path.substr(0, path.size() - suffix.size()) + ".down.sql";
    }
    return {};
}

std::string expectation(std::string_view framework) {
    if (framework == "goose") {
        return "goose needs a '-- +goose Up' annotation and refuses this file";
    }
    if (framework == "dbmate") {
        return "dbmate needs a '-- migrate:up' marker and refuses this file";
    }
    if (framework == "flyway") {
        return "its name is not V<version>__<description>.sql, U… or R__…, so Flyway does not run it";
    }
    if (framework == "golang-migrate" || framework == "morph" || framework == "popx") {
        return "its name is not <version>_<name>.up.sql or .down.sql, so the tool does not run it";
    }
    if (framework == "liquibase") {
        return "it does not start with '--liquibase formatted sql'";
    }
    return "it does not follow the directory's layout";
}

}  // namespace

ContentMarker framework_from_content(std::string_view text) { return content_evidence(text); }

std::span<const FrameworkInfo> frameworks() { return k_frameworks; }

const FrameworkInfo* find_framework(std::string_view name) {
    const std::string wanted = lower(name);
    for (const FrameworkInfo& info : k_frameworks) {
        if (info.name == wanted) {
            return &info;
        }
    }
    return nullptr;
}

std::string framework_names() {
    std::string names;
    for (const FrameworkInfo& info : k_frameworks) {
        names += (names.empty() ? "" : ", ") + std::string{info.name};
    }
    return names;
}

std::vector<Placement> place_files(const std::vector<std::string>& paths, std::string_view forced,
                                  std::string_view forced_origin, unsigned jobs) {
    std::vector<Placement> placements(paths.size());
    std::vector<char> weak(paths.size(), 0);  // not vector<bool>: threads write neighbouring entries
    // Each file's own evidence (its name, directory and markers) reads the disk: in parallel.
    MarkerFiles markers;
    run_in_parallel(paths.size(), jobs, [&](std::size_t i) {
        const fs::path path{paths[i]};
        Placement& placement = placements[i];
        LayoutEvidence layout = layout_evidence(path, markers);
        const ContentEvidence content =
            paths[i] == "-" ? ContentEvidence{} : content_evidence(read_text(path));
        placement.root = layout.root.empty() ? path.parent_path().string() : layout.root;
        placement.order_key = layout.order_key.empty() ? path.filename().string() : layout.order_key;
        placement.direction = layout.direction;
        placement.mode = layout.mode;
        placement.mode_reason = layout.mode_reason;
        placement.down_file_exists = layout.down_file_exists;
        placement.skipped = layout.skipped;
        // A file's own markers outrank its name: a goose or dbmate file may carry any name.
        if (!content.framework.empty() && (layout.framework.empty() || layout.weak || content.framework != "morph")) {
            placement.framework = content.framework;
            placement.reason = content.reason;
            if (!layout.framework.empty() && layout.framework != content.framework && !layout.weak) {
                placement.reason += " (inside a " + layout.framework + " layout: " + layout.reason + ")";
            }
        } else if (!layout.framework.empty()) {
            placement.framework = layout.framework;
            placement.reason = layout.reason;
            weak[i] = layout.weak ? 1 : 0;
        } else {
            placement.framework = "plain";
            placement.reason = "no framework layout or marker found: run as psql -f would";
        }
        if (placement.framework == "golang-migrate" || placement.framework == "morph") {
            const std::string down = down_sibling(paths[i]);
            if (!down.empty()) {
                placement.down_file_exists = file_exists(down);
            }
        }
    });

    // One directory, one tool: golang-migrate style names take the tool their
    // siblings show (morph markers, popx dialect suffixes).
    std::map<std::string, std::map<std::string, std::size_t>> by_root;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (placements[i].framework != "plain") {
            ++by_root[placements[i].root][placements[i].framework];
        }
    }
    for (std::size_t i = 0; i < paths.size(); ++i) {
        Placement& placement = placements[i];
        const auto& counts = by_root[placement.root];
        if (weak[i]) {
            for (std::string_view stronger : {"morph", "popx"}) {
                if (counts.count(std::string{stronger}) != 0) {
                    placement.framework = std::string{stronger};
                    placement.reason = std::string{stronger == "morph" ? "'-- morph:nontransactional' files"
                                                                        : "popx dialect or .autocommit file names"} +
                                       " in the same directory, and the <version>_<name>.up.sql name";
                }
            }
        }
    }
    by_root.clear();
    for (const Placement& placement : placements) {
        if (placement.framework != "plain") {
            ++by_root[placement.root][placement.framework];
        }
    }
    apply_popx_variants(placements, paths);

    for (std::size_t i = 0; i < paths.size(); ++i) {
        Placement& placement = placements[i];
        const auto& counts = by_root[placement.root];
        if (counts.empty()) {
            continue;
        }
        const auto majority = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
            return a.second < b.second;
        });
        if (placement.framework == "plain" && paths[i] != "-") {
            placement.problem = "this file sits in a " + majority->first + " migration directory (" +
                                placement.root + ") but " + expectation(majority->first) +
                                "; pass --framework to choose how it runs";
        } else if (counts.size() > 1) {
            std::string list;
            for (const auto& [name, count] : counts) {
                list += (list.empty() ? "" : ", ") + name + ": " + std::to_string(count) + " file" +
                        (count == 1 ? "" : "s");
            }
            placement.problem = "directory " + placement.root + " mixes migration frameworks (" + list +
                                "); this file looks like " + placement.framework +
                                ", but one directory is run by one tool: pass --framework to choose";
        }
    }

    if (!forced.empty()) {
        for (Placement& placement : placements) {
            placement.framework = lower(forced);
            placement.reason = "set by " + std::string{forced_origin};
            placement.problem.clear();
        }
    }
    return placements;
}

}  // namespace migsafe
