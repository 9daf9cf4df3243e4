// Replacing a column by a new one of another type (the expand and contract of
// changing-column-type) must carry along everything that depends on it. This
// builds that SQL from the catalog, phase by phase; what cannot be moved
// safely is returned as a checklist instead.
#pragma once

#include <string>
#include <vector>

#include "migsafe/catalog.hpp"

namespace migsafe {

struct ColumnSwap {
    std::vector<std::string> expand;     // in the expand migration, after the new column is added
    std::vector<std::string> build;      // after the backfill, outside a transaction (CONCURRENTLY, VALIDATE)
    std::vector<std::string> on_switch;  // in the switch transaction, after the columns are renamed
    std::vector<std::string> validate;   // after the switch: constraints recreated NOT VALID
    std::vector<std::string> manual;     // dependents left to the user, one sentence each
};

// The new column is named `new_column` until the switch renames it to the old name.
[[nodiscard]] ColumnSwap plan_column_swap(const Catalog& catalog, const Relation& table, const Column& column,
                                          const std::string& new_column, const ColumnType& new_type);

}  // namespace migsafe
