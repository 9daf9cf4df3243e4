// Catalog::apply: how each DDL statement changes the catalog, following what
// PostgreSQL 15 does (implicit names, inherited columns and constraints,
// partition clones, CASCADE).
#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "migsafe/catalog.hpp"
#include "migsafe/catalog_change.hpp"
#include "migsafe/deparse.hpp"
#include "migsafe/parse.hpp"

namespace migsafe {
namespace {

// NAMEDATALEN - 1: PostgreSQL truncates longer identifiers.
constexpr std::size_t k_max_identifier = 63;

// CREATE TABLE ... LIKE options (nodes/parsenodes.h, TableLikeOption).
constexpr std::int64_t k_like_constraints = 1 << 2;
constexpr std::int64_t k_like_defaults = 1 << 3;
constexpr std::int64_t k_like_generated = 1 << 4;
constexpr std::int64_t k_like_identity = 1 << 5;
constexpr std::int64_t k_like_indexes = 1 << 6;

// Trigger bits (catalog/pg_trigger.h).
constexpr std::int64_t k_trigger_before = 1 << 1;
constexpr std::int64_t k_trigger_insert = 1 << 2;
constexpr std::int64_t k_trigger_delete = 1 << 3;
constexpr std::int64_t k_trigger_update = 1 << 4;
constexpr std::int64_t k_trigger_truncate = 1 << 5;
constexpr std::int64_t k_trigger_instead = 1 << 6;

std::string key_of(std::string_view schema, std::string_view name) {
    return std::string{schema} + "." + std::string{name};
}

// pg_mbcliplen for UTF-8: never cut a character in half.
std::size_t clip_utf8(std::string_view text, std::size_t length) {
    while (length > 0 && length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0U) == 0x80U) {
        --length;
    }
    return length;
}

std::string truncate_identifier(std::string_view name) {
    return std::string{name.substr(0, clip_utf8(name, std::min(name.size(), k_max_identifier)))};
}

// PostgreSQL's makeObjectName: name1_name2_label, shortening the longer name first.
std::string make_object_name(std::string_view name1, std::string_view name2, std::string_view label) {
    std::size_t overhead = 0;
    if (!label.empty()) {
        overhead += label.size() + 1;
    }
    if (!name2.empty()) {
        overhead += 1;
    }
    const std::size_t available = k_max_identifier - overhead;
    std::size_t chars1 = name1.size();
    std::size_t chars2 = name2.size();
    while (chars1 + chars2 > available) {
        if (chars1 > chars2) {
            --chars1;
        } else {
            --chars2;
        }
    }
    chars1 = clip_utf8(name1, chars1);
    chars2 = clip_utf8(name2, chars2);
    std::string result{name1.substr(0, chars1)};
    if (!name2.empty()) {
        result += "_" + std::string{name2.substr(0, chars2)};
    }
    if (!label.empty()) {
        result += "_" + std::string{label};
    }
    return result;
}

// ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition.
std::string name_addition(const std::vector<std::string>& columns) {
    std::string result;
    for (const std::string& column : columns) {
        if (!result.empty()) {
            result += '_';
        }
        result += column;
        if (result.size() >= k_max_identifier + 1) {
            break;
        }
    }
    return result;
}

std::string lower_keyword(std::string_view text) {
    std::string result{text};
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

// FigureColnameInternal: a name for an expression and how strongly it is implied
// (2: a real name, 1: a fallback such as a cast's type name).
std::pair<std::string, int> figure_colname(Node wrapped) {
    const std::string_view type = wrapped.type();
    Node node = wrapped.inner();
    if (type == "ColumnRef") {
        const std::vector<Node> fields = node["fields"].items();
        if (!fields.empty() && fields.back().is("String")) {
            return {std::string{fields.back().as("String")["sval"].str()}, 2};
        }
    } else if (type == "A_Indirection") {
        const std::vector<Node> steps = node["indirection"].items();
        if (!steps.empty() && steps.back().is("String")) {
            return {std::string{steps.back().as("String")["sval"].str()}, 2};
        }
        return figure_colname(node["arg"]);
    } else if (type == "FuncCall") {
        const std::vector<std::string> names = string_list(node["funcname"]);
        if (!names.empty()) {
            return {names.back(), 2};
        }
    } else if (type == "A_Expr") {
        if (node["kind"].str() == "AEXPR_NULLIF") {
            return {"nullif", 2};
        }
    } else if (type == "TypeCast") {
        auto inner = figure_colname(node["arg"]);
        if (inner.second <= 1) {
            const std::vector<std::string> names = string_list(node["typeName"]["names"]);
            if (!names.empty()) {
                return {names.back(), 1};
            }
        }
        return inner;
    } else if (type == "CollateClause") {
        return figure_colname(node["arg"]);
    } else if (type == "SubLink") {
        const std::string_view kind = node["subLinkType"].str();
        if (kind == "EXISTS_SUBLINK") {
            return {"exists", 2};
        }
        if (kind == "ARRAY_SUBLINK") {
            return {"array", 2};
        }
    } else if (type == "CaseExpr") {
        auto result = figure_colname(node["defresult"]);
        if (result.second <= 1) {
            return {"case", 1};
        }
        return result;
    } else if (type == "A_ArrayExpr") {
        return {"array", 2};
    } else if (type == "RowExpr") {
        return {"row", 2};
    } else if (type == "CoalesceExpr") {
        return {"coalesce", 2};
    } else if (type == "MinMaxExpr") {
        return {node["op"].str() == "IS_GREATEST" ? "greatest" : "least", 2};
    } else if (type == "SQLValueFunction") {
        std::string_view op = node["op"].str();
        if (op.substr(0, 6) == "SVFOP_") {
            op.remove_prefix(6);
        }
        if (op.size() > 2 && op.substr(op.size() - 2) == "_N") {
            op.remove_suffix(2);
        }
        return {lower_keyword(op), 2};
    } else if (type == "GroupingFunc") {
        return {"grouping", 2};
    }
    return {{}, 0};
}

std::string sql_of(Node expression) { return expression ? deparse_expression(expression).text : std::string{}; }

bool is_utc_zone(std::string_view zone) {
    static constexpr std::array<std::string_view, 8> k_utc = {"utc", "etc/utc", "gmt", "etc/gmt", "zulu", "uct",
                                                               "z", "universal"};
    const std::string lowered = lower_keyword(zone);
    return std::find(k_utc.begin(), k_utc.end(), lowered) != k_utc.end();
}

// The top-level AND operands of an expression.
void conjuncts(Node wrapped, std::vector<Node>& out) {
    Node boolean = wrapped.as("BoolExpr");
    if (boolean && boolean["boolop"].str() == "AND_EXPR") {
        for (const Node& arg : boolean["args"].items()) {
            conjuncts(arg, out);
        }
        return;
    }
    out.push_back(wrapped);
}

std::string single_column_name(Node column_ref) {
    const std::vector<Node> fields = column_ref["fields"].items();
    if (fields.size() == 1 && fields.front().is("String")) {
        return std::string{fields.front().as("String")["sval"].str()};
    }
    return {};
}

std::vector<std::string> role_names(Node roles) {
    std::vector<std::string> names;
    for (const Node& item : roles.items()) {
        Node role = item.as("RoleSpec");
        const std::string_view kind = role["roletype"].str();
        if (kind == "ROLESPEC_PUBLIC") {
            names.emplace_back("public");
        } else if (kind == "ROLESPEC_CURRENT_USER") {
            names.emplace_back("current_user");
        } else if (kind == "ROLESPEC_SESSION_USER") {
            names.emplace_back("session_user");
        } else if (kind == "ROLESPEC_CURRENT_ROLE") {
            names.emplace_back("current_role");
        } else {
            names.emplace_back(role["rolename"].str());
        }
    }
    return names;
}

char action_letter(std::string_view letter) { return letter.empty() ? 'a' : letter.front(); }

struct QueryColumns {
    std::vector<Column> columns;  // output columns, numbered from 1
    std::vector<ColumnUse> uses;  // table and view columns the query reads
};

// Which columns a query or expression reads: PostgreSQL's name resolution,
// innermost scope first, for views, policies and rules.
class QueryReader {
public:
    explicit QueryReader(const Catalog& catalog) : m_catalog(catalog) {}

    struct Source {
        std::string alias;
        const Relation* relation = nullptr;
        std::vector<Column> derived;  // a subquery's, CTE's or function's columns
    };
    using Scope = std::vector<Source>;

    void push_scope(Scope scope) { m_scopes.push_back(std::move(scope)); }

    std::vector<ColumnUse> uses() const { return {m_uses.begin(), m_uses.end()}; }

    std::vector<Column> select(Node stmt) {
        std::vector<Column> output;
        const std::size_t cte_depth = m_ctes.size();
        if (Node with = stmt["withClause"]; with) {
            m_ctes.emplace_back();
            for (const Node& item : with["ctes"].items()) {
                Node cte = item.as("CommonTableExpr");
                const std::string name{cte["ctename"].str()};
                // Recursive CTEs see themselves, with the alias columns if any.
                std::vector<Column> columns = named_columns(string_list(cte["aliascolnames"]));
                m_ctes.back()[name] = columns;
                std::vector<Column> produced = select(cte["ctequery"].as("SelectStmt"));
                if (columns.empty()) {
                    m_ctes.back()[name] = produced;
                }
            }
        }
        const std::string_view op = stmt["op"].str();
        if (!op.empty() && op != "SETOP_NONE") {
            output = select(stmt["larg"]);
            select(stmt["rarg"]);
        } else {
            Scope scope;
            std::vector<Node> quals;
            for (const Node& item : stmt["fromClause"].items()) {
                add_from(item, scope, quals);
            }
            m_scopes.push_back(std::move(scope));
            for (const Node& qual : quals) {
                expression(qual);
            }
            for (const Node& item : stmt["targetList"].items()) {
                Node target = item.as("ResTarget");
                add_output(target, output);
            }
            for (const Node& row : stmt["valuesLists"].items()) {
                expression(row);
                if (output.empty()) {
                    for (std::size_t i = 0; i < row.as("List")["items"].size(); ++i) {
                        Column column;
                        column.name = "column" + std::to_string(i + 1);
                        output.push_back(std::move(column));
                    }
                }
            }
            for (std::string_view field : {"whereClause", "groupClause", "havingClause", "distinctClause",
                                           "windowClause", "sortClause", "limitCount", "limitOffset"}) {
                expression(stmt[field]);
            }
            m_scopes.pop_back();
        }
        m_ctes.resize(cte_depth);
        for (std::size_t i = 0; i < output.size(); ++i) {
            output[i].number = static_cast<int>(i) + 1;
        }
        return output;
    }

    void expression(Node root) {
        if (!root) {
            return;
        }
        visit_nodes(root, [&](std::string_view type, Node content) {
            if (m_done.count(static_cast<const void*>(content.raw())) != 0) {
                return true;
            }
            if (type == "ColumnRef") {
                column_ref(content);
            } else if (type == "SubLink") {
                expression(content["testexpr"]);
                select(content["subselect"].as("SelectStmt"));
                mark_done(content);
            } else if (type == "SelectStmt") {
                select(content);
                mark_done(content);
            }
            return true;
        });
    }

private:
    static std::vector<Column> named_columns(const std::vector<std::string>& names) {
        std::vector<Column> columns;
        for (const std::string& name : names) {
            Column column;
            column.name = name;
            columns.push_back(std::move(column));
        }
        return columns;
    }

    void mark_done(Node content) {
        visit_nodes(content, [&](std::string_view, Node inner) {
            m_done.insert(static_cast<const void*>(inner.raw()));
            return true;
        });
    }

    const std::vector<Column>* cte(std::string_view name) const {
        for (auto level = m_ctes.rbegin(); level != m_ctes.rend(); ++level) {
            if (auto found = level->find(std::string{name}); found != level->end()) {
                return &found->second;
            }
        }
        return nullptr;
    }

    void add_from(Node wrapped, Scope& scope, std::vector<Node>& quals) {
        const std::string_view type = wrapped.type();
        Node node = wrapped.inner();
        const std::string alias{node["alias"]["aliasname"].str()};
        if (type == "RangeVar") {
            const QualifiedName name = relation_name(node);
            Source source;
            source.alias = alias.empty() ? name.name : alias;
            if (const std::vector<Column>* columns = name.schema.empty() ? cte(name.name) : nullptr;
                columns != nullptr) {
                source.derived = *columns;
            } else {
                source.relation = m_catalog.find_relation(name);
            }
            scope.push_back(std::move(source));
        } else if (type == "JoinExpr") {
            add_from(node["larg"], scope, quals);
            add_from(node["rarg"], scope, quals);
            if (node["quals"]) {
                quals.push_back(node["quals"]);
            }
            for (const std::string& column : string_list(node["usingClause"])) {
                for (const Source& source : scope) {
                    if (source.relation != nullptr) {
                        if (const Column* found = source.relation->find_column(column); found != nullptr) {
                            m_uses.insert(ColumnUse{source.relation->id, found->number});
                        }
                    }
                }
            }
        } else if (type == "RangeSubselect") {
            m_scopes.push_back(scope);  // LATERAL subqueries see the items before them
            Source source;
            source.alias = alias;
            source.derived = select(node["subquery"].as("SelectStmt"));
            m_scopes.pop_back();
            scope.push_back(std::move(source));
        } else if (type == "RangeFunction") {
            m_scopes.push_back(scope);
            expression(node["functions"]);
            m_scopes.pop_back();
            Source source;
            source.alias = alias;
            source.derived = named_columns(string_list(node["alias"]["colnames"]));
            scope.push_back(std::move(source));
        }
    }

    static std::vector<std::string> names_of(Node column_ref, bool& star) {
        std::vector<std::string> names;
        star = false;
        for (const Node& field : column_ref["fields"].items()) {
            if (field.is("A_Star")) {
                star = true;
            } else {
                names.emplace_back(field.as("String")["sval"].str());
            }
        }
        return names;
    }

    void use_all(const Source& source) {
        if (source.relation != nullptr) {
            for (const Column& column : source.relation->columns) {
                m_uses.insert(ColumnUse{source.relation->id, column.number});
            }
        }
    }

    const Source* find_source(std::string_view qualifier, std::string_view schema) const {
        for (auto scope = m_scopes.rbegin(); scope != m_scopes.rend(); ++scope) {
            for (const Source& source : *scope) {
                if (source.alias == qualifier &&
                    (schema.empty() || (source.relation != nullptr && source.relation->schema == schema))) {
                    return &source;
                }
            }
        }
        return nullptr;
    }

    // The column a reference names, recording the use.
    const Column* column_ref(Node content) {
        bool star = false;
        const std::vector<std::string> names = names_of(content, star);
        if (star) {
            if (names.empty()) {
                if (!m_scopes.empty()) {
                    for (const Source& source : m_scopes.back()) {
                        use_all(source);
                    }
                }
            } else if (const Source* source = find_source(names.back(), ""); source != nullptr) {
                use_all(*source);
            }
            return nullptr;
        }
        if (names.empty()) {
            return nullptr;
        }
        if (names.size() >= 2) {
            const std::string_view schema = names.size() >= 3 ? std::string_view{names[names.size() - 3]} : "";
            if (const Source* source = find_source(names[names.size() - 2], schema); source != nullptr) {
                return use(*source, names.back());
            }
        }
        // Unqualified, or composite field access: the first name is a column.
        const std::string& column = names.size() >= 2 ? names.front() : names.back();
        for (auto scope = m_scopes.rbegin(); scope != m_scopes.rend(); ++scope) {
            for (const Source& source : *scope) {
                if (source.relation != nullptr && source.relation->find_column(column) != nullptr) {
                    return use(source, column);
                }
                for (const Column& derived : source.derived) {
                    if (derived.name == column) {
                        return &derived;
                    }
                }
            }
        }
        return nullptr;
    }

    const Column* use(const Source& source, std::string_view column) {
        if (source.relation != nullptr) {
            if (const Column* found = source.relation->find_column(column); found != nullptr) {
                m_uses.insert(ColumnUse{source.relation->id, found->number});
                return found;
            }
            return nullptr;
        }
        for (const Column& derived : source.derived) {
            if (derived.name == column) {
                return &derived;
            }
        }
        return nullptr;
    }

    void add_output(Node target, std::vector<Column>& output) {
        Node value = target["val"];
        Node reference = value.as("ColumnRef");
        bool star = false;
        const std::vector<std::string> names = reference ? names_of(reference, star) : std::vector<std::string>{};
        if (star) {
            const std::vector<const Source*> sources = star_sources(names);
            for (const Source* source : sources) {
                use_all(*source);
                const std::vector<Column>& columns =
                    source->relation != nullptr ? source->relation->columns : source->derived;
                for (const Column& column : columns) {
                    Column copy;
                    copy.name = column.name;
                    copy.type = column.type;
                    output.push_back(std::move(copy));
                }
            }
            return;
        }
        Column column;
        if (reference) {
            if (const Column* found = column_ref(reference); found != nullptr) {
                column.type = found->type;
            }
        } else {
            expression(value);
            if (Node cast = value.as("TypeCast"); cast) {
                column.type = column_type(cast["typeName"]);
            }
        }
        column.name = std::string{target["name"].str()};
        if (column.name.empty()) {
            auto figured = figure_colname(value);
            column.name = figured.second > 0 ? figured.first : "?column?";
        }
        output.push_back(std::move(column));
    }

    std::vector<const Source*> star_sources(const std::vector<std::string>& qualifier) const {
        std::vector<const Source*> sources;
        if (qualifier.empty()) {
            if (!m_scopes.empty()) {
                for (const Source& source : m_scopes.back()) {
                    sources.push_back(&source);
                }
            }
        } else if (const Source* source = find_source(qualifier.back(), ""); source != nullptr) {
            sources.push_back(source);
        }
        return sources;
    }

    const Catalog& m_catalog;
    std::vector<Scope> m_scopes;
    std::vector<std::map<std::string, std::vector<Column>>> m_ctes;
    std::set<ColumnUse> m_uses;
    std::set<const void*> m_done;
};

QueryColumns read_query(const Catalog& catalog, Node select) {
    QueryReader reader{catalog};
    QueryColumns result;
    result.columns = reader.select(select);
    result.uses = reader.uses();
    return result;
}

std::vector<ColumnUse> read_expression(const Catalog& catalog, Node expression, ObjectId table,
                                       const std::vector<std::string>& aliases) {
    QueryReader reader{catalog};
    QueryReader::Scope scope;
    for (const std::string& alias : aliases) {
        scope.push_back(QueryReader::Source{alias, catalog.relation(table), {}});
    }
    reader.push_scope(std::move(scope));
    reader.expression(expression);
    return reader.uses();
}

}  // namespace

// All mutation of a Catalog goes through here, so copy-on-write stays correct.
class CatalogEditor {
public:
    CatalogEditor(Catalog& catalog, CatalogChange* change) : m_catalog(catalog), m_change(change) {}

