"""`/api/v1/reports/orders`: orders created in the period by their status now, revenue of the
completed ones, cancelled and returned ("bùng") rates over orders that left the draft stage."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook
from sqlalchemy import update

from chotdon.core.db import unit_of_work
from chotdon.orders.models import Order
from support.shop import make_product

from .test_access_and_xlsx import today


async def _order(owner, product_id: int, quantity: int, *path: tuple[str, str | None]) -> dict:
    r = await owner.post(
        "/api/v1/orders",
        json={
            "customer_name": "Chị Hoa",
            "phone": "0912345678",
            "address": "12 Lê Lợi, Phường Bến Thành, TP Hồ Chí Minh",
            "items": [{"product_id": product_id, "quantity": quantity}],
            "shipping_fee": 30_000,
        },
    )
    assert r.status_code == 201, r.text
    order = r.json()
    for to, reason in path:
        body = {"to": to, **({"reason": reason} if reason else {})}
        r = await owner.post(f"/api/v1/orders/{order['id']}/transition", json=body)
        assert r.status_code == 200, r.text
    return r.json()


COMPLETE = [("confirmed", None), ("closed", None), ("completed", None)]


async def test_orders_by_status_revenue_and_rates(tenant) -> None:
    agent = await tenant.add_member("agent", name="Lan")
    product_id, _ = await make_product(tenant.workspace_id, price=100_000, stock=100)
    done1 = await _order(tenant, product_id, 2, *COMPLETE)  # 230.000
    await _order(tenant, product_id, 1, *COMPLETE)  # 130.000
    await _order(agent, product_id, 1, *COMPLETE)  # 130.000, the agent's
    await _order(tenant, product_id, 1, ("cancelled", "Khách đổi ý"))
    await _order(agent, product_id, 1, ("confirmed", None), ("cancelled", "returned"))
    await _order(tenant, product_id, 1, ("confirmed", None))
    await _order(tenant, product_id, 1)  # a draft: not counted in the rates
    assert done1["total"] == 230_000
    r = await tenant.get("/api/v1/reports/orders", params={"from": today(), "to": today()})
    assert r.status_code == 200, r.text
    totals = r.json()["totals"]
    assert totals == {
        "orders": 7,
        "draft": 1,
        "confirmed": 1,
        "closed": 0,
        "completed": 3,
        "cancelled": 1,
        "returned": 1,
        "revenue": 490_000,
        "cancel_rate": round(1 / 6, 4),
        "return_rate": round(1 / 6, 4),
    }
    r = await tenant.get(
        "/api/v1/reports/orders", params={"from": today(), "to": today(), "group_by": "agent"}
    )
    rows = {row["label"]: row for row in r.json()["rows"]}
    assert (rows["Lan"]["orders"], rows["Lan"]["revenue"], rows["Lan"]["returned"]) == (
        2,
        130_000,
        1,
    )
    assert rows["Lan"]["return_rate"] == 0.5
    r = await agent.get("/api/v1/reports/orders", params={"from": today(), "to": today()})
    assert (r.json()["totals"]["orders"], r.json()["totals"]["revenue"]) == (2, 130_000)
    r = await tenant.get(
        "/api/v1/reports/orders", params={"from": today(), "to": today(), "group_by": "source"}
    )
    assert [(row["key"], row["label"], row["orders"]) for row in r.json()["rows"]] == [
        ("manual", "Thủ công", 7)
    ]
    r = await tenant.get(
        "/api/v1/reports/orders",
        params={"from": today(), "to": today(), "group_by": "source", "format": "xlsx"},
    )
    sheet = load_workbook(io.BytesIO(r.content)).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells[0] == [
        "Nhóm", "Tổng đơn", "Nháp", "Đã xác nhận", "Đã chốt", "Hoàn thành", "Đã huỷ",
        "Bùng / hoàn", "Doanh thu (₫)", "Tỉ lệ huỷ", "Tỉ lệ bùng",
    ]  # fmt: skip
    expected = [7, 1, 1, 0, 3, 1, 1, 490_000, round(1 / 6, 4), round(1 / 6, 4)]
    assert cells[1] == ["Thủ công", *expected]
    assert cells[2] == ["Tổng", *expected]


async def test_days_follow_the_shop_time_zone(tenant) -> None:
    product_id, _ = await make_product(tenant.workspace_id, price=100_000)
    late = await _order(tenant, product_id, 1)
    early = await _order(tenant, product_id, 1)
    # 16:59:59 UTC is 23:59:59 in Hồ Chí Minh City; 17:00 UTC is the next local day.
    day = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
    async with unit_of_work() as session:
        for order, when in ((late, day - timedelta(seconds=1)), (early, day)):
            await session.execute(
                update(Order).where(Order.id == order["id"]).values(created_at=when)
            )
    r = await tenant.get(
        "/api/v1/reports/orders", params={"from": "2026-11-02", "to": "2026-11-03"}
    )
    rows = {row["key"]: row["orders"] for row in r.json()["rows"]}
    assert rows == {"2026-11-02": 1, "2026-11-03": 1}
