"""Livestream burst and steady rate (issue 6), through the real webhook endpoint and one worker.

- Burst: N comments from M customers (full: 20,000 / 5,000) POSTed as fast as the endpoint
  takes them. Each customer's first comment is `<keyword> <phone>`, later ones add other
  keywords (some with `x2`/`x3`), without the phone; chatter and re-sent duplicate deliveries are
  mixed in. Expected: one order per customer with exactly their keywords and quantities.
  Figure: seconds from the first POST until every expected order is right (target < 60 s), and
  the number of wrong orders (target 0). Baseline: the raw asyncpg executemany rate expressed
  as the time the same number of row inserts takes.
- Steady: 100 comments/s from new customers for a while; latency from each webhook POST to
  the `order.created` / `order.updated` frame on a WebSocket client (target p95 < 1 s).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import time
from collections import defaultdict

import httpx
import websockets

from bench import fbsetup, fixtures, loadgen
from bench import vietnamese as vi
from bench.context import Ctx
from bench.results import Figure, skipped
from bench.stats import summary_ms

NAME = "livestream"
DRAIN_TARGET_S = 60.0
STEADY_P95_TARGET_MS = 1000.0
KEYWORDS = [f"A{i:02d}" for i in range(1, 11)]


async def _prepare(ctx: Ctx, fb: fbsetup.FacebookBench) -> tuple[int, str, dict[str, int]]:
    """A live post (created by a first comment), products, a livestream configured and on."""
    post_ext = f"{fb.page_id}_{int(time.time())}"
    body = fb.comment_delivery("7199999999", post_ext, f"{post_ext}_0", "Chào shop")
    async with httpx.AsyncClient(base_url=fb.api_url, timeout=60, headers=fb.tenant.headers) as api:
        r = await api.post("/webhooks/facebook", content=body, headers=fbsetup.signed(body).headers)
        r.raise_for_status()
        conn = await ctx.env.connect()
        try:
            post_id = None
            for _ in range(900):
                post_id = await conn.fetchval(
                    "SELECT id FROM posts WHERE channel_id = $1 AND external_id = $2",
                    fb.channel_id,
                    post_ext,
                )
                if post_id:
                    break
                await asyncio.sleep(0.1)
        finally:
            await conn.close()
        if post_id is None:
            raise RuntimeError("the live post never got ingested")
        products: dict[str, int] = {}
        for kw in KEYWORDS:
            r = await api.post(
                "/api/v1/products",
                json={
                    "sku": f"LIVE-{kw}",
                    "name": f"{kw} {random.choice(vi.PRODUCTS)}",
                    "price": 150000,
                    "stock": 1_000_000,
                },
            )
            r.raise_for_status()
            products[kw] = int(r.json()["id"])
        r = await api.post(
            "/api/v1/livestreams",
            json={"channel_id": fb.channel_id, "post_id": post_id, "title": "Live bench"},
        )
        r.raise_for_status()
        live_id = int(r.json()["id"])
        r = await api.put(
            f"/api/v1/livestreams/{live_id}/config",
            json={"items": [{"keyword": k, "product_id": p} for k, p in products.items()]},
        )
        r.raise_for_status()
        await api.post(f"/api/v1/livestreams/{live_id}/start")
    return live_id, post_ext, products


def _valid_phone(rng: random.Random) -> str:
    """A phone the customer types that libphonenumber accepts (others rightly get no order)."""
    from chotdon.customers.phones import normalize_phone

    while True:
        typed, e164 = vi.phone(rng)
        if normalize_phone(e164) == e164:
            return typed


def _burst_plan(
    n_comments: int, n_customers: int, seed: int
) -> tuple[list[tuple[str, str, str]], dict[str, dict[str, int]]]:
    """[(psid, comment text, comment id suffix)] and the expected {psid: {keyword: qty}}."""
    rng = random.Random(seed)
    expected: dict[str, dict[str, int]] = {}
    comments: list[tuple[str, str, str]] = []
    per_customer = max(1, n_comments // n_customers)
    for c in range(n_customers):
        psid = f"72{c:08d}"
        phone = _valid_phone(rng)
        kws = rng.sample(KEYWORDS, k=min(len(KEYWORDS), max(1, per_customer - 1)))
        want: dict[str, int] = {}
        for i, kw in enumerate(kws):
            q = rng.choice([1, 1, 1, 2, 3])
            text = kw if q == 1 else f"{kw} x{q}"
            if i == 0:
                text = f"{text} {phone}"
            comments.append((psid, text, f"{c}_{i}"))
            want[kw] = q
        expected[psid] = want
        while len([x for x in comments if x[0] == psid]) < per_customer:
            comments.append(
                (
                    psid,
                    rng.choice(["đẹp quá", "giá bao nhiêu shop?", "ib"]),
                    f"{c}_chat{len(comments)}",
                )
            )
    # Customers comment in parallel: interleave, but keep each customer's own order.
    by_customer: dict[str, list] = defaultdict(list)
    for item in comments:
        by_customer[item[0]].append(item)
    queues = list(by_customer.values())
    out = []
    while queues:
        q = rng.choice(queues)
        out.append(q.pop(0))
        if not q:
            queues.remove(q)
    return out, expected


async def _orders(ctx: Ctx, live_id: int, products: dict[str, int]) -> dict[str, dict[str, int]]:
    by_product = {v: k for k, v in products.items()}
    conn = await ctx.env.connect()
    try:
        rows = await conn.fetch(
            """SELECT ci.external_id AS psid, oi.product_id, sum(oi.quantity) AS qty, o.id
               FROM orders o JOIN order_items oi ON oi.order_id = o.id
               JOIN contact_identities ci ON ci.contact_id = o.contact_id
               WHERE o.livestream_id = $1 GROUP BY ci.external_id, oi.product_id, o.id""",
            live_id,
        )
    finally:
        await conn.close()
    got: dict[str, dict[str, int]] = defaultdict(dict)
    orders_per: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        got[r["psid"]][by_product.get(r["product_id"], "?")] = int(r["qty"])
        orders_per[r["psid"]].add(r["id"])
    for psid, ids in orders_per.items():
        if len(ids) > 1:
            got[psid]["__orders__"] = len(ids)
    return got


async def run(ctx: Ctx) -> list[Figure]:
    if not fixtures.has_route("/api/v1/livestreams/{livestream_id}/config"):
        return [skipped(NAME, "burst drained", "s", DRAIN_TARGET_S, "no livestream API yet")]
    n_comments, n_customers = ctx.size["burst_comments"], ctx.size["burst_customers"]
    fb = await fbsetup.setup(ctx, customers=0)
    try:
        for _ in range(ctx.size["live_workers"]):
            fbsetup.start_worker(ctx, fb)
        live_id, post_ext, products = await _prepare(ctx, fb)
        # The steady rate first, on an idle system; then the burst.
        steady = await _steady(ctx, fb, post_ext)
        plan, expected = _burst_plan(n_comments, n_customers, ctx.seed)
        rng = random.Random(ctx.seed + 1)
        bodies = []
        for psid, text, suffix in plan:
            body = fb.comment_delivery(psid, post_ext, f"{post_ext}_{suffix}", text)
            bodies.append(body)
            if rng.random() < 0.05:  # Facebook re-sends some deliveries
                bodies.append(body)
        counter = itertools.count()

        def request(_: int) -> loadgen.Request:
            return fbsetup.signed(bodies[next(counter)])

        t0 = time.perf_counter()
        posted = await loadgen.closed_loop(
            fb.api_url, request, 600, connections=16, max_requests=len(bodies)
        )
        post_seconds = time.perf_counter() - t0
        drained = None
        wrong = len(expected)
        deadline = t0 + (300 if ctx.mode == "full" else 180)
        while time.perf_counter() < deadline:
            got = await _orders(ctx, live_id, products)
            wrong = sum(1 for psid, want in expected.items() if got.get(psid) != want)
            if wrong == 0:
                drained = time.perf_counter() - t0
                break
            await asyncio.sleep(0.5)
        elapsed = time.perf_counter() - t0
        handled = await _comments_handled(ctx, live_id)
        got = await _orders(ctx, live_id, products)
        wrong_sample = {
            p: {"expected": w, "got": got.get(p)} for p, w in expected.items() if got.get(p) != w
        }
        wrong_sample = dict(list(wrong_sample.items())[:5])
        if wrong_sample:
            print(f"   burst: wrong orders (sample) {wrong_sample}", flush=True)
    finally:
        for proc in reversed(fb.procs):
            ctx.env.stop(proc)
    rate = ctx.baselines.get("pg_insert_rate")
    base_s = (len(bodies) / rate) if rate else None
    s = summary_ms(steady)
    return [
        Figure(
            NAME,
            f"burst {n_comments:,} comments / {n_customers:,} customers drained",
            drained,
            "s",
            target=DRAIN_TARGET_S,
            baseline_name="same rows via executemany",
            baseline=base_s,
            note="" if drained else f"{wrong} orders still wrong",
            details={
                "deliveries": len(bodies),
                "post_seconds": round(post_seconds, 1),
                "ack_rate": round(posted.achieved_rate),
                "wrong_orders": wrong,
                "statuses": posted.summary()["statuses"],
            },
        ),
        Figure(NAME, "burst: orders wrong at the end", float(wrong), "orders", target=1),
        Figure(
            NAME,
            "burst: comments handled per second (parsed, order written)",
            handled / elapsed if elapsed else None,
            "comments/s",
            target=n_comments / 60,
            higher_is_better=True,
            baseline_name="parser alone",
            baseline=ctx.baselines.get("find_phones_rate"),
            details={"handled": handled, "seconds": round(elapsed, 1)},
        ),
        Figure(
            NAME,
            "steady 100 comments/s: webhook → order event p95",
            s["p95_ms"],
            "ms",
            target=STEADY_P95_TARGET_MS,
            baseline_name="bare POST p99",
            baseline=ctx.baselines.get("bare_p99_ms"),
            details=s,
        ),
    ]


async def _comments_handled(ctx: Ctx, live_id: int) -> int:
    conn = await ctx.env.connect()
    try:
        return int(
            await conn.fetchval(
                "SELECT count(*) FROM livestream_comments WHERE livestream_id = $1 "
                "AND outcome <> 'pending'",
                live_id,
            )
        )
    finally:
        await conn.close()


async def _steady(ctx: Ctx, fb: fbsetup.FacebookBench, post_ext: str) -> list[float]:
    """New customers comment `<kw> <phone>` at 100/s; time until their order event arrives."""
    seconds = ctx.size["steady_seconds"]
    rng = random.Random(ctx.seed + 2)
    sent_at: dict[str, float] = {}
    latencies: list[float] = []
    seen_types: dict[str, int] = {}
    sample_order: list = []
    ws_url = fb.api_url.replace("http://", "ws://") + f"/api/v1/ws?token={fb.tenant.token}"
    from chotdon.customers.phones import normalize_phone

    async with websockets.connect(ws_url, max_size=2**22, open_timeout=30) as ws:

        async def reader() -> None:
            async for frame in ws:
                msg = json.loads(frame)
                seen_types[msg.get("type")] = seen_types.get(msg.get("type"), 0) + 1
                if msg.get("type") not in ("order.created", "order.updated"):
                    continue
                if not sample_order:
                    sample_order.append(msg.get("data"))
                phone = (msg.get("data") or {}).get("phone")
                t = sent_at.pop(phone, None) if phone else None
                if t is not None:
                    latencies.append(time.perf_counter() - t)

        task = asyncio.create_task(reader())
        n = int(100 * seconds)
        phones = []
        for _ in range(n):
            typed = _valid_phone(rng)
            phones.append((typed, normalize_phone(typed) or typed))

        def request(i: int) -> loadgen.Request:
            typed, e164 = phones[i]
            body = fb.comment_delivery(
                f"73{i:08d}", post_ext, f"{post_ext}_s{i}", f"{rng.choice(KEYWORDS)} {typed}"
            )
            sent_at[normalize_phone(e164) or e164] = time.perf_counter()
            return fbsetup.signed(body)

        await loadgen.open_loop(fb.api_url, request, 100, seconds, connections=16)
        deadline = time.perf_counter() + 30
        while sent_at and time.perf_counter() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.2)
        task.cancel()
        lost = len(sent_at)
        print(
            f"   steady: frames by type {seen_types}; first order event {str(sample_order)[:300]}",
            flush=True,
        )
    return latencies + [float("inf")] * lost
