"""`/api/v1/reports/livestreams/{id}`: what one livestream received and sold."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from livestream.helpers import make_live

PHONE = "0912345678"


async def test_livestream_figures(tenant, run_jobs) -> None:
    live = await make_live(tenant)
    await live.comment("u1", f"Q02 {PHONE}")
    await live.comment("u2", "chốt V03 x2 0987.654.321")
    await live.comment("u1", "V03 nữa nha")
    await live.comment("u3", "đẹp quá shop ơi")
    await run_jobs()
    orders = await live.orders()
    assert len(orders) == 2
    r = await tenant.get(f"/api/v1/reports/livestreams/{live.id}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["comments"], body["commenters"], body["order_comments"]) == (4, 3, 3)
    assert body["orders"] == 2
    assert body["orders_by_status"] == {
        "draft": 2, "confirmed": 0, "closed": 0, "completed": 0, "cancelled": 0
    }  # fmt: skip
    products = {p["name"]: (p["units"], p["revenue"]) for p in body["products"]}
    expected: dict[str, tuple[int, int]] = {}
    for order in orders:
        for item in order["items"]:
            units, revenue = expected.get(item["name"], (0, 0))
            expected[item["name"]] = (
                units + item["quantity"],
                revenue + item["quantity"] * item["unit_price"],
            )
    assert products == expected
    assert body["units"] == 4 and body["revenue"] == 250_000 + 3 * 299_000
    assert sum(m["comments"] for m in body["comments_per_minute"]) == 4
    assert body["peak_comments_per_minute"] == max(
        m["comments"] for m in body["comments_per_minute"]
    )
    r = await tenant.get(f"/api/v1/reports/livestreams/{live.id}", params={"format": "xlsx"})
    assert r.status_code == 200
    cells = [
        list(row) for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True)
    ]
    values = {row[0]: row[1] for row in cells if row and row[0]}
    assert values["Bình luận"] == 4 and values["Người bình luận"] == 3
    assert values["Doanh thu (₫)"] == body["revenue"]


async def test_another_workspace_gets_a_404(tenant, make_tenant) -> None:
    live = await make_live(tenant)
    stranger = await make_tenant()
    r = await stranger.get(f"/api/v1/reports/livestreams/{live.id}")
    assert r.status_code == 404
    assert r.json()["error"]["code"]
