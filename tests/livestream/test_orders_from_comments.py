"""Comments on a live video become orders (service layer: `inbox.flows.record_comment`)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from chotdon.core.db import unit_of_work
from chotdon.customers.models import PhoneBlacklist
from chotdon.inbox.models import Message

from .helpers import lines, make_live

PHONE = "0912345678"


async def test_keyword_and_phone_make_one_order_per_customer(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", f"Q02 {PHONE}")
    await live.comment("u2", "chốt V03 x2 0987.654.321")
    await live.comment("u1", "V03 nữa nha")  # same customer: same order, known phone
    await live.comment("u3", "đẹp quá shop ơi")
    await run_jobs()
    orders = await live.orders()
    assert len(orders) == 2
    by_phone = {o["phone"]: o for o in orders}
    first = by_phone["+84912345678"]
    assert first["source"] == "livestream" and first["status"] == "draft"
    assert first["livestream_id"] == live.id
    assert lines(first) == [("Q02", 1), ("V03", 1)]
    assert first["total"] == 250_000 + 299_000  # V03 at the livestream's price
    second = by_phone["+84987654321"]
    assert lines(second) == [("V03", 2)]
    outcomes = sorted(c["outcome"] for c in await live.comments())
    assert outcomes == ["not_understood", "order_created", "order_created", "order_updated"]


async def test_same_comment_delivered_twice_counts_once(tenant, run_jobs):
    live = await make_live(tenant)
    cid = await live.comment("u1", f"Q02 x2 {PHONE}")
    await live.comment("u1", f"Q02 x2 {PHONE}", cid=cid)
    await run_jobs()
    await live.comment("u1", f"Q02 x2 {PHONE}", cid=cid)
    await run_jobs()
    [order] = await live.orders()
    assert lines(order) == [("Q02", 2)]
    assert len(await live.comments()) == 1


async def test_repeated_keyword_without_quantity_adds_nothing_by_default(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", f"Q02 {PHONE}")
    await live.comment("u1", "Q02")
    await live.comment("u1", "Q02 Q02 chốt")
    await run_jobs()
    [order] = await live.orders()
    assert lines(order) == [("Q02", 1)]
    await live.comment("u1", "Q02 x2")  # an explicit quantity does add
    await run_jobs()
    [order] = await live.orders()
    assert sum(q for _, q in lines(order)) == 3
    feed = [c["outcome"] for c in await live.comments()]
    assert feed.count("repeated") == 2


async def test_setting_makes_a_repeated_keyword_add_one_more(tenant, run_jobs):
    live = await make_live(tenant, repeat_adds_quantity=True)
    await live.comment("u1", f"Q02 {PHONE}")
    await live.comment("u1", "Q02")
    await run_jobs()
    [order] = await live.orders()
    assert sum(q for _, q in lines(order)) == 2


async def test_edited_comment_is_parsed_again(tenant, run_jobs):
    live = await make_live(tenant)
    cid = await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    await live.comment("u1", f"V03 x3 {PHONE}", cid=cid, verb="edited")
    await run_jobs()
    [order] = await live.orders()
    assert lines(order) == [("V03", 3)]
    assert order["total"] == 3 * 299_000


async def test_removed_comment_removes_its_items_while_draft(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", f"Q02 {PHONE}")
    second = await live.comment("u1", "V03 x2")
    await run_jobs()
    [order] = await live.orders()
    assert lines(order) == [("Q02", 1), ("V03", 2)]
    await live.comment("u1", None, cid=second, verb="remove")
    await run_jobs()
    [order] = await live.orders()
    assert lines(order) == [("Q02", 1)]
    assert "removed" in [c["outcome"] for c in await live.comments()]


async def test_removed_comment_leaves_a_confirmed_order_alone(tenant, run_jobs):
    live = await make_live(tenant)
    cid = await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    [order] = await live.orders()
    r = await tenant.post(f"/api/v1/orders/{order['id']}/transition", json={"to": "confirmed"})
    assert r.status_code == 200, r.text
    await live.comment("u1", None, cid=cid, verb="remove")
    await run_jobs()
    [order] = await live.orders()
    assert order["status"] == "confirmed" and lines(order) == [("Q02", 1)]
    [feed] = await live.comments()
    assert feed["outcome"] == "order_locked"


async def test_keyword_without_phone_waits_then_phone_later_creates_the_order(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", "V03 x2")
    await run_jobs()
    assert await live.orders() == []
    [feed] = await live.comments()
    assert feed["outcome"] == "missing_phone"
    assert feed["parsed"]["missing"] == ["phone"]
    await live.comment("u1", "sđt mình 0912 345 678 nha")
    await run_jobs()
    [order] = await live.orders()
    assert order["phone"] == "+84912345678"
    assert lines(order) == [("V03", 2)]


async def test_phone_given_before_is_used(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", f"shop ơi mình {PHONE}")
    await run_jobs()
    await live.comment("u1", "Q02")
    await run_jobs()
    [order] = await live.orders()
    assert order["phone"] == "+84912345678" and lines(order) == [("Q02", 1)]


async def test_phone_in_messenger_releases_waiting_comments(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", "Q02")
    await run_jobs()
    assert await live.orders() == []
    await live.message("u1", f"sdt em {PHONE}")
    await run_jobs()
    [order] = await live.orders()
    assert order["phone"] == "+84912345678"


async def test_blacklisted_phone_gets_no_order(tenant, run_jobs):
    live = await make_live(tenant)
    async with unit_of_work() as session:
        session.add(
            PhoneBlacklist(workspace_id=tenant.workspace_id, phone="+84912345678", reason="bùng")
        )
    await live.comment("u1", f"Q02 {PHONE}")
    await live.comment("u2", "Q02 0987654321")
    await run_jobs()
    orders = await live.orders()
    assert [o["phone"] for o in orders] == ["+84987654321"]
    outcomes = sorted(c["outcome"] for c in await live.comments())
    assert outcomes == ["blacklisted", "order_created"]


async def test_single_product_mode_takes_a_bare_phone(tenant, run_jobs):
    one = None
    live = await make_live(tenant, phone_only_single_product=True, items=[])
    one = [{"keyword": "V03", "product_id": live.products["vay"]["id"]}]
    r = await tenant.put(
        f"/api/v1/livestreams/{live.id}/config",
        json={"items": one, "phone_only_single_product": True},
    )
    assert r.status_code == 200, r.text
    await live.comment("u1", PHONE)
    await live.comment("u2", "lấy 2 cái nha 0987654321")
    await run_jobs()
    orders = {o["phone"]: o for o in await live.orders()}
    assert lines(orders["+84912345678"]) == [("V03", 1)]
    assert lines(orders["+84987654321"]) == [("V03", 2)]


async def test_bare_phone_is_not_an_order_with_several_products(tenant, run_jobs):
    live = await make_live(tenant, phone_only_single_product=True)
    await live.comment("u1", PHONE)
    await run_jobs()
    assert await live.orders() == []


async def test_variant_words_pick_the_variant(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", f"A01 size L màu đỏ x2 {PHONE}")
    await live.comment("u2", "A01 0987654321")  # which size / colour?
    await run_jobs()
    orders = {o["phone"]: o for o in await live.orders()}
    [item] = orders["+84912345678"]["items"]
    assert item["variant_sku"].endswith("-L-DO") and item["quantity"] == 2
    assert item["unit_price"] == 160_000 and not item["needs_variant"]
    # Keyword + phone always makes an order: the size waits on it, flagged.
    [waiting] = orders["+84987654321"]["items"]
    assert waiting["variant_sku"] is None and waiting["needs_variant"]
    assert "variant" in orders["+84987654321"]["missing"]
    outcomes = sorted(c["outcome"] for c in await live.comments())
    assert outcomes == ["missing_variant", "order_created"]


async def test_quantity_limit_caps_a_customer(tenant, run_jobs):
    live = await make_live(tenant)
    items = [
        {"keyword": "Q02", "product_id": live.products["quan"]["id"], "quantity_limit": 2},
    ]
    r = await tenant.put(f"/api/v1/livestreams/{live.id}/config", json={"items": items})
    assert r.status_code == 200
    await live.comment("u1", f"Q02 x5 {PHONE}")
    await run_jobs()
    [order] = await live.orders()
    assert lines(order) == [("Q02", 2)]


async def test_stopped_livestream_takes_no_orders(tenant, run_jobs):
    live = await make_live(tenant)
    r = await tenant.post(f"/api/v1/livestreams/{live.id}/stop")
    assert r.status_code == 200 and r.json()["accepting_orders"] is False
    await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    assert await live.orders() == []
    r = await tenant.post(f"/api/v1/livestreams/{live.id}/start")
    assert r.json()["accepting_orders"] is True
    await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    assert len(await live.orders()) == 1


async def test_hide_phone_comments_queues_a_hide(tenant, run_jobs):
    live = await make_live(tenant, hide_phone_comments=True)
    await live.comment("u1", f"Q02 {PHONE}")
    await live.comment("u2", "Q02")
    await run_jobs()
    feed = {c["text"]: c for c in await live.comments()}
    assert feed[f"Q02 {PHONE}"]["parsed"]["hidden"] is True
    assert "hidden" not in feed["Q02"]["parsed"]


async def test_question_is_not_an_order(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", f"shop {PHONE}")
    await live.comment("u1", "Q02 còn size 30 không shop?")
    await run_jobs()
    assert await live.orders() == []
    assert "question" in [c["outcome"] for c in await live.comments()]


async def test_many_customers_each_get_one_order(tenant, run_jobs):
    live = await make_live(tenant)
    for n in range(30):
        phone = f"09123{n:05d}"
        await live.comment(f"user{n}", f"Q02 {phone}")
        await live.comment(f"user{n}", "V03 x2")
    await run_jobs()
    orders = await live.orders(limit=100)
    assert len(orders) == 30
    assert all(lines(o) == [("Q02", 1), ("V03", 2)] for o in orders)
    totals = await live.totals()
    assert totals["orders"] == 30 and totals["items"] == 90
    assert totals["revenue"] == 30 * (250_000 + 2 * 299_000)
    assert totals["customers"] == 30


async def test_comment_messages_are_never_changed_by_the_parser(tenant, run_jobs):
    live = await make_live(tenant, confirm_by_message=False)
    await live.comment("u1", f"Q02 {PHONE}")
    await run_jobs()
    async with unit_of_work() as session:
        texts = (
            await session.execute(select(Message.text).where(Message.channel_id == live.channel_id))
        ).scalars()
        assert list(texts) == [f"Q02 {PHONE}"]


async def test_sweeper_picks_up_a_comment_whose_job_was_lost(tenant, run_jobs):
    from sqlalchemy import update

    from chotdon.core.redis import QUEUE_NAME, get_arq_pool
    from chotdon.livestream import intake
    from chotdon.livestream.models import LivestreamComment

    live = await make_live(tenant)
    await live.comment("u1", f"Q02 {PHONE}")
    [feed] = await live.comments()
    job_id = f"live-comment:{feed['id']}"
    pool = await get_arq_pool()
    assert await pool.zrem(QUEUE_NAME, job_id) == 1  # Redis lost the job
    await pool.delete(f"arq:job:{job_id}")
    assert await live.orders() == []
    async with unit_of_work() as session:
        await session.execute(
            update(LivestreamComment)
            .where(LivestreamComment.livestream_id == live.id)
            .values(updated_at=LivestreamComment.updated_at - timedelta(minutes=5))
        )
    async with unit_of_work() as session:
        assert await intake.requeue_stale(session) >= 1
    await run_jobs()
    [order] = await live.orders()
    assert lines(order) == [("Q02", 1)]
