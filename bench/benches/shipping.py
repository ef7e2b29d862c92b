"""Shipping against the three carrier simulators (each its own process, real HTTP).

1. Quotes from GHN, GHTK and Viettel Post with Viettel Post answering after 3 s: p95 of
   `POST /orders/{id}/shipping-quotes` must stay bounded by the per-carrier timeout (1 s here)
   plus our own work — target < 1.5 s. Baseline: the same request with no slow carrier.
2. Bulk booking of 500 closed orders (`POST /shipments/bulk`, one worker process): orders
   booked per second until every order has its shipment. Target: 20/s.
"""

from __future__ import annotations

import asyncio
import time

import httpx

from bench.context import Ctx
from bench.env import free_port, wait_http
from bench.fixtures import bench_tenant
from bench.results import Figure
from bench.stats import percentile, summary_ms

NAME = "shipping"
TIMEOUT_S = 1.0
BULK_ORDERS = 500  # the figure, in every mode (about a minute on 2 cores)
SIMS = {
    "ghn": ("chotdon.shipping.ghn.simulator", "/shiip/public-api", "GHN_API_URL"),
    "ghtk": ("chotdon.shipping.ghtk.simulator", "", "GHTK_API_URL"),
    "viettelpost": ("chotdon.shipping.viettelpost.simulator", "", "VIETTELPOST_API_URL"),
}
PICKUP = {
    "name": "Shop Bench",
    "phone": "0901234567",
    "address": "12 Lê Lợi, Phường Sài Gòn, TP.HCM",
}


async def _orders(
    client: httpx.AsyncClient, headers: dict[str, str], product_id: int, n: int
) -> list[int]:
    sem = asyncio.Semaphore(8)

    async def one(i: int) -> int:
        async with sem:
            r = await client.post(
                "/api/v1/orders",
                json={
                    "customer_name": f"Khách {i}",
                    "phone": "0912345678",
                    "address": "59 Nguyễn Sỹ Sách, P. 10, Q. Tân Bình, TP.HCM",
                    "items": [{"product_id": product_id, "quantity": 1}],
                },
                headers=headers,
            )
            r.raise_for_status()
            order_id = int(r.json()["id"])
            for to in ("confirmed", "closed"):
                (
                    await client.post(
                        f"/api/v1/orders/{order_id}/transition", json={"to": to}, headers=headers
                    )
                ).raise_for_status()
            return order_id

    return list(await asyncio.gather(*(one(i) for i in range(n))))


async def run(ctx: Ctx) -> list[Figure]:
    env = ctx.env
    sims: dict[str, str] = {}
    extra: dict[str, str] = {"SHIPPING_QUOTE_TIMEOUT_SECONDS": str(TIMEOUT_S)}
    procs = []
    for carrier, (module, prefix, var) in SIMS.items():
        port = free_port()
        proc = env.spawn(["-m", module, "--port", str(port)], env.app_env(), f"{carrier}-sim")
        procs.append(proc)
        sims[carrier] = f"http://127.0.0.1:{port}"
        await wait_http(f"{sims[carrier]}/_sim/health", proc, 60)
        extra[var] = sims[carrier] + prefix
    api, url = await env.start_api(**extra)
    worker = env.start_worker(**extra)
    try:
        tenant = await bench_tenant(url, env, "Shop Ship Bench")
        headers = {"Authorization": f"Bearer {tenant.token}"}
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            for carrier in SIMS:
                r = await client.put(
                    f"/api/v1/carriers/{carrier}",
                    json={
                        "enabled": True,
                        "credentials": {"token": f"bench-{carrier}-{tenant.workspace_id}"},
                        "pickup": PICKUP,
                    },
                    headers=headers,
                )
                r.raise_for_status()
            r = await client.post(
                "/api/v1/products",
                json={
                    "sku": "SHIPB",
                    "name": "Áo bench",
                    "price": 150000,
                    "stock": 100000,
                    "weight_grams": 300,
                    "variants": [],
                },
                headers=headers,
            )
            r.raise_for_status()
            product_id = int(r.json()["id"])
            (quote_order,) = await _orders(client, headers, product_id, 1)

            async def quotes(n: int) -> tuple[list[float], int]:
                took, errors = [], 0
                for _ in range(n):
                    t = time.perf_counter()
                    r = await client.post(
                        f"/api/v1/orders/{quote_order}/shipping-quotes", headers=headers
                    )
                    took.append(time.perf_counter() - t)
                    r.raise_for_status()
                    errors += len(r.json()["errors"])
                return took, errors

            await quotes(3)  # warm up (parser data, master data cache, connections)
            base, _ = await quotes(20)
            async with httpx.AsyncClient(base_url=sims["viettelpost"]) as sim:
                await sim.post("/_sim/slow", json={"seconds": 3})
            slow, timed_out = await quotes(20)
            async with httpx.AsyncClient(base_url=sims["viettelpost"]) as sim:
                await sim.post("/_sim/slow", json={"seconds": 0})

            n = BULK_ORDERS
            order_ids = await _orders(client, headers, product_id, n)
            conn = await env.connect()
            try:
                t = time.perf_counter()
                r = await client.post(
                    "/api/v1/shipments/bulk",
                    json={"carrier": "ghtk", "order_ids": order_ids},
                    headers=headers,
                )
                r.raise_for_status()
                booked = 0
                while time.perf_counter() - t < 600:
                    booked = int(
                        await conn.fetchval(
                            "SELECT count(*) FROM shipments WHERE workspace_id = $1 AND order_id = ANY($2::bigint[])",
                            tenant.workspace_id,
                            order_ids,
                        )
                    )
                    if booked >= n:
                        break
                    await asyncio.sleep(0.05)
                elapsed = time.perf_counter() - t
            finally:
                await conn.close()
            async with httpx.AsyncClient(base_url=sims["ghtk"]) as sim:
                at_carrier = [
                    s
                    for s in (await sim.get("/_sim/shipments")).json()
                    if s["account"] == f"bench-ghtk-{tenant.workspace_id}"
                ]
    finally:
        env.stop(worker)
        env.stop(api)
        for proc in procs:
            env.stop(proc)
    return [
        Figure(
            NAME,
            "quotes, 3 carriers, one 3 s slow: p95",
            percentile(slow, 95) * 1000,
            "ms",
            target=(TIMEOUT_S + 0.5) * 1000,
            baseline_name="no slow carrier p95",
            baseline=percentile(base, 95) * 1000,
            note=f"per-carrier timeout {TIMEOUT_S:g} s",
            details={
                "slow": summary_ms(slow),
                "base": summary_ms(base),
                "timeouts_reported": timed_out,
            },
        ),
        Figure(
            NAME,
            f"bulk booking of {n} closed orders",
            booked / elapsed if elapsed else None,
            "orders/s",
            target=20,
            higher_is_better=True,
            note="one worker process, GHTK simulator",
            details={
                "orders": n,
                "booked": booked,
                "seconds": round(elapsed, 2),
                "at_carrier": len(at_carrier),
            },
        ),
    ]
