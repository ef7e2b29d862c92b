"""Zalo OA through real HTTP against the simulator: connect by OAuth v4 + PKCE, signed events
in (every type), replies out (text, image, file, product card), the free-reply quota and the
window, backfill, tokens (single-use refresh), revocation, isolation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson
from sqlalchemy import select

from chotdon.channels import tokens
from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.channels.zalo import signature
from chotdon.core.db import unit_of_work
from chotdon.core.redis import get_redis
from chotdon.core.settings import get_settings
from support import inbox_api

PNG = inbox_api.TINY_PNG


async def _channels(tenant: Any) -> list[dict[str, Any]]:
    return await inbox_api.channels(tenant, "zalo")


_conversations, _messages = inbox_api.conversations, inbox_api.messages


async def _reply(tenant: Any, conversation_id: int, **body: Any) -> Any:
    return await tenant.post(f"/api/v1/conversations/{conversation_id}/messages", json=body)


async def _signed_post(client: Any, event: dict[str, Any]) -> Any:
    s = get_settings()
    raw = orjson.dumps(event)
    mac = signature.header(s.zalo_app_id, raw, str(event["timestamp"]), s.zalo_oa_secret_key)
    return await client.post("/webhooks/zalo", content=raw, headers={"X-ZEvent-Signature": mac})


async def test_connect_by_oauth_with_pkce_and_reconnect(zalo, run_jobs):
    oa = await zalo.connect("Thời Trang Hà Nội OA")
    [channel] = await _channels(zalo.tenant)
    assert channel["name"] == "Thời Trang Hà Nội OA"
    assert channel["external_id"] == oa.oa_id
    assert channel["status"] == "connected"
    assert "oauth" in channel["capabilities"] and "comments" not in channel["capabilities"]
    assert channel["access_expires_at"] is not None
    await run_jobs()
    [channel] = await _channels(zalo.tenant)
    assert channel["sync"]["status"] == "done"
    callback = await zalo.sim.approve(await zalo.authorize(), oa)
    assert (await zalo.callback(callback)).status_code == 303
    [again] = await _channels(zalo.tenant)
    assert again["id"] == channel["id"]


async def test_the_consent_url_carries_a_challenge_and_the_verifier_stays_with_us(zalo):
    oa = await zalo.sim.create_oa("OA PKCE")
    url = await zalo.authorize()
    query = parse_qs(urlsplit(url).query)
    assert query["app_id"] == [get_settings().zalo_app_id]
    assert len(query["code_challenge"][0]) == 43 and "code_verifier" not in query
    state = query["state"][0]
    stored = orjson.loads(await get_redis().get(f"chotdon:oauth:{state}"))
    assert len(stored["code_verifier"]) >= 43
    # Someone who has the code but not the verifier (it never left our server) gets nothing:
    # the simulator checks SHA-256(verifier) against the challenge at the token call.
    callback = await zalo.sim.approve(url, oa)
    await get_redis().set(
        f"chotdon:oauth:{state}", orjson.dumps({**stored, "code_verifier": "x" * 64})
    )
    r = await zalo.callback(callback)
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == ["zalo_error"]
    assert await _channels(zalo.tenant) == []


async def test_a_bad_or_reused_state_changes_nothing(zalo):
    oa = await zalo.sim.create_oa("OA A")
    callback = await zalo.sim.approve(await zalo.authorize(), oa)
    r = await zalo.callback(callback.replace("state=", "state=x"))
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == ["invalid_state"]
    assert (await zalo.callback(callback)).status_code == 303
    r = await zalo.callback(callback)
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == ["invalid_state"]
    assert len(await _channels(zalo.tenant)) == 1


async def test_only_owners_and_admins_start_a_connection(zalo):
    agent = await zalo.tenant.add_member("agent")
    assert (await agent.post("/api/v1/channels/zalo/authorize")).status_code == 403


async def test_a_follower_message_arrives_with_the_followers_name(zalo, run_jobs):
    oa = await zalo.connect()
    await run_jobs()
    sent = await zalo.sim.user_writes(
        oa, "Shop ơi váy này còn size M không?", user_id="4339761418830368433", name="Lê Hoa"
    )
    assert sent["push"] == "delivered", await zalo.sim.state()
    await run_jobs()
    [conversation] = await _conversations(zalo.tenant)
    assert conversation["kind"] == "message"
    assert conversation["contact"]["name"] == "Lê Hoa"  # looked up: events carry only ids
    assert conversation["last_message"]["text"] == "Shop ơi váy này còn size M không?"
    assert conversation["unread"] is True
    window = conversation["reply_window"]
    assert window["state"] == "open" and window["remaining"] == 8
    [message] = await _messages(zalo.tenant, conversation["id"])
    assert message["direction"] == "in" and message["external_id"] == sent["msg_id"]


async def test_every_inbound_event_type(zalo, run_jobs):
    oa = await zalo.connect()
    await run_jobs()
    user = "5001"
    kinds = [
        ("user_send_image", None, [{"type": "image", "payload": {"url": "https://z.vn/a.jpg"}}]),
        (
            "user_send_sticker",
            None,
            [{"type": "sticker", "payload": {"id": "7", "url": "https://z.vn/s.png"}}],
        ),
        (
            "user_send_file",
            None,
            [
                {
                    "type": "file",
                    "payload": {"url": "https://z.vn/f.pdf", "name": "don.pdf", "size": "1200"},
                }
            ],
        ),
        (
            "user_send_location",
            None,
            [
                {
                    "type": "location",
                    "payload": {"coordinates": {"latitude": "21.03", "longitude": "105.85"}},
                }
            ],
        ),
        (
            "user_send_link",
            "xem link",
            [
                {
                    "type": "link",
                    "payload": {"url": "https://shopee.vn/x", "description": "Áo khoác"},
                }
            ],
        ),
        ("user_send_text", "Cho mình đặt 1 cái", []),
    ]
    for ago, (event_name, text, attachments) in enumerate(kinds):
        await zalo.sim.user_writes(
            oa,
            text,
            user_id=user,
            event_name=event_name,
            attachments=attachments,
            ago_seconds=100 - ago * 10,
        )
    await zalo.sim.oa_writes(oa, user, "Dạ shop gửi ạ")  # from Zalo OA Manager
    await zalo.sim.user_event(
        oa,
        user,
        "user_submit_info",
        info={"name": "Lê Hoa", "phone": "0912345678", "address": "12 Hàng Bài", "city": "Hà Nội"},
    )
    await run_jobs()
    [conversation] = await _conversations(zalo.tenant)
    got = await _messages(zalo.tenant, conversation["id"])
    summary = [
        (m["direction"], m["attachments"][0]["type"] if m["attachments"] else m["text"])
        for m in got
    ]
    assert summary[:6] == [
        ("in", "image"),
        ("in", "sticker"),
        ("in", "file"),
        ("in", "location"),
        ("in", "fallback"),
        ("in", "Cho mình đặt 1 cái"),
    ]
    assert summary[6] == ("out", "Dạ shop gửi ạ")
    assert got[6]["sender_type"] == "page"
    assert got[2]["attachments"][0]["name"] == "don.pdf"
    assert "0912345678" in got[7]["text"]
    # The shared phone is the customer's: the conversation shows it, the customer has it.
    [conversation] = await _conversations(zalo.tenant)
    assert conversation["has_phone"] is True
    assert conversation["contact"]["phones"] == ["+84912345678"]


async def test_follow_unfollow_and_read_receipts(zalo, run_jobs):
    oa = await zalo.connect()
    await zalo.sim.user_event(oa, "5002", "follow", name="Khách Mới")
    await run_jobs()
    [conversation] = await _conversations(zalo.tenant)
    assert "quan tâm" in conversation["last_message"]["text"]
    r = await _reply(zalo.tenant, conversation["id"], text="Cảm ơn bạn đã quan tâm OA!")
    assert r.status_code == 202, r.text
    await run_jobs()
    [out] = [m for m in await _messages(zalo.tenant, conversation["id"]) if m["direction"] == "out"]
    assert out["status"] == "sent" and out["external_id"]
    await zalo.sim.user_event(oa, "5002", "user_received_message", msg_ids=[out["external_id"]])
    await run_jobs()
    [out] = [m for m in await _messages(zalo.tenant, conversation["id"]) if m["direction"] == "out"]
    assert out["status"] == "delivered"
    await zalo.sim.user_event(oa, "5002", "user_seen_message", msg_ids=[out["external_id"]])
    await zalo.sim.user_event(oa, "5002", "unfollow")
    await run_jobs()
    got = await _messages(zalo.tenant, conversation["id"])
    assert [m["status"] for m in got if m["direction"] == "out"] == ["read"]
    assert "bỏ quan tâm" in got[-1]["text"]


async def test_wrong_or_missing_signatures_are_refused_and_nothing_is_stored(zalo, client):
    oa = await zalo.connect()
    for mode in ("wrong", "missing"):
        await zalo.sim.configure(signature_mode=mode, push_retries=0)
        result = await zalo.sim.user_writes(oa, f"giả mạo {mode}", user_id="5003")
        assert result["push"] == "lost"
    statuses = [d["status"] for d in (await zalo.sim.state())["deliveries"]]
    assert statuses[-2:] == [401, 401]
    async with unit_of_work() as session:
        bodies = (
            (
                await session.execute(
                    select(WebhookDelivery.body).where(WebhookDelivery.provider == "zalo")
                )
            )
            .scalars()
            .all()
        )
    assert not any("giả mạo".encode() in b for b in bodies)
    # Signed over another timestamp than the body's: refused too.
    event = {"app_id": "1", "event_name": "user_send_text", "timestamp": "1"}
    s = get_settings()
    raw = orjson.dumps(event)
    mac = signature.header(s.zalo_app_id, raw, "2", s.zalo_oa_secret_key)
    r = await client.post("/webhooks/zalo", content=raw, headers={"X-ZEvent-Signature": mac})
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_signature"
    r = await client.post(
        "/webhooks/zalo", content=b"not json", headers={"X-ZEvent-Signature": mac}
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "malformed_json"


async def test_duplicate_and_reordered_events_are_recorded_once_in_order(zalo, run_jobs):
    oa = await zalo.connect()
    await run_jobs()
    first = await zalo.sim.user_writes(oa, "tin 1", user_id="5004", ago_seconds=60, push=False)
    second = await zalo.sim.user_writes(oa, "tin 2", user_id="5004", ago_seconds=30, push=False)
    for event in (second["event"], first["event"], second["event"], first["event"]):
        r = await _signed_post(zalo.tenant.client, event)
        assert r.status_code == 200, r.text
    await run_jobs()
    [conversation] = await _conversations(zalo.tenant)
    texts = [m["text"] for m in await _messages(zalo.tenant, conversation["id"])]
    assert texts == ["tin 1", "tin 2"]


async def test_backfill_overlapping_webhooks_records_nothing_twice(zalo, run_jobs):
    oa = await zalo.sim.create_oa("OA Cũ")
    for i in range(3):
        await zalo.sim.user_writes(oa, f"cũ {i}", user_id="5006", push=False, ago_seconds=300 - i)
    await zalo.sim.user_writes(oa, "hỏi giá", user_id="5007", name="Trần B", push=False)
    await zalo.sim.user_writes(oa, "quá cũ", user_id="5008", push=False, ago_seconds=40 * 86400)
    callback = await zalo.sim.approve(await zalo.authorize(), oa)
    assert (await zalo.callback(callback)).status_code == 303
    await zalo.sim.user_writes(oa, "mới", user_id="5006")  # an event during the backfill
    await run_jobs()
    conversations = await _conversations(zalo.tenant)
    assert len(conversations) == 2  # the 40-day-old chat is older than backfill_days
    texts = []
    for c in conversations:
        texts += [m["text"] for m in await _messages(zalo.tenant, c["id"])]
    assert sorted(texts) == sorted(["cũ 0", "cũ 1", "cũ 2", "mới", "hỏi giá"])
    assert {c["contact"]["name"] for c in conversations} >= {"Trần B"}
    [channel] = await _channels(zalo.tenant)
    assert channel["sync"]["status"] == "done" and channel["sync"]["messages"] >= 4


async def test_replies_text_image_file_and_product_card(zalo, run_jobs):
    oa = await zalo.connect()
    await zalo.sim.user_writes(oa, "gửi mình ảnh thật với bảng giá", user_id="5009")
    await run_jobs()
    [conversation] = await _conversations(zalo.tenant)
    image = await zalo.tenant.client.post(
        "/api/v1/media", headers=zalo.tenant.headers, files={"file": ("ao.png", PNG, "image/png")}
    )
    assert image.status_code in (200, 201), image.text
    pdf = await zalo.tenant.client.post(
        "/api/v1/media",
        headers=zalo.tenant.headers,
        files={"file": ("bang-gia.pdf", b"%PDF-1.4 bang gia", "application/pdf")},
    )
    assert pdf.status_code in (200, 201), pdf.text
    product = await zalo.tenant.post(
        "/api/v1/products", json={"sku": "VAY-1", "name": "Váy maxi", "price": 350000, "stock": 3}
    )
    assert product.status_code == 201, product.text
    for body in (
        {"text": "Dạ ảnh thật ạ", "attachment_ids": [image.json()["id"]]},
        {"attachment_ids": [pdf.json()["id"]]},
        {"product_id": product.json()["id"]},
    ):
        r = await _reply(zalo.tenant, conversation["id"], **body)
        assert r.status_code == 202, r.text
    await run_jobs()
    sent = await zalo.sim.sent(oa)
    assert all(m["user_id"] == "5009" for m in sent)
    by_type = {m["type"]: m for m in sent}
    assert by_type["text"]["message"] == {"text": "Dạ ảnh thật ạ"}
    assert by_type["photo"]["message"]["attachment"]["payload"]["template_type"] == "media"
    assert by_type["file"]["message"]["attachment"]["type"] == "file"
    card = by_type["list"]["message"]["attachment"]["payload"]
    assert card["template_type"] == "list"
    assert card["elements"][0] == {"title": "Váy maxi", "subtitle": "350.000đ"}
    got = await _messages(zalo.tenant, conversation["id"])
    assert [m["status"] for m in got if m["direction"] == "out"] == ["sent"] * 3
    # Zalo echoes the OA's API sends (oa_send_*): recognised by msg_id, not shown twice.
    await run_jobs()
    assert len(await _messages(zalo.tenant, conversation["id"])) == len(got)


async def test_free_replies_quota_refused_before_enqueueing_with_a_vietnamese_reason(
    zalo, run_jobs
):
    oa = await zalo.connect()
    await zalo.sim.user_writes(oa, "alo shop", user_id="5010")
    await run_jobs()
    [conversation] = await _conversations(zalo.tenant)
    for i in range(8):
        r = await _reply(zalo.tenant, conversation["id"], text=f"tin {i}")
        assert r.status_code == 202, r.text
    r = await _reply(zalo.tenant, conversation["id"], text="tin thứ 9")
    assert r.status_code == 409
    error = r.json()["error"]
    assert error["code"] == "zalo_free_replies_used"
    assert "8 tin phản hồi miễn phí" in error["message"]
    [conversation] = await _conversations(zalo.tenant)
    assert conversation["reply_window"]["remaining"] == 0
    assert conversation["reply_window"]["state"] == "closed"
    assert conversation["reply_window"]["code"] == "zalo_free_replies_used"
    await run_jobs()
    assert len(await zalo.sim.sent(oa)) == 8
    # The follower writes again: the quota starts over.
    await zalo.sim.user_writes(oa, "ok shop", user_id="5010")
    await run_jobs()
    [conversation] = await _conversations(zalo.tenant)
    assert conversation["reply_window"]["remaining"] == 8
    assert (await _reply(zalo.tenant, conversation["id"], text="dạ")).status_code == 202


async def test_after_48_hours_the_window_is_closed_or_staff_only_when_proactive(
    zalo, run_jobs, monkeypatch
):
    from chotdon.core.settings import settings_cache_clear

    oa = await zalo.connect()
    await zalo.sim.user_writes(oa, "hỏi từ hôm kia", user_id="5011", ago_seconds=50 * 3600)
    await run_jobs()
    [conversation] = await _conversations(zalo.tenant)
    assert conversation["reply_window"]["state"] == "closed"
    r = await _reply(zalo.tenant, conversation["id"], text="xin lỗi trả lời muộn")
    assert r.status_code == 409 and r.json()["error"]["code"] == "zalo_window_closed"
    assert "48 giờ" in r.json()["error"]["message"]
    # A verified OA that may send proactive messages: staff may, within 7 days.
    monkeypatch.setenv("ZALO_PROACTIVE_MESSAGES", "true")
    settings_cache_clear()
    await zalo.sim.configure(proactive_quota=100)
    [conversation] = await _conversations(zalo.tenant)
    assert conversation["reply_window"]["state"] == "human_only"
    assert conversation["reply_window"]["code"] == "zalo_proactive"
    r = await _reply(zalo.tenant, conversation["id"], text="xin lỗi trả lời muộn")
    assert r.status_code == 202, r.text
    await run_jobs()
    assert [m["text"] for m in await zalo.sim.sent(oa)] == ["xin lỗi trả lời muộn"]
    assert (await zalo.sim.state())["oas"][oa.oa_id]["proactive_used"] == 1


async def test_zalo_refusing_a_send_fails_the_message_with_zalos_reason(zalo, run_jobs):
    oa = await zalo.connect()
    await zalo.sim.user_writes(oa, "hi", user_id="5012")
    await run_jobs()
    [conversation] = await _conversations(zalo.tenant)
    # The simulator's quota is stricter than our settings (the sources disagree).
    await zalo.sim.configure(free_replies=0)
    assert (await _reply(zalo.tenant, conversation["id"], text="dạ")).status_code == 202
    await run_jobs()
    [out] = [m for m in await _messages(zalo.tenant, conversation["id"]) if m["direction"] == "out"]
    assert out["status"] == "failed"
    assert "Zalo refused" in out["error"] and "-224" in out["error"]


async def _expire_soon(oa_id: str) -> int:
    async with unit_of_work() as session:
        channel = (
            await session.execute(
                select(Channel).where(Channel.provider == "zalo", Channel.external_id == oa_id)
            )
        ).scalar_one()
        channel.token_expires_at = datetime.now(UTC) + timedelta(minutes=1)
        return channel.id


async def test_refresh_tokens_are_single_use_and_the_new_one_is_kept(zalo, run_jobs):
    oa = await zalo.connect()
    channel_id = await _expire_soon(oa.oa_id)
    assert await tokens.refresh_channel(channel_id) == "refreshed"
    channel_id = await _expire_soon(oa.oa_id)
    assert await tokens.refresh_channel(channel_id) == "refreshed"  # with the new refresh token
    assert (await zalo.sim.state())["oas"][oa.oa_id]["refresh_tokens"] == 1
    await zalo.sim.user_writes(oa, "còn không", user_id="5013")
    await run_jobs()
    [conversation] = await _conversations(zalo.tenant)
    assert (await _reply(zalo.tenant, conversation["id"], text="còn ạ")).status_code == 202
    await run_jobs()
    assert [m["text"] for m in await zalo.sim.sent(oa)] == ["còn ạ"]


async def test_a_lost_refresh_answer_disconnects_with_the_reason(zalo, run_jobs):
    oa = await zalo.connect()
    channel_id = await _expire_soon(oa.oa_id)
    await zalo.sim.configure(lose_next_refresh_answers=1)
    assert await tokens.refresh_channel(channel_id) == "retry"
    # Zalo spent the refresh token with the lost answer: the next try is refused for good.
    assert await tokens.refresh_channel(channel_id) == "revoked"
    [channel] = await _channels(zalo.tenant)
    assert channel["status"] == "disconnected" and "reconnect" in channel["status_reason"]


async def test_an_expired_access_token_is_refreshed_before_sending(zalo, run_jobs):
    oa = await zalo.connect()
    await zalo.sim.user_writes(oa, "hi", user_id="5014")
    await run_jobs()
    await zalo.sim.expire_token(oa)
    [conversation] = await _conversations(zalo.tenant)
    assert (await _reply(zalo.tenant, conversation["id"], text="chào bạn")).status_code == 202
    await run_jobs()
    assert [m["text"] for m in await zalo.sim.sent(oa)] == ["chào bạn"]


async def test_a_revoked_oa_is_shown_disconnected(zalo, run_jobs):
    oa = await zalo.connect()
    await zalo.sim.user_writes(oa, "hi", user_id="5015")
    await run_jobs()
    await zalo.sim.revoke(oa)
    [conversation] = await _conversations(zalo.tenant)
    assert (await _reply(zalo.tenant, conversation["id"], text="chào")).status_code == 202
    await run_jobs()
    [channel] = await _channels(zalo.tenant)
    assert channel["status"] == "disconnected" and "Zalo" in channel["status_reason"]
    [out] = [m for m in await _messages(zalo.tenant, conversation["id"]) if m["direction"] == "out"]
    assert out["status"] == "failed"


async def test_workspaces_do_not_see_each_others_oas(zalo, run_jobs, make_tenant):
    oa = await zalo.connect()
    await zalo.sim.user_writes(oa, "bí mật", user_id="5016")
    await run_jobs()
    other = await make_tenant()
    assert (await other.get("/api/v1/conversations")).json()["items"] == []
    assert (await other.get("/api/v1/channels")).json()["items"] == []
    [conversation] = await _conversations(zalo.tenant)
    assert (await other.get(f"/api/v1/conversations/{conversation['id']}")).status_code == 404
    callback = await zalo.sim.approve(await zalo.authorize(other), oa)
    r = await zalo.callback(callback)
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == [
        "channel_in_other_workspace"
    ]
