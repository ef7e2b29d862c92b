"""Automatic messages end to end: real ingestion → outbox → drain → bot message in the thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update

from chotdon.core.after_commit import enqueue_job
from chotdon.core.db import unit_of_work
from chotdon.core.outbox import OutboxEvent
from chotdon.customers.models import Contact
from support.shop import customer_says, make_channel, make_product

GREETING = "Chào {{customer_name}}, {{shop_name}} có thể giúp gì ạ?"


async def add_rule(tenant, **body) -> dict:
    r = await tenant.post("/api/v1/auto-messages", json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def bot_texts(tenant, conversation_id: int) -> list[str]:
    r = await tenant.get(f"/api/v1/conversations/{conversation_id}/messages")
    assert r.status_code == 200, r.text
    return [m["text"] for m in r.json()["items"] if m["sender_type"] == "bot"]


async def log(tenant) -> list[dict]:
    r = await tenant.get("/api/v1/auto-messages/log")
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def process_again(workspace_id: int, run_jobs) -> None:
    """The drain handles this workspace's events a second time (as after a crash)."""
    async with unit_of_work() as session:
        await session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.workspace_id == workspace_id)
            .values(processed_at=None)
        )
        enqueue_job(session, "drain_outbox")
    await run_jobs()


async def test_greeting_once_per_customer_and_bot_leaves_conversation_unreplied(
    tenant, run_jobs
) -> None:
    channel_id = await make_channel(tenant.workspace_id)
    await add_rule(tenant, kind="greeting", text=GREETING)
    first = await customer_says(channel_id, "Shop ơi", psid="psid-lan")
    await customer_says(channel_id, "Còn hàng không?", psid="psid-lan")
    await run_jobs()
    await process_again(tenant.workspace_id, run_jobs)

    cid = first.conversation.id
    assert await bot_texts(tenant, cid) == ["Chào Nguyễn Thị Lan, Shop Test có thể giúp gì ạ?"]
    conversation = (await tenant.get(f"/api/v1/conversations/{cid}")).json()
    assert conversation["replied"] is False and conversation["unread"] is True
    r = await tenant.get("/api/v1/conversations", params={"unreplied": "true"})
    assert cid in [c["id"] for c in r.json()["items"]]
    [entry] = await log(tenant)
    assert entry["kind"] == "greeting" and entry["status"] == "queued"


async def test_greeting_again_only_after_the_silence(tenant, run_jobs) -> None:
    channel_id = await make_channel(tenant.workspace_id)
    await add_rule(tenant, kind="greeting", text="Xin chào!", silence_hours=1)
    three_hours_ago = datetime.now(UTC) - timedelta(hours=3)
    old = await customer_says(channel_id, "Hôm trước", psid="psid-an", at=three_hours_ago)
    await customer_says(channel_id, "Lại là mình", psid="psid-an")
    await customer_says(channel_id, "Có ai không", psid="psid-an")
    await run_jobs()
    # The old message was processed too late to greet; the one after the silence is greeted once.
    assert await bot_texts(tenant, old.conversation.id) == ["Xin chào!"]


async def test_another_channel_or_disabled_rule_sends_nothing(tenant, run_jobs) -> None:
    channel_a = await make_channel(tenant.workspace_id)
    channel_b = await make_channel(tenant.workspace_id)
    await add_rule(tenant, kind="greeting", text="Chào bạn", channel_ids=[channel_a])
    await add_rule(tenant, kind="away", text="Shop nghỉ", enabled=False)
    said = await customer_says(channel_b, "Alo")
    await run_jobs()
    assert await bot_texts(tenant, said.conversation.id) == []


