// Column types as PostgreSQL stores them: the canonical internal name with its
// modifiers, how format_type() prints it, and which type changes are
// binary-coercible (no table rewrite).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "migsafe/ast.hpp"

namespace migsafe {

struct ColumnType {
    std::string schema;  // empty for built-in types (pg_catalog)
    std::string name;    // internal name: "int4", "varchar", "timestamptz", or a user type's name
    std::vector<std::int64_t> modifiers;
    bool is_array = false;
    bool unknown_modifier = false;  // a modifier that is not an integer constant

    [[nodiscard]] bool empty() const { return name.empty(); }
    [[nodiscard]] bool builtin() const { return schema.empty(); }
    friend bool operator==(const ColumnType&, const ColumnType&) = default;
};

// The type a TypeName node names, canonicalised: `pg_catalog` dropped, serial
// types mapped to their integer type, numeric(p) completed to numeric(p,0).
[[nodiscard]] ColumnType column_type(Node type_name);

// The type without its modifiers: varchar(50) and varchar(100) compare equal (foreign
// keys between them work alike).
[[nodiscard]] ColumnType without_modifiers(ColumnType type);

// serial, bigserial, smallserial and their serialN spellings.
[[nodiscard]] bool is_serial_type_name(Node type_name);

// PostgreSQL's format_type(): "character varying(255)", "timestamp(3) with time zone",
// "integer[]"; user types schema-qualified when not in public.
[[nodiscard]] std::string format_type(const ColumnType& type);

struct TypeChange {
    bool binary_coercible = false;  // no table rewrite
    bool rebuilds_indexes = false;  // no rewrite, but every index on the column is rebuilt
};

// Whether changing a column from `from` to `to` keeps the stored bytes (the list in
// RULES.md, verified on PostgreSQL 15). `utc_session`: the session TimeZone is UTC,
// which makes timestamp -> timestamptz a relabelling on PostgreSQL 12 and later.
[[nodiscard]] TypeChange classify_type_change(const ColumnType& from, const ColumnType& to, int pg_version,
                                              bool utc_session);

}  // namespace migsafe
