"""End to end with the Facebook simulator: the receipt of a confirmed order reaches Messenger;
automatic drafts from a real webhook when the page's setting is on."""

from __future__ import annotations

from .helpers import make_product


async def _conversation(fb):
    r = await fb.tenant.get("/api/v1/conversations")
    assert r.status_code == 200, r.text
    return r.json()["items"][0]


async def test_receipt_reaches_the_customer(fb, run_jobs):
    page = await fb.connect()
    await fb.sim.customer_writes(
        page,
        "psid-lan",
        "Chốt em 2 áo nhé, sđt 0912 345 678, đc: 12 Lê Lợi, P. Bến Nghé, Q1, HCM",
        name="Nguyễn Thị Lan",
    )
    await run_jobs()
    conversation = await _conversation(fb)
    product_id, _ = await make_product(fb.tenant.workspace_id, name="Áo thun", price=150_000)

    prefill = (
        await fb.tenant.get(f"/api/v1/conversations/{conversation['id']}/order-draft")
    ).json()
    r = await fb.tenant.post(
        "/api/v1/orders",
        json={
            "conversation_id": conversation["id"],
            "customer_name": prefill["customer_name"],
            "phone": prefill["phone"],
            "address": prefill["address"],
            "items": [{"product_id": product_id, "quantity": 2}],
            "shipping_fee": 30_000,
            "confirm": True,
        },
    )
    assert r.status_code == 201, r.text
    order = r.json()
    await run_jobs()

    sent = await fb.sim.sent(page)
    texts = [str(s) for s in sent]
    receipt = next(t for t in texts if order["code"] in t)
    assert "330.000đ" in receipt and "Áo thun x2" in receipt
    messages = (await fb.tenant.get(f"/api/v1/conversations/{conversation['id']}/messages")).json()
    last = messages["items"][-1]
    assert last["sender_type"] == "bot" and last["status"] == "sent"
    conversation = (await fb.tenant.get(f"/api/v1/conversations/{conversation['id']}")).json()
    assert conversation["has_order"] is True


async def test_automatic_draft_from_a_webhook(fb, run_jobs):
    r = await fb.tenant.post("/api/v1/warehouses", json={"name": "Kho chính"})
    assert r.status_code == 201
    page = await fb.connect(settings={"auto_draft_orders": True})
    await fb.sim.customer_writes(page, "psid-duc", "sdt em 0987.654.321 nha", name="Trần Văn Đức")
    await run_jobs()
    [order] = (await fb.tenant.get("/api/v1/orders")).json()["items"]
    assert (order["source"], order["status"], order["phone"]) == (
        "chat_auto",
        "draft",
        "+84987654321",
    )
    # The name comes with the profile (fetched after the webhook); the next message fills it in.
    await fb.sim.customer_writes(
        page, "psid-duc", "đc: 5 Trần Phú, P. Điện Biên, Q. Ba Đình, Hà Nội"
    )
    await run_jobs()
    [order] = (await fb.tenant.get("/api/v1/orders")).json()["items"]
    assert order["customer_name"] == "Trần Văn Đức"
    assert order["address"] == "5 Trần Phú, P. Điện Biên, Q. Ba Đình, Hà Nội"
