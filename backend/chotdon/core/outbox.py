"""Durable domain events: written in the same transaction as the change they report.

`emit_event` buffers an event on the session (`core/after_commit.py`). Just before the session
commits, the events whose type something outside the transaction must act on (automatic
messages, outgoing webhooks: `DURABLE_TYPES`) are inserted into `outbox_events` by the same
transaction, so a crash between the commit and the enqueue loses nothing. After the commit a
`drain_outbox` job is enqueued on the outbox queue (one per 50 ms window,
`after_commit.enqueue_coalesced`), whose own worker slots no burst of ingestion (main queue)
and no hanging receiver (webhooks queue) can hold; a cron job drains whatever a lost enqueue
(Redis down) left behind.

The drain (`integrations.outbox_drain`) takes the rows in id order under one advisory lock,
hands each to its consumers in the same transaction that marks it processed: every consumer's
effect (an automatic message, a webhook delivery row) happens exactly once.
Realtime fan-out keeps using Redis directly (`realtime/publisher.py`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import (
    BigInteger,
    DateTime,
    Index,
    String,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from chotdon.core import after_commit
from chotdon.core.db import Base, IdMixin, utcnow
from chotdon.core.redis import OUTBOX_QUEUE_NAME

# Event types an automation or an outgoing webhook may subscribe to.
DURABLE_TYPES: frozenset[str] = frozenset(
    {
        "message.created",
        "conversation.created",
        "conversation.updated",
        "order.created",
        "order.updated",
        "contact.updated",
        "livestream.updated",
        "shipment.updated",
    }
)

DRAIN_JOB = "drain_outbox"
# Commits of the same 50 ms share one drain job, which runs once that window is over.
DRAIN_WINDOW_SECONDS = 0.05


class OutboxEvent(IdMixin, Base):
    __tablename__ = "outbox_events"
    __table_args__ = (
        Index("ix_outbox_events_pending", "id", postgresql_where=text("processed_at IS NULL")),
    )

    # No foreign key: an event outlives nothing, and a deleted workspace's events are skipped.
    workspace_id: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), default=utcnow
    )
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def public_id(event_id: int) -> str:
    """The id integrators see (`"evt_42"`), stable across retries and redeliveries."""
    return f"evt_{event_id}"


def _json_safe(data: dict[str, Any]) -> Any:
    """Event data as the realtime channel sends it: datetimes as ISO 8601, the rest as JSON."""
    return orjson.loads(orjson.dumps(data, default=str))


@event.listens_for(Session, "before_commit")
def _write_outbox(session: Session) -> None:
    """Insert the durable events buffered since the last commit, inside this transaction."""
    events = after_commit.take_durable(session, DURABLE_TYPES)
    if not events:
        return
    now = utcnow()
    session.execute(
        insert(OutboxEvent),
        [
            {
                "workspace_id": e.workspace_id,
                "type": e.type,
                "data": _json_safe(e.data),
                "created_at": now,
            }
            for e in events
        ],
    )
    after_commit.enqueue_coalesced(session, DRAIN_JOB, DRAIN_WINDOW_SECONDS, OUTBOX_QUEUE_NAME)


Consumer = Callable[[AsyncSession, Sequence[OutboxEvent]], Awaitable[None]]
BATCH = 500


async def _try_lock(session: AsyncSession) -> bool:
    return bool(await session.scalar(sql("SELECT pg_try_advisory_xact_lock(hashtext('outbox'))")))


async def drain(consumers: Sequence[Consumer]) -> int:
    """Hand unprocessed events, in id order, to `consumers`; returns how many were processed.

    One drainer at a time (an advisory lock), so consumers see events in commit order. A drain
    that finds the lock taken leaves: the holder checks again after releasing it, which is later
    than this drain's try, so an event committed before the try is never left behind.
    """
    from chotdon.core.db import unit_of_work

    done = 0
    while True:
        async with unit_of_work() as session:
            if not await _try_lock(session):
                return done
            events = list(
                (
                    await session.scalars(
                        select(OutboxEvent)
                        .where(OutboxEvent.processed_at.is_(None))
                        .order_by(OutboxEvent.id)
                        .limit(BATCH)
                    )
                ).all()
            )
            if events:
                for consume in consumers:
                    await consume(session, events)
                await session.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.id.in_([e.id for e in events]))
                    .values(processed_at=utcnow())
                )
                done += len(events)
                continue
        async with unit_of_work() as session:
            pending = await session.scalar(
                select(OutboxEvent.id).where(OutboxEvent.processed_at.is_(None)).limit(1)
            )
        if pending is None:
            return done


async def prune(older_than_days: float = 7) -> int:
    """Cron: forget processed events (deliveries keep their own copy of the payload)."""
    from chotdon.core.db import unit_of_work

    async with unit_of_work() as session:
        result = await session.execute(
            delete(OutboxEvent).where(
                OutboxEvent.processed_at < utcnow() - timedelta(days=older_than_days)
            )
        )
    return int(getattr(result, "rowcount", 0) or 0)
