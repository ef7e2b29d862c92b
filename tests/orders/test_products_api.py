"""Catalogue API: variants and stock, diacritics-insensitive search, CSV/XLSX round trips."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from inbox.helpers import Seeder


def _shirt(sku="AO-01", **kw):
    return {
        "sku": sku,
        "name": "Áo khoác dù",
        "price": 250_000,
        "weight_grams": 400,
        "images": ["https://cdn.example/ao.jpg"],
        "variants": [
            {"sku": f"{sku}-M", "name": "M / Đỏ", "price": 250_000, "stock": 4},
            {"sku": f"{sku}-L", "name": "L / Đỏ", "price": 260_000, "stock": 1},
        ],
        **kw,
    }


async def test_create_search_and_edit_products(tenant):
    r = await tenant.post("/api/v1/products", json=_shirt())
    assert r.status_code == 201, r.text
    product = r.json()
    assert (product["stock"], product["available"]) == (5, 5)
    assert [v["sku"] for v in product["variants"]] == ["AO-01-M", "AO-01-L"]
    r = await tenant.post(
        "/api/v1/products",
        json={"sku": "Q-01", "name": "Quần jean nữ", "price": 300_000, "stock": 7},
    )
    assert r.status_code == 201

    for q, expected in [
        ("ao khoac", ["AO-01"]),
        ("ÁO", ["AO-01"]),
        ("quan", ["Q-01"]),
        ("jea", ["Q-01"]),
        ("ao-01-l", ["AO-01"]),
        ("khong co", []),
    ]:
        r = await tenant.get("/api/v1/products", params={"q": q})
        assert [p["sku"] for p in r.json()["items"]] == expected, q

    r = await tenant.post("/api/v1/products", json=_shirt())
    assert r.status_code == 409 and r.json()["error"]["code"] == "sku_taken"
    r = await tenant.post("/api/v1/products", json=_shirt(sku="X", price=-1))
    assert r.status_code == 422
    r = await tenant.post("/api/v1/products", json=_shirt(sku="Y", price=10**20))
    assert r.status_code == 422
    r = await tenant.post("/api/v1/products", json=_shirt(sku="Z", description="a\u0000"))
    assert r.status_code == 422
    assert (await tenant.get("/api/v1/products", params={"sku": "A\u0000"})).status_code == 200

    r = await tenant.patch(
        f"/api/v1/products/{product['id']}",
        json={
            "name": "Áo khoác dù 2 lớp",
            "variants": [
                {
                    "id": product["variants"][0]["id"],
                    "sku": "AO-01-M",
                    "name": "M / Đỏ",
                    "price": 240_000,
                    "stock": 10,
                },
                {"sku": "AO-01-XL", "name": "XL / Đỏ", "price": 270_000, "stock": 2},
            ],
        },
    )
    assert r.status_code == 200, r.text
    edited = r.json()
    assert [(v["sku"], v["stock"]) for v in edited["variants"]] == [
        ("AO-01-M", 10),
        ("AO-01-XL", 2),
    ]
    assert edited["stock"] == 12
    r = await tenant.patch(f"/api/v1/products/{product['id']}", json={"stock": 5})
    assert r.status_code == 422  # stock lives on the variants


async def test_stock_cannot_go_below_reservations(tenant):
    r = await tenant.post(
        "/api/v1/products", json={"sku": "S1", "name": "Son môi", "price": 100, "stock": 3}
    )
    pid = r.json()["id"]
    r = await tenant.post(
        "/api/v1/orders",
        json={
            "phone": "0912345678",
            "items": [{"product_id": pid, "quantity": 2}],
            "confirm": True,
        },
    )
    assert r.status_code == 201, r.text
    r = await tenant.patch(f"/api/v1/products/{pid}", json={"stock": 1})
    assert r.status_code == 409 and r.json()["error"]["code"] == "stock_below_reserved"
    r = await tenant.delete(f"/api/v1/products/{pid}")
    assert r.status_code == 409 and r.json()["error"]["code"] == "product_in_use"
    r = await tenant.patch(f"/api/v1/products/{pid}", json={"stock": 2})
    assert r.status_code == 200 and r.json()["available"] == 0


async def test_agents_read_but_do_not_edit_the_catalogue(tenant):
    agent = await tenant.add_member("agent")
    r = await agent.post("/api/v1/products", json=_shirt())
    assert r.status_code == 403
    r = await tenant.post("/api/v1/products", json=_shirt())
    pid = r.json()["id"]
    assert (await agent.get(f"/api/v1/products/{pid}")).status_code == 200
    assert (await agent.patch(f"/api/v1/products/{pid}", json={"price": 1})).status_code == 403
    assert (await agent.delete(f"/api/v1/products/{pid}")).status_code == 403
    assert (await agent.get("/api/v1/products/export.csv")).status_code == 403


async def test_csv_export_import_round_trip(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    await a.post("/api/v1/products", json=_shirt())
    await a.post(
        "/api/v1/products", json={"sku": "Q-01", "name": '=HYPERLINK("x")', "price": 1, "stock": 2}
    )
    r = await a.get("/api/v1/products/export.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    body = r.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    r = await b.post(
        "/api/v1/products/import", files={"file": ("sp.csv", body.encode(), "text/csv")}
    )
    assert r.status_code == 200, r.text
    assert r.json() == {"created": 2, "updated": 0, "variants": 2, "errors": []}
    products = (await b.get("/api/v1/products")).json()["items"]
    by_sku = {p["sku"]: p for p in products}
    assert by_sku["Q-01"]["name"] == '=HYPERLINK("x")'  # stored as typed, escaped on export
    assert by_sku["AO-01"]["name"] == "Áo khoác dù"
    assert [(v["sku"], v["price"], v["stock"]) for v in by_sku["AO-01"]["variants"]] == [
        ("AO-01-M", 250_000, 4),
        ("AO-01-L", 260_000, 1),
    ]
    # Importing again updates in place.
    r = await b.post(
        "/api/v1/products/import", files={"file": ("sp.csv", body.encode(), "text/csv")}
    )
    assert r.json()["created"] == 0 and r.json()["updated"] == 2


async def test_xlsx_import_with_vietnamese_headers_and_errors(tenant):
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "Mã sản phẩm",
            "Tên sản phẩm",
            "Giá bán",
            "Tồn kho",
            "Phân loại",
            "Mã biến thể",
            "Tồn kho biến thể",
        ]
    )
    ws.append(["V-1", "Váy hoa", 199000, None, "S", "V-1-S", 3])
    ws.append(["V-1", "Váy hoa", 199000, None, "M", "V-1-M", 5])
    ws.append(["G-1", "Giày thể thao", "350.000", 8, None, None, None])
    buf = io.BytesIO()
    wb.save(buf)
    r = await tenant.post(
        "/api/v1/products/import",
        files={"file": ("catalog.xlsx", buf.getvalue(), "application/octet-stream")},
    )
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 2 and r.json()["variants"] == 2
    items = {p["sku"]: p for p in (await tenant.get("/api/v1/products")).json()["items"]}
    assert items["G-1"]["price"] == 350_000 and items["G-1"]["stock"] == 8
    assert [(v["name"], v["stock"]) for v in items["V-1"]["variants"]] == [("S", 3), ("M", 5)]

    ws.append(["BAD", "Hàng lỗi", "-5", 1, None, None, None])
    buf = io.BytesIO()
    wb.save(buf)
    r = await tenant.post("/api/v1/products/import", files={"file": ("c.xlsx", buf.getvalue())})
    assert r.status_code == 422 and r.json()["error"]["code"] == "import_failed"
    assert r.json()["error"]["details"][0]["line"] == 5
    assert (await tenant.get("/api/v1/products", params={"sku": "BAD"})).json()["items"] == []

    r = await tenant.post(
        "/api/v1/products/import", files={"file": ("c.xlsx", b"PK\x03\x04garbage")}
    )
    assert r.status_code == 422


async def test_xlsx_export_opens(tenant):
    await tenant.post("/api/v1/products", json=_shirt())
    r = await tenant.get("/api/v1/products/export.xlsx")
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("sku", "name", "price", "stock")
    assert rows[1][0] == "AO-01" and rows[1][8] == "AO-01-M" and rows[2][11] == 1


async def test_other_workspace_products_are_invisible(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    pid = (await a.post("/api/v1/products", json=_shirt())).json()["id"]
    assert (await b.get(f"/api/v1/products/{pid}")).status_code == 404
    assert (await b.delete(f"/api/v1/products/{pid}")).status_code == 404
    assert (await b.get("/api/v1/products")).json()["items"] == []
    # The same SKU is free in another workspace.
    assert (await b.post("/api/v1/products", json=_shirt())).status_code == 201


async def test_product_card_in_stock_reads_the_variants(tenant):
    """A product whose stock is kept per variant (its own stock 0) is "còn hàng" on the card
    sent to a customer; once every variant is reserved it is "hết hàng"."""
    r = await tenant.post("/api/v1/products", json=_shirt("CARD-01"))
    assert r.status_code == 201, r.text
    product = r.json()
    seed = Seeder(tenant.workspace_id)
    cid = (await seed.message(await seed.channel(), "p1", "áo này còn không")).conversation.id
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/messages", json={"product_id": product["id"]}
    )
    assert r.status_code == 202, r.text
    [card] = r.json()["attachments"]
    assert card["in_stock"] is True and card["image_url"] == "https://cdn.example/ao.jpg"
    # Every unit reserved by confirmed orders: out of stock.
    for variant in product["variants"]:
        r = await tenant.post(
            "/api/v1/orders",
            json={
                "phone": "0912345678",
                "items": [
                    {
                        "product_id": product["id"],
                        "variant_id": variant["id"],
                        "quantity": variant["stock"],
                    }
                ],
            },
        )
        assert r.status_code == 201, r.text
        r = await tenant.post(
            f"/api/v1/orders/{r.json()['id']}/transition", json={"to": "confirmed"}
        )
        assert r.status_code == 200, r.text
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/messages", json={"product_id": product["id"]}
    )
    assert r.json()["attachments"][0]["in_stock"] is False
