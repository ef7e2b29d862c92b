"""Carriers' own ids of our official wards (`shipping/unitmap.py`): the name matching as a table,
then the whole mapping read from the GHN and Viettel Post simulators' master data (which number
units their own way, as the real carriers do) checked unit by unit, and a booking that sends
the ids of the stored codes, not of the text."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from chotdon.shipping.unitmap import match, name_key

from .helpers import closed_order

pytestmark = pytest.mark.usefixtures("carrier_sims")
# Phường Sài Gòn (2025), formed from Bến Nghé, Bến Thành (part) and Nguyễn Thái Bình.
SAI_GON = {"scheme": "2025", "province_code": "79", "ward_code": "26740", "street": "88 Đồng Khởi"}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Phường 05", "5"),
        ("P.5", "5"),
        ("phuong 5", "5"),
        ("Quận 1", "1"),
        ("Q1", "q1"),  # glued: not taken apart (no carrier writes it so)
        ("Thành phố Hồ Chí Minh", "ho chi minh"),
        ("TP. Hồ Chí Minh", "ho chi minh"),
        ("Tỉnh Bà Rịa - Vũng Tàu", "ba ria vung tau"),
        ("Thị trấn Củ Chi", "cu chi"),
        ("Xã Hoà An", "hoa an"),
        ("Xã Hòa An", "hoa an"),
        ("Đặc khu Phú Quốc", "phu quoc"),
    ],
)
def test_name_keys(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("ours", "theirs", "expected"),
    [
        # the unit word decides between a township and a commune of the same name
        (
            [("a", ["Xã Phước Long"]), ("b", ["Thị trấn Phước Long"])],
            [("1", ["Thị trấn Phước Long"]), ("2", ["Xã Phước Long"])],
            {"a": "2", "b": "1"},
        ),
        # spelled differently: numbers with zeros, abbreviations, tone placement, aliases
        (
            [("c", ["Phường 5"]), ("d", ["Xã Hòa An"]), ("e", ["Quận Tân Bình"])],
            [("3", ["P. 05"]), ("4", ["Xa Hoa An"]), ("5", ["Tân Bình", "Q. Tân Bình"])],
            {"c": "3", "d": "4", "e": "5"},
        ),
        # diacritics tell apart two communes of one district ("Hoằng Phụ" / "Hoằng Phú")
        (
            [("p", ["Xã Hoằng Phụ"]), ("q", ["Xã Hoằng Phú"])],
            [("8", ["Xã Hoằng Phú"]), ("9", ["Xã Hoằng Phụ"])],
            {"p": "9", "q": "8"},
        ),
        # a name two of ours share is left unmatched rather than guessed
        ([("f", ["Xã An Bình"]), ("g", ["Phường An Bình"])], [("6", ["An Bình"])], {}),
        # theirs that we do not have is ignored; ours they lack stays unmatched
        ([("h", ["Phường 1"])], [("7", ["Phường 2"])], {}),
    ],
)
def test_match(ours, theirs, expected) -> None:
    assert match(ours, theirs) == expected


async def _admin_wards(scheme: str) -> dict[str, tuple[str, str | None]]:
    from chotdon.addresses.models import AdminWard
    from chotdon.core.db import unit_of_work

    async with unit_of_work() as session:
        rows = await session.execute(
            select(AdminWard.code, AdminWard.province_code, AdminWard.district_code).where(
                AdminWard.scheme == scheme
            )
        )
        return {code: (province, district) for code, province, district in rows}


async def test_every_legacy_ward_maps_to_its_ghn_ids(database, carrier_sims) -> None:
    """GHN's master data (three-level) read for every legacy province: each of our ~10,000
    legacy wards gets exactly the ids the simulator gave it (its own numbering)."""
    from chotdon.shipping.carrier import Credentials
    from chotdon.shipping.ghn.client import GhnCarrier
    from chotdon.shipping.unitmap import sync_province

    client = GhnCarrier(carrier_sims["ghn"].url + "/shiip/public-api", Credentials("tok-map"))
    wards = await _admin_wards("legacy")
    mapped = 0
    for province in sorted({p for p, _ in wards.values()}):
        mapped += await sync_province(client, province)
    rows = await _carrier_wards("ghn", "legacy")
    assert mapped == len(rows) == len(wards)
    for code, (province_id, district_id, ward_id) in rows.items():
        assert ward_id == str(500000 + int(code))  # the simulator's WardCode of this ward
        assert district_id == str(1000 + int(wards[code][1]))


async def test_every_2025_ward_maps_to_its_viettelpost_ids(database, carrier_sims) -> None:
    """Viettel Post's two-level lists: each of the 3,321 wards under its province's "NEW"
    pseudo-district with the simulator's WARDS_ID."""
    from chotdon.shipping.carrier import Credentials
    from chotdon.shipping.unitmap import sync_province
    from chotdon.shipping.viettelpost.client import ViettelPostCarrier

    client = ViettelPostCarrier(carrier_sims["viettelpost"].url, Credentials("tok-map"))
    wards = await _admin_wards("2025")
    for province in sorted({p for p, _ in wards.values()}):
        await sync_province(client, province)
    rows = await _carrier_wards("viettelpost", "2025")
    assert len(rows) == len(wards) == 3321
    for code, (province_id, district_id, ward_id) in rows.items():
        assert ward_id == str(700000 + int(code))
        assert district_id == str(100_000_000 + int(province_id))