    void apply(std::string_view kind, Node stmt) {
        if (kind == "CreateStmt" || kind == "CreateForeignTableStmt") {
            create_table(kind == "CreateForeignTableStmt" ? stmt["base"] : stmt,
                         kind == "CreateForeignTableStmt");
        } else if (kind == "AlterTableStmt") {
            alter_table(stmt);
        } else if (kind == "IndexStmt") {
            create_index_statement(stmt);
        } else if (kind == "ViewStmt") {
            create_view(stmt);
        } else if (kind == "CreateTableAsStmt") {
            create_table_as(stmt);
        } else if (kind == "DropStmt") {
            drop(stmt);
        } else if (kind == "RenameStmt") {
            rename(stmt);
        } else if (kind == "AlterObjectSchemaStmt") {
            set_schema(stmt);
        } else if (kind == "CreatePolicyStmt" || kind == "AlterPolicyStmt") {
            policy(stmt, kind == "CreatePolicyStmt");
        } else if (kind == "CreateTrigStmt") {
            create_trigger(stmt);
        } else if (kind == "RuleStmt") {
            create_rule(stmt);
        } else if (kind == "CreateEnumStmt") {
            create_enum(stmt);
        } else if (kind == "AlterEnumStmt") {
            alter_enum(stmt);
        } else if (kind == "CreateDomainStmt") {
            create_domain(stmt);
        } else if (kind == "AlterDomainStmt") {
            alter_domain(stmt);
        } else if (kind == "CompositeTypeStmt") {
            create_composite(stmt);
        } else if (kind == "CreateRangeStmt") {
            create_range(stmt);
        } else if (kind == "CreateSeqStmt" || kind == "AlterSeqStmt") {
            sequence(stmt, kind == "CreateSeqStmt");
        } else if (kind == "CreateSchemaStmt") {
            create_schema(stmt);
        } else if (kind == "CreateStatsStmt") {
            create_statistics(stmt);
        } else if (kind == "ClusterStmt") {
            // CLUSTER t USING i marks i as the table's clustered index, as CLUSTER ON does.
            if (const ObjectId table = lookup(relation_name(stmt["relation"])); table != 0 && !stmt["indexname"].str().empty()) {
                mark_clustered(table, std::string{stmt["indexname"].str()});
            }
        } else if (kind == "CreateExtensionStmt") {
            m_catalog.m_extensions.insert(std::string{stmt["extname"].str()});
        } else if (kind == "VariableSetStmt") {
            set_variable(stmt);
        } else if (kind == "SelectStmt") {
            set_config_calls(stmt);
        }
    }

private:
    // ---- Identity, lookup and copy-on-write ------------------------------------

    ObjectId new_id() { return m_catalog.m_next_id++; }

    Relation& edit(ObjectId id) {
        std::shared_ptr<Relation>& slot = m_catalog.m_relations.at(id);
        touch(id, slot);
        if (slot.use_count() > 1) {
            slot = std::make_shared<Relation>(*slot);
        }
        return *slot;
    }

    TypeDef& edit_type(ObjectId id) {
        std::shared_ptr<TypeDef>& slot = m_catalog.m_types.at(id);
        if (slot.use_count() > 1) {
            slot = std::make_shared<TypeDef>(*slot);
        }
        return *slot;
    }

    const Relation* get(ObjectId id) const { return m_catalog.relation(id); }

    // Before `id` changes: the relation mentions must be re-recorded, and the
    // statement's change keeps the version it replaces.
    void touch(ObjectId id, const std::shared_ptr<Relation>& previous) {
        m_catalog.m_edited.insert(id);
        if (m_change != nullptr) {
            m_change->remember(id, previous);
        }
    }

    // Relations whose definition names `target`, by id (creation order).
    std::vector<const Relation*> naming(ObjectId target) const {
        std::vector<const Relation*> result = m_catalog.relations_naming(target);
        std::sort(result.begin(), result.end(),
                  [](const Relation* left, const Relation* right) { return left->id < right->id; });
        return result;
    }

    ObjectId lookup(const QualifiedName& name) const {
        const Relation* found = m_catalog.find_relation(name);
        return found == nullptr ? 0 : found->id;
    }

    ObjectId lookup_type(const QualifiedName& name) const {
        const TypeDef* found = m_catalog.find_type(name);
        return found == nullptr ? 0 : found->id;
    }

    // The schema a new object goes to: as written, else the first schema of the
    // search_path that exists.
    std::string creation_schema(std::string_view written) const {
        if (!written.empty()) {
            return std::string{written};
        }
        for (const std::string& schema : m_catalog.m_search_path) {
            if (m_catalog.m_schemas.count(schema) != 0) {
                return schema;
            }
        }
        return "public";
    }

    ObjectId add_relation(Relation relation) {
        relation.id = new_id();
        relation.name = truncate_identifier(relation.name);
        const ObjectId id = relation.id;
        m_catalog.m_schemas.insert(relation.schema);
        touch(id, nullptr);
        m_catalog.m_relation_names[key_of(relation.schema, relation.name)] = id;
        m_catalog.m_relations[id] = std::make_shared<Relation>(std::move(relation));
        return id;
    }

    ObjectId add_type(TypeDef type) {
        type.id = new_id();
        const ObjectId id = type.id;
        m_catalog.m_schemas.insert(type.schema);
        m_catalog.m_type_names[key_of(type.schema, type.name)] = id;
        m_catalog.m_types[id] = std::make_shared<TypeDef>(std::move(type));
        return id;
    }

    void rename_relation(ObjectId id, std::string_view schema, std::string_view name) {
        const Relation* current = get(id);
        if (current == nullptr) {
            return;
        }
        m_catalog.m_relation_names.erase(key_of(current->schema, current->name));
        Relation& relation = edit(id);
        relation.schema = std::string{schema};
        relation.name = truncate_identifier(name);
        m_catalog.m_schemas.insert(relation.schema);
        m_catalog.m_relation_names[key_of(relation.schema, relation.name)] = id;
    }

    // A table migsafe never saw created: a stub that says so.
    ObjectId ensure_table(const QualifiedName& name) {
        if (ObjectId id = lookup(name); id != 0) {
            return id;
        }
        if (name.empty()) {
            return 0;
        }
        Relation stub;
        stub.schema = creation_schema(name.schema);
        stub.name = name.name;
        stub.complete = false;
        return add_relation(std::move(stub));
    }

    // A column by name; a stub table learns the columns it is told about.
    int column_number(ObjectId table, std::string_view name) {
        const Relation* relation = get(table);
        if (relation == nullptr || name.empty()) {
            return 0;
        }
        if (const Column* column = relation->find_column(name); column != nullptr) {
            return column->number;
        }
        if (relation->complete) {
            return 0;
        }
        Relation& stub = edit(table);
        Column column;
        column.number = ++stub.last_column_number;
        column.name = std::string{name};
        stub.columns.push_back(std::move(column));
        return stub.columns.back().number;
    }

    std::vector<int> column_numbers(ObjectId table, const std::vector<std::string>& names) {
        std::vector<int> numbers;
        for (const std::string& name : names) {
            if (int number = column_number(table, name); number != 0) {
                numbers.push_back(number);
            }
        }
        return numbers;
    }

    std::vector<std::string> column_names(ObjectId table, const std::vector<int>& numbers) const {
        std::vector<std::string> names;
        const Relation* relation = get(table);
        for (int number : numbers) {
            const Column* column = relation == nullptr ? nullptr : relation->column(number);
            names.push_back(column == nullptr ? std::string{} : column->name);
        }
        return names;
    }

    // Columns of `table` an expression reads (unqualified, NEW./OLD. or table-qualified).
    std::vector<int> columns_in(ObjectId table, Node expression) {
        std::vector<int> numbers;
        if (!expression) {
            return numbers;
        }
        const Relation* relation = get(table);
        visit_nodes(expression, [&](std::string_view type, Node content) {
            if (type == "ColumnRef" && relation != nullptr) {
                const std::vector<Node> fields = content["fields"].items();
                if (!fields.empty() && fields.back().is("String")) {
                    const Column* column = relation->find_column(fields.back().as("String")["sval"].str());
                    if (column != nullptr && std::find(numbers.begin(), numbers.end(), column->number) ==
                                                 numbers.end()) {
                        numbers.push_back(column->number);
                    }
                }
            }
            return true;
        });
        return numbers;
    }

    // A user-defined type referenced by a column gets the schema it lives in.
    ColumnType resolve_type(Node type_name) const {
        ColumnType type = column_type(type_name);
        if (type.schema.empty()) {
            if (const TypeDef* found = m_catalog.find_type(type); found != nullptr) {
                type.schema = found->schema;
            }
        }
        return type;
    }

    // ---- PostgreSQL's implicit names -------------------------------------------

