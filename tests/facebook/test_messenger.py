"""Messenger events through real signed deliveries: every kind ends up right in the inbox."""

from __future__ import annotations

import orjson
from fb_helpers import conversations, messages
from sqlalchemy import select

from chotdon.core.db import unit_of_work
from chotdon.core.redis import get_redis
from chotdon.customers.models import ContactIdentity

IMG = "https://scontent.xx.fbcdn.net/v/t1/anh-ao.jpg"


async def only_conversation(fb):
    [conv] = await conversations(fb.tenant)
    return conv, await messages(fb.tenant, conv["id"])


async def test_attachments_quick_replies_replies_and_postbacks(fb, run_jobs):
    page = await fb.connect()
    psid = "psid-kinds"
    first = await fb.sim.customer_writes(page, psid, "Cho em xem mẫu", name="Lê Thu Trang")
    await fb.sim.customer_writes(
        page,
        psid,
        None,
        attachments=[
            {"type": "image", "payload": {"url": IMG}},
            {"type": "video", "payload": {"url": "https://video.xx.fbcdn.net/v.mp4"}},
            {"type": "audio", "payload": {"url": "https://cdn.fbsbx.com/a.mp4"}},
            {"type": "file", "payload": {"url": "https://cdn.fbsbx.com/f.pdf"}},
        ],
    )
    await fb.sim.customer_writes(
        page,
        psid,
        None,
        attachments=[
            {
                "type": "sticker",
                "payload": {"url": "https://x.fbcdn.net/s.png", "sticker_id": 369239263222822},
            },
            {
                "type": "image",
                "payload": {"url": "https://x.fbcdn.net/s.png", "sticker_id": 369239263222822},
            },
        ],
    )
    await fb.sim.customer_writes(page, psid, "Size M", quick_reply="SIZE_M")
    await fb.sim.customer_writes(page, psid, "Mẫu này ạ", reply_to=first["mid"])
    await fb.sim.postback(page, psid, "Mua ngay", "BUY_123")
    await fb.sim.customer_writes(page, psid, "tin standby", standby=True)
    await run_jobs()
    conv, items = await only_conversation(fb)
    assert [m["text"] for m in items] == [
        "Cho em xem mẫu",
        None,
        None,
        "Size M",
        "Mẫu này ạ",
        "Mua ngay",
        "tin standby",
    ]
    assert [a["type"] for a in items[1]["attachments"]] == ["image", "video", "audio", "file"]
    assert items[1]["attachments"][0]["url"] == IMG
    assert items[2]["attachments"] == [
        {"type": "sticker", "url": "https://x.fbcdn.net/s.png", "sticker_id": "369239263222822"}
    ]
    assert items[3]["meta"]["quick_reply"] == "SIZE_M"
    assert items[4]["reply_to_external_id"] == first["mid"]
    assert items[5]["meta"]["postback"]["payload"] == "BUY_123"
    assert items[6]["meta"]["standby"] is True
    assert conv["unread"] and not conv["replied"]


async def test_reactions_and_edits(fb, run_jobs):
    page = await fb.connect()
    sent = await fb.sim.customer_writes(page, "psid-react", "Áo đẹp quá")
    await fb.sim.react(page, "psid-react", sent["mid"], "love", "❤️")
    await run_jobs()
    _, [msg] = await only_conversation(fb)
    assert msg["meta"]["reactions"] == {"psid-react": "❤️"}
    await fb.sim.react(page, "psid-react", sent["mid"], action="unreact")
    await fb.sim.edit_message(page, "psid-react", sent["mid"], "Áo đẹp quá shop ơi")
    await run_jobs()
    _, [msg] = await only_conversation(fb)
    assert msg["meta"]["reactions"] == {}
    assert msg["text"] == "Áo đẹp quá shop ơi" and msg["edited_at"]


