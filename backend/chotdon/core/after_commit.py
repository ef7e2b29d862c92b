"""Side effects that must wait for the commit: arq jobs and realtime events.

Both are buffered on the SQLAlchemy session (`session.info`) while the transaction runs and sent
by `flush()` once `unit_of_work` has committed. A rollback discards them. If Redis is down at
that moment the data is still committed; the sweeper jobs in `worker.py` pick up anything that
a lost job would have handled, and realtime clients resynchronise on reconnect.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

log = logging.getLogger(__name__)

_KEY = "chotdon_after_commit"


@dataclass(slots=True)
class PendingJob:
    name: str
    args: tuple[Any, ...]
    job_id: str | None = None
    defer_seconds: float | None = None
    # Coalesced: one job per window of this many seconds, run once the window is over.
    window: float | None = None
    queue: str | None = None  # None: the main queue (core.redis.QUEUE_NAME)


@dataclass(slots=True)
class PendingEvent:
    workspace_id: int
    type: str
    data: dict[str, Any]


@dataclass(slots=True)
class Buffer:
    jobs: list[PendingJob] = field(default_factory=list)
    events: list[PendingEvent] = field(default_factory=list)
    # How many of `events` the outbox already wrote (core/outbox.py, at each commit).
    persisted: int = 0


def _buffer(session: Any) -> Buffer:
    buf = session.info.get(_KEY)
    if buf is None:
        buf = session.info[_KEY] = Buffer()
    return buf


def enqueue_job(
    session: AsyncSession,
    name: str,
    *args: Any,
    job_id: str | None = None,
    defer_seconds: float | None = None,
    queue: str | None = None,
) -> None:
    """Queue an arq job to be sent after commit. Jobs take ids, never ORM objects."""
    _buffer(session).jobs.append(PendingJob(name, args, job_id, defer_seconds, queue=queue))


def emit_event(session: AsyncSession, workspace_id: int, type: str, data: dict[str, Any]) -> None:
    """Queue a realtime event (`message.created`, `order.updated`...) for after commit."""
    _buffer(session).events.append(PendingEvent(workspace_id, type, data))


def mark(session: AsyncSession) -> tuple[int, int]:
    """A point to come back to with `discard_since` (when a savepoint is rolled back)."""
    buf = _buffer(session)
    return len(buf.jobs), len(buf.events)


def discard_since(session: AsyncSession, point: tuple[int, int]) -> None:
    """Drop the jobs and events queued after `point`: their data was rolled back."""
    buf = _buffer(session)
    del buf.jobs[point[0] :], buf.events[point[1] :]
    buf.persisted = min(buf.persisted, len(buf.events))


def take_durable(session: Any, types: frozenset[str]) -> list[PendingEvent]:
    """The events of `types` queued since the last call (the outbox writes them at commit)."""
    buf = session.info.get(_KEY)
    if buf is None or buf.persisted >= len(buf.events):
        return []
    new = buf.events[buf.persisted :]
    buf.persisted = len(buf.events)
    return [e for e in new if e.type in types]


def enqueue_coalesced(session: Any, name: str, window: float, queue: str | None = None) -> None:
    """A job without arguments (a drain), coalesced across transactions and processes.

    After the commit, the job of the current `window`-second slot is enqueued to run when the
    slot is over (job id `name:<slot>`; enqueues of the same slot are one job). That run starts
    after this commit, so it sees this transaction's rows; at most one run per slot.
    """
    buf = _buffer(session)
    if not any(job.name == name and job.window for job in buf.jobs):
        buf.jobs.append(PendingJob(name, (), window=window, queue=queue))


def _slot(job: PendingJob) -> PendingJob:
    if not job.window:
        return job
    now = time.time()
    slot = math.floor(now / job.window)
    # A small margin past the slot's end covers clock differences between hosts.
    defer = (slot + 1) * job.window - now + 0.02
    return PendingJob(job.name, job.args, f"{job.name}:{slot}", defer, queue=job.queue)


def discard(session: AsyncSession) -> None:
    session.info.pop(_KEY, None)


async def flush(session: AsyncSession) -> None:
    buf: Buffer | None = session.info.pop(_KEY, None)
    if buf is None:
        return
    if buf.events:
        from chotdon.realtime import publisher

        try:
            await publisher.publish_many([(e.workspace_id, e.type, e.data) for e in buf.events])
        except Exception:  # Redis down: clients resync on reconnect
            log.exception("realtime publish failed for %d events", len(buf.events))
    if buf.jobs:
        from chotdon.core.redis import get_arq_pool

        try:
            pool = await get_arq_pool()
            for job in map(_slot, buf.jobs):
                await pool.enqueue_job(
                    job.name,
                    *job.args,
                    _job_id=job.job_id,
                    _defer_by=job.defer_seconds,
                    _queue_name=job.queue,
                )
        except Exception:  # Redis down: the sweepers re-enqueue from the database
            log.exception("enqueue failed for %d jobs", len(buf.jobs))