async def close_today_and_tomorrow(tenant) -> None:
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    r = await tenant.put(
        "/api/v1/working-hours",
        json={
            "days": {
                d: [["08:00", "21:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            },
            "closed_dates": [today.isoformat(), (today + timedelta(days=1)).isoformat()],
        },
    )
    assert r.status_code == 200, r.text


async def test_away_message_once_per_closed_period(tenant, run_jobs) -> None:
    channel_id = await make_channel(tenant.workspace_id)
    await close_today_and_tomorrow(tenant)
    await add_rule(tenant, kind="away", text="{{shop_name}} đang nghỉ, mai trả lời ạ")
    said = await customer_says(channel_id, "Shop ơi", psid="psid-binh")
    await customer_says(channel_id, "Shop ơi ơi", psid="psid-binh")
    await run_jobs()
    assert await bot_texts(tenant, said.conversation.id) == ["Shop Test đang nghỉ, mai trả lời ạ"]


async def test_first_message_outside_hours_gets_the_away_message_not_the_greeting(
    tenant, run_jobs
) -> None:
    channel_id = await make_channel(tenant.workspace_id)
    await close_today_and_tomorrow(tenant)
    await add_rule(tenant, kind="greeting", text=GREETING)
    await add_rule(tenant, kind="away", text="Shop đang nghỉ, sáng mai trả lời ạ")
    said = await customer_says(channel_id, "Shop ơi", psid="psid-cuc")
    await customer_says(channel_id, "Còn size M không?", psid="psid-cuc")
    await run_jobs()
    await process_again(tenant.workspace_id, run_jobs)

    assert await bot_texts(tenant, said.conversation.id) == ["Shop đang nghỉ, sáng mai trả lời ạ"]
    entries = {e["kind"]: e for e in await log(tenant)}
    assert set(entries) == {"greeting", "away"}
    assert entries["away"]["status"] == "queued"
    assert entries["greeting"]["status"] == "skipped"
    assert entries["greeting"]["reason"] == "away_answered"


async def test_no_away_message_while_open(tenant, run_jobs) -> None:
    channel_id = await make_channel(tenant.workspace_id)
    await add_rule(tenant, kind="away", text="Shop đang nghỉ")  # no hours set: always open
    said = await customer_says(channel_id, "Shop ơi")
    await run_jobs()
    assert await bot_texts(tenant, said.conversation.id) == []


async def order_for(tenant, conversation_id: int) -> dict:
    product_id, _ = await make_product(tenant.workspace_id, price=175_000)
    r = await tenant.post(
        "/api/v1/orders",
        json={
            "conversation_id": conversation_id,
            "customer_name": "Lan",
            "phone": "0912345678",
            "items": [{"product_id": product_id, "quantity": 2}],
            "shipping_fee": 0,
        },
    )
    assert r.status_code == 201, r.text
    return r.json()


async def test_order_status_message_with_variables(tenant, run_jobs) -> None:
    channel_id = await make_channel(tenant.workspace_id)
    await add_rule(
        tenant,
        kind="order_status",
        order_status="confirmed",
        text="{{shop_name}} xác nhận đơn {{order_code}} của {{customer_name}}: {{order_total}}",
    )
    said = await customer_says(channel_id, "Chốt đơn nhé")
    order = await order_for(tenant, said.conversation.id)
    url = f"/api/v1/orders/{order['id']}/transition"
    assert (await tenant.post(url, json={"to": "confirmed"})).status_code == 200
    await run_jobs()
    await process_again(tenant.workspace_id, run_jobs)
    texts = await bot_texts(tenant, said.conversation.id)
    expected = f"Shop Test xác nhận đơn {order['code']} của Lan: 350.000đ"
    assert texts.count(expected) == 1


async def test_window_closed_is_skipped_with_a_reason(tenant, run_jobs) -> None:
    channel_id = await make_channel(tenant.workspace_id)
    await add_rule(
        tenant, kind="order_status", order_status="confirmed", text="Đơn {{order_code}} đã xác nhận"
    )
    said = await customer_says(
        channel_id, "Hôm trước hỏi", at=datetime.now(UTC) - timedelta(days=3)
    )
    order = await order_for(tenant, said.conversation.id)
    await tenant.post(f"/api/v1/orders/{order['id']}/transition", json={"to": "confirmed"})
    await run_jobs()
    assert not any("đã xác nhận" in t for t in await bot_texts(tenant, said.conversation.id))
    [entry] = [e for e in await log(tenant) if e["kind"] == "order_status"]
    assert entry["status"] == "skipped" and entry["order_id"] == order["id"]
    assert entry["reason"] == "after_24h"


async def test_never_to_a_blocked_customer(tenant, run_jobs) -> None:
    channel_id = await make_channel(tenant.workspace_id)
    await add_rule(tenant, kind="greeting", text="Chào bạn")
    said = await customer_says(channel_id, "hi", psid="psid-blocked")
    async with unit_of_work() as session:
        await session.execute(
            update(Contact).where(Contact.id == said.conversation.contact_id).values(blocked=True)
        )
    await run_jobs()
    assert await bot_texts(tenant, said.conversation.id) == []
    [entry] = await log(tenant)
    assert entry["status"] == "skipped" and entry["reason"] == "customer_blocked"


async def test_rules_api_validation_preview_roles_isolation(tenant, make_tenant) -> None:
    bad = [
        {"kind": "greeting", "text": "Chào {{ten_khach}}"},
        {"kind": "greeting", "text": "Đơn {{order_code}}"},
        {"kind": "order_status", "text": "Đơn {{order_code}}"},
        {"kind": "away", "text": "x", "order_status": "confirmed"},
        {"kind": "away", "text": "x", "silence_hours": 3},
        {"kind": "greeting", "text": "   "},
        {"kind": "nope", "text": "x"},
        {"kind": "greeting", "text": "x", "channel_ids": [999999999]},
    ]
    for body in bad:
        r = await tenant.post("/api/v1/auto-messages", json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["error"]["code"] == "validation_error"

    rule = await add_rule(tenant, kind="greeting", text="Chào {{ customer_name }}")
    r = await tenant.patch(f"/api/v1/auto-messages/{rule['id']}", json={"enabled": False})
    assert r.status_code == 200 and r.json()["enabled"] is False
    r = await tenant.patch(f"/api/v1/auto-messages/{rule['id']}", json={"text": "{{order_total}}"})
    assert r.status_code == 422

    r = await tenant.post(
        "/api/v1/auto-messages/preview",
        json={"kind": "order_status", "text": "{{shop_name}}: đơn {{order_code}} {{order_total}}"},
    )
    assert r.json() == {"text": "Shop Test: đơn DH000123 350.000đ", "problems": []}

    agent = await tenant.add_member("agent")
    assert (await agent.get("/api/v1/auto-messages")).status_code == 403
    assert (
        await agent.post("/api/v1/auto-messages", json={"kind": "greeting", "text": "x"})
    ).status_code == 403

    other = await make_tenant(workspace_name="Shop Khác")
    assert (await other.get(f"/api/v1/auto-messages/{rule['id']}")).status_code == 404
    assert (await other.delete(f"/api/v1/auto-messages/{rule['id']}")).status_code == 404
    assert (await other.get("/api/v1/auto-messages")).json()["items"] == []
    assert (await tenant.delete(f"/api/v1/auto-messages/{rule['id']}")).status_code == 204
