"""Feed comments and live videos through real signed deliveries."""

from __future__ import annotations

from fb_helpers import conversations, messages
from sqlalchemy import select

from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Post


async def post_row(channel_id: int, external_id: str) -> Post:
    async with unit_of_work() as session:
        return (
            await session.execute(
                select(Post).where(Post.channel_id == channel_id, Post.external_id == external_id)
            )
        ).scalar_one()


async def test_comment_threads_one_per_post_and_customer(fb, run_jobs):
    page = await fb.connect()
    post_a = await fb.sim.create_post(
        page, "Áo khoác dù 299k 🔥", picture="https://scontent.xx.fbcdn.net/a.jpg"
    )
    post_b = await fb.sim.create_post(page, "Váy hoa nhí")
    # Feed webhooks give comment times to the second: space them so their order is defined.
    c1 = await fb.sim.customer_comments(
        page, post_a, "u-1", "Giá sao shop?", name="Hoàng Thị Mai", ago_seconds=40
    )
    await fb.sim.customer_comments(
        page, post_a, "u-1", "Còn size L không", name="Hoàng Thị Mai", ago_seconds=30
    )
    await fb.sim.customer_comments(page, post_a, "u-2", "Ib em", name="Vũ Đức Anh")
    await fb.sim.customer_comments(page, post_b, "u-1", "Mẫu này đẹp", name="Hoàng Thị Mai")
    await fb.sim.customer_comments(
        page,
        post_a,
        "u-1",
        None,
        name="Hoàng Thị Mai",
        photo="https://scontent.xx.fbcdn.net/c.jpg",
        ago_seconds=20,
    )
    await fb.sim.customer_comments(page, post_a, "u-1", "trả lời", parent_id=c1)
    await run_jobs()
    convs = await conversations(fb.tenant, kind="comment")
    assert len(convs) == 3
    stored = await post_row(fb.channel_id, post_a)
    assert stored.message == "Áo khoác dù 299k 🔥"
    assert stored.permalink_url and stored.permalink_url.endswith(post_a.split("_")[1])
    mai_a = next(
        c for c in convs if c["post_id"] == stored.id and c["contact"]["name"] == "Hoàng Thị Mai"
    )
    items = await messages(fb.tenant, mai_a["id"])
    assert [m["text"] for m in items] == ["Giá sao shop?", "Còn size L không", None, "trả lời"]
    assert items[2]["attachments"] == [
        {"type": "image", "url": "https://scontent.xx.fbcdn.net/c.jpg"}
    ]
    assert items[3]["parent_external_id"] == c1
    assert all(m["kind"] == "comment" and m["direction"] == "in" for m in items)
    r = await fb.tenant.get("/api/v1/conversations", params={"post_id": stored.id})
    assert len(r.json()["items"]) == 2


async def test_edit_hide_unhide_remove(fb, run_jobs):
    page = await fb.connect()
    post = await fb.sim.create_post(page, "Quần jean")
    cid = await fb.sim.customer_comments(page, post, "u-edit", "Lấy 1 cái", name="Đỗ Thị Hương")
    await run_jobs()
    await fb.sim.change_comment(page, cid, "edited", text="Lấy 2 cái, sđt 0987654321")
    await fb.sim.change_comment(page, cid, "hide", by_page=True)
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    [msg] = await messages(fb.tenant, conv["id"])
    assert msg["text"] == "Lấy 2 cái, sđt 0987654321" and msg["edited_at"]
    assert msg["is_hidden"] is True
    assert conv["has_phone"] or (await conversations(fb.tenant))[0]["has_phone"]
    await fb.sim.change_comment(page, cid, "unhide", by_page=True)
    await run_jobs()
    [msg] = await messages(fb.tenant, conv["id"])
    assert msg["is_hidden"] is False
    await fb.sim.change_comment(page, cid, "remove")
    await run_jobs()
    [msg] = await messages(fb.tenant, conv["id"])
    assert msg["is_deleted"] is True


async def test_page_reply_made_on_facebook_is_outgoing_in_the_thread(fb, run_jobs):
    page = await fb.connect()
    post = await fb.sim.create_post(page, "Sale")
    cid = await fb.sim.customer_comments(page, post, "u-pg", "Giá?", name="Ngô Thanh Tâm")
    await fb.sim.page_comments(page, cid, "Dạ 199k ạ")
    await fb.sim.page_comments(page, post, "Bài viết của trang")  # not in any customer thread
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    items = await messages(fb.tenant, conv["id"])
    assert [(m["text"], m["direction"], m["sender_type"]) for m in items] == [
        ("Giá?", "in", "contact"),
        ("Dạ 199k ạ", "out", "page"),
    ]
    assert conv["replied"] is True


async def test_live_video_lifecycle_and_comments(fb, run_jobs):
    page = await fb.connect()
    live = await fb.sim.go_live(page, "Live xả hàng 🔴")
    await fb.sim.customer_comments(
        page, live["post_id"], "u-live", "A1 0912345678", name="Lý Gia Bảo"
    )
    await run_jobs()
    post = await post_row(fb.channel_id, live["post_id"])
    assert post.kind == "live_video"
    assert post.live_video_external_id == live["live_video_id"]
    assert post.live_status == "live"
    [conv] = await conversations(fb.tenant)
    assert conv["post_id"] == post.id and conv["has_phone"]
    await fb.sim.live_status(page, live["live_video_id"], "live_stopped")
    await run_jobs()
    assert (await post_row(fb.channel_id, live["post_id"])).live_status == "live_stopped"
    await fb.sim.live_status(page, live["live_video_id"], "vod")
    await run_jobs()
    assert (await post_row(fb.channel_id, live["post_id"])).live_status == "vod"


async def test_change_for_a_comment_not_stored_yet_waits_for_it(fb, run_jobs):
    """A hide that overtakes its comment (retries, parallel jobs) still applies."""
    page = await fb.connect()
    post = await fb.sim.create_post(page, "Áo")
    # The comment's delivery is refused once and retried after the hide arrives.
    await fb.sim.configure(signature_mode="wrong", retry_delays=[0.0, 0.6])
    cid = await fb.sim.customer_comments(page, post, "u-late", "Lấy 1", flush=False)
    await fb.sim.configure(signature_mode="valid")
    await fb.sim.change_comment(page, cid, "hide", by_page=True, flush=False)
    await run_jobs()  # the hide arrives first: its delivery waits
    await fb.sim.flush()
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    [msg] = await messages(fb.tenant, conv["id"])
    assert msg["text"] == "Lấy 1" and msg["is_hidden"] is True
