#include "lock_observer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

namespace migsafe::pgtest {
namespace {

using nlohmann::json;

const std::string k_template_database = "migsafe_template";
// Cases without setup run here, each inside BEGIN ... ROLLBACK.
const std::string k_shared_case_database = "migsafe_cases";
constexpr int k_sampling_rounds = 3;

// Weakest first, as pg_locks spells them.
constexpr std::array<std::string_view, 8> k_lock_modes = {
    "AccessShareLock", "RowShareLock",          "RowExclusiveLock", "ShareUpdateExclusiveLock",
    "ShareLock",       "ShareRowExclusiveLock", "ExclusiveLock",    "AccessExclusiveLock"};

// Output lines of the harness queries carry a prefix, so rows printed by the
// case statement itself (SELECT ... FOR UPDATE) cannot be mistaken for them.
const std::string k_before_prefix = "migsafe-before:";
const std::string k_after_prefix = "migsafe-after:";
const std::string k_locks_prefix = "migsafe-locks:";

// Every user relation outside pg_toast and temporary schemas: relfilenode for
// rewrites, and the rows read by sequential scans (seq_tup_read) as flushed
// (pg_stat_get_tuples_returned) plus this backend's pending count
// (pg_stat_get_xact_tuples_returned), so that the sum is right inside a
// transaction and in a fresh session alike. Rows, not scans, are counted:
// TRUNCATE and CREATE TABLE build indexes by scanning new, empty storage,
// which reads nothing of the table.
std::string snapshot_query(const std::string& prefix) {
    return "SELECT '" + prefix + R"(' || coalesce(json_agg(json_build_object(
    'oid', c.oid::bigint, 'schema', n.nspname, 'name', c.relname, 'relkind', c.relkind::text,
    'filenode', c.relfilenode::bigint,
    'rows_scanned', coalesce(pg_stat_get_tuples_returned(c.oid), 0)
                    + coalesce(pg_stat_get_xact_tuples_returned(c.oid), 0)
  ) ORDER BY c.oid)::text, '[]')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid >= 16384
  AND n.nspname NOT IN ('pg_toast', 'information_schema')
  AND n.nspname !~ '^pg_(toast_)?temp_';
)";
}

// Relation locks this session holds in this database, user relations only.
const std::string k_own_locks_query = "SELECT '" + k_locks_prefix + R"(' || coalesce(json_agg(json_build_object(
    'oid', l.relation::bigint, 'mode', l.mode))::text, '[]')
FROM pg_locks l
WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.relation >= 16384;
)";

// Statistics of an ended session are flushed before it leaves
// pg_stat_activity, so once nobody else is connected the counts are final.
std::string wait_for_other_sessions_query(const std::string& database) {
    return R"(DO $$
DECLARE
  started timestamptz := clock_timestamp();
BEGIN
  LOOP
    PERFORM pg_stat_clear_snapshot();
    EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity
                          WHERE datname = ')" + database + R"(' AND pid <> pg_backend_pid());
    IF clock_timestamp() - started > interval '30 seconds' THEN
      RAISE EXCEPTION 'migsafe harness: other sessions stay connected to )" + database + R"(';
    END IF;
    PERFORM pg_sleep(0.005);
  END LOOP;
END $$;
)";
}

std::string worker_application_name(const std::string& database) {
    return "migsafe_worker_" + database;
}

std::string poller_ready_application_name(const std::string& database) {
    return "migsafe_poller_ready_" + database;
}

std::string alongside_application_name(const std::string& database) {
    return "migsafe_alongside_" + database;
}

// Holds a session until the poller has found the worker and is sampling it,
// so even a short statement is watched from its start; with `asleep`, also
// until that session sleeps in pg_sleep. The wait spins instead of sleeping:
// a process that wakes from sleep may preempt the one on its CPU, which
// could be the poller.
std::string wait_for_poller_query(const std::string& database, const std::optional<std::string>& asleep) {
    std::string condition = "EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = '" +
                            poller_ready_application_name(database) + "')";
    if (asleep) {
        condition += "\n      AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = '" + *asleep +
                     "' AND wait_event = 'PgSleep')";
    }
    return R"(DO $$
DECLARE
  started timestamptz := clock_timestamp();
BEGIN
  LOOP
    PERFORM pg_stat_clear_snapshot();
    EXIT WHEN )" + condition + R"(;
    IF clock_timestamp() - started > interval '60 seconds' THEN
      RAISE EXCEPTION 'migsafe harness: the observing sessions never became ready';
    END IF;
  END LOOP;
END $$;
)";
}

