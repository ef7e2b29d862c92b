"""A small HTTP/1.1 load generator on raw asyncio streams.

httpx costs ~0.5 ms of CPU per request, which on a 2-core machine would be measured as server
latency. This client keeps persistent connections, writes pre-built requests and parses only
the status line, the headers it needs and the body length.

Two modes:
- `open_loop`: requests are *scheduled* at a fixed rate and latency is counted from the
  scheduled time, so a server that stalls is charged for the requests that queued behind the
  stall (no coordinated omission).
- `closed_loop`: N connections send back-to-back for a duration: the maximum throughput.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bench.stats import summary_ms


@dataclass
class Request:
    method: str
    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class LoadResult:
    sent: int = 0
    ok: int = 0
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    achieved_rate: float = 0.0

    def summary(self) -> dict[str, object]:
        return {
            "sent": self.sent,
            "ok": self.ok,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "elapsed_s": round(self.elapsed, 3),
            "achieved_rate": round(self.achieved_rate, 1),
            **summary_ms(self.latencies),
        }


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except (ConnectionError, OSError):
                pass
            self.writer = None

    def encode(self, req: Request) -> bytes:
        lines = [f"{req.method} {req.path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        headers = {"Content-Length": str(len(req.body)), **req.headers}
        lines += [f"{k}: {v}" for k, v in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + req.body

    async def send(self, req: Request) -> tuple[int, bytes]:
        if self.writer is None:
            await self.open()
        assert self.reader is not None and self.writer is not None
        self.writer.write(self.encode(req))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        chunked = False
        close = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value.strip())
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and b"close" in value.lower():
                close = True
        if chunked:
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return status, body


def _split(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    return parts.hostname or "127.0.0.1", parts.port or 80


async def open_loop(
    base_url: str,
    make_request: Callable[[int], Request],
    rate: float,
    duration: float,
    connections: int = 64,
    ok_status: tuple[int, ...] = (200, 201, 202),
    request_timeout: float = 10.0,
) -> LoadResult:
    """Send `rate` requests/s for `duration` s; latency from each request's scheduled time."""
    host, port = _split(base_url)
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    conns = [Connection(host, port) for _ in range(connections)]
    await asyncio.gather(*(c.open() for c in conns))
    for c in conns:
        pool.put_nowait(c)
    result = LoadResult()
    total = int(rate * duration)
    tasks: list[asyncio.Task[None]] = []

    async def one(i: int, scheduled: float) -> None:
        conn = await pool.get()
        try:
            status, _ = await asyncio.wait_for(conn.send(make_request(i)), request_timeout)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            if status in ok_status:
                result.ok += 1
            else:
                result.errors += 1
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            result.errors += 1
            await conn.close()
        finally:
            result.latencies.append(time.perf_counter() - scheduled)
            pool.put_nowait(conn)

    start = time.perf_counter()
    for i in range(total):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, scheduled)))
        result.sent += 1
    await asyncio.gather(*tasks)
    result.elapsed = time.perf_counter() - start
    result.achieved_rate = result.ok / result.elapsed if result.elapsed else 0.0
    await asyncio.gather(*(c.close() for c in conns))
    return result


async def closed_loop(
    base_url: str,
    make_request: Callable[[int], Request],
    duration: float,
    connections: int = 32,
    ok_status: tuple[int, ...] = (200, 201, 202),
    max_requests: int | None = None,
) -> LoadResult:
    """Each connection sends back-to-back for `duration` s (or until `max_requests` in total)."""
    host, port = _split(base_url)
    result = LoadResult()
    counter = iter(range(max_requests or 10**12))
    deadline = time.perf_counter() + duration

    async def worker() -> None:
        conn = Connection(host, port)
        await conn.open()
        try:
            while time.perf_counter() < deadline:
                i = next(counter, None)
                if i is None:
                    return
                t = time.perf_counter()
                result.sent += 1
                try:
                    status, _ = await conn.send(make_request(i))
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    result.errors += 1
                    await conn.close()
                    continue
                result.latencies.append(time.perf_counter() - t)
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status in ok_status:
                    result.ok += 1
                else:
                    result.errors += 1
        finally:
            await conn.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    result.elapsed = time.perf_counter() - start
    result.achieved_rate = result.ok / result.elapsed if result.elapsed else 0.0
    return result
