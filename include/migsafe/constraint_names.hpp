// Which relations hold a constraint of a given name in a schema. PostgreSQL picks
// implicit constraint names unique per schema; the catalog editor checks its
// candidates here instead of scanning every relation.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace migsafe {

struct Relation;
using ObjectId = std::uint32_t;

class ConstraintNames {
public:
    // Records the constraints of `relation`, replacing what was recorded for it before.
    void record(const Relation& relation);
    void forget(ObjectId relation);
    // The relations recorded with a constraint `name` in `schema`.
    [[nodiscard]] const std::set<ObjectId>& holders(const std::string& schema, const std::string& name) const;

private:
    std::map<std::string, std::set<ObjectId>> m_holders;  // by "schema.name"
    std::map<ObjectId, std::vector<std::string>> m_recorded;
};

}  // namespace migsafe
