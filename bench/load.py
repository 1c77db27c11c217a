"""Our own HTTP/1.1 load generator: N keep-alive connections, and what each one got.

wrk reports totals. It once reported 8 connections while 6 of them waited unserved for
the whole run behind granian's backpressure, and the totals looked fine. Here every
connection counts its own answers, so a connection that was never served shows up as
a zero in `requests_per_connection`, not as a slightly lower average.

Each connection is a raw asyncio stream (no client library between us and the server):
it sends one request, reads the whole answer (Content-Length or chunked), and sends
the next on the same socket, until the run's deadline. An answer slower than `timeout`
counts as a timeout and the connection is opened anew, as a browser would retry; a
reset or a malformed answer counts as an error. The request under way at the deadline
may still finish within the timeout: its answer counts for the latencies and for
whether its connection was served, not for the throughput. Only the loopback address
is a target.
"""

import asyncio
import dataclasses
import statistics
import time
from urllib.parse import urlsplit

MAX_HEADER_BYTES = 64 * 1024


class BadResponse(Exception):
    pass


@dataclasses.dataclass
class Request:
    """One request, sent as is on every round (headers are bytes on the wire)."""

    path: str
    method: str = "GET"
    body: bytes = b""
    headers: dict[str, str] = dataclasses.field(default_factory=dict)

    def encode(self, authority: str) -> bytes:
        headers = {"Host": authority, "User-Agent": "broadsheet-bench", **self.headers}
        if self.body or self.method == "POST":
            headers["Content-Length"] = str(len(self.body))
        lines = [f"{self.method} {self.path} HTTP/1.1"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


@dataclasses.dataclass
class LoadResult:
    connections: int
    seconds: float
    requests: int
    errors: int
    timeouts: int
    statuses: dict[int, int]
    # Answers to requests sent before the deadline that arrived after it.
    late_answers: int = 0
    latencies_ms: list[float] = dataclasses.field(default_factory=list, repr=False)
    requests_per_connection: list[int] = dataclasses.field(default_factory=list, repr=False)
    error_samples: list[str] = dataclasses.field(default_factory=list)

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile_ms(self, fraction: float) -> float | None:
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    @property
    def unserved_connections(self) -> int:
        return sum(1 for count in self.requests_per_connection if count == 0)

    @property
    def bad_statuses(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 400)

    def summary(self) -> dict:
        per_connection = self.requests_per_connection or [0]
        p50, p99 = self.percentile_ms(0.50), self.percentile_ms(0.99)
        return {
            "connections": self.connections,
            "seconds": round(self.seconds, 2),
            "requests": self.requests,
            "late_answers": self.late_answers,
            "requests_per_second": round(self.requests_per_second, 1),
            "p50_ms": None if p50 is None else round(p50, 2),
            "p99_ms": None if p99 is None else round(p99, 2),
            "max_ms": round(max(self.latencies_ms), 2) if self.latencies_ms else None,
            "errors": self.errors,
            "timeouts": self.timeouts,
            "bad_statuses": self.bad_statuses,
            "statuses": {str(status): n for status, n in sorted(self.statuses.items())},
            "requests_per_connection": {
                "min": min(per_connection),
                "median": statistics.median(per_connection),
                "max": max(per_connection),
            },
            "unserved_connections": self.unserved_connections,
            "every_connection_served": self.unserved_connections == 0,
            "error_samples": self.error_samples[:5],
        }


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one whole response; (status, whether the server keeps the connection)."""
    head = await reader.readuntil(b"\r\n\r\n")
    if len(head) > MAX_HEADER_BYTES:
        raise BadResponse("response header too long")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
        raise BadResponse(f"bad status line {status_line[:80]!r}")
    status = int(parts[1])
    headers = {}
    for line in header_lines:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    keep_alive = headers.get("connection", "").lower() != "close"
    if "chunked" in headers.get("transfer-encoding", "").lower():
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            await reader.readexactly(size + 2)  # the chunk and its CRLF
            if size == 0:
                break
    elif "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif status not in (204, 304) and not (100 <= status < 200):
        # No length: the body runs until the server closes.
        await reader.read()
        keep_alive = False
    return status, keep_alive


async def _connection(
    index: int,
    *,
    host: str,
    port: int,
    wire: bytes,
    deadline: float,
    timeout: float,
    result: LoadResult,
) -> None:
    reader = writer = None
    try:
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                if writer is None:
                    reader, writer = await asyncio.wait_for(
                        asyncio.open_connection(host, port), timeout
                    )
                writer.write(wire)
                await writer.drain()
                # The request under way at the deadline may finish (up to the timeout):
                # its answer counts for latency and for "served", not for throughput.
                status, keep_alive = await asyncio.wait_for(read_response(reader), timeout)
            except TimeoutError:
                result.timeouts += 1
                writer = _close(writer)
                continue
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
                _record_error(result, f"connection {index}: {error!r}")
                writer = _close(writer)
                await asyncio.sleep(0.01)  # a refused connect must not spin
                continue
            except (BadResponse, ValueError) as error:
                _record_error(result, f"connection {index}: {error}")
                writer = _close(writer)
                continue
            finished = time.monotonic()
            if finished <= deadline:
                result.requests += 1
            else:
                result.late_answers += 1
            result.requests_per_connection[index] += 1
            result.statuses[status] = result.statuses.get(status, 0) + 1
            result.latencies_ms.append((finished - started) * 1000)
            if not keep_alive:
                writer = _close(writer)
    finally:
        _close(writer)


def _record_error(result: LoadResult, message: str) -> None:
    result.errors += 1
    if len(result.error_samples) < 5:
        result.error_samples.append(message)


def _close(writer):
    if writer is not None:
        writer.close()
    return None


async def run_load_async(
    base_url: str,
    request: Request,
    *,
    connections: int,
    seconds: float,
    timeout: float = 5.0,
) -> LoadResult:
    parts = urlsplit(base_url)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError("the load generator only targets this machine's loopback address")
    host, port = parts.hostname, parts.port or 80
    wire = request.encode(parts.netloc)
    result = LoadResult(
        connections=connections,
        seconds=seconds,
        requests=0,
        errors=0,
        timeouts=0,
        statuses={},
        latencies_ms=[],
        requests_per_connection=[0] * connections,
    )
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(
        *(
            _connection(
                index,
                host=host,
                port=port,
                wire=wire,
                deadline=deadline,
                timeout=timeout,
                result=result,
            )
            for index in range(connections)
        )
    )
    result.seconds = seconds
    return result


def run_load(base_url: str, request: Request, **options) -> LoadResult:
    """run_load_async in a fresh event loop (see there for the options)."""
    return asyncio.run(run_load_async(base_url, request, **options))
