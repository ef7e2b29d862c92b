"""Backfill: cursor paging, resumable after an interruption, idempotent with webhooks."""

from __future__ import annotations

from fb_helpers import conversations, message_rows, messages
from sqlalchemy import select

from chotdon.channels.facebook import graph
from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Post

DAY = 24 * 3600


async def page_with_history(fb, threads: int = 30):
    """A page with history from before Chotdon: no webhook was ever sent for it."""
    page = await fb.sim.create_page("Shop Có Lịch Sử")
    for i in range(threads):
        psid = f"9{i:05d}"
        await fb.sim.customer_writes(
            page,
            psid,
            f"Khách {i} hỏi giá",
            name=f"Khách Số {i}",
            ago_seconds=3600 + i,
            flush=False,
        )
        if i % 10 == 0:
            await fb.sim.page_writes(page, psid, f"Dạ shop trả lời {i}", flush=False)
    recent = await fb.sim.create_post(page, "Áo mới về", ago_seconds=2 * DAY, flush=False)
    old = await fb.sim.create_post(page, "Bài cũ", ago_seconds=60 * DAY, flush=False)
    parent = await fb.sim.customer_comments(
        page, recent, "c-1", "Giá?", name="Người Bình Luận", ago_seconds=DAY, flush=False
    )
    await fb.sim.customer_comments(page, recent, "c-2", "Ib", name="Người Thứ Hai", flush=False)
    await fb.sim.customer_comments(page, old, "c-3", "cũ", name="Ai Đó", flush=False)
    await fb.sim.page_comments(page, parent, "Dạ 199k", flush=False)
    live = await fb.sim.go_live(page, "Live tối nay", flush=False)
    await fb.sim.customer_comments(
        page, live["post_id"], "c-4", "A1 0912345678", name="Khách Live", flush=False
    )
    return page, recent, old, live


async def connect(fb, page) -> None:
    r = await fb.tenant.post(
        "/api/v1/channels/facebook",
        json={"page_id": page.page_id, "access_token": page.access_token},
    )
    assert r.status_code == 201, r.text
    fb.channel = r.json()


async def posts(channel_id: int) -> dict[str, Post]:
    async with unit_of_work() as session:
        rows = await session.execute(select(Post).where(Post.channel_id == channel_id))
        return {p.external_id: p for p in rows.scalars()}


async def test_backfill_reads_everything_through_cursor_pages(fb, run_jobs):
    page, recent, old, live = await page_with_history(fb)
    await connect(fb, page)
    await run_jobs()
    convs = await conversations(fb.tenant, kind="message", limit=100)
    assert len(convs) == 30  # two pages of 25 conversations
    names = {c["contact"]["name"] for c in convs}
    assert "Khách Số 0" in names and "Khách Số 29" in names
    replied = next(c for c in convs if c["contact"]["name"] == "Khách Số 10")
    items = await messages(fb.tenant, replied["id"])
    assert [(m["direction"], m["sender_type"]) for m in items] == [
        ("in", "contact"),
        ("out", "page"),
    ]
    stored = await posts(fb.channel_id)
    assert recent in stored and old not in stored  # older than backfill_days (30)
    assert stored[recent].message == "Áo mới về"
    assert stored[live["post_id"]].kind == "live_video"
    assert stored[live["post_id"]].live_status == "live"
    comment_convs = await conversations(fb.tenant, kind="comment")
    assert len(comment_convs) == 3
    first = next(c for c in comment_convs if c["contact"]["name"] == "Người Bình Luận")
    assert [(m["text"], m["direction"]) for m in await messages(fb.tenant, first["id"])] == [
        ("Giá?", "in"),
        ("Dạ 199k", "out"),
    ]
    channel = (await fb.tenant.get(f"/api/v1/channels/{fb.channel_id}")).json()
    assert channel["sync"]["status"] == "done"
    assert channel["sync"]["conversations"] == 30 and channel["sync"]["messages"] == 33
    assert channel["sync"]["posts"] == 2 and channel["sync"]["comments"] >= 3


async def test_backfill_resumes_after_rate_limit_from_the_saved_cursor(
    fb, run_jobs, fast_retries, monkeypatch
):
    page, *_ = await page_with_history(fb)
    client = graph.get_graph()
    real_get = client.get
    calls: list[dict] = []

    async def throttled_once(path, token, params=None):
        if path.endswith("/conversations"):
            calls.append(dict(params or {}))
            if len(calls) == 2:  # the second page: Facebook throttles us for a while
                raise graph.RateLimited("(#32) Page request limit reached", code=32)
        return await real_get(path, token, params)

    monkeypatch.setattr(client, "get", throttled_once)
    await connect(fb, page)
    await run_jobs()
    # Page 1, throttled page 2, then page 2 again from the saved cursor: page 1 never re-read.
    assert [("after" in c) for c in calls] == [False, True, True]
    assert calls[1]["after"] == calls[2]["after"]
    assert len(await conversations(fb.tenant, kind="message", limit=100)) == 30
    rows = await message_rows(fb.channel_id)
    assert len({r.external_id for r in rows}) == len(rows)
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, fb.channel_id)
        assert channel.sync_state["progress"]["status"] == "done"


async def test_backfill_and_webhooks_overlap_without_duplicates(fb, run_jobs):
    page, *_ = await page_with_history(fb, threads=5)
    await connect(fb, page)  # subscribed now: new messages come by webhook too
    for i in range(5):
        await fb.sim.customer_writes(page, f"9{i:05d}", f"Tin mới {i}")
    await run_jobs()  # backfill and webhook deliveries race
    convs = await conversations(fb.tenant, kind="message")
    assert len(convs) == 5
    rows = [r for r in await message_rows(fb.channel_id) if r.kind == "message"]
    assert len(rows) == len({r.external_id for r in rows}) == 5 * 2 + 1
    assert {c["last_message"]["text"] for c in convs} == {f"Tin mới {i}" for i in range(5)}


async def test_resync_one_conversation(fb, run_jobs):
    page = await fb.connect()
    await fb.sim.customer_writes(page, "psid-rs", "Tin đầu")
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    await fb.sim.pause_webhooks()
    await fb.sim.customer_writes(page, "psid-rs", "Tin bị lỡ", flush=False)
    r = await fb.tenant.post(f"/api/v1/conversations/{conv['id']}/sync")
    assert r.status_code == 202
    await run_jobs()
    texts = [m["text"] for m in await messages(fb.tenant, conv["id"])]
    assert texts == ["Tin đầu", "Tin bị lỡ"]
    await fb.sim.resume_webhooks()
    await run_jobs()
    assert len(await messages(fb.tenant, conv["id"])) == 2
