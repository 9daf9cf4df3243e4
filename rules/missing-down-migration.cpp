#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

// Where the framework keeps a down migration, for the help line.
std::string where_downs_live(const std::string& framework) {
    if (framework == "dbmate") {
        return "add a '-- migrate:down' section that reverts it";
    }
    if (framework == "goose") {
        return "add a '-- +goose Down' section that reverts it";
    }
    if (framework == "liquibase") {
        return "add '--rollback' lines to the changeset";
    }
    if (framework == "sqitch") {
        return "add the change's revert/ script";
    }
    if (framework == "diesel") {
        return "add a down.sql beside the up.sql";
    }
    return "add the matching .down.sql file beside it";
}

// Judged once per unit: the framework told the state whether this up has a down.
void finish(const UnitContext& unit, FindingSink& sink) {
    const UnitInfo& info = unit.state().unit();
    if (info.down || !info.has_down.has_value() || *info.has_down) {
        return;
    }
    const std::string tool = info.display.empty() ? info.framework : info.display;
    sink.report(ReportedFinding{ByteSpan{info.begin, info.begin},
                                "Up migration has no down migration, so " + tool +
                                    " cannot roll it back when a deploy has to be reverted",
                                where_downs_live(info.framework), std::nullopt, std::nullopt});
}

}  // namespace

const Rule& missing_down_migration() {
    static const Rule k_rule{
        RuleMeta{
            .id = "missing-down-migration",
            .default_severity = Severity::hint,
            .enabled_by_default = false,
            .summary = "An up migration without a down in a framework that keeps downs",
            .rationale = "golang-migrate, dbmate, goose, Diesel, popx, morph, Sqitch and Liquibase roll a "
                         "deploy back by running the down (revert, rollback) of each migration. An up without "
                         "one cannot be undone by the tool: reverting a bad deploy then means writing the "
                         "reverse SQL under pressure.",
            .safe_alternative = "Write the down with the up: the statements that undo it, in reverse order "
                                "(DROP what was created, re-create what was dropped).",
            .exceptions = "Frameworks without down migrations (Flyway, Prisma, Drizzle, Supabase, Atlas, plain "
                          "SQL); down migrations themselves; an up whose down exists but is empty on purpose "
                          "is reported only when the framework keeps it in the same file.",
            .example_bad = "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);",
            .example_good = "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- migrate:down\n"
                            "DROP TABLE users;",
            .statement_kinds = {},
            .fix = FixAvailability::none,
        },
        nullptr,
        &finish,
    };
    return k_rule;
}

}  // namespace migsafe::rules
