// The fixture syntax: `-- expect: <rule-id> ["fragment"]` marks and the
// `-- migsafe-test: <flags>` header line.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace migsafe::testing {

struct ExpectMark {
    int line = 0;               // 1-based line of the mark
    bool trailing = false;      // after code on the same line
    std::string rule;
    std::string fragment;       // must occur in the message when not empty
};

struct FixtureSpec {
    std::vector<std::string> flags;  // from the migsafe-test header, split on whitespace
    std::vector<ExpectMark> marks;
};

[[nodiscard]] FixtureSpec parse_fixture_spec(const std::string& text);

}  // namespace migsafe::testing
