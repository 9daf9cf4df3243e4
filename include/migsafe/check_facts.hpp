// What CHECK constraints and partition bounds say about columns, as data that
// later statements can be proven against (PostgreSQL proves SET NOT NULL and
// ATTACH PARTITION from validated CHECK constraints instead of scanning).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/ast.hpp"

namespace migsafe {

struct Statement;

// A constant as SQL text, e.g. 1000, -5, 'it''s', '2020-01-01'::date; nullopt when
// `node` is not a plain constant (or a cast of one).
[[nodiscard]] std::optional<std::string> constant_sql(Node node, const Statement& statement);

// `column op constant`, with the column always on the left.
struct ColumnComparison {
    std::string column;
    std::string op;  // = < <= > >= <>
    std::string value;
};

// `column IN (constants)` or `column = ANY (ARRAY[constants])`.
struct ColumnValueList {
    std::string column;
    std::vector<std::string> values;
};

// The top-level AND conjuncts of a CHECK expression that migsafe understands.
// An OR, a NOT or a function call contributes nothing, as PostgreSQL's proof of
// "not null" and of partition bounds needs these plain conjuncts.
struct CheckFacts {
    std::set<std::string> not_null_columns;  // `column IS NOT NULL`
    std::vector<ColumnComparison> comparisons;
    std::vector<ColumnValueList> value_lists;

    [[nodiscard]] bool implies_not_null(std::string_view column) const;
};

[[nodiscard]] CheckFacts check_facts(Node expression, const Statement& statement);

// Distinct column names an expression references, in order of appearance.
[[nodiscard]] std::vector<std::string> referenced_columns(Node expression);

// The name PostgreSQL gives an unnamed CHECK: <table>_<column>_check when the
// expression references exactly one column, else <table>_check.
[[nodiscard]] std::string default_check_name(std::string_view table, Node expression);

// A partition bound (PartitionBoundSpec content) as data.
struct PartitionBound {
    enum class Kind { range, list, hash, default_partition };
    Kind kind = Kind::range;
    std::vector<std::optional<std::string>> lower;   // nullopt: MINVALUE
    std::vector<std::optional<std::string>> upper;   // nullopt: MAXVALUE
    std::vector<std::optional<std::string>> values;  // list values; nullopt: NULL
    bool constants_only = true;                      // every datum is a constant migsafe can write
};

[[nodiscard]] PartitionBound partition_bound(Node bound_spec, const Statement& statement);

// A CHECK expression on a single-column partition key that PostgreSQL accepts as
// proof of `bound`, e.g. "k IS NOT NULL AND k >= 1000 AND k < 2000"; nullopt for
// hash and default bounds, multi-column keys and bounds with non-constant datums.
[[nodiscard]] std::optional<std::string> bound_check_sql(const std::string& key, const PartitionBound& bound);

// Whether a validated CHECK with `facts` proves every row fits `bound` on `key`
// (`key_not_null`: the column itself is NOT NULL). Conservative: constants must
// match the bound's text exactly.
[[nodiscard]] bool check_implies_bound(const CheckFacts& facts, bool key_not_null, const std::string& key,
                                       const PartitionBound& bound);

}  // namespace migsafe
