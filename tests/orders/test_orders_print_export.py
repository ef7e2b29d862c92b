"""Printing invoices (A5, 80 mm, bulk) and the Excel export read back cell by cell."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import load_workbook

from .helpers import make_product


async def _order(tenant, product_id, **kw):
    body = {
        "customer_name": "Nguyễn Thị Lan",
        "phone": "0912345678",
        "address": "12 Lê Lợi, Q1, HCM",
        "items": [{"product_id": product_id, "quantity": 2}],
        "shipping_fee": 30_000,
        "discount": 5_000,
        **kw,
    }
    r = await tenant.post("/api/v1/orders", json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def test_print_one_and_many(tenant):
    pid, _ = await make_product(tenant.workspace_id, name="Áo <b>thun</b>", price=150_000)
    first = await _order(tenant, pid, note="Giao giờ hành chính")
    second = await _order(tenant, pid, customer_name="Trần Văn Đức")

    r = await tenant.get(f"/api/v1/orders/{first['id']}/print")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert first["code"] in html and "Nguyễn Thị Lan" in html and "0912 345 678" in html
    assert "325.000đ" in html and "Giao giờ hành chính" in html
    assert "@page { size: A5" in html
    assert "Áo &lt;b&gt;thun&lt;/b&gt;" in html and "<b>thun</b>" not in html

    r = await tenant.get(f"/api/v1/orders/{first['id']}/print", params={"paper": "80mm"})
    assert "size: 80mm auto" in r.text

    r = await tenant.get("/api/v1/orders/print", params={"ids": f"{second['id']},{first['id']}"})
    assert r.status_code == 200
    assert r.text.count('class="sheet"') == 2
    assert r.text.index(second["code"]) < r.text.index(first["code"])

    assert (await tenant.get("/api/v1/orders/print", params={"ids": "1,x"})).status_code == 422
    assert (
        await tenant.get("/api/v1/orders/print", params={"ids": "999999999"})
    ).status_code == 404


async def test_export_xlsx_cell_by_cell(tenant):
    pid, _ = await make_product(tenant.workspace_id, name="Áo thun", price=150_000)
    plain = await _order(tenant, pid)
    evil = await _order(
        tenant,
        pid,
        customer_name='=HYPERLINK("http://evil","bấm")',
        note="+cmd|' /C calc'!A0",
        address="@SUM(1+1)",
        payment_method="bank_transfer",
    )
    other = await _order(tenant, pid)
    await tenant.post(
        f"/api/v1/orders/{other['id']}/transition",
        json={"to": "cancelled", "reason": "-1 khách bùng"},
    )

    r = await tenant.get("/api/v1/orders/export.xlsx", params={"status": "draft"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in r.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Mã đơn", "Trạng thái", "Nguồn", "Ngày tạo", "Khách hàng", "SĐT")
    assert [row[0] for row in rows[1:]] == [
        evil["code"],
        plain["code"],
    ]  # newest first, drafts only

    e = rows[1]
    assert e[1] == "Nháp" and e[2] == "Thủ công"
    assert isinstance(e[3], datetime)
    assert e[4] == '\'=HYPERLINK("http://evil","bấm")'
    assert e[5] == "0912 345 678"
    assert e[6] == "'@SUM(1+1)"
    assert e[10] == f"Áo thun ({e_sku(evil)}) x2"
    assert e[11:17] == (2, 300_000, 30_000, 5_000, 325_000, 0)
    assert e[17] == "Chuyển khoản"
    assert e[18] == "'+cmd|' /C calc'!A0"

    p = rows[2]
    assert p[16] == 325_000 and p[17] == "Thanh toán khi nhận hàng (COD)"

    r = await tenant.get("/api/v1/orders/export.xlsx", params={"status": "cancelled"})
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][19] == "'-1 khách bùng"


def e_sku(order):
    return order["items"][0]["sku"]


async def test_export_needs_admin_and_is_per_workspace(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    pid, _ = await make_product(a.workspace_id)
    await _order(a, pid)
    agent = await a.add_member("agent")
    assert (await agent.get("/api/v1/orders/export.xlsx")).status_code == 403
    r = await b.get("/api/v1/orders/export.xlsx")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1  # header only
