// Which relations name a given relation in their own definition: an index its
// table and parent index, a partition or inheritance child its parent, a foreign
// key its referenced table, a view, policy or rule the tables it reads, a
// sequence its owner. The catalog keeps it so that "what depends on this table"
// does not scan every relation.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace migsafe {

struct Relation;
using ObjectId = std::uint32_t;

class RelationMentions {
public:
    // ("schema.name", id) of the naming relations, in the catalog's name order.
    using Namers = std::set<std::pair<std::string, ObjectId>>;

    // Records what `relation` names, replacing what was recorded for it before.
    void record(const Relation& relation);
    void forget(ObjectId relation);
    // The relations recorded as naming `target`, as they were when recorded.
    [[nodiscard]] const Namers& namers_of(ObjectId target) const;

private:
    struct Recorded {
        std::string key;
        std::vector<ObjectId> targets;
    };
    std::map<ObjectId, Namers> m_namers;
    std::map<ObjectId, Recorded> m_recorded;
};

// The relations `relation` names, each once, without 0.
[[nodiscard]] std::vector<ObjectId> relations_named_by(const Relation& relation);

}  // namespace migsafe