    bool constraint_name_exists(const std::string& schema, const std::string& name) const {
        // What is recorded for relations this statement edited may be stale: look at those directly.
        for (ObjectId id : m_catalog.m_constraint_names.holders(schema, name)) {
            if (m_catalog.m_edited.count(id) == 0) {
                return true;
            }
        }
        for (ObjectId id : m_catalog.m_edited) {
            const Relation* relation = get(id);
            if (relation != nullptr && relation->schema == schema && relation->find_constraint(name) != nullptr) {
                return true;
            }
        }
        for (const auto& [id, type] : m_catalog.m_types) {
            if (type->schema != schema) {
                continue;
            }
            for (const Constraint& constraint : type->constraints) {
                if (constraint.name == name) {
                    return true;
                }
            }
        }
        return false;
    }

    std::string choose_relation_name(std::string_view name1, std::string_view name2, std::string_view label,
                                     const std::string& schema, bool is_constraint) const {
        for (int pass = 0;; ++pass) {
            const std::string modified = pass == 0 ? std::string{label} : std::string{label} + std::to_string(pass);
            std::string name = make_object_name(name1, name2, modified);
            if (m_catalog.m_relation_names.count(key_of(schema, name)) == 0 &&
                (!is_constraint || !constraint_name_exists(schema, name))) {
                return name;
            }
        }
    }

    std::string choose_constraint_name(std::string_view name1, std::string_view name2, std::string_view label,
                                       const std::string& schema) const {
        for (int pass = 0;; ++pass) {
            const std::string modified = pass == 0 ? std::string{label} : std::string{label} + std::to_string(pass);
            std::string name = make_object_name(name1, name2, modified);
            if (!constraint_name_exists(schema, name)) {
                return name;
            }
        }
    }

    // ---- Columns ---------------------------------------------------------------

    struct PendingConstraints {
        std::vector<std::pair<Node, std::string>> checks;   // constraint, column it was written on
        std::vector<std::pair<Node, std::string>> indexes;  // PRIMARY KEY / UNIQUE / EXCLUDE
        std::vector<std::pair<Node, std::string>> foreign_keys;
    };

    ObjectId create_sequence_for(const Relation& table, const Column& column, Node options) {
        std::string schema = table.schema;
        std::string name;
        for (const Node& item : options.items()) {
            Node option = item.as("DefElem");
            if (option["defname"].str() == "sequence_name") {
                const QualifiedName given = qualified_name(option["arg"].as("List")["items"]);
                schema = creation_schema(given.schema.empty() ? table.schema : given.schema);
                name = given.name;
            }
        }
        if (name.empty()) {
            name = choose_relation_name(table.name, column.name, "seq", schema, false);
        }
        Relation sequence_relation;
        sequence_relation.schema = schema;
        sequence_relation.name = name;
        sequence_relation.kind = RelationKind::sequence;
        sequence_relation.sequence_type = column.type;
        sequence_relation.owned_by = ColumnUse{table.id, column.number};
        return add_relation(std::move(sequence_relation));
    }

    std::string nextval_sql(ObjectId sequence_id) const {
        const Relation* sequence_relation = get(sequence_id);
        if (sequence_relation == nullptr) {
            return {};
        }
        const std::string name = sequence_relation->schema == "public"
                                     ? quote_identifier(sequence_relation->name)
                                     : quote_identifier(sequence_relation->schema) + "." +
                                           quote_identifier(sequence_relation->name);
        std::string quoted;
        for (char c : name) {
            quoted += c;
            if (c == '\'') {
                quoted += '\'';
            }
        }
        return "nextval('" + quoted + "'::regclass)";
    }

    // The default PostgreSQL stores: a bare NULL constant is not stored
    // (AddRelationNewConstraints), but a NULL coerced to a type modifier or a domain is.
    std::string default_sql(Node expression, const ColumnType& type) const {
        Node constant = expression.as("A_Const");
        if (Node cast = expression.as("TypeCast"); cast && cast["typeName"]["typmods"].size() == 0) {
            constant = cast["arg"].as("A_Const");
        }
        const TypeDef* user_type = m_catalog.find_type(type);
        const bool kept = !type.modifiers.empty() || (user_type != nullptr && user_type->kind == TypeKind::domain);
        if (constant && constant["isnull"].flag() && !kept) {
            return {};
        }
        return sql_of(expression);
    }

    Column* column_by_number(ObjectId table, int number) {
        const int position = index_of_column(table, number);
        return position < 0 ? nullptr : &edit(table).columns[static_cast<std::size_t>(position)];
    }

    // Applies a ColumnDef's constraints to column `number` of `table`; constraints that
    // need the whole table (CHECK, keys) are queued in `pending`.
    void apply_column_constraints(ObjectId table, int number, Node column_def, PendingConstraints& pending) {
        const std::string column_name{column_def["colname"].str()};
        for (const Node& item : column_def["constraints"].items()) {
            Node constraint = item.as("Constraint");
            const std::string_view kind = constraint["contype"].str();
            if (kind == "CONSTR_CHECK") {
                pending.checks.emplace_back(constraint, column_name);
                continue;
            }
            if (kind == "CONSTR_PRIMARY" || kind == "CONSTR_UNIQUE" || kind == "CONSTR_EXCLUSION") {
                pending.indexes.emplace_back(constraint, column_name);
                continue;
            }
            if (kind == "CONSTR_FOREIGN") {
                pending.foreign_keys.emplace_back(constraint, column_name);
                continue;
            }
            Column* column = column_by_number(table, number);
            if (column == nullptr) {
                return;
            }
            if (kind == "CONSTR_NOTNULL") {
                column->not_null = true;
            } else if (kind == "CONSTR_NULL") {
                column->not_null = false;
            } else if (kind == "CONSTR_DEFAULT") {
                column->default_sql = default_sql(constraint["raw_expr"], column->type);
            } else if (kind == "CONSTR_IDENTITY") {
                column->identity = constraint["generated_when"].str() == "a" ? Identity::always : Identity::by_default;
                column->not_null = true;
                const Column copy = *column;
                create_sequence_for(*get(table), copy, constraint["options"]);
            } else if (kind == "CONSTR_GENERATED") {
                column->generated_sql = sql_of(constraint["raw_expr"]);
                std::vector<int> uses = columns_in(table, constraint["raw_expr"]);
                column_by_number(table, number)->generated_uses = std::move(uses);
            }
        }
        if (Node collation = column_def["collClause"]; collation) {
            if (Column* column = column_by_number(table, number); column != nullptr) {
                const std::vector<std::string> names = string_list(collation["collname"]);
                column->collation = names.empty() ? "" : names.back();
            }
        }
    }

    int index_of_column(ObjectId table, int number) const {
        const Relation* relation = get(table);
        if (relation == nullptr) {
            return -1;
        }
        for (std::size_t i = 0; i < relation->columns.size(); ++i) {
            if (relation->columns[i].number == number) {
                return static_cast<int>(i);
            }
        }
        return -1;
    }

    // Adds a column from a ColumnDef (CREATE TABLE or ADD COLUMN); returns its number.
    int add_column(ObjectId table, Node column_def, PendingConstraints& pending) {
        const std::string name = truncate_identifier(column_def["colname"].str());
        Node type_name = column_def["typeName"];
        int number = 0;
        {
            Relation& relation = edit(table);
            if (const Column* existing = relation.find_column(name); existing != nullptr) {
                number = existing->number;  // merged with an inherited column
                if (type_name) {
                    relation.columns[static_cast<std::size_t>(index_of_column(table, number))].type =
                        resolve_type(type_name);
                }
            } else {
                Column column;
                column.number = ++relation.last_column_number;
                column.name = name;
                column.type = resolve_type(type_name);
                number = column.number;
                relation.columns.push_back(std::move(column));
            }
        }
        if (type_name && is_serial_type_name(type_name)) {
            const Relation owner = *get(table);
            const Column column = *owner.column(number);
            const ObjectId sequence_id = create_sequence_for(owner, column, Node{});
            Relation& relation = edit(table);
            Column& stored = relation.columns[static_cast<std::size_t>(index_of_column(table, number))];
            stored.default_sql = nextval_sql(sequence_id);
            stored.not_null = true;
        }
        apply_column_constraints(table, number, column_def, pending);
        return number;
    }

    // Inherited or LIKE-copied column: the definition without local constraints.
    static Column copy_column(const Column& source, bool keep_default, bool keep_identity, bool keep_generated) {
        Column copy;
        copy.name = source.name;
        copy.type = source.type;
        copy.not_null = source.not_null;
        copy.collation = source.collation;
        if (keep_default) {
            copy.default_sql = source.default_sql;
        }
        if (keep_identity) {
            copy.identity = source.identity;
        }
        if (keep_generated) {
            copy.generated_sql = source.generated_sql;
        }
        return copy;
    }

    void append_column(ObjectId table, Column column, const std::vector<int>& generated_uses_by_name_source,
                       const Relation* source) {
        Relation& relation = edit(table);
        if (const Column* existing = relation.find_column(column.name); existing != nullptr) {
            return;
        }
        column.number = ++relation.last_column_number;
        if (source != nullptr) {
            for (int used : generated_uses_by_name_source) {
                if (const Column* source_column = source->column(used); source_column != nullptr) {
                    if (const Column* target = relation.find_column(source_column->name); target != nullptr) {
                        column.generated_uses.push_back(target->number);
                    }
                }
            }
        }
        relation.columns.push_back(std::move(column));
    }

    // ---- Constraints -----------------------------------------------------------

    std::vector<int> not_null_columns_of(ObjectId table, Node expression) {
        std::vector<int> numbers;
        std::vector<Node> parts;
        conjuncts(expression, parts);
        for (const Node& part : parts) {
            Node test = part.as("NullTest");
            if (test && test["nulltesttype"].str() == "IS_NOT_NULL") {
                const std::string name = single_column_name(test["arg"].as("ColumnRef"));
                if (int number = column_number(table, name); number != 0) {
                    numbers.push_back(number);
                }
            }
        }
        return numbers;
    }

    void add_check(ObjectId table, Node constraint, bool in_create, bool recurse) {
        Node expression = constraint["raw_expr"];
        const Relation* relation = get(table);
        if (relation == nullptr) {
            return;
        }
        std::string name{constraint["conname"].str()};
        const std::vector<int> uses = columns_in(table, expression);
        if (name.empty()) {
            // One distinct column: <table>_<column>_check; otherwise <table>_check.
            const std::string column = uses.size() == 1 ? column_names(table, uses).front() : std::string{};
            name = choose_constraint_name(relation->name, column, "check", relation->schema);
        }
        Constraint check;
        check.name = truncate_identifier(name);
        check.kind = ConstraintKind::check;
        check.expression_sql = sql_of(expression);
        check.expression_columns = uses;
        check.not_null_columns = not_null_columns_of(table, expression);
        // CREATE TABLE marks every CHECK valid, even one written NOT VALID.
        check.validated = in_create || !constraint["skip_validation"].flag();
        if (get(table)->find_constraint(check.name) == nullptr) {
            edit(table).constraints.push_back(check);
        }
        if (recurse && !constraint["is_no_inherit"].flag()) {
            for (ObjectId child : children_of(table)) {
                add_check_copy(child, check, table);
            }
        }
    }

    // An inherited CHECK: same name, columns matched by name.
    void add_check_copy(ObjectId table, const Constraint& parent_check, ObjectId parent) {
        const Relation* relation = get(table);
        if (relation == nullptr || relation->find_constraint(parent_check.name) != nullptr) {
            return;
        }
        Constraint copy = parent_check;
        copy.expression_columns = column_numbers(table, column_names(parent, parent_check.expression_columns));
        copy.not_null_columns = column_numbers(table, column_names(parent, parent_check.not_null_columns));
        edit(table).constraints.push_back(copy);
        for (ObjectId child : children_of(table)) {
            add_check_copy(child, copy, table);
        }
    }

    void create_statistics(Node stmt) {
        const std::vector<Node> relations = stmt["relations"].items();
        const QualifiedName name = qualified_name(stmt["defnames"]);
        const ObjectId table = relations.empty() ? 0 : lookup(relation_name(relations.front().as("RangeVar")));
        if (table == 0 || name.empty()) {
            return;  // unnamed statistics (PostgreSQL 14) cannot be named by a later statement
        }
        const QualifiedName created{creation_schema(name.schema), truncate_identifier(name.name)};
        if (std::find(get(table)->statistics.begin(), get(table)->statistics.end(), created) ==
            get(table)->statistics.end()) {
            edit(table).statistics.push_back(created);
        }
    }

    // The schema of `table`'s statistics called `name` that the search_path finds first.
    std::string table_statistics_schema(const Relation& table, const std::string& name) const {
        for (const std::string& schema : m_catalog.m_search_path) {
            if (std::find(table.statistics.begin(), table.statistics.end(), QualifiedName{schema, name}) !=
                table.statistics.end()) {
                return schema;
            }
        }
        return {};
    }

    // The table's index named `index` becomes its clustered one; an empty name clears it.
    void mark_clustered(ObjectId table, const std::string& index) {
        for (const Relation* candidate : m_catalog.indexes_of(table)) {
            if (candidate->index.clustered != (candidate->name == index)) {
                edit(candidate->id).index.clustered = candidate->name == index;
            }
        }
    }

    std::vector<ObjectId> children_of(ObjectId table) const {
        std::vector<ObjectId> children;
        for (const Relation* relation : naming(table)) {
            if (relation->partition_of == table ||
                std::find(relation->inherits.begin(), relation->inherits.end(), table) != relation->inherits.end()) {
                children.push_back(relation->id);
            }
        }
        return children;
    }

    std::vector<int> primary_key_of(ObjectId table) const {
        const Relation* relation = get(table);
        if (relation != nullptr) {
            for (const Constraint& constraint : relation->constraints) {
                if (constraint.kind == ConstraintKind::primary_key) {
                    return constraint.columns;
                }
            }
        }
        return {};
    }

