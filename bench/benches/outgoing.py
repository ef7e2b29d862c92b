"""Outgoing webhooks under a livestream burst (issue 17), through the real API and one worker.

A webhook subscribed to `order.created` / `order.updated` points at a plain `http.server`
receiver (an integrator's). A livestream burst (the livestream bench's plan, smaller) creates
and extends orders; every order change is an outbox event fanned out to the endpoint.
- fan-out rate: deliveries received per second, from the first to the last (and, in the
  details, the busiest second's count);
- delivery latency p95: from the event's commit (`created_at` in the payload) to its arrival,
  split in the details into commit → delivery row (the outbox drain) and row → delivered;
- baseline (same run, same receiver): bare POSTs from this process (rate and p95), i.e. what
  the machine and the receiver do without the outbox, signing, logging and retries.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections import Counter
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from bench import fbsetup, fixtures, loadgen
from bench.benches import livestream
from bench.context import Ctx
from bench.results import Figure, skipped
from bench.stats import percentile, summary_ms

NAME = "outgoing"
LATENCY_P95_TARGET_MS = 2000.0


class _Receiver:
    def __init__(self) -> None:
        self.arrivals: list[tuple[str, float, float]] = []  # (event id, arrived, committed)
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                now = time.time()
                try:
                    body = json.loads(raw)
                    committed = datetime.fromisoformat(body["created_at"]).timestamp()
                    event_id = str(body["id"])
                except (ValueError, KeyError, TypeError):
                    committed, event_id = now, "bare"
                with receiver.lock:
                    receiver.arrivals.append((event_id, now, committed))
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


async def _bare_posts(url: str, n: int) -> tuple[float, list[float]]:
    """n bare POSTs of an event-sized body, 8 at a time: (rate per second, latencies)."""
    body = json.dumps({"id": "bare", "type": "order.updated", "data": {"x": "y" * 1500}}).encode()
    latencies: list[float] = []
    counter = itertools.count()
    async with httpx.AsyncClient(timeout=10) as client:

        async def worker() -> None:
            while next(counter) < n:
                t = time.perf_counter()
                r = await client.post(
                    url, content=body, headers={"Content-Type": "application/json"}
                )
                r.raise_for_status()
                latencies.append(time.perf_counter() - t)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(8)))
        return n / (time.perf_counter() - t0), latencies


async def run(ctx: Ctx) -> list[Figure]:
    if not fixtures.has_route("/api/v1/webhooks/{webhook_id}/deliveries"):
        return [skipped(NAME, "webhook fan-out", "deliveries/s", None, "no outgoing webhooks yet")]
    n_comments = max(200, ctx.size["burst_comments"] // 4)
    n_customers = max(50, ctx.size["burst_customers"] // 4)
    receiver = _Receiver()
    fb = await fbsetup.setup(ctx, customers=0)
    try:
        bare_rate, bare_latencies = await _bare_posts(receiver.url, 2000)
        with receiver.lock:
            receiver.arrivals.clear()
        fbsetup.start_worker(ctx, fb)
        live_id, post_ext, products = await livestream._prepare(ctx, fb)
        async with httpx.AsyncClient(
            base_url=fb.api_url, timeout=60, headers=fb.tenant.headers
        ) as api:
            r = await api.post(
                "/api/v1/webhooks",
                json={"url": receiver.url, "events": ["order.created", "order.updated"]},
            )
            r.raise_for_status()
            hook_id = int(r.json()["id"])
        plan, expected = livestream._burst_plan(n_comments, n_customers, ctx.seed)
        bodies = [
            fb.comment_delivery(psid, post_ext, f"{post_ext}_{suffix}", text)
            for psid, text, suffix in plan
        ]
        counter = itertools.count()

        def request(_: int) -> loadgen.Request:
            return fbsetup.signed(bodies[next(counter)])

        await loadgen.closed_loop(
            fb.api_url, request, 600, connections=16, max_requests=len(bodies)
        )
        # Wait until the burst is ingested (every expected order is there) and then every
        # delivery of the endpoint is settled (none pending, nothing left in the outbox): a
        # drain that keeps up would otherwise look "settled" in the middle of the burst.
        conn = await ctx.env.connect()
        try:
            deadline = time.perf_counter() + (600 if ctx.mode == "full" else 240)
            pending, total, ingested = None, 0, False
            while time.perf_counter() < deadline:
                await asyncio.sleep(0.5)
                if not ingested:
                    got = await livestream._orders(ctx, live_id, products)
                    ingested = all(got.get(psid) == want for psid, want in expected.items())
                    continue
                pending = await conn.fetchval(
                    "SELECT count(*) FROM outgoing_deliveries WHERE subscription_id = $1 "
                    "AND status = 'pending'",
                    hook_id,
                )
                total = await conn.fetchval(
                    "SELECT count(*) FROM outgoing_deliveries WHERE subscription_id = $1", hook_id
                )
                outbox_left = await conn.fetchval(
                    "SELECT count(*) FROM outbox_events WHERE processed_at IS NULL"
                )
                if total and not pending and not outbox_left:
                    break
            # Where the time went: commit → delivery row (the drain), row → delivered (sending).
            stages = await conn.fetch(
                "SELECT extract(epoch FROM d.created_at - o.created_at) AS drained, "
                "extract(epoch FROM d.delivered_at - d.created_at) AS sent "
                "FROM outgoing_deliveries d JOIN outbox_events o ON o.id = d.outbox_event_id "
                "WHERE d.subscription_id = $1 AND d.status = 'delivered'",
                hook_id,
            )
        finally:
            await conn.close()
    finally:
        for proc in reversed(fb.procs):
            ctx.env.stop(proc)
        receiver.close()
    with receiver.lock:
        arrivals = list(receiver.arrivals)
    distinct = {a[0] for a in arrivals}
    latencies = [max(0.0, arrived - committed) for _, arrived, committed in arrivals]
    span = (max(a[1] for a in arrivals) - min(a[1] for a in arrivals)) if arrivals else 0.0
    rate = len(arrivals) / span if span else None
    # Once deliveries keep up, the span is the burst's ingestion: the busiest second tells what
    # the sending did when a commit brought hundreds of events at once.
    per_second = Counter(int(a[1]) for a in arrivals)
    peak = max(per_second.values()) if per_second else 0
    s = summary_ms(latencies)
    bare = summary_ms(bare_latencies)
    return [
        Figure(
            NAME,
            f"livestream burst ({n_comments:,} comments): webhook fan-out rate",
            rate,
            "deliveries/s",
            higher_is_better=True,
            baseline_name="bare POST rate (same receiver)",
            baseline=bare_rate,
            details={
                "deliveries": len(arrivals),
                "distinct_events": len(distinct),
                "stored_deliveries": total,
                "left_pending": pending,
                "burst_ingested": ingested,
                "orders": len(expected),
                "seconds": round(span, 1),
                "busiest_second": peak,
            },
        ),
        Figure(
            NAME,
            "burst: order event commit → receiver p95",
            s["p95_ms"],
            "ms",
            target=LATENCY_P95_TARGET_MS,
            baseline_name="bare POST p95",
            baseline=bare["p95_ms"],
            details={
                **s,
                "bare": bare,
                "bare_p50_ms": percentile(bare_latencies, 50) * 1000,
                "commit_to_delivery_row": summary_ms([float(r["drained"]) for r in stages]),
                "delivery_row_to_delivered": summary_ms([float(r["sent"]) for r in stages]),
            },
        ),
    ]