async def _carrier_wards(carrier: str, scheme: str) -> dict[str, tuple[str, str, str]]:
    from chotdon.core.db import unit_of_work
    from chotdon.shipping.models import CarrierWard

    async with unit_of_work() as session:
        rows = await session.execute(
            select(
                CarrierWard.ward_code,
                CarrierWard.province_id,
                CarrierWard.district_id,
                CarrierWard.ward_id,
            ).where(CarrierWard.carrier == carrier, CarrierWard.scheme == scheme)
        )
        assert (
            await session.scalar(
                select(func.count()).select_from(CarrierWard).where(CarrierWard.carrier == carrier)
            )
        ) is not None
        return {code: (p, d, w) for code, p, d, w in rows}


async def test_bookings_send_the_ids_of_the_stored_codes_not_of_the_text(
    tenant, carrier_sims, app_server
) -> None:
    """The order's text names no place at all; the codes staff picked decide what each carrier
    is sent: GHN the ids of a legacy ward inside it, GHTK its names, Viettel Post its 2025 ids."""
    from support.carriers import enable_carriers

    await enable_carriers(tenant, carrier_sims, app_server.url)
    sent = {}
    for carrier in ("ghn", "ghtk", "viettelpost"):
        order = await closed_order(tenant, "giao giờ hành chính giúp em", structured=SAI_GON)
        r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": carrier})
        assert r.status_code == 201, r.text
        [held] = [
            s
            for s in await carrier_sims[carrier].shipments(tenant)
            if s["code"] == r.json()["tracking_code"]
        ]
        sent[carrier] = held["to"]
    legacy_wards = {"26740", "26743", "26746"}  # Bến Nghé, Bến Thành, Nguyễn Thái Bình (legacy)
    assert str(int(sent["ghn"]["to_ward_code"]) - 500000).zfill(5) in legacy_wards
    assert sent["ghn"]["to_district_id"] == 1000 + 760  # Quận 1
    assert sent["ghtk"]["province"] == "Thành phố Hồ Chí Minh"
    assert sent["ghtk"]["district"] == "Quận 1"
    assert (
        sent["viettelpost"]["RECEIVER_WARD"],
        sent["viettelpost"]["RECEIVER_DISTRICT"] - 100_000_000,
    ) == (700000 + 26740, sent["viettelpost"]["RECEIVER_PROVINCE"])


class _SlowMasterData:
    """A carrier whose master data takes a while to read; counts the reads."""

    name = "slowcarrier"
    id_scheme = "2025"

    def __init__(self) -> None:
        self.reads = 0

    async def ward_ids(self, province):
        from chotdon.shipping.carrier import CarrierIds

        self.reads += 1
        await asyncio.sleep(0.3)
        return {w.code: CarrierIds("1", "2", f"w{w.code}") for w in province.wards}


async def test_a_province_is_read_once_even_when_a_quote_gives_up_waiting(database) -> None:
    from chotdon.shipping.unitmap import ids_for

    carrier = _SlowMasterData()
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.05):  # a quote's per-carrier timeout
            await ids_for(carrier, "26740", "79")
    # the read went on; concurrent lookups (a bulk booking) wait for it instead of reading again
    found = await asyncio.gather(*(ids_for(carrier, "26743", "79") for _ in range(10)))
    assert {f.ward_id for f in found} == {"w26743"}
    assert (await ids_for(carrier, "26740", "79")).ward_id == "w26740"
    assert carrier.reads == 1
