garbage
Content-Length: 2

{}Content-Length: 6

[1, 2]Content-Length: 9

{"id": 1}