    void add_foreign_key(ObjectId table, Node constraint, std::string_view written_on, bool in_create) {
        const Relation* relation = get(table);
        if (relation == nullptr) {
            return;
        }
        std::vector<std::string> fk_columns = string_list(constraint["fk_attrs"]);
        if (fk_columns.empty() && !written_on.empty()) {
            fk_columns.emplace_back(written_on);
        }
        const ObjectId referenced = ensure_table(relation_name(constraint["pktable"]));
        std::vector<int> referenced_columns = column_numbers(referenced, string_list(constraint["pk_attrs"]));
        if (referenced_columns.empty()) {
            referenced_columns = primary_key_of(referenced);
        }
        Constraint key;
        key.kind = ConstraintKind::foreign_key;
        key.columns = column_numbers(table, fk_columns);
        key.referenced = referenced;
        key.referenced_columns = referenced_columns;
        key.on_update = action_letter(constraint["fk_upd_action"].str());
        key.on_delete = action_letter(constraint["fk_del_action"].str());
        key.match = action_letter(constraint["fk_matchtype"].str());
        key.deferrable = constraint["deferrable"].flag();
        key.initially_deferred = constraint["initdeferred"].flag();
        key.validated = in_create || !constraint["skip_validation"].flag();
        std::string name{constraint["conname"].str()};
        if (name.empty()) {
            name = choose_constraint_name(relation->name, name_addition(fk_columns), "fkey", relation->schema);
        }
        key.name = truncate_identifier(name);
        add_foreign_key_copy(table, key, table);
    }

    // Partitions carry a clone of their parent's foreign keys, under the same name.
    void add_foreign_key_copy(ObjectId table, const Constraint& key, ObjectId source) {
        const Relation* relation = get(table);
        if (relation == nullptr) {
            return;
        }
        Constraint copy = key;
        copy.columns = column_numbers(table, column_names(source, key.columns));
        if (relation->find_constraint(copy.name) != nullptr) {
            if (table == source) {
                return;
            }
            copy.name = choose_constraint_name(relation->name, name_addition(column_names(table, copy.columns)),
                                               "fkey", relation->schema);
        }
        edit(table).constraints.push_back(copy);
        if (relation->kind == RelationKind::partitioned_table) {
            for (ObjectId partition : partitions(table)) {
                add_foreign_key_copy(partition, copy, table);
            }
        }
    }

    std::vector<ObjectId> partitions(ObjectId table) const {
        std::vector<ObjectId> result;
        for (const Relation* relation : naming(table)) {
            if (relation->partition_of == table) {
                result.push_back(relation->id);
            }
        }
        return result;
    }

    // ---- Indexes ---------------------------------------------------------------

    struct IndexSpec {
        std::string name;
        bool unique = false;
        bool primary = false;
        bool exclusion = false;
        bool constraint = false;  // backs a constraint of the same name
        bool only = false;
        bool nulls_not_distinct = false;
        bool deferrable = false;
        bool initially_deferred = false;
        std::string method = "btree";
        std::vector<Node> elements;             // IndexElem contents (CREATE INDEX, EXCLUDE)
        std::vector<std::string> key_columns;   // PRIMARY KEY / UNIQUE columns, when there are no elements
        std::vector<std::string> include;
        Node where;
    };

    // ChooseIndexColumnNames: element names, made unique within the index.
    static std::vector<std::string> index_column_names(const IndexSpec& spec) {
        std::vector<std::string> result;
        auto add = [&](const std::string& original) {
            std::string name = original;
            for (int i = 1; std::find(result.begin(), result.end(), name) != result.end(); ++i) {
                const std::string suffix = std::to_string(i);
                name = original.substr(0, clip_utf8(original, std::min(original.size(),
                                                                       k_max_identifier - suffix.size()))) +
                       suffix;
            }
            result.push_back(name);
        };
        for (const Node& element : spec.elements) {
            if (!element["indexcolname"].str().empty()) {
                add(std::string{element["indexcolname"].str()});
            } else if (!element["name"].str().empty()) {
                add(std::string{element["name"].str()});
            } else {
                auto figured = figure_colname(element["expr"]);
                add(figured.second > 1 ? figured.first : "expr");
            }
        }
        for (const std::string& name : spec.key_columns) {
            add(name);
        }
        for (const std::string& name : spec.include) {
            add(name);
        }
        return result;
    }

    std::string choose_index_name(const Relation& table, const IndexSpec& spec) const {
        const std::string columns = name_addition(index_column_names(spec));
        if (spec.primary) {
            return choose_relation_name(table.name, "", "pkey", table.schema, true);
        }
        if (spec.exclusion) {
            return choose_relation_name(table.name, columns, "excl", table.schema, true);
        }
        if (spec.constraint) {
            return choose_relation_name(table.name, columns, "key", table.schema, true);
        }
        return choose_relation_name(table.name, columns, "idx", table.schema, false);
    }

    IndexKey index_key(ObjectId table, Node element) {
        IndexKey key;
        if (!element["name"].str().empty()) {
            key.column = column_number(table, element["name"].str());
        } else {
            key.expression_sql = sql_of(element["expr"]);
            key.expression_columns = columns_in(table, element["expr"]);
        }
        const std::vector<std::string> opclass = string_list(element["opclass"]);
        key.opclass = opclass.empty() ? std::string{} : opclass.back();
        const std::vector<std::string> collation = string_list(element["collation"]);
        key.collation = collation.empty() ? std::string{} : collation.back();
        key.descending = element["ordering"].str() == "SORTBY_DESC";
        const std::string_view nulls = element["nulls_ordering"].str();
        key.nulls = nulls == "SORTBY_NULLS_FIRST" ? "first" : nulls == "SORTBY_NULLS_LAST" ? "last" : "";
        return key;
    }

    void mark_not_null(ObjectId table, const std::vector<int>& columns) {
        for (Column& column : edit(table).columns) {
            if (std::find(columns.begin(), columns.end(), column.number) != columns.end()) {
                column.not_null = true;
            }
        }
    }

    // Builds an index (and its constraint); on a partitioned table also one per partition.
    ObjectId create_index(ObjectId table, IndexSpec spec) {
        const Relation* relation = get(table);
        if (relation == nullptr) {
            return 0;
        }
        const std::string schema = relation->schema;
        if (spec.name.empty()) {
            spec.name = choose_index_name(*relation, spec);
        }
        spec.name = truncate_identifier(spec.name);
        if (m_catalog.m_relation_names.count(key_of(schema, spec.name)) != 0) {
            return 0;  // IF NOT EXISTS, or a name migsafe got wrong: keep the first
        }
        const bool partitioned = relation->kind == RelationKind::partitioned_table;
        Relation index;
        index.schema = schema;
        index.name = spec.name;
        index.kind = partitioned ? RelationKind::partitioned_index : RelationKind::index;
        index.index.table = table;
        index.index.method = spec.method;
        index.index.unique = spec.unique || spec.primary;
        index.index.primary = spec.primary;
        index.index.nulls_not_distinct = spec.nulls_not_distinct;
        for (const Node& element : spec.elements) {
            index.index.keys.push_back(index_key(table, element));
        }
        for (const std::string& column : spec.key_columns) {
            IndexKey key;
            key.column = column_number(table, column);
            index.index.keys.push_back(key);
        }
        const std::vector<std::string> names = index_column_names(spec);
        for (std::size_t i = 0; i < index.index.keys.size() && i < names.size(); ++i) {
            index.index.keys[i].name = names[i];
        }
        index.index.include = column_numbers(table, spec.include);
        if (spec.where) {
            index.index.predicate_sql = sql_of(spec.where);
            index.index.predicate_columns = columns_in(table, spec.where);
        }
        if (spec.constraint) {
            index.index.constraint = spec.name;
        }
        std::vector<int> key_columns;
        for (const IndexKey& key : index.index.keys) {
            key_columns.push_back(key.column);
        }
        const ObjectId index_id = add_relation(std::move(index));
        if (spec.constraint) {
            Constraint constraint;
            constraint.name = spec.name;
            constraint.kind = spec.primary     ? ConstraintKind::primary_key
                              : spec.exclusion ? ConstraintKind::exclusion
                                               : ConstraintKind::unique;
            constraint.columns = key_columns;
            constraint.index = index_id;
            constraint.deferrable = spec.deferrable;
            constraint.initially_deferred = spec.initially_deferred;
            edit(table).constraints.push_back(constraint);
            if (spec.primary) {
                mark_not_null(table, key_columns);
            }
        }
        if (partitioned && !spec.only) {
            for (ObjectId partition : partitions(table)) {
                attach_or_create_child_index(partition, index_id, spec);
            }
        }
        return index_id;
    }

    bool same_index(const IndexInfo& a, const IndexInfo& b, ObjectId a_table, ObjectId b_table) const {
        if (a.unique != b.unique || a.method != b.method || a.keys.size() != b.keys.size() ||
            a.predicate_sql != b.predicate_sql) {
            return false;
        }
        for (std::size_t i = 0; i < a.keys.size(); ++i) {
            if ((a.keys[i].column == 0) != (b.keys[i].column == 0) ||
                column_names(a_table, {a.keys[i].column}) != column_names(b_table, {b.keys[i].column}) ||
                a.keys[i].expression_sql != b.keys[i].expression_sql) {
                return false;
            }
        }
        return true;
    }

    // An index of the partition equal to `info` that is not attached yet.
    ObjectId matching_free_index(ObjectId partition, const IndexInfo& info, ObjectId info_table) const {
        for (const Relation* candidate : m_catalog.indexes_of(partition)) {
            if (candidate->index.parent == 0 && same_index(candidate->index, info, partition, info_table)) {
                return candidate->id;
            }
        }
        return 0;
    }

    // A partition gets an index for each index of its parent: an existing equal one
    // is attached, otherwise one is built and named for the partition.
    void attach_or_create_child_index(ObjectId partition, ObjectId parent_index, const IndexSpec& parent_spec) {
        const Relation* parent = get(parent_index);
        if (parent == nullptr || get(partition) == nullptr) {
            return;
        }
        if (ObjectId existing = matching_free_index(partition, parent->index, parent->index.table); existing != 0) {
            edit(existing).index.parent = parent_index;
            return;
        }
        const IndexInfo info = parent->index;
        if (ObjectId child = clone_index(partition, info.table, info); child != 0) {
            edit(child).index.parent = parent_index;
            for (ObjectId sub : partitions(partition)) {
                attach_or_create_child_index(sub, child, parent_spec);
            }
        }
    }

    // Indexes attached below a partitioned index, at any depth.
    std::vector<ObjectId> all_child_indexes(ObjectId index_id) const {
        std::vector<ObjectId> result;
        for (const Relation* relation : naming(index_id)) {
            if (relation->is_index() && relation->index.parent == index_id) {
                result.push_back(relation->id);
                for (ObjectId grandchild : all_child_indexes(relation->id)) {
                    result.push_back(grandchild);
                }
            }
        }
        return result;
    }

    // PRIMARY KEY / UNIQUE / EXCLUDE as a constraint (CREATE TABLE or ADD CONSTRAINT).
    void add_index_constraint(ObjectId table, Node constraint, std::string_view written_on) {
        if (get(table) == nullptr) {
            return;
        }
        if (!constraint["indexname"].str().empty()) {
            using_index(table, constraint);
            return;
        }
        const std::string_view kind = constraint["contype"].str();
        IndexSpec spec;
        spec.name = std::string{constraint["conname"].str()};
        spec.primary = kind == "CONSTR_PRIMARY";
        spec.unique = kind == "CONSTR_UNIQUE";
        spec.exclusion = kind == "CONSTR_EXCLUSION";
        spec.constraint = true;
        spec.nulls_not_distinct = constraint["nulls_not_distinct"].flag();
        spec.deferrable = constraint["deferrable"].flag();
        spec.initially_deferred = constraint["initdeferred"].flag();
        if (!constraint["access_method"].str().empty()) {
            spec.method = std::string{constraint["access_method"].str()};
        }
        if (spec.exclusion) {
            for (const Node& pair : constraint["exclusions"].items()) {
                spec.elements.push_back(pair.as("List")["items"].at(0).as("IndexElem"));
            }
        } else {
            spec.key_columns = string_list(constraint["keys"]);
            if (spec.key_columns.empty() && !written_on.empty()) {
                spec.key_columns.emplace_back(written_on);
            }
        }
        spec.include = string_list(constraint["including"]);
        spec.where = constraint["where_clause"];
        create_index(table, spec);
    }

    // ADD CONSTRAINT ... UNIQUE / PRIMARY KEY USING INDEX: the index becomes the
    // constraint's and takes its name.
    void using_index(ObjectId table, Node constraint) {
        const ObjectId index_id =
            lookup(QualifiedName{get(table)->schema, std::string{constraint["indexname"].str()}});
        if (index_id == 0) {
            return;
        }
        std::string name{constraint["conname"].str()};
        if (name.empty()) {
            name = get(index_id)->name;
        } else if (name != get(index_id)->name) {
            rename_relation(index_id, get(index_id)->schema, name);
        }
        const bool primary = constraint["contype"].str() == "CONSTR_PRIMARY";
        Relation& index = edit(index_id);
        index.index.constraint = name;
        index.index.primary = primary;
        Constraint added;
        added.name = get(index_id)->name;
        added.kind = primary ? ConstraintKind::primary_key : ConstraintKind::unique;
        for (const IndexKey& key : index.index.keys) {
            added.columns.push_back(key.column);
        }
        added.index = index_id;
        added.deferrable = constraint["deferrable"].flag();
        added.initially_deferred = constraint["initdeferred"].flag();
        edit(table).constraints.push_back(added);
        if (primary) {
            mark_not_null(table, added.columns);
        }
    }

    void add_constraint(ObjectId table, Node constraint, std::string_view written_on, bool in_create, bool recurse) {
        const std::string_view kind = constraint["contype"].str();
        if (kind == "CONSTR_CHECK") {
            add_check(table, constraint, in_create, recurse);
        } else if (kind == "CONSTR_PRIMARY" || kind == "CONSTR_UNIQUE" || kind == "CONSTR_EXCLUSION") {
            add_index_constraint(table, constraint, written_on);
        } else if (kind == "CONSTR_FOREIGN") {
            add_foreign_key(table, constraint, written_on, in_create);
        }
    }

