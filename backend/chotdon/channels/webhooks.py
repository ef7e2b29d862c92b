"""Durable webhook deliveries for providers without Facebook's batching path (Shopee, and the
providers after it): store before the 2xx, process exactly once, sweep what a lost job left.

- `store(provider, body)` commits the raw bytes (autocommit INSERT) before the provider gets its
  2xx; the job is enqueued after the answer, and `sweep` re-enqueues anything a lost job, a dead
  worker or a Redis restart left `pending`.
- `process(delivery_id, apply)` runs the provider's `apply(session, delivery)` in the same
  transaction that moves the row from `pending` to `processed` (the row is locked): a second
  job for the same delivery waits, then finds it processed. A failing delivery is retried by
  arq and marked `failed` after `MAX_ATTEMPTS`, never blocking the others.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.models import WebhookDelivery
from chotdon.core.db import get_engine, unit_of_work
from chotdon.core.redis import get_arq_pool

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
SWEEP_AFTER_SECONDS = 30

Apply = Callable[[AsyncSession, WebhookDelivery], Awaitable[None]]


async def store(provider: str, body: bytes, request_id: str | None = None) -> int:
    """Insert the raw delivery; committed (durable) when this returns."""
    async with get_engine().connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        result = await conn.execute(
            insert(WebhookDelivery).returning(WebhookDelivery.id),
            {"provider": provider, "body": body, "request_id": request_id, "status": "pending"},
        )
        return int(result.scalar_one())


async def enqueue(job_name: str, delivery_id: int) -> None:
    """Hand a stored delivery to the workers (after the answer; the sweeper covers a loss)."""
    try:
        pool = await get_arq_pool()
        await pool.enqueue_job(job_name, delivery_id, _job_id=f"{job_name}:{delivery_id}")
    except Exception:
        log.exception("could not enqueue delivery %s (the sweeper will)", delivery_id)


async def process(delivery_id: int, apply: Apply) -> str:
    """Apply a pending delivery once; `processed`, `failed` or `done` (nothing to do)."""
    async with unit_of_work() as session:
        delivery = (
            await session.execute(
                select(WebhookDelivery)
                .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending")
                .with_for_update()
            )
        ).scalar_one_or_none()
        if delivery is None:
            return "done"
        try:
            async with session.begin_nested():
                await apply(session, delivery)
        except Exception as exc:
            delivery.attempts += 1
            delivery.error = f"{type(exc).__name__}: {exc}"[:2000]
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = "failed"
                log.exception("delivery %s failed for good", delivery_id)
                return "failed"
            await session.commit()
            raise
        delivery.status = "processed"
        delivery.processed_at = datetime.now(UTC)
        delivery.attempts += 1
        return "processed"


ApplyMany = Callable[[AsyncSession, list[WebhookDelivery]], Awaitable[None]]
BATCH_SIZE = 200


async def process_batch(
    delivery_id: int, provider: str, apply_many: ApplyMany, apply: Apply
) -> str:
    """Apply `delivery_id` together with other pending deliveries of `provider` (oldest first,
    up to `BATCH_SIZE`, rows locked with SKIP LOCKED so parallel jobs take disjoint batches) in
    one transaction: a burst costs a few statements per batch, not per push. When the batch
    fails, each delivery goes alone (`process`), so one bad push holds back nothing else."""
    async with unit_of_work() as session:
        first = await session.scalar(
            select(WebhookDelivery.status).where(WebhookDelivery.id == delivery_id)
        )
        if first != "pending":
            return "done"
        rows = list(
            (
                await session.execute(
                    select(WebhookDelivery)
                    .where(
                        WebhookDelivery.provider == provider,
                        WebhookDelivery.status == "pending",
                    )
                    .order_by(WebhookDelivery.id)
                    .limit(BATCH_SIZE)
                    .with_for_update(skip_locked=True)
                )
            ).scalars()
        )
        if not rows:
            return "done"  # another job holds them
        try:
            async with session.begin_nested():
                await apply_many(session, rows)
        except Exception:
            log.warning("a batch of %s deliveries failed: one by one", len(rows), exc_info=True)
            ids = [row.id for row in rows]
        else:
            now = datetime.now(UTC)
            for row in rows:
                row.status = "processed"
                row.processed_at = now
                row.attempts += 1
            return "processed"
    for one in ids:
        await process(one, apply)
    return "processed"


async def sweep(provider: str, job_name: str) -> int:
    """Enqueue deliveries of `provider` still pending after a while (their job was lost)."""
    before = datetime.now(UTC) - timedelta(seconds=SWEEP_AFTER_SECONDS)
    async with unit_of_work() as session:
        ids = list(
            (
                await session.execute(
                    select(WebhookDelivery.id)
                    .where(
                        WebhookDelivery.provider == provider,
                        WebhookDelivery.status == "pending",
                        WebhookDelivery.received_at < before,
                    )
                    .order_by(WebhookDelivery.id)
                    .limit(1000)
                )
            ).scalars()
        )
    pool = await get_arq_pool()
    for delivery_id in ids:
        await pool.enqueue_job(job_name, delivery_id, _job_id=f"{job_name}:{delivery_id}:sweep")
    return len(ids)


async def mark_ignored(session: AsyncSession, delivery_id: int, reason: str) -> None:
    await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id)
        .values(status="ignored", error=reason[:2000])
    )
