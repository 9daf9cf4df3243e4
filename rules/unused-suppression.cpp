// Its findings come from the suppression pass (src/suppress.cpp): only after
// every other rule has run is it known whether an ignore comment matched anything.
#include "migsafe/rule.hpp"

namespace migsafe::rules {

const Rule& unused_suppression() {
    static const Rule k_rule{
        RuleMeta{
            .id = "unused-suppression",
            .default_severity = Severity::hint,
            .summary = "An ignore comment suppresses nothing, or names a rule that does not exist",
            .rationale = "A suppression that matches no finding hides nothing today but will silently hide a "
                         "real problem once the statement it sits next to changes: the lock it takes, the "
                         "table it rewrites, or the data it drops would then go unreported. A misspelt rule id "
                         "suppresses nothing at all while looking as if it did, so the finding it was meant for "
                         "is reported and the reviewer is left guessing (reported as a warning).",
            .safe_alternative = "Remove the stale rule id (or the whole comment). Fix a misspelt id: the message "
                                "names the closest known one. Place a statement suppression on the line before "
                                "the statement or at the end of its last line, and give the reason after a "
                                "colon: -- migsafe-ignore rule-id: why it is safe here.",
            .exceptions = "Suppressions of rules that are not enabled in this run (with --disable, the config "
                          "file, or a PostgreSQL version the rule does not apply to) are not judged: they may "
                          "still be needed when the rule is on. Unknown ids are always reported.",
            .example_bad = "-- migsafe-ignore drop-colum: the column was never read\n"
                           "ALTER TABLE users ADD COLUMN nickname text;",
            .example_good = "-- migsafe-ignore require-concurrent-index-creation: the table holds 40 rows\n"
                            "CREATE INDEX users_email_idx ON users (email);",
            .statement_kinds = {},
            .aliases = {"squawk:unused-ignore"},
            .fix = FixAvailability::none,
        },
        nullptr,
        nullptr,
    };
    return k_rule;
}

}  // namespace migsafe::rules
