"""`/api/v1/webhooks` end to end: an integrator's receiver gets signed events, in order, once
acknowledged; retries, redeliver, test ping, disabling, refusals, roles and isolation."""

from __future__ import annotations

import asyncio
import socket
import threading

from sqlalchemy import select

from chotdon.core.db import unit_of_work
from chotdon.integrations.models import OutgoingDelivery
from support.shop import events_of, make_product

ORDER_EVENTS = ["order.created", "order.updated"]


async def subscribe(tenant, receiver, events=ORDER_EVENTS, **extra) -> dict:
    r = await tenant.post("/api/v1/webhooks", json={"url": receiver.url, "events": events, **extra})
    assert r.status_code == 201, r.text
    hook = r.json()
    assert hook["secret"].startswith("whsec_")
    receiver.secret = hook["secret"]
    return hook


async def new_order(tenant) -> dict:
    product_id, _ = await make_product(tenant.workspace_id)
    r = await tenant.post(
        "/api/v1/orders",
        json={"customer_name": "Lan", "phone": "0912345678", "items": [{"product_id": product_id}]},
    )
    assert r.status_code == 201, r.text
    return r.json()


async def deliveries(tenant, hook_id: int) -> list[dict]:
    r = await tenant.get(f"/api/v1/webhooks/{hook_id}/deliveries")
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def test_receiver_gets_signed_order_events_in_order(tenant, receiver, run_jobs) -> None:
    hook = await subscribe(tenant, receiver)
    order = await new_order(tenant)
    url = f"/api/v1/orders/{order['id']}/transition"
    assert (await tenant.post(url, json={"to": "confirmed"})).status_code == 200
    await run_jobs()

    events = receiver.events
    assert [e["type"] for e in events] == ["order.created", "order.updated"]
    assert all(r.signature_ok for r in receiver.received)
    assert events[0]["data"]["id"] == order["id"]
    assert events[1]["data"]["status"] == "confirmed"
    assert events[0]["workspace_id"] == tenant.workspace_id
    assert events[0]["id"].startswith("evt_") and events[0]["id"] != events[1]["id"]
    first = receiver.received[0].headers
    assert first["x-chotdon-event"] == "order.created"
    assert first["x-chotdon-delivery"] and first["x-chotdon-timestamp"].isdigit()

    log = await deliveries(tenant, hook["id"])
    assert [d["status"] for d in log] == ["delivered", "delivered"]
    assert log[0]["response_status"] == 200 and log[0]["response_body"] == "ok"
    assert log[0]["request"]["body"]["type"] == "order.updated"
    assert "X-Chotdon-Signature" not in log[0]["request"]["headers"]


async def test_unsubscribed_types_are_not_sent(tenant, receiver, run_jobs) -> None:
    await subscribe(tenant, receiver, events=["contact.updated"])
    await new_order(tenant)
    await run_jobs()
    assert receiver.received == []


async def test_retries_after_500s_and_timeouts_then_success(
    tenant, receiver, run_jobs, settings_env
) -> None:
    receiver.hang_seconds = 1.5
    receiver.plan = [500, "hang", 503]
    hook = await subscribe(tenant, receiver, events=["order.created"])
    await new_order(tenant)
    await run_jobs()

    answers = [r.headers["x-answer"] for r in receiver.received]
    assert answers == ["500", "timeout", "503", "2xx"]
    # One attempt series: the same event id and delivery id every time.
    assert len({r.body["id"] for r in receiver.received}) == 1
    assert len({r.headers["x-chotdon-delivery"] for r in receiver.received}) == 1
    [log] = await deliveries(tenant, hook["id"])
    assert log["status"] == "delivered" and log["attempts"] == 4
    r = await tenant.get(f"/api/v1/webhooks/{hook['id']}")
    assert r.json()["consecutive_failures"] == 0 and r.json()["active"] is True


async def test_a_failing_order_event_holds_back_later_events_of_that_order(
    tenant, receiver, run_jobs
) -> None:
    receiver.plan = [500, 500]
    await subscribe(tenant, receiver)
    order = await new_order(tenant)
    await tenant.post(f"/api/v1/orders/{order['id']}/transition", json={"to": "confirmed"})
    await run_jobs()
    assert [e["type"] for e in receiver.events] == ["order.created", "order.updated"]


async def test_redeliver_sends_the_same_event_again(tenant, receiver, run_jobs) -> None:
    hook = await subscribe(tenant, receiver, events=["order.created"])
    await new_order(tenant)
    await run_jobs()
    [first] = await deliveries(tenant, hook["id"])

    r = await tenant.post(f"/api/v1/webhooks/{hook['id']}/deliveries/{first['id']}/redeliver")
    assert r.status_code == 202, r.text
    again = r.json()
    assert again["event_id"] == first["event_id"] and again["id"] != first["id"]
    await run_jobs()
    assert [e["id"] for e in receiver.events] == [first["event_id"], first["event_id"]]
    heads = [r.headers["x-chotdon-delivery"] for r in receiver.received]
    assert heads == [str(first["id"]), str(again["id"])]


