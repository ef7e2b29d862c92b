"""Outgoing webhooks survive a worker killed mid-delivery: nothing lost, duplicates only with the
same event id (the receiver dedupes on it)."""

from __future__ import annotations

import signal
from collections import Counter
from typing import Any

import pytest

from support.receiver import receiver_server
from support.shop import make_product

from .helpers import wait_until

ORDERS = 40


@pytest.mark.soak
async def test_worker_killed_mid_delivery_loses_nothing(tenant: Any, processes: Any) -> None:
    with receiver_server() as receiver:
        r = await tenant.post(
            "/api/v1/webhooks", json={"url": receiver.url, "events": ["order.created"]}
        )
        assert r.status_code == 201, r.text
        receiver.secret = r.json()["secret"]
        product_id, _ = await make_product(tenant.workspace_id, stock=1000)
        # The orders (and their outbox events) are committed before any worker runs.
        for i in range(ORDERS):
            r = await tenant.post(
                "/api/v1/orders",
                json={"customer_name": f"Khách {i}", "items": [{"product_id": product_id}]},
            )
            assert r.status_code == 201, r.text
        # A slow receiver and one delivery at a time: the kill lands in the middle.
        receiver.delay_seconds = 0.1
        env = {"WEBHOOK_CONCURRENCY": "1"}
        worker = await processes.start_worker(env=env)

        async def some_received() -> bool:
            return len(receiver.received) >= 5

        assert await wait_until(some_received, 60, every=0.005), "nothing was delivered"
        worker.popen.send_signal(signal.SIGKILL)
        worker.popen.wait(5)
        worker.expected_exit = True
        at_kill = len({x.body["id"] for x in receiver.received})

        # A new worker: its start-up sweep drains the outbox and restarts the endpoint's runner.
        await processes.start_worker(env=env)

        async def all_received() -> bool:
            return len({x.body["id"] for x in receiver.received}) >= ORDERS

        assert await wait_until(all_received, 90, every=0.05), (
            f"{len({x.body['id'] for x in receiver.received})} of {ORDERS} events arrived"
        )
        assert at_kill < ORDERS, "the kill came after every delivery: nothing was interrupted"
        assert all(x.signature_ok for x in receiver.received)
        by_id = Counter(x.body["id"] for x in receiver.received)
        assert len(by_id) == ORDERS
        # A duplicate is the same event (same id, same body), never a different one.
        bodies: dict[str, dict[str, Any]] = {}
        for x in receiver.received:
            assert bodies.setdefault(x.body["id"], x.body) == x.body
        created = sorted(x.body["data"]["customer_name"] for x in receiver.received)
        assert sorted(set(created)) == sorted(f"Khách {i}" for i in range(ORDERS))
