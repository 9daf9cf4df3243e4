#include <string>

#include "migsafe/ast.hpp"
#include "migsafe/rule.hpp"

namespace migsafe::rules {
namespace {

void check(const StatementContext& context, FindingSink& sink) {
    const MigrationState& state = context.state();
    if (!state.in_transaction() || state.enum_values_added_in_transaction().empty() ||
        context.kind() == "AlterEnumStmt") {
        return;
    }
    visit_nodes(context.node(), [&](std::string_view type, Node content) {
        if (type != "A_Const") {
            return true;
        }
        const std::string value{content["sval"]["sval"].str()};
        if (value.empty() || !state.enum_value_added_in_transaction(value)) {
            return true;
        }
        std::string types;
        for (const std::string& name : state.enum_types_with_value_added_in_transaction(value)) {
            types += (types.empty() ? "" : ", ") + name;
        }
        const auto offset = context.offset_of(content);
        const ByteSpan span = offset ? ByteSpan{*offset, std::min(*offset + value.size() + 2,
                                                                  context.statement_span().end)}
                                     : context.statement_span();
        sink.report(ReportedFinding{span,
                                    "'" + value + "' was added to " + types +
                                        " by ALTER TYPE ... ADD VALUE in this transaction: PostgreSQL refuses to "
                                        "use it before the transaction commits (unsafe use of new value)",
                                    "add the enum value in its own migration (or COMMIT after ADD VALUE), and use it "
                                    "in a later one",
                                    std::nullopt, std::nullopt});
        return true;
    });
}

}  // namespace

const Rule& enum_value_used_in_same_transaction() {
    static const Rule k_rule{
        RuleMeta{
            .id = "enum-value-used-in-same-transaction",
            .default_severity = Severity::error,
            .summary = "A value added by ALTER TYPE ... ADD VALUE is used before its transaction commits",
            .rationale = "PostgreSQL refuses to use an enum value added in the still-open transaction (\"unsafe "
                         "use of new value\"), so the migration fails at run time, in production, after the "
                         "statements before it have taken their locks.",
            .safe_alternative = "Add the value in its own migration (or commit right after ADD VALUE) and use it "
                                "in a later migration.",
            .exceptions = "Values used after a COMMIT; values of an enum type created in the same transaction.",
            .example_bad = "BEGIN;\nALTER TYPE mood ADD VALUE 'ecstatic';\nUPDATE people SET mood = 'ecstatic' "
                           "WHERE id = 1;\nCOMMIT;",
            .example_good = "BEGIN;\nALTER TYPE mood ADD VALUE 'ecstatic';\nCOMMIT;\nUPDATE people SET mood = "
                            "'ecstatic' WHERE id = 1;",
            .statement_kinds = {},
            .min_pg = 12,
            .aliases = {},
        },
        &check,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
