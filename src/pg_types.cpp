#include "migsafe/pg_types.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace migsafe {
namespace {

// Serial pseudo-types and the integer type PostgreSQL stores instead.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_serial_types = {{
    {"serial", "int4"},
    {"serial4", "int4"},
    {"bigserial", "int8"},
    {"serial8", "int8"},
    {"smallserial", "int2"},
    {"serial2", "int2"},
}};

// Built-in names that are spelled differently when written by hand than in pg_type.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> k_aliases = {{
    {"int", "int4"},
    {"integer", "int4"},
    {"smallint", "int2"},
    {"bigint", "int8"},
    {"boolean", "bool"},
    {"decimal", "numeric"},
    {"real", "float4"},
}};

std::string_view lookup(std::string_view name, const auto& table) {
    for (const auto& [from, to] : table) {
        if (name == from) {
            return to;
        }
    }
    return {};
}

// INTERVAL's first modifier is a mask of fields (utils/datetime.h).
constexpr std::int64_t k_interval_full_range = 0x7FFF;

std::string interval_fields(std::int64_t mask) {
    static constexpr std::array<std::pair<std::int64_t, std::string_view>, 13> k_fields = {{
        {1 << 2, "year"},
        {1 << 1, "month"},
        {1 << 3, "day"},
        {1 << 10, "hour"},
        {1 << 11, "minute"},
        {1 << 12, "second"},
        {(1 << 2) | (1 << 1), "year to month"},
        {(1 << 3) | (1 << 10), "day to hour"},
        {(1 << 3) | (1 << 10) | (1 << 11), "day to minute"},
        {(1 << 3) | (1 << 10) | (1 << 11) | (1 << 12), "day to second"},
        {(1 << 10) | (1 << 11), "hour to minute"},
        {(1 << 10) | (1 << 11) | (1 << 12), "hour to second"},
        {(1 << 11) | (1 << 12), "minute to second"},
    }};
    for (const auto& [value, text] : k_fields) {
        if (value == mask) {
            return std::string{text};
        }
    }
    return {};
}

std::string precision_suffix(const std::vector<std::int64_t>& modifiers) {
    return modifiers.empty() ? std::string{} : "(" + std::to_string(modifiers.front()) + ")";
}

std::string modifier_list(const std::vector<std::int64_t>& modifiers) {
    if (modifiers.empty()) {
        return {};
    }
    std::string text = "(";
    for (std::size_t i = 0; i < modifiers.size(); ++i) {
        text += (i == 0 ? "" : ",") + std::to_string(modifiers[i]);
    }
    return text + ")";
}

std::string format_base(const ColumnType& type) {
    const std::string& name = type.name;
    if (!type.schema.empty()) {
        const std::string qualified = type.schema == "public" ? quote_identifier(name)
                                                             : quote_identifier(type.schema) + "." +
                                                                   quote_identifier(name);
        return qualified + modifier_list(type.modifiers);
    }
    if (name == "int2") {
        return "smallint";
    }
    if (name == "int4") {
        return "integer";
    }
    if (name == "int8") {
        return "bigint";
    }
    if (name == "float4") {
        return "real";
    }
    if (name == "float8") {
        return "double precision";
    }
    if (name == "bool") {
        return "boolean";
    }
    if (name == "varchar") {
        return "character varying" + precision_suffix(type.modifiers);
    }
    if (name == "bpchar") {
        return type.modifiers.empty() ? "bpchar" : "character" + precision_suffix(type.modifiers);
    }
    if (name == "varbit") {
        return "bit varying" + precision_suffix(type.modifiers);
    }
    if (name == "timestamp" || name == "timestamptz") {
        return "timestamp" + precision_suffix(type.modifiers) +
               (name == "timestamp" ? " without time zone" : " with time zone");
    }
    if (name == "time" || name == "timetz") {
        return "time" + precision_suffix(type.modifiers) + (name == "time" ? " without time zone" : " with time zone");
    }
    if (name == "char") {
        return "\"char\"";
    }
    if (name == "interval") {
        std::string text = "interval";
        if (!type.modifiers.empty() && type.modifiers.front() != k_interval_full_range) {
            const std::string fields = interval_fields(type.modifiers.front());
            text += fields.empty() ? "" : " " + fields;
        }
        if (type.modifiers.size() >= 2) {
            text += "(" + std::to_string(type.modifiers[1]) + ")";
        }
        return text;
    }
    return quote_identifier(name) + modifier_list(type.modifiers);
}