async def test_ping_reports_the_receivers_answer(tenant, receiver) -> None:
    hook = await subscribe(tenant, receiver)
    r = await tenant.post(f"/api/v1/webhooks/{hook['id']}/test")
    assert r.status_code == 200, r.text
    ping = r.json()
    assert ping["status"] == "delivered" and ping["response_status"] == 200
    assert receiver.events[0]["type"] == "ping"
    assert receiver.received[0].signature_ok

    receiver.plan = [418]
    r = await tenant.post(f"/api/v1/webhooks/{hook['id']}/test")
    assert r.json()["status"] == "failed" and r.json()["response_status"] == 418


async def test_endpoint_that_keeps_failing_is_disabled_with_a_notice(
    tenant, receiver, run_jobs, settings_env
) -> None:
    settings_env["WEBHOOK_DISABLE_AFTER_FAILURES"] = "3"
    settings_env["WEBHOOK_DISABLE_AFTER_SECONDS"] = "0"
    receiver.plan = [500] * 50
    hook = await subscribe(tenant, receiver, events=["order.created"])
    await new_order(tenant)
    await run_jobs()

    r = await tenant.get(f"/api/v1/webhooks/{hook['id']}")
    body = r.json()
    assert body["active"] is False and "3 failed deliveries" in body["disabled_reason"]
    assert len(receiver.received) == 3
    notices = [d for t, d in await events_of(tenant.workspace_id) if t == "webhook.updated"]
    assert notices and notices[-1]["active"] is False
    [log] = await deliveries(tenant, hook["id"])
    assert log["status"] == "pending"  # kept: nothing is lost while the endpoint is off

    # The owner fixes the receiver and turns the endpoint back on: the waiting event goes out.
    receiver.plan = []
    r = await tenant.patch(f"/api/v1/webhooks/{hook['id']}", json={"active": True})
    assert r.json()["active"] is True and r.json()["disabled_reason"] is None
    await run_jobs()
    assert [e["type"] for e in receiver.events] == ["order.created"]


async def test_gives_up_after_the_retry_window(tenant, receiver, run_jobs, settings_env) -> None:
    settings_env["WEBHOOK_RETRY_WINDOW_HOURS"] = "0.0001"  # 0.36 s
    receiver.plan = [500] * 100
    hook = await subscribe(tenant, receiver, events=["order.created"])
    await new_order(tenant)
    await run_jobs()
    [log] = await deliveries(tenant, hook["id"])
    assert log["status"] == "failed" and log["error"] == "HTTP 500"


async def test_production_refuses_private_targets(tenant, settings_env) -> None:
    settings_env["WEBHOOK_ALLOW_PRIVATE_TARGETS"] = "false"
    for url in (
        "http://127.0.0.1:9/x",
        "http://localhost/x",
        "http://10.1.2.3/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://192.168.1.1/x",
    ):
        r = await tenant.post("/api/v1/webhooks", json={"url": url, "events": ORDER_EVENTS})
        assert r.status_code == 422, (url, r.text)
        assert r.json()["error"]["code"] == "webhook_url_refused"


async def test_a_target_that_turned_private_is_refused_at_delivery(
    tenant, receiver, run_jobs, settings_env
) -> None:
    hook = await subscribe(tenant, receiver, events=["order.created"])
    settings_env["WEBHOOK_ALLOW_PRIVATE_TARGETS"] = "false"
    r = await tenant.post(f"/api/v1/webhooks/{hook['id']}/test")
    assert r.json()["status"] == "failed" and r.json()["error"].startswith("Refused")
    assert receiver.received == []


async def test_redirects_are_not_followed(tenant, receiver) -> None:
    receiver.plan = [302]
    hook = await subscribe(tenant, receiver)
    r = await tenant.post(f"/api/v1/webhooks/{hook['id']}/test")
    assert r.json()["status"] == "failed" and r.json()["response_status"] == 302
    assert len(receiver.received) == 1


