"""Bulk labels merged into one PDF (GHTK's one-per-request labels, several carriers at once),
Viettel Post status read back when its webhook was lost, and the simulators re-sending a webhook
that was not answered 200 as each carrier documents (GHN 10×, GHTK once, Viettel Post 5×)."""

from __future__ import annotations

import asyncio
import io
import time
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from support.carriers import enable_carriers
from support.receiver import receiver_server

from .helpers import closed_order

pytestmark = pytest.mark.usefixtures("carrier_sims")


async def _book(tenant, carrier: str) -> dict:
    order = await closed_order(tenant)
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": carrier})
    assert r.status_code == 201, r.text
    return r.json()


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


async def test_ghtk_labels_of_several_shipments_come_as_one_pdf(
    tenant, carrier_sims, app_server
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghtk",))
    shipments = [await _book(tenant, "ghtk") for _ in range(3)]
    r = await tenant.post(
        "/api/v1/shipments/labels", json={"shipment_ids": [s["id"] for s in shipments]}
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    pages = _pages(r.content)
    assert len(pages) == 3  # GHTK prints one label per request: three fetched, one document
    for page, shipment in zip(pages, shipments, strict=True):
        assert shipment["tracking_code"] in page


async def test_a_bulk_print_mixing_carriers_is_one_pdf_in_carrier_groups(
    tenant, carrier_sims, app_server
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url)
    ghn = [await _book(tenant, "ghn") for _ in range(2)]
    ghtk = [await _book(tenant, "ghtk") for _ in range(2)]
    vtp = await _book(tenant, "viettelpost")
    ids = [ghn[0]["id"], ghtk[0]["id"], vtp["id"], ghn[1]["id"], ghtk[1]["id"]]
    r = await tenant.post("/api/v1/shipments/labels", json={"shipment_ids": ids})
    assert r.status_code == 200, r.text
    text = "\n".join(_pages(r.content))
    for s in (*ghn, *ghtk, vtp):
        assert s["tracking_code"] in text
    assert len(_pages(r.content)) == 4  # GHN's two on one A5 print, GHTK one each, VTP one

    cancelled = await _book(tenant, "ghn")
    r = await tenant.post(f"/api/v1/shipments/{cancelled['id']}/cancel")
    assert r.status_code == 200, r.text
    r = await tenant.post(
        "/api/v1/shipments/labels", json={"shipment_ids": [*ids, cancelled["id"]]}
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "shipment_cancelled"


async def test_viettelpost_status_is_read_back_when_its_webhook_is_lost(
    tenant, carrier_sims, app_server, run_jobs
) -> None:
    from chotdon.shipping.jobs import poll_shipments

    await enable_carriers(tenant, carrier_sims, app_server.url, ("viettelpost",))
    shipment = await _book(tenant, "viettelpost")
    order_id = shipment["order_id"]
    sim = carrier_sims["viettelpost"]
    start = datetime.now(UTC)
    await sim.lose_next_webhook(3)
    for i, status in enumerate(("105", "500", "501"), 1):
        at = (start + timedelta(seconds=i)).isoformat()
        await sim.move(shipment["tracking_code"], status, at=at)
    await run_jobs()
    assert (await tenant.get(f"/api/v1/shipments/{shipment['id']}")).json()["status"] == "booked"

    await poll_shipments({}, tenant.workspace_id)
    body = (await tenant.get(f"/api/v1/shipments/{shipment['id']}")).json()
    assert body["status"] == "delivered" and body["status_label"] == "Phát thành công"
    assert [e["carrier_status"] for e in body["events"]][-3:] == ["105", "500", "501"]
    assert (await tenant.get(f"/api/v1/orders/{order_id}")).json()["status"] == "completed"
    await poll_shipments({}, tenant.workspace_id)  # read again: nothing twice
    again = (await tenant.get(f"/api/v1/shipments/{shipment['id']}")).json()
    assert len(again["events"]) == len(body["events"])


async def _attempts_after(sim, before: int, count: int) -> list[int]:
    """The statuses of the attempts after the first `before`, once there are `count` of them."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        attempts = (await sim.webhook_attempts())[before:]
        if len(attempts) >= count:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)  # and none beyond
    return (await sim.webhook_attempts())[before:]


@pytest.mark.parametrize(("carrier", "retries"), [("ghn", 10), ("ghtk", 1), ("viettelpost", 5)])
async def test_simulators_resend_a_webhook_not_answered_200_as_documented(
    tenant, carrier_sims, app_server, carrier, retries
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, (carrier,))
    shipment = await _book(tenant, carrier)
    sim = carrier_sims[carrier]
    statuses = {
        "ghn": ("picking", "delivering"),
        "ghtk": ("12", "4"),
        "viettelpost": ("105", "500"),
    }
    with receiver_server() as receiver:
        receiver.check_signature = False
        await sim.retry_webhooks_after(0.02)
        try:
            await sim.aim_webhooks(receiver.url, "s")
            receiver.plan = [500] * (1 + retries)
            before = len(await sim.webhook_attempts())
            await sim.move(shipment["tracking_code"], statuses[carrier][0])
            assert await _attempts_after(sim, before, 1 + retries) == [500] * (1 + retries)

            receiver.plan = [503] * retries  # the last retry gets through
            before = len(await sim.webhook_attempts())
            await sim.move(shipment["tracking_code"], statuses[carrier][1])
            assert await _attempts_after(sim, before, 1 + retries) == [503] * retries + [200]
            bodies = [r.body for r in receiver.received[-(1 + retries) :]]
            assert all(b == bodies[0] for b in bodies)  # the same webhook re-sent
        finally:
            await sim.retry_webhooks_after(5)
