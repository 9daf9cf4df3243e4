#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    Node refresh = context.node();
    const QualifiedName view = relation_name(refresh["relation"]);
    const RelationEffect* effect = context.effects().find(view);
    if (refresh["concurrent"].flag() || context.state().created_in_unit(view) || effect == nullptr) {
        return;
    }
    std::optional<FixPlan> plan;
    std::string help = "use REFRESH MATERIALIZED VIEW CONCURRENTLY, which needs a unique index on the view";
    if (refresh["skipData"].flag()) {
        help = "WITH NO DATA empties the view for every reader; refresh it CONCURRENTLY instead if it must stay "
               "readable";
    } else {
        plan = FixPlan{};
        plan->phases.push_back(FixPhase{"expand", "REFRESH MATERIALIZED VIEW CONCURRENTLY " + quote_name(view) + ";",
                                        false, false,
                                        "the view needs a unique index (CREATE UNIQUE INDEX CONCURRENTLY on it) "
                                        "and must have been populated once"});
    }
    sink.report(ReportedFinding{context.statement_span(),
                                "REFRESH MATERIALIZED VIEW " + view.display() + " takes " +
                                    std::string{sql_lock_name(effect->mode)} + " lock, " +
                                    describe_blocking(effect->mode) +
                                    (effect->rewrite ? ", while it recomputes and rewrites the view" : ""),
                                help, plan, std::nullopt});
}

}  // namespace

const Rule& refresh_materialized_view_blocking() {
    static const Rule k_rule{
        RuleMeta{
            .id = "refresh-materialized-view-blocking",
            .default_severity = Severity::warning,
            .summary = "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view",
            .rationale = "A plain refresh takes ACCESS EXCLUSIVE on the materialized view and holds it while the "
                         "query runs and the view is rewritten, so every SELECT on the view waits for the whole "
                         "refresh.",
            .safe_alternative = "REFRESH MATERIALIZED VIEW CONCURRENTLY: it takes EXCLUSIVE, which still allows "
                                "reads, and swaps in the new rows. It needs a unique index on the view and a view "
                                "that has been populated.",
            .exceptions = "Materialized views created earlier in the same migration.",
            .example_bad = "REFRESH MATERIALIZED VIEW order_totals;",
            .example_good = "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;",
            .statement_kinds = {"RefreshMatViewStmt"},
            .aliases = {"pgfence:refresh-matview-blocking"},
            .fix = FixAvailability::sometimes,
            .scales_with_table_size = true,
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
