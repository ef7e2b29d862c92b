"""Instagram DMs and comments through real HTTP against the Facebook simulator: signed
`object: instagram` webhooks, every event type, duplicates, the 24 h window with HUMAN_AGENT,
comments with public reply, hide, delete and one private reply, backfill, isolation."""

from __future__ import annotations

from typing import Any

from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Message
from facebook.fb_helpers import conversations, messages
from support.instagram import create_media, story_reply

DAY = 24 * 3600


async def reply(tenant: Any, conversation_id: int, **body: Any) -> dict[str, Any]:
    r = await tenant.post(f"/api/v1/conversations/{conversation_id}/messages", json=body)
    assert r.status_code == 202, r.text
    return r.json()


async def connected(meta, name: str = "Shop IG", username: str = "shop.ig"):
    page, account = await meta.page_with_instagram(name, username)
    _, ig_channel = await meta.connect_both(page, account)
    return page, account, ig_channel


async def test_dms_of_every_kind_reach_the_inbox(meta, run_jobs):
    _, account, channel = await connected(meta)
    sim = meta.sim
    first = await sim.customer_writes(
        account, "igsid-lan", "Chị ơi còn váy hoa không?", name="Lê Lan"
    )
    await sim.customer_writes(
        account,
        "igsid-lan",
        None,
        attachments=[{"type": "image", "payload": {"url": "https://lookaside.fbsbx.com/ig/1.jpg"}}],
    )
    await story_reply(
        sim, account, "igsid-lan", "Mẫu này bao nhiêu ạ", "https://lookaside.fbsbx.com/story/9.jpg"
    )
    await sim.customer_writes(
        account,
        "igsid-lan",
        None,
        attachments=[
            {
                "type": "story_mention",
                "payload": {"url": "https://lookaside.fbsbx.com/story/10.jpg"},
            }
        ],
    )
    await sim.react(account, "igsid-lan", first["mid"])
    await run_jobs()
    [conv] = await conversations(meta.tenant, channel_id=channel["id"])
    assert conv["channel_id"] == channel["id"] and conv["kind"] == "message"
    items = await messages(meta.tenant, conv["id"])
    assert [(m["direction"], m["text"]) for m in items] == [
        ("in", "Chị ơi còn váy hoa không?"),
        ("in", None),
        ("in", "Mẫu này bao nhiêu ạ"),
        ("in", None),
    ]
    assert items[1]["attachments"][0]["type"] == "image"
    assert items[2]["attachments"][0] == {
        "type": "story_reply",
        "url": "https://lookaside.fbsbx.com/story/9.jpg",
    }
    assert items[3]["attachments"][0]["type"] == "story_mention"
    async with unit_of_work() as session:
        reacted = await session.get_one(Message, items[0]["id"])
        assert reacted.meta["reactions"] == {"igsid-lan": "\u2764\ufe0f"}
    # The shop answers from Instagram's own app: the echo shows as the page's message.
    await sim.page_writes(account, "igsid-lan", "Dạ còn ạ")
    await run_jobs()
    items = await messages(meta.tenant, conv["id"])
    assert (items[-1]["direction"], items[-1]["sender_type"], items[-1]["text"]) == (
        "out",
        "page",
        "Dạ còn ạ",
    )
    await sim.read(account, "igsid-lan")
    await run_jobs()
    assert (await messages(meta.tenant, conv["id"]))[-1]["status"] == "read"


