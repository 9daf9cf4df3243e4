#include "migsafe/relation_mentions.hpp"

#include <algorithm>

#include "migsafe/catalog.hpp"

namespace migsafe {

std::vector<ObjectId> relations_named_by(const Relation& relation) {
    std::vector<ObjectId> targets;
    auto add = [&](ObjectId target) {
        if (target != 0) {
            targets.push_back(target);
        }
    };
    auto add_uses = [&](const std::vector<ColumnUse>& uses) {
        for (const ColumnUse& use : uses) {
            add(use.relation);
        }
    };
    add(relation.index.table);
    add(relation.index.parent);
    add(relation.partition_of);
    add(relation.owned_by.relation);
    for (ObjectId parent : relation.inherits) {
        add(parent);
    }
    for (const Constraint& constraint : relation.constraints) {
        add(constraint.referenced);
    }
    add_uses(relation.uses);
    for (const Policy& policy : relation.policies) {
        add_uses(policy.uses);
    }
    for (const RewriteRule& rule : relation.rules) {
        add_uses(rule.uses);
    }
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    return targets;
}

void RelationMentions::record(const Relation& relation) {
    forget(relation.id);
    Recorded recorded{relation.display(), relations_named_by(relation)};
    for (ObjectId target : recorded.targets) {
        m_namers[target].emplace(recorded.key, relation.id);
    }
    if (!recorded.targets.empty()) {
        m_recorded.emplace(relation.id, std::move(recorded));
    }
}

void RelationMentions::forget(ObjectId relation) {
    auto found = m_recorded.find(relation);
    if (found == m_recorded.end()) {
        return;
    }
    for (ObjectId target : found->second.targets) {
        auto namers = m_namers.find(target);
        namers->second.erase({found->second.key, relation});
        if (namers->second.empty()) {
            m_namers.erase(namers);
        }
    }
    m_recorded.erase(found);
}

const RelationMentions::Namers& RelationMentions::namers_of(ObjectId target) const {
    static const Namers k_none;
    auto found = m_namers.find(target);
    return found == m_namers.end() ? k_none : found->second;
}

}  // namespace migsafe