    void apply_pending(ObjectId table, const PendingConstraints& pending, bool in_create) {
        for (const auto& [constraint, column] : pending.checks) {
            add_check(table, constraint, in_create, true);
        }
        for (const auto& [constraint, column] : pending.indexes) {
            add_index_constraint(table, constraint, column);
        }
        for (const auto& [constraint, column] : pending.foreign_keys) {
            add_foreign_key(table, constraint, column, in_create);
        }
    }

    // ---- CREATE TABLE ----------------------------------------------------------

    void create_table(Node stmt, bool foreign) {
        Node range_var = stmt["relation"];
        if (range_var["relpersistence"].str() == "t") {
            return;  // temporary tables end with the session
        }
        const QualifiedName name = relation_name(range_var);
        if (ObjectId existing = lookup(name); existing != 0) {
            // IF NOT EXISTS keeps what is there; a table migsafe only saw altered, or
            // one whose drop it missed (dynamic SQL), is replaced by what is created now.
            if (!get(existing)->is_table() || (stmt["if_not_exists"].flag() && get(existing)->complete)) {
                return;
            }
            drop_relation(existing);
        }
        Relation relation;
        relation.schema = creation_schema(name.schema);
        relation.name = name.name;
        relation.kind = foreign                 ? RelationKind::foreign_table
                        : stmt["partspec"]       ? RelationKind::partitioned_table
                                                 : RelationKind::table;
        relation.unlogged = range_var["relpersistence"].str() == "u";
        const ObjectId table = add_relation(std::move(relation));

        // Inherited columns come first, in the parents' order.
        ObjectId partition_parent = 0;
        for (const Node& item : stmt["inhRelations"].items()) {
            const ObjectId parent = ensure_table(relation_name(item.as("RangeVar")));
            if (stmt["partbound"]) {
                partition_parent = parent;
                edit(table).partition_of = parent;
            } else {
                edit(table).inherits.push_back(parent);
            }
            const Relation parent_copy = *get(parent);
            for (const Column& column : parent_copy.columns) {
                append_column(table, copy_column(column, true, false, true), column.generated_uses, &parent_copy);
            }
        }

        // A typed table's columns are its type's attributes.
        if (Node of_type = stmt["ofTypename"]; of_type) {
            const TypeDef* type = m_catalog.find_type(qualified_name(of_type["names"]));
            if (type != nullptr && type->kind == TypeKind::composite) {
                edit(table).of_type = type->id;
                for (const Column& attribute : type->attributes) {
                    append_column(table, copy_column(attribute, false, false, false), {}, nullptr);
                }
            }
        }

        PendingConstraints pending;
        std::vector<Node> table_constraints;
        std::vector<std::pair<ObjectId, std::int64_t>> like_sources;
        for (const Node& element : stmt["tableElts"].items()) {
            if (Node column = element.as("ColumnDef"); column && column["is_from_type"].flag()) {
                continue;  // WITH OPTIONS of a typed table's column: the column is the type's
            } else if (column) {
                add_column(table, column, pending);
            } else if (Node constraint = element.as("Constraint"); constraint) {
                table_constraints.push_back(constraint);
            } else if (Node like = element.as("TableLikeClause"); like) {
                const ObjectId source = lookup(relation_name(like["relation"]));
                if (source != 0) {
                    copy_like_columns(table, source, like["options"].integer().value_or(0));
                    like_sources.emplace_back(source, like["options"].integer().value_or(0));
                }
            }
        }
        for (const Node& constraint : table_constraints) {
            if (constraint["contype"].str() == "CONSTR_CHECK") {
                pending.checks.emplace_back(constraint, "");
            } else if (constraint["contype"].str() == "CONSTR_FOREIGN") {
                pending.foreign_keys.emplace_back(constraint, "");
            } else {
                pending.indexes.emplace_back(constraint, "");
            }
        }

        if (Node spec = stmt["partspec"]; spec) {
            Partitioning partitioning;
            partitioning.strategy = lower_keyword(spec["strategy"].str());
            for (const Node& item : spec["partParams"].items()) {
                Node element = item.as("PartitionElem");
                if (!element["name"].str().empty()) {
                    partitioning.key_columns.push_back(column_number(table, element["name"].str()));
                    partitioning.key_sql.push_back(quote_identifier(element["name"].str()));
                } else {
                    partitioning.key_columns.push_back(0);
                    partitioning.key_sql.push_back(sql_of(element["expr"]));
                }
            }
            edit(table).partitioning = std::move(partitioning);
        }
        if (Node bound = stmt["partbound"]; bound) {
            edit(table).partition_bound_sql = bound_sql(bound);
        }

        // Inherited CHECKs keep their names and come before the table's own.
        std::vector<ObjectId> parents = get(table)->inherits;
        if (partition_parent != 0) {
            parents.push_back(partition_parent);
        }
        for (ObjectId parent : parents) {
            const Relation parent_copy = *get(parent);
            for (const Constraint& constraint : parent_copy.constraints) {
                if (constraint.kind == ConstraintKind::check) {
                    add_check_copy(table, constraint, parent);
                }
            }
        }
        for (const auto& [source, options] : like_sources) {
            if ((options & k_like_constraints) != 0) {
                const Relation source_copy = *get(source);
                for (const Constraint& constraint : source_copy.constraints) {
                    if (constraint.kind == ConstraintKind::check) {
                        add_check_copy(table, constraint, source);
                    }
                }
            }
            if ((options & k_like_indexes) != 0) {
                copy_like_indexes(table, source);
            }
        }
        apply_pending(table, pending, true);
        if (partition_parent != 0) {
            attach_partition_objects(table, partition_parent);
        }
    }

    void copy_like_columns(ObjectId table, ObjectId source, std::int64_t options) {
        const Relation source_copy = *get(source);
        for (const Column& column : source_copy.columns) {
            Column copy = copy_column(column, (options & k_like_defaults) != 0, (options & k_like_identity) != 0,
                                      (options & k_like_generated) != 0);
            append_column(table, copy, (options & k_like_generated) != 0 ? column.generated_uses : std::vector<int>{},
                          &source_copy);
            if (copy.identity != Identity::none) {
                const Relation owner = *get(table);
                create_sequence_for(owner, *owner.find_column(copy.name), Node{});
            }
        }
    }

    // LIKE ... INCLUDING INDEXES: the source's indexes, renamed for the new table.
    void copy_like_indexes(ObjectId table, ObjectId source) {
        for (const Relation* index : m_catalog.indexes_of(source)) {
            const IndexInfo info = index->index;
            clone_index(table, source, info);
        }
    }

    // generateClonedIndexStmt: the same index on another table, named for it from
    // the source index's column names.
    ObjectId clone_index(ObjectId table, ObjectId source, const IndexInfo& info) {
        const Relation* relation = get(table);
        if (relation == nullptr) {
            return 0;
        }
        IndexSpec naming;
        naming.primary = info.primary;
        naming.unique = info.unique;
        naming.constraint = !info.constraint.empty();
        const Relation* source_relation = get(source);
        const Constraint* source_constraint =
            source_relation == nullptr ? nullptr : source_relation->find_constraint(info.constraint);
        naming.exclusion = source_constraint != nullptr && source_constraint->kind == ConstraintKind::exclusion;
        for (const IndexKey& key : info.keys) {
            naming.key_columns.push_back(key.name);
        }
        naming.include = column_names(source, info.include);
        const std::string name = choose_index_name(*relation, naming);
        Relation index;
        index.schema = relation->schema;
        index.name = name;
        index.kind = relation->kind == RelationKind::partitioned_table ? RelationKind::partitioned_index
                                                                       : RelationKind::index;
        index.index = info;
        index.index.table = table;
        index.index.parent = 0;
        for (IndexKey& key : index.index.keys) {
            if (key.column != 0) {
                key.column = column_number(table, column_names(source, {key.column}).front());
            }
            key.expression_columns = column_numbers(table, column_names(source, key.expression_columns));
        }
        index.index.include = column_numbers(table, column_names(source, info.include));
        index.index.predicate_columns = column_numbers(table, column_names(source, info.predicate_columns));
        index.index.constraint = naming.constraint ? name : std::string{};
        const IndexInfo cloned = index.index;
        const ObjectId index_id = add_relation(std::move(index));
        if (naming.constraint && source_constraint != nullptr) {
            Constraint constraint = *source_constraint;
            constraint.name = name;
            constraint.index = index_id;
            constraint.columns.clear();
            for (const IndexKey& key : cloned.keys) {
                constraint.columns.push_back(key.column);
            }
            edit(table).constraints.push_back(constraint);
            if (constraint.kind == ConstraintKind::primary_key) {
                mark_not_null(table, constraint.columns);
            }
        }
        return index_id;
    }

    // A new partition: its parent's indexes and foreign keys.
    void attach_partition_objects(ObjectId partition, ObjectId parent) {
        for (const Relation* index : m_catalog.indexes_of(parent)) {
            if (index->kind != RelationKind::partitioned_index) {
                continue;
            }
            const ObjectId parent_index = index->id;
            const IndexInfo info = index->index;
            if (ObjectId existing = matching_free_index(partition, info, parent); existing != 0) {
                edit(existing).index.parent = parent_index;
                continue;
            }
            if (ObjectId child = clone_index(partition, parent, info); child != 0) {
                edit(child).index.parent = parent_index;
                for (ObjectId sub : partitions(partition)) {
                    attach_partition_objects(sub, partition);
                }
            }
        }
        const Relation parent_copy = *get(parent);
        for (const Constraint& constraint : parent_copy.constraints) {
            if (constraint.kind == ConstraintKind::foreign_key) {
                add_foreign_key_copy(partition, constraint, parent);
            }
        }
    }

    std::string bound_sql(Node bound) {
        if (bound["is_default"].flag()) {
            return "DEFAULT";
        }
        std::vector<std::string> parts;
        const std::string_view strategy = bound["strategy"].str();
        auto values = [&](Node list) {
            std::vector<std::string> items;
            for (const Node& item : list.items()) {
                items.push_back(sql_of(item));
            }
            std::string text;
            for (std::size_t i = 0; i < items.size(); ++i) {
                text += (i == 0 ? "" : ", ") + items[i];
            }
            return text;
        };
        if (strategy == "l") {
            return "FOR VALUES IN (" + values(bound["listdatums"]) + ")";
        }
        if (strategy == "r") {
            return "FOR VALUES FROM (" + values(bound["lowerdatums"]) + ") TO (" + values(bound["upperdatums"]) + ")";
        }
        return "FOR VALUES WITH (modulus " + std::to_string(bound["modulus"].integer().value_or(0)) +
               ", remainder " + std::to_string(bound["remainder"].integer().value_or(0)) + ")";
    }

    // ---- ALTER TABLE -----------------------------------------------------------

    void alter_table(Node stmt) {
        const std::string_view object = stmt["objtype"].str();
        const QualifiedName name = relation_name(stmt["relation"]);
        if (object == "OBJECT_INDEX") {
            for (const Node& item : stmt["cmds"].items()) {
                Node command = item.as("AlterTableCmd");
                if (command["subtype"].str() == "AT_AttachPartition") {
                    const ObjectId parent = lookup(name);
                    const ObjectId child = lookup(relation_name(command["def"].as("PartitionCmd")["name"]));
                    if (parent != 0 && child != 0) {
                        edit(child).index.parent = parent;
                    }
                }
            }
            return;
        }
        if (object != "OBJECT_TABLE" && object != "OBJECT_FOREIGN_TABLE") {
            return;
        }
        const ObjectId table = stmt["missing_ok"].flag() ? lookup(name) : ensure_table(name);
        if (table == 0) {
            return;
        }
        const bool recurse = stmt["relation"]["inh"].flag();
        for (const Node& item : stmt["cmds"].items()) {
            alter_command(table, item.as("AlterTableCmd"), recurse);
        }
    }

    Column* column_for_edit(ObjectId table, std::string_view name) {
        const Relation* relation = get(table);
        if (relation == nullptr) {
            return nullptr;
        }
        const int number = column_number(table, name);
        const int position = index_of_column(table, number);
        if (position < 0) {
            return nullptr;
        }
        return &edit(table).columns[static_cast<std::size_t>(position)];
    }

    // Column changes reach partitions and inheritance children unless ONLY was written.
    void for_table_and_children(ObjectId table, bool recurse, const std::function<void(ObjectId)>& change) {
        change(table);
        if (recurse) {
            for (ObjectId child : children_of(table)) {
                for_table_and_children(child, true, change);
            }
        }
    }

