Content-Length: 30

{"id":1,"method":"initialize"}Content-Length: 81

{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"a","text":""}}}Content-Length: 182

{"method":"textDocument/didChange","params":{"textDocument":{"uri":"a"},"contentChanges":[{"range":{"start":{"line":1e300,"character":0},"end":{"line":0,"character":0}},"text":""}]}}