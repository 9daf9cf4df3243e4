// A rule: its metadata and a pure check over one statement in its context.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migsafe/ast.hpp"
#include "migsafe/finding.hpp"
#include "migsafe/fix.hpp"
#include "migsafe/lock_model.hpp"
#include "migsafe/migration_state.hpp"
#include "migsafe/parse.hpp"

namespace migsafe {

enum class FixAvailability { none, sometimes, always };

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
    std::vector<std::string_view> statement_kinds;  // libpg_query node names; empty = every kind
    int min_pg = k_min_pg_version;
    int max_pg = k_max_pg_version;
    std::vector<std::string_view> aliases;          // "squawk:ban-drop-column"
    FixAvailability fix = FixAvailability::none;
};

struct ReportedFinding {
    ByteSpan span;
    std::string message;
    std::string help;
    std::optional<FixPlan> fix;
    std::optional<Severity> severity;  // when the rule grades this case differently
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

    // The whole statement.
    [[nodiscard]] ByteSpan statement_span() const { return m_statement.span; }
    // From `node`'s location to the end of the statement (the whole statement if it has none).
    [[nodiscard]] ByteSpan span_from(Node node) const;
    // The text of ALTER TABLE subcommand `index` (0-based), e.g. "ALTER COLUMN id TYPE text".
    [[nodiscard]] ByteSpan alter_subcommand_span(std::size_t index) const;
    [[nodiscard]] std::string_view text_of(ByteSpan span) const;

private:
    const Statement& m_statement;
    const StatementEffects& m_effects;
    const MigrationState& m_state;
    int m_pg_version;
};

// Called once per unit after its last statement, for rules that judge the whole unit.
class UnitContext {
public:
    UnitContext(const MigrationState& final_state, std::size_t end_offset)
        : m_state(final_state), m_end_offset(end_offset) {}
    [[nodiscard]] const MigrationState& state() const { return m_state; }
    [[nodiscard]] std::size_t end_offset() const { return m_end_offset; }

private:
    const MigrationState& m_state;
    std::size_t m_end_offset;
};

using CheckFunction = void (*)(const StatementContext&, FindingSink&);
using FinishFunction = void (*)(const UnitContext&, FindingSink&);

struct Rule {
    RuleMeta meta;
    CheckFunction check = nullptr;
    FinishFunction finish = nullptr;
};

}  // namespace migsafe
