#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    Node stmt = context.node();
    if (stmt["oldVal"].str().empty()) {
        return;
    }
    sink.report(ReportedFinding{
        context.statement_span(),
        "RENAME VALUE '" + std::string{stmt["oldVal"].str()} + "' TO '" + std::string{stmt["newVal"].str()} +
            "' of enum " + qualified_name(stmt["typeName"]).display() +
            " breaks running code that writes or compares the old value",
        "add the new value, migrate rows to it, switch the code, and stop using the old value",
        std::nullopt, std::nullopt});
}

}  // namespace

const Rule& rename_enum_value() {
    static const Rule k_rule{
        RuleMeta{
            .id = "rename-enum-value",
            .default_severity = Severity::warning,
            .summary = "Renaming an enum value breaks code that uses the old value",
            .rationale = "Running application instances that write or compare the old label start failing "
                         "with invalid input value errors as soon as the rename commits.",
            .safe_alternative = "ADD VALUE the new label, update rows in batches, switch the code, then stop "
                                "using the old label.",
            .exceptions = "None.",
            .example_bad = "ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';",
            .example_good = "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'sent';",
            .statement_kinds = {"AlterEnumStmt"},
            .aliases = {},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
