// Table sizes from `--stats FILE`: how big each table is in production, so a
// finding whose lock is held for time proportional to the table can say how
// long, and one on a tiny table can pass as a hint.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "migsafe/ast.hpp"
#include "migsafe/error.hpp"
#include "migsafe/finding.hpp"
#include "migsafe/lock_model.hpp"

namespace migsafe {

struct TableSize {
    std::optional<std::int64_t> rows;  // null: never analysed (reltuples -1)
    std::int64_t bytes = 0;            // pg_total_relation_size, partitions included
};

// Below this many bytes a table's lock is held for well under a second.
inline constexpr std::int64_t k_default_small_table_bytes = 10LL * 1024 * 1024;

// Throughputs measured on PostgreSQL 15 on an idle server with the table cached
// (docs/table-stats.md): a loaded server or a cold cache is slower.
inline constexpr std::int64_t k_rewrite_bytes_per_second = 50LL * 1000 * 1000;
inline constexpr std::int64_t k_scan_bytes_per_second = 250LL * 1000 * 1000;

class TableStats {
public:
    void add(const QualifiedName& table, TableSize size);
    // By QualifiedName::key(): an unqualified name is looked up in public.
    [[nodiscard]] const TableSize* find(const QualifiedName& table) const;
    [[nodiscard]] std::size_t size() const { return m_tables.size(); }

private:
    std::map<std::string, TableSize> m_tables;
};

// The JSON scripts/table-stats.sql prints:
// {"tables": [{"schema": "public", "name": "users", "rows": 1200, "bytes": 98304}, ...]}
[[nodiscard]] Result<TableStats> parse_table_stats(std::string_view text, const std::string& path);
[[nodiscard]] Result<TableStats> load_table_stats(const std::string& path);

// What a table's size does to a lock-duration finding: the severity it drops to
// (none: unchanged) and the sentence appended to its message.
struct TableSizeVerdict {
    std::optional<Severity> severity;
    std::string note;
};

// `effects` says which relation the statement works through and whether it
// rewrites or only reads it; nothing is said about a table the stats do not list.
[[nodiscard]] std::optional<TableSizeVerdict> judge_table_size(const StatementEffects& effects,
                                                               const TableStats& stats,
                                                               std::int64_t small_table_bytes);

}  // namespace migsafe
