// Fix plans: the safe expand-and-contract sequence that replaces a dangerous statement.
#pragma once

#include <string>
#include <vector>

#include "migsafe/ast.hpp"

namespace migsafe {

struct FixPhase {
    std::string name;                // expand, backfill, validate, switch, contract
    std::string sql;
    bool own_migration = false;      // must be a migration file of its own
    bool outside_transaction = false;
    std::string deploy_before_next;  // application change to ship before the next phase
};

struct FixPlan {
    std::vector<FixPhase> phases;
    [[nodiscard]] bool empty() const { return phases.empty(); }
};

// Starts each phase that would wait for a lock blocking reads or writes of an existing
// table (as require-lock-timeout judges it) with SET lock_timeout, so the phase fails
// fast and can be retried instead of queueing all traffic behind its lock.
void guard_with_lock_timeout(FixPlan& plan, int pg_version);

// SQL building blocks several rules' plans share.

// The name migsafe gives the CHECK that stands in for NOT NULL while it is validated.
[[nodiscard]] std::string not_null_check_name(const QualifiedName& table, const std::string& column);
// NOT NULL on `columns` through validated CHECKs, one statement at a time outside a
// transaction (each commits before the next): CHECKs NOT VALID, VALIDATE each, SET NOT
// NULL (one scan-free ALTER), DROP the CHECKs. Before PostgreSQL 12 SET NOT NULL scans
// regardless, so the CHECKs are kept instead.
[[nodiscard]] FixPhase not_null_through_check_phase(const QualifiedName& table,
                                                    const std::vector<std::string>& columns, int pg_version);
// A DO block that updates `table` 5000 rows at a time, committing each batch, until
// no row matches `pending` (which the assignments must make false).
[[nodiscard]] std::string batched_update_sql(const QualifiedName& table, const std::string& assignments,
                                             const std::string& pending);
// A DO block that runs `UPDATE table SET assignments` over every row, 5000 rows of
// `key` (a unique, NOT NULL column of type `key_type`) at a time in key order,
// committing each batch: it ends whatever the assignments compute.
[[nodiscard]] std::string batched_update_by_key_sql(const QualifiedName& table, const std::string& assignments,
                                                    const std::string& key, const std::string& key_type);
// A DO block that deletes the rows of `table` matching `condition` (empty: all) in batches.
[[nodiscard]] std::string batched_delete_sql(const QualifiedName& table, const std::string& condition);

}  // namespace migsafe