// Runs in another database, so that CREATE INDEX CONCURRENTLY and friends,
// which wait for older snapshots in their own database, never wait for it.
// Samples the worker's relation locks without pausing until it disconnects.
// The first samples are slow (PL/pgSQL plans its queries afresh for the first
// few runs), so the worker is released only after a warm-up; reading
// pg_stat_activity costs more than pg_locks, so the exit check runs on every
// 16th sample only.
std::string poller_script(const std::string& database) {
    return R"(CREATE TEMP TABLE observed_locks (relation oid, mode text);
DO $$
DECLARE
  worker int;
  case_database oid := (SELECT oid FROM pg_database WHERE datname = ')" + database + R"(');
  started timestamptz := clock_timestamp();
  samples bigint := 0;
BEGIN
  LOOP
    PERFORM pg_stat_clear_snapshot();
    SELECT pid INTO worker FROM pg_stat_activity
     WHERE datname = ')" + database + R"(' AND application_name = ')" + worker_application_name(database) + R"(';
    EXIT WHEN worker IS NOT NULL;
    IF clock_timestamp() - started > interval '60 seconds' THEN
      RAISE EXCEPTION 'migsafe harness: the observed session never started its statement';
    END IF;
    PERFORM pg_sleep(0.001);
  END LOOP;
  LOOP
    INSERT INTO observed_locks
    SELECT l.relation, l.mode FROM pg_locks l
     WHERE l.pid = worker AND l.locktype = 'relation' AND l.granted
       AND l.database = case_database AND l.relation >= 16384
    EXCEPT SELECT relation, mode FROM observed_locks;
    samples := samples + 1;
    IF samples = 64 THEN
      PERFORM set_config('application_name', ')" + poller_ready_application_name(database) + R"(', false);
    END IF;
    CONTINUE WHEN samples % 16 <> 0;
    PERFORM pg_stat_clear_snapshot();
    EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = worker);
    IF clock_timestamp() - started > interval '150 seconds' THEN
      RAISE EXCEPTION 'migsafe harness: the observed statement did not finish';
    END IF;
  END LOOP;
END $$;
SELECT ')" + k_locks_prefix + R"(' || coalesce(json_agg(json_build_object(
    'oid', relation::bigint, 'mode', mode))::text, '[]')
FROM observed_locks;
)";
}

std::string setup_script(const LockCase& lock_case) {
    std::string script;
    for (const std::string& statement : lock_case.setup) {
        script += statement;
        script += statement.ends_with(';') ? "\n" : ";\n";
    }
    return script;
}

std::optional<std::string> line_with_prefix(const std::string& output, const std::string& prefix) {
    std::size_t position = 0;
    while (position < output.size()) {
        const std::size_t end = std::min(output.find('\n', position), output.size());
        const std::string_view line = std::string_view(output).substr(position, end - position);
        if (line.starts_with(prefix)) {
            return std::string(line.substr(prefix.size()));
        }
        position = end + 1;
    }
    return std::nullopt;
}

