// A rule: its metadata and a pure check over one statement in its context.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/catalog.hpp"
#include "migsafe/catalog_change.hpp"
#include "migsafe/finding.hpp"
#include "migsafe/fix.hpp"
#include "migsafe/lock_model.hpp"
#include "migsafe/migration_state.hpp"
#include "migsafe/parse.hpp"

namespace migsafe {

enum class FixAvailability { none, sometimes, always };

enum class OptionType { boolean, integer, string, string_list };

using OptionValue = std::variant<bool, std::int64_t, std::string, std::vector<std::string>>;

// A setting a rule accepts in the config file: "rules": {"<id>": {"<name>": value}}.
struct RuleOption {
    std::string_view name;
    OptionType type = OptionType::boolean;
    OptionValue default_value;
    std::string_view description;
};

// Option values by name: the rule's defaults, overridden by the config file.
using RuleOptions = std::map<std::string, OptionValue, std::less<>>;

[[nodiscard]] std::string_view option_type_name(OptionType type);  // "boolean", "list of strings", ...
// As JSON would write it: true, 3, "text", ["a", "b"].
[[nodiscard]] std::string option_value_text(const OptionValue& value);

struct RuleMeta {
    std::string_view id;
    Severity default_severity = Severity::warning;
    bool enabled_by_default = true;
    std::string_view summary;           // one line, no trailing period
    std::string_view rationale;         // which lock, what it blocks, why it matters
    std::string_view safe_alternative;
    std::string_view exceptions;        // what deliberately does not trigger
    std::string_view example_bad;
    std::string_view example_good;
    std::vector<std::string_view> statement_kinds{};  // libpg_query node names; empty = every kind
    int min_pg = k_min_pg_version;
    int max_pg = k_max_pg_version;
    std::vector<std::string_view> aliases{};        // "squawk:ban-drop-column"
    FixAvailability fix = FixAvailability::none;
    // The plan only prepends SET lock_timeout, which every plan's phases get anyway:
    // `migsafe fix` prefers another rule's plan for the same statement.
    bool plan_only_sets_lock_timeout = false;
    std::vector<RuleOption> options{};
    // The lock is held while the table is rewritten or read: --stats scales the finding.
    bool scales_with_table_size = false;
};

// A replacement of statement text, for fix plans built from the user's own SQL.
struct TextEdit {
    ByteSpan span;  // file offsets; an empty span inserts at span.begin
    std::string text;
};

struct ReportedFinding {
    ByteSpan span;
    std::string message;
    std::string help;
    std::optional<FixPlan> fix;
    std::optional<Severity> severity;  // when the rule grades this case differently
    // The statement it is about, for a finding reported once the unit has ended.
    std::optional<std::size_t> statement = std::nullopt;
};

class FindingSink {
public:
    virtual ~FindingSink() = default;
    virtual void report(ReportedFinding finding) = 0;
};

class StatementContext {
public:
    StatementContext(const Statement& statement, const StatementEffects& effects,
                     const MigrationState& state, int pg_version)
        : m_statement(statement), m_effects(effects), m_state(state), m_pg_version(pg_version) {}

    [[nodiscard]] const Statement& statement() const { return m_statement; }
    [[nodiscard]] Node node() const { return m_statement.content(); }
    [[nodiscard]] std::string_view kind() const { return m_statement.kind(); }
    [[nodiscard]] const StatementEffects& effects() const { return m_effects; }
    // The state before this statement runs.
    [[nodiscard]] const MigrationState& state() const { return m_state; }
    [[nodiscard]] int pg_version() const { return m_pg_version; }
    // The schema before this statement: the --schema dump, earlier migrations and the
    // statements before it in this file; empty when none of them is known.
    [[nodiscard]] const Catalog& catalog() const {
        static const Catalog k_unknown;
        return m_catalog != nullptr ? *m_catalog : k_unknown;
    }
    void set_catalog(const Catalog* catalog) { m_catalog = catalog; }
    // Partitioned, as this unit's statements or the schema say.
    [[nodiscard]] bool is_partitioned(const QualifiedName& table) const;
    // The table an index belongs to, as this unit's statements or the schema say.
    [[nodiscard]] std::optional<QualifiedName> table_of_index(const QualifiedName& index) const;

