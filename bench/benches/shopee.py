"""Shopee push ACK latency and ingestion throughput, beside Facebook's (issue 14).

Same shape as `webhook.py`: signed code-10 pushes (one buyer message each) sent open-loop at the
webhook rate while a worker ingests them (ACK p50/p99, ratio to the bare FastAPI POST of the same
run), then a backlog drained by one worker (messages/s, ratio to raw asyncpg inserts), and every
message counted at the end (lost, duplicated). The shop is connected through the real OAuth flow
against the Shopee simulator process.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import random
import re
import time
from urllib.parse import parse_qs, urlsplit

import httpx

from bench import fixtures, loadgen
from bench import vietnamese as vi
from bench.context import Ctx
from bench.env import free_port, wait_http
from bench.results import Figure, skipped

NAME = "shopee"
ACK_P99_TARGET_MS = 20.0
INGEST_TARGET = 1000.0
PARTNER_KEY = "shopee-dev-partner-key-change-me"
PUBLIC_URL = "http://bench.chotdon.test"  # what pushes are signed over (PUBLIC_URL setting)


async def _count(ctx: Ctx, channel_id: int) -> tuple[int, int]:
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


async def _wait_for(ctx: Ctx, channel_id: int, expected: int, within: float) -> tuple[int, float]:
    start = time.perf_counter()
    got = 0
    while time.perf_counter() - start < within:
        got, _ = await _count(ctx, channel_id)
        if got >= expected:
            break
        await asyncio.sleep(0.1)
    return got, time.perf_counter() - start


async def _connect(api_url: str, sim_url: str, headers: dict[str, str]) -> tuple[int, int]:
    async with (
        httpx.AsyncClient(base_url=sim_url, timeout=30) as sim,
        httpx.AsyncClient(base_url=api_url, timeout=60, headers=headers) as api,
    ):
        shop = (await sim.post("/_sim/shops", json={"name": "Shopee Bench"})).json()
        url = (await api.post("/api/v1/channels/shopee/authorize")).json()["url"]
        page = await sim.get(url)
        [link] = [
            h.replace("&amp;", "&")
            for h in re.findall(r'href="([^"]+)"', page.text)
            if f"shop_id={shop['shop_id']}" in h
        ]
        callback = (await sim.get(link)).headers["location"]
        parts = urlsplit(callback)
        answer = await api.get(f"{parts.path}?{parts.query}")
        connected = parse_qs(urlsplit(answer.headers["location"]).query).get("connected")
        if not connected:
            raise RuntimeError(f"connecting the simulated shop failed: {answer.headers}")
        return int(shop["shop_id"]), int(connected[0])


async def run(ctx: Ctx) -> list[Figure]:
    if not fixtures.has_route("/webhooks/shopee"):
        return [skipped(NAME, "Shopee push ACK p99", "ms", ACK_P99_TARGET_MS, "no route")]
    env = ctx.env
    rate = ctx.size["webhook_rate"]
    seconds = ctx.size["http_seconds"]
    await env.flush_redis()
    sim_port = free_port()
    sim_proc = env.spawn(
        ["-m", "chotdon.channels.shopee.simulator", "--port", str(sim_port)],
        env.app_env(),
        f"shopee-sim-{sim_port}",
    )
    sim_url = f"http://127.0.0.1:{sim_port}"
    procs = [sim_proc]
    app_env = {"SHOPEE_API_URL": sim_url, "PUBLIC_URL": PUBLIC_URL}
    rng = random.Random(ctx.seed)
    buyers = [8_100_000 + i for i in range(300)]
    counter = itertools.count()
    made = [0]
    try:
        await wait_http(sim_url + "/_sim/health", sim_proc, 30)
        api_proc, api_url = await env.start_api(**app_env)
        procs.append(api_proc)
        tenant = await fixtures.bench_tenant(api_url, env)
        shop_id, channel_id = await _connect(api_url, sim_url, tenant.headers)
        signed_over = f"{PUBLIC_URL}/webhooks/shopee".encode()

        def push(_: int) -> loadgen.Request:
            n = next(counter)
            made[0] += 1
            buyer = buyers[min(int(rng.paretovariate(1.2)) - 1, len(buyers) - 1)]
            content = {
                "message_id": f"{9_000_000_000 + n}",
                "message_type": "text",
                "from_id": buyer,
                "from_shop_id": 0,
                "from_user_name": f"buyer_{buyer}",
                "to_id": 1,
                "to_shop_id": shop_id,
                "conversation_id": f"{buyer}77",
                "created_timestamp": int(time.time()),
                "content": {"text": vi.customer_text(rng, None)},
            }
            data = {"type": "message", "content": content}
            body = json.dumps(
                {"msg_id": "", "data": data, "shop_id": shop_id, "code": 10, "timestamp": 1},
                separators=(",", ":"),
            ).encode()
            sig = hmac.new(PARTNER_KEY.encode(), signed_over + b"|" + body, hashlib.sha256)
            headers = {"Content-Type": "application/json", "Authorization": sig.hexdigest()}
            return loadgen.Request("POST", "/webhooks/shopee", body, headers)

        worker = env.start_worker(**app_env)
        procs.append(worker)
        await loadgen.closed_loop(api_url, push, 1, connections=4)  # warm up
        await _wait_for(ctx, channel_id, made[0], 60)
        ack = await loadgen.open_loop(api_url, push, rate, seconds, connections=64)
        cap = 120 if ctx.mode == "quick" else 600
        await _wait_for(ctx, channel_id, made[0], cap)
        env.stop(procs.pop())  # the worker
        n_ingest = ctx.size["ingest_messages"]
        burst = await loadgen.closed_loop(api_url, push, 120, connections=32, max_requests=n_ingest)
        sent_total = made[0]
        before, _ = await _count(ctx, channel_id)
        t = time.perf_counter()
        procs.append(env.start_worker(**app_env))
        got, _ = await _wait_for(ctx, channel_id, sent_total, cap)
        drain = time.perf_counter() - t
        await asyncio.sleep(2)
        total, distinct = await _count(ctx, channel_id)
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
            NAME,
            f"Shopee push ACK p99 at {rate}/s (worker running)",
            float(s["p99_ms"]),
            "ms",
            target=ACK_P99_TARGET_MS,
            baseline_name="bare POST p99",
            baseline=ctx.baselines.get("bare_p99_ms"),
            details={**s, **counts},
        ),
        Figure(
            NAME,
            "Shopee push ACK max rate (32 conns)",
            burst.achieved_rate,
            "pushes/s",
            higher_is_better=True,
            target=float(rate),
            baseline_name="bare POST max",
            baseline=ctx.baselines.get("bare_max_rps"),
            details=burst.summary(),
        ),
        Figure(
            NAME,
            "Shopee ingestion, one worker (backlog drain)",
            ingested / drain if drain else 0.0,
            "messages/s",
            target=INGEST_TARGET,
            higher_is_better=True,
            baseline_name="asyncpg executemany",
            baseline=ctx.baselines.get("pg_insert_rate"),
            details={"messages": ingested, "seconds": round(drain, 2), **counts},
        ),
        Figure(
            NAME,
            "Shopee messages missing + duplicated",
            float(lost + duplicated),
            "events",
            target=1,
            details=counts,
        ),
    ]
