// Errors as values: what went wrong, where, and of which kind.
#pragma once

#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "migsafe/source.hpp"

namespace migsafe {

enum class ErrorKind { io, usage, config, parse };

struct Error {
    ErrorKind kind = ErrorKind::io;
    std::string message;
    std::string path;
    std::optional<Position> position;

    // "path:line:col: message", or the parts that are known.
    [[nodiscard]] std::string describe() const;
};

template <typename T>
using Result = tl::expected<T, Error>;

[[nodiscard]] inline tl::unexpected<Error> make_error(ErrorKind kind, std::string message,
                                                      std::string path = {},
                                                      std::optional<Position> position = {}) {
    return tl::unexpected<Error>(Error{kind, std::move(message), std::move(path), position});
}

}  // namespace migsafe
