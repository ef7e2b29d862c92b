"""arq jobs of this domain: thin functions that take ids, load, and call the service.

`JOBS` and `CRON_JOBS` are collected by `chotdon.worker.WorkerSettings`.
"""

from __future__ import annotations

from typing import Any

from arq import cron

from chotdon.core.batching import LoopLock, RecentIds
from chotdon.core.db import unit_of_work
from chotdon.livestream import answers, confirmation, intake

# Comments applied by this process's batches, and one batch at a time in this process: in a
# burst, the jobs of the comments a batch took wait here (no database connection, no row
# lock) and then end without a query.
_applied = RecentIds()
_batch_lock = LoopLock()


async def live_comment(
    ctx: dict[str, Any],
    livestream_comment_id: int,
    again: bool = False,
    variant_hint: str | None = None,
) -> None:
    """One livestream comment → the customer's order (created, extended, trimmed), with the
    other comments of the livestream still waiting (a batch: see `intake.process_comment`)."""
    # The job enqueued when the comment was recorded; edits, removals and wake-ups have
    # job ids of their own and always read the database.
    first = ctx.get("job_id") == f"live-comment:{livestream_comment_id}" and not again
    if first and livestream_comment_id in _applied:
        return
    async with _batch_lock.get():
        if first and livestream_comment_id in _applied:
            return
        async with unit_of_work() as session:
            done = await intake.process_comment(
                session, livestream_comment_id, again=again, variant_hint=variant_hint
            )
        _applied.add(session.info.get(intake.APPLIED_KEY, ()))  # committed now
    if not done:  # another process's batch holds the comment: wait for it, then check
        async with unit_of_work() as session:
            await intake.process_after_batch(session, livestream_comment_id)


async def live_bot_drain(ctx: dict[str, Any]) -> None:
    """Confirmations held back by the pages' hourly cap of private replies, as slots free up."""
    async with unit_of_work() as session:
        await confirmation.drain_bot_queue(session)


async def live_customer_answer(ctx: dict[str, Any], message_id: int) -> None:
    """The customer's Messenger answer to the bot: address, phone, "ok"."""
    async with unit_of_work() as session:
        await answers.process_answer(session, message_id)


async def live_sweep_pending(ctx: dict[str, Any]) -> None:
    async with unit_of_work() as session:
        await intake.requeue_stale(session)


JOBS: list[Any] = [live_comment, live_customer_answer, live_sweep_pending, live_bot_drain]
CRON_JOBS: list[Any] = [
    cron(live_sweep_pending, second=30, unique=True, run_at_startup=False),
    cron(live_bot_drain, second=50, unique=True, run_at_startup=False),
]
