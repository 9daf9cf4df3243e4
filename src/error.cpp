#include "migsafe/error.hpp"

namespace migsafe {

std::string Error::describe() const {
    std::string text;
    if (!path.empty()) {
        text += path;
        if (position) {
            text += ':' + std::to_string(position->line) + ':' + std::to_string(position->column);
        }
        text += ": ";
    }
    return text + message;
}

}  // namespace migsafe