    void alter_command(ObjectId table, Node command, bool recurse) {
        const std::string_view subtype = command["subtype"].str();
        const std::string column{command["name"].str()};
        if (subtype == "AT_AddColumn") {
            Node column_def = command["def"].as("ColumnDef");
            for_table_and_children(table, recurse, [&](ObjectId target) {
                const Relation* relation = get(target);
                if (relation->find_column(column_def["colname"].str()) != nullptr) {
                    return;  // ADD COLUMN IF NOT EXISTS, or already inherited
                }
                PendingConstraints pending;
                add_column(target, column_def, pending);
                if (target == table) {
                    apply_pending(target, pending, false);
                }
            });
        } else if (subtype == "AT_ColumnDefault" || subtype == "AT_CookedColumnDefault") {
            Node expression = command["def"];
            for_table_and_children(table, recurse, [&](ObjectId target) {
                if (Column* edited = column_for_edit(target, column); edited != nullptr) {
                    edited->default_sql = expression ? default_sql(expression, edited->type) : std::string{};
                }
            });
        } else if (subtype == "AT_SetNotNull" || subtype == "AT_DropNotNull") {
            for_table_and_children(table, subtype == "AT_SetNotNull" || recurse, [&](ObjectId target) {
                if (Column* edited = column_for_edit(target, column); edited != nullptr) {
                    edited->not_null = subtype == "AT_SetNotNull";
                }
            });
        } else if (subtype == "AT_DropColumn") {
            for_table_and_children(table, recurse, [&](ObjectId target) { drop_column(target, column); });
        } else if (subtype == "AT_AlterColumnType") {
            Node def = command["def"].as("ColumnDef");
            for_table_and_children(table, recurse, [&](ObjectId target) {
                if (Column* edited = column_for_edit(target, column); edited != nullptr) {
                    edited->type = resolve_type(def["typeName"]);
                    if (Node collation = def["collClause"]; collation) {
                        const std::vector<std::string> names = string_list(collation["collname"]);
                        edited->collation = names.empty() ? "" : names.back();
                    }
                }
            });
        } else if (subtype == "AT_AddConstraint") {
            add_constraint(table, command["def"].as("Constraint"), "", false, recurse);
        } else if (subtype == "AT_DropConstraint") {
            drop_constraint(table, column, recurse);
        } else if (subtype == "AT_ValidateConstraint") {
            for_table_and_children(table, true, [&](ObjectId target) {
                Relation& relation = edit(target);
                for (Constraint& constraint : relation.constraints) {
                    if (constraint.name == column) {
                        constraint.validated = true;
                    }
                }
            });
        } else if (subtype == "AT_AlterConstraint") {
            Node def = command["def"].as("Constraint");
            Relation& relation = edit(table);
            for (Constraint& constraint : relation.constraints) {
                if (constraint.name == def["conname"].str()) {
                    constraint.deferrable = def["deferrable"].flag();
                    constraint.initially_deferred = def["initdeferred"].flag();
                }
            }
        } else if (subtype == "AT_AddIdentity") {
            Node def = command["def"].as("Constraint");
            if (Column* edited = column_for_edit(table, column); edited != nullptr) {
                edited->identity = def["generated_when"].str() == "a" ? Identity::always : Identity::by_default;
                edited->not_null = true;
                const Column copy = *edited;
                const Relation owner = *get(table);
                create_sequence_for(owner, copy, def["options"]);
            }
        } else if (subtype == "AT_SetIdentity") {
            for (const Node& option : command["def"].items()) {
                Node element = option.as("DefElem");
                if (element["defname"].str() == "generated") {
                    if (Column* edited = column_for_edit(table, column); edited != nullptr) {
                        edited->identity = element["arg"].as("Integer")["ival"].integer().value_or(0) == 'a'
                                               ? Identity::always
                                               : Identity::by_default;
                    }
                }
            }
        } else if (subtype == "AT_DropIdentity") {
            if (Column* edited = column_for_edit(table, column); edited != nullptr) {
                edited->identity = Identity::none;
                const int number = edited->number;
                drop_owned_sequences(table, number);
            }
        } else if (subtype == "AT_DropExpression") {
            for_table_and_children(table, recurse, [&](ObjectId target) {
                if (Column* edited = column_for_edit(target, column); edited != nullptr) {
                    edited->generated_sql.clear();
                    edited->generated_uses.clear();
                }
            });
        } else if (subtype == "AT_EnableRowSecurity" || subtype == "AT_DisableRowSecurity") {
            edit(table).row_security = subtype == "AT_EnableRowSecurity";
        } else if (subtype == "AT_ForceRowSecurity" || subtype == "AT_NoForceRowSecurity") {
            edit(table).force_row_security = subtype == "AT_ForceRowSecurity";
        } else if (subtype == "AT_ClusterOn" || subtype == "AT_DropCluster") {
            mark_clustered(table, subtype == "AT_ClusterOn" ? std::string{command["name"].str()} : std::string{});
        } else if (subtype == "AT_SetLogged" || subtype == "AT_SetUnLogged") {
            edit(table).unlogged = subtype == "AT_SetUnLogged";
        } else if (subtype == "AT_AttachPartition") {
            Node partition_cmd = command["def"].as("PartitionCmd");
            const ObjectId partition = ensure_table(relation_name(partition_cmd["name"]));
            if (partition != 0 && partition != table) {
                Relation& child = edit(partition);
                child.partition_of = table;
                child.partition_bound_sql = bound_sql(partition_cmd["bound"]);
                const Relation parent_copy = *get(table);
                for (const Constraint& constraint : parent_copy.constraints) {
                    if (constraint.kind == ConstraintKind::check) {
                        add_check_copy(partition, constraint, table);
                    }
                }
                attach_partition_objects(partition, table);
            }
        } else if (subtype == "AT_DetachPartition") {
            const ObjectId partition = lookup(relation_name(command["def"].as("PartitionCmd")["name"]));
            if (partition != 0) {
                detach_partition(partition, table);
            }
        } else if (subtype == "AT_AddInherit") {
            const ObjectId parent = ensure_table(relation_name(command["def"].as("RangeVar")));
            if (parent != 0) {
                edit(table).inherits.push_back(parent);
            }
        } else if (subtype == "AT_DropInherit") {
            const ObjectId parent = lookup(relation_name(command["def"].as("RangeVar")));
            Relation& relation = edit(table);
            relation.inherits.erase(std::remove(relation.inherits.begin(), relation.inherits.end(), parent),
                                    relation.inherits.end());
        }
    }

    void detach_partition(ObjectId partition, ObjectId parent) {
        Relation& child = edit(partition);
        child.partition_of = 0;
        child.partition_bound_sql.clear();
        for (const Relation* index : m_catalog.indexes_of(partition)) {
            const Relation* parent_index = get(index->index.parent);
            if (parent_index != nullptr && parent_index->index.table == parent) {
                edit(index->id).index.parent = 0;
            }
        }
    }

    // ---- Dropping (with CASCADE's consequences, so the catalog stays consistent) --

    void drop_owned_sequences(ObjectId table, int column) {
        std::vector<ObjectId> owned;
        for (const Relation* relation : naming(table)) {
            if (relation->kind == RelationKind::sequence && relation->owned_by.relation == table &&
                (column == 0 || relation->owned_by.column == column)) {
                owned.push_back(relation->id);
            }
        }
        for (ObjectId id : owned) {
            remove_relation(id);
        }
    }

    void remove_relation(ObjectId id) {
        const Relation* relation = get(id);
        if (relation == nullptr) {
            return;
        }
        touch(id, m_catalog.m_relations.at(id));
        m_catalog.m_relation_names.erase(key_of(relation->schema, relation->name));
        m_catalog.m_relations.erase(id);
    }

    // Views, policies and rules that read a relation (any column when column == 0).
    void drop_readers(ObjectId relation_id, int column) {
        auto reads = [&](const std::vector<ColumnUse>& uses) {
            return std::any_of(uses.begin(), uses.end(), [&](const ColumnUse& use) {
                return use.relation == relation_id && (column == 0 || use.column == column);
            });
        };
        std::vector<ObjectId> views;
        std::vector<ObjectId> with_policies;
        for (const Relation* relation : naming(relation_id)) {
            const ObjectId id = relation->id;
            if ((relation->kind == RelationKind::view || relation->kind == RelationKind::materialized_view) &&
                id != relation_id && reads(relation->uses)) {
                views.push_back(id);
            }
            const bool policy_hit = std::any_of(relation->policies.begin(), relation->policies.end(),
                                                [&](const Policy& policy) { return reads(policy.uses); });
            const bool rule_hit = std::any_of(relation->rules.begin(), relation->rules.end(),
                                              [&](const RewriteRule& rule) { return reads(rule.uses); });
            if ((policy_hit || rule_hit) && id != relation_id) {
                with_policies.push_back(id);
            }
        }
        for (ObjectId id : with_policies) {
            Relation& relation = edit(id);
            relation.policies.erase(std::remove_if(relation.policies.begin(), relation.policies.end(),
                                                   [&](const Policy& policy) { return reads(policy.uses); }),
                                    relation.policies.end());
            relation.rules.erase(std::remove_if(relation.rules.begin(), relation.rules.end(),
                                                [&](const RewriteRule& rule) { return reads(rule.uses); }),
                                 relation.rules.end());
        }
        for (ObjectId id : views) {
            drop_relation(id);
        }
    }

    void drop_relation(ObjectId id) {
        const Relation* relation = get(id);
        if (relation == nullptr) {
            return;
        }
        if (relation->is_index()) {
            for (ObjectId child : all_child_indexes(id)) {
                drop_relation(child);
            }
            const ObjectId table = relation->index.table;
            if (!relation->index.constraint.empty() && get(table) != nullptr) {
                std::erase_if(edit(table).constraints, [&](const Constraint& c) { return c.index == id; });
            }
            remove_relation(id);
            return;
        }
        drop_readers(id, 0);
        if (relation->is_table()) {
            for (ObjectId partition : partitions(id)) {
                drop_relation(partition);
            }
            for (const Relation* index : m_catalog.indexes_of(id)) {
                remove_relation(index->id);
            }
            drop_owned_sequences(id, 0);
            std::vector<ObjectId> referencing;
            for (const Relation* other : naming(id)) {
                if (other->id != id && std::any_of(other->constraints.begin(), other->constraints.end(),
                                                   [&](const Constraint& c) { return c.referenced == id; })) {
                    referencing.push_back(other->id);
                }
            }
            for (ObjectId other_id : referencing) {
                Relation& other = edit(other_id);
                other.constraints.erase(std::remove_if(other.constraints.begin(), other.constraints.end(),
                                                       [&](const Constraint& c) { return c.referenced == id; }),
                                        other.constraints.end());
            }
            // Inheritance children go too: PostgreSQL drops a parent only with CASCADE, which drops them.
            for (ObjectId child : children_of(id)) {
                drop_relation(child);
            }
        }
        remove_relation(id);
    }

    void drop_column(ObjectId table, const std::string& name) {
        const Relation* relation = get(table);
        const Column* column = relation == nullptr ? nullptr : relation->find_column(name);
        if (column == nullptr) {
            return;
        }
        const int number = column->number;
        drop_readers(table, number);
        // Indexes over the column go with it, and their constraints.
        for (const Relation* index : m_catalog.indexes_of(table)) {
            bool uses = std::find(index->index.include.begin(), index->index.include.end(), number) !=
                            index->index.include.end() ||
                        std::find(index->index.predicate_columns.begin(), index->index.predicate_columns.end(),
                                  number) != index->index.predicate_columns.end();
            for (const IndexKey& key : index->index.keys) {
                uses = uses || key.column == number ||
                       std::find(key.expression_columns.begin(), key.expression_columns.end(), number) !=
                           key.expression_columns.end();
            }
            if (uses) {
                drop_relation(index->id);
            }
        }
        // Foreign keys of other tables that reference it.
        for (const Relation* other : naming(table)) {
            const ObjectId other_id = other->id;
            const bool hit = std::any_of(other->constraints.begin(), other->constraints.end(), [&](const Constraint& c) {
                return c.referenced == table && std::find(c.referenced_columns.begin(), c.referenced_columns.end(),
                                                          number) != c.referenced_columns.end();
            });
            if (hit && other_id != table) {
                Relation& edited = edit(other_id);
                edited.constraints.erase(
                    std::remove_if(edited.constraints.begin(), edited.constraints.end(),
                                   [&](const Constraint& c) {
                                       return c.referenced == table &&
                                              std::find(c.referenced_columns.begin(), c.referenced_columns.end(),
                                                        number) != c.referenced_columns.end();
                                   }),
                    edited.constraints.end());
            }
        }
        drop_owned_sequences(table, number);
        Relation& edited = edit(table);
        auto touches = [&](const Constraint& c) {
            auto has = [&](const std::vector<int>& list) {
                return std::find(list.begin(), list.end(), number) != list.end();
            };
            return has(c.columns) || has(c.expression_columns) ||
                   (c.referenced == table && has(c.referenced_columns));
        };
        edited.constraints.erase(std::remove_if(edited.constraints.begin(), edited.constraints.end(), touches),
                                 edited.constraints.end());
        edited.triggers.erase(std::remove_if(edited.triggers.begin(), edited.triggers.end(),
                                             [&](const Trigger& trigger) {
                                                 auto has = [&](const std::vector<int>& list) {
                                                     return std::find(list.begin(), list.end(), number) != list.end();
                                                 };
                                                 return has(trigger.when_columns) || has(trigger.update_columns);
                                             }),
                              edited.triggers.end());
        // Generated columns computed from it are dropped too (CASCADE).
        std::vector<std::string> generated;
        for (const Column& other : edited.columns) {
            if (std::find(other.generated_uses.begin(), other.generated_uses.end(), number) !=
                other.generated_uses.end()) {
                generated.push_back(other.name);
            }
        }
        edited.columns.erase(std::remove_if(edited.columns.begin(), edited.columns.end(),
                                            [&](const Column& c) { return c.number == number; }),
                             edited.columns.end());
        for (const std::string& dependent : generated) {
            drop_column(table, dependent);
        }
    }

    void drop_constraint(ObjectId table, const std::string& name, bool recurse) {
        for_table_and_children(table, recurse, [&](ObjectId target) {
            const Relation* relation = get(target);
            const Constraint* constraint = relation == nullptr ? nullptr : relation->find_constraint(name);
            if (constraint == nullptr) {
                return;
            }
            if (constraint->index != 0) {
                drop_relation(constraint->index);
                return;
            }
            Relation& edited = edit(target);
            edited.constraints.erase(std::remove_if(edited.constraints.begin(), edited.constraints.end(),
                                                    [&](const Constraint& c) { return c.name == name; }),
                                     edited.constraints.end());
        });
    }

    void drop_type(ObjectId id) {
        const auto found = m_catalog.m_types.find(id);
        if (found == m_catalog.m_types.end()) {
            return;
        }
        m_catalog.m_type_names.erase(key_of(found->second->schema, found->second->name));
        m_catalog.m_types.erase(found);
    }

