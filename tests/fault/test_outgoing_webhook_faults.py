"""Outgoing webhooks survive a worker killed mid-delivery: nothing lost, duplicates only with the
same event id (the receiver dedupes on it); they never wait for the main queue, nor the drain for
a hanging receiver."""

from __future__ import annotations

import signal
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from chotdon.core.db import unit_of_work
from chotdon.integrations.models import OutgoingDelivery
from support.processes import wait_worker_ready
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
        duplicates = len(receiver.received) - len(by_id)
        print(
            f"\nworker killed after {at_kill} of {ORDERS} events had arrived; after the restart "
            f"{len(by_id)} of {ORDERS} distinct events arrived in {len(receiver.received)} "
            f"requests ({duplicates} duplicates, each with its event's id and body)"
        )


async def _deliveries(subscription_id: int) -> list[tuple[str, str]]:
    """(customer name, status) of an endpoint's deliveries."""
    async with unit_of_work() as session:
        rows = await session.execute(
            select(OutgoingDelivery.payload, OutgoingDelivery.status)
            .where(OutgoingDelivery.subscription_id == subscription_id)
            .order_by(OutgoingDelivery.id)
        )
        return [(payload["data"]["customer_name"], status) for payload, status in rows]


@pytest.mark.soak
async def test_a_hanging_receiver_never_holds_the_inbox_queue(tenant: Any, processes: Any) -> None:
    """Deliveries run on the webhooks queue's own slots: with every one of them held by a
    receiver that does not answer, the outbox drain and the main queue keep working."""
    with receiver_server() as receiver:
        r = await tenant.post(
            "/api/v1/webhooks", json={"url": receiver.url, "events": ["order.created"]}
        )
        assert r.status_code == 201, r.text
        hook_id = r.json()["id"]
        receiver.secret = r.json()["secret"]
        receiver.plan = ["hang"]
        receiver.hang_seconds = 120
        product_id, _ = await make_product(tenant.workspace_id, stock=10)
        env = {"WEBHOOK_WORKER_JOBS": "1", "WEBHOOK_TIMEOUT_SECONDS": "60"}
        worker = await processes.start_worker(env=env)

        async def order(name: str) -> None:
            r = await tenant.post(
                "/api/v1/orders",
                json={"customer_name": name, "items": [{"product_id": product_id}]},
            )
            assert r.status_code == 201, r.text

        await order("Khách treo")

        async def hanging() -> bool:
            return len(receiver.received) == 1

        assert await wait_until(hanging, 60), "the first delivery never left"
        # The only webhook slot waits on the receiver; the outbox queue drains the next order's
        # event into its delivery row and the main queue runs other jobs meanwhile.
        await order("Khách sau")

        async def fanned_out() -> bool:
            return len(await _deliveries(hook_id)) == 2

        assert await wait_until(fanned_out, 60), await _deliveries(hook_id)
        await wait_worker_ready(worker, env, timeout=30)
        assert len(receiver.received) == 1
        assert await _deliveries(hook_id) == [("Khách treo", "pending"), ("Khách sau", "pending")]


async def test_events_reach_integrators_with_nothing_serving_the_main_queue(
    tenant: Any, processes: Any
) -> None:
    """The drain and the deliveries have their own queues: a main queue held by a burst of
    ingestion (here: served by no worker at all) does not hold back an order's webhook."""
    with receiver_server() as receiver:
        r = await tenant.post(
            "/api/v1/webhooks", json={"url": receiver.url, "events": ["order.created"]}
        )
        assert r.status_code == 201, r.text
        receiver.secret = r.json()["secret"]
        await processes.start_worker(queues=["outbox", "webhooks"])
        product_id, _ = await make_product(tenant.workspace_id)
        r = await tenant.post(
            "/api/v1/orders",
            json={"customer_name": "Khách vội", "items": [{"product_id": product_id}]},
        )
        assert r.status_code == 201, r.text

        async def arrived() -> bool:
            return bool(receiver.events)

        assert await wait_until(arrived, 30), "the order's event never arrived"
        [event] = receiver.events
        assert event["type"] == "order.created" and event["data"]["id"] == r.json()["id"]
        assert receiver.received[0].signature_ok
