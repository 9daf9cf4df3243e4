// Observes, on a real server, which relation locks one statement takes and
// whether it rewrites or scans relations.
#pragma once

#include "lock_cases.hpp"
#include "pg_server.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace migsafe::pgtest {

struct ObservedRelation {
    std::string schema;
    std::string name;
    char relkind = 'r';
    std::string mode;                // strongest mode held, pg_locks spelling; empty: no lock
    std::vector<std::string> modes;  // every mode held, weakest first
    bool rewritten = false;          // its relfilenode changed
    bool scanned = false;            // sequential scans read its rows (tables only)
    bool created = false;            // did not exist before the statement
    bool dropped = false;            // no longer exists after it

    [[nodiscard]] bool is_index() const { return relkind == 'i' || relkind == 'I'; }
};

struct Observation {
    bool ran = false;                  // false for unobservable cases
    bool sampled = false;              // concurrent: locks seen by polling, a brief one can be missed
    std::optional<std::string> error;  // the server rejected the statement with this message
    std::optional<std::string> harness_failure;  // the observation itself went wrong
    std::vector<ObservedRelation> relations;     // by name
};

// 1 (AccessShareLock) to 8 (AccessExclusiveLock); 0 for anything else.
[[nodiscard]] int lock_mode_strength(std::string_view mode);
// "table", "partitioned table", "index", ... for pg_class.relkind.
[[nodiscard]] std::string relkind_name(char relkind);

// Keys in reading order, for the committed dump.
[[nodiscard]] nlohmann::ordered_json to_json(const ObservedRelation& relation);
[[nodiscard]] nlohmann::ordered_json to_json(const LockCase& lock_case, const Observation& observation);

class LockObserver {
public:
    // Loads setup.sql once into a template database. Throws std::runtime_error
    // when the setup does not load.
    LockObserver(const PgServer& server, const std::filesystem::path& setup_sql);

    [[nodiscard]] Observation observe(const LockCase& lock_case);

private:
    [[nodiscard]] Observation observe_in_transaction(const LockCase& lock_case, const std::string& database);
    [[nodiscard]] Observation observe_from_second_session(const LockCase& lock_case, const std::string& database);
    [[nodiscard]] std::string create_case_database();
    void drop_database(const std::string& database);

    const PgServer& m_server;
    int m_databases_created = 0;
};

}  // namespace migsafe::pgtest
