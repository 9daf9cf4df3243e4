// The catalog as `migsafe schema` prints it: text for people, JSON for tools and tests.
#pragma once

#include <ostream>

#include <nlohmann/json_fwd.hpp>

#include "migsafe/catalog.hpp"

namespace migsafe {

[[nodiscard]] nlohmann::json catalog_to_json(const Catalog& catalog);
void render_catalog_text(const Catalog& catalog, std::ostream& out);

}  // namespace migsafe
