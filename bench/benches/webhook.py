"""Webhook ACK latency and ingestion throughput (issue 3).

- ACK: signed Messenger deliveries (one message each, the worst case: Facebook batches under
  load) sent open-loop at 500/s while the worker ingests them; p50/p99 from each delivery's
  scheduled send time to the 200. Target p99 < 20 ms. Baseline: the bare FastAPI POST at the
  same rate in the same run.
- Max ACK rate: deliveries/s acknowledged with 32 connections (worker stopped).
- Ingestion: the deliveries stored meanwhile are drained by ONE worker process; messages/s
  from the worker's start to the last committed row. Target >= 1,000 messages/s. Baseline:
  raw asyncpg executemany INSERT rate.
- Every message sent is counted in the database at the end: lost and duplicated are reported.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections.abc import Callable

from bench import fbsetup, fixtures, loadgen, pushbench
from bench import vietnamese as vi
from bench.context import Ctx
from bench.results import Figure, skipped
from bench.stats import cpu_seconds

NAME = "webhook"
ACK_P99_TARGET_MS = 20.0
INGEST_TARGET = 1000.0


# The counters are pushbench's: one definition of "what was stored" for every provider.
_count, _wait_for = pushbench.count_messages, pushbench.wait_for_messages


async def run(ctx: Ctx) -> list[Figure]:
    if not fixtures.has_route("/webhooks/facebook"):
        return [skipped(NAME, "webhook ACK p99", "ms", ACK_P99_TARGET_MS, "no webhook route")]
    fb = await fbsetup.setup(ctx, customers=300)
    return await measure(ctx, fb, fb.channel_id, fb.messenger_delivery, NAME, "")


async def measure(
    ctx: Ctx,
    fb: fbsetup.FacebookBench,
    channel_id: int,
    build: Callable[[str, str, str], bytes],
    name: str,
    label: str,
) -> list[Figure]:
    """ACK under load, max ACK rate and one worker's backlog drain for deliveries made by
    `build(psid, text, mid)` into channel `channel_id` (a page's, or its Instagram account's);
    `label` prefixes the figures' names ("" for Facebook's own, "Instagram " ...)."""
    rate = ctx.size["webhook_rate"]
    seconds = ctx.size["http_seconds"]
    rng = random.Random(ctx.seed)
    counter = itertools.count()

    made = [0]

    def delivery(_: int) -> loadgen.Request:
        n = next(counter)
        made[0] += 1
        psid = fb.psids[min(int(rng.paretovariate(1.2)) - 1, len(fb.psids) - 1)]
        return fbsetup.signed(build(psid, vi.customer_text(rng, None), f"m_bench_{n}"))

    try:
        # 1. ACK under load, with a worker ingesting at the same time (production shape).
        fbsetup.start_worker(ctx, fb)
        await loadgen.closed_loop(fb.api_url, delivery, 1, connections=4)  # warm up
        # A running worker, as in production (not one busy importing its modules).
        await _wait_for(ctx, channel_id, made[0], 60)
        api_pid = fb.procs[1].pid  # simulator, API, worker
        api_cpu = cpu_seconds(api_pid)
        ack = await loadgen.open_loop(fb.api_url, delivery, rate, seconds, connections=64)
        api_cpu = cpu_seconds(api_pid) - api_cpu
        sent_ack = made[0]
        cap = 120 if ctx.mode == "quick" else 600
        got, _ = await _wait_for(ctx, channel_id, sent_ack, cap)
        ctx.env.stop(fb.procs.pop())  # the worker

        # 2. Max ACK rate and a backlog for the ingestion measurement (worker stopped).
        n_ingest = ctx.size["ingest_messages"]
        burst = await loadgen.closed_loop(
            fb.api_url, delivery, 120, connections=32, max_requests=n_ingest
        )
        sent_total = made[0]
        before, _ = await _count(ctx, channel_id)

        # 3. One worker drains the backlog.
        t = time.perf_counter()
        worker = fbsetup.start_worker(ctx, fb)
        got, _ = await _wait_for(ctx, channel_id, sent_total, cap)
        drain = time.perf_counter() - t
        worker_cpu = cpu_seconds(worker.pid)  # includes its start (imports): an upper bound
        await asyncio.sleep(2)  # late duplicates would show up now
        total, distinct = await _count(ctx, channel_id)
    finally:
        for proc in reversed(fb.procs):
            ctx.env.stop(proc)
    ingested = got - before
    ingest_rate = ingested / drain if drain else 0.0
    s = ack.summary()
    lost = max(0, sent_total - distinct)
    duplicated = total - distinct
    base_p99 = ctx.baselines.get("bare_p99_ms")
    base_max = ctx.baselines.get("bare_max_rps")
    counts = {"sent": sent_total, "stored_messages": total, "lost": lost, "duplicated": duplicated}
    print(f"   events: {counts}", flush=True)
    return [
        Figure(
            name,
            f"{label}webhook ACK p99 at {rate}/s (worker running)",
            float(s["p99_ms"]),
            "ms",
            target=ACK_P99_TARGET_MS,
            baseline_name="bare POST p99",
            baseline=base_p99,
            details={**s, **counts},
        ),
        Figure(
            name,
            f"{label}webhook ACK p50 at {rate}/s",
            float(s["p50_ms"]),
            "ms",
            baseline_name="bare POST p50",
            baseline=ctx.baselines.get("bare_p50_ms"),
        ),
        Figure(
            name,
            f"{label}webhook ACK max rate (32 conns)",
            burst.achieved_rate,
            "deliveries/s",
            higher_is_better=True,
            target=float(rate),
            baseline_name="bare POST max",
            baseline=base_max,
            details=burst.summary(),
        ),
        Figure(
            name,
            f"{label}ingestion, one worker (backlog drain)",
            ingest_rate,
            "messages/s",
            target=INGEST_TARGET,
            higher_is_better=True,
            baseline_name="asyncpg executemany",
            baseline=ctx.baselines.get("pg_insert_rate"),
            details={"messages": ingested, "seconds": round(drain, 2), **counts},
        ),
        Figure(
            name,
            f"{label}ingestion: worker CPU per message (drain, incl. start)",
            worker_cpu / ingested * 1000 if ingested else None,
            "ms",
            details={"worker_cpu_s": round(worker_cpu, 2), "messages": ingested},
        ),
        Figure(
            name,
            f"{label}API CPU per delivery acknowledged at {rate}/s",
            api_cpu / max(1, s["n"]) * 1000,
            "ms",
            details={"api_cpu_s": round(api_cpu, 2), "deliveries": s["n"]},
        ),
        Figure(
            name,
            f"{label}messages missing (lost or still queued) + duplicated",
            float(lost + duplicated),
            "events",
            target=1,
            details=counts,
        ),
    ]
