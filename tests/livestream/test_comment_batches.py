"""The comment job applies the pending comments of a livestream in batches (`intake.process_batch`):
the same orders as one comment at a time, in each customer's order, a failure kept to its comment."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from chotdon.core.db import unit_of_work
from chotdon.livestream import intake, jobs
from chotdon.livestream.models import LivestreamComment

from .helpers import lines, make_live


async def _comment_ids(livestream_id: int, outcome: str | None = None) -> list[int]:
    async with unit_of_work() as session:
        stmt = select(LivestreamComment.id).where(LivestreamComment.livestream_id == livestream_id)
        if outcome is not None:
            stmt = stmt.where(LivestreamComment.outcome == outcome)
        return list((await session.execute(stmt.order_by(LivestreamComment.id))).scalars())


async def _outcomes(live) -> dict[int, str]:
    return {c["id"]: c["outcome"] for c in await live.comments(limit=200)}


async def test_one_job_applies_the_pending_comments_of_many_customers(
    tenant, run_jobs, monkeypatch
):
    monkeypatch.setattr(intake, "BATCH_SIZE", 100)
    live = await make_live(tenant)
    for n in range(40):
        await live.comment(f"user{n}", f"Q02 09123{n:05d}")
        await live.comment(f"user{n}", "V03 x2")
        await live.comment(f"user{n}", "Q02")  # a repeat without a quantity adds nothing
    pending = await _comment_ids(live.id, intake.PENDING)
    assert len(pending) == 120
    await jobs.live_comment({}, pending[0])  # the oldest 100 in one transaction
    assert len(await _comment_ids(live.id, intake.PENDING)) == 20
    await jobs.live_comment({}, pending[-1])  # the rest
    assert await _comment_ids(live.id, intake.PENDING) == []
    await run_jobs()  # the other 118 jobs find their comment applied
    orders = await live.orders(limit=100)
    assert len(orders) == 40
    assert all(lines(o) == [("Q02", 1), ("V03", 2)] for o in orders)
    assert all(o["total"] == 250_000 + 2 * 299_000 for o in orders)
    assert sorted(o["code"] for o in orders) == [f"DH{n:06d}" for n in range(1, 41)]
    assert {o["phone"] for o in orders} == {f"+849123{n:05d}" for n in range(40)}
    feed = [c["outcome"] for c in await live.comments(limit=200)]
    assert sorted(feed) == ["order_created"] * 40 + ["order_updated"] * 40 + ["repeated"] * 40
    assert all(c["order_id"] for c in await live.comments(limit=200))
    totals = await live.totals()
    assert totals["orders"] == 40 and totals["items"] == 120 and totals["customers"] == 40


async def test_codes_stay_gapless_when_a_batch_mixes_new_and_known_customers(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", "Q02 0912345678")
    await run_jobs()
    r = await tenant.post(
        "/api/v1/orders",
        json={"items": [{"product_id": live.products["quan"]["id"], "quantity": 1}]},
    )
    assert r.status_code == 201, r.text
    manual = r.json()["code"]
    await live.comment("u1", "V03")
    await live.comment("u2", "V03 0987654321")
    await live.comment("u3", "Q02 0911222333")
    await run_jobs()
    codes = sorted(o["code"] for o in await live.orders())
    assert manual == "DH000002" and codes == ["DH000001", "DH000003", "DH000004"]


async def test_a_comment_that_raises_is_failed_and_the_others_are_applied(
    tenant, run_jobs, monkeypatch
):
    live = await make_live(tenant)
    real = intake._item_specs

    def item_specs(livestream, config, parsed, current, message, **options):
        if "V03" in (message.text or ""):
            raise RuntimeError("a bug met by one comment")
        return real(livestream, config, parsed, current, message, **options)

    monkeypatch.setattr(intake, "_item_specs", item_specs)
    await live.comment("u1", "Q02 0912345678")
    await live.comment("u2", "V03 0987654321")
    await live.comment("u3", "Q02 x2 0911222333")
    await live.comment("u1", "A01 size L màu đỏ")
    first = (await _comment_ids(live.id, intake.PENDING))[0]
    await jobs.live_comment({}, first)  # one batch: the failure comes after applied comments
    await run_jobs()
    orders = {o["phone"]: o for o in await live.orders()}
    assert set(orders) == {"+84912345678", "+84911222333"}
    assert lines(orders["+84912345678"]) == [("A01", 1), ("Q02", 1)]
    assert lines(orders["+84911222333"]) == [("Q02", 2)]
    feed = {c["text"]: c for c in await live.comments()}
    assert feed["V03 0987654321"]["outcome"] == "failed"
    assert "a bug" in feed["V03 0987654321"]["parsed"]["error"]["message"]
    assert await _comment_ids(live.id, intake.PENDING) == []
    # Fixed: an edit of the failed comment is applied as usual.
    monkeypatch.setattr(intake, "_item_specs", real)
    cid = await live.comment("u2", "V03 0987654321")  # a new comment of the same customer
    await run_jobs()
    assert cid and len(await live.orders()) == 3


async def test_jobs_run_again_change_nothing(tenant, run_jobs):
    live = await make_live(tenant)
    for n in range(5):
        await live.comment(f"user{n}", f"Q02 x2 09123{n:05d}")
        await live.comment(f"user{n}", "V03")
        await live.comment(f"user{n}", "đẹp quá")
    await live.comment("lost", "V03")  # no phone: waits
    await run_jobs()
    before = sorted(await live.orders(), key=lambda o: o["id"])
    feed_before = await _outcomes(live)
    for lc_id in await _comment_ids(live.id):
        await jobs.live_comment({}, lc_id)
        await jobs.live_comment({}, lc_id)
    await run_jobs()
    after = sorted(await live.orders(), key=lambda o: o["id"])
    assert [(o["code"], o["version"], lines(o), o["total"]) for o in after] == [
        (o["code"], o["version"], lines(o), o["total"]) for o in before
    ]
    assert await _outcomes(live) == feed_before
    assert sorted(feed_before.values()).count("missing_phone") == 1


async def test_a_customers_comments_wait_for_an_older_one_held_by_another_batch(tenant):
    live = await make_live(tenant)
    await live.comment("u1", "Q02 0912345678")
    await live.comment("u1", "V03 x2")
    await live.comment("u2", "Q02 0987654321")
    first, second, other = await _comment_ids(live.id, intake.PENDING)
    job: asyncio.Task[None] | None = None
    async with unit_of_work() as held:  # another batch at work on the first comment
        await held.execute(
            select(LivestreamComment.id).where(LivestreamComment.id == first).with_for_update()
        )
        job = asyncio.create_task(jobs.live_comment({}, second))
        # Another customer's comment goes on in the job's batch (however slow the machine)...
        for _ in range(200):
            if await _comment_ids(live.id, intake.PENDING) == [first, second]:
                break
            await asyncio.sleep(0.05)
        assert await _comment_ids(live.id, intake.PENDING) == [first, second]
        await asyncio.sleep(0.2)
        assert not job.done()  # ...while the second comment waits for the first
    await asyncio.wait_for(job, 10)
    orders = {o["phone"]: o for o in await live.orders()}
    assert lines(orders["+84912345678"]) == [("Q02", 1), ("V03", 2)]
    assert lines(orders["+84987654321"]) == [("Q02", 1)]
    feed = {c["id"]: c["outcome"] for c in await live.comments()}
    assert feed == {first: "order_created", second: "order_updated", other: "order_created"}


async def test_chatter_settled_at_ingestion_is_fed_like_a_comment_the_job_applied(tenant, run_jobs):
    """The order board's comment feed gets one shape of `livestream.comment` frame, whether the
    comment was settled while it was ingested (chatter) or by its order job."""
    from support.shop import events_of

    live = await make_live(tenant)
    await live.comment("fan", "đẹp quá shop ơi")
    await live.comment("buyer", "Q02 0912345678")
    await run_jobs()
    frames = {
        data["text"]: data
        for kind, data in await events_of(tenant.workspace_id)
        if kind == "livestream.comment"
    }
    chatter, order = frames["đẹp quá shop ơi"], frames["Q02 0912345678"]
    assert chatter["outcome"] == "not_understood" and order["outcome"] == "order_created"
    assert set(chatter) == set(order)
    assert chatter["livestream_id"] == order["livestream_id"] == live.id
    assert chatter["customer_name"] and chatter["is_deleted"] is False and chatter["created_at"]
