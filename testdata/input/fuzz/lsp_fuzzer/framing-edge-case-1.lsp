Content-Length: 55

{"jsonrpc": "2.0", "id": 1, "method": "unknown/method"}Content-Length: x

{}