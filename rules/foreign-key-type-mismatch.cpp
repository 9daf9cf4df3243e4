#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// Statements that can declare a foreign key or change a key column's type.
bool may_change_keys(Node stmt) {
    const auto foreign = [](Node constraint) { return constraint["contype"].str() == "CONSTR_FOREIGN"; };
    const auto column_has_key = [&](Node column) {
        for (const Node& item : column["constraints"].items()) {
            if (foreign(item.as("Constraint"))) {
                return true;
            }
        }
        return false;
    };
    for (const Node& element : stmt["tableElts"].items()) {
        if (Node column = element.as("ColumnDef"); column ? column_has_key(column) : foreign(element.as("Constraint"))) {
            return true;
        }
    }
    for (const Node& item : stmt["cmds"].items()) {
        Node command = item.as("AlterTableCmd");
        const std::string_view subtype = command["subtype"].str();
        if (subtype == "AT_AlterColumnType" || (subtype == "AT_AddConstraint" && foreign(command["def"].as("Constraint"))) ||
            (subtype == "AT_AddColumn" && column_has_key(command["def"].as("ColumnDef")))) {
            return true;
        }
    }
    return false;
}

// Domains compare as their base type: a key over a domain of uuid matches uuid.
ColumnType comparable(const Catalog& catalog, const ColumnType& type) {
    const TypeDef* domain = catalog.find_type(type);
    return without_modifiers(domain != nullptr && domain->kind == TypeKind::domain ? domain->base : type);
}

// "public.orders.user_id is integer but public.users.id is bigint" for the first differing pair.
// `referenced` is the table the key references, as of the same moment as `table`.
std::optional<std::string> mismatch(const Catalog& catalog, const Relation& table, const Constraint& key,
                                    const Relation* referenced) {
    if (referenced == nullptr) {
        return std::nullopt;
    }
    std::vector<int> referenced_columns = key.referenced_columns;
    if (referenced_columns.empty()) {
        for (const Constraint& constraint : referenced->constraints) {
            if (constraint.kind == ConstraintKind::primary_key) {
                referenced_columns = constraint.columns;
            }
        }
    }
    for (std::size_t i = 0; i < key.columns.size() && i < referenced_columns.size(); ++i) {
        const Column* from = table.column(key.columns[i]);
        const Column* to = referenced->column(referenced_columns[i]);
        if (from == nullptr || to == nullptr || from->type.empty() || to->type.empty()) {
            continue;
        }
        if (comparable(catalog, from->type) != comparable(catalog, to->type)) {
            return table.display() + "." + from->name + " is " + format_type(from->type) + " but " +
                   referenced->display() + "." + to->name + ", which it references, is " + format_type(to->type);
        }
    }
    return std::nullopt;
}

void check_applied(const AppliedContext& applied, FindingSink& sink) {
    const StatementContext& context = applied.statement();
    if (!may_change_keys(context.node())) {
        return;
    }
    const Catalog& after = applied.after();
    const Relation* table = after.find_relation(relation_name(context.node()["relation"]));
    if (table == nullptr) {
        return;
    }
    std::vector<std::pair<const Relation*, const Constraint*>> keys;
    for (const Constraint& key : table->constraints) {
        if (key.kind == ConstraintKind::foreign_key) {
            keys.emplace_back(table, &key);
        }
    }
    for (const auto& incoming : after.foreign_keys_to(table->id)) {
        if (incoming.first != table) {
            keys.push_back(incoming);
        }
    }
    for (const auto& [holder, key] : keys) {
        const std::optional<std::string> now = mismatch(after, *holder, *key, after.relation(key->referenced));
        if (!now) {
            continue;
        }
        // The statement changes tables, not types, so `after` resolves the types of both moments.
        const Relation* earlier = applied.relation_before(holder->id);
        const Constraint* earlier_key = earlier != nullptr ? earlier->find_constraint(key->name) : nullptr;
        if (earlier_key != nullptr && earlier_key->kind == ConstraintKind::foreign_key &&
            mismatch(after, *earlier, *earlier_key, applied.relation_before(earlier_key->referenced)) == now) {
            continue;  // not this statement's doing
        }
        sink.report(ReportedFinding{
            context.statement_span(),
            "foreign key " + key->name + ": " + *now +
                "; every key check and join along the key casts one side, and values of the wider type cannot be "
                "referenced",
            "give both columns the same type before adding the key (for an existing table, an expand-and-contract "
            "type change)",
            std::nullopt, std::nullopt});
    }
}

}  // namespace

const Rule& foreign_key_type_mismatch() {
    static const Rule k_rule{
        RuleMeta{
            .id = "foreign-key-type-mismatch",
            .default_severity = Severity::warning,
            .summary = "A foreign key whose column type differs from the referenced column's type",
            .rationale = "PostgreSQL accepts a key between different types that have an equality operator "
                         "(integer to bigint, varchar to text), but each check and join casts one side, an "
                         "index on the other side may go unused, and an integer column cannot hold every "
                         "bigint it should reference: inserts start failing when the referenced ids pass "
                         "2^31. Fixing it later is a type change of a key column, the most expensive migration.",
            .safe_alternative = "Declare the referencing column with exactly the referenced column's type.",
            .exceptions = "Types that differ only in modifiers (varchar(50) and varchar(100)); a domain and its "
                          "base type; columns whose types migsafe does not know; mismatches that existed before "
                          "the statement.",
            .example_bad = "CREATE TABLE users (id bigint PRIMARY KEY);\n"
                           "CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer REFERENCES users);",
            .example_good = "CREATE TABLE users (id bigint PRIMARY KEY);\n"
                            "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users);",
            .statement_kinds = {"CreateStmt", "AlterTableStmt"},
            .fix = FixAvailability::none,
        },
        nullptr,
        nullptr,
        &check_applied,
    };
    return k_rule;
}

}  // namespace migsafe::rules
