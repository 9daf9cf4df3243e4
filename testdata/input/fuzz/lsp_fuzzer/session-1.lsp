Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 1412

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql", "languageId": "sql", "version": 1, "text": "CREATE TABLE customers (id bigint PRIMARY KEY);\n-- The index comes after the key in the same migration.\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);\n-- Leading columns in another order, with more columns after them.\nCREATE TABLE line_items (order_id bigint, product_id bigint, quantity integer,\n    FOREIGN KEY (order_id, product_id) REFERENCES orders (id, customer_id));\nCREATE INDEX line_items_lookup ON line_items (product_id, order_id, quantity);\n-- A primary key or unique constraint that leads with the column serves too.\nCREATE TABLE customer_profiles (customer_id bigint PRIMARY KEY REFERENCES customers);\nCREATE TABLE addresses (customer_id bigint REFERENCES customers, kind text, UNIQUE (customer_id, kind));\n-- A key dropped again before the migration ends.\nCREATE TABLE notes (id bigint, customer_id bigint CONSTRAINT notes_customer_fkey REFERENCES customers);\nALTER TABLE notes DROP CONSTRAINT notes_customer_fkey;\n-- A table migsafe never saw created may have indexes it does not know of.\nALTER TABLE invoices ADD CONSTRAINT invoices_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;\n"}}}Content-Length: 279

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 17, "character": 0}}, "context": {"diagnostics": [], "only": ["quickfix"]}}}Content-Length: 285

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}, "text": "-- \u00e9\ud83d\ude00\n"}]}}Content-Length: 1377

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}, "text": "CREATE TABLE customers (id bigint PRIMARY KEY);\n-- The index comes after the key in the same migration.\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);\n-- Leading columns in another order, with more columns after them.\nCREATE TABLE line_items (order_id bigint, product_id bigint, quantity integer,\n    FOREIGN KEY (order_id, product_id) REFERENCES orders (id, customer_id));\nCREATE INDEX line_items_lookup ON line_items (product_id, order_id, quantity);\n-- A primary key or unique constraint that leads with the column serves too.\nCREATE TABLE customer_profiles (customer_id bigint PRIMARY KEY REFERENCES customers);\nCREATE TABLE addresses (customer_id bigint REFERENCES customers, kind text, UNIQUE (customer_id, kind));\n-- A key dropped again before the migration ends.\nCREATE TABLE notes (id bigint, customer_id bigint CONSTRAINT notes_customer_fkey REFERENCES customers);\nALTER TABLE notes DROP CONSTRAINT notes_customer_fkey;\n-- A table migsafe never saw created may have indexes it does not know of.\nALTER TABLE invoices ADD CONSTRAINT invoices_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;\n"}}Content-Length: 256

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}, "range": {"start": {"line": 1, "character": 2}, "end": {"line": 2, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 186

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql", "version": 3}, "contentChanges": [{"text": "SELECT 1;"}]}}Content-Length: 128

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/migsafe-fuzz/V1__m.sql"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}