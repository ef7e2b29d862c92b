"""The pickup address is stored as official codes when saved (the pickers' codes, or its text
read once), and quotes and bookings use them; a pickup saved before codes were stored is read
once, on first use, and kept."""

from __future__ import annotations

from sqlalchemy import select, update

from support.carriers import PICKUP, enable_carriers

from .helpers import HN_2025, closed_order

SAI_GON = {"scheme": "2025", "province_code": "79", "ward_code": "26740", "street": "88 Đồng Khởi"}


async def _pickup_row(workspace_id: int, carrier: str) -> dict:
    from chotdon.core.db import unit_of_work
    from chotdon.shipping.models import CarrierAccount

    async with unit_of_work() as session:
        return await session.scalar(
            select(CarrierAccount.pickup).where(
                CarrierAccount.workspace_id == workspace_id, CarrierAccount.carrier == carrier
            )
        )


async def test_the_pickers_codes_are_what_carriers_are_sent(
    tenant, carrier_sims, app_server
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("viettelpost",))
    r = await tenant.put(
        "/api/v1/carriers/viettelpost",
        json={
            "enabled": True,
            # the text names no place at all: only the codes can say where the shop is
            "pickup": {"name": "Kho", "phone": "0901234567", "address": "Kho sau nhà em"}
            | {"structured_address": SAI_GON},
        },
    )
    assert r.status_code == 200, r.text
    stored = r.json()["pickup"]["structured_address"]
    assert (stored["scheme"], stored["ward_code"], stored["ward"]) == (
        "2025",
        "26740",
        "Phường Sài Gòn",
    )
    assert r.json()["pickup"]["address"] == "Kho sau nhà em"
    order = await closed_order(tenant, HN_2025)
    quotes = await tenant.post(f"/api/v1/orders/{order['id']}/shipping-quotes")
    assert quotes.status_code == 200 and quotes.json()["errors"] == [], quotes.text
    r = await tenant.post(
        f"/api/v1/orders/{order['id']}/shipments", json={"carrier": "viettelpost"}
    )
    assert r.status_code == 201, r.text
    [held] = [
        s
        for s in await carrier_sims["viettelpost"].shipments(tenant)
        if s["code"] == r.json()["tracking_code"]
    ]
    assert held["to"]["SENDER_WARD"] == 700000 + 26740


async def test_a_typed_pickup_is_read_when_saved_and_bad_codes_are_refused(
    tenant, carrier_sims, app_server
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghtk",))
    body = (await tenant.get("/api/v1/carriers/ghtk")).json()
    stored = body["pickup"]["structured_address"]  # PICKUP: "12 Lê Lợi, P. Bến Nghé, Q1, HCM"
    assert (stored["scheme"], stored["ward"], stored["district"]) == (
        "legacy",
        "Phường Bến Nghé",
        "Quận 1",
    )
    assert stored["address_2025"]["ward"] == "Phường Sài Gòn"
    r = await tenant.put(
        "/api/v1/carriers/ghtk",
        json={
            "enabled": True,
            "pickup": PICKUP | {"structured_address": {"scheme": "2025", "province_code": "99"}},
        },
    )
    assert r.status_code == 422, r.text
    assert r.json()["error"]["details"][0]["field"] == "pickup.structured_address.province_code"


async def test_a_pickup_saved_before_codes_is_read_once_on_first_use(
    tenant, carrier_sims, app_server
) -> None:
    from chotdon.core.db import unit_of_work
    from chotdon.shipping.models import CarrierAccount

    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghtk",))
    async with unit_of_work() as session:  # as a row saved by the previous version
        await session.execute(
            update(CarrierAccount)
            .where(CarrierAccount.workspace_id == tenant.workspace_id)
            .values(pickup=PICKUP)
        )
    assert (await tenant.get("/api/v1/carriers/ghtk")).json()["pickup"][
        "structured_address"
    ] is None
    order = await closed_order(tenant, HN_2025)
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipping-quotes")
    assert r.status_code == 200 and r.json()["errors"] == [], r.text
    row = await _pickup_row(tenant.workspace_id, "ghtk")
    assert row["codes"]["scheme"] == "legacy" and row["address"] == PICKUP["address"]
    assert row["codes"]["ward_code"] == "26740"  # Phường Bến Nghé (legacy)
    body = (await tenant.get("/api/v1/carriers/ghtk")).json()
    assert body["pickup"]["structured_address"]["ward"] == "Phường Bến Nghé"
