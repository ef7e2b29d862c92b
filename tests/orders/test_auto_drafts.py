"""Automatic draft orders when a customer writes a phone number (channel setting, warehouse)."""

from __future__ import annotations

from sqlalchemy import select

from chotdon.core.db import unit_of_work
from chotdon.orders.models import Order

from .helpers import customer_says, events_of, make_channel, make_warehouse


async def _orders(workspace_id: int) -> list[Order]:
    async with unit_of_work() as session:
        rows = await session.execute(
            select(Order).where(Order.workspace_id == workspace_id).order_by(Order.id)
        )
        return list(rows.scalars())


async def test_phone_in_a_message_makes_one_draft(tenant):
    await make_warehouse(tenant.workspace_id)
    channel_id = await make_channel(tenant.workspace_id, auto_draft_orders=True)
    first = await customer_says(channel_id, "Shop ơi em lấy áo này, sđt em 0912.345.678", psid="p1")
    [order] = await _orders(tenant.workspace_id)
    assert (order.source, order.status, order.phone) == ("chat_auto", "draft", "+84912345678")
    assert order.conversation_id == first.conversation.id
    assert order.customer_name == "Nguyễn Thị Lan" and order.address is None

    await customer_says(channel_id, "số khác 0987 654 321 nhé", psid="p1")
    await customer_says(
        channel_id, "đc: 25 ngõ 4 Phạm Ngọc Thạch, P. Kim Liên, Q. Đống Đa, Hà Nội", psid="p1"
    )
    [order] = await _orders(tenant.workspace_id)
    assert order.address == "25 ngõ 4 Phạm Ngọc Thạch, P. Kim Liên, Q. Đống Đa, Hà Nội"
    assert order.province == "Hà Nội" and order.district == "Đống Đa"

    r = await tenant.get(f"/api/v1/conversations/{first.conversation.id}")
    if r.status_code == 200:  # the inbox API shows the flag
        assert r.json()["has_order"] is True
    events = await events_of(tenant.workspace_id)
    assert any(
        t == "conversation.updated" and d["id"] == first.conversation.id and d["has_order"]
        for t, d in events
    )
    types = [t for t, _ in events]
    assert "order.created" in types and "order.updated" in types
    created = next(d for t, d in await events_of(tenant.workspace_id) if t == "order.created")
    assert created["code"] == order.code and created["source"] == "chat_auto"

    # Once the draft is dealt with, the next phone number starts a new one.
    r = await tenant.patch(f"/api/v1/orders/{order.id}", json={})
    assert r.status_code == 200
    async with unit_of_work() as session:
        from chotdon.orders import service

        await service.transition(session, tenant.workspace_id, order.id, "cancelled", reason="x")
    await customer_says(channel_id, "0912345678 đặt lại giúp em", psid="p1")
    orders = await _orders(tenant.workspace_id)
    assert [o.status for o in orders] == ["cancelled", "draft"]
    # A cancelled automatic draft that was never confirmed is not "bùng đơn".
    contact = (await tenant.get(f"/api/v1/contacts/{order.contact_id}")).json()
    assert contact["cancelled_orders_count"] == 0 and contact["orders_count"] == 1


async def test_no_draft_when_off_without_warehouse_blacklisted_or_blocked(make_tenant):
    off = await make_tenant()
    await make_warehouse(off.workspace_id)
    channel_id = await make_channel(off.workspace_id)
    await customer_says(channel_id, "sđt 0912345678")
    assert await _orders(off.workspace_id) == []

    no_warehouse = await make_tenant()
    channel_id = await make_channel(no_warehouse.workspace_id, auto_draft_orders=True)
    await customer_says(channel_id, "sđt 0912345678")
    assert await _orders(no_warehouse.workspace_id) == []

    listed = await make_tenant()
    await make_warehouse(listed.workspace_id)
    channel_id = await make_channel(listed.workspace_id, auto_draft_orders=True)
    r = await listed.post(
        "/api/v1/phone-blacklist", json={"phone": "+84 912 345 678", "reason": "bùng 3 đơn"}
    )
    assert r.status_code == 201, r.text
    await customer_says(channel_id, "sđt 0912345678")
    assert await _orders(listed.workspace_id) == []
    await customer_says(channel_id, "sđt 0987654321")
    assert len(await _orders(listed.workspace_id)) == 1

    blocked = await make_tenant()
    await make_warehouse(blocked.workspace_id)
    channel_id = await make_channel(blocked.workspace_id, auto_draft_orders=True)
    rec = await customer_says(channel_id, "chào shop", psid="bad")
    r = await blocked.patch(
        f"/api/v1/contacts/{rec.conversation.contact_id}", json={"blocked": True}
    )
    assert r.status_code == 200
    await customer_says(channel_id, "sđt 0912345678", psid="bad")
    assert await _orders(blocked.workspace_id) == []


async def test_warehouses_api_keeps_one_default(tenant):
    r = await tenant.post("/api/v1/warehouses", json={"name": "Kho Hà Nội"})
    assert r.status_code == 201 and r.json()["is_default"] is True
    first = r.json()["id"]
    r = await tenant.post("/api/v1/warehouses", json={"name": "Kho HCM", "is_default": True})
    second = r.json()["id"]
    rows = (await tenant.get("/api/v1/warehouses")).json()
    assert [(w["id"], w["is_default"]) for w in rows] == [(first, False), (second, True)]
    assert (await tenant.get("/api/v1/order-settings")).json()["default_warehouse_id"] == second
    assert (await tenant.delete(f"/api/v1/warehouses/{second}")).status_code == 204
    rows = (await tenant.get("/api/v1/warehouses")).json()
    assert [(w["id"], w["is_default"]) for w in rows] == [(first, True)]
    agent = await tenant.add_member("agent")
    assert (await agent.post("/api/v1/warehouses", json={"name": "x"})).status_code == 403
