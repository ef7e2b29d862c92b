"""Replies and comment actions reach the simulator exactly once, with Facebook's rules."""

from __future__ import annotations

from datetime import timedelta

import orjson
from fb_helpers import conversations, message_rows, messages

from chotdon.channels import sending
from chotdon.channels.facebook import graph, send
from chotdon.core.redis import get_redis

DAY = 24 * 3600


async def reply(fb, conversation_id: int, **body) -> dict:
    r = await fb.tenant.post(f"/api/v1/conversations/{conversation_id}/messages", json=body)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "pending"
    return r.json()


async def customer_thread(fb, run_jobs, psid: str = "psid-out", **kw):
    page = await fb.connect()
    await fb.sim.customer_writes(page, psid, "Shop ơi còn hàng không?", **kw)
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    return page, conv


async def test_reply_within_24h_is_sent_once_and_echo_is_matched(fb, run_jobs):
    page, conv = await customer_thread(fb, run_jobs)
    queued = await reply(fb, conv["id"], text="Dạ còn ạ ❤️")
    await run_jobs()
    [sent] = await fb.sim.sent(page)
    assert sent["text"] == "Dạ còn ạ ❤️"
    assert sent["messaging_type"] == "RESPONSE" and sent["tag"] is None
    assert sent["metadata"] == f"chotdon:{queued['id']}"
    await fb.sim.flush()  # the echo webhook
    await run_jobs()
    items = await messages(fb.tenant, conv["id"])
    assert [(m["direction"], m["sender_type"], m["status"]) for m in items] == [
        ("in", "contact", "sent"),
        ("out", "agent", "sent"),
    ]
    assert items[1]["external_id"] == sent["message_id"]
    await fb.sim.read(page, "psid-out")
    await run_jobs()
    assert (await messages(fb.tenant, conv["id"]))[1]["status"] == "read"


async def test_human_agent_tag_between_24h_and_7_days(fb, run_jobs):
    page, conv = await customer_thread(fb, run_jobs, ago_seconds=3 * DAY)
    await reply(fb, conv["id"], text="Xin lỗi chị, em trả lời muộn")
    await run_jobs()
    [sent] = await fb.sim.sent(page)
    assert (sent["messaging_type"], sent["tag"]) == ("MESSAGE_TAG", "HUMAN_AGENT")


async def test_a_reaction_reopens_the_24h_window(fb, run_jobs):
    page = await fb.connect()
    sent = await fb.sim.customer_writes(page, "psid-rw", "Áo đẹp", ago_seconds=3 * DAY)
    await fb.sim.react(page, "psid-rw", sent["mid"])
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    await reply(fb, conv["id"], text="Cảm ơn chị ạ")
    await run_jobs()
    [out] = await fb.sim.sent(page)
    assert (out["messaging_type"], out["tag"]) == ("RESPONSE", None)


async def test_after_7_days_the_api_refuses(fb, run_jobs):
    _, conv = await customer_thread(fb, run_jobs, ago_seconds=8 * DAY)
    r = await fb.tenant.post(f"/api/v1/conversations/{conv['id']}/messages", json={"text": "hi"})
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "messaging_window_closed"


async def test_window_error_from_facebook_fails_without_retry(fb, run_jobs):
    page, conv = await customer_thread(fb, run_jobs)
    # Facebook's clock says two days passed: it refuses a RESPONSE with 10/2018278.
    await fb.sim.advance_clock(2 * DAY)
    await reply(fb, conv["id"], text="Dạ")
    await run_jobs()
    assert await fb.sim.sent(page) == []
    [_, out] = await messages(fb.tenant, conv["id"])
    assert out["status"] == "failed"
    assert out["error_code"] == "10/2018278"
    assert "messaging window" in out["error"]
    await fb.sim.advance_clock(-2 * DAY)


async def test_blocked_person_fails_with_clear_reason(fb, run_jobs):
    page = await fb.connect()
    await fb.sim.create_customer(page, "psid-blk", "Khách Chặn", blocked=True)
    await fb.sim.customer_writes(page, "psid-blk", "hi")
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    await reply(fb, conv["id"], text="Dạ")
    await run_jobs()
    out = (await messages(fb.tenant, conv["id"]))[-1]
    assert out["status"] == "failed" and out["error_code"] == "551/1545041"
    assert "isn't available" in out["error"]