async def test_page_reply_from_facebook_inbox_is_outgoing_with_statuses(fb, run_jobs):
    page = await fb.connect()
    await fb.sim.customer_writes(page, "psid-echo", "Còn hàng không?")
    await fb.sim.page_writes(page, "psid-echo", "Dạ còn ạ")
    await run_jobs()
    conv, items = await only_conversation(fb)
    assert [(m["direction"], m["sender_type"], m["status"]) for m in items] == [
        ("in", "contact", "sent"),
        ("out", "page", "sent"),
    ]
    assert conv["replied"] is True
    await fb.sim.delivered(page, "psid-echo")
    await run_jobs()
    _, items = await only_conversation(fb)
    assert items[1]["status"] == "delivered"
    await fb.sim.read(page, "psid-echo")
    await run_jobs()
    _, items = await only_conversation(fb)
    assert items[1]["status"] == "read"
    # A late, duplicated delivery receipt never moves it back.
    await fb.sim.delivered(page, "psid-echo")
    await run_jobs()
    _, items = await only_conversation(fb)
    assert items[1]["status"] == "read"


async def test_profile_fetched_once_and_phone_extracted(fb, run_jobs):
    page = await fb.connect()
    await fb.sim.create_customer(page, "psid-prof", "Phạm Minh Tuấn")
    # Messenger webhooks carry no name: it comes from the Graph profile, fetched once.
    await fb.sim.customer_writes(page, "psid-prof", "Chốt đơn nhé, sđt 0912 345 678")
    await run_jobs()
    conv, _ = await only_conversation(fb)
    assert conv["contact"]["name"] == "Phạm Minh Tuấn"
    assert conv["contact"]["phones"] == ["+84912345678"]
    assert conv["has_phone"] is True
    assert conv["contact"]["picture_url"].endswith("psid-prof.jpg")
    async with unit_of_work() as session:
        identity = (
            await session.execute(
                select(ContactIdentity).where(ContactIdentity.external_id == "psid-prof")
            )
        ).scalar_one()
        fetched_at = identity.profile_fetched_at
    assert fetched_at is not None
    await fb.sim.customer_writes(page, "psid-prof", "+84 98 765 43 21 số này nữa")
    await run_jobs()
    conv, _ = await only_conversation(fb)
    assert sorted(conv["contact"]["phones"]) == ["+84912345678", "+84987654321"]
    async with unit_of_work() as session:
        identity = await session.get_one(ContactIdentity, identity.id)
        assert identity.profile_fetched_at == fetched_at
    r = await fb.tenant.get("/api/v1/conversations", params={"has_phone": "true"})
    assert [c["id"] for c in r.json()["items"]] == [conv["id"]]


async def test_has_phone_sees_the_numbers_the_livestream_sees(fb, run_jobs):
    """A number inside a run of digits ("size 39 0912 345 678") made a livestream order but left
    the conversation without `has_phone`: one finder for both."""
    page = await fb.connect()
    await fb.sim.customer_writes(page, "psid-run", "A01 size 39 0912 345 678")
    await run_jobs()
    conv, _ = await only_conversation(fb)
    assert conv["has_phone"] is True
    assert conv["contact"]["phones"] == ["+84912345678"]


async def test_profile_not_available_keeps_the_conversation(fb, run_jobs):
    page = await fb.connect()
    await fb.sim.create_customer(page, "psid-noprof", "Ẩn Danh", no_profile=True)
    await fb.sim.customer_writes(page, "psid-noprof", "hello")
    await run_jobs()
    conv, [msg] = await only_conversation(fb)
    assert msg["text"] == "hello" and conv["contact"]["name"] == ""


async def test_each_stored_change_publishes_a_realtime_event(fb, run_jobs):
    page = await fb.connect()
    redis = get_redis()
    key = f"chotdon:events:{fb.tenant.workspace_id}"
    before = await redis.xlen(key)
    await fb.sim.customer_writes(page, "psid-rt", "Xin chào shop")
    await run_jobs()
    entries = await redis.xrange(key)
    events = [orjson.loads(fields[b"e"]) for _, fields in entries[before:]]
    types = [e["type"] for e in events]
    assert "message.created" in types and "conversation.created" in types
    created = next(e for e in events if e["type"] == "message.created")
    assert created["data"]["text"] == "Xin chào shop"