    void drop(Node stmt) {
        const std::string_view object = stmt["removeType"].str();
        for (const Node& item : stmt["objects"].items()) {
            if (object == "OBJECT_TABLE" || object == "OBJECT_VIEW" || object == "OBJECT_MATVIEW" ||
                object == "OBJECT_INDEX" || object == "OBJECT_SEQUENCE" || object == "OBJECT_FOREIGN_TABLE") {
                drop_relation(lookup(qualified_name(item.as("List")["items"])));
            } else if (object == "OBJECT_TYPE" || object == "OBJECT_DOMAIN") {
                const QualifiedName name = qualified_name(item.as("TypeName")["names"]);
                drop_type(lookup_type(name));
            } else if (object == "OBJECT_STATISTIC_EXT") {
                const QualifiedName name = qualified_name(item.as("List")["items"]);
                if (const Relation* table = m_catalog.table_of_statistics(name); table != nullptr) {
                    const QualifiedName dropped{name.schema.empty() ? table_statistics_schema(*table, name.name)
                                                                    : name.schema,
                                                name.name};
                    std::erase(edit(table->id).statistics, dropped);
                }
            } else if (object == "OBJECT_POLICY" || object == "OBJECT_TRIGGER" || object == "OBJECT_RULE") {
                std::vector<std::string> parts = string_list(item.as("List")["items"]);
                if (parts.size() < 2) {
                    continue;
                }
                const std::string member = parts.back();
                parts.pop_back();
                QualifiedName table;
                table.name = parts.back();
                table.schema = parts.size() >= 2 ? parts[parts.size() - 2] : std::string{};
                const ObjectId id = lookup(table);
                if (id == 0) {
                    continue;
                }
                Relation& relation = edit(id);
                if (object == "OBJECT_POLICY") {
                    std::erase_if(relation.policies, [&](const Policy& p) { return p.name == member; });
                } else if (object == "OBJECT_TRIGGER") {
                    std::erase_if(relation.triggers, [&](const Trigger& t) { return t.name == member; });
                } else {
                    std::erase_if(relation.rules, [&](const RewriteRule& r) { return r.name == member; });
                }
            } else if (object == "OBJECT_SCHEMA") {
                drop_schema(std::string{item.as("String")["sval"].str()});
            } else if (object == "OBJECT_EXTENSION") {
                m_catalog.m_extensions.erase(std::string{item.as("String")["sval"].str()});
            }
        }
    }

    void drop_schema(const std::string& schema) {
        std::vector<ObjectId> relations;
        for (const auto& [id, relation] : m_catalog.m_relations) {
            if (relation->schema == schema && !relation->is_index() && relation->kind != RelationKind::sequence) {
                relations.push_back(id);
            }
        }
        for (ObjectId id : relations) {
            drop_relation(id);
        }
        std::vector<ObjectId> rest;
        for (const auto& [id, relation] : m_catalog.m_relations) {
            if (relation->schema == schema) {
                rest.push_back(id);
            }
        }
        for (ObjectId id : rest) {
            remove_relation(id);
        }
        std::vector<ObjectId> types;
        for (const auto& [id, type] : m_catalog.m_types) {
            if (type->schema == schema) {
                types.push_back(id);
            }
        }
        for (ObjectId id : types) {
            drop_type(id);
        }
        m_catalog.m_schemas.erase(schema);
    }

    // ---- Renames and SET SCHEMA ------------------------------------------------

    void rename(Node stmt) {
        const std::string_view object = stmt["renameType"].str();
        const std::string new_name = truncate_identifier(stmt["newname"].str());
        const std::string old_name{stmt["subname"].str()};
        if (object == "OBJECT_TABLE" || object == "OBJECT_VIEW" || object == "OBJECT_MATVIEW" ||
            object == "OBJECT_INDEX" || object == "OBJECT_SEQUENCE" || object == "OBJECT_FOREIGN_TABLE") {
            const ObjectId id = lookup(relation_name(stmt["relation"]));
            if (id == 0) {
                return;
            }
            const Relation* relation = get(id);
            // Renaming a constraint's index renames the constraint too.
            if (relation->is_index() && !relation->index.constraint.empty()) {
                rename_constraint_of_index(id, new_name);
            }
            rename_relation(id, get(id)->schema, new_name);
        } else if (object == "OBJECT_COLUMN") {
            const ObjectId id = lookup(relation_name(stmt["relation"]));
            if (id == 0) {
                return;
            }
            for_table_and_children(id, stmt["relation"]["inh"].flag(), [&](ObjectId target) {
                if (Column* column = column_for_edit(target, old_name); column != nullptr) {
                    column->name = new_name;
                }
            });
        } else if (object == "OBJECT_TABCONSTRAINT") {
            const ObjectId id = lookup(relation_name(stmt["relation"]));
            const Relation* relation = get(id);
            const Constraint* constraint = relation == nullptr ? nullptr : relation->find_constraint(old_name);
            if (constraint == nullptr) {
                return;
            }
            if (constraint->index != 0) {
                const ObjectId index_id = constraint->index;
                rename_constraint_of_index(index_id, new_name);
                rename_relation(index_id, get(index_id)->schema, new_name);
            } else {
                for (Constraint& edited : edit(id).constraints) {
                    if (edited.name == old_name) {
                        edited.name = new_name;
                    }
                }
            }
        } else if (object == "OBJECT_POLICY" || object == "OBJECT_TRIGGER" || object == "OBJECT_RULE") {
            const ObjectId id = lookup(relation_name(stmt["relation"]));
            if (id == 0) {
                return;
            }
            Relation& relation = edit(id);
            if (object == "OBJECT_POLICY") {
                for (Policy& policy : relation.policies) {
                    policy.name = policy.name == old_name ? new_name : policy.name;
                }
            } else if (object == "OBJECT_TRIGGER") {
                for (Trigger& trigger : relation.triggers) {
                    trigger.name = trigger.name == old_name ? new_name : trigger.name;
                }
            } else {
                for (RewriteRule& rule : relation.rules) {
                    rule.name = rule.name == old_name ? new_name : rule.name;
                }
            }
        } else if (object == "OBJECT_TYPE" || object == "OBJECT_DOMAIN") {
            const ObjectId id = lookup_type(qualified_name(stmt["object"].as("List")["items"]));
            if (id == 0) {
                return;
            }
            const TypeDef* type = m_catalog.m_types.at(id).get();
            const std::string old_schema = type->schema;
            const std::string old_type_name = type->name;
            m_catalog.m_type_names.erase(key_of(old_schema, old_type_name));
            TypeDef& edited = edit_type(id);
            edited.name = new_name;
            m_catalog.m_type_names[key_of(edited.schema, edited.name)] = id;
            retype_columns(old_schema, old_type_name, edited);
        } else if (object == "OBJECT_DOMCONSTRAINT") {
            const ObjectId id = lookup_type(qualified_name(stmt["object"].as("List")["items"]));
            if (id != 0) {
                for (Constraint& constraint : edit_type(id).constraints) {
                    constraint.name = constraint.name == old_name ? new_name : constraint.name;
                }
            }
        } else if (object == "OBJECT_SCHEMA") {
            rename_schema(old_name, new_name);
        } else if (object == "OBJECT_ATTRIBUTE") {
            const ObjectId id = lookup_type(relation_name(stmt["relation"]));
            if (id != 0) {
                for (Column& attribute : edit_type(id).attributes) {
                    attribute.name = attribute.name == old_name ? new_name : attribute.name;
                }
            }
        }
    }

    void rename_constraint_of_index(ObjectId index_id, const std::string& new_name) {
        const Relation* index = get(index_id);
        const ObjectId table = index->index.table;
        if (get(table) != nullptr) {
            for (Constraint& constraint : edit(table).constraints) {
                if (constraint.index == index_id) {
                    constraint.name = new_name;
                }
            }
        }
        edit(index_id).index.constraint = new_name;
    }

    // Columns of a renamed or moved type follow it.
    void retype_columns(const std::string& old_schema, const std::string& old_name, const TypeDef& type) {
        std::vector<ObjectId> tables;
        for (const auto& [id, relation] : m_catalog.m_relations) {
            for (const Column& column : relation->columns) {
                if (column.type.schema == old_schema && column.type.name == old_name) {
                    tables.push_back(id);
                    break;
                }
            }
        }
        for (ObjectId id : tables) {
            for (Column& column : edit(id).columns) {
                if (column.type.schema == old_schema && column.type.name == old_name) {
                    column.type.schema = type.schema;
                    column.type.name = type.name;
                }
            }
        }
    }

    void rename_schema(const std::string& old_name, const std::string& new_name) {
        std::vector<ObjectId> relations;
        for (const auto& [id, relation] : m_catalog.m_relations) {
            if (relation->schema == old_name) {
                relations.push_back(id);
            }
        }
        for (ObjectId id : relations) {
            rename_relation(id, new_name, get(id)->name);
        }
        std::vector<ObjectId> types;
        for (const auto& [id, type] : m_catalog.m_types) {
            if (type->schema == old_name) {
                types.push_back(id);
            }
        }
        for (ObjectId id : types) {
            move_type(id, new_name);
        }
        m_catalog.m_schemas.erase(old_name);
        m_catalog.m_schemas.insert(new_name);
    }

    void move_type(ObjectId id, const std::string& schema) {
        const TypeDef* type = m_catalog.m_types.at(id).get();
        const std::string old_schema = type->schema;
        const std::string old_name = type->name;
        m_catalog.m_type_names.erase(key_of(old_schema, old_name));
        TypeDef& edited = edit_type(id);
        edited.schema = schema;
        m_catalog.m_schemas.insert(schema);
        m_catalog.m_type_names[key_of(edited.schema, edited.name)] = id;
        retype_columns(old_schema, old_name, edited);
    }

    void set_schema(Node stmt) {
        const std::string_view object = stmt["objectType"].str();
        const std::string schema{stmt["newschema"].str()};
        if (object == "OBJECT_TABLE" || object == "OBJECT_VIEW" || object == "OBJECT_MATVIEW" ||
            object == "OBJECT_SEQUENCE" || object == "OBJECT_FOREIGN_TABLE") {
            const ObjectId id = lookup(relation_name(stmt["relation"]));
            if (id == 0) {
                return;
            }
            rename_relation(id, schema, get(id)->name);
            // Indexes and owned sequences move with their table.
            std::vector<ObjectId> followers;
            for (const Relation* relation : naming(id)) {
                if ((relation->is_index() && relation->index.table == id) ||
                    (relation->kind == RelationKind::sequence && relation->owned_by.relation == id)) {
                    followers.push_back(relation->id);
                }
            }
            for (ObjectId follower : followers) {
                rename_relation(follower, schema, get(follower)->name);
            }
        } else if (object == "OBJECT_TYPE" || object == "OBJECT_DOMAIN") {
            const ObjectId id = lookup_type(qualified_name(stmt["object"].as("List")["items"]));
            if (id != 0) {
                move_type(id, schema);
            }
        }
    }

    // ---- Views -----------------------------------------------------------------

    void create_view(Node stmt) {
        const QualifiedName name = relation_name(stmt["view"]);
        if (stmt["view"]["relpersistence"].str() == "t") {
            return;
        }
        create_query_relation(name, RelationKind::view, stmt["query"], string_list(stmt["aliases"]),
                              stmt["replace"].flag());
    }

    void create_table_as(Node stmt) {
        Node into = stmt["into"];
        if (into["rel"]["relpersistence"].str() == "t") {
            return;
        }
        const bool matview = stmt["objtype"].str() == "OBJECT_MATVIEW";
        const QualifiedName name = relation_name(into["rel"]);
        if (stmt["if_not_exists"].flag() && lookup(name) != 0) {
            return;
        }
        create_query_relation(name, matview ? RelationKind::materialized_view : RelationKind::table, stmt["query"],
                              string_list(into["colNames"]), false);
    }

    void create_query_relation(const QualifiedName& name, RelationKind kind, Node query,
                               const std::vector<std::string>& aliases, bool replace) {
        Node select = query.as("SelectStmt");
        QueryColumns read = read_query(m_catalog, select);
        ObjectId id = lookup(name);
        if (id != 0 && (!replace || get(id)->kind != kind)) {
            drop_relation(id);
            id = 0;
        }
        if (id == 0) {
            Relation relation;
            relation.schema = creation_schema(name.schema);
            relation.name = name.name;
            relation.kind = kind;
            id = add_relation(std::move(relation));
        }
        Relation& relation = edit(id);
        relation.definition_sql = kind == RelationKind::table ? std::string{} : deparse_select(select).text;
        relation.uses = kind == RelationKind::table ? std::vector<ColumnUse>{} : std::move(read.uses);
        // CREATE OR REPLACE VIEW keeps the existing columns and may only add new ones.
        for (std::size_t i = 0; i < read.columns.size(); ++i) {
            Column column = std::move(read.columns[i]);
            if (i < aliases.size()) {
                column.name = aliases[i];
            }
            if (i < relation.columns.size()) {
                relation.columns[i].type = column.type;
                continue;
            }
            column.number = ++relation.last_column_number;
            relation.columns.push_back(std::move(column));
        }
    }

    // ---- Policies, triggers, rules ---------------------------------------------

    std::vector<ColumnUse> uses_in(Node expression, ObjectId table, const std::vector<std::string>& aliases) {
        if (!expression) {
            return {};
        }
        return read_expression(m_catalog, expression, table, aliases);
    }

    void create_index_statement(Node stmt) {
        const ObjectId table = ensure_table(relation_name(stmt["relation"]));
        if (table == 0) {
            return;
        }
        IndexSpec spec;
        spec.name = std::string{stmt["idxname"].str()};
        spec.unique = stmt["unique"].flag();
        spec.primary = stmt["primary"].flag();
        spec.only = !stmt["relation"]["inh"].flag();
        spec.nulls_not_distinct = stmt["nulls_not_distinct"].flag();
        if (!stmt["accessMethod"].str().empty()) {
            spec.method = std::string{stmt["accessMethod"].str()};
        }
        for (const Node& element : stmt["indexParams"].items()) {
            spec.elements.push_back(element.as("IndexElem"));
        }
        for (const Node& element : stmt["indexIncludingParams"].items()) {
            spec.include.emplace_back(element.as("IndexElem")["name"].str());
        }
        spec.where = stmt["whereClause"];
        create_index(table, spec);
    }