async def test_transient_errors_and_rate_limits_recover(fb, run_jobs, fast_retries):
    page, conv = await customer_thread(fb, run_jobs)
    await fb.sim.fail_next_sends(2, code=2)  # absorbed by the client's own retries
    await reply(fb, conv["id"], text="một")
    await run_jobs()
    assert [s["text"] for s in await fb.sim.sent(page)] == ["một"]
    await fb.sim.rate_limit(6, code=613, match="send")  # outlasts the client: the job re-defers
    await reply(fb, conv["id"], text="hai")
    await run_jobs()
    assert [s["text"] for s in await fb.sim.sent(page)] == ["một", "hai"]
    assert [m["status"] for m in await messages(fb.tenant, conv["id"])][1:] == ["sent", "sent"]


async def test_rate_limit_that_never_ends_fails_the_message(
    fb, run_jobs, fast_retries, monkeypatch
):
    monkeypatch.setattr(send, "MAX_SEND_TRIES", 2)
    page, conv = await customer_thread(fb, run_jobs)
    await fb.sim.rate_limit(100, code=4, match="send")
    await reply(fb, conv["id"], text="không qua được")
    await run_jobs()
    out = (await messages(fb.tenant, conv["id"]))[-1]
    assert out["status"] == "failed" and out["error_code"] == "4"
    assert await fb.sim.sent(page) == []
    await fb.sim.clear_failures()


async def test_expired_token_disconnects_the_channel_with_reason(fb, run_jobs):
    page, conv = await customer_thread(fb, run_jobs)
    redis = get_redis()
    key = f"chotdon:events:{fb.tenant.workspace_id}"
    before = await redis.xlen(key)
    await fb.sim.expire_token(page)
    await reply(fb, conv["id"], text="Dạ")
    await run_jobs()
    r = await fb.tenant.get(f"/api/v1/channels/{fb.channel_id}")
    channel = r.json()
    assert channel["status"] == "disconnected"
    assert channel["status_reason_code"] == "token_expired"
    assert "reconnect" in channel["status_reason"]
    out = (await messages(fb.tenant, conv["id"]))[-1]
    assert out["status"] == "failed" and out["error_code"] == "190/463"
    events = [orjson.loads(f[b"e"]) for _, f in (await redis.xrange(key))[before:]]
    updates = [e for e in events if e["type"] == "channel.updated"]
    assert updates and updates[-1]["data"]["status"] == "disconnected"
    # Reconnecting with a fresh token brings it back, history kept.
    token = await fb.sim.renew_token(page)
    r = await fb.tenant.post(
        "/api/v1/channels/facebook", json={"page_id": page.page_id, "access_token": token}
    )
    assert r.status_code == 200 and r.json()["status"] == "connected"
    assert r.json()["id"] == fb.channel_id and r.json()["status_reason"] is None
    await run_jobs()
    assert len(await messages(fb.tenant, conv["id"])) == 2


async def test_worker_dying_after_the_call_never_sends_twice(
    fb, run_jobs, fast_retries, monkeypatch
):
    """The Graph call succeeded, then the worker died before committing `sent`."""
    page, conv = await customer_thread(fb, run_jobs)
    client = graph.get_graph()
    real_post = client.post
    crashes = {"left": 1}

    async def post_then_die(*args, **kwargs):
        result = await real_post(*args, **kwargs)
        if crashes["left"]:
            crashes["left"] -= 1
            raise ConnectionResetError("worker lost its database connection after the call")
        return result

    monkeypatch.setattr(client, "post", post_then_die)
    queued = await reply(fb, conv["id"], text="Chỉ một lần")
    await run_jobs()  # the crash; the retry waits for the echo; the echo arrives meanwhile
    await fb.sim.flush()
    await run_jobs()
    assert [s["text"] for s in await fb.sim.sent(page)] == ["Chỉ một lần"]
    rows = [m for m in await message_rows(fb.channel_id) if m.direction == "out"]
    assert len(rows) == 1 and rows[0].id == queued["id"]
    assert rows[0].status == "sent" and rows[0].external_id