// psql writes "psql:<stdin>:7: ERROR:  message"; keep the message.
std::string server_error_message(const std::string& stderr_text) {
    const std::size_t marker = stderr_text.find("ERROR:");
    if (marker == std::string::npos) {
        return stderr_text;
    }
    const std::size_t start = stderr_text.find_first_not_of(' ', marker + 6);
    const std::size_t end = stderr_text.find('\n', start);
    return stderr_text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

struct SnapshotEntry {
    std::string schema;
    std::string name;
    char relkind = 'r';
    long long filenode = 0;
    long long rows_scanned = 0;
};

using Snapshot = std::map<long long, SnapshotEntry>;  // by oid

Snapshot parse_snapshot(const std::string& text) {
    Snapshot snapshot;
    for (const json& row : json::parse(text)) {
        SnapshotEntry entry;
        entry.schema = row.at("schema").get<std::string>();
        entry.name = row.at("name").get<std::string>();
        const std::string relkind = row.at("relkind").get<std::string>();
        entry.relkind = relkind.empty() ? '?' : relkind.front();
        entry.filenode = row.at("filenode").get<long long>();
        entry.rows_scanned = row.at("rows_scanned").get<long long>();
        snapshot.emplace(row.at("oid").get<long long>(), std::move(entry));
    }
    return snapshot;
}

std::multimap<long long, std::string> parse_locks(const std::string& text) {
    std::multimap<long long, std::string> locks;
    for (const json& row : json::parse(text)) {
        locks.emplace(row.at("oid").get<long long>(), row.at("mode").get<std::string>());
    }
    return locks;
}

void sort_by_strength(std::vector<std::string>& modes) {
    std::sort(modes.begin(), modes.end(), [](const std::string& left, const std::string& right) {
        return lock_mode_strength(left) < lock_mode_strength(right);
    });
}

void sort_by_name(std::vector<ObservedRelation>& relations) {
    std::sort(relations.begin(), relations.end(), [](const ObservedRelation& left, const ObservedRelation& right) {
        return std::tie(left.name, left.schema) < std::tie(right.name, right.schema);
    });
}

bool has_table_storage(char relkind) {
    return relkind == 'r' || relkind == 'm' || relkind == 'p';
}

// Joins the snapshots and the locks into one record per relation. A relation
// that was dropped and re-created under the same name by the statement (an
// index rebuilt by ALTER COLUMN TYPE, REINDEX CONCURRENTLY) is reported as
// one relation, rewritten when its storage changed.
std::vector<ObservedRelation> combine(const Snapshot& before, const Snapshot& after,
                                      const std::multimap<long long, std::string>& locks) {
    std::map<long long, long long> successor;  // dropped oid -> new oid with its name
    std::set<long long> replacements;
    for (const auto& [old_oid, old_entry] : before) {
        if (after.contains(old_oid)) {
            continue;
        }
        for (const auto& [new_oid, new_entry] : after) {
            if (!before.contains(new_oid) && !replacements.contains(new_oid) && new_entry.schema == old_entry.schema &&
                new_entry.name == old_entry.name && new_entry.relkind == old_entry.relkind) {
                successor[old_oid] = new_oid;
                replacements.insert(new_oid);
                break;
            }
        }
    }

    std::set<long long> oids;
    for (const auto& [oid, entry] : before) {
        oids.insert(oid);
    }
    for (const auto& [oid, entry] : after) {
        if (!replacements.contains(oid)) {
            oids.insert(oid);
        }
    }

    std::vector<ObservedRelation> relations;
    for (const long long oid : oids) {
        const auto old_entry = before.find(oid);
        const bool existed = old_entry != before.end();
        long long later_oid = oid;
        if (existed && successor.contains(oid)) {
            later_oid = successor.at(oid);
        }
        const auto new_entry = after.find(later_oid);
        const bool exists_after = new_entry != after.end();
        const SnapshotEntry& naming = existed ? old_entry->second : new_entry->second;

        ObservedRelation relation;
        relation.schema = naming.schema;
        relation.name = naming.name;
        relation.relkind = naming.relkind;
        relation.created = !existed;
        relation.dropped = !exists_after;
        std::set<std::string> modes;
        for (const long long locked_oid : {oid, later_oid}) {
            const auto [first, last] = locks.equal_range(locked_oid);
            for (auto lock = first; lock != last; ++lock) {
                modes.insert(lock->second);
            }
        }
        relation.modes.assign(modes.begin(), modes.end());
        sort_by_strength(relation.modes);
        if (!relation.modes.empty()) {
            relation.mode = relation.modes.back();
        }
        if (existed && exists_after) {
            relation.rewritten = old_entry->second.filenode != new_entry->second.filenode;
            // For an index the same counter means index entries returned.
            relation.scanned = has_table_storage(relation.relkind) &&
                               new_entry->second.rows_scanned > old_entry->second.rows_scanned;
        } else if (!existed && has_table_storage(relation.relkind)) {
            relation.scanned = new_entry->second.rows_scanned > 0;
        }
        if (!relation.modes.empty() || relation.rewritten || relation.scanned) {
            relations.push_back(std::move(relation));
        }
    }
    sort_by_name(relations);
    return relations;
}

// Fills relations from the three harness lines, or says what is missing.
void read_observation(Observation& observation, const std::optional<std::string>& before,
                      const std::optional<std::string>& after, const std::optional<std::string>& locks) {
    if (!before || !after || !locks) {
        observation.harness_failure = "the observation queries printed no result";
        return;
    }
    try {
        observation.relations = combine(parse_snapshot(*before), parse_snapshot(*after), parse_locks(*locks));
    } catch (const json::exception& error) {
        observation.harness_failure = std::string("unreadable observation: ") + error.what();
    }
}

// Adds the locks one sampling round saw to those of earlier rounds.
void merge_sample(Observation& combined, const Observation& sample) {
    for (const ObservedRelation& seen : sample.relations) {
        const auto same_relation = [&seen](const ObservedRelation& known) {
            return known.schema == seen.schema && known.name == seen.name;
        };
        auto known = std::find_if(combined.relations.begin(), combined.relations.end(), same_relation);
        if (known == combined.relations.end()) {
            combined.relations.push_back(seen);
            continue;
        }
        std::set<std::string> modes(known->modes.begin(), known->modes.end());
        modes.insert(seen.modes.begin(), seen.modes.end());
        known->modes.assign(modes.begin(), modes.end());
        sort_by_strength(known->modes);
        known->mode = known->modes.empty() ? std::string() : known->modes.back();
        known->rewritten = known->rewritten || seen.rewritten;
        known->scanned = known->scanned || seen.scanned;
    }
    sort_by_name(combined.relations);
}

}  // namespace