async def test_reply_in_24h_then_human_agent_then_refused_after_7_days(meta, run_jobs):
    _, account, channel = await connected(meta, "Shop Cửa Sổ", "cuaso.shop")
    await meta.sim.customer_writes(account, "igsid-w", "Còn hàng không?", name="Minh")
    await run_jobs()
    [conv] = await conversations(meta.tenant, channel_id=channel["id"])
    queued = await reply(meta.tenant, conv["id"], text="Dạ còn ạ")
    await run_jobs()
    [sent] = await meta.sim.sent(account)
    assert sent["recipient"] == {"id": "igsid-w"} and sent["messaging_type"] == "RESPONSE"
    await meta.sim.flush()
    await run_jobs()
    items = await messages(meta.tenant, conv["id"])
    assert [(m["id"], m["status"]) for m in items][-1] == (queued["id"], "sent")
    assert len(items) == 2  # the echo was matched, not duplicated

    await meta.sim.customer_writes(account, "igsid-old", "Alo", ago_seconds=3 * DAY)
    await run_jobs()
    old = next(
        c
        for c in await conversations(meta.tenant, channel_id=channel["id"])
        if c["id"] != conv["id"]
    )
    await reply(meta.tenant, old["id"], text="Xin lỗi em trả lời muộn")
    await run_jobs()
    assert (await meta.sim.sent(account))[-1]["tag"] == "HUMAN_AGENT"

    await meta.sim.customer_writes(account, "igsid-gone", "Alo", ago_seconds=8 * DAY)
    await run_jobs()
    gone = next(
        c
        for c in await conversations(meta.tenant, channel_id=channel["id"])
        if c["id"] not in (conv["id"], old["id"])
    )
    r = await meta.tenant.post(f"/api/v1/conversations/{gone['id']}/messages", json={"text": "Alo"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "messaging_window_closed"


async def test_comments_public_reply_hide_delete_and_one_private_reply(meta, run_jobs):
    _, account, channel = await connected(meta, "Shop Bình Luận", "binhluan.shop")
    media = await create_media(meta.sim, account, "Áo len 199k", "REELS")
    cid = await meta.sim.customer_comments(account, media, "igsid-c", "Giá sao ạ", name="Thảo Vy")
    await run_jobs()
    [conv] = await conversations(meta.tenant, channel_id=channel["id"])
    assert conv["kind"] == "comment"
    [comment] = await messages(meta.tenant, conv["id"])
    assert (comment["text"], comment["external_id"]) == ("Giá sao ạ", cid)

    await reply(meta.tenant, conv["id"], text="Dạ 199k ạ")  # public reply
    await reply(meta.tenant, conv["id"], text="Em inbox chị nhé", private_reply=True)
    await run_jobs()
    state = await meta.sim.comment(cid)
    assert [r["message"] for r in state["replies"]] == ["Dạ 199k ạ"]
    assert state["private_replied"] is True
    [private] = await meta.sim.sent(account)
    assert private["recipient"] == {"comment_id": cid}
    r = await meta.tenant.post(
        f"/api/v1/conversations/{conv['id']}/messages",
        json={"text": "lần hai", "private_reply": True},
    )
    assert r.status_code == 409
    await meta.sim.flush()
    await run_jobs()
    texts = [
        (m["text"], m["direction"], m["status"]) for m in await messages(meta.tenant, conv["id"])
    ]
    assert ("Dạ 199k ạ", "out", "sent") in texts and ("Em inbox chị nhé", "out", "sent") in texts
    assert len([t for t in texts if t[0] == "Dạ 199k ạ"]) == 1  # the reply's webhook matched it

    r = await meta.tenant.post(f"/api/v1/comments/{comment['id']}/like")
    assert r.status_code == 409 and r.json()["error"]["code"] == "comment_likes_not_supported"
    assert (await meta.tenant.post(f"/api/v1/comments/{comment['id']}/hide")).status_code == 202
    await run_jobs()
    assert (await meta.sim.comment(cid))["is_hidden"] is True
    assert (await meta.tenant.delete(f"/api/v1/comments/{comment['id']}")).status_code == 202
    await run_jobs()
    assert (await meta.sim.comment(cid))["deleted"] is True
    first = (await messages(meta.tenant, conv["id"]))[0]
    assert first["is_hidden"] and first["is_deleted"]


async def test_private_reply_on_a_live_only_during_the_broadcast(meta, run_jobs):
    _, account, channel = await connected(meta, "Shop Live", "live.shop")
    live = await meta.sim.go_live(account, "Live tối nay")
    during = await meta.sim.customer_comments(
        account, live["post_id"], "igsid-l1", "chốt A01", name="Hoa"
    )
    after = await meta.sim.customer_comments(
        account, live["post_id"], "igsid-l2", "A02 nha", name="Nam"
    )
    await run_jobs()
    convs = await conversations(meta.tenant, channel_id=channel["id"])
    assert len(convs) == 2
    by_comment = {}
    for conv in convs:
        [m] = await messages(meta.tenant, conv["id"])
        by_comment[m["external_id"]] = conv
    await reply(meta.tenant, by_comment[during]["id"], text="Đã chốt A01", private_reply=True)
    await run_jobs()
    assert (await meta.sim.comment(during))["private_replied"] is True
    await meta.sim.live_status(account, live["live_video_id"], "ended")
    await reply(meta.tenant, by_comment[after]["id"], text="Đã chốt A02", private_reply=True)
    await run_jobs()
    out = [m for m in await messages(meta.tenant, by_comment[after]["id"]) if m["is_private_reply"]]
    assert out[0]["status"] == "failed" and out[0]["error_code"] == "10903"


async def test_signatures_duplicates_and_isolation(meta, run_jobs, make_tenant):
    page, account, channel = await connected(meta, "Shop Chữ Ký", "chuky.shop")
    body = {
        "object": "instagram",
        "entry": [
            {
                "id": account.account_id,
                "time": 1764700000,
                "messaging": [
                    {
                        "sender": {"id": "igsid-raw"},
                        "recipient": {"id": account.account_id},
                        "timestamp": 1764700000000,
                        "message": {
                            "mid": "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx",
                            "text": "Xin chào",
                        },
                    }
                ],
            }
        ],
    }
    for mode in ("wrong", "missing"):
        assert await meta.sim.post_raw(body, signature_mode=mode) == 403
    await run_jobs()
    assert await conversations(meta.tenant, channel_id=channel["id"]) == []
    await meta.sim.configure(duplicate_deliveries=True)
    await meta.sim.post_raw(body)
    await meta.sim.customer_writes(account, "igsid-raw", "Lần hai")
    await run_jobs()
    [conv] = await conversations(meta.tenant, channel_id=channel["id"])
    assert [m["text"] for m in await messages(meta.tenant, conv["id"])] == ["Xin chào", "Lần hai"]
    other = await make_tenant()
    assert (await other.get(f"/api/v1/conversations/{conv['id']}")).status_code == 404
    assert await conversations(other) == []
    # The same Instagram account cannot be connected by another workspace.
    selection, _ = await meta.login([page], tenant=other)
    r = await other.post(
        f"/api/v1/channels/facebook/selections/{selection}",
        json={"external_ids": [account.account_id]},
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "channel_in_other_workspace"


async def test_backfill_reads_instagram_conversations_and_overlaps_webhooks(meta, run_jobs):
    page, account = await meta.page_with_instagram("Shop Cũ", "cu.shop")
    await meta.sim.customer_writes(account, "igsid-b1", "Tin cũ 1", name="Bình")
    await meta.sim.customer_writes(account, "igsid-b2", "Tin cũ 2", name="Cúc")
    _, channel = await meta.connect_both(page, account)
    await meta.sim.customer_writes(account, "igsid-b1", "Tin mới")
    await run_jobs()
    r = await meta.tenant.post(f"/api/v1/channels/{channel['id']}/sync")
    assert r.status_code == 202
    await run_jobs()
    convs = await conversations(meta.tenant, channel_id=channel["id"])
    texts = sorted([m["text"] for c in convs for m in await messages(meta.tenant, c["id"])])
    assert texts == ["Tin cũ 1", "Tin cũ 2", "Tin mới"]
    r = await meta.tenant.get(f"/api/v1/channels/{channel['id']}")
    assert r.json()["sync"]["status"] == "done"


async def test_livestream_selling_takes_orders_from_an_instagram_live(meta, run_jobs):
    from livestream.helpers import default_items, make_products

    _, account, channel = await connected(meta, "Shop Live Bán", "liveban.shop")
    live = await meta.sim.go_live(account, "Live xả hàng")
    products = await make_products(meta.tenant)
    r = await meta.tenant.post(
        "/api/v1/livestreams",
        json={"channel_id": channel["id"], "live_video_id": live["post_id"], "title": "IG Live"},
    )
    assert r.status_code == 201, r.text
    livestream = r.json()
    r = await meta.tenant.put(
        f"/api/v1/livestreams/{livestream['id']}/config",
        json={"items": default_items(products)},
    )
    assert r.status_code == 200, r.text
    await meta.sim.customer_comments(
        account, live["post_id"], "igsid-buyer", "Q02 0912 345 678", name="Ngọc Hân"
    )
    await meta.sim.customer_comments(account, live["post_id"], "igsid-chat", "đẹp quá", name="Vy")
    await run_jobs()
    r = await meta.tenant.get(f"/api/v1/livestreams/{livestream['id']}/comments")
    outcomes = sorted(c["outcome"] for c in r.json()["items"])
    assert outcomes == ["not_understood", "order_created"], r.json()


async def test_messages_kept_before_the_account_was_connected_are_replayed(meta, run_jobs):
    page, account = await meta.page_with_instagram("Shop Đến Sau", "densau.shop")
    body = {
        "object": "instagram",
        "entry": [
            {
                "id": account.account_id,
                "time": 1764700000,
                "messaging": [
                    {
                        "sender": {"id": "igsid-early"},
                        "recipient": {"id": account.account_id},
                        "timestamp": 1764700000000,
                        "message": {"mid": "aWdfZAG1faXRlbToxOkVBUkxZ", "text": "Shop ơi"},
                    }
                ],
            }
        ],
    }
    assert await meta.sim.post_raw(body) == 200
    await run_jobs()
    _, channel = await meta.connect_both(page, account)
    [conv] = await conversations(meta.tenant, channel_id=channel["id"])
    assert [m["text"] for m in await messages(meta.tenant, conv["id"])] == ["Shop ơi"]