async def test_unconfirmed_send_is_failed_not_resent(fb, run_jobs, fast_retries, monkeypatch):
    page, conv = await customer_thread(fb, run_jobs)
    monkeypatch.setattr(send, "UNCONFIRMED_AFTER", timedelta(seconds=0))
    client = graph.get_graph()
    real_post = client.post

    async def post_then_die(*args, **kwargs):
        await real_post(*args, **kwargs)
        raise ConnectionResetError("died")

    await fb.sim.pause_webhooks()  # no echo will come back in time
    monkeypatch.setattr(client, "post", post_then_die)
    await reply(fb, conv["id"], text="Không rõ đã gửi chưa")
    await run_jobs()
    out = (await messages(fb.tenant, conv["id"]))[-1]
    assert out["status"] == "failed" and out["error_code"] == "send_unconfirmed"
    assert len(await fb.sim.sent(page)) == 1
    await fb.sim.resume_webhooks()


async def test_private_reply_once_per_comment(fb, run_jobs):
    page = await fb.connect()
    post = await fb.sim.create_post(page, "Áo thun 99k")
    cid = await fb.sim.customer_comments(page, post, "u-pr", "Giá sao ạ", name="Phan Thảo Vy")
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    await reply(fb, conv["id"], text="Em inbox chị nhé", private_reply=True)
    await run_jobs()
    [sent] = await fb.sim.sent(page)
    assert sent["recipient"] == {"comment_id": cid}
    assert (await fb.sim.comment(cid))["private_replied"] is True
    r = await fb.tenant.post(
        f"/api/v1/conversations/{conv['id']}/messages",
        json={"text": "lần hai", "private_reply": True},
    )
    assert r.status_code == 409
    await fb.sim.flush()
    await run_jobs()
    items = await messages(fb.tenant, conv["id"])
    assert [(m["text"], m["status"], m["is_private_reply"]) for m in items] == [
        ("Giá sao ạ", "sent", False),
        ("Em inbox chị nhé", "sent", True),
    ]


async def test_second_private_reply_refused_by_facebook_is_failed(fb, run_jobs):
    page = await fb.connect()
    post = await fb.sim.create_post(page, "Áo")
    cid = await fb.sim.customer_comments(page, post, "u-pr2", "Giá?", name="Hồ Văn Nam")
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    # Another tool already answered privately on Facebook.
    r = await fb.sim._http().post(
        f"{fb.sim.graph_url}/{page.page_id}/messages",
        json={"recipient": {"comment_id": cid}, "message": {"text": "tool khác"}},
        headers={"Authorization": f"Bearer {page.access_token}"},
    )
    assert r.status_code == 200
    await reply(fb, conv["id"], text="Em inbox nhé", private_reply=True)
    await run_jobs()
    out = [m for m in await messages(fb.tenant, conv["id"]) if m["is_private_reply"]][-1]
    assert out["status"] == "failed" and out["error_code"] == "10900"
    assert "already has a private reply" in out["error"]


async def test_public_reply_and_comment_actions(fb, run_jobs):
    page = await fb.connect()
    post = await fb.sim.create_post(page, "Váy")
    cid = await fb.sim.customer_comments(
        page, post, "u-pub", "Còn không shop", name="Trịnh Khánh Linh"
    )
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    await reply(fb, conv["id"], text="Dạ còn ạ, chị check inbox nhé")
    await run_jobs()
    fb_comment = await fb.sim.comment(cid)
    assert [r["message"] for r in fb_comment["replies"]] == ["Dạ còn ạ, chị check inbox nhé"]
    await fb.sim.flush()  # the feed webhook of our own reply
    await run_jobs()
    items = await messages(fb.tenant, conv["id"])
    assert [(m["text"], m["direction"], m["status"]) for m in items] == [
        ("Còn không shop", "in", "sent"),
        ("Dạ còn ạ, chị check inbox nhé", "out", "sent"),
    ]
    assert items[1]["external_id"] == fb_comment["replies"][0]["id"]
    comment_id = items[0]["id"]
    for action in ("like", "hide"):
        r = await fb.tenant.post(f"/api/v1/comments/{comment_id}/{action}")
        assert r.status_code == 202, r.text
    await run_jobs()
    state = await fb.sim.comment(cid)
    assert state["liked"] and state["is_hidden"]
    await fb.sim.flush()
    await run_jobs()
    msg = (await messages(fb.tenant, conv["id"]))[0]
    assert msg["is_liked"] and msg["is_hidden"]
    assert (await fb.tenant.post(f"/api/v1/comments/{comment_id}/unhide")).status_code == 202
    await run_jobs()
    assert (await fb.tenant.delete(f"/api/v1/comments/{comment_id}")).status_code == 202
    await run_jobs()
    state = await fb.sim.comment(cid)
    assert state["deleted"] and not state["is_hidden"]
    await fb.sim.flush()
    await run_jobs()
    msg = (await messages(fb.tenant, conv["id"]))[0]
    assert msg["is_deleted"] and not msg["is_hidden"]


