#include "migsafe/table_stats.hpp"

#include <nlohmann/json.hpp>

#include "migsafe/discover.hpp"
#include "migsafe/source.hpp"

namespace migsafe {
namespace {

using Json = nlohmann::json;

// As pg_size_pretty prints it: a unit is kept up to 10,239 of it.
std::string pretty_bytes(std::int64_t bytes) {
    constexpr std::int64_t k_limit = 10 * 1024;
    const char* const units[] = {"bytes", "kB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= k_limit && unit + 1 < std::size(units)) {
        value /= 1024;
        ++unit;
    }
    return std::to_string(static_cast<std::int64_t>(value + 0.5)) + " " + units[unit];
}

std::string with_thousands(std::int64_t number) {
    std::string digits = std::to_string(number);
    for (std::ptrdiff_t at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
}

std::string pretty_duration(double seconds) {
    if (seconds < 1) {
        return "under a second";
    }
    if (seconds < 120) {
        return "about " + std::to_string(static_cast<std::int64_t>(seconds + 0.5)) + " s";
    }
    if (seconds < 2 * 3600) {
        return "about " + std::to_string(static_cast<std::int64_t>(seconds / 60 + 0.5)) + " min";
    }
    return "about " + std::to_string(static_cast<std::int64_t>(seconds / 3600 + 0.5)) + " h";
}

std::string describe(const TableSize& size) {
    std::string text = size.rows ? with_thousands(*size.rows) + " rows in " : std::string{};
    return text + pretty_bytes(size.bytes);
}

// The relation the statement spends its time on: the one it rewrites, else the one it reads.
const RelationEffect* working_relation(const StatementEffects& effects) {
    for (const RelationEffect& relation : effects.relations) {
        if (relation.rewrite) {
            return &relation;
        }
    }
    for (const RelationEffect& relation : effects.relations) {
        if (relation.scan) {
            return &relation;
        }
    }
    return effects.target();
}

Result<TableStats> read_stats(const Json& root, const std::string& path) {
    const auto fail = [&path](const std::string& message) {
        return make_error(ErrorKind::usage, "--stats: " + message, path);
    };
    if (!root.is_object() || !root.contains("tables") || !root["tables"].is_array()) {
        return fail("expected {\"tables\": [{\"schema\", \"name\", \"rows\", \"bytes\"}, ...]}");
    }
    TableStats stats;
    std::size_t index = 0;
    for (const Json& entry : root["tables"]) {
        const std::string where = "tables[" + std::to_string(index++) + "]";
        if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
            return fail(where + " needs a string \"name\"");
        }
        if (entry.contains("schema") && !entry["schema"].is_string()) {
            return fail(where + ".schema must be a string");
        }
        if (!entry.contains("bytes") || !entry["bytes"].is_number_integer() || entry["bytes"].get<std::int64_t>() < 0) {
            return fail(where + " needs \"bytes\", a whole number of bytes (pg_total_relation_size)");
        }
        TableSize size;
        size.bytes = entry["bytes"].get<std::int64_t>();
        if (entry.contains("rows") && !entry["rows"].is_null()) {
            if (!entry["rows"].is_number()) {
                return fail(where + ".rows must be a number or null");
            }
            const double rows = entry["rows"].get<double>();
            // reltuples is -1 on a table never vacuumed or analysed: unknown, not empty.
            if (rows >= 0) {
                size.rows = static_cast<std::int64_t>(rows);
            }
        }
        stats.add(QualifiedName{entry.value("schema", std::string{}), entry["name"].get<std::string>()}, size);
    }
    return stats;
}

}  // namespace

void TableStats::add(const QualifiedName& table, TableSize size) { m_tables[table.key()] = size; }

const TableSize* TableStats::find(const QualifiedName& table) const {
    const auto found = m_tables.find(table.key());
    return found == m_tables.end() ? nullptr : &found->second;
}

Result<TableStats> parse_table_stats(std::string_view text, const std::string& path) {
    const Json root = Json::parse(text.begin(), text.end(), nullptr, false);
    if (root.is_discarded()) {
        try {
            [[maybe_unused]] const Json again = Json::parse(text.begin(), text.end());
        } catch (const Json::parse_error& error) {
            const LineIndex lines{text};
            const std::size_t offset = error.byte > 0 ? std::min<std::size_t>(error.byte - 1, text.size()) : 0;
            return make_error(ErrorKind::usage, "--stats: not valid JSON", path, lines.position_at(offset));
        } catch (const Json::exception&) {
            // Not a syntax error but still unreadable, e.g. a number beyond a double.
        }
        return make_error(ErrorKind::usage, "--stats: not valid JSON", path);
    }
    return read_stats(root, path);
}

Result<TableStats> load_table_stats(const std::string& path) {
    auto source = read_source_file(path);
    if (!source) {
        return make_error(ErrorKind::io, "--stats: cannot read the file", path);
    }
    return parse_table_stats(source->text, path);
}

std::optional<TableSizeVerdict> judge_table_size(const StatementEffects& effects, const TableStats& stats,
                                                 std::int64_t small_table_bytes) {
    const RelationEffect* relation = working_relation(effects);
    if (relation == nullptr || relation->created) {
        return std::nullopt;
    }
    const TableSize* size = stats.find(relation->relation);
    if (size == nullptr) {
        return std::nullopt;
    }
    const std::string table = relation->relation.display();
    TableSizeVerdict verdict;
    if (size->bytes < small_table_bytes) {
        verdict.severity = Severity::hint;
        verdict.note = table + " is small per --stats (" + describe(*size) +
                       "), so the lock is brief";
        return verdict;
    }
    const bool rewrite = relation->rewrite;
    const std::int64_t rate = rewrite ? k_rewrite_bytes_per_second : k_scan_bytes_per_second;
    verdict.note = "per --stats " + table + " holds " + describe(*size) + ": " +
                   (rewrite ? "rewriting" : "reading") + " it takes " +
                   pretty_duration(static_cast<double>(size->bytes) / static_cast<double>(rate)) + " at " +
                   std::to_string(rate / 1000 / 1000) + " MB/s (an idle server; a busy one is slower)";
    return verdict;
}

}  // namespace migsafe
