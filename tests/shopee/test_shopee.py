"""Shopee seller chat through real HTTP against the simulator: connect by OAuth, pushes in,
replies out, lost pushes, backfill, tokens, disconnection, isolation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson
from sqlalchemy import select

from chotdon.channels import tokens
from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.channels.shopee import ingest, signing
from chotdon.core.db import unit_of_work
from chotdon.core.settings import get_settings
from support import inbox_api

PNG = inbox_api.TINY_PNG


async def _channels(tenant: Any) -> list[dict[str, Any]]:
    return await inbox_api.channels(tenant, "shopee")


_conversations, _messages = inbox_api.conversations, inbox_api.messages


async def test_connect_by_oauth_and_reconnect(shopee, run_jobs):
    shop = await shopee.connect("Shop Giày Sneaker")
    [channel] = await _channels(shopee.tenant)
    assert channel["name"] == "Shop Giày Sneaker"
    assert channel["external_id"] == str(shop.shop_id)
    assert channel["status"] == "connected"
    assert "oauth" in channel["capabilities"] and "comments" not in channel["capabilities"]
    assert channel["access_expires_at"] is not None
    await run_jobs()  # the backfill of an empty shop
    [channel] = await _channels(shopee.tenant)
    assert channel["sync"]["status"] == "done"
    # Reconnecting the same shop keeps the channel (and its history).
    callback = await shopee.sim.approve(await shopee.authorize(), shop)
    r = await shopee.callback(callback)
    assert r.status_code == 303
    [again] = await _channels(shopee.tenant)
    assert again["id"] == channel["id"]


async def test_a_bad_or_reused_state_changes_nothing(shopee):
    shop = await shopee.sim.create_shop("Shop A")
    callback = await shopee.sim.approve(await shopee.authorize(), shop)
    forged = callback.replace("state=", "state=x")
    r = await shopee.callback(forged)
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == ["invalid_state"]
    assert await _channels(shopee.tenant) == []
    assert (await shopee.callback(callback)).status_code == 303  # the real one still works once
    r = await shopee.callback(callback)  # reused
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == ["invalid_state"]
    assert len(await _channels(shopee.tenant)) == 1


async def test_only_owners_and_admins_start_a_connection(shopee):
    agent = await shopee.tenant.add_member("agent")
    r = await agent.post("/api/v1/channels/shopee/authorize")
    assert r.status_code == 403
    r = await shopee.tenant.post("/api/v1/channels/myspace/authorize")
    assert r.status_code == 404 and r.json()["error"]["code"] == "unknown_provider"
    r = await shopee.tenant.post("/api/v1/channels/api/authorize")  # connected by API key only
    assert r.status_code == 400 and r.json()["error"]["code"] == "oauth_not_supported"


async def test_buyer_message_arrives_in_the_inbox(shopee, run_jobs):
    shop = await shopee.connect("Shop Mỹ Phẩm")
    await run_jobs()
    sent = await shopee.sim.buyer_writes(shop, "Shop ơi son này còn màu đỏ không?", buyer_id=5001)
    assert sent["push"] == "delivered", await shopee.sim.state()
    await run_jobs()
    [conversation] = await _conversations(shopee.tenant)
    assert conversation["kind"] == "message"
    assert conversation["contact"]["name"] == "Trần Văn Mua"
    assert conversation["last_message"]["text"] == "Shop ơi son này còn màu đỏ không?"
    assert conversation["unread"] is True
    assert conversation["reply_window"]["state"] == "open"
    [message] = await _messages(shopee.tenant, conversation["id"])
    assert message["direction"] == "in"
    assert message["external_id"] == sent["message"]["message_id"]


async def test_every_inbound_message_type(shopee, run_jobs):
    shop = await shopee.connect()
    await run_jobs()
    for ago, (kind, content) in enumerate(
        [
            ("image", {"url": "https://cf.shopee.vn/file/abc"}),
            ("sticker", {"sticker_id": "12", "sticker_package_id": "3"}),
            ("item", {"item_id": 998877}),
            ("order", {"order_sn": "240101ABCDEF"}),
            ("voucher", {"voucher_id": 1}),
        ]
    ):
        await shopee.sim.buyer_writes(
            shop, buyer_id=5002, message_type=kind, content=content, ago_seconds=60 - ago * 10
        )
    await run_jobs()
    [conversation] = await _conversations(shopee.tenant)
    got = await _messages(shopee.tenant, conversation["id"])
    assert [m["attachments"][0]["type"] if m["attachments"] else m["text"] for m in got] == [
        "image",
        "sticker",
        "product",
        "order",
        "[voucher]",
    ]
    assert got[3]["attachments"][0]["order_sn"] == "240101ABCDEF"


async def test_unsigned_or_wrongly_signed_pushes_are_refused_and_not_stored(shopee, client):
    shop = await shopee.connect()
    for mode in ("wrong", "missing"):
        await shopee.sim.configure(signature_mode=mode, push_retries=0)
        result = await shopee.sim.buyer_writes(shop, f"giả mạo {mode}", buyer_id=5003)
        assert result["push"] == "lost"
    states = [p["status"] for p in (await shopee.sim.state())["pushes"]]
    assert states[-2:] == [401, 401]
    async with unit_of_work() as session:
        bodies = (await session.execute(select(WebhookDelivery.body))).scalars().all()
    assert not any(b"gi\\u1ea3 m\\u1ea1o" in b or "giả mạo".encode() in b for b in bodies)
    r = await client.post("/webhooks/shopee", content=b"{}")
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_signature"


async def test_duplicate_and_out_of_order_pushes_are_recorded_once_in_order(shopee, run_jobs):
    shop = await shopee.connect()
    await run_jobs()
    await shopee.sim.configure(drop_next_pushes=2)
    first = await shopee.sim.buyer_writes(shop, "tin 1", buyer_id=5004, ago_seconds=60)
    second = await shopee.sim.buyer_writes(shop, "tin 2", buyer_id=5004, ago_seconds=30)
    settings = get_settings()
    url = f"{settings.base_url}/webhooks/shopee"
    for message in (second["message"], first["message"], second["message"]):
        body = orjson.dumps(
            {
                "msg_id": "",
                "shop_id": shop.shop_id,
                "code": 10,
                "timestamp": 1,
                "data": {"type": "message", "content": message},
            }
        )
        r = await shopee.tenant.client.post(
            "/webhooks/shopee",
            content=body,
            headers={"Authorization": signing.push_sign(settings.shopee_partner_key, url, body)},
        )
        assert r.status_code == 200, r.text
    await run_jobs()
    [conversation] = await _conversations(shopee.tenant)
    assert [m["text"] for m in await _messages(shopee.tenant, conversation["id"])] == [
        "tin 1",
        "tin 2",
    ]


async def test_pushes_lost_while_down_are_recovered(shopee, run_jobs):
    shop = await shopee.connect()
    await run_jobs()
    await shopee.sim.configure(drop_next_pushes=3)
    for i in range(3):
        written = await shopee.sim.buyer_writes(
            shop, f"lúc sập {i}", buyer_id=5005, ago_seconds=30 - i * 10
        )
        assert written["push"] == "dropped"
    assert await _conversations(shopee.tenant) == []
    assert await ingest.recover_lost_pushes() == 3
    await run_jobs()
    [conversation] = await _conversations(shopee.tenant)
    texts = [m["text"] for m in await _messages(shopee.tenant, conversation["id"])]
    assert texts == ["lúc sập 0", "lúc sập 1", "lúc sập 2"]
    state = await shopee.sim.state()
    assert state["lost"] == 0 and state["lost_confirmed"] == 3
    assert await ingest.recover_lost_pushes() == 0  # confirmed: not fetched again


async def test_backfill_overlapping_pushes_records_nothing_twice(shopee, run_jobs):
    shop = await shopee.sim.create_shop("Shop Cũ")
    for i in range(3):
        await shopee.sim.buyer_writes(
            shop, f"cũ {i}", buyer_id=5006, push=False, ago_seconds=300 - i
        )
    await shopee.sim.buyer_writes(shop, "hỏi shop khác", buyer_id=5007, push=False)
    callback = await shopee.sim.approve(await shopee.authorize(), shop)
    assert (await shopee.callback(callback)).status_code == 303
    await shopee.sim.buyer_writes(shop, "mới", buyer_id=5006)  # a push during the backfill
    await run_jobs()
    conversations = await _conversations(shopee.tenant)
    assert len(conversations) == 2
    by_buyer = {c["contact"]["name"]: c for c in conversations}
    assert len(by_buyer) >= 1
    texts = []
    for c in conversations:
        texts += [m["text"] for m in await _messages(shopee.tenant, c["id"])]
    texts.sort()
    assert texts == sorted(["cũ 0", "cũ 1", "cũ 2", "mới", "hỏi shop khác"])
    [channel] = await _channels(shopee.tenant)
    assert channel["sync"]["status"] == "done"


async def test_replies_reach_the_buyer_text_image_and_product(shopee, run_jobs):
    shop = await shopee.connect()
    await shopee.sim.buyer_writes(shop, "có ảnh thật không shop", buyer_id=5008)
    await run_jobs()
    [conversation] = await _conversations(shopee.tenant)
    media = await shopee.tenant.client.post(
        "/api/v1/media",
        headers=shopee.tenant.headers,
        files={"file": ("ao.png", PNG, "image/png")},
    )
    assert media.status_code in (200, 201), media.text
    product = await shopee.tenant.post(
        "/api/v1/products", json={"sku": "AO-1", "name": "Áo thun", "price": 150000, "stock": 5}
    )
    assert product.status_code == 201, product.text
    path = f"/api/v1/conversations/{conversation['id']}/messages"
    for body in (
        {"text": "Dạ có ạ", "attachment_ids": [media.json()["id"]]},
        {"product_id": product.json()["id"]},
    ):
        r = await shopee.tenant.post(path, json=body)
        assert r.status_code == 202, r.text
    await run_jobs()
    # Two messages go out in parallel jobs: each in its own order, not interleaved by rule.
    sent = {
        m["message_type"]: m for m in await shopee.sim.sent(shop) if m["message_type"] != "text"
    }
    texts = [
        m["content"]["text"] for m in await shopee.sim.sent(shop) if m["message_type"] == "text"
    ]
    assert all(m["to_id"] == 5008 for m in await shopee.sim.sent(shop))
    assert sorted(texts) == ["Dạ có ạ", "🛍 Áo thun — 150.000đ"]
    assert sent["image"]["content"]["image_url"].startswith(shopee.sim.base_url)
    assert [m["status"] for m in await _messages(shopee.tenant, conversation["id"])][1:] == [
        "sent",
        "sent",
    ]


async def test_seller_centre_answers_come_in_as_the_shops_messages(shopee, run_jobs):
    shop = await shopee.connect()
    await shopee.sim.buyer_writes(shop, "alo", buyer_id=5009, ago_seconds=5)
    await shopee.sim.shop_writes(shop, 5009, "Shop nghe ạ")
    await run_jobs()
    [conversation] = await _conversations(shopee.tenant)
    got = await _messages(shopee.tenant, conversation["id"])
    assert [(m["direction"], m["text"]) for m in got] == [("in", "alo"), ("out", "Shop nghe ạ")]


async def _expire_soon(shop_id: int) -> int:
    async with unit_of_work() as session:
        channel = (
            await session.execute(select(Channel).where(Channel.external_id == str(shop_id)))
        ).scalar_one()
        channel.token_expires_at = datetime.now(UTC) + timedelta(minutes=1)
        return channel.id


async def test_token_refresh_including_a_lost_answer(shopee, run_jobs):
    shop = await shopee.connect()
    channel_id = await _expire_soon(shop.shop_id)
    assert await tokens.refresh_channel(channel_id) == "refreshed"
    await shopee.sim.expire_token(shop)  # only the newest pair works from now on... none
    # A refresh whose answer is lost half-way: the same refresh token is presented again.
    channel_id = await _expire_soon(shop.shop_id)
    await shopee.sim.configure(lose_next_refresh_answers=1)
    assert await tokens.refresh_channel(channel_id) == "refreshed"
    [channel] = await _channels(shopee.tenant)
    assert channel["status"] == "connected"
    await shopee.sim.buyer_writes(shop, "còn không", buyer_id=5010)
    await run_jobs()
    [conversation] = await _conversations(shopee.tenant)
    r = await shopee.tenant.post(
        f"/api/v1/conversations/{conversation['id']}/messages", json={"text": "còn ạ"}
    )
    assert r.status_code == 202
    await run_jobs()
    assert [m["content"] for m in await shopee.sim.sent(shop)] == [{"text": "còn ạ"}]


async def test_a_refresh_shopee_refuses_disconnects_the_shop_with_its_reason(shopee, run_jobs):
    shop = await shopee.connect()
    channel_id = await _expire_soon(shop.shop_id)
    # The answer is lost and this Shopee refuses a refresh token presented twice: the shop
    # cannot be kept, and says so instead of failing silently.
    await shopee.sim.configure(lose_next_refresh_answers=1, refresh_reuse_grace_seconds=0)
    assert await tokens.refresh_channel(channel_id) == "revoked"
    [channel] = await _channels(shopee.tenant)
    assert channel["status"] == "disconnected"
    assert channel["status_reason_code"] in ("authorization_refused", "refresh_token_expired")
    assert "reconnect" in channel["status_reason"]


async def test_an_expired_access_token_is_refreshed_before_sending(shopee, run_jobs):
    shop = await shopee.connect()
    await shopee.sim.buyer_writes(shop, "hi", buyer_id=5011)
    await run_jobs()
    await shopee.sim.expire_token(shop)
    [conversation] = await _conversations(shopee.tenant)
    r = await shopee.tenant.post(
        f"/api/v1/conversations/{conversation['id']}/messages", json={"text": "chào bạn"}
    )
    assert r.status_code == 202
    await run_jobs()
    assert [m["content"] for m in await shopee.sim.sent(shop)] == [{"text": "chào bạn"}]


async def test_a_revoked_shop_is_shown_disconnected(shopee, run_jobs):
    shop = await shopee.connect()
    await run_jobs()
    await shopee.sim.revoke(shop)
    await run_jobs()
    [channel] = await _channels(shopee.tenant)
    assert channel["status"] == "disconnected"
    assert channel["status_reason_code"] == "shop_deauthorized"
    assert "authorisation" in channel["status_reason"]


async def test_workspaces_do_not_see_each_others_shops(shopee, run_jobs, make_tenant):
    shop = await shopee.connect()
    await shopee.sim.buyer_writes(shop, "bí mật", buyer_id=5012)
    await run_jobs()
    other = await make_tenant()
    assert (await other.get("/api/v1/conversations")).json()["items"] == []
    assert (await other.get("/api/v1/channels")).json()["items"] == []
    [conversation] = await _conversations(shopee.tenant)
    assert (await other.get(f"/api/v1/conversations/{conversation['id']}")).status_code == 404
    # The same shop cannot be taken over by another workspace's OAuth.
    callback = await shopee.sim.approve(await shopee.authorize(other), shop)
    r = await shopee.callback(callback)
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == [
        "channel_in_other_workspace"
    ]


async def test_reading_a_conversation_marks_it_read_on_shopee(shopee, run_jobs):
    shop = await shopee.connect()
    written = await shopee.sim.buyer_writes(shop, "shop đọc chưa?", buyer_id=5013)
    await run_jobs()
    [conversation] = await _conversations(shopee.tenant)
    r = await shopee.tenant.post(f"/api/v1/conversations/{conversation['id']}/read")
    assert r.status_code == 200, r.text
    await run_jobs()
    [state] = [c for c in (await shopee.sim.state())["conversations"] if c["buyer_id"] == 5013]
    assert state["shop_read_message_id"] == written["message"]["message_id"]


def _signed_push(shop_id: int, message: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    settings = get_settings()
    body = orjson.dumps(
        {
            "msg_id": "",
            "shop_id": shop_id,
            "code": 10,
            "timestamp": 1,
            "data": {"type": "message", "content": message},
        }
    )
    url = f"{settings.base_url}/webhooks/shopee"
    return body, {"Authorization": signing.push_sign(settings.shopee_partner_key, url, body)}


async def test_a_burst_of_pushes_is_recorded_once_and_a_bad_push_fails_alone(shopee, run_jobs):
    """Pushes arriving together are stored together and applied in batches: every message
    lands once, in its buyer's conversation, and a push whose content the database refuses
    is kept `failed` without holding back the others."""
    import asyncio

    shop = await shopee.connect()
    await run_jobs()
    template = (await shopee.sim.buyer_writes(shop, "mẫu", buyer_id=5100))["message"]
    await run_jobs()
    messages = [
        {
            **template,
            "message_id": f"burst-{i}",
            "from_id": 5200 + i % 6,
            "conversation_id": f"{5200 + i % 6}77",
            "from_user_name": f"khach_{i % 6}",
            "content": {"text": f"tin {i}"},
        }
        for i in range(40)
    ]
    messages[17]["content"] = {"text": "NUL \u0000 không lưu được"}
    answers = await asyncio.gather(
        *(
            shopee.tenant.client.post("/webhooks/shopee", content=body, headers=headers)
            for body, headers in (_signed_push(shop.shop_id, m) for m in messages)
        )
    )
    assert [r.status_code for r in answers] == [200] * 40
    await run_jobs()
    texts = []
    for conversation in await _conversations(shopee.tenant):
        texts += [m["text"] for m in await _messages(shopee.tenant, conversation["id"])]
    expected = {f"tin {i}" for i in range(40) if i != 17}
    assert sorted(t for t in texts if t != "mẫu") == sorted(expected)
    async with unit_of_work() as session:
        statuses = (
            await session.execute(
                select(WebhookDelivery.status, WebhookDelivery.error).where(
                    WebhookDelivery.provider == "shopee", WebhookDelivery.body.contains(b"NUL")
                )
            )
        ).all()
    [(status, error)] = statuses
    assert status == "failed" and error


async def test_a_product_linked_to_its_shopee_listing_goes_out_as_the_listing_card(
    shopee, run_jobs
):
    """Staff link a catalogue product to the shop's listing (`item_id`): its card in that
    shop's chat is Shopee's `item` card; unlinked (or linked in another shop) it is a text
    card. Only channels with listings can be linked."""
    from support.shop import make_channel

    shop = await shopee.connect()
    await shopee.sim.buyer_writes(shop, "có mẫu này không shop", buyer_id=5301)
    await run_jobs()
    [conversation] = await _conversations(shopee.tenant)
    [channel] = await _channels(shopee.tenant)
    assert "listings" in channel["capabilities"]
    page_id = await make_channel(shopee.tenant.workspace_id)
    r = await shopee.tenant.post(
        "/api/v1/products",
        json={
            "sku": "VAY-1",
            "name": "Váy hoa",
            "price": 250000,
            "listings": [{"channel_id": page_id, "external_id": "880011"}],
        },
    )
    assert r.status_code == 422, r.text
    assert r.json()["error"]["details"][0]["field"] == "listings.0.channel_id"
    r = await shopee.tenant.post(
        "/api/v1/products",
        json={
            "sku": "VAY-1",
            "name": "Váy hoa",
            "price": 250000,
            "listings": [{"channel_id": channel["id"], "external_id": "880011"}],
        },
    )
    assert r.status_code == 201, r.text
    linked = r.json()
    assert linked["listings"] == [{"channel_id": channel["id"], "external_id": "880011"}]
    unlinked = await shopee.tenant.post(
        "/api/v1/products", json={"sku": "VAY-2", "name": "Váy trơn", "price": 199000}
    )
    path = f"/api/v1/conversations/{conversation['id']}/messages"
    for product in (linked, unlinked.json()):
        r = await shopee.tenant.post(path, json={"product_id": product["id"]})
        assert r.status_code == 202, r.text
    await run_jobs()
    sent = await shopee.sim.sent(shop)
    assert [m["content"] for m in sent if m["message_type"] == "item"] == [{"item_id": 880011}]
    assert [m["content"]["text"] for m in sent if m["message_type"] == "text"] == [
        "🛍 Váy trơn — 199.000đ"
    ]
    # Unlinking: the full list of listings is replaced.
    r = await shopee.tenant.patch(f"/api/v1/products/{linked['id']}", json={"listings": []})
    assert r.status_code == 200 and r.json()["listings"] == [], r.text
