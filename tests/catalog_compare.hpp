// Compares a catalog migsafe built with PostgreSQL's own (the JSON that
// testdata/schema_replay/server_catalog.sql prints), object by object.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "migsafe/catalog.hpp"

namespace migsafe::testing {

// The catalog in server_catalog.sql's shape.
[[nodiscard]] nlohmann::json comparable_catalog(const Catalog& catalog);

struct CatalogComparison {
    std::size_t matched = 0;               // tables' columns, constraints, indexes, policies, and views
    std::vector<std::string> differences;  // one line each, naming the object
};

// `expected` and `actual` in server_catalog.sql's shape.
[[nodiscard]] CatalogComparison compare_catalogs(const nlohmann::json& expected, const nlohmann::json& actual);

}  // namespace migsafe::testing
