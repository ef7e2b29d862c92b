"""A livestream end to end: real signed webhooks from the Facebook simulator → orders, the
confirmation bot's private replies reaching "Facebook", the customer's answers in Messenger."""

from __future__ import annotations

from sqlalchemy import update

from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work
from chotdon.livestream import bot

from .helpers import default_items, lines, make_products


async def start_live(fb, **options):
    """A connected page, products, a livestream prepared in advance, then the page goes live."""
    page = await fb.connect()
    products = await make_products(fb.tenant)
    r = await fb.tenant.post(
        "/api/v1/livestreams", json={"channel_id": fb.channel_id, "title": "Live xả hàng"}
    )
    assert r.status_code == 201, r.text
    live_id = r.json()["id"]
    items = options.pop("items", None) or default_items(products)
    r = await fb.tenant.put(
        f"/api/v1/livestreams/{live_id}/config", json={"items": items, **options}
    )
    assert r.status_code == 200, r.text
    video = await fb.sim.go_live(page, "Live xả hàng 🔴")
    await fb.run_jobs()
    return page, video, live_id, products


async def board(fb, live_id, **params):
    r = await fb.tenant.get(
        f"/api/v1/livestreams/{live_id}/orders", params={"limit": 200, **params}
    )
    assert r.status_code == 200, r.text
    return [row["order"] for row in r.json()["items"]]


async def test_a_live_show_with_many_customers(fb, run_jobs):
    page, video, live_id, _ = await start_live(fb)
    post = video["post_id"]
    await fb.sim.configure(duplicate_deliveries=True)  # Facebook delivers some things twice
    for n in range(12):
        await fb.sim.customer_comments(
            page, post, f"psid-{n}", f"Q02 x2 09123456{n:02d}", name=f"Khách {n}", flush=False
        )
        await fb.sim.customer_comments(page, post, f"psid-{n}", "V03", flush=False)
        await fb.sim.customer_comments(page, post, f"psid-{n}", "đẹp quá shop ơi", flush=False)
    await fb.sim.flush()
    await run_jobs()
    orders = await board(fb, live_id)
    assert len(orders) == 12
    assert all(lines(o) == [("Q02", 2), ("V03", 1)] for o in orders)
    assert {o["phone"] for o in orders} == {f"+849123456{n:02d}" for n in range(12)}
    r = await fb.tenant.get(f"/api/v1/livestreams/{live_id}")
    assert r.json()["status"] == "live" and r.json()["live_video_id"] == video["live_video_id"]
    totals = (await fb.tenant.get(f"/api/v1/livestreams/{live_id}/totals")).json()
    assert totals["orders"] == 12 and totals["items"] == 36 and totals["comments"] == 36


async def test_edits_removals_and_a_phone_given_later(fb, run_jobs):
    page, video, live_id, _ = await start_live(fb)
    post = video["post_id"]
    first = await fb.sim.customer_comments(page, post, "psid-a", "Q02 0912345678", name="An")
    second = await fb.sim.customer_comments(page, post, "psid-a", "V03 x2")
    waiting = await fb.sim.customer_comments(page, post, "psid-b", "V03", name="Bình")
    await run_jobs()
    [order] = await board(fb, live_id)
    assert lines(order) == [("Q02", 1), ("V03", 2)]
    # An edit is parsed again; a removal takes its items away (the order is a draft).
    await fb.sim.change_comment(page, first, "edited", text="Q02 x3 0912345678")
    await fb.sim.change_comment(page, second, "remove")
    await run_jobs()
    [order] = await board(fb, live_id)
    assert lines(order) == [("Q02", 3)]
    # Bình had no phone: nothing yet, then a phone in a later comment makes the order.
    await fb.sim.customer_comments(page, post, "psid-b", "sđt 0987.654.321")
    await run_jobs()
    orders = {o["phone"]: o for o in await board(fb, live_id)}
    assert lines(orders["+84987654321"]) == [("V03", 1)]
    feed = (await fb.tenant.get(f"/api/v1/livestreams/{live_id}/comments")).json()["items"]
    assert {c["outcome"] for c in feed} >= {"removed", "phone_only"}
    assert waiting


async def test_single_product_mode(fb, run_jobs):
    page = await fb.connect()
    products = await make_products(fb.tenant)
    video = await fb.sim.go_live(page, "Live 1 sản phẩm")
    await run_jobs()
    videos = (await fb.tenant.get("/api/v1/livestreams/live-videos")).json()["items"]
    [listed] = [v for v in videos if v["live_video_id"] == video["live_video_id"]]
    r = await fb.tenant.post(
        "/api/v1/livestreams",
        json={"channel_id": fb.channel_id, "post_id": listed["post_id"], "title": "Váy hoa"},
    )
    assert r.status_code == 201, r.text
    live_id = r.json()["id"]
    r = await fb.tenant.put(
        f"/api/v1/livestreams/{live_id}/config",
        json={
            "items": [{"keyword": "V", "product_id": products["vay"]["id"]}],
            "phone_only_single_product": True,
        },
    )
    assert r.status_code == 200
    await fb.sim.customer_comments(page, video["post_id"], "p1", "0912345678")
    await fb.sim.customer_comments(page, video["post_id"], "p2", "lấy 2 cái 0987 654 321")
    await run_jobs()
    orders = {o["phone"]: o for o in await board(fb, live_id)}
    assert lines(orders["+84912345678"]) == [("V", 1)]
    assert lines(orders["+84987654321"]) == [("V", 2)]


