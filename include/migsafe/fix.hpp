// Fix plans: the safe expand-and-contract sequence that replaces a dangerous statement.
#pragma once

#include <string>
#include <vector>

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

}  // namespace migsafe
