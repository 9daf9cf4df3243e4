#include "catalog_compare.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace migsafe::testing {
namespace {

using nlohmann::json;

std::string column_name(const Relation* relation, int number) {
    const Column* column = relation == nullptr ? nullptr : relation->column(number);
    return column == nullptr ? "?" + std::to_string(number) : column->name;
}

json names(const Relation* relation, const std::vector<int>& numbers) {
    json list = json::array();
    for (int number : numbers) {
        list.push_back(column_name(relation, number));
    }
    return list;
}

json reads(const Catalog& catalog, const std::vector<ColumnUse>& uses) {
    std::set<std::string> unique;
    for (const ColumnUse& use : uses) {
        if (const Relation* relation = catalog.relation(use.relation); relation != nullptr) {
            unique.insert(relation->display() + "." + column_name(relation, use.column));
        }
    }
    return json(std::vector<std::string>(unique.begin(), unique.end()));
}

json sorted_by_name(json list) {
    std::vector<json> items(list.begin(), list.end());
    std::sort(items.begin(), items.end(),
              [](const json& a, const json& b) { return a.value("name", "") < b.value("name", ""); });
    return json(items);
}

// Orders what PostgreSQL does not order the same way twice.
json normalised(const json& catalog) {
    json result = catalog;
    for (json& table : result["tables"]) {
        for (json& constraint : table["constraints"]) {
            if (constraint.value("type", "") == "check") {
                std::vector<std::string> columns = constraint["columns"];
                std::sort(columns.begin(), columns.end());
                constraint["columns"] = columns;
            }
        }
        for (json& policy : table["policies"]) {
            std::vector<std::string> list = policy["reads"];
            std::sort(list.begin(), list.end());
            policy["reads"] = list;
        }
        table["constraints"] = sorted_by_name(table["constraints"]);
        table["indexes"] = sorted_by_name(table["indexes"]);
        table["policies"] = sorted_by_name(table["policies"]);
    }
    if (!result.contains("views") || result["views"].is_null()) {
        result["views"] = json::array();
    }
    for (json& view : result["views"]) {
        std::vector<std::string> list = view["reads"];
        std::sort(list.begin(), list.end());
        view["reads"] = list;
    }
    return result;
}

std::map<std::string, json> by_key(const json& list, bool qualified) {
    std::map<std::string, json> map;
    for (const json& item : list) {
        const std::string key = qualified ? item.value("schema", "") + "." + item.value("name", "")
                                          : item.value("name", "");
        map[key] = item;
    }
    return map;
}

}  // namespace

json comparable_catalog(const Catalog& catalog) {
    json tables = json::array();
    json views = json::array();
    for (const Relation* relation : catalog.relations()) {
        if (relation->kind == RelationKind::view || relation->kind == RelationKind::materialized_view) {
            views.push_back(json{{"schema", relation->schema},
                                 {"name", relation->name},
                                 {"materialized", relation->kind == RelationKind::materialized_view},
                                 {"reads", reads(catalog, relation->uses)}});
            continue;
        }
        if (!relation->is_table()) {
            continue;
        }
        json columns = json::array();
        for (const Column& column : relation->columns) {
            columns.push_back(json{{"name", column.name},
                                   {"type", format_type(column.type)},
                                   {"not_null", column.not_null},
                                   {"default", !column.default_sql.empty()},
                                   {"identity", column.identity != Identity::none},
                                   {"generated", !column.generated_sql.empty()}});
        }
        json constraints = json::array();
        for (const Constraint& constraint : relation->constraints) {
            json item{{"name", constraint.name},
                      {"type", std::string{constraint_kind_name(constraint.kind)}},
                      {"columns", names(relation, constraint.kind == ConstraintKind::check ? constraint.expression_columns
                                                                                          : constraint.columns)},
                      {"validated", constraint.validated},
                      {"references", nullptr}};
            if (constraint.kind == ConstraintKind::foreign_key) {
                const Relation* referenced = catalog.relation(constraint.referenced);
                item["references"] = json{{"relation", referenced == nullptr ? "?" : referenced->display()},
                                          {"columns", names(referenced, constraint.referenced_columns)}};
            }
            constraints.push_back(std::move(item));
        }
        json indexes = json::array();
        for (const Relation* index : catalog.indexes_of(relation->id)) {
            json keys = json::array();
            for (const IndexKey& key : index->index.keys) {
                keys.push_back(key.column == 0 ? std::string{"expr"} : column_name(relation, key.column));
            }
            indexes.push_back(json{{"name", index->name},
                                   {"unique", index->index.unique},
                                   {"primary", index->index.primary},
                                   {"keys", keys},
                                   {"partial", !index->index.predicate_sql.empty()}});
        }
        json policies = json::array();
        for (const Policy& policy : relation->policies) {
            policies.push_back(json{{"name", policy.name},
                                    {"command", policy.command},
                                    {"permissive", policy.permissive},
                                    {"reads", reads(catalog, policy.uses)}});
        }
        tables.push_back(json{{"schema", relation->schema},
                              {"name", relation->name},
                              {"kind", std::string{relation_kind_name(relation->kind)}},
                              {"row_level_security",
                               json{{"enabled", relation->row_security}, {"forced", relation->force_row_security}}},
                              {"columns", columns},
                              {"constraints", constraints},
                              {"indexes", indexes},
                              {"policies", policies}});
    }
    return json{{"tables", tables}, {"views", views}};
}

