"""ACK latency and ingestion throughput of a provider's webhook, the same way for every provider
beside Facebook's (`benches/webhook.py`): signed events (one customer message each) sent
open-loop at the webhook rate while a worker ingests them (ACK p50/p99, ratio to the bare
FastAPI POST of the same run), the maximum ACK rate, then a backlog drained by one worker
(messages/s, ratio to raw asyncpg inserts), and every message counted at the end (lost,
duplicated). The channel is connected through the real OAuth flow against the provider's
simulator process. A provider's bench (`benches/shopee.py`, `benches/zalo.py`) gives a `Spec`.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx

from bench import fixtures, loadgen
from bench.context import Ctx
from bench.env import free_port, wait_http
from bench.results import Figure, skipped

ACK_P99_TARGET_MS = 20.0
INGEST_TARGET = 1000.0


@dataclass(frozen=True)
class Spec:
    name: str  # the bench's name: "shopee"
    title: str  # in the figures: "Shopee"
    event: str  # what one webhook is called: "push", "event"
    provider: str  # the channel provider: "shopee"
    route: str  # "/webhooks/shopee"
    simulator: str  # module run with -m
    app_env: Callable[[str], dict[str, str]]  # the API's and worker's environment, by sim URL
    create: Callable[[httpx.AsyncClient], Awaitable[str]]  # a simulated account → its id
    marker: Callable[[str], str]  # how the consent page's link for that id reads
    # (account id, random, sequence number, customer number) → one signed webhook
    request: Callable[[str, random.Random, int, int], loadgen.Request]


async def count_messages(ctx: Ctx, channel_id: int) -> tuple[int, int]:
    """Incoming messages stored on the channel, and how many distinct ids among them."""
    conn = await ctx.env.connect()
    try:
        row = await conn.fetchrow(
            "SELECT count(*), count(DISTINCT external_id) FROM messages "
            "WHERE channel_id = $1 AND direction = 'in'",
            channel_id,
        )
        return int(row[0]), int(row[1])
    finally:
        await conn.close()


async def wait_for_messages(
    ctx: Ctx, channel_id: int, expected: int, within: float
) -> tuple[int, float]:
    start = time.perf_counter()
    got = 0
    while time.perf_counter() - start < within:
        got, _ = await count_messages(ctx, channel_id)
        if got >= expected:
            break
        await asyncio.sleep(0.1)
    return got, time.perf_counter() - start


async def _connect(
    spec: Spec, api_url: str, sim_url: str, headers: dict[str, str]
) -> tuple[str, int]:
    async with (
        httpx.AsyncClient(base_url=sim_url, timeout=30) as sim,
        httpx.AsyncClient(base_url=api_url, timeout=60, headers=headers) as api,
    ):
        account = await spec.create(sim)
        url = (await api.post(f"/api/v1/channels/{spec.provider}/authorize")).json()["url"]
        page = await sim.get(url)
        [link] = [
            h.replace("&amp;", "&")
            for h in re.findall(r'href="([^"]+)"', page.text)
            if spec.marker(account) in h
        ]
        callback = (await sim.get(link)).headers["location"]
        parts = urlsplit(callback)
        answer = await api.get(f"{parts.path}?{parts.query}")
        connected = parse_qs(urlsplit(answer.headers["location"]).query).get("connected")
        if not connected:
            raise RuntimeError(f"connecting the simulated account failed: {answer.headers}")
        return account, int(connected[0])


async def run(ctx: Ctx, spec: Spec) -> list[Figure]:
    title, event = spec.title, spec.event
    if not fixtures.has_route(spec.route):
        return [skipped(spec.name, f"{title} {event} ACK p99", "ms", ACK_P99_TARGET_MS, "no route")]
    env = ctx.env
    rate = ctx.size["webhook_rate"]
    seconds = ctx.size["http_seconds"]
    await env.flush_redis()
    sim_port = free_port()
    sim_proc = env.spawn(
        ["-m", spec.simulator, "--port", str(sim_port)],
        env.app_env(),
        f"{spec.name}-sim-{sim_port}",
    )
    sim_url = f"http://127.0.0.1:{sim_port}"
    procs = [sim_proc]
    app_env = spec.app_env(sim_url)
    rng = random.Random(ctx.seed)
    counter = itertools.count()
    made = [0]
    try:
        await wait_http(sim_url + "/_sim/health", sim_proc, 30)
        api_proc, api_url = await env.start_api(**app_env)
        procs.append(api_proc)
        tenant = await fixtures.bench_tenant(api_url, env)
        account, channel_id = await _connect(spec, api_url, sim_url, tenant.headers)

        def one(_: int) -> loadgen.Request:
            made[0] += 1
            customer = min(int(rng.paretovariate(1.2)) - 1, 299)
            return spec.request(account, rng, next(counter), customer)

        worker = env.start_worker(**app_env)
        procs.append(worker)
        await loadgen.closed_loop(api_url, one, 1, connections=4)  # warm up
        await wait_for_messages(ctx, channel_id, made[0], 60)
        ack = await loadgen.open_loop(api_url, one, rate, seconds, connections=64)
        cap = 120 if ctx.mode == "quick" else 600
        await wait_for_messages(ctx, channel_id, made[0], cap)
        env.stop(procs.pop())  # the worker
        n_ingest = ctx.size["ingest_messages"]
        burst = await loadgen.closed_loop(api_url, one, 120, connections=32, max_requests=n_ingest)
        sent_total = made[0]
        before, _ = await count_messages(ctx, channel_id)
        t = time.perf_counter()
        procs.append(env.start_worker(**app_env))
        got, _ = await wait_for_messages(ctx, channel_id, sent_total, cap)
        drain = time.perf_counter() - t
        await asyncio.sleep(2)
        total, distinct = await count_messages(ctx, channel_id)
    finally:
        for proc in reversed(procs):
            env.stop(proc)
    ingested = got - before
    s = ack.summary()
    lost, duplicated = max(0, sent_total - distinct), total - distinct
    counts = {"sent": sent_total, "stored_messages": total, "lost": lost, "duplicated": duplicated}
    print(f"   events: {counts}", flush=True)
    return [
        Figure(
            spec.name,
            f"{title} {event} ACK p99 at {rate}/s (worker running)",
            float(s["p99_ms"]),
            "ms",
            target=ACK_P99_TARGET_MS,
            baseline_name="bare POST p99",
            baseline=ctx.baselines.get("bare_p99_ms"),
            details={**s, **counts},
        ),
        Figure(
            spec.name,
            f"{title} {event} ACK max rate (32 conns)",
            burst.achieved_rate,
            f"{event}es/s" if event.endswith("sh") else f"{event}s/s",
            higher_is_better=True,
            target=float(rate),
            baseline_name="bare POST max",
            baseline=ctx.baselines.get("bare_max_rps"),
            details=burst.summary(),
        ),
        Figure(
            spec.name,
            f"{title} ingestion, one worker (backlog drain)",
            ingested / drain if drain else 0.0,
            "messages/s",
            target=INGEST_TARGET,
            higher_is_better=True,
            baseline_name="asyncpg executemany",
            baseline=ctx.baselines.get("pg_insert_rate"),
            details={"messages": ingested, "seconds": round(drain, 2), **counts},
        ),
        Figure(
            spec.name,
            f"{title} messages missing + duplicated",
            float(lost + duplicated),
            "events",
            target=1,
            details=counts,
        ),
    ]
