"""Orders through the HTTP API: create from a chat, edit, transitions, stock, isolation."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Conversation, Message
from chotdon.orders.models import Order, OrderItem

from .helpers import customer_says, make_channel, make_product


async def _chat(tenant, text="Em lấy 2 áo, sđt 0912 345 678, đc: 12 Lê Lợi, P. Bến Nghé, Q1, HCM"):
    channel_id = await make_channel(tenant.workspace_id)
    rec = await customer_says(channel_id, text)
    return rec.conversation.id


async def test_order_from_conversation_with_prefill_and_receipt(tenant):
    conversation_id = await _chat(tenant)
    product_id, _ = await make_product(tenant.workspace_id, price=150_000, stock=5)

    r = await tenant.get(f"/api/v1/conversations/{conversation_id}/order-draft")
    assert r.status_code == 200, r.text
    prefill = r.json()
    assert prefill["customer_name"] == "Nguyễn Thị Lan"
    assert prefill["phone"] == "+84912345678"
    assert prefill["address"] == "12 Lê Lợi, P. Bến Nghé, Q1, HCM"
    assert prefill["province"] == "Hồ Chí Minh"
    assert prefill["risk"] == "new" and prefill["open_order"] is None

    r = await tenant.post(
        "/api/v1/orders",
        json={
            "conversation_id": conversation_id,
            "customer_name": prefill["customer_name"],
            "phone": "0912.345.678",
            "address": prefill["address"],
            "items": [{"product_id": product_id, "quantity": 2}],
            "shipping_fee": 30_000,
            "discount": 10_000,
            "payment_method": "cod",
        },
    )
    assert r.status_code == 201, r.text
    order = r.json()
    assert order["status"] == "draft" and order["source"] == "manual"
    assert order["code"].startswith("DH")
    assert (order["subtotal"], order["total"], order["cod_amount"]) == (300_000, 320_000, 320_000)
    assert order["items"][0]["name"] == "Áo thun cotton"
    assert order["allowed_transitions"] == ["confirmed", "cancelled"]

    r = await tenant.post(f"/api/v1/orders/{order['id']}/transition", json={"to": "confirmed"})
    assert r.status_code == 200, r.text
    confirmed = r.json()
    assert confirmed["status"] == "confirmed" and confirmed["bot_status"] == "queued"
    assert [h["to_status"] for h in confirmed["history"]] == ["draft", "confirmed"]
    assert confirmed["history"][1]["actor_type"] == "user"
    assert confirmed["history"][1]["actor_name"] == tenant.user["name"]

    async with unit_of_work() as session:
        receipt = await session.get_one(Message, confirmed["receipt_message_id"])
        conversation = await session.get_one(Conversation, conversation_id)
    assert receipt.sender_type == "bot" and receipt.status == "pending"
    assert order["code"] in receipt.text and "320.000đ" in receipt.text
    assert conversation.has_order is True

    r = await tenant.get(f"/api/v1/products/{product_id}")
    assert (r.json()["stock"], r.json()["reserved"], r.json()["available"]) == (5, 2, 3)

    r = await tenant.get(f"/api/v1/conversations/{conversation_id}/order-draft")
    assert r.json()["orders_count"] == 1 and len(r.json()["recent_orders"]) == 1


async def test_receipt_uses_the_workspace_template(tenant):
    conversation_id = await _chat(tenant)
    product_id, _ = await make_product(tenant.workspace_id, price=99_000)
    r = await tenant.put(
        "/api/v1/order-settings",
        json={"receipt_template": "Đơn {code}: {total}. Cảm ơn {customer_name}! {unknown}"},
    )
    assert r.status_code == 200, r.text
    r = await tenant.post(
        "/api/v1/orders",
        json={
            "conversation_id": conversation_id,
            "phone": "0912345678",
            "items": [{"product_id": product_id}],
            "confirm": True,
        },
    )
    assert r.status_code == 201, r.text
    async with unit_of_work() as session:
        message = await session.get_one(Message, r.json()["receipt_message_id"])
    assert message.text == f"Đơn {r.json()['code']}: 99.000đ. Cảm ơn Nguyễn Thị Lan! {{unknown}}"


async def test_transitions_through_the_api(tenant):
    product_id, _ = await make_product(tenant.workspace_id, stock=3)
    r = await tenant.post(
        "/api/v1/orders",
        json={"phone": "0987654321", "items": [{"product_id": product_id, "quantity": 2}]},
    )
    oid = r.json()["id"]
    url = f"/api/v1/orders/{oid}/transition"

    r = await tenant.post(url, json={"to": "completed"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "transition_not_allowed"
    r = await tenant.post(url, json={"to": "confirmed"})
    assert r.status_code == 200
    r = await tenant.post(url, json={"to": "closed"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "address_required"
    r = await tenant.patch(
        f"/api/v1/orders/{oid}",
        json={"address": "5 Trần Phú, Hà Nội", "shipping_fee": None, "payment_method": None},
    )
    assert r.status_code == 200, r.text
    r = await tenant.post(url, json={"to": "closed"})
    assert r.status_code == 200 and r.json()["editable"] is False
    r = await tenant.patch(f"/api/v1/orders/{oid}", json={"note": "giao giờ hành chính"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "order_not_editable"
    r = await tenant.post(url, json={"to": "completed"})
    assert r.status_code == 200
    product = (await tenant.get(f"/api/v1/products/{product_id}")).json()
    assert (product["stock"], product["reserved"]) == (1, 0)
    r = await tenant.post(url, json={"to": "cancelled", "reason": "muộn"})
    assert r.status_code == 409
    assert "completed" in r.json()["error"]["message"]
    r = await tenant.post(url, json={"to": "shipped"})
    assert r.status_code == 422


async def test_cancel_releases_stock_and_counts_as_abandoned(tenant):
    conversation_id = await _chat(tenant)
    product_id, _ = await make_product(tenant.workspace_id, stock=2)
    r = await tenant.post(
        "/api/v1/orders",
        json={
            "conversation_id": conversation_id,
            "phone": "0912345678",
            "items": [{"product_id": product_id, "quantity": 2}],
            "confirm": True,
        },
    )
    oid = r.json()["id"]
    assert (await tenant.get(f"/api/v1/products/{product_id}")).json()["available"] == 0
    r = await tenant.post(f"/api/v1/orders/{oid}/transition", json={"to": "cancelled"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "reason_required"
    r = await tenant.post(
        f"/api/v1/orders/{oid}/transition", json={"to": "cancelled", "reason": "Khách bùng"}
    )
    assert r.status_code == 200 and r.json()["cancel_reason"] == "Khách bùng"
    assert (await tenant.get(f"/api/v1/products/{product_id}")).json()["available"] == 2
    prefill = (await tenant.get(f"/api/v1/conversations/{conversation_id}/order-draft")).json()
    assert prefill["cancelled_orders_count"] == 1 and prefill["risk"] == "watch"
    listed = (await tenant.get("/api/v1/orders")).json()["items"]
    assert [o["customer_risk"] for o in listed] == ["watch"]
    async with unit_of_work() as session:
        conversation = await session.get_one(Conversation, conversation_id)
        assert conversation.has_order is False


async def test_two_agents_confirm_the_last_item(tenant):
    agent = await tenant.add_member("agent")
    product_id, _ = await make_product(tenant.workspace_id, stock=1)
    ids = []
    for _ in range(2):
        r = await tenant.post(
            "/api/v1/orders", json={"phone": "0912345678", "items": [{"product_id": product_id}]}
        )
        ids.append(r.json()["id"])
    results = await asyncio.gather(
        tenant.post(f"/api/v1/orders/{ids[0]}/transition", json={"to": "confirmed"}),
        agent.post(f"/api/v1/orders/{ids[1]}/transition", json={"to": "confirmed"}),
    )
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 409], [r.text for r in results]
    refused = next(r for r in results if r.status_code == 409)
    assert refused.json()["error"]["code"] == "out_of_stock"
    assert refused.json()["error"]["details"][0]["available"] == 0
    product = (await tenant.get(f"/api/v1/products/{product_id}")).json()
    assert (product["stock"], product["reserved"]) == (1, 1)


async def test_two_agents_confirm_the_same_order(tenant):
    agent = await tenant.add_member("agent")
    product_id, _ = await make_product(tenant.workspace_id, stock=5)
    r = await tenant.post(
        "/api/v1/orders", json={"phone": "0912345678", "items": [{"product_id": product_id}]}
    )
    oid = r.json()["id"]
    results = await asyncio.gather(
        tenant.post(f"/api/v1/orders/{oid}/transition", json={"to": "confirmed"}),
        agent.post(f"/api/v1/orders/{oid}/transition", json={"to": "confirmed"}),
    )
    assert sorted(r.status_code for r in results) == [200, 409]
    product = (await tenant.get(f"/api/v1/products/{product_id}")).json()
    assert product["reserved"] == 1
    detail = (await tenant.get(f"/api/v1/orders/{oid}")).json()
    assert [h["to_status"] for h in detail["history"]] == ["draft", "confirmed"]


async def test_editing_a_confirmed_order_moves_its_reservation(tenant):
    product_id, variant_ids = await make_product(
        tenant.workspace_id, variants=[("M / Đỏ", 120_000, 3), ("L / Đỏ", 130_000, 1)]
    )
    r = await tenant.post(
        "/api/v1/orders",
        json={
            "phone": "0912345678",
            "items": [{"product_id": product_id, "variant_id": variant_ids[0], "quantity": 2}],
            "confirm": True,
        },
    )
    assert r.status_code == 201, r.text
    oid = r.json()["id"]
    r = await tenant.patch(
        f"/api/v1/orders/{oid}",
        json={"items": [{"product_id": product_id, "variant_id": variant_ids[1], "quantity": 2}]},
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "out_of_stock"
    assert "Áo thun cotton - L / Đỏ (còn 1)" in r.json()["error"]["message"]
    r = await tenant.patch(f"/api/v1/orders/{oid}", json={"items": []})
    assert r.status_code == 409 and r.json()["error"]["code"] == "order_empty"
    r = await tenant.patch(
        f"/api/v1/orders/{oid}",
        json={
            "items": [
                {"product_id": product_id, "variant_id": variant_ids[0], "quantity": 1},
                {"product_id": product_id, "variant_id": variant_ids[1], "quantity": 1},
            ],
            "shipping_fee": 20_000,
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["total"] == 120_000 + 130_000 + 20_000
    product = (await tenant.get(f"/api/v1/products/{product_id}")).json()
    assert [(v["reserved"], v["available"]) for v in product["variants"]] == [(1, 2), (1, 0)]


async def test_bad_input_is_a_clear_4xx_and_writes_nothing(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    own_id, _ = await make_product(a.workspace_id)
    foreign_id, _ = await make_product(b.workspace_id)
    cases = [
        ({"items": [{"product_id": own_id, "quantity": -1}]}, 422),
        ({"items": [{"product_id": own_id, "quantity": 0}]}, 422),
        ({"items": [{"product_id": 987654321}]}, 404),
        ({"items": [{"product_id": foreign_id}]}, 404),
        ({"items": [{"product_id": own_id, "unit_price": 10**30}]}, 422),
        ({"items": [{"product_id": own_id}], "shipping_fee": -5}, 422),
        ({"items": [{"product_id": own_id}], "discount": 10**9}, 422),
        ({"items": [{"product_id": own_id}], "phone": "12345"}, 422),
        ({"items": [{"product_id": own_id}], "payment_method": "bitcoin"}, 422),
        ({"items": [{"product_id": own_id}], "contact_id": 2**62}, 404),
        ({"items": [{"product_id": 2**64}]}, 422),
        ({"items": [{"product_id": own_id}], "note": "a\u0000b"}, 422),
        ({"items": [{"product_id": own_id}], "customer_name": "\u0000"}, 422),
    ]
    for body, code in cases:
        r = await a.post("/api/v1/orders", json=body)
        assert r.status_code == code, (body, r.text)
        assert r.json()["error"]["message"]
    async with unit_of_work() as session:
        count = await session.scalar(
            select(func.count()).select_from(Order).where(Order.workspace_id == a.workspace_id)
        )
        lines = await session.scalar(
            select(func.count())
            .select_from(OrderItem)
            .where(OrderItem.workspace_id == a.workspace_id)
        )
    assert (count, lines) == (0, 0)
    # Create-and-confirm refused for stock: the order is not created either.
    r = await a.post(
        "/api/v1/orders",
        json={
            "phone": "0912345678",
            "items": [{"product_id": own_id, "quantity": 11}],
            "confirm": True,
        },
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "out_of_stock"
    async with unit_of_work() as session:
        assert not await session.scalar(
            select(func.count()).select_from(Order).where(Order.workspace_id == a.workspace_id)
        )
    # The code counter was not burnt by the refused attempts either.
    r = await a.post("/api/v1/orders", json={"items": [{"product_id": own_id}]})
    assert r.json()["code"] == "DH000001"


async def test_another_workspace_sees_404(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    product_id, _ = await make_product(a.workspace_id)
    conversation_id = await _chat(a)
    r = await a.post(
        "/api/v1/orders", json={"phone": "0912345678", "items": [{"product_id": product_id}]}
    )
    oid = r.json()["id"]
    for method, url, body in [
        ("get", f"/api/v1/orders/{oid}", None),
        ("patch", f"/api/v1/orders/{oid}", {"note": "x"}),
        ("post", f"/api/v1/orders/{oid}/transition", {"to": "confirmed"}),
        ("get", f"/api/v1/orders/{oid}/print", None),
        ("get", f"/api/v1/orders/print?ids={oid}", None),
        ("get", f"/api/v1/products/{product_id}", None),
        ("patch", f"/api/v1/products/{product_id}", {"price": 1}),
        ("get", f"/api/v1/conversations/{conversation_id}/order-draft", None),
        ("post", "/api/v1/orders", {"conversation_id": conversation_id}),
    ]:
        kw = {"json": body} if body is not None else {}
        r = await getattr(b, method)(url, **kw)
        assert r.status_code == 404, (method, url, r.text)
    assert (await b.get("/api/v1/orders")).json()["items"] == []
    r = await a.get("/api/v1/orders/abc")
    assert r.status_code == 422
    assert (await a.get(f"/api/v1/orders/{2**70}")).status_code == 404
    r = await a.post("/api/v1/orders/bulk-transition", json={"ids": [2**70], "to": "confirmed"})
    assert r.status_code == 422


async def test_list_filters_and_pagination(tenant):
    product_id, _ = await make_product(tenant.workspace_id)
    ids = []
    for name in ("Trần Văn Đức", "Lê Thị Hoa", "Phạm Minh"):
        r = await tenant.post(
            "/api/v1/orders",
            json={
                "customer_name": name,
                "phone": "0912345678",
                "items": [{"product_id": product_id}],
            },
        )
        ids.append(r.json()["id"])
    await tenant.post(
        f"/api/v1/orders/{ids[0]}/transition", json={"to": "cancelled", "reason": "x"}
    )
    r = await tenant.get("/api/v1/orders", params={"q": "duc"})
    assert [o["id"] for o in r.json()["items"]] == [ids[0]]
    r = await tenant.get("/api/v1/orders", params={"status": "draft"})
    assert [o["id"] for o in r.json()["items"]] == [ids[2], ids[1]]
    r = await tenant.get("/api/v1/orders", params={"q": "0912345678"})
    assert len(r.json()["items"]) == 3
    page1 = (await tenant.get("/api/v1/orders", params={"limit": 2})).json()
    page2 = (
        await tenant.get("/api/v1/orders", params={"limit": 2, "cursor": page1["next_cursor"]})
    ).json()
    assert [o["id"] for o in page1["items"] + page2["items"]] == ids[::-1]
    assert page2["next_cursor"] is None
    r = await tenant.get("/api/v1/orders", params={"cursor": "garbage"})
    assert r.status_code == 422


async def test_receipt_outside_the_window_is_recorded_not_sent(tenant):
    from datetime import UTC, datetime, timedelta

    channel_id = await make_channel(tenant.workspace_id)
    old = await customer_says(
        channel_id, "sđt 0912345678", at=datetime.now(UTC) - timedelta(days=2)
    )
    product_id, _ = await make_product(tenant.workspace_id)
    r = await tenant.post(
        "/api/v1/orders",
        json={
            "conversation_id": old.conversation.id,
            "phone": "0912345678",
            "items": [{"product_id": product_id}],
            "confirm": True,
        },
    )
    assert r.status_code == 201, r.text
    order = r.json()
    assert order["status"] == "confirmed" and order["bot_status"] == "failed"
    assert "24 hours" in order["bot_error"] and order["receipt_message_id"] is None
    r = await tenant.post(f"/api/v1/orders/{order['id']}/receipt")
    assert r.status_code == 409 and r.json()["error"]["code"] == "receipt_not_sent"

    # The customer writes again: the receipt can go now.
    async with unit_of_work() as session:
        conversation = await session.get_one(Conversation, old.conversation.id)
        conversation.last_incoming_at = datetime.now(UTC)
    r = await tenant.post(f"/api/v1/orders/{order['id']}/receipt")
    assert r.status_code == 200, r.text
    assert r.json()["bot_status"] == "queued" and r.json()["receipt_message_id"]


async def test_receipt_can_be_switched_off(tenant):
    conversation_id = await _chat(tenant)
    product_id, _ = await make_product(tenant.workspace_id)
    r = await tenant.put("/api/v1/order-settings", json={"receipt_enabled": False})
    assert r.json()["receipt_enabled"] is False
    r = await tenant.post(
        "/api/v1/orders",
        json={
            "conversation_id": conversation_id,
            "phone": "0912345678",
            "items": [{"product_id": product_id}],
            "confirm": True,
        },
    )
    assert r.json()["status"] == "confirmed"
    assert r.json()["receipt_message_id"] is None and r.json()["bot_status"] is None
    r = await tenant.post(f"/api/v1/orders/{r.json()['id']}/receipt")
    assert r.status_code == 200 and r.json()["receipt_message_id"]


async def test_bulk_transition_each_on_its_own(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    product_id, _ = await make_product(a.workspace_id, stock=1)
    ids = []
    for phone in ("0912345678", "0912345678", None):
        r = await a.post(
            "/api/v1/orders", json={"phone": phone, "items": [{"product_id": product_id}]}
        )
        ids.append(r.json()["id"])
    foreign_pid, _ = await make_product(b.workspace_id)
    foreign = (
        await b.post(
            "/api/v1/orders", json={"phone": "0912345678", "items": [{"product_id": foreign_pid}]}
        )
    ).json()["id"]
    r = await a.post(
        "/api/v1/orders/bulk-transition", json={"ids": [*ids, foreign], "to": "confirmed"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert [(x["id"], x["ok"], x["code"]) for x in body["results"]] == [
        (ids[0], True, None),
        (ids[1], False, "out_of_stock"),
        (ids[2], False, "phone_required"),
        (foreign, False, "not_found"),
    ]
    assert (body["succeeded"], body["failed"]) == (1, 3)
    statuses = [(await a.get(f"/api/v1/orders/{i}")).json()["status"] for i in ids]
    assert statuses == ["confirmed", "draft", "draft"]
    assert (await b.get(f"/api/v1/orders/{foreign}")).json()["status"] == "draft"


async def test_stale_edit_is_refused(tenant):
    product_id, _ = await make_product(tenant.workspace_id)
    order = (
        await tenant.post("/api/v1/orders", json={"items": [{"product_id": product_id}]})
    ).json()
    r = await tenant.patch(
        f"/api/v1/orders/{order['id']}", json={"note": "a", "version": order["version"]}
    )
    assert r.status_code == 200 and r.json()["version"] == order["version"] + 1
    r = await tenant.patch(
        f"/api/v1/orders/{order['id']}", json={"note": "b", "version": order["version"]}
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "stale_order"
    assert (await tenant.get(f"/api/v1/orders/{order['id']}")).json()["note"] == "a"


async def _post_with_key(tenant, body, key):
    headers = {**tenant.headers, "Idempotency-Key": key}
    return await tenant.client.post("/api/v1/orders", json=body, headers=headers)


async def test_idempotency_key_creates_one_order(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    product_id, _ = await make_product(a.workspace_id)
    body = {"phone": "0912345678", "items": [{"product_id": product_id}]}
    first = await _post_with_key(a, body, "tao-don-123")
    again = await _post_with_key(a, body, "tao-don-123")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    other = await _post_with_key(a, body, "khac")
    assert other.json()["id"] != first.json()["id"]
    # The same key in another workspace is another request.
    pid_b, _ = await make_product(b.workspace_id)
    r = await _post_with_key(b, {"items": [{"product_id": pid_b}]}, "tao-don-123")
    assert r.status_code == 201 and r.json()["code"] == "DH000001"
    # A refused request frees its key.
    bad = {"items": [{"product_id": 10**12}]}
    assert (await _post_with_key(a, bad, "k2")).status_code == 404
    r = await _post_with_key(a, body, "k2")
    assert r.status_code == 201
    assert len((await a.get("/api/v1/orders")).json()["items"]) == 3


async def test_an_address_typed_in_an_order_is_saved_to_the_customer(tenant):
    channel_id = await make_channel(tenant.workspace_id)
    rec = await customer_says(channel_id, "Shop ơi mình lấy áo này", name="Đỗ Thu")
    pid, _ = await make_product(tenant.workspace_id)
    r = await tenant.post(
        "/api/v1/orders",
        json={
            "conversation_id": rec.conversation.id,
            "phone": "0912345678",
            "address": "25 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội",
            "items": [{"product_id": pid}],
        },
    )
    assert r.status_code == 201, r.text
    order = r.json()
    contact_url = f"/api/v1/contacts/{order['contact_id']}"
    addresses = (await tenant.get(contact_url)).json()["addresses"]
    assert [a["text"] for a in addresses] == ["25 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội"]
    assert addresses[0]["province"] == "Hà Nội"
    # Edited in the order: the new one is kept too, the same text never twice.
    r = await tenant.patch(
        f"/api/v1/orders/{order['id']}", json={"address": "8 Lý Thường Kiệt, Huế"}
    )
    assert r.status_code == 200, r.text
    await tenant.patch(f"/api/v1/orders/{order['id']}", json={"address": "8 Lý Thường Kiệt, Huế"})
    texts = [a["text"] for a in (await tenant.get(contact_url)).json()["addresses"]]
    assert sorted(texts) == ["25 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội", "8 Lý Thường Kiệt, Huế"]
    # The next order in this chat starts from the latest one.
    r = await tenant.get(f"/api/v1/conversations/{rec.conversation.id}/order-draft")
    assert r.status_code == 200, r.text
    assert r.json()["address"] == "8 Lý Thường Kiệt, Huế"


async def test_prefill_takes_the_phone_written_in_this_conversation(tenant):
    """One customer, two chats (merged): each order form starts from the number written in its
    own chat, not the one given last elsewhere."""
    first = await customer_says(await make_channel(tenant.workspace_id), "sđt 0912345678")
    second = await customer_says(await make_channel(tenant.workspace_id), "gọi 0987 654 321")
    r = await tenant.post(
        f"/api/v1/contacts/{first.conversation.contact_id}/merge",
        json={"other_id": second.conversation.contact_id},
    )
    assert r.status_code == 200, r.text
    for rec, phone in ((first, "+84912345678"), (second, "+84987654321")):
        r = await tenant.get(f"/api/v1/conversations/{rec.conversation.id}/order-draft")
        assert r.status_code == 200, r.text
        assert r.json()["phone"] == phone
        assert sorted(r.json()["phones"]) == ["+84912345678", "+84987654321"]
