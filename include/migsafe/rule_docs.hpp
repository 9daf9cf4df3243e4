// The rule catalog rendered from rule metadata: the terminal table, one rule's
// page (text for `migsafe rule`, Markdown for docs/rules and SARIF help), JSON.
#pragma once

#include <ostream>
#include <span>
#include <string>

#include "migsafe/rule.hpp"

namespace migsafe {

// The fix plan the rule attaches to its own example_bad, as fix_plan_text writes
// it; empty when the example gets none.
[[nodiscard]] std::string example_fix_plan(const RuleMeta& meta);

// `migsafe rules`: id, severity, default on/off, fix, summary; one rule a line.
void render_rules_table(std::span<const Rule* const> rules, std::ostream& out);

// One rule's page, sections in a fixed order: title; badge line (severity ·
// default · fix · PostgreSQL versions · aliases); What it flags; Why it is
// dangerous; Safe alternative (with the example's fix plan); Examples; Does not
// trigger on; Options; How to suppress.
// Markdown: docs/rules/<id>.md and SARIF help.markdown.
[[nodiscard]] std::string rule_doc_markdown(const RuleMeta& meta);
// Plain text wrapped for a terminal: `migsafe rule ID` and SARIF help.text.
[[nodiscard]] std::string rule_doc_text(const RuleMeta& meta);

// docs/rules/README.md: the index table linking every page.
[[nodiscard]] std::string rules_index_markdown(std::span<const Rule* const> rules);
// `migsafe rules --format json`: every field of every rule, as one JSON array.
[[nodiscard]] std::string rules_json(std::span<const Rule* const> rules);

}  // namespace migsafe