async def test_blacklisted_customer_gets_no_order(fb, run_jobs):
    page, video, live_id, _ = await start_live(fb)
    post = video["post_id"]
    await fb.sim.customer_comments(page, post, "bad", "Q02 0912345678", name="Bùng")
    await run_jobs()
    [order] = await board(fb, live_id)
    r = await fb.tenant.post(
        f"/api/v1/livestreams/{live_id}/orders/bulk",
        json={"ids": [order["id"]], "action": "cancel", "reason": "Bùng hàng"},
    )
    assert r.json()["done"] == [order["id"]]
    r = await fb.tenant.post(f"/api/v1/contacts/{order['contact_id']}/blacklist", json={})
    assert r.status_code == 200, r.text
    await fb.sim.customer_comments(page, post, "bad", "V03 0912345678")
    await fb.sim.customer_comments(page, post, "good", "V03 0987654321")
    await run_jobs()
    open_orders = await board(fb, live_id, status="draft")
    assert [o["phone"] for o in open_orders] == ["+84987654321"]


async def test_bot_confirmation_round_trip(fb, run_jobs):
    page, video, live_id, _ = await start_live(
        fb, confirm_by_message=True, hide_phone_comments=True
    )
    cid = await fb.sim.customer_comments(
        page, video["post_id"], "psid-lan", "chốt Q02 x2 0912345678", name="Nguyễn Thị Lan"
    )
    await run_jobs()
    [order] = await board(fb, live_id)
    assert order["bot_status"] == "sent"
    state = await fb.sim.comment(cid)
    assert state["private_replied"] is True
    assert state["is_hidden"] is True  # the phone number is hidden from other viewers
    sent = [str(s) for s in await fb.sim.sent(page)]
    assert any(order["code"] in s and "Quần jean x2" in s for s in sent)
    # The customer answers in Messenger: the address, then the confirm button.
    await fb.sim.customer_writes(
        page, "psid-lan", "Địa chỉ: 12 Lê Lợi, phường Bến Nghé, Quận 1, TP HCM"
    )
    await run_jobs()
    [order] = await board(fb, live_id)
    assert order["address"] == "12 Lê Lợi, phường Bến Nghé, Quận 1, TP HCM"
    assert order["status"] == "draft"
    await fb.sim.customer_writes(
        page,
        "psid-lan",
        "Xác nhận",
        quick_reply=f"{bot.CONFIRM_PAYLOAD_PREFIX}{order['id']}",
    )
    await run_jobs()
    [order] = await board(fb, live_id)
    assert order["status"] == "confirmed"
    sent = [str(s) for s in await fb.sim.sent(page)]
    assert any("ghi nhận địa chỉ" in s for s in sent)
    assert sum(order["code"] in s for s in sent) >= 2  # the bot's summary and the receipt


async def test_bot_ok_in_text_confirms(fb, run_jobs):
    page, video, live_id, _ = await start_live(fb, confirm_by_message=True)
    await fb.sim.customer_comments(page, video["post_id"], "psid-k", "V03 0912345678")
    await run_jobs()
    await fb.sim.customer_writes(page, "psid-k", "ok shop")
    await run_jobs()
    [order] = await board(fb, live_id)
    assert order["status"] == "confirmed"


async def test_private_reply_limits(fb, run_jobs):
    page, video, live_id, _ = await start_live(fb, confirm_by_message=True)
    async with unit_of_work() as session:
        await session.execute(
            update(Channel)
            .where(Channel.id == fb.channel_id)
            .values(settings=Channel.settings.op("||")({"private_reply_hourly_cap": 2}))
        )
    post = video["post_id"]
    # One private reply per comment: an edit does not send a second one.
    cid = await fb.sim.customer_comments(page, post, "c1", "Q02 0912345601")
    await run_jobs()
    await fb.sim.change_comment(page, cid, "edited", text="Q02 x2 0912345601")
    await run_jobs()
    # A comment older than 7 days cannot get one: the failure shows on the order.
    await fb.sim.customer_comments(page, post, "c2", "Q02 0912345602", ago_seconds=8 * 24 * 3600)
    # The page's hourly cap (2 here): the third reply waits in a visible queue.
    await fb.sim.customer_comments(page, post, "c3", "Q02 0912345603")
    await fb.sim.customer_comments(page, post, "c4", "Q02 0912345604")
    await run_jobs()
    orders = {o["phone"][-2:]: o for o in await board(fb, live_id)}
    assert lines(orders["01"]) == [("Q02", 2)]
    assert orders["01"]["bot_status"] == "sent"
    assert orders["02"]["bot_status"] == "failed" and "7 days" in orders["02"]["bot_error"]
    # c3 and c4 are processed in parallel: one of them got the last slot.
    assert sorted([orders["03"]["bot_status"], orders["04"]["bot_status"]]) == ["queued", "sent"]
    private = [s for s in await fb.sim.sent(page) if "comment_id" in str(s)]
    assert len(private) == 2
    totals = (await fb.tenant.get(f"/api/v1/livestreams/{live_id}/totals")).json()
    assert totals["bot_queued"] == 1 and totals["bot_failed"] == 1


async def test_a_private_reply_facebook_refuses_shows_on_the_order(fb, run_jobs):
    page, video, live_id, _ = await start_live(fb, confirm_by_message=True)
    await fb.sim.fail_next_sends(10, code=10900, message="(#10900) Activity already replied to")
    await fb.sim.customer_comments(page, video["post_id"], "psid-f", "Q02 0912345678")
    await run_jobs()
    [order] = await board(fb, live_id)
    assert order["bot_status"] == "failed"
    assert order["bot_error"]
    totals = (await fb.tenant.get(f"/api/v1/livestreams/{live_id}/totals")).json()
    assert totals["bot_failed"] == 1
