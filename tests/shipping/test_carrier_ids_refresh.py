"""Carriers' ids are not kept forever: a booking or quote refused for an id the carrier renumbered
reads the province's master data again and is retried once; a weekly read refreshes provinces
read long ago (`shipping/unitmap.py`, `shipping.jobs.refresh_carrier_wards`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from support.carriers import enable_carriers

from .helpers import HN_2025, closed_order

HN = "01"  # Hà Nội: the same code in both schemes


async def _ward_row(carrier: str, ward_code: str):
    from chotdon.core.db import unit_of_work
    from chotdon.shipping.models import CarrierWard

    async with unit_of_work() as session:
        return (
            await session.execute(
                select(CarrierWard.ward_id, CarrierWard.synced_at, CarrierWard.province_code).where(
                    CarrierWard.carrier == carrier, CarrierWard.ward_code == ward_code
                )
            )
        ).one()


def _client(carrier_sims, carrier: str):
    from chotdon.shipping.carrier import Credentials
    from chotdon.shipping.ghn.client import GhnCarrier
    from chotdon.shipping.viettelpost.client import ViettelPostCarrier

    if carrier == "ghn":
        return GhnCarrier(carrier_sims["ghn"].url + "/shiip/public-api", Credentials("tok-ids"))
    return ViettelPostCarrier(carrier_sims["viettelpost"].url, Credentials("tok-ids"))


@asynccontextmanager
async def _renumbered(carrier_sims, carrier: str, ward_id: str, new_id: str) -> AsyncIterator[None]:
    """The carrier renumbers a ward for the test; afterwards it gets its id back and our table
    is read again (other tests share the simulator and the table)."""
    from chotdon.shipping.unitmap import sync_province

    await carrier_sims[carrier].renumber_ward(ward_id, new_id)
    try:
        yield
    finally:
        await carrier_sims[carrier].renumber_ward(new_id, ward_id)
        await sync_province(_client(carrier_sims, carrier), HN)


async def _book(tenant, carrier: str) -> dict:
    order = await closed_order(tenant, HN_2025)
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": carrier})
    assert r.status_code == 201, r.text
    return r.json()


async def _sent_to(tenant, carrier_sims, carrier: str, tracking_code: str) -> dict:
    [held] = [
        s for s in await carrier_sims[carrier].shipments(tenant) if s["code"] == tracking_code
    ]
    return held["to"]


async def test_a_booking_refused_for_a_renumbered_ghn_ward_reads_the_province_again(
    tenant, carrier_sims, app_server
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghn",))
    first = await _book(tenant, "ghn")
    old_id = (await _sent_to(tenant, carrier_sims, "ghn", first["tracking_code"]))["to_ward_code"]
    legacy_code = str(int(old_id) - 500000).zfill(5)
    new_id = str(int(old_id) + 90000)
    async with _renumbered(carrier_sims, "ghn", old_id, new_id):
        second = await _book(tenant, "ghn")  # GHN refuses the old id: read again, retried once
        sent = await _sent_to(tenant, carrier_sims, "ghn", second["tracking_code"])
        assert sent["to_ward_code"] == new_id
        assert (await _ward_row("ghn", legacy_code))[0] == new_id
        # what is stored now is used directly: a third booking needs no second read
        third = await _book(tenant, "ghn")
        assert (await _sent_to(tenant, carrier_sims, "ghn", third["tracking_code"]))[
            "to_ward_code"
        ] == new_id
    assert len(await carrier_sims["ghn"].shipments(tenant)) == 3  # each booked once


async def test_a_quote_refused_for_a_renumbered_viettelpost_ward_is_retried(
    tenant, carrier_sims, app_server
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("viettelpost",))
    order = await closed_order(tenant, HN_2025)
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipping-quotes")
    assert r.status_code == 200 and r.json()["errors"] == [], r.text
    ward_code = order["structured_address"]["ward_code"]  # a 2025 address: VTP's own scheme
    old_id, _, _ = await _ward_row("viettelpost", ward_code)
    new_id = str(int(old_id) + 90000)
    async with _renumbered(carrier_sims, "viettelpost", old_id, new_id):
        r = await tenant.post(f"/api/v1/orders/{order['id']}/shipping-quotes")
        assert r.status_code == 200, r.text
        assert r.json()["errors"] == []
        assert {q["carrier"] for q in r.json()["items"]} == {"viettelpost"}
        assert (await _ward_row("viettelpost", ward_code))[0] == new_id


async def test_the_weekly_refresh_reads_provinces_read_long_ago(
    tenant, carrier_sims, app_server
) -> None:
    from chotdon.core.db import unit_of_work
    from chotdon.shipping.jobs import refresh_carrier_wards
    from chotdon.shipping.models import CarrierWard

    await enable_carriers(tenant, carrier_sims, app_server.url, ("viettelpost",))
    order = await closed_order(tenant, HN_2025)
    await tenant.post(f"/api/v1/orders/{order['id']}/shipping-quotes")
    ward_code = order["structured_address"]["ward_code"]
    old_id, _, _ = await _ward_row("viettelpost", ward_code)
    new_id = str(int(old_id) + 90000)
    async with _renumbered(carrier_sims, "viettelpost", old_id, new_id):
        await refresh_carrier_wards({})  # read recently: left alone
        assert (await _ward_row("viettelpost", ward_code))[0] == old_id
        async with unit_of_work() as session:
            await session.execute(
                update(CarrierWard)
                .where(CarrierWard.carrier == "viettelpost", CarrierWard.province_code == HN)
                .values(synced_at=datetime.now(UTC) - timedelta(days=8))
            )
        assert await refresh_carrier_wards({}) >= 1
        ward_id, synced_at, _ = await _ward_row("viettelpost", ward_code)
        assert ward_id == new_id
        assert synced_at > datetime.now(UTC) - timedelta(minutes=1)
