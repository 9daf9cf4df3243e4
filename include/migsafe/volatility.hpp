// Whether an expression is volatile: a volatile column default forces a table rewrite.
#pragma once

#include "migsafe/ast.hpp"

namespace migsafe {

// True when `expression` calls a volatile function, or a function not known to be
// stable or immutable (unknown functions count as volatile, as PostgreSQL cannot
// promise otherwise).
[[nodiscard]] bool is_volatile_expression(Node expression);

}  // namespace migsafe
