Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 360

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql", "languageId": "sql", "version": 1, "text": "BEGIN;\nSET LOCAL lock_timeout = '1s';\nALTER TABLE users ADD COLUMN region text;\nCOMMIT;\n-- expect: require-lock-timeout \"No lock_timeout\"\nALTER TABLE users ADD COLUMN zone text;\n"}}}Content-Length: 278

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 0}}, "context": {"diagnostics": [], "only": ["quickfix"]}}}Content-Length: 285

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}, "text": "-- \u00e9\ud83d\ude00\n"}]}}Content-Length: 325

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}, "text": "BEGIN;\nSET LOCAL lock_timeout = '1s';\nALTER TABLE users ADD COLUMN region text;\nCOMMIT;\n-- expect: require-lock-timeout \"No lock_timeout\"\nALTER TABLE users ADD COLUMN zone text;\n"}}Content-Length: 256

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}, "range": {"start": {"line": 1, "character": 2}, "end": {"line": 2, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 186

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql", "version": 3}, "contentChanges": [{"text": "SELECT 1;"}]}}Content-Length: 128

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}