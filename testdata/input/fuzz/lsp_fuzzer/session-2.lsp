Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 559

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql", "languageId": "sql", "version": 1, "text": "-- migsafe-test: --schema=context/events.sql\n-- A partitioned parent refuses CONCURRENTLY (concurrently-on-partitioned-table's plan applies).\nCREATE INDEX events_tenant_idx ON events (tenant_id);\n-- Its partitions are plain tables.\n-- expect: require-concurrent-index-creation \"CREATE INDEX on existing table events_0\"\nCREATE INDEX events_0_tenant_idx ON events_0 (tenant_id);\n"}}}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 278

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 0}}, "context": {"diagnostics": [], "only": ["quickfix"]}}}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 285

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}, "text": "-- \u00e9\ud83d\ude00\n"}]}}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 524

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}, "text": "-- migsafe-test: --schema=context/events.sql\n-- A partitioned parent refuses CONCURRENTLY (concurrently-on-partitioned-table's plan applies).\nCREATE INDEX events_tenant_idx ON events (tenant_id);\n-- Its partitions are plain tables.\n-- expect: require-concurrent-index-creation \"CREATE INDEX on existing table events_0\"\nCREATE INDEX events_0_tenant_idx ON events_0 (tenant_id);\n"}}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 256

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}, "range": {"start": {"line": 1, "character": 2}, "end": {"line": 2, "character": 0}}, "context": {"diagnostics": []}}}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 186

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql", "version": 3}, "contentChanges": [{"text": "SELECT 1;"}]}}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 128

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}}}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}