#include "migsafe/joined.hpp"

#include "migsafe/ast.hpp"

namespace migsafe {

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            text += separator;
        }
        text += items[i];
    }
    return text;
}

std::string joined_identifiers(const std::vector<std::string>& names, std::string_view separator) {
    std::vector<std::string> quoted;
    quoted.reserve(names.size());
    for (const std::string& name : names) {
        quoted.push_back(quote_identifier(name));
    }
    return joined(quoted, separator);
}

}  // namespace migsafe
