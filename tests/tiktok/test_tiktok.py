"""TikTok Shop customer service through real HTTP against the simulator: connect by OAuth,
webhooks in, replies out, the can_send_message rule, backfill, tokens, disconnection,
isolation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson
from sqlalchemy import select

from chotdon.channels import tokens
from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.channels.tiktok import signing
from chotdon.core.db import unit_of_work
from chotdon.core.settings import get_settings
from support.inbox_api import TINY_PNG, channels, conversations, messages


async def _reply(tenant: Any, conversation_id: int, **body: Any) -> Any:
    return await tenant.post(f"/api/v1/conversations/{conversation_id}/messages", json=body)


async def test_connect_by_oauth_and_reconnect(tiktok, run_jobs):
    shop = await tiktok.connect("Shop Đèn Ngủ")
    [channel] = await channels(tiktok.tenant, "tiktok")
    assert channel["name"] == "Shop Đèn Ngủ"
    assert channel["external_id"] == shop.shop_id
    assert channel["status"] == "connected"
    assert "oauth" in channel["capabilities"] and "comments" not in channel["capabilities"]
    # `access_token_expire_in` is an absolute timestamp: about 7 days from now, not 1970.
    expires = datetime.fromisoformat(channel["access_expires_at"])
    assert timedelta(days=6) < expires - datetime.now(UTC) < timedelta(days=8)
    await run_jobs()
    [channel] = await channels(tiktok.tenant, "tiktok")
    assert channel["sync"]["status"] == "done"
    await tiktok.connect(shop=shop)
    [again] = await channels(tiktok.tenant, "tiktok")
    assert again["id"] == channel["id"]


async def test_the_provider_is_listed_with_its_label(tiktok):
    r = await tiktok.tenant.get("/api/v1/channels/providers")
    assert r.status_code == 200, r.text
    [item] = [p for p in r.json()["items"] if p["name"] == "tiktok"]
    assert item["label"] == "TikTok Shop" and "oauth" in item["connect_modes"]


async def test_a_forged_or_reused_state_changes_nothing(tiktok):
    shop = await tiktok.sim.create_shop("Shop A")
    callback = await tiktok.sim.consent(await tiktok.authorize(), f"shop_id={shop.shop_id}")
    r = await tiktok.callback(callback.replace("state=", "state=x"))
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == ["invalid_state"]
    assert await channels(tiktok.tenant, "tiktok") == []
    assert (await tiktok.callback(callback)).status_code == 303
    r = await tiktok.callback(callback)
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == ["invalid_state"]


async def test_buyer_message_arrives_in_the_inbox_with_an_open_composer(tiktok, run_jobs):
    shop = await tiktok.connect()
    await run_jobs()
    sent = await tiktok.sim.buyer_writes(shop, "Đèn này còn màu trắng không shop?", buyer_id="81")
    assert sent["notify"] == "delivered", await tiktok.sim.state()
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    assert conversation["contact"]["name"] == "Lê Thị Mua"
    assert conversation["last_message"]["text"] == "Đèn này còn màu trắng không shop?"
    assert conversation["unread"] is True
    assert conversation["reply_window"]["state"] == "open"
    [message] = await messages(tiktok.tenant, conversation["id"])
    assert message["direction"] == "in" and message["external_id"] == sent["message"]["id"]
    by_channel = await conversations(tiktok.tenant, channel_id=conversation["channel_id"])
    assert [c["id"] for c in by_channel] == [conversation["id"]]


async def test_every_inbound_message_type(tiktok, run_jobs):
    shop = await tiktok.connect()
    await run_jobs()
    kinds = [
        ("IMAGE", {"url": "https://p16.tiktokcdn.com/a.jpg", "width": 8, "height": 8}),
        ("VIDEO", {"url": "https://v16.tiktokcdn.com/v.mp4", "cover": "https://c"}),
        ("PRODUCT_CARD", {"product_id": "1729384756"}),
        ("ORDER_CARD", {"order_id": "578123456789"}),
        ("COUPON_CARD", {"coupon_id": "SALE10"}),
    ]
    for i, (kind, content) in enumerate(kinds):
        await tiktok.sim.buyer_writes(
            shop, buyer_id="82", type=kind, content=content, ago_seconds=60 - i * 10
        )
    await tiktok.sim.buyer_writes(shop, "đánh giá", buyer_id="82", visible=False)
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    got = await messages(tiktok.tenant, conversation["id"])
    assert [m["attachments"][0]["type"] if m["attachments"] else m["text"] for m in got] == [
        "image",
        "video",
        "product",
        "order",
        "Mã giảm giá SALE10",
    ]
    assert got[3]["attachments"][0]["order_sn"] == "578123456789"


async def test_unsigned_or_wrongly_signed_webhooks_are_refused_and_not_stored(tiktok, client):
    shop = await tiktok.connect()
    for mode in ("wrong", "missing"):
        await tiktok.sim.configure(signature_mode=mode, webhook_retries=0)
        result = await tiktok.sim.buyer_writes(shop, f"giả mạo {mode}", buyer_id="83")
        assert result["notify"] == "failed"
    statuses = [n["status"] for n in (await tiktok.sim.state())["notifications"]]
    assert statuses[-2:] == [401, 401]
    async with unit_of_work() as session:
        bodies = (
            (
                await session.execute(
                    select(WebhookDelivery.body).where(WebhookDelivery.provider == "tiktok")
                )
            )
            .scalars()
            .all()
        )
    assert not any("giả mạo".encode() in b or b"gi\\u1ea3" in b for b in bodies)
    r = await client.post("/webhooks/tiktok", content=b"{}")
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_signature"


def _signed(body: bytes) -> dict[str, str]:
    s = get_settings()
    return {"Authorization": signing.webhook_sign(s.tiktok_app_key, s.tiktok_app_secret, body)}


async def test_a_webhook_that_fails_once_is_retried_and_recorded_once(tiktok, run_jobs):
    shop = await tiktok.connect()
    await run_jobs()
    written = await tiktok.sim.buyer_writes(shop, "tin 1", buyer_id="84", notify=False)
    body = orjson.dumps(
        {
            "type": 14,
            "tts_notification_id": "1",
            "shop_id": shop.shop_id,
            "timestamp": 1,
            "data": {
                **written["message"],
                "message_id": written["message"]["id"],
                "conversation_id": written["conversation_id"],
            },
        }
    )
    r = await tiktok.tenant.client.post("/webhooks/tiktok", content=body, headers={})
    assert r.status_code == 401
    for _ in range(2):  # TikTok delivers again
        r = await tiktok.tenant.client.post("/webhooks/tiktok", content=body, headers=_signed(body))
        assert r.status_code == 200, r.text
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    assert [m["text"] for m in await messages(tiktok.tenant, conversation["id"])] == ["tin 1"]


async def test_duplicate_and_out_of_order_webhooks_are_recorded_once_in_order(tiktok, run_jobs):
    shop = await tiktok.connect()
    await run_jobs()
    first = await tiktok.sim.buyer_writes(
        shop, "tin 1", buyer_id="85", ago_seconds=60, notify=False
    )
    second = await tiktok.sim.buyer_writes(
        shop, "tin 2", buyer_id="85", ago_seconds=30, notify=False
    )
    for written in (second, first, second):
        m = written["message"]
        body = orjson.dumps(
            {
                "type": 14,
                "tts_notification_id": m["id"],
                "shop_id": shop.shop_id,
                "timestamp": 1,
                "data": {**m, "message_id": m["id"], "conversation_id": written["conversation_id"]},
            }
        )
        r = await tiktok.tenant.client.post("/webhooks/tiktok", content=body, headers=_signed(body))
        assert r.status_code == 200, r.text
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    assert [m["text"] for m in await messages(tiktok.tenant, conversation["id"])] == [
        "tin 1",
        "tin 2",
    ]
    assert conversation["last_message"]["text"] == "tin 2"


async def test_backfill_pages_through_and_overlapping_webhooks_record_nothing_twice(
    tiktok, run_jobs
):
    shop = await tiktok.sim.create_shop("Shop Cũ")
    # 23 conversations (two pages of 20), one with 14 messages (two pages of 10).
    for i in range(14):
        await tiktok.sim.buyer_writes(
            shop, f"cũ {i}", buyer_id="86", notify=False, ago_seconds=600 - i
        )
    for b in range(22):
        await tiktok.sim.buyer_writes(
            shop, f"khách {b}", buyer_id=f"9{b:02d}", notify=False, ago_seconds=900
        )
    await tiktok.connect(shop=shop)
    await tiktok.sim.buyer_writes(shop, "mới", buyer_id="86")  # a webhook during the backfill
    await run_jobs()
    await tiktok.connect(shop=shop)  # reconnecting backfills again: nothing new
    await run_jobs()
    listed = await conversations(tiktok.tenant)
    assert len(listed) == 23
    [busy] = [c for c in listed if c["last_message"]["text"] == "mới"]
    texts = [m["text"] for m in await messages(tiktok.tenant, busy["id"])]
    assert texts == [f"cũ {i}" for i in range(14)] + ["mới"]
    [channel] = await channels(tiktok.tenant, "tiktok")
    assert channel["sync"]["status"] == "done"


async def test_replies_go_out_text_image_and_product_with_content_as_a_json_string(
    tiktok, run_jobs
):
    shop = await tiktok.connect()
    written = await tiktok.sim.buyer_writes(shop, "có ảnh thật không shop", buyer_id="87")
    await tiktok.sim.buyer_writes(
        shop, buyer_id="87", type="PRODUCT_CARD", content={"product_id": "1729"}
    )
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    media = await tiktok.tenant.client.post(
        "/api/v1/media",
        headers=tiktok.tenant.headers,
        files={"file": ("den.png", TINY_PNG, "image/png")},
    )
    assert media.status_code in (200, 201), media.text
    product = await tiktok.tenant.post(
        "/api/v1/products", json={"sku": "DEN-1", "name": "Đèn ngủ", "price": 250000, "stock": 5}
    )
    assert product.status_code == 201, product.text
    for body in (
        {"text": "Dạ có ạ", "attachment_ids": [media.json()["id"]]},
        {"product_id": product.json()["id"]},
    ):
        r = await _reply(tiktok.tenant, conversation["id"], **body)
        assert r.status_code == 202, r.text
    await run_jobs()
    sent = await tiktok.sim.sent(shop)
    assert {m["conversation_id"] for m in sent} == {written["conversation_id"]}
    by_type = {}
    for m in sent:
        by_type.setdefault(m["type"], []).append(m["content"])
    assert sorted(c["content"] for c in by_type["TEXT"]) == ["Dạ có ạ", "🛍 Đèn ngủ — 250.000đ"]
    [image] = by_type["IMAGE"]
    assert image["url"].startswith(tiktok.sim.base_url) and image["width"] == 1
    got = await messages(tiktok.tenant, conversation["id"])
    assert [m["status"] for m in got if m["direction"] == "out"] == ["sent", "sent"]
    # TikTok echoes the shop's sends as type-14 webhooks: recognised, not recorded twice.
    await run_jobs()
    assert len(await messages(tiktok.tenant, conversation["id"])) == len(got)


async def test_seller_center_answers_come_in_as_the_shopsmessages(tiktok, run_jobs):
    shop = await tiktok.connect()
    written = await tiktok.sim.buyer_writes(shop, "alo", buyer_id="89", ago_seconds=5)
    await tiktok.sim.shop_writes(shop, written["conversation_id"], "Shop nghe ạ")
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    got = await messages(tiktok.tenant, conversation["id"])
    assert [(m["direction"], m["text"]) for m in got] == [("in", "alo"), ("out", "Shop nghe ạ")]


async def test_sending_is_refused_with_a_clear_reason_when_tiktok_forbids_it(tiktok, run_jobs):
    shop = await tiktok.sim.create_shop("Shop Cũ")
    old = await tiktok.sim.buyer_writes(
        shop, "hỏi từ lâu", buyer_id="90", notify=False, ago_seconds=40 * 86400
    )
    await tiktok.sim.shop_writes(
        shop, old["conversation_id"], "Shop cảm ơn bạn"
    )  # not connected yet
    await tiktok.sim.set_conversation(old["conversation_id"], can_send_message=False)
    await tiktok.connect(shop=shop)
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    # The composer says why, and the API refuses before anything is queued.
    assert conversation["reply_window"]["state"] == "closed"
    assert "30 ngày" in conversation["reply_window"]["reason"]
    r = await _reply(tiktok.tenant, conversation["id"], text="chào bạn")
    assert r.status_code == 409 and r.json()["error"]["code"] == "tiktok_cannot_send"
    assert conversation["reply_window"]["code"] == "tiktok_cannot_send"
    assert "30 ngày" in r.json()["error"]["message"]
    assert await tiktok.sim.sent(shop) == []


async def test_a_rule_that_changes_after_the_check_fails_the_message_with_the_reason(
    tiktok, run_jobs
):
    shop = await tiktok.connect()
    written = await tiktok.sim.buyer_writes(shop, "còn không", buyer_id="91", ago_seconds=120)
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    await tiktok.sim.set_conversation(written["conversation_id"], can_send_message=False)
    r = await _reply(tiktok.tenant, conversation["id"], text="còn ạ")
    assert r.status_code == 202, r.text
    await run_jobs()
    [_, reply] = await messages(tiktok.tenant, conversation["id"])
    assert reply["status"] == "failed" and reply["error_code"] == "tiktok_cannot_send"
    assert "TikTok Shop từ chối" in reply["error"] and "30 ngày" in reply["error"]
    [conversation] = await conversations(tiktok.tenant)
    assert conversation["reply_window"]["state"] == "closed"
    # The buyer writes again: TikTok allows it, and so does the composer.
    await tiktok.sim.buyer_writes(shop, "shop ơi", buyer_id="91")
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    assert conversation["reply_window"]["state"] == "open"


async def test_a_conversation_change_notification_rereads_the_conversation(tiktok, run_jobs):
    shop = await tiktok.connect()
    written = await tiktok.sim.buyer_writes(shop, "tin đầu", buyer_id="92")
    await run_jobs()
    await tiktok.sim.buyer_writes(shop, "tin lặng lẽ", buyer_id="92", notify=False)
    changed = await tiktok.sim.set_conversation(written["conversation_id"], notify_change=True)
    assert changed["notify"] == "delivered"
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    assert [m["text"] for m in await messages(tiktok.tenant, conversation["id"])] == [
        "tin đầu",
        "tin lặng lẽ",
    ]


async def _expire_soon(shop_id: str) -> int:
    async with unit_of_work() as session:
        channel = (
            await session.execute(
                select(Channel).where(Channel.provider == "tiktok", Channel.external_id == shop_id)
            )
        ).scalar_one()
        channel.token_expires_at = datetime.now(UTC) + timedelta(minutes=1)
        return channel.id


async def test_tokens_are_refreshed_before_they_expire(tiktok, run_jobs):
    shop = await tiktok.connect()
    channel_id = await _expire_soon(shop.shop_id)
    assert await tokens.refresh_channel(channel_id) == "refreshed"
    [channel] = await channels(tiktok.tenant, "tiktok")
    expires = datetime.fromisoformat(channel["access_expires_at"])
    assert expires - datetime.now(UTC) > timedelta(days=6)
    await tiktok.sim.buyer_writes(shop, "còn không", buyer_id="93")
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    assert (await _reply(tiktok.tenant, conversation["id"], text="còn ạ")).status_code == 202
    await run_jobs()
    assert [m["content"] for m in await tiktok.sim.sent(shop)] == [{"content": "còn ạ"}]


async def test_an_expired_access_token_is_refreshed_before_sending(tiktok, run_jobs):
    shop = await tiktok.connect()
    await tiktok.sim.buyer_writes(shop, "hi", buyer_id="94")
    await run_jobs()
    await tiktok.sim.expire_token(shop)
    [conversation] = await conversations(tiktok.tenant)
    assert (await _reply(tiktok.tenant, conversation["id"], text="chào bạn")).status_code == 202
    await run_jobs()
    assert [m["content"] for m in await tiktok.sim.sent(shop)] == [{"content": "chào bạn"}]


async def test_an_expired_authorisation_disconnects_the_shop_with_its_reason(tiktok, run_jobs):
    shop = await tiktok.connect()
    await tiktok.sim.buyer_writes(shop, "hi", buyer_id="95")
    await run_jobs()
    await tiktok.sim.expire_token(shop, refresh=True)
    channel_id = await _expire_soon(shop.shop_id)
    assert await tokens.refresh_channel(channel_id) == "revoked"
    [channel] = await channels(tiktok.tenant, "tiktok")
    assert channel["status"] == "disconnected"
    assert "reconnect" in channel["status_reason"]


async def test_a_revoked_shop_is_shown_disconnected(tiktok, run_jobs):
    shop = await tiktok.connect()
    await run_jobs()
    await tiktok.sim.revoke(shop)
    await run_jobs()
    [channel] = await channels(tiktok.tenant, "tiktok")
    assert channel["status"] == "disconnected"
    assert "authorisation" in channel["status_reason"]


async def test_workspaces_do_not_see_each_others_shops(tiktok, run_jobs, make_tenant):
    shop = await tiktok.connect()
    await tiktok.sim.buyer_writes(shop, "bí mật", buyer_id="96")
    await run_jobs()
    other = await make_tenant()
    assert (await other.get("/api/v1/conversations")).json()["items"] == []
    assert (await other.get("/api/v1/channels")).json()["items"] == []
    [conversation] = await conversations(tiktok.tenant)
    assert (await other.get(f"/api/v1/conversations/{conversation['id']}")).status_code == 404
    assert (await _reply(other, conversation["id"], text="x")).status_code == 404
    callback = await tiktok.sim.consent(await tiktok.authorize(other), f"shop_id={shop.shop_id}")
    r = await tiktok.callback(callback)
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == [
        "channel_in_other_workspace"
    ]


async def test_reading_a_conversation_marks_it_read_on_tiktok(tiktok, run_jobs):
    shop = await tiktok.connect()
    written = await tiktok.sim.buyer_writes(shop, "shop đọc chưa?", buyer_id="97")
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    r = await tiktok.tenant.post(f"/api/v1/conversations/{conversation['id']}/read")
    assert r.status_code == 200, r.text
    await run_jobs()
    [state] = [
        c
        for c in (await tiktok.sim.state())["conversations"]
        if c["id"] == written["conversation_id"]
    ]
    assert state["read_by_shop"] == 1


async def test_a_product_linked_to_its_tiktok_listing_goes_out_as_the_product_card(
    tiktok, run_jobs
):
    """Staff link a catalogue product to the shop's TikTok `product_id`: its card in that shop's
    chat is TikTok's PRODUCT_CARD; an unlinked product stays a text card."""
    shop = await tiktok.connect()
    await tiktok.sim.buyer_writes(shop, "mẫu này còn không shop", buyer_id="88")
    await run_jobs()
    [conversation] = await conversations(tiktok.tenant)
    [channel] = await channels(tiktok.tenant, "tiktok")
    assert "listings" in channel["capabilities"]
    linked = await tiktok.tenant.post(
        "/api/v1/products",
        json={
            "sku": "DEN-2",
            "name": "Đèn bàn",
            "price": 320000,
            "listings": [{"channel_id": channel["id"], "external_id": "1729555"}],
        },
    )
    assert linked.status_code == 201, linked.text
    unlinked = await tiktok.tenant.post(
        "/api/v1/products", json={"sku": "DEN-3", "name": "Đèn trần", "price": 450000}
    )
    for product in (linked.json(), unlinked.json()):
        r = await _reply(tiktok.tenant, conversation["id"], product_id=product["id"])
        assert r.status_code == 202, r.text
    await run_jobs()
    sent = await tiktok.sim.sent(shop)
    assert [m["content"] for m in sent if m["type"] == "PRODUCT_CARD"] == [
        {"product_id": "1729555"}
    ]
    assert [m["content"]["content"] for m in sent if m["type"] == "TEXT"] == [
        "🛍 Đèn trần — 450.000đ"
    ]