int lock_mode_strength(std::string_view mode) {
    const auto found = std::find(k_lock_modes.begin(), k_lock_modes.end(), mode);
    return found == k_lock_modes.end() ? 0 : static_cast<int>(found - k_lock_modes.begin()) + 1;
}

std::string relkind_name(char relkind) {
    switch (relkind) {
    case 'r':
        return "table";
    case 'p':
        return "partitioned table";
    case 'i':
        return "index";
    case 'I':
        return "partitioned index";
    case 'S':
        return "sequence";
    case 'v':
        return "view";
    case 'm':
        return "materialized view";
    case 'f':
        return "foreign table";
    case 'c':
        return "composite type";
    case 't':
        return "toast table";
    default:
        return std::string("relkind ") + relkind;
    }
}

nlohmann::ordered_json to_json(const ObservedRelation& relation) {
    using nlohmann::ordered_json;
    ordered_json entry = {{"relation", relation.name},
                  {"kind", relkind_name(relation.relkind)},
                  {"mode", relation.mode.empty() ? ordered_json(nullptr) : ordered_json(relation.mode)},
                  {"rewritten", relation.rewritten},
                  {"scanned", relation.scanned}};
    if (relation.schema != "public") {
        entry["schema"] = relation.schema;
    }
    if (relation.modes.size() > 1) {
        entry["modes"] = relation.modes;
    }
    if (relation.created) {
        entry["new"] = true;
    }
    if (relation.dropped) {
        entry["dropped"] = true;
    }
    return entry;
}

nlohmann::ordered_json to_json(const LockCase& lock_case, const Observation& observation) {
    using nlohmann::ordered_json;
    ordered_json entry = {{"case", lock_case.location()}, {"statement", lock_case.statement}};
    if (!lock_case.setup.empty()) {
        entry["setup"] = lock_case.setup;
    }
    entry["observed"] = lock_case.concurrent ? "from a second session" : "in a transaction";
    if (lock_case.alongside) {
        entry["alongside"] = *lock_case.alongside;
    }
    if (lock_case.unobservable) {
        entry["unobservable"] = *lock_case.unobservable;
        return entry;
    }
    if (observation.sampled) {
        // Polled while it ran: a lock held only for an instant may be missing.
        entry["sampled"] = true;
    }
    if (observation.harness_failure) {
        entry["harness_failure"] = *observation.harness_failure;
    }
    if (observation.error) {
        entry["error"] = *observation.error;
    }
    ordered_json relations = ordered_json::array();
    for (const ObservedRelation& relation : observation.relations) {
        relations.push_back(to_json(relation));
    }
    entry["relations"] = std::move(relations);
    return entry;
}

