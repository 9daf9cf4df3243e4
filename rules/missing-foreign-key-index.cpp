#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/joined.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// An index whose leading keys are exactly `columns` (in any order) and that covers
// every row, so a lookup by the key's columns can use it.
bool covers(const Relation& index, const std::set<int>& columns) {
    if (!index.index.predicate_sql.empty() || index.index.keys.size() < columns.size()) {
        return false;
    }
    std::set<int> leading;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        leading.insert(index.index.keys[i].column);
    }
    return leading == columns;
}

// Judged once the unit has ended: the index is usually created after the key.
void finish(const UnitContext& unit, FindingSink& sink) {
    if (unit.state().unit().down) {
        return;
    }
    std::set<std::string> reported;
    for (const ForeignKeyAddition& addition : unit.state().foreign_key_additions()) {
        const Relation* table = unit.catalog().find_relation(addition.table);
        if (table == nullptr || !table->complete || addition.columns.empty()) {
            continue;  // a table migsafe never saw created may have indexes it does not know
        }
        std::set<int> numbers;
        for (const std::string& name : addition.columns) {
            if (const Column* column = table->find_column(name); column != nullptr) {
                numbers.insert(column->number);
            }
        }
        const bool still_declared =
            std::any_of(table->constraints.begin(), table->constraints.end(), [&](const Constraint& key) {
                return key.kind == ConstraintKind::foreign_key &&
                       std::set<int>(key.columns.begin(), key.columns.end()) == numbers;
            });
        if (numbers.size() != addition.columns.size() || !still_declared) {
            continue;
        }
        const std::vector<const Relation*> indexes = unit.catalog().indexes_of(table->id);
        if (std::any_of(indexes.begin(), indexes.end(), [&](const Relation* index) { return covers(*index, numbers); })) {
            continue;
        }
        const std::string columns = joined_identifiers(addition.columns);
        if (!reported.insert(table->display() + "(" + columns + ")").second) {
            continue;
        }
        sink.report(ReportedFinding{
            addition.span,
            "no index on " + table->display() + " (" + columns + ") for its foreign key: every DELETE or key "
                "UPDATE on the referenced table scans " + table->display() + " to check for references, "
                "and joins along the key cannot use an index",
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS ON " + quote_name(table->qualified()) + " (" + columns +
                "); in a migration that runs outside a transaction",
            std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& missing_foreign_key_index() {
    static const Rule k_rule{
        RuleMeta{
            .id = "missing-foreign-key-index",
            .default_severity = Severity::hint,
            .summary = "A foreign key whose referencing columns have no index",
            .rationale = "PostgreSQL indexes the referenced side of a foreign key, never the referencing side. "
                         "Without an index there, every DELETE or key UPDATE on the referenced table scans the "
                         "referencing table while holding its row lock, and ON DELETE CASCADE deletes row by "
                         "row with a scan each; the table grows and these get slower with it.",
            .safe_alternative = "Create an index whose leading columns are the key's columns, concurrently on an "
                                "existing table.",
            .exceptions = "An index (not partial) whose leading columns are the key's columns in any order, "
                          "created anywhere in the migration or known from the schema; tables migsafe never saw "
                          "created; keys dropped again before the migration ends.",
            .example_bad = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);",
            .example_good = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);\n"
                            "CREATE INDEX orders_customer_id_idx ON orders (customer_id);",
            .statement_kinds = {"CreateStmt", "AlterTableStmt"},
            .fix = FixAvailability::none,
        },
        nullptr,
        &finish,
    };
    return k_rule;
}

}  // namespace migsafe::rules
