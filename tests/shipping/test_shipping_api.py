"""Shipping through real HTTP against the three carrier simulators: settings, quotes, booking,
cancel, labels, webhooks (secret, duplicates, out of order), returns and "bùng", isolation."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from support.carriers import enable_carriers
from support.shop import events_of

from .helpers import HCM_LEGACY, closed_order

pytestmark = pytest.mark.usefixtures("carrier_sims")


async def test_carrier_settings_keep_credentials_secret_and_are_admin_only(
    tenant, carrier_sims, app_server
) -> None:
    r = await tenant.get("/api/v1/carriers")
    assert [c["enabled"] for c in r.json()["items"]] == [False, False, False]
    r = await tenant.put("/api/v1/carriers/ghn", json={"enabled": True, "pickup": {"address": "x"}})
    assert r.status_code == 422  # no credentials yet
    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghn",))
    r = await tenant.get("/api/v1/carriers/ghn")
    body = r.json()
    assert body["enabled"] and body["credentials_set"] and "credentials" not in body
    assert "tok-ghn" not in r.text and "credentials" not in body
    assert body["webhook_url"].endswith(f"/webhooks/ghn?token={body['webhook_secret']}")
    agent = await tenant.add_member("agent")
    r = await agent.put("/api/v1/carriers/ghn", json={"enabled": False})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert (await agent.get("/api/v1/carriers/ghn")).status_code == 403
    assert (await tenant.get("/api/v1/carriers/dhl")).status_code == 422


async def test_quotes_side_by_side_and_one_failing_carrier_does_not_block(
    tenant, carrier_sims, app_server, monkeypatch
) -> None:
    from chotdon.core.settings import get_settings

    # Generous here (2 shared cores): this test is about a failing carrier, not a slow one.
    monkeypatch.setattr(get_settings(), "shipping_quote_timeout_seconds", 30.0)
    await enable_carriers(tenant, carrier_sims, app_server.url)
    order = await closed_order(tenant, HCM_LEGACY)
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipping-quotes")
    assert r.status_code == 200, r.text
    body = r.json()
    assert {q["carrier"] for q in body["items"]} == {"ghn", "ghtk", "viettelpost"}
    assert body["errors"] == []
    assert body["cheapest"] == body["items"][0]["carrier"]
    assert body["fastest"] == "ghn"
    assert [q["fee"] for q in body["items"]] == sorted(q["fee"] for q in body["items"])

    await carrier_sims["ghtk"].fail_next_quote()
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipping-quotes")
    body = r.json()
    assert {q["carrier"] for q in body["items"]} == {"ghn", "viettelpost"}
    assert [(e["carrier"], e["code"]) for e in body["errors"]] == [("ghtk", "carrier_error")]


async def test_a_slow_carrier_is_cut_at_the_timeout(
    tenant, carrier_sims, app_server, monkeypatch
) -> None:
    from chotdon.core.settings import get_settings

    monkeypatch.setattr(get_settings(), "shipping_quote_timeout_seconds", 0.5)
    await enable_carriers(tenant, carrier_sims, app_server.url)
    order = await closed_order(tenant)
    await carrier_sims["viettelpost"].slow(3)
    try:
        r = await tenant.post(f"/api/v1/orders/{order['id']}/shipping-quotes")
    finally:
        await carrier_sims["viettelpost"].slow(0)
    body = r.json()
    assert [e["code"] for e in body["errors"]] == ["carrier_timeout"]
    assert {q["carrier"] for q in body["items"]} == {"ghn", "ghtk"}


@pytest.mark.parametrize("carrier", ["ghn", "ghtk", "viettelpost"])
async def test_book_label_and_cancel(tenant, carrier_sims, app_server, carrier) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, (carrier,))
    order = await closed_order(tenant, HCM_LEGACY)
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": carrier})
    assert r.status_code == 201, r.text
    shipment = r.json()
    assert shipment["status"] == "booked" and shipment["tracking_code"]
    assert shipment["cod_amount"] == order["cod_amount"] == 300_000
    sim = {s["code"]: s for s in await carrier_sims[carrier].shipments(tenant)}[
        shipment["tracking_code"]
    ]
    assert sim["reference"] == order["code"] and sim["cod"] == 300_000

    r = await tenant.get(shipment["label_url"])
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert shipment["tracking_code"].encode() in r.content

    # clicking again gives the same shipment, not a second booking
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": carrier})
    assert r.status_code == 200 and r.json()["id"] == shipment["id"]

    r = await tenant.post(f"/api/v1/shipments/{shipment['id']}/cancel")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "cancelled"
    r = await tenant.get(f"/api/v1/orders/{order['id']}/shipments")
    assert [s["status"] for s in r.json()["items"]] == ["cancelled"]
    assert (await tenant.get(shipment["label_url"])).status_code == 409


async def test_a_booking_whose_answer_was_lost_is_booked_once(
    tenant, carrier_sims, app_server
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghn", "ghtk", "viettelpost"))
    for carrier in ("ghn", "ghtk", "viettelpost"):
        order = await closed_order(tenant)
        sim = carrier_sims[carrier]
        await sim.drop_next_create_response()
        r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": carrier})
        assert r.status_code == 502, r.text
        assert (await tenant.get(f"/api/v1/orders/{order['id']}/shipments")).json()["items"] == []
        r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": carrier})
        assert r.status_code == 201, r.text
        at_carrier = [s for s in await sim.shipments(tenant) if s["reference"] == order["code"]]
        assert len(at_carrier) == 1, carrier
        assert at_carrier[0]["code"] == r.json()["tracking_code"]


async def test_bulk_booking_of_a_livestream_retried_books_each_order_once(
    tenant, carrier_sims, app_server, run_jobs
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghtk",))
    orders = [await closed_order(tenant) for _ in range(3)]
    ids = [o["id"] for o in orders]
    for _ in range(2):  # a double click / a retried request
        r = await tenant.post("/api/v1/shipments/bulk", json={"carrier": "ghtk", "order_ids": ids})
        assert r.status_code == 202 and r.json()["queued"] == ids
        await run_jobs()
    references = [s["reference"] for s in await carrier_sims["ghtk"].shipments(tenant)]
    for order in orders:
        assert references.count(order["code"]) == 1
        r = await tenant.get(f"/api/v1/orders/{order['id']}/shipments")
        assert len(r.json()["items"]) == 1


async def test_only_closed_orders_ship_and_bad_input_is_clear(
    tenant, carrier_sims, app_server
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghn",))
    r = await tenant.post(
        "/api/v1/orders", json={"customer_name": "A", "address": "12 Lê Lợi, Q1, HCM"}
    )
    draft = r.json()
    r = await tenant.post(f"/api/v1/orders/{draft['id']}/shipments", json={"carrier": "ghn"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "order_not_closed"
    order = await closed_order(tenant)
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": "ghtk"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "carrier_disabled"
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": "dhl"})
    assert r.status_code == 422
    order = await closed_order(tenant, "ship giúp em với")
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipping-quotes")
    assert r.status_code == 422 and r.json()["error"]["code"] == "address_unreadable"


async def _booked(tenant, carrier_sims, app_server, carrier: str, *, with_contact: bool = False):
    accounts = await enable_carriers(tenant, carrier_sims, app_server.url, (carrier,))
    order = await closed_order(tenant, with_contact=with_contact)
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": carrier})
    assert r.status_code == 201, r.text
    return order, r.json(), accounts[carrier]


DELIVERED = {
    "ghn": ["picking", "delivering", "delivered"],
    "ghtk": ["12", "4", "5"],
    "viettelpost": ["105", "500", "501"],
}
RETURNED = {
    "ghn": ["picking", "returning", "returned"],
    "ghtk": ["12", "20", "21"],
    "viettelpost": ["105", "502", "504"],
}


@pytest.mark.parametrize("carrier", ["ghn", "ghtk", "viettelpost"])
async def test_webhooks_move_the_shipment_and_complete_the_order(
    tenant, carrier_sims, app_server, run_jobs, carrier
) -> None:
    order, shipment, _ = await _booked(tenant, carrier_sims, app_server, carrier)
    start = datetime.now(UTC)
    for i, status in enumerate(DELIVERED[carrier]):
        await carrier_sims[carrier].move(
            shipment["tracking_code"], status, at=(start + timedelta(seconds=i + 1)).isoformat()
        )
    await run_jobs()
    r = await tenant.get(f"/api/v1/shipments/{shipment['id']}")
    body = r.json()
    assert body["status"] == "delivered"
    assert body["status_label"]  # the carrier's own words
    assert [e["status"] for e in body["events"]] == [
        "booked",
        "picking" if carrier != "viettelpost" else "in_transit",
        "delivering",
        "delivered",
    ]
    r = await tenant.get(f"/api/v1/orders/{order['id']}")
    assert r.json()["status"] == "completed"
    updates = [d for t, d in await events_of(tenant.workspace_id) if t == "shipment.updated"]
    assert updates[-1]["id"] == shipment["id"] and updates[-1]["status"] == "delivered"


async def test_duplicate_and_out_of_order_webhooks_end_in_the_right_state(
    tenant, carrier_sims, app_server, run_jobs
) -> None:
    order, shipment, _ = await _booked(tenant, carrier_sims, app_server, "ghn")
    sim = carrier_sims["ghn"]
    code = shipment["tracking_code"]
    t0 = datetime.now(UTC)
    at = [(t0 + timedelta(seconds=i + 1)).isoformat() for i in range(3)]
    await sim.move(code, "delivered", at=at[2])
    await sim.move(code, "delivered", at=at[2], replay_only=True)  # the carrier retries
    await sim.move(code, "delivering", at=at[1], replay_only=True)  # arrives late
    await sim.move(code, "picking", at=at[0], replay_only=True)
    await run_jobs()
    body = (await tenant.get(f"/api/v1/shipments/{shipment['id']}")).json()
    assert body["status"] == "delivered"
    assert [e["carrier_status"] for e in body["events"]] == [
        "",
        "picking",
        "delivering",
        "delivered",
    ]
    assert (await tenant.get(f"/api/v1/orders/{order['id']}")).json()["status"] == "completed"


async def test_a_webhook_with_a_wrong_secret_stores_nothing(
    tenant, carrier_sims, app_server
) -> None:
    from sqlalchemy import func, select

    from chotdon.core.db import unit_of_work
    from chotdon.shipping.models import CarrierWebhook

    async def stored() -> int:
        async with unit_of_work() as session:
            return int(await session.scalar(select(func.count()).select_from(CarrierWebhook)) or 0)

    before = await stored()
    body = {"OrderCode": "X", "Status": "delivered", "Time": "2026-01-01T00:00:00Z"}
    async with httpx.AsyncClient(base_url=app_server.url) as c:
        assert (await c.post("/webhooks/ghn?token=wrong", json=body)).status_code == 403
        assert (await c.post("/webhooks/ghn", json=body)).status_code == 403
        assert (
            await c.post("/webhooks/ghtk?hash=nope", data={"label_id": "X", "status_id": "5"})
        ).status_code == 403
        r = await c.post(
            "/webhooks/viettelpost", json={"DATA": {}}, headers={"Authorization": "wrong"}
        )
        assert r.status_code == 403 and r.json()["error"]["code"] == "invalid_secret"
    assert await stored() == before


async def test_a_return_cancels_the_order_and_counts_as_bung(
    tenant, carrier_sims, app_server, run_jobs
) -> None:
    order, shipment, _ = await _booked(tenant, carrier_sims, app_server, "ghtk", with_contact=True)
    start = datetime.now(UTC)
    for i, status in enumerate(RETURNED["ghtk"]):
        await carrier_sims["ghtk"].move(
            shipment["tracking_code"], status, at=(start + timedelta(seconds=i + 1)).isoformat()
        )
    await run_jobs()
    r = await tenant.get(f"/api/v1/orders/{order['id']}")
    assert r.json()["status"] == "cancelled" and r.json()["cancel_reason"] == "returned"
    contact = (await tenant.get(f"/api/v1/contacts/{order['contact_id']}")).json()
    assert contact["cancelled_orders_count"] == 1


async def test_a_lost_webhook_is_caught_by_polling(
    tenant, carrier_sims, app_server, run_jobs
) -> None:
    from chotdon.shipping.jobs import poll_shipments

    order, shipment, _ = await _booked(tenant, carrier_sims, app_server, "ghn")
    await carrier_sims["ghn"].lose_next_webhook()
    await carrier_sims["ghn"].move(
        shipment["tracking_code"],
        "delivered",
        at=(datetime.now(UTC) + timedelta(seconds=1)).isoformat(),
    )
    await run_jobs()
    assert (await tenant.get(f"/api/v1/shipments/{shipment['id']}")).json()["status"] == "booked"
    await poll_shipments({}, tenant.workspace_id)
    assert (await tenant.get(f"/api/v1/shipments/{shipment['id']}")).json()["status"] == "delivered"
    assert (await tenant.get(f"/api/v1/orders/{order['id']}")).json()["status"] == "completed"


async def test_each_workspace_sees_only_its_shipments(
    make_tenant, carrier_sims, app_server
) -> None:
    a = await make_tenant()
    b = await make_tenant()
    order, shipment, _ = await _booked(a, carrier_sims, app_server, "ghn")
    assert (await b.get(f"/api/v1/shipments/{shipment['id']}")).status_code == 404
    assert (await b.get(f"/api/v1/shipments/{shipment['id']}/label")).status_code == 404
    assert (await b.post(f"/api/v1/shipments/{shipment['id']}/cancel")).status_code == 404
    assert (await b.get(f"/api/v1/orders/{order['id']}/shipments")).status_code == 404
    assert (await b.post(f"/api/v1/orders/{order['id']}/shipping-quotes")).status_code == 404
    assert (await b.get("/api/v1/carriers/ghn")).json()["enabled"] is False
    r = await b.post("/api/v1/shipments/labels", json={"shipment_ids": [shipment["id"]]})
    assert r.status_code == 404


async def test_bulk_labels_of_one_carrier_print_together(tenant, carrier_sims, app_server) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghn",))
    shipments = []
    for _ in range(2):
        order = await closed_order(tenant)
        r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": "ghn"})
        shipments.append(r.json())
    r = await tenant.post(
        "/api/v1/shipments/labels", json={"shipment_ids": [s["id"] for s in shipments]}
    )
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    for s in shipments:
        assert s["tracking_code"].encode() in r.content
    await asyncio.sleep(0)


async def test_orders_list_filters_by_shipping_status(
    tenant, carrier_sims, app_server, run_jobs
) -> None:
    order, shipment, _ = await _booked(tenant, carrier_sims, app_server, "ghn")
    waiting = await closed_order(tenant)

    async def codes(status: str) -> list[str]:
        r = await tenant.get("/api/v1/orders", params={"shipping_status": status})
        assert r.status_code == 200, r.text
        return [o["code"] for o in r.json()["items"]]

    assert await codes("booked") == [order["code"]]
    assert waiting["code"] in await codes("none") and order["code"] not in await codes("none")
    await carrier_sims["ghn"].move(
        shipment["tracking_code"],
        "delivering",
        at=(datetime.now(UTC) + timedelta(seconds=1)).isoformat(),
    )
    await run_jobs()
    assert await codes("delivering") == [order["code"]] and await codes("booked") == []
    r = await tenant.get("/api/v1/orders", params={"shipping_status": "teleported"})
    assert r.status_code == 422