bool widens(const ColumnType& from, const ColumnType& to) {
    if (to.modifiers.empty()) {
        return true;
    }
    return !from.modifiers.empty() && to.modifiers.front() >= from.modifiers.front();
}

}  // namespace

bool is_serial_type_name(Node type_name) {
    const TypeInfo info = type_info(type_name);
    return (info.schema.empty() || info.schema == "pg_catalog") && !info.is_array &&
           !lookup(info.name, k_serial_types).empty();
}

ColumnType column_type(Node type_name) {
    const TypeInfo info = type_info(type_name);
    // TypeInfo lower-cases the name; a quoted "BookingStatus" must keep its case.
    const std::vector<std::string> names = string_list(type_name["names"]);
    ColumnType type;
    type.schema = info.schema == "pg_catalog" ? std::string{} : info.schema;
    type.name = names.empty() ? info.name : names.back();
    type.modifiers = info.modifiers;
    type.is_array = info.is_array;
    type.unknown_modifier = info.has_unknown_modifier;
    if (type.schema.empty()) {
        if (auto serial = lookup(type.name, k_serial_types); !serial.empty() && !type.is_array) {
            type.name = std::string{serial};
        } else if (auto alias = lookup(type.name, k_aliases); !alias.empty()) {
            type.name = std::string{alias};
        }
        if (type.name == "numeric" && type.modifiers.size() == 1) {
            type.modifiers.push_back(0);
        }
    }
    return type;
}

ColumnType without_modifiers(ColumnType type) {
    type.modifiers.clear();
    type.unknown_modifier = false;
    return type;
}

std::string format_type(const ColumnType& type) {
    if (type.empty()) {
        return "unknown";
    }
    return format_base(type) + (type.is_array ? "[]" : "");
}

TypeChange classify_type_change(const ColumnType& from, const ColumnType& to, int pg_version, bool utc_session) {
    TypeChange change;
    if (from.empty() || to.empty() || from.unknown_modifier || to.unknown_modifier) {
        return change;
    }
    if (from == to) {
        change.binary_coercible = true;
        return change;
    }
    if (from.is_array || to.is_array || !from.schema.empty() || !to.schema.empty()) {
        return change;
    }
    const std::string& a = from.name;
    const std::string& b = to.name;
    if (a == "varchar" && (b == "text" || (b == "varchar" && widens(from, to)))) {
        change.binary_coercible = true;
    } else if (a == "text" && b == "varchar" && to.modifiers.empty()) {
        change.binary_coercible = true;
    } else if (a == "numeric" && b == "numeric") {
        // numeric(p,s) -> numeric(q>=p, s) or unconstrained numeric.
        change.binary_coercible = to.modifiers.empty() ||
                                  (from.modifiers.size() == 2 && to.modifiers.size() == 2 &&
                                   to.modifiers[0] >= from.modifiers[0] && to.modifiers[1] == from.modifiers[1]);
    } else if (a == "varbit" && b == "varbit") {
        change.binary_coercible = widens(from, to);
    } else if (a == "cidr" && b == "inet") {
        change.binary_coercible = true;
    } else if (a == "timestamp" && b == "timestamptz" && pg_version >= 12 && utc_session &&
               (to.modifiers.empty() || to.modifiers == from.modifiers)) {
        change.binary_coercible = true;
        change.rebuilds_indexes = true;
    }
    return change;
}

}  // namespace migsafe