async def test_attachment_uploaded_once_and_reused(fb, run_jobs):
    page, conv = await customer_thread(fb, run_jobs)
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
        b"\x00\x00\x00IEND\xaeB`\x82"
    )
    r = await fb.tenant.client.post(
        "/api/v1/media", headers=fb.tenant.headers, files={"file": ("mau-ao.png", png, "image/png")}
    )
    assert r.status_code in (200, 201), r.text
    media_id = r.json()["id"]
    await reply(fb, conv["id"], text="Mẫu đây ạ", attachment_ids=[media_id])
    await run_jobs()
    await reply(fb, conv["id"], attachment_ids=[media_id])
    await run_jobs()
    sent = await fb.sim.sent(page)
    assert [s["text"] for s in sent] == ["Mẫu đây ạ", None, None]
    urls = [s["attachments"][0]["payload"]["url"] for s in sent[1:]]
    assert urls[0] == urls[1] and urls[0].endswith("mau-ao.png")
    assert (await fb.sim.page_state(page))["attachments"] == 1


async def test_page_without_token_fails_cleanly(tenant, run_jobs):
    """A channel row with no token (never connected through the API) fails sends clearly."""
    import uuid
    from datetime import UTC, datetime

    from chotdon.channels.events import InboundMessage, Person
    from chotdon.channels.models import Channel
    from chotdon.core.db import unit_of_work
    from chotdon.inbox import flows

    async with unit_of_work() as session:
        channel = Channel(
            workspace_id=tenant.workspace_id,
            provider="facebook",
            external_id=f"page-{uuid.uuid4().hex[:10]}",
            name="Không token",
            settings={},
            sync_state={},
        )
        session.add(channel)
        await session.flush()
        await flows.record_message(
            session,
            channel,
            InboundMessage(
                external_id=f"m_{uuid.uuid4().hex}",
                customer=Person("psid-nt", "Khách"),
                direction="in",
                created_at=datetime.now(UTC),
                text="alo",
            ),
        )
    [conv] = await conversations(tenant)
    r = await tenant.post(f"/api/v1/conversations/{conv['id']}/messages", json={"text": "Dạ"})
    assert r.status_code == 202
    await run_jobs()
    out = (await messages(tenant, conv["id"]))[-1]
    assert out["status"] == "failed" and out["error_code"] == "channel_disconnected"


async def test_lost_send_job_is_swept_and_sent_once(fb, run_jobs):
    """Redis lost the job (queue flushed): the sweeper finds the pending message and sends it."""
    from datetime import UTC, datetime

    from sqlalchemy import update

    from chotdon.core.db import unit_of_work
    from chotdon.core.redis import QUEUE_NAME, get_redis
    from chotdon.inbox.models import Message

    page, conv = await customer_thread(fb, run_jobs)
    queued = await reply(fb, conv["id"], text="Tin bị kẹt trong hàng đợi")
    await get_redis().delete(QUEUE_NAME)  # the job is gone
    async with unit_of_work() as session:
        await session.execute(
            update(Message)
            .where(Message.id == queued["id"])
            .values(created_at=datetime.now(UTC) - timedelta(minutes=5))
        )
    assert await sending.sweep_pending_sends() >= 1
    await run_jobs()
    assert [s["text"] for s in await fb.sim.sent(page)] == ["Tin bị kẹt trong hàng đợi"]
    await sending.sweep_pending_sends()  # nothing pending any more: sends nothing again
    await run_jobs()
    assert len(await fb.sim.sent(page)) == 1