async def test_bad_input_gets_clear_errors(tenant) -> None:
    cases = [
        {"url": "ftp://example.com", "events": ORDER_EVENTS},
        {"url": "https://example.com/h", "events": []},
        {"url": "https://example.com/h", "events": ["order.exploded"]},
        {"url": "https://user:pw@example.com/h", "events": ORDER_EVENTS},
        {"events": ORDER_EVENTS},
    ]
    for body in cases:
        r = await tenant.post("/api/v1/webhooks", json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["error"]["code"] == "validation_error"
    r = await tenant.get("/api/v1/webhooks/999999999/deliveries")
    assert r.status_code == 404


async def test_agents_cannot_manage_webhooks(tenant, receiver) -> None:
    hook = await subscribe(tenant, receiver)
    agent = await tenant.add_member("agent")
    assert (await agent.get("/api/v1/webhooks")).status_code == 403
    assert (
        await agent.post("/api/v1/webhooks", json={"url": receiver.url, "events": ORDER_EVENTS})
    ).status_code == 403
    assert (await agent.post(f"/api/v1/webhooks/{hook['id']}/test")).status_code == 403
    assert (await agent.delete(f"/api/v1/webhooks/{hook['id']}")).status_code == 403


async def test_a_workspace_never_receives_another_workspaces_events(
    tenant, make_tenant, receiver, run_jobs
) -> None:
    other = await make_tenant(workspace_name="Shop Khác")
    hook = await subscribe(tenant, receiver)
    await new_order(other)
    await run_jobs()
    assert receiver.received == []
    # Nor can it see, change or use the other's webhook.
    for call in (
        other.get(f"/api/v1/webhooks/{hook['id']}"),
        other.patch(f"/api/v1/webhooks/{hook['id']}", json={"active": False}),
        other.get(f"/api/v1/webhooks/{hook['id']}/deliveries"),
        other.post(f"/api/v1/webhooks/{hook['id']}/test"),
    ):
        assert (await call).status_code == 404
    assert (await other.get("/api/v1/webhooks")).json()["items"] == []


async def test_an_event_processed_twice_is_delivered_once(tenant, receiver, run_jobs) -> None:
    """The drain runs again over the same outbox rows (a crash after commit): no second delivery."""
    from sqlalchemy import update

    from chotdon.core.outbox import OutboxEvent

    await subscribe(tenant, receiver, events=["order.created"])
    await new_order(tenant)
    await run_jobs()
    async with unit_of_work() as session:
        await session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.workspace_id == tenant.workspace_id)
            .values(processed_at=None)
        )
    from chotdon.core.after_commit import enqueue_job

    async with unit_of_work() as session:
        enqueue_job(session, "drain_outbox")
    await run_jobs()
    await asyncio.sleep(0)
    assert len(receiver.received) == 1
    async with unit_of_work() as session:
        rows = (
            await session.scalars(
                select(OutgoingDelivery).where(OutgoingDelivery.workspace_id == tenant.workspace_id)
            )
        ).all()
    assert len(rows) == 1


async def test_a_batch_wider_than_the_concurrency_keeps_each_orders_events_in_order(
    tenant, receiver, run_jobs, settings_env
) -> None:
    settings_env["WEBHOOK_CONCURRENCY"] = "2"  # a batch (16) holds more than is in flight
    hook = await subscribe(tenant, receiver)
    product_id, _ = await make_product(tenant.workspace_id, stock=1000)
    orders = []
    for i in range(12):
        r = await tenant.post(
            "/api/v1/orders",
            json={"customer_name": f"Khách {i}", "items": [{"product_id": product_id}]},
        )
        assert r.status_code == 201, r.text
        orders.append(r.json())
    for step in range(3):
        for order in orders:
            r = await tenant.patch(f"/api/v1/orders/{order['id']}", json={"note": f"lần {step}"})
            assert r.status_code == 200, r.text
    await run_jobs()

    assert all(r.signature_ok for r in receiver.received)
    notes: dict[int, list[str]] = {o["id"]: [] for o in orders}
    for event in receiver.events:
        notes[event["data"]["id"]].append(event["data"]["note"] or "")
    assert notes == {o["id"]: ["", "lần 0", "lần 1", "lần 2"] for o in orders}
    assert len({e["id"] for e in receiver.events}) == len(receiver.received) == 48
    assert {d["status"] for d in await deliveries(tenant, hook["id"])} == {"delivered"}


async def test_network_failures_are_logged_in_the_forms_the_spa_translates(tenant) -> None:
    """`ConnectError: …` (nothing listens) and `RemoteProtocolError: …` or `ReadError: …` (the
    receiver hangs up without answering: which one depends on whether the close reaches us as an
    end of stream or a reset): `frontend/src/app/errorText.ts` turns these into Vietnamese."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    hanging_up = socket.socket()
    hanging_up.bind(("127.0.0.1", 0))
    hanging_up.listen(8)

    def hang_up() -> None:
        while True:
            try:
                conn, _ = hanging_up.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.close()

    threading.Thread(target=hang_up, daemon=True).start()
    try:
        for port, kinds in [
            (closed_port, ("ConnectError: ",)),
            (hanging_up.getsockname()[1], ("RemoteProtocolError: ", "ReadError: ")),
        ]:
            r = await tenant.post(
                "/api/v1/webhooks",
                json={"url": f"http://127.0.0.1:{port}/hooks", "events": ORDER_EVENTS},
            )
            assert r.status_code == 201, r.text
            r = await tenant.post(f"/api/v1/webhooks/{r.json()['id']}/test")
            assert r.json()["status"] == "failed", r.text
            assert r.json()["error"].startswith(kinds), r.json()["error"]
    finally:
        hanging_up.close()
