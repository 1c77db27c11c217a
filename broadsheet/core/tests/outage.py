"""Real broken servers for outage tests: a port that refuses, a socket that never answers.

No mocks: the cache backend talks to these over TCP exactly as it would to Redis.
"""

import contextlib
import socket
import threading

from broadsheet.core.e2e import free_port


def refused_url(db: int = 0) -> str:
    """A Redis URL on a local port where nothing listens (connection refused)."""
    return f"redis://127.0.0.1:{free_port()}/{db}"


class HangingServer:
    """Accepts TCP connections and never answers, until told to forward to a real server.

    forward_to((host, port)) turns it into a plain TCP proxy for new connections: a
    Redis that comes back.
    """

    def __init__(self):
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(128)
        self.port = self._listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.target: tuple[str, int] | None = None
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def forward_to(self, target: tuple[str, int]) -> None:
        self.target = target

    def _accept(self):
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections.append(client)  # held open; never written to while hanging
            if self.target is not None:
                upstream = socket.create_connection(self.target)
                self.connections.append(upstream)
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=_pipe, args=(source, sink), daemon=True).start()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._closed.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for connection in self.connections:
            connection.close()
        self._thread.join(timeout=5)


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
