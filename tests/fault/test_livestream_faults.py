"""A livestream burst through signed webhooks; the worker is SIGKILLed in the middle and started
again. Every customer ends with exactly one order holding exactly the keywords and quantities
they commented; a comment re-sent by Facebook never counts twice. (soak: ~1 minute)"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import time
from collections import defaultdict
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from chotdon.channels.facebook import ingest
from chotdon.core.db import unit_of_work
from chotdon.customers.models import ContactIdentity
from chotdon.livestream import intake
from chotdon.livestream.models import LivestreamComment
from chotdon.orders.models import Order, OrderItem
from security.report import record

from .helpers import signed_headers, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.soak]
KEYWORDS = ["A01", "A02", "A03", "A04"]


def _comment(page_id: str, post: str, psid: str, cid: str, text: str) -> bytes:
    now = int(time.time())
    value = {
        "from": {"id": psid, "name": f"Khách {psid[-3:]}"},
        "post": {"id": post, "status_type": "added_video", "is_published": True},
        "message": text,
        "post_id": post,
        "comment_id": cid,
        "created_time": now,
        "item": "comment",
        "parent_id": post,
        "verb": "add",
    }
    body = {
        "object": "page",
        "entry": [{"id": page_id, "time": now, "changes": [{"field": "feed", "value": value}]}],
    }
    return json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode()


async def _orders(livestream_id: int, products: dict[int, str]) -> dict[str, Any]:
    async with unit_of_work() as session:
        rows = (
            await session.execute(
                select(
                    ContactIdentity.external_id,
                    Order.id,
                    OrderItem.product_id,
                    func.sum(OrderItem.quantity),
                )
                .join(OrderItem, OrderItem.order_id == Order.id)
                .join(ContactIdentity, ContactIdentity.contact_id == Order.contact_id)
                .where(Order.livestream_id == livestream_id)
                .group_by(ContactIdentity.external_id, Order.id, OrderItem.product_id)
            )
        ).all()
    got: dict[str, dict[str, int]] = defaultdict(dict)
    orders: dict[str, set[int]] = defaultdict(set)
    for psid, order_id, product_id, qty in rows:
        got[psid][products[product_id]] = int(qty)
        orders[psid].add(order_id)
    return {"items": got, "orders": orders}


async def _truthy(value: Any) -> bool:
    return bool(await value)


async def test_worker_killed_during_a_livestream_burst_orders_exactly_once(
    fb: Any, app_server: Any, processes: Any, run_jobs: Any
) -> None:
    page = await fb.connect()
    channel_id = int(fb.channel["id"])
    post = f"{page.page_id}_777"
    worker = await processes.start_worker()
    async with httpx.AsyncClient(base_url=app_server.url, timeout=30) as http:
        first = _comment(page.page_id, post, "opening", f"{post}_0", "Chào shop")
        r = await http.post("/webhooks/facebook", content=first, headers=signed_headers(first))
        assert r.status_code == 200

    from chotdon.inbox.models import Post

    async def post_row() -> int | None:
        async with unit_of_work() as session:
            return (
                await session.execute(
                    select(Post.id).where(Post.channel_id == channel_id, Post.external_id == post)
                )
            ).scalar_one_or_none()

    assert await wait_until(lambda: _truthy(post_row()), 60, every=0.1)
    post_id = await post_row()
    products: dict[int, str] = {}
    for kw in KEYWORDS:
        r = await fb.tenant.post(
            "/api/v1/products",
            json={"sku": f"LIVE-{kw}", "name": kw, "price": 100_000, "stock": 100_000},
        )
        assert r.status_code == 201, r.text
        products[int(r.json()["id"])] = kw
    r = await fb.tenant.post(
        "/api/v1/livestreams",
        json={"channel_id": channel_id, "post_id": post_id, "title": "QA live"},
    )
    assert r.status_code == 201, r.text
    live_id = int(r.json()["id"])
    r = await fb.tenant.put(
        f"/api/v1/livestreams/{live_id}/config",
        json={"items": [{"keyword": k, "product_id": p} for p, k in products.items()]},
    )
    assert r.status_code == 200, r.text
    await fb.tenant.post(f"/api/v1/livestreams/{live_id}/start")

    rng = random.Random(11)
    expected: dict[str, dict[str, int]] = {}
    bodies: list[bytes] = []
    for c in range(80):
        psid = f"74{c:06d}"
        kws = rng.sample(KEYWORDS, k=rng.randint(1, 3))
        want = {}
        for i, kw in enumerate(kws):
            q = rng.choice([1, 2, 3])
            text = (kw if q == 1 else f"{kw} x{q}") + (f" 09{c:08d}" if i == 0 else "")
            body = _comment(page.page_id, post, psid, f"{post}_{c}_{i}", text)
            bodies.append(body)
            if rng.random() < 0.15:
                bodies.append(body)  # Facebook re-sends the delivery
            want[kw] = q
        expected[psid] = want
    async with httpx.AsyncClient(base_url=app_server.url, timeout=30) as http:
        for body in bodies:  # one customer's comments keep their order
            r = await http.post("/webhooks/facebook", content=body, headers=signed_headers(body))
            assert r.status_code == 200

    async def some_orders() -> bool:
        async with unit_of_work() as session:
            n = await session.scalar(
                select(func.count())
                .select_from(LivestreamComment)
                .where(
                    LivestreamComment.livestream_id == live_id,
                    LivestreamComment.outcome != intake.PENDING,
                )
            )
        return (n or 0) > 5

    assert await wait_until(some_orders, 90, every=0.01)
    worker.popen.send_signal(signal.SIGKILL)
    worker.popen.wait(5)
    worker.expected_exit = True
    at_kill = await _orders(live_id, products)

    await processes.start_worker()
    deadline = time.monotonic() + 150
    while time.monotonic() < deadline:
        # What the two sweepers do on their own schedule, now.
        await ingest.sweep_pending(older_than=timedelta(0))
        async with unit_of_work() as session:
            await intake.requeue_stale(session, older_than_seconds=0)
        state = await _orders(live_id, products)
        if dict(state["items"]) == expected:
            break
        await asyncio.sleep(3)
    state = await _orders(live_id, products)
    wrong = [p for p, want in expected.items() if state["items"].get(p) != want]
    doubled = [p for p, ids in state["orders"].items() if len(ids) > 1]
    record("fault: worker SIGKILL mid-livestream — comments sent (incl. re-sent)", len(bodies))
    record(
        "fault: worker SIGKILL mid-livestream — customers with orders when killed",
        len(at_kill["items"]),
    )
    record("fault: worker SIGKILL mid-livestream — wrong orders", len(wrong))
    record("fault: worker SIGKILL mid-livestream — customers with 2+ orders", len(doubled))
    from .test_webhook_faults import _forget_jobs_of_dead_workers

    await _forget_jobs_of_dead_workers()
    assert len(at_kill["items"]) < len(expected), "the kill came after the burst was done"
    assert not doubled, doubled
    assert not wrong, {p: (expected[p], state["items"].get(p)) for p in wrong[:5]}
