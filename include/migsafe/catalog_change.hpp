// What one statement changed in the catalog: the relations as they were before
// it. Unchanged relations are shared with the catalog, so comparing before and
// after costs no copy of the whole catalog.
#pragma once

#include <map>
#include <memory>

#include "migsafe/catalog.hpp"

namespace migsafe {

class CatalogChange {
public:
    // Called by the catalog before it first changes, creates or removes `id`;
    // `previous` is null for a relation the statement creates.
    void remember(ObjectId id, std::shared_ptr<const Relation> previous);

    // `id` before the statement, looked up in `after` when the statement left it
    // alone; null when the statement created it.
    [[nodiscard]] const Relation* relation_before(const Catalog& after, ObjectId id) const;

private:
    std::map<ObjectId, std::shared_ptr<const Relation>> m_before;
};

}  // namespace migsafe
