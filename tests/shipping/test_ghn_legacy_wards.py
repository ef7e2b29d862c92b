"""Which legacy ward GHN (three-level master data, no 2025 units documented) is sent: the one
the customer wrote for a legacy address; for a 2025 ward made of several, the old ward it is
named after, else the one whose NSO code it kept (`service._legacy_of`)."""

from __future__ import annotations

import pytest

from support.carriers import enable_carriers

from .helpers import closed_order

pytestmark = pytest.mark.usefixtures("carrier_sims")


def _hcm(scheme: str, ward_code: str) -> dict:
    return {"scheme": scheme, "province_code": "79", "ward_code": ward_code, "street": "8 Lê Lai"}


@pytest.mark.parametrize(
    ("structured", "sent"),
    [
        # written in the legacy scheme: Phường Phạm Ngũ Lão (now part of Phường Bến Thành)
        (_hcm("legacy", "26749"), "26749"),
        # 2025 Phường Bến Thành: the old Phường Bến Thành (its name, and its code)
        (_hcm("2025", "26743"), "26743"),
        # 2025 Phường An Phú Đông (from Thạnh Lộc 26767 + An Phú Đông 26779): the name it
        # carries, not the lowest code nor the code it kept
        (_hcm("2025", "26767"), "26779"),
        # 2025 Phường An Đông (from Phường 9, 7, 5 of Quận 5; none of those names): the old
        # ward whose code it kept, Phường 7, not the lowest code
        (_hcm("2025", "27316"), "27316"),
    ],
)
async def test_the_legacy_ward_ghn_is_sent(
    tenant, carrier_sims, app_server, structured, sent
) -> None:
    await enable_carriers(tenant, carrier_sims, app_server.url, ("ghn",))
    order = await closed_order(tenant, "giao giờ hành chính", structured=structured)
    r = await tenant.post(f"/api/v1/orders/{order['id']}/shipments", json={"carrier": "ghn"})
    assert r.status_code == 201, r.text
    [held] = [
        s
        for s in await carrier_sims["ghn"].shipments(tenant)
        if s["code"] == r.json()["tracking_code"]
    ]
    assert str(int(held["to"]["to_ward_code"]) - 500000).zfill(5) == sent
