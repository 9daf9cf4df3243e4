// SQL text for parse-tree expressions and queries: how the catalog shows
// defaults, CHECKs, index expressions, policies and views, and how fix plans
// recreate them.
#pragma once

#include <string>

#include "migsafe/ast.hpp"

namespace migsafe {

struct SqlText {
    std::string text;
    // False when part of the tree has no SQL rendering here; the text then holds
    // a /* NodeType */ marker and must not be executed.
    bool complete = true;
};

// A wrapped expression node, e.g. {"A_Expr": {...}}.
[[nodiscard]] SqlText deparse_expression(Node expression);
// A wrapped {"SelectStmt": {...}} (or its content).
[[nodiscard]] SqlText deparse_select(Node select);
// A TypeName's content, as format_type() spells it.
[[nodiscard]] std::string deparse_type(Node type_name);

}  // namespace migsafe
