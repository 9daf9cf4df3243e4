Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 479

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file://localhost/tmp/migsafe-fuzz/20240101_a.up.sql", "languageId": "sql", "version": 1, "text": "CREATE TABLE sessions (id uuid PRIMARY KEY, token varchar(64));\nALTER TABLE sessions ALTER COLUMN token TYPE text;\nALTER TABLE users ALTER COLUMN name SET DEFAULT 'anonymous';\nALTER TABLE users ALTER COLUMN name SET STATISTICS 500;\nALTER TABLE users RENAME COLUMN name TO full_name;\n"}}}Content-Length: 295

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file://localhost/tmp/migsafe-fuzz/20240101_a.up.sql"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 0}}, "context": {"diagnostics": [], "only": ["quickfix"]}}}Content-Length: 302

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file://localhost/tmp/migsafe-fuzz/20240101_a.up.sql", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}, "text": "-- \u00e9\ud83d\ude00\n"}]}}Content-Length: 444

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "file://localhost/tmp/migsafe-fuzz/20240101_a.up.sql"}, "text": "CREATE TABLE sessions (id uuid PRIMARY KEY, token varchar(64));\nALTER TABLE sessions ALTER COLUMN token TYPE text;\nALTER TABLE users ALTER COLUMN name SET DEFAULT 'anonymous';\nALTER TABLE users ALTER COLUMN name SET STATISTICS 500;\nALTER TABLE users RENAME COLUMN name TO full_name;\n"}}Content-Length: 273

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file://localhost/tmp/migsafe-fuzz/20240101_a.up.sql"}, "range": {"start": {"line": 1, "character": 2}, "end": {"line": 2, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 203

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file://localhost/tmp/migsafe-fuzz/20240101_a.up.sql", "version": 3}, "contentChanges": [{"text": "SELECT 1;"}]}}Content-Length: 145

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file://localhost/tmp/migsafe-fuzz/20240101_a.up.sql"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}