LockObserver::LockObserver(const PgServer& server, const std::filesystem::path& setup_sql) : m_server(server) {
    std::ifstream input(setup_sql, std::ios::binary);
    if (!input) {
        throw std::runtime_error("cannot read " + setup_sql.string());
    }
    const std::string setup((std::istreambuf_iterator<char>(input)), std::istreambuf_iterator<char>());
    const PsqlResult created = m_server.run_psql("CREATE DATABASE " + k_template_database + ";\n");
    if (created.exit_code != 0) {
        throw std::runtime_error("cannot create the template database: " + created.err);
    }
    const PsqlResult loaded = m_server.run_psql(setup, k_template_database);
    if (loaded.exit_code != 0) {
        throw std::runtime_error(setup_sql.string() + " does not load: " + loaded.err);
    }
    const PsqlResult copied = m_server.run_psql("CREATE DATABASE " + k_shared_case_database + " TEMPLATE " +
                                                k_template_database + ";\n");
    if (copied.exit_code != 0) {
        throw std::runtime_error("cannot copy the template database: " + copied.err);
    }
}

std::string LockObserver::create_case_database() {
    // Copying a small template takes tens of milliseconds on this setup.
    const std::string database = "migsafe_case_" + std::to_string(++m_databases_created);
    const PsqlResult created =
        m_server.run_psql("CREATE DATABASE " + database + " TEMPLATE " + k_template_database + ";\n");
    if (created.exit_code != 0) {
        throw std::runtime_error("cannot create " + database + ": " + created.err);
    }
    return database;
}

void LockObserver::drop_database(const std::string& database) {
    // Nothing from a case may linger into the next one; a failure here is a
    // broken harness, so it is not ignored.
    const PsqlResult dropped = m_server.run_psql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE);\n");
    if (dropped.exit_code != 0) {
        throw std::runtime_error("cannot drop " + database + ": " + dropped.err);
    }
}

Observation LockObserver::observe(const LockCase& lock_case) {
    if (lock_case.unobservable) {
        return {};
    }
    // Committed setup and statements that commit by themselves change the
    // database, so they get a private copy; everything else rolls back.
    const bool needs_own_database = lock_case.concurrent || !lock_case.setup.empty();
    if (!needs_own_database) {
        return observe_in_transaction(lock_case, k_shared_case_database);
    }
    if (!lock_case.concurrent) {
        const std::string database = create_case_database();
        Observation observation = observe_in_transaction(lock_case, database);
        drop_database(database);
        return observation;
    }
    // Sampling can miss a lock held for a moment, more so on a busy machine;
    // the union of a few rounds misses less.
    Observation combined;
    for (int round = 0; round < k_sampling_rounds; ++round) {
        const std::string database = create_case_database();
        Observation observation = observe_from_second_session(lock_case, database);
        drop_database(database);
        if (round == 0 || observation.error || observation.harness_failure) {
            combined = std::move(observation);
        } else {
            merge_sample(combined, observation);
        }
        if (combined.error || combined.harness_failure) {
            break;
        }
    }
    return combined;
}

