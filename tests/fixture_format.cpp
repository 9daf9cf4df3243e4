#include "fixture_format.hpp"

#include <sstream>

namespace migsafe::testing {
namespace {

std::string trim(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos) {
        return {};
    }
    const auto end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

// "rule-id "fragment"" -> mark; the fragment is optional.
ExpectMark parse_mark(const std::string& body, int line, bool trailing) {
    ExpectMark mark;
    mark.line = line;
    mark.trailing = trailing;
    const std::string rest = trim(body);
    const auto quote = rest.find('"');
    mark.rule = trim(rest.substr(0, quote));
    if (quote != std::string::npos) {
        const auto close = rest.rfind('"');
        if (close > quote) {
            mark.fragment = rest.substr(quote + 1, close - quote - 1);
        }
    }
    return mark;
}

}  // namespace

FixtureSpec parse_fixture_spec(const std::string& text) {
    static const std::string k_expect = "-- expect:";
    static const std::string k_header = "-- migsafe-test:";
    FixtureSpec spec;
    std::istringstream stream{text};
    std::string line;
    int number = 0;
    while (std::getline(stream, line)) {
        ++number;
        const std::string trimmed = trim(line);
        if (trimmed.rfind(k_header, 0) == 0) {
            std::istringstream flags{trimmed.substr(k_header.size())};
            for (std::string flag; flags >> flag;) {
                spec.flags.push_back(flag);
            }
            continue;
        }
        const auto at = line.find(k_expect);
        if (at == std::string::npos) {
            continue;
        }
        const bool trailing = !trim(line.substr(0, at)).empty();
        spec.marks.push_back(parse_mark(line.substr(at + k_expect.size()), number, trailing));
    }
    return spec;
}

}  // namespace migsafe::testing
