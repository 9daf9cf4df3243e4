#include "migsafe/volatility.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace migsafe {
namespace {

// Built-in functions that are STABLE or IMMUTABLE (pg_proc.provolatile <> 'v')
// and common in column defaults. Sorted for binary search.
constexpr std::array<std::string_view, 62> k_non_volatile_functions = {
    "abs",          "array_append",   "array_cat",        "array_fill",      "array_length",
    "array_prepend", "array_to_string", "btrim",          "ceil",            "coalesce",
    "concat",       "concat_ws",      "current_database", "current_schema",  "current_setting",
    "date",         "date_part",      "date_trunc",       "floor",           "format",
    "greatest",     "int4",           "int8",             "json_build_array", "json_build_object",
    "jsonb_build_array", "jsonb_build_object", "least",   "left",            "length",
    "localtime",    "localtimestamp", "lower",            "ltrim",           "make_date",
    "make_interval", "make_time",     "make_timestamp",   "make_timestamptz", "md5",
    "now",          "nullif",         "numeric",          "replace",         "right",
    "round",        "rtrim",          "split_part",       "statement_timestamp", "substr",
    "substring",    "text",           "timezone",         "to_char",         "to_date",
    "to_json",      "to_jsonb",       "to_number",        "to_timestamp",    "transaction_timestamp",
    "trim",         "upper",
};

bool is_known_non_volatile(std::string_view name) {
    return std::binary_search(k_non_volatile_functions.begin(), k_non_volatile_functions.end(), name);
}

}  // namespace

bool is_volatile_expression(Node expression) {
    bool is_volatile = false;
    visit_nodes(expression, [&](std::string_view type, Node content) {
        if (type == "FuncCall" && !is_known_non_volatile(function_name(content))) {
            is_volatile = true;
        } else if (type == "SubLink") {
            is_volatile = true;  // PostgreSQL rejects subqueries in defaults; never call it safe
        }
        return !is_volatile;
    });
    return is_volatile;
}

}  // namespace migsafe