CatalogComparison compare_catalogs(const json& expected_raw, const json& actual_raw) {
    CatalogComparison result;
    const json expected = normalised(expected_raw);
    const json actual = normalised(actual_raw);
    const auto expected_tables = by_key(expected["tables"], true);
    const auto actual_tables = by_key(actual["tables"], true);
    std::set<std::string> keys;
    for (const auto& [key, table] : expected_tables) {
        keys.insert(key);
    }
    for (const auto& [key, table] : actual_tables) {
        keys.insert(key);
    }
    for (const std::string& key : keys) {
        auto want = expected_tables.find(key);
        auto got = actual_tables.find(key);
        if (got == actual_tables.end()) {
            result.differences.push_back("table " + key + ": missing");
            continue;
        }
        if (want == expected_tables.end()) {
            result.differences.push_back("table " + key + ": not in the expected catalog");
            continue;
        }
        for (const char* field : {"kind", "row_level_security"}) {
            if (want->second[field] != got->second[field]) {
                result.differences.push_back("table " + key + " " + field + ": expected " + want->second[field].dump() +
                                             ", got " + got->second[field].dump());
            }
        }
        for (const char* list : {"columns", "constraints", "indexes", "policies"}) {
            const auto want_items = by_key(want->second[list], false);
            const auto got_items = by_key(got->second[list], false);
            std::set<std::string> names_seen;
            for (const auto& [name, item] : want_items) {
                names_seen.insert(name);
            }
            for (const auto& [name, item] : got_items) {
                names_seen.insert(name);
            }
            const std::string kind = std::string{list}.substr(0, std::string{list}.size() - 1);
            for (const std::string& name : names_seen) {
                auto want_item = want_items.find(name);
                auto got_item = got_items.find(name);
                if (got_item == got_items.end()) {
                    result.differences.push_back(key + " " + kind + " " + name + ": missing, expected " +
                                                 want_item->second.dump());
                } else if (want_item == want_items.end()) {
                    result.differences.push_back(key + " " + kind + " " + name + ": unexpected " +
                                                 got_item->second.dump());
                } else if (want_item->second != got_item->second) {
                    result.differences.push_back(key + " " + kind + " " + name + ": expected " +
                                                 want_item->second.dump() + ", got " + got_item->second.dump());
                } else {
                    ++result.matched;
                }
            }
        }
    }
    const auto expected_views = by_key(expected["views"], true);
    const auto actual_views = by_key(actual["views"], true);
    for (const auto& [key, view] : expected_views) {
        auto got = actual_views.find(key);
        if (got == actual_views.end()) {
            result.differences.push_back("view " + key + ": missing");
        } else if (got->second != view) {
            result.differences.push_back("view " + key + ": expected " + view.dump() + ", got " + got->second.dump());
        } else {
            ++result.matched;
        }
    }
    for (const auto& [key, view] : actual_views) {
        if (expected_views.count(key) == 0) {
            result.differences.push_back("view " + key + ": not in the expected catalog");
        }
    }
    return result;
}

}  // namespace migsafe::testing
