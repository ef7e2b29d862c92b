"""The confirmation bot: private reply, the customer's answer, Facebook's limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Message
from chotdon.livestream import bot, confirmation

from .helpers import make_live

PHONE = "0912345678"


async def _bot_messages(channel_id: int) -> list[Message]:
    async with unit_of_work() as session:
        rows = await session.execute(
            select(Message)
            .where(Message.channel_id == channel_id, Message.sender_type == "bot")
            .order_by(Message.id)
        )
        return list(rows.scalars())


async def test_private_reply_summarises_the_order_and_asks_for_the_address(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=True)
    await live.comment("u1", f"Q02 x2 {PHONE}", name="Nguyễn Thị Lan")
    await live.comment("u1", "V03")  # a second comment: no second private reply
    await run_jobs()
    [order] = await live.orders()
    assert order["bot_status"] == "sent" and order["bot_error"] is None
    [reply] = await _bot_messages(live.channel_id)
    assert reply.is_private_reply and reply.direction == "out"
    assert reply.conversation_id == order["conversation_id"]
    assert "Nguyễn Thị Lan" in reply.text and order["code"] in reply.text
    assert "Quần jean x2" in reply.text and "địa chỉ" in reply.text
    assert reply.meta["quick_replies"][0]["payload"] == f"{bot.CONFIRM_PAYLOAD_PREFIX}{order['id']}"


async def test_bot_round_trip_address_then_ok_confirms(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=True)
    await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    await live.message("u1", "địa chỉ: 12 Lê Lợi, phường Bến Nghé, Quận 1, TP HCM")
    await run_jobs()
    [order] = await live.orders()
    assert order["address"] == "12 Lê Lợi, phường Bến Nghé, Quận 1, TP HCM"
    assert order["status"] == "draft"
    texts = [m.text for m in await _bot_messages(live.channel_id)]
    assert any("ghi nhận địa chỉ" in t for t in texts)
    await live.message("u1", "ok shop")
    await run_jobs()
    [order] = await live.orders()
    assert order["status"] == "confirmed"
    totals = await live.totals()
    assert totals["confirmed_rate"] == 1.0


async def test_confirm_button_confirms_the_named_order(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=True)
    await live.comment("u1", f"V03 {PHONE}")
    await run_jobs()
    [order] = await live.orders()
    await live.message(
        "u1", "Xác nhận", meta={"quick_reply": f"{bot.CONFIRM_PAYLOAD_PREFIX}{order['id']}"}
    )
    await run_jobs()
    [order] = await live.orders()
    assert order["status"] == "confirmed"


async def test_chatter_does_not_confirm(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=True)
    await live.comment("u1", f"V03 {PHONE}")
    await run_jobs()
    await live.message("u1", "shop ơi khi nào giao vậy")
    await live.message("u1", "không ok đâu")
    await run_jobs()
    [order] = await live.orders()
    assert order["status"] == "draft"


async def test_waiting_comment_gets_a_request_for_the_phone(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=True)
    await live.comment("u1", "V03 x2")
    await run_jobs()
    [reply] = await _bot_messages(live.channel_id)
    assert reply.is_private_reply and "số điện thoại" in reply.text
    [feed] = await live.comments()
    assert feed["outcome"] == "missing_phone" and feed["parsed"].get("bot") == "sent", feed[
        "parsed"
    ]
    await live.message("u1", PHONE)  # the answer in Messenger
    await run_jobs()
    [order] = await live.orders()
    assert order["phone"] == "+84912345678"


async def test_old_comment_cannot_get_a_private_reply(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=True)
    await live.comment("u1", f"Q02 {PHONE}", at=datetime.now(UTC) - timedelta(days=8))
    await run_jobs()
    [order] = await live.orders()
    assert order["bot_status"] == "failed"
    assert "7 days" in order["bot_error"]
    assert await _bot_messages(live.channel_id) == []


async def test_hourly_cap_queues_private_replies_visibly(tenant, run_jobs):
    live = await make_live(
        tenant, confirm_by_message=True, channel_settings={"private_reply_hourly_cap": 2}
    )
    for n in range(3):
        await live.comment(f"u{n}", f"Q02 09876543{n:02d}")
    await run_jobs()
    orders = await live.orders()
    assert sorted(o["bot_status"] for o in orders) == ["queued", "sent", "sent"]
    assert len(await _bot_messages(live.channel_id)) == 2
    totals = await live.totals()
    assert totals["bot_queued"] == 1 and totals["bot_sent"] == 2
    assert totals["private_replies_last_hour"] == 2
    assert totals["private_reply_hourly_cap"] == 2
    [queued] = await live.orders(bot_status="queued")
    # Still capped: the drain sends nothing.
    async with unit_of_work() as session:
        assert await confirmation.drain_bot_queue(session) == 0
    # An hour later the page's slots are free again: the queued reply goes out.
    for message in await _bot_messages(live.channel_id):
        await bot.release_slot(live.channel_id, f"c{message.meta['private_reply_to']}")
    async with unit_of_work() as session:
        assert await confirmation.drain_bot_queue(session) == 1
    [order] = [o for o in await live.orders() if o["id"] == queued["id"]]
    assert order["bot_status"] == "sent"
    assert len(await _bot_messages(live.channel_id)) == 3


async def test_bot_off_sends_nothing(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=False)  # on by default
    await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    [order] = await live.orders()
    assert order["bot_status"] is None
    assert await _bot_messages(live.channel_id) == []


async def test_custom_template_is_used(tenant, run_jobs):
    live = await make_live(
        tenant,
        confirm_by_message=True,
        bot_template="Đơn {code} của {customer_name}: {total}. {missing}",
    )
    await live.comment("u1", f"Q02 {PHONE}", name="Minh")
    await run_jobs()
    [order] = await live.orders()
    [reply] = await _bot_messages(live.channel_id)
    assert reply.text.startswith(f"Đơn {order['code']} của Minh: 250.000")


async def test_size_asked_by_the_bot_and_answered_in_messenger(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=True)
    await live.comment("u1", f"A01 x2 {PHONE}")  # the shirt comes in sizes and colours
    await run_jobs()
    # The order is there at once, its line waiting for the size / colour.
    [order] = await live.orders()
    [item] = order["items"]
    assert item["needs_variant"] and item["quantity"] == 2
    [reply] = await _bot_messages(live.channel_id)
    assert reply.is_private_reply and "size/màu" in reply.text and order["code"] in reply.text
    # Confirming before the size is chosen is refused with that reason.
    r = await tenant.post(f"/api/v1/orders/{order['id']}/transition", json={"to": "confirmed"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "variant_required"
    await live.message("u1", "size L màu đỏ nha shop")
    await run_jobs()
    [order] = await live.orders()
    [item] = order["items"]
    assert item["variant_sku"].endswith("-L-DO") and item["quantity"] == 2
    assert not item["needs_variant"] and "variant" not in order["missing"]
    # The summary comes in Messenger (the comment already had its one private reply).
    assert order["bot_status"] == "sent"
    summary = (await _bot_messages(live.channel_id))[-1]
    assert not summary.is_private_reply and order["code"] in summary.text
    await live.message("u1", "ok")
    await run_jobs()
    [order] = await live.orders()
    assert order["status"] == "confirmed"


async def test_phone_answered_in_messenger_gets_the_summary_there(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=True)
    await live.comment("u1", "V03")
    await run_jobs()
    await live.message("u1", f"sđt {PHONE}")
    await run_jobs()
    [order] = await live.orders()
    assert order["bot_status"] == "sent" and order["bot_error"] is None
    messages = await _bot_messages(live.channel_id)
    assert [m.is_private_reply for m in messages] == [True, False]
    assert order["code"] in messages[-1].text


async def test_address_given_before_is_used_and_not_asked_again(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=True)
    await live.message("u1", "đc: 12 Lê Lợi, P. Bến Nghé, Q1, TP HCM")
    await run_jobs()
    await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    [order] = await live.orders()
    assert order["address"] and "Lê Lợi" in order["address"]
    assert order["province"] == "Hồ Chí Minh"
    [reply] = [m for m in await _bot_messages(live.channel_id) if m.is_private_reply]
    assert "đủ thông tin" in reply.text
