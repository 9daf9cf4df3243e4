#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

std::string routine_name(const StatementContext& context) {
    std::string name;
    for (const std::string& part : string_list(context.node()["funcname"])) {
        name += (name.empty() ? "" : ".") + part;
    }
    return name;
}

void check(const StatementContext& context, FindingSink& sink) {
    const bool is_do = context.kind() == "DoStmt";
    if (!is_do && !context.option_flag("function_bodies")) {
        return;
    }
    const std::string where = is_do ? "the DO block"
                                    : std::string{context.node()["is_procedure"].flag() ? "procedure " : "function "} +
                                          routine_name(context);
    for (const UninspectedSql& item : context.statement().uninspected) {
        switch (item.kind) {
            case UninspectedSql::Kind::dynamic:
                sink.report(ReportedFinding{
                    item.span,
                    item.detail + " in " + where + " builds its SQL at run time, so migsafe cannot check the locks " +
                        (is_do ? "it takes" : "it takes when called"),
                    is_do ? "write the statements as static SQL in the DO block so migsafe checks them, or review "
                            "the generated SQL by hand"
                          : "review the SQL it generates by hand: migrations that call it run that SQL unchecked",
                    std::nullopt, std::nullopt});
                break;
            case UninspectedSql::Kind::other_language:
                sink.report(ReportedFinding{item.span,
                                            "DO block in LANGUAGE " + item.detail +
                                                " is not read by migsafe, so its statements go unchecked",
                                            "write the block in PL/pgSQL, or review its statements by hand",
                                            std::nullopt, std::nullopt});
                break;
            case UninspectedSql::Kind::unreadable:
                sink.report(ReportedFinding{item.span, "DO block is not checked: " + item.detail,
                                            "review its statements by hand", std::nullopt, std::nullopt});
                break;
        }
    }
}

}  // namespace

const Rule& uninspected_sql() {
    static const Rule k_rule{
        RuleMeta{
            .id = "uninspected-sql",
            .default_severity = Severity::hint,
            .summary = "SQL migsafe cannot see into: EXECUTE of a string built at run time, or an unreadable DO block",
            .rationale = "migsafe reads the static SQL inside DO blocks with PostgreSQL's own PL/pgSQL parser and "
                         "checks it like any other statement. A statement built as a string and run with EXECUTE "
                         "only exists when the block runs, so nothing about it can be checked: it may take ACCESS "
                         "EXCLUSIVE on a large table, rewrite it, or drop it, and the report would stay silent. "
                         "The same holds for a DO block in another language, and for EXECUTE in a function or "
                         "procedure that a migration calls.",
            .safe_alternative = "Write the statements as static SQL in the DO block (loops over a known list of "
                                "tables can usually be unrolled), so each one is checked. Where the SQL must be "
                                "dynamic, review what it generates by hand and suppress this hint with the reason.",
            .exceptions = "Static SQL in DO blocks (checked like top-level statements); PERFORM and SELECT ... INTO; "
                          "function bodies written in LANGUAGE sql; EXECUTE in function bodies when the "
                          "function_bodies option is false.",
            .example_bad = "DO $$\nBEGIN\n  EXECUTE format('ALTER TABLE %I ADD COLUMN note text', 'orders');\nEND\n$$;",
            .example_good = "DO $$\nBEGIN\n  ALTER TABLE orders ADD COLUMN note text;\nEND\n$$;",
            .statement_kinds = {"DoStmt", "CreateFunctionStmt"},
            .aliases = {},
            .fix = FixAvailability::none,
            .options = {RuleOption{
                .name = "function_bodies",
                .type = OptionType::boolean,
                .default_value = true,
                .description = "Also report EXECUTE in CREATE FUNCTION and CREATE PROCEDURE bodies, which run when "
                               "called rather than when the migration creates them",
            }},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
