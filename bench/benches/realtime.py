"""WebSocket fan-out: one event to 1,000 connected clients, p99 delivery (target < 200 ms).

The event is published the way the product publishes it (`realtime.publisher.publish`: Redis
stream + pub/sub), picked up by the API process's single subscriber and written to every socket
of the workspace. Latency is wall-clock from just before the publish to the frame's arrival in
the client. The same client code against a bare FastAPI broadcast endpoint is the baseline.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import websockets

from bench import fixtures
from bench.context import Ctx
from bench.results import Figure, skipped
from bench.stats import summary_ms

NAME = "realtime"
TARGET_P99_MS = 200.0


async def fan_out(
    ws_url: str,
    clients: int,
    events: int,
    trigger: Callable[[httpx.AsyncClient, int], Awaitable[Any]],
    extract: Callable[[str], tuple[int, float] | None],
    gap: float = 0.25,
) -> list[float]:
    """Connect `clients` sockets, fire `events` events, return every delivery latency (s)."""
    latencies: list[float] = []
    received: dict[int, int] = {}
    sockets: list[Any] = []
    sem = asyncio.Semaphore(50)

    async def connect() -> Any:
        async with sem:
            for attempt in range(5):
                try:
                    return await websockets.connect(
                        ws_url, max_size=2**20, open_timeout=30, ping_interval=None
                    )
                except (OSError, websockets.exceptions.InvalidStatus, TimeoutError):
                    if attempt == 4:
                        raise
                    await asyncio.sleep(0.2 * (attempt + 1))
        return None

    sockets = list(await asyncio.gather(*(connect() for _ in range(clients))))

    async def reader(ws: Any) -> None:
        try:
            async for frame in ws:
                now = time.time()
                got = extract(frame if isinstance(frame, str) else frame.decode())
                if got is None:
                    continue
                n, sent_at = got
                latencies.append(now - sent_at)
                received[n] = received.get(n, 0) + 1
        except websockets.exceptions.ConnectionClosed:
            pass

    readers = [asyncio.create_task(reader(ws)) for ws in sockets]
    await asyncio.sleep(1.0)  # let the server register every socket
    async with httpx.AsyncClient(timeout=30) as client:
        for n in range(events):
            await trigger(client, n)
            await asyncio.sleep(gap)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and sum(received.values()) < clients * events:  # noqa: ASYNC110
        await asyncio.sleep(0.1)
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    for task in readers:
        task.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    missing = clients * events - len(latencies)
    if missing > 0:  # a lost delivery counts as the worst latency, not as nothing
        latencies += [float("inf")] * missing
    return latencies


def _chotdon_extract(frame: str) -> tuple[int, float] | None:
    try:
        message = json.loads(frame)
    except ValueError:
        return None
    data = message.get("data") if isinstance(message, dict) else None
    if not isinstance(data, dict) or "bench_n" not in data:
        return None
    return int(data["bench_n"]), float(data["bench_t"])


async def run(ctx: Ctx) -> list[Figure]:
    clients, events = ctx.size["ws_clients"], ctx.size["ws_events"]
    label = f"WebSocket fan-out to {clients} clients p99"
    base = ctx.baselines.get("bare_ws_p99_ms")
    if not fixtures.has_route("/api/v1/ws"):
        return [
            skipped(
                NAME,
                label,
                "ms",
                TARGET_P99_MS,
                "no /api/v1/ws route yet",
                baseline_name="bare ws",
                baseline=base,
            )
        ]
    await ctx.env.flush_redis()
    proc, url = await ctx.env.start_api()
    try:
        tenant = await fixtures.bench_tenant(url, ctx.env)
        from chotdon.realtime import publisher

        async def trigger(_: httpx.AsyncClient, n: int) -> None:
            await publisher.publish(
                tenant.workspace_id,
                "conversation.updated",
                {"id": n, "bench_n": n, "bench_t": time.time()},
            )

        ws_url = url.replace("http://", "ws://") + f"/api/v1/ws?token={tenant.token}"
        latencies = await fan_out(ws_url, clients, events, trigger, _chotdon_extract)
    finally:
        ctx.env.stop(proc)
        from chotdon.core.redis import close_redis

        await close_redis()
    s = summary_ms(latencies)
    lost = sum(1 for x in latencies if x == float("inf"))
    return [
        Figure(
            NAME,
            label,
            s["p99_ms"],
            "ms",
            target=TARGET_P99_MS,
            baseline_name="bare ws",
            baseline=base,
            details={**s, "lost": lost, "clients": clients, "events": events},
        ),
        Figure(NAME, f"WebSocket fan-out to {clients} clients p50", s["p50_ms"], "ms", details=s),
    ]
