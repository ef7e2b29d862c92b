"""Baselines measured in the same run: bare FastAPI, raw asyncpg, raw Redis, bare WebSocket."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from redis.asyncio import Redis

from bench import loadgen
from bench.context import Ctx
from bench.results import Figure
from bench.stats import summary_ms

NAME = "baselines"

# A body of the size of a typical Messenger webhook delivery (~1 KB).
BODY = b'{"object":"page","entry":[' + b'{"id":"1","time":1,"messaging":[]},' * 25 + b"{}]}"


def echo_request(_: int) -> loadgen.Request:
    return loadgen.Request(
        "POST", "/echo", BODY, {"Content-Type": "application/json", "X-Hub-Signature-256": "x"}
    )


async def http(ctx: Ctx) -> list[Figure]:
    proc, url = await ctx.env.start_api(app="bench.bare_app:app")
    try:
        seconds = ctx.size["http_seconds"]
        await loadgen.closed_loop(url, echo_request, 1, connections=8)  # warm up
        closed = await loadgen.closed_loop(url, echo_request, seconds, connections=32)
        rate = ctx.size["webhook_rate"]
        opened = await loadgen.open_loop(url, echo_request, rate, seconds, connections=64)
    finally:
        ctx.env.stop(proc)
    s = opened.summary()
    ctx.baselines.update(
        {
            "bare_max_rps": closed.achieved_rate,
            "bare_p50_ms": float(s["p50_ms"]),  # type: ignore[arg-type]
            "bare_p99_ms": float(s["p99_ms"]),  # type: ignore[arg-type]
        }
    )
    return [
        Figure(
            NAME,
            "bare FastAPI POST, max rate (32 conns)",
            closed.achieved_rate,
            "req/s",
            higher_is_better=True,
            details=closed.summary(),
        ),
        Figure(
            NAME,
            f"bare FastAPI POST p99 at {rate}/s",
            float(s["p99_ms"]),
            "ms",  # type: ignore[arg-type]
            details=s,
        ),
    ]


async def postgres(ctx: Ctx) -> list[Figure]:
    conn = await ctx.env.connect()
    try:
        await conn.execute(
            "DROP TABLE IF EXISTS bench_baseline;"
            "CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, body bytea, "
            "status text, received_at timestamptz)"
        )
        body = BODY
        now = datetime.now(UTC)
        # One durable row per transaction: what a webhook delivery costs at minimum.
        n = 1000 if ctx.mode == "quick" else 5000
        t = time.perf_counter()
        for _ in range(n):
            await conn.execute(
                "INSERT INTO bench_baseline (body, status, received_at) VALUES ($1, 'pending', $2)",
                body,
                now,
            )
        commit_rate = n / (time.perf_counter() - t)
        # Many rows in one statement / transaction.
        rows = [(body, "pending", now)] * (20_000 if ctx.mode == "quick" else 100_000)
        t = time.perf_counter()
        async with conn.transaction():
            await conn.executemany(
                "INSERT INTO bench_baseline (body, status, received_at) VALUES ($1, $2, $3)", rows
            )
        insert_rate = len(rows) / (time.perf_counter() - t)
        copy_rows = [("hello " * 10, "pending", now)] * (
            200_000 if ctx.mode == "quick" else 1_000_000
        )
        await conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS bench_copy (text text, status text, at timestamptz)"
        )
        t = time.perf_counter()
        await conn.copy_records_to_table("bench_copy", records=copy_rows)
        copy_rate = len(copy_rows) / (time.perf_counter() - t)
        await conn.execute("DROP TABLE bench_baseline")
    finally:
        await conn.close()
    ctx.baselines.update(
        {"pg_commit_rate": commit_rate, "pg_insert_rate": insert_rate, "pg_copy_rate": copy_rate}
    )
    return [
        Figure(
            NAME, "asyncpg INSERT+COMMIT, 1 row/txn", commit_rate, "rows/s", higher_is_better=True
        ),
        Figure(NAME, "asyncpg executemany INSERT", insert_rate, "rows/s", higher_is_better=True),
        Figure(NAME, "asyncpg COPY", copy_rate, "rows/s", higher_is_better=True),
    ]


async def redis(ctx: Ctx) -> list[Figure]:
    client = Redis.from_url(ctx.env.redis_url)
    try:
        payload = b'{"type":"message.created","data":{"id":1,"text":"' + b"x" * 300 + b'"}}'
        n = 5_000 if ctx.mode == "quick" else 20_000
        t = time.perf_counter()
        for _ in range(n):
            await client.publish("bench:baseline", payload)
        seq_rate = n / (time.perf_counter() - t)
        m = 50_000 if ctx.mode == "quick" else 200_000
        t = time.perf_counter()
        async with client.pipeline(transaction=False) as pipe:
            for i in range(m):
                pipe.publish("bench:baseline", payload)
                if i % 1000 == 999:
                    await pipe.execute()
            await pipe.execute()
        pipe_rate = m / (time.perf_counter() - t)
    finally:
        await client.aclose()
    ctx.baselines.update({"redis_publish_rate": seq_rate, "redis_pipelined_rate": pipe_rate})
    return [
        Figure(NAME, "redis PUBLISH, awaited one by one", seq_rate, "msg/s", higher_is_better=True),
        Figure(NAME, "redis PUBLISH, pipelined", pipe_rate, "msg/s", higher_is_better=True),
    ]


async def websocket(ctx: Ctx) -> list[Figure]:
    """A bare FastAPI WebSocket broadcast to N clients: the floor for the realtime fan-out."""
    from bench.benches.realtime import fan_out

    proc, url = await ctx.env.start_api(app="bench.bare_app:app")
    try:
        latencies = await fan_out(
            ws_url=url.replace("http://", "ws://") + "/ws",
            clients=ctx.size["ws_clients"],
            events=ctx.size["ws_events"],
            trigger=lambda client, n: client.post(url + "/broadcast", content=_stamp(n)),
            extract=_stamp_of,
        )
    finally:
        ctx.env.stop(proc)
    s = summary_ms(latencies)
    ctx.baselines["bare_ws_p99_ms"] = s["p99_ms"]
    return [
        Figure(
            NAME,
            f"bare WebSocket fan-out to {ctx.size['ws_clients']} p99",
            s["p99_ms"],
            "ms",
            details=s,
        ),
    ]


def _stamp(n: int) -> str:
    return f'{{"n": {n}, "t": {time.time()!r}}}'


def _stamp_of(frame: str) -> tuple[int, float] | None:
    import json

    data = json.loads(frame)
    return int(data["n"]), float(data["t"])


async def run(ctx: Ctx) -> list[Figure]:
    figures: list[Figure] = []
    for part in (http, postgres, redis, websocket):
        figures += await part(ctx)
        await asyncio.sleep(0)
    return figures
