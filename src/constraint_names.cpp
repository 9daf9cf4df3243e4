#include "migsafe/constraint_names.hpp"

#include "migsafe/catalog.hpp"

namespace migsafe {

void ConstraintNames::record(const Relation& relation) {
    forget(relation.id);
    std::vector<std::string> keys;
    keys.reserve(relation.constraints.size());
    for (const Constraint& constraint : relation.constraints) {
        keys.push_back(relation.schema + "." + constraint.name);
        m_holders[keys.back()].insert(relation.id);
    }
    if (!keys.empty()) {
        m_recorded.emplace(relation.id, std::move(keys));
    }
}

void ConstraintNames::forget(ObjectId relation) {
    auto found = m_recorded.find(relation);
    if (found == m_recorded.end()) {
        return;
    }
    for (const std::string& key : found->second) {
        auto holders = m_holders.find(key);
        holders->second.erase(relation);
        if (holders->second.empty()) {
            m_holders.erase(holders);
        }
    }
    m_recorded.erase(found);
}

const std::set<ObjectId>& ConstraintNames::holders(const std::string& schema, const std::string& name) const {
    static const std::set<ObjectId> k_none;
    auto found = m_holders.find(schema + "." + name);
    return found == m_holders.end() ? k_none : found->second;
}

}  // namespace migsafe