Observation LockObserver::observe_in_transaction(const LockCase& lock_case, const std::string& database) {
    const std::string script = setup_script(lock_case) + "BEGIN;\n" + snapshot_query(k_before_prefix) +
                               lock_case.statement_script() + k_own_locks_query + snapshot_query(k_after_prefix) +
                               "ROLLBACK;\n";
    PsqlSession session;
    session.database = database;
    session.application_name = "migsafe_case";
    const PsqlResult result = m_server.run_psql(script, session);

    Observation observation;
    observation.ran = true;
    const std::optional<std::string> before = line_with_prefix(result.out, k_before_prefix);
    if (result.exit_code != 0) {
        if (before && result.err.find("ERROR:") != std::string::npos) {
            observation.error = server_error_message(result.err);
        } else {
            observation.harness_failure = (before ? "psql failed: " : "setup failed: ") + result.err;
        }
        return observation;
    }
    read_observation(observation, before, line_with_prefix(result.out, k_after_prefix),
                     line_with_prefix(result.out, k_locks_prefix));
    return observation;
}

Observation LockObserver::observe_from_second_session(const LockCase& lock_case, const std::string& database) {
    Observation observation;
    observation.ran = true;
    observation.sampled = true;

    PsqlSession poller_session;
    poller_session.database = "postgres";
    poller_session.application_name = "migsafe_poller_" + database;
    std::future<PsqlResult> poller = m_server.start_psql(poller_script(database), poller_session);

    // The alongside session takes its locks once the poller is ready and
    // then sleeps; the statement starts only when it is asleep, so that a
    // statement which waits for other transactions waits for this one,
    // holding the locks it has so far in plain view.
    std::optional<std::future<PsqlResult>> alongside;
    if (lock_case.alongside) {
        PsqlSession alongside_session;
        alongside_session.database = database;
        alongside_session.application_name = "migsafe_alongside_setup";
        alongside = m_server.start_psql(wait_for_poller_query(database, std::nullopt) + "SET application_name = '" +
                                            alongside_application_name(database) + "';\n" + *lock_case.alongside +
                                            (lock_case.alongside->ends_with(';') ? "\n" : ";\n"),
                                        alongside_session);
    }

    // Setup, then the "before" snapshot, then the wait for the poller: only
    // the statement itself runs under observation.
    const std::string worker_script =
        setup_script(lock_case) + snapshot_query(k_before_prefix) + "SET application_name = '" +
        worker_application_name(database) + "';\n" +
        wait_for_poller_query(database, lock_case.alongside ? std::optional(alongside_application_name(database))
                                                            : std::nullopt) +
        lock_case.statement_script();
    PsqlSession worker_session;
    worker_session.database = database;
    worker_session.application_name = "migsafe_worker_setup";
    const PsqlResult worker = m_server.run_psql(worker_script, worker_session);

    // A worker that failed before it was found leaves the poller waiting.
    if (poller.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
        const PsqlResult cancelled = m_server.run_psql(
            "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name IN ('" +
            poller_session.application_name + "', '" + poller_ready_application_name(database) + "');\n");
        if (cancelled.exit_code != 0) {
            observation.harness_failure = "cannot cancel the observing session: " + cancelled.err;
        }
    }
    const PsqlResult polled = poller.get();
    const std::optional<PsqlResult> alongside_result =
        alongside ? std::optional(alongside->get()) : std::optional<PsqlResult>();

    const std::optional<std::string> before = line_with_prefix(worker.out, k_before_prefix);
    if (worker.exit_code != 0) {
        if (before && worker.err.find("ERROR:") != std::string::npos &&
            worker.err.find("migsafe harness:") == std::string::npos) {
            observation.error = server_error_message(worker.err);
        } else {
            observation.harness_failure = (before ? "psql failed: " : "setup failed: ") + worker.err;
        }
        return observation;
    }
    if (polled.exit_code != 0) {
        observation.harness_failure = "the observing session failed: " + polled.err;
        return observation;
    }
    if (alongside_result && alongside_result->exit_code != 0) {
        observation.harness_failure = "the alongside session failed: " + alongside_result->err;
        return observation;
    }
    const PsqlResult after =
        m_server.run_psql(wait_for_other_sessions_query(database) + snapshot_query(k_after_prefix), database);
    if (after.exit_code != 0) {
        observation.harness_failure = "cannot read the state after the statement: " + after.err;
        return observation;
    }
    read_observation(observation, before, line_with_prefix(after.out, k_after_prefix),
                     line_with_prefix(polled.out, k_locks_prefix));
    return observation;
}

}  // namespace migsafe::pgtest
