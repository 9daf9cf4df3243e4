#include "migsafe/catalog_change.hpp"

namespace migsafe {

void CatalogChange::remember(ObjectId id, std::shared_ptr<const Relation> previous) {
    m_before.emplace(id, std::move(previous));  // the first version seen is the one before the statement
}

const Relation* CatalogChange::relation_before(const Catalog& after, ObjectId id) const {
    auto found = m_before.find(id);
    return found == m_before.end() ? after.relation(id) : found->second.get();
}

}  // namespace migsafe