    // The whole statement.
    [[nodiscard]] ByteSpan statement_span() const { return m_statement.span; }
    // From `node`'s location to the end of the statement (the whole statement if it has none).
    [[nodiscard]] ByteSpan span_from(Node node) const;
    // The text of ALTER TABLE subcommand `index` (0-based), e.g. "ALTER COLUMN id TYPE text".
    [[nodiscard]] ByteSpan alter_subcommand_span(std::size_t index) const;
    [[nodiscard]] std::string_view text_of(ByteSpan span) const;
    // File offset of `node`'s location, when it lies inside this statement.
    [[nodiscard]] std::optional<std::size_t> offset_of(Node node) const;
    // The first balanced "( ... )" starting at or after `file_offset`, parentheses
    // included; literals, quoted identifiers and comments are skipped.
    [[nodiscard]] std::optional<ByteSpan> parenthesized_after(std::size_t file_offset) const;
    // Where the whitespace before `file_offset` starts.
    [[nodiscard]] std::size_t start_of_whitespace_before(std::size_t file_offset) const;
    // Constraint `index` of a ColumnDef (e.g. " NOT NULL", " CONSTRAINT c CHECK (x > 0)") with the
    // whitespace before it, up to the next constraint or `limit` (a file offset ending the column).
    [[nodiscard]] std::optional<ByteSpan> column_constraint_span(Node column_def, std::size_t index,
                                                                 std::size_t limit) const;
    // A ColumnDef's type as written (with any COLLATE), up to its first constraint or `limit`.
    [[nodiscard]] std::string column_type_sql(Node column_def, std::size_t limit) const;
    // The statement's text with `edits` applied; they must not overlap.
    [[nodiscard]] std::string edited_sql(std::vector<TextEdit> edits) const;
    // The ALTER TABLE without the subcommands at `removed`, with `edits` applied to the ones
    // kept; nullopt when none would remain.
    [[nodiscard]] std::optional<std::string> without_subcommands(const std::vector<std::size_t>& removed,
                                                                 const std::vector<TextEdit>& edits = {}) const;

    // The rule about to run and its option values; the analyzer sets them before each rule.
    void set_rule(const RuleMeta& meta, const RuleOptions& options) {
        m_meta = &meta;
        m_options = &options;
    }
    // The running rule's option `name`: the config file's value, else the declared default.
    [[nodiscard]] bool option_flag(std::string_view name) const;
    [[nodiscard]] std::int64_t option_integer(std::string_view name) const;
    [[nodiscard]] std::string option_string(std::string_view name) const;
    [[nodiscard]] std::vector<std::string> option_list(std::string_view name) const;

private:
    [[nodiscard]] const OptionValue* option(std::string_view name) const;

    const Statement& m_statement;
    const StatementEffects& m_effects;
    const MigrationState& m_state;
    int m_pg_version;
    const RuleMeta* m_meta = nullptr;
    const RuleOptions* m_options = nullptr;
    const Catalog* m_catalog = nullptr;
};

// Called once per unit after its last statement, for rules that judge the whole unit.
class UnitContext {
public:
    UnitContext(const MigrationState& final_state, std::size_t end_offset, const Catalog& final_catalog,
                int pg_version)
        : m_state(final_state), m_end_offset(end_offset), m_catalog(final_catalog), m_pg_version(pg_version) {}
    [[nodiscard]] const MigrationState& state() const { return m_state; }
    [[nodiscard]] std::size_t end_offset() const { return m_end_offset; }
    [[nodiscard]] int pg_version() const { return m_pg_version; }
    // The schema after the unit's last statement (down sections leave it unchanged).
    [[nodiscard]] const Catalog& catalog() const { return m_catalog; }

private:
    const MigrationState& m_state;
    std::size_t m_end_offset;
    const Catalog& m_catalog;
    int m_pg_version;
};

// Called after a statement changed the schema, for rules that compare the schema
// before and after it.
class AppliedContext {
public:
    AppliedContext(const StatementContext& statement, const Catalog& after, const CatalogChange& change)
        : m_statement(statement), m_after(after), m_change(change) {}
    // The statement, its spans and text; its catalog() is the schema after it.
    [[nodiscard]] const StatementContext& statement() const { return m_statement; }
    [[nodiscard]] const Catalog& after() const { return m_after; }
    // A relation as it was before the statement; null when the statement created it.
    [[nodiscard]] const Relation* relation_before(ObjectId id) const { return m_change.relation_before(m_after, id); }

private:
    const StatementContext& m_statement;
    const Catalog& m_after;
    const CatalogChange& m_change;
};

using CheckFunction = void (*)(const StatementContext&, FindingSink&);
using FinishFunction = void (*)(const UnitContext&, FindingSink&);
using AppliedFunction = void (*)(const AppliedContext&, FindingSink&);

struct Rule {
    RuleMeta meta;
    CheckFunction check = nullptr;
    FinishFunction finish = nullptr;
    AppliedFunction applied = nullptr;
};

}  // namespace migsafe
