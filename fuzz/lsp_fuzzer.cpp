// libFuzzer target: the language server on an arbitrary client byte stream —
// JSON-RPC framing (MessageReader), then dispatch of every message (initialize,
// didOpen/didChange/didSave/didClose, codeAction, shutdown, exit) and the lint
// and publish of changed documents, as run_server does, without threads or stdio.
// The input is read from an in-memory file; the replies are discarded.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "migsafe/jsonrpc.hpp"
#include "migsafe/lsp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const int in_fd = ::memfd_create("lsp_fuzzer", 0);
    if (in_fd < 0 || ::write(in_fd, data, size) != static_cast<ssize_t>(size) || ::lseek(in_fd, 0, SEEK_SET) != 0) {
        __builtin_trap();
    }
    {
        std::size_t sent = 0;
        migsafe::lsp::Server server{migsafe::lsp::ServerOptions{},
                                    [&sent](std::string_view message) { sent += message.size(); }};
        migsafe::lsp::MessageReader reader{in_fd};
        while (!server.exit_requested()) {
            const migsafe::lsp::MessageReader::Read read = reader.next();
            if (read.status == migsafe::lsp::MessageReader::Status::end) {
                break;
            }
            if (read.status == migsafe::lsp::MessageReader::Status::message) {
                server.handle(read.body);
                server.flush();  // as when the client pauses after each message
            }
        }
        static_cast<void>(server.exit_code());
    }
    ::close(in_fd);
    return 0;
}