    void policy(Node stmt, bool create) {
        const ObjectId table = ensure_table(relation_name(stmt["table"]));
        if (table == 0) {
            return;
        }
        const std::string name{stmt["policy_name"].str()};
        const std::string table_name = get(table)->name;
        Policy updated;
        if (const Policy* existing = get(table)->find_policy(name); existing != nullptr) {
            if (create) {
                return;
            }
            updated = *existing;
        } else if (!create) {
            return;
        }
        updated.name = name;
        if (create) {
            updated.command = stmt["cmd_name"].str().empty() ? "all" : std::string{stmt["cmd_name"].str()};
            updated.permissive = stmt["permissive"].flag();
        }
        if (stmt["roles"].size() > 0) {
            updated.roles = role_names(stmt["roles"]);
        }
        if (Node qual = stmt["qual"]; qual) {
            updated.using_sql = sql_of(qual);
        }
        if (Node check = stmt["with_check"]; check) {
            updated.check_sql = sql_of(check);
        }
        std::vector<ColumnUse> uses = create ? std::vector<ColumnUse>{} : updated.uses;
        if (!create && (stmt["qual"] || stmt["with_check"])) {
            uses.clear();
            // ALTER POLICY keeps the expression it does not replace; its columns are kept too.
            for (const ColumnUse& use : updated.uses) {
                uses.push_back(use);
            }
        }
        for (const ColumnUse& use : uses_in(stmt["qual"], table, {table_name})) {
            uses.push_back(use);
        }
        for (const ColumnUse& use : uses_in(stmt["with_check"], table, {table_name})) {
            uses.push_back(use);
        }
        std::sort(uses.begin(), uses.end());
        uses.erase(std::unique(uses.begin(), uses.end()), uses.end());
        updated.uses = std::move(uses);
        Relation& relation = edit(table);
        std::erase_if(relation.policies, [&](const Policy& p) { return p.name == name; });
        relation.policies.push_back(std::move(updated));
    }

    void create_trigger(Node stmt) {
        const ObjectId table = ensure_table(relation_name(stmt["relation"]));
        if (table == 0) {
            return;
        }
        Trigger trigger;
        trigger.name = std::string{stmt["trigname"].str()};
        const std::int64_t timing = stmt["timing"].integer().value_or(0);
        trigger.timing = (timing & k_trigger_instead) != 0 ? "instead of"
                         : (timing & k_trigger_before) != 0 ? "before"
                                                             : "after";
        const std::int64_t events = stmt["events"].integer().value_or(0);
        if ((events & k_trigger_insert) != 0) {
            trigger.events.emplace_back("insert");
        }
        if ((events & k_trigger_update) != 0) {
            trigger.events.emplace_back("update");
        }
        if ((events & k_trigger_delete) != 0) {
            trigger.events.emplace_back("delete");
        }
        if ((events & k_trigger_truncate) != 0) {
            trigger.events.emplace_back("truncate");
        }
        trigger.for_each_row = stmt["row"].flag();
        trigger.update_columns = column_numbers(table, string_list(stmt["columns"]));
        if (Node when = stmt["whenClause"]; when) {
            trigger.when_sql = sql_of(when);
            trigger.when_columns = columns_in(table, when);
        }
        const std::vector<std::string> function = string_list(stmt["funcname"]);
        for (std::size_t i = 0; i < function.size(); ++i) {
            trigger.function += (i == 0 ? "" : ".") + function[i];
        }
        Relation& relation = edit(table);
        std::erase_if(relation.triggers, [&](const Trigger& t) { return t.name == trigger.name; });
        relation.triggers.push_back(std::move(trigger));
    }

    void create_rule(Node stmt) {
        const ObjectId table = ensure_table(relation_name(stmt["relation"]));
        if (table == 0) {
            return;
        }
        RewriteRule rule;
        rule.name = std::string{stmt["rulename"].str()};
        std::string_view event = stmt["event"].str();
        if (event.substr(0, 4) == "CMD_") {
            event.remove_prefix(4);
        }
        rule.event = lower_keyword(event);
        rule.instead = stmt["instead"].flag();
        std::vector<ColumnUse> uses = uses_in(stmt["whereClause"], table, {"new", "old"});
        for (const Node& action : stmt["actions"].items()) {
            for (const ColumnUse& use : uses_in(action, table, {"new", "old"})) {
                uses.push_back(use);
            }
        }
        std::sort(uses.begin(), uses.end());
        uses.erase(std::unique(uses.begin(), uses.end()), uses.end());
        rule.uses = std::move(uses);
        Relation& relation = edit(table);
        std::erase_if(relation.rules, [&](const RewriteRule& r) { return r.name == rule.name; });
        relation.rules.push_back(std::move(rule));
    }

    // ---- Types -----------------------------------------------------------------

    TypeDef new_type(const QualifiedName& name, TypeKind kind) const {
        TypeDef type;
        type.schema = creation_schema(name.schema);
        type.name = truncate_identifier(name.name);
        type.kind = kind;
        return type;
    }

    bool replace_type(const QualifiedName& name) {
        if (ObjectId existing = lookup_type(name); existing != 0) {
            drop_type(existing);
            return true;
        }
        return false;
    }

    void create_enum(Node stmt) {
        const QualifiedName name = qualified_name(stmt["typeName"]);
        replace_type(name);
        TypeDef type = new_type(name, TypeKind::enumeration);
        type.values = string_list(stmt["vals"]);
        add_type(std::move(type));
    }

    void alter_enum(Node stmt) {
        const ObjectId id = lookup_type(qualified_name(stmt["typeName"]));
        if (id == 0) {
            return;
        }
        TypeDef& type = edit_type(id);
        const std::string value{stmt["newVal"].str()};
        if (!stmt["oldVal"].str().empty()) {
            for (std::string& existing : type.values) {
                existing = existing == stmt["oldVal"].str() ? value : existing;
            }
            return;
        }
        if (std::find(type.values.begin(), type.values.end(), value) != type.values.end()) {
            return;
        }
        const std::string_view neighbor = stmt["newValNeighbor"].str();
        auto position = std::find(type.values.begin(), type.values.end(), neighbor);
        if (neighbor.empty() || position == type.values.end()) {
            type.values.push_back(value);
        } else {
            type.values.insert(stmt["newValIsAfter"].flag() ? position + 1 : position, value);
        }
    }

    Constraint domain_check(Node constraint, const TypeDef& domain) const {
        Constraint check;
        check.kind = ConstraintKind::check;
        check.name = std::string{constraint["conname"].str()};
        if (check.name.empty()) {
            check.name = choose_constraint_name(domain.name, "", "check", domain.schema);
        }
        check.expression_sql = sql_of(constraint["raw_expr"]);
        check.validated = !constraint["skip_validation"].flag();
        return check;
    }

    void create_domain(Node stmt) {
        const QualifiedName name = qualified_name(stmt["domainname"]);
        replace_type(name);
        TypeDef type = new_type(name, TypeKind::domain);
        type.base = resolve_type(stmt["typeName"]);
        for (const Node& item : stmt["constraints"].items()) {
            Node constraint = item.as("Constraint");
            const std::string_view kind = constraint["contype"].str();
            if (kind == "CONSTR_NOTNULL") {
                type.not_null = true;
            } else if (kind == "CONSTR_DEFAULT") {
                type.default_sql = sql_of(constraint["raw_expr"]);
            } else if (kind == "CONSTR_CHECK") {
                Constraint check = domain_check(constraint, type);
                check.validated = true;
                type.constraints.push_back(std::move(check));
            }
        }
        add_type(std::move(type));
    }

    void alter_domain(Node stmt) {
        const ObjectId id = lookup_type(qualified_name(stmt["typeName"]));
        if (id == 0) {
            return;
        }
        const std::string_view subtype = stmt["subtype"].str();
        const std::string name{stmt["name"].str()};
        if (subtype == "C") {
            const Constraint check = domain_check(stmt["def"].as("Constraint"), *m_catalog.m_types.at(id));
            edit_type(id).constraints.push_back(check);
            return;
        }
        TypeDef& type = edit_type(id);
        if (subtype == "T") {
            type.default_sql = stmt["def"] ? sql_of(stmt["def"]) : std::string{};
        } else if (subtype == "N" || subtype == "O") {
            type.not_null = subtype == "O";
        } else if (subtype == "X") {
            std::erase_if(type.constraints, [&](const Constraint& c) { return c.name == name; });
        } else if (subtype == "V") {
            for (Constraint& constraint : type.constraints) {
                constraint.validated = constraint.validated || constraint.name == name;
            }
        }
    }

    void create_composite(Node stmt) {
        const QualifiedName name = relation_name(stmt["typevar"]);
        replace_type(name);
        TypeDef type = new_type(name, TypeKind::composite);
        int number = 0;
        for (const Node& item : stmt["coldeflist"].items()) {
            Node column_def = item.as("ColumnDef");
            Column attribute;
            attribute.number = ++number;
            attribute.name = std::string{column_def["colname"].str()};
            attribute.type = resolve_type(column_def["typeName"]);
            type.attributes.push_back(std::move(attribute));
        }
        add_type(std::move(type));
    }

    void create_range(Node stmt) {
        const QualifiedName name = qualified_name(stmt["typeName"]);
        replace_type(name);
        TypeDef type = new_type(name, TypeKind::range);
        for (const Node& item : stmt["params"].items()) {
            Node option = item.as("DefElem");
            if (option["defname"].str() == "subtype") {
                type.base = resolve_type(option["arg"].as("TypeName"));
            }
        }
        add_type(std::move(type));
    }

    // ---- Sequences, schemas, settings ------------------------------------------

    void sequence(Node stmt, bool create) {
        const QualifiedName name = relation_name(stmt["sequence"]);
        if (stmt["sequence"]["relpersistence"].str() == "t") {
            return;
        }
        ObjectId id = lookup(name);
        if (create && id == 0) {
            Relation relation;
            relation.schema = creation_schema(name.schema);
            relation.name = name.name;
            relation.kind = RelationKind::sequence;
            relation.sequence_type = ColumnType{"", "int8", {}, false, false};
            id = add_relation(std::move(relation));
        }
        if (id == 0) {
            return;
        }
        for (const Node& item : stmt["options"].items()) {
            Node option = item.as("DefElem");
            const std::string_view option_name = option["defname"].str();
            if (option_name == "as") {
                edit(id).sequence_type = resolve_type(option["arg"].as("TypeName"));
            } else if (option_name == "owned_by") {
                std::vector<std::string> parts = string_list(option["arg"].as("List")["items"]);
                ColumnUse owner;
                if (parts.size() >= 2) {
                    const std::string column = parts.back();
                    parts.pop_back();
                    QualifiedName table;
                    table.name = parts.back();
                    table.schema = parts.size() >= 2 ? parts[parts.size() - 2] : std::string{};
                    const ObjectId table_id = lookup(table);
                    owner = ColumnUse{table_id, table_id == 0 ? 0 : column_number(table_id, column)};
                }
                edit(id).owned_by = owner;
            }
        }
    }

    void create_schema(Node stmt) {
        std::string name{stmt["schemaname"].str()};
        if (name.empty()) {
            name = std::string{stmt["authrole"]["rolename"].str()};
        }
        if (name.empty()) {
            return;
        }
        m_catalog.m_schemas.insert(name);
        // CREATE SCHEMA s CREATE TABLE ...: the elements are created in s.
        const std::vector<std::string> saved = m_catalog.m_search_path;
        m_catalog.m_search_path = {name};
        for (const Node& element : stmt["schemaElts"].items()) {
            apply(element.type(), element.inner());
        }
        m_catalog.m_search_path = saved;
    }

    static std::vector<std::string> parse_search_path(std::string_view text) {
        std::vector<std::string> schemas;
        std::string current;
        bool quoted = false;
        auto flush = [&]() {
            std::string trimmed = current;
            while (!trimmed.empty() && trimmed.back() == ' ') {
                trimmed.pop_back();
            }
            std::size_t start = trimmed.find_first_not_of(' ');
            trimmed = start == std::string::npos ? std::string{} : trimmed.substr(start);
            if (!trimmed.empty() && trimmed != "$user") {
                schemas.push_back(trimmed);
            }
            current.clear();
        };
        for (char c : text) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                flush();
            } else {
                current += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
        }
        flush();
        return schemas;
    }

    void set_search_path(const std::vector<std::string>& schemas) { m_catalog.m_search_path = schemas; }

    void set_variable(Node stmt) {
        const std::string name = lower_keyword(stmt["name"].str());
        const std::string_view kind = stmt["kind"].str();
        const bool reset = kind == "VAR_SET_DEFAULT" || kind == "VAR_RESET" || kind == "VAR_RESET_ALL";
        if (kind == "VAR_RESET_ALL") {
            m_catalog.start_session();
            return;
        }
        if (name == "search_path") {
            if (reset) {
                set_search_path({"public"});
                return;
            }
            std::vector<std::string> schemas;
            for (const Node& arg : stmt["args"].items()) {
                Node constant = arg.as("A_Const");
                for (const std::string& schema : parse_search_path(constant["sval"]["sval"].str())) {
                    schemas.push_back(schema);
                }
            }
            set_search_path(schemas);
        } else if (name == "timezone") {
            Node value = stmt["args"].at(0).as("A_Const")["sval"]["sval"];
            m_catalog.m_utc_session = !reset && value && is_utc_zone(value.str());
        }
    }

    // SELECT set_config('search_path', '...', false), as pg_dump writes it.
    void set_config_calls(Node stmt) {
        visit_nodes(stmt, [&](std::string_view type, Node content) {
            if (type == "FuncCall" && function_name(content) == "set_config" && content["args"].size() == 3) {
                const std::string_view setting = content["args"].at(0).as("A_Const")["sval"]["sval"].str();
                const std::string_view value = content["args"].at(1).as("A_Const")["sval"]["sval"].str();
                if (lower_keyword(setting) == "search_path") {
                    set_search_path(parse_search_path(value));
                } else if (lower_keyword(setting) == "timezone") {
                    m_catalog.m_utc_session = is_utc_zone(value);
                }
            }
            return true;
        });
    }

    Catalog& m_catalog;
    CatalogChange* m_change;
};

}  // namespace migsafe

namespace migsafe {

void Catalog::apply(const Statement& statement, CatalogChange* change) {
    CatalogEditor editor{*this, change};
    editor.apply(statement.kind(), statement.content());
    record_edited_relations();
}

}  // namespace migsafe
