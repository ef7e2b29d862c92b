"""Lazada IM through real HTTP against the simulator: connect by OAuth, pushes in (with
Lazada's retries), replies out, backfill, read receipts, tokens, chat limits, isolation."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson
from sqlalchemy import select

from chotdon.channels import tokens
from chotdon.channels.lazada import signing
from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.core.db import unit_of_work
from chotdon.core.settings import get_settings

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


async def _channels(tenant: Any) -> list[dict[str, Any]]:
    r = await tenant.get("/api/v1/channels")
    assert r.status_code == 200, r.text
    return [c for c in r.json()["items"] if c["provider"] == "lazada"]


async def _conversations(tenant: Any) -> list[dict[str, Any]]:
    r = await tenant.get("/api/v1/conversations")
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def _messages(tenant: Any, conversation_id: int) -> list[dict[str, Any]]:
    r = await tenant.get(f"/api/v1/conversations/{conversation_id}/messages")
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def _send(tenant: Any, conversation_id: int, body: dict[str, Any]) -> Any:
    return await tenant.post(f"/api/v1/conversations/{conversation_id}/messages", json=body)


async def test_connect_by_oauth_and_reconnect(lazada, run_jobs):
    seller = await lazada.connect("Lazada Thời Trang Nữ")
    [channel] = await _channels(lazada.tenant)
    assert channel["name"] == "Lazada Thời Trang Nữ"
    assert channel["external_id"] == str(seller.seller_id)
    assert channel["status"] == "connected"
    assert {"oauth", "product_cards", "order_cards", "mark_read"} <= set(channel["capabilities"])
    assert channel["access_expires_at"] is not None
    await run_jobs()
    [channel] = await _channels(lazada.tenant)
    assert channel["sync"]["status"] == "done"
    callback = await lazada.sim.approve(await lazada.authorize(), seller)
    assert (await lazada.callback(callback)).status_code == 303
    [again] = await _channels(lazada.tenant)
    assert again["id"] == channel["id"]


async def test_a_forged_or_reused_state_changes_nothing(lazada):
    seller = await lazada.sim.create_seller("Shop A")
    callback = await lazada.sim.approve(await lazada.authorize(), seller)
    r = await lazada.callback(callback.replace("state=", "state=x"))
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == ["invalid_state"]
    assert await _channels(lazada.tenant) == []
    assert (await lazada.callback(callback)).status_code == 303
    r = await lazada.callback(callback)
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == ["invalid_state"]
    assert len(await _channels(lazada.tenant)) == 1


async def test_buyer_message_arrives_with_the_buyers_nick(lazada, run_jobs):
    seller = await lazada.connect()
    await run_jobs()
    sent = await lazada.sim.buyer_writes(
        seller, "Shop ơi váy này còn size S không?", buyer_id=701, name="n***h"
    )
    assert sent["push"] == "delivered", await lazada.sim.state()
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    assert conversation["last_message"]["text"] == "Shop ơi váy này còn size S không?"
    assert conversation["unread"] is True
    assert conversation["reply_window"]["state"] == "open"
    assert conversation["contact"]["name"] == "n***h"  # from /im/session/get
    [message] = await _messages(lazada.tenant, conversation["id"])
    assert message["direction"] == "in"
    assert message["external_id"] == sent["message"]["message_id"]


async def test_every_inbound_message_type(lazada, run_jobs):
    seller = await lazada.connect()
    await run_jobs()
    kinds = [
        (3, {"imgUrl": "https://sg-live.slatic.net/p/abc.jpg", "width": 400, "height": 300}),
        (4, {"txt": "[happy]", "imgUrl": "https://sg-live.slatic.net/e/happy.png"}),
        (10006, {"itemId": "2211334455", "title": "Váy hoa nhí"}),
        (10007, {"orderId": "556677889900"}),
        (10008, {"promotionId": "9001"}),
        (2, {"txt": "Đơn hàng đã được giao"}),
    ]
    for ago, (template, content) in enumerate(kinds):
        await lazada.sim.buyer_writes(
            seller, buyer_id=702, template_id=template, content=content, ago_seconds=60 - ago * 5
        )
    marketing = {"txt": "Flash sale"}
    await lazada.sim.buyer_writes(seller, buyer_id=702, template_id=200016, content=marketing)
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    got = await _messages(lazada.tenant, conversation["id"])
    assert [m["attachments"][0]["type"] if m["attachments"] else m["text"] for m in got] == [
        "image",
        "sticker",
        "product",
        "order",
        "voucher",
        "Đơn hàng đã được giao",
    ]
    assert got[0]["attachments"][0]["url"].endswith("abc.jpg")
    assert got[2]["attachments"][0]["name"] == "Váy hoa nhí"
    assert got[3]["attachments"][0]["order_id"] == "556677889900"


async def test_unsigned_or_wrongly_signed_pushes_are_refused_and_not_stored(lazada, client):
    seller = await lazada.connect()
    for mode in ("wrong", "missing"):
        await lazada.sim.configure(signature_mode=mode, push_retries=0)
        result = await lazada.sim.buyer_writes(seller, f"giả mạo {mode}", buyer_id=703)
        assert result["push"] == "lost"
    states = [p["status"] for p in (await lazada.sim.state())["pushes"]]
    assert states[-2:] == [401, 401]
    async with unit_of_work() as session:
        bodies = (
            (
                await session.execute(
                    select(WebhookDelivery.body).where(WebhookDelivery.provider == "lazada")
                )
            )
            .scalars()
            .all()
        )
    assert not any("giả mạo".encode() in b or b"gi\\u1ea3" in b for b in bodies)
    r = await client.post("/webhooks/lazada", content=b"{}")
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_signature"


def _signed_push(seller_id: int, message: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    s = get_settings()
    body = orjson.dumps(
        {
            "seller_id": str(seller_id),
            "message_type": 2,
            "data": message,
            "timestamp": 1,
            "site": "lazada_vn",
        }
    )
    sign = signing.push_sign(s.lazada_app_secret, s.lazada_app_key, body).upper()  # any case
    return body, {"Authorization": sign}


async def test_duplicate_and_out_of_order_pushes_are_recorded_once_in_order(lazada, run_jobs):
    seller = await lazada.connect()
    await run_jobs()
    first = await lazada.sim.buyer_writes(seller, "tin 1", buyer_id=704, ago_seconds=60, push=False)
    second = await lazada.sim.buyer_writes(
        seller, "tin 2", buyer_id=704, ago_seconds=30, push=False
    )
    for message in (second["message"], first["message"], second["message"]):
        body, headers = _signed_push(seller.seller_id, message)
        r = await lazada.tenant.client.post("/webhooks/lazada", content=body, headers=headers)
        assert r.status_code == 200, r.text
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    texts = [m["text"] for m in await _messages(lazada.tenant, conversation["id"])]
    assert texts == ["tin 1", "tin 2"]


async def test_lazada_retries_a_push_we_did_not_get(lazada, run_jobs):
    seller = await lazada.connect()
    await run_jobs()
    await lazada.sim.configure(fail_next_deliveries=3)  # three attempts never reach us
    written = await lazada.sim.buyer_writes(seller, "gửi lại nhé", buyer_id=705)
    assert written["push"] == "retrying"
    for _ in range(100):
        if (await lazada.sim.state())["pushes"][-1]["status"] == 200:
            break
        await asyncio.sleep(0.05)
    assert (await lazada.sim.state())["pushes"][-1]["attempts"] == 4
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    assert conversation["last_message"]["text"] == "gửi lại nhé"


async def test_backfill_pages_sessions_and_overlaps_pushes_without_duplicates(lazada, run_jobs):
    seller = await lazada.sim.create_seller("Shop Cũ")
    # 25 sessions written at the same instant: pages of 20 tell ties apart by session id.
    for buyer in range(25):
        await lazada.sim.buyer_writes(
            seller, f"cũ {buyer}", buyer_id=7100 + buyer, push=False, ago_seconds=100
        )
    for i in range(3):
        await lazada.sim.buyer_writes(
            seller, f"dài {i}", buyer_id=7100, push=False, ago_seconds=50 - i
        )
    callback = await lazada.sim.approve(await lazada.authorize(), seller)
    assert (await lazada.callback(callback)).status_code == 303
    await lazada.sim.buyer_writes(seller, "mới", buyer_id=7100)  # a push during the backfill
    await run_jobs()
    conversations = await _conversations(lazada.tenant)
    assert len(conversations) == 25
    texts = {}
    for c in conversations:
        assert c["contact"]["name"] == "t***n"  # the session's masked nick
        texts[c["id"]] = [m["text"] for m in await _messages(lazada.tenant, c["id"])]
    first = next(t for t in texts.values() if "mới" in t)
    assert first == ["cũ 0", "dài 0", "dài 1", "dài 2", "mới"]
    assert sorted(t[0] for t in texts.values()) == sorted(f"cũ {b}" for b in range(25))
    [channel] = await _channels(lazada.tenant)
    assert channel["sync"]["status"] == "done"
    assert channel["sync"]["conversations"] == 25
    # A second backfill over the same history records nothing twice.
    async with unit_of_work() as session:
        channel_row = await session.get_one(Channel, channel["id"])
        from chotdon.channels import outbound

        outbound.enqueue_channel_sync(session, channel_row.id)
    await run_jobs()
    assert len(await _conversations(lazada.tenant)) == 25
    assert [m["text"] for m in await _messages(lazada.tenant, conversations[0]["id"])]


async def test_replies_text_image_product_and_order_cards_reach_the_buyer(lazada, run_jobs):
    seller = await lazada.connect()
    await lazada.sim.buyer_writes(seller, "có ảnh thật không shop", buyer_id=706)
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    media = await lazada.tenant.client.post(
        "/api/v1/media", headers=lazada.tenant.headers, files={"file": ("ao.png", PNG, "image/png")}
    )
    assert media.status_code in (200, 201), media.text
    product = await lazada.tenant.post(
        "/api/v1/products", json={"sku": "AO-1", "name": "Áo thun", "price": 150000, "stock": 5}
    )
    assert product.status_code == 201, product.text
    for body in (
        {"text": "Dạ có ạ", "attachment_ids": [media.json()["id"]]},
        {"product_id": product.json()["id"]},
        {"card": {"kind": "product", "external_id": "2211334455"}},
        {"card": {"kind": "order", "external_id": "556677889900"}},
    ):
        r = await _send(lazada.tenant, conversation["id"], body)
        assert r.status_code == 202, r.text
    await run_jobs()
    sent = await lazada.sim.sent(seller)
    by_template: dict[int, list[dict[str, Any]]] = {}
    for m in sent:
        by_template.setdefault(m["template_id"], []).append(orjson.loads(m["content"]))
    assert sorted(c["txt"] for c in by_template[1]) == ["Dạ có ạ", "🛍 Áo thun — 150.000đ"]
    [image] = by_template[3]
    assert image["imgUrl"].startswith(lazada.sim.base_url)
    assert (image["width"], image["height"]) == ("1", "1")
    assert by_template[10006] == [{"itemId": "2211334455", "title": "Sản phẩm 2211334455"}]
    assert by_template[10007] == [{"orderId": "556677889900"}]
    got = await _messages(lazada.tenant, conversation["id"])
    # Echo pushes of our own sends are recognised: no message twice.
    assert [m["status"] for m in got[1:]] == ["sent"] * 4, got
    assert len(got) == 5


async def test_a_card_with_a_bad_id_is_refused(lazada, run_jobs):
    seller = await lazada.connect()
    await lazada.sim.buyer_writes(seller, "xin chào", buyer_id=707)
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    r = await _send(
        lazada.tenant, conversation["id"], {"card": {"kind": "order", "external_id": "../x"}}
    )
    assert r.status_code == 422


async def test_seller_centre_answers_come_in_as_the_shops_messages(lazada, run_jobs):
    seller = await lazada.connect()
    await lazada.sim.buyer_writes(seller, "alo", buyer_id=708, ago_seconds=5)
    await lazada.sim.shop_writes(seller, 708, "Shop nghe ạ")
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    got = await _messages(lazada.tenant, conversation["id"])
    assert [(m["direction"], m["text"]) for m in got] == [("in", "alo"), ("out", "Shop nghe ạ")]


async def test_the_buyer_reading_marks_our_messages_read(lazada, run_jobs):
    seller = await lazada.connect()
    await lazada.sim.buyer_writes(seller, "hỏi", buyer_id=709)
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    assert (await _send(lazada.tenant, conversation["id"], {"text": "trả lời"})).status_code == 202
    await run_jobs()
    assert await lazada.sim.buyer_reads(seller, 709) == "delivered"
    await run_jobs()
    got = await _messages(lazada.tenant, conversation["id"])
    assert got[-1]["status"] == "read"


async def test_reading_a_conversation_marks_it_read_on_lazada(lazada, run_jobs):
    seller = await lazada.connect()
    written = await lazada.sim.buyer_writes(seller, "shop đọc chưa?", buyer_id=710)
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    r = await lazada.tenant.post(f"/api/v1/conversations/{conversation['id']}/read")
    assert r.status_code == 200, r.text
    await run_jobs()
    [state] = [s for s in (await lazada.sim.state())["sessions"] if s["buyer_id"] == 710]
    assert state["seller_read_message_id"] == written["message"]["message_id"]


async def test_seller_initiated_chats_are_limited_before_anything_is_queued(lazada, run_jobs):
    seller = await lazada.connect()
    await lazada.sim.buyer_orders(seller, 711)
    await lazada.sim.shop_writes(seller, 711, "Cảm ơn bạn đã đặt hàng!")  # from Seller Center
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    assert conversation["reply_window"]["state"] == "human_only"
    assert conversation["reply_window"]["remaining"] == 4  # Seller Center's message counts
    for i in range(4):  # 1 from Seller Center + 4 = Lazada's 5 a day
        r = await _send(lazada.tenant, conversation["id"], {"text": f"nhắc {i}"})
        assert r.status_code == 202, r.text
    r = await _send(lazada.tenant, conversation["id"], {"text": "quá giới hạn"})
    assert r.status_code == 409, r.text
    error = r.json()["error"]
    assert error["code"] == "lazada_initiated_limit" and "5 tin" in error["message"]
    await run_jobs()
    got = await _messages(lazada.tenant, conversation["id"])
    assert [m["status"] for m in got] == ["sent"] * 5, [(m["status"], m["error"]) for m in got]
    assert len(await lazada.sim.sent(seller)) == 4
    # The buyer answers: no limit any more.
    await lazada.sim.buyer_writes(seller, "ok shop", buyer_id=711)
    await run_jobs()
    r = await _send(lazada.tenant, conversation["id"], {"text": "dạ"})
    assert r.status_code == 202, r.text


async def test_lazadas_own_refusal_is_shown_on_the_message(lazada, run_jobs):
    seller = await lazada.connect()
    await lazada.sim.shop_writes(seller, 712, "Chào bạn")  # no order: Lazada refuses more
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    assert (await _send(lazada.tenant, conversation["id"], {"text": "mua đi"})).status_code == 202
    await run_jobs()
    message = (await _messages(lazada.tenant, conversation["id"]))[-1]
    assert message["status"] == "failed"
    assert message["error_code"] == "SellerInitiatedNotAllowed"


async def _expire_soon(seller_id: int) -> int:
    async with unit_of_work() as session:
        channel = (
            await session.execute(
                select(Channel).where(
                    Channel.provider == "lazada", Channel.external_id == str(seller_id)
                )
            )
        ).scalar_one()
        channel.token_expires_at = datetime.now(UTC) + timedelta(minutes=1)
        return channel.id


async def test_token_refresh_and_a_token_expiry_alert(lazada, run_jobs):
    seller = await lazada.connect()
    await run_jobs()
    channel_id = await _expire_soon(seller.seller_id)
    assert await tokens.refresh_channel(channel_id) == "refreshed"
    [channel] = await _channels(lazada.tenant)
    assert datetime.fromisoformat(channel["access_expires_at"]) > datetime.now(UTC) + timedelta(
        days=6
    )
    await lazada.sim.expire_token(seller)
    await lazada.sim.call("POST", f"/sellers/{seller.seller_id}/token_expiring")  # type 8
    await run_jobs()
    await lazada.sim.buyer_writes(seller, "còn không", buyer_id=713)
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    assert (await _send(lazada.tenant, conversation["id"], {"text": "còn ạ"})).status_code == 202
    await run_jobs()
    assert [orjson.loads(m["content"]) for m in await lazada.sim.sent(seller)] == [{"txt": "còn ạ"}]


async def test_an_expired_access_token_is_refreshed_before_sending(lazada, run_jobs):
    seller = await lazada.connect()
    await lazada.sim.buyer_writes(seller, "hi", buyer_id=714)
    await run_jobs()
    await lazada.sim.expire_token(seller)
    [conversation] = await _conversations(lazada.tenant)
    assert (await _send(lazada.tenant, conversation["id"], {"text": "chào bạn"})).status_code == 202
    await run_jobs()
    assert [orjson.loads(m["content"]) for m in await lazada.sim.sent(seller)] == [
        {"txt": "chào bạn"}
    ]


async def test_a_revoked_seller_is_shown_disconnected_with_the_reason(lazada, run_jobs):
    seller = await lazada.connect()
    await lazada.sim.buyer_writes(seller, "hi", buyer_id=715)
    await run_jobs()
    await lazada.sim.revoke(seller)
    [conversation] = await _conversations(lazada.tenant)
    assert (await _send(lazada.tenant, conversation["id"], {"text": "alo"})).status_code == 202
    await run_jobs()
    [channel] = await _channels(lazada.tenant)
    assert channel["status"] == "disconnected"
    assert channel["status_reason"] == "lazada_authorization_refused"
    r = await _send(lazada.tenant, conversation["id"], {"text": "alo nữa"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "channel_disconnected"


async def test_workspaces_do_not_see_each_others_sellers(lazada, run_jobs, make_tenant):
    seller = await lazada.connect()
    await lazada.sim.buyer_writes(seller, "bí mật", buyer_id=716)
    await run_jobs()
    other = await make_tenant()
    assert (await other.get("/api/v1/conversations")).json()["items"] == []
    assert (await other.get("/api/v1/channels")).json()["items"] == []
    [conversation] = await _conversations(lazada.tenant)
    assert (await other.get(f"/api/v1/conversations/{conversation['id']}")).status_code == 404
    callback = await lazada.sim.approve(await lazada.authorize(other), seller)
    r = await lazada.callback(callback, other)
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == [
        "channel_in_other_workspace"
    ]


async def test_only_owners_and_admins_start_a_connection(lazada):
    agent = await lazada.tenant.add_member("agent")
    assert (await agent.post("/api/v1/channels/lazada/authorize")).status_code == 403


async def test_a_product_linked_to_its_lazada_listing_goes_out_as_the_item_card(lazada, run_jobs):
    """Staff link a catalogue product to the seller's Lazada `item_id`: its card in that seller's
    chat is Lazada's item card (10006); an unlinked product stays a text card."""
    seller = await lazada.connect()
    await lazada.sim.buyer_writes(seller, "mẫu này còn không shop", buyer_id=707)
    await run_jobs()
    [conversation] = await _conversations(lazada.tenant)
    [channel] = await _channels(lazada.tenant)
    assert "listings" in channel["capabilities"]
    linked = await lazada.tenant.post(
        "/api/v1/products",
        json={
            "sku": "AO-7",
            "name": "Áo sơ mi",
            "price": 280000,
            "listings": [{"channel_id": channel["id"], "external_id": "3300778899"}],
        },
    )
    assert linked.status_code == 201, linked.text
    unlinked = await lazada.tenant.post(
        "/api/v1/products", json={"sku": "AO-8", "name": "Áo len", "price": 390000}
    )
    for product in (linked.json(), unlinked.json()):
        r = await _send(lazada.tenant, conversation["id"], {"product_id": product["id"]})
        assert r.status_code == 202, r.text
    await run_jobs()
    sent = await lazada.sim.sent(seller)
    cards = [orjson.loads(m["content"]) for m in sent if m["template_id"] == 10006]
    assert [c["itemId"] for c in cards] == ["3300778899"]
    texts = [orjson.loads(m["content"])["txt"] for m in sent if m["template_id"] == 1]
    assert texts == ["🛍 Áo len — 390.000đ"]
