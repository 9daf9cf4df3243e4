// Inline suppressions: `-- migsafe-ignore rule-id[, rule-id]: reason` for one
// statement, `-- migsafe-ignore-file rule-id: reason` for a file, and the
// unused-suppression findings about comments that suppressed nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "migsafe/config.hpp"
#include "migsafe/finding.hpp"
#include "migsafe/rule.hpp"
#include "migsafe/source.hpp"

namespace migsafe {

enum class SuppressionScope { statement, file };

struct SuppressedRule {
    std::string written;         // as in the comment: an id, a bare alias or "tool:alias"
    ByteSpan span;               // where it is written
    const Rule* rule = nullptr;  // nullptr when no rule has that id or alias
};

struct Suppression {
    SuppressionScope scope = SuppressionScope::statement;
    ByteSpan span;               // the whole comment
    bool trailing = false;       // code precedes the comment on its line
    std::vector<SuppressedRule> rules;
    std::string reason;          // empty when none is given
};

// The suppression comments in the given sections of `text`. Comments inside
// dollar-quoted bodies count, so statements inside DO blocks can be suppressed.
[[nodiscard]] std::vector<Suppression> parse_suppressions(std::string_view text, const std::vector<ByteSpan>& sections);

struct SuppressionContext {
    const LineIndex& lines;
    // Every analysed statement's span, indexed by statement index; embedded
    // statements lie inside their DO block's span.
    const std::vector<ByteSpan>& statements;
    const std::vector<ActiveRule>& rules;
    bool require_reason = false;
};

// Removes the findings the suppressions cover and appends unused-suppression
// findings: a suppression that matched nothing, an unknown rule id, a comment
// naming no rule, and (with require_reason) a missing reason. Suppressions of
// rules that are not enabled in this run are not judged.
void apply_suppressions(const std::vector<Suppression>& suppressions, const SuppressionContext& context,
                        std::vector<Finding>& findings);

}  // namespace migsafe
