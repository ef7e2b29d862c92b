"""Durable webhook deliveries for every provider: stored before the 2xx, processed exactly
once, in batches, and swept when a job was lost.

Answering (the provider waits for this):
- `store(provider, body)` commits the raw bytes before the provider gets its 2xx. Deliveries
  arriving at the same moment are inserted together (group commit, no timer: one multi-row
  INSERT and one commit for all those that arrived while the previous INSERT was in flight).
- `enqueue_after_answer(job_name, delivery_id)` is the background task of the 2xx: the job is
  enqueued once the answer is sent, and deliveries enqueued together share one job (named
  after the group's newest delivery, which it processes with everything pending before it).
  A lost enqueue (Redis down, process killed) is repaired by `sweep`.

Processing (a provider's job calls one of these):
- `process_batch(delivery_id, provider, apply_many, apply)`: the provider's oldest pending
  deliveries (up to BATCH_SIZE, the job's own one included) in one transaction, whose
  `apply_many` records them together (`inbox.flows.record_new` with many events at once), one
  batch at a time per provider (an advisory lock across processes, a lock in the process),
  repeated while a backlog remains. A batch that fails on content is redone delivery by
  delivery (`apply`) in savepoints, so one bad delivery holds back nothing else: it is retried
  by a job of its own (`job_name`) with backoff, and `failed` after MAX_ATTEMPTS.
- `process(delivery_id, apply)`: one delivery alone, for providers without a batch path.
Either way the rows a delivery creates and its move from `pending` to `processed` commit in
the same transaction, so a crash re-runs it and unique external ids keep it to one row.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import orjson
from arq import Retry
from fastapi import Response
from sqlalchemy import insert, or_, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.background import BackgroundTask

from chotdon.channels.models import WebhookDelivery
from chotdon.core import after_commit
from chotdon.core.batching import GroupCommit, LoopLock, Pacer, Promises, RecentIds
from chotdon.core.db import get_engine, unit_of_work
from chotdon.core.errors import error_response, is_bad_value
from chotdon.core.redis import get_arq_pool

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
SWEEP_AFTER_SECONDS = 30
# Deliveries per transaction: a batch costs a few statements whatever its size, so a burst is
# cheaper in big ones (about a second of row locks on the conversations it touches at most).
BATCH_SIZE = 1000
BATCH_INTERVAL_SECONDS = 0.05
JOB_BUDGET_SECONDS = 60.0  # well under the worker's job timeout
LOCK_TIMEOUT_SECONDS = 20

Apply = Callable[[AsyncSession, WebhookDelivery], Awaitable[None]]
ApplyMany = Callable[[AsyncSession, list[WebhookDelivery]], Awaitable[None]]


# --- answering: store, then enqueue after the 2xx -------------------------------------------


async def _insert_deliveries(rows: list[tuple[str, bytes, str | None]]) -> list[int]:
    """One autocommitted INSERT of several deliveries; ids in the order of `rows`."""
    async with get_engine().connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        result = await conn.execute(
            insert(WebhookDelivery).returning(WebhookDelivery.id, sort_by_parameter_order=True),
            [
                {"provider": provider, "body": body, "request_id": rid, "status": "pending"}
                for provider, body, rid in rows
            ],
        )
        return list(result.scalars())


_writer = GroupCommit(_insert_deliveries)


async def store(provider: str, body: bytes, request_id: str | None = None) -> int:
    """Insert the raw delivery; committed (durable) when this returns."""
    return await _writer((provider, body, request_id))


def default_job_id(job_name: str, delivery_id: int) -> str:
    """The id of the job enqueued for a delivery when it was stored."""
    return f"{job_name}:{delivery_id}"


@dataclass
class _JobQueue:
    """Deliveries enqueued at the same moment share one job (see `enqueue`)."""

    job_name: str
    job_id: Callable[[int], str]
    with_group: bool
    send: GroupCommit[int, None] = field(init=False)

    def __post_init__(self) -> None:
        self.send = GroupCommit(self._enqueue_group, max_items=200)

    async def _enqueue_group(self, ids: list[int]) -> list[None]:
        newest, others = max(ids), sorted(set(ids) - {max(ids)})
        args: tuple[Any, ...] = (newest, others) if self.with_group else (newest,)
        try:
            pool = await get_arq_pool()
            await pool.enqueue_job(self.job_name, *args, _job_id=self.job_id(newest))
        except Exception:  # Redis down: stored anyway, `sweep` enqueues them later
            log.exception("could not enqueue deliveries %s (the sweeper will)", ids)
        return [None] * len(ids)


_queues: dict[str, _JobQueue] = {}
_promises = Promises()


async def enqueue(
    job_name: str,
    delivery_id: int,
    *,
    with_group: bool = False,
    job_id: Callable[[int], str] | None = None,
) -> None:
    """Hand a stored delivery to the workers. Deliveries enqueued together share one job,
    `job_name(newest)`, which processes everything pending up to it (`process_batch`);
    `with_group` also passes the others' ids, `job_name(newest, others)`. Never raises: a lost
    enqueue is repaired by `sweep`."""
    queue = _queues.get(job_name)
    if queue is None:
        queue = _queues[job_name] = _JobQueue(
            job_name, job_id or (lambda d: default_job_id(job_name, d)), with_group
        )
    await queue.send(delivery_id)


def enqueue_after_answer(
    job_name: str,
    delivery_id: int,
    *,
    with_group: bool = False,
    job_id: Callable[[int], str] | None = None,
) -> BackgroundTask:
    """The answer's background task that enqueues a stored delivery: the provider waits only
    for the durable insert. `enqueues_settled` waits for these."""
    _promises.promise()

    async def _enqueue() -> None:
        try:
            await enqueue(job_name, delivery_id, with_group=with_group, job_id=job_id)
        finally:
            _promises.kept()

    return BackgroundTask(_enqueue)


async def accept(
    provider: str, job_name: str, body: bytes, request_id: str | None, *, what: str = "delivery"
) -> Response:
    """The answer to a delivery whose signature was checked: 400 on a body that is not JSON,
    503 with `Retry-After` when it cannot be stored (the provider re-sends), else 200 once it is
    committed — its job is enqueued after the answer (with the deliveries stored at the same
    moment), so the provider waits only for the durable insert; the sweeper repairs a lost
    enqueue."""
    try:
        orjson.loads(body)
    except orjson.JSONDecodeError:
        return error_response(400, "malformed_json", "The request body is not valid JSON")
    try:
        delivery_id = await store(provider, body, request_id)
    except Exception:
        log.exception("could not store a %s %s", provider, what)
        return error_response(
            503,
            "service_unavailable",
            f"The {what} could not be stored; retry later",
            headers={"Retry-After": "5"},
        )
    return Response(status_code=200, background=enqueue_after_answer(job_name, delivery_id))


async def enqueues_settled() -> None:
    """Wait (5 s at most) until the deliveries this process acknowledged are on the queue
    (tests drain the queue only once they are)."""
    await _promises.settled()


# --- processing ------------------------------------------------------------------------------


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
        attempts = delivery.attempts + 1
        side_effects = after_commit.mark(session)
        try:
            async with session.begin_nested():
                await apply(session, delivery)
        except Exception as exc:
            after_commit.discard_since(session, side_effects)
            failed = attempts >= MAX_ATTEMPTS
            await _record(session, [_outcome(delivery_id, attempts, exc, failed=failed)])
            if failed:
                log.exception("delivery %s failed for good", delivery_id)
                return "failed"
            await session.commit()
            raise
        await _record(session, [_outcome(delivery_id, attempts)])
        return "processed"


@dataclass
class _Batch:
    ids: list[int]
    failed: dict[int, int]  # delivery id -> attempts, for deliveries whose content failed


# One batch at a time per provider in this process (jobs queue here, not on the database's
# advisory lock, which still orders batches across processes); deliveries this process saw
# settled, so that a job whose delivery an earlier batch took ends without a round trip.
_locks: dict[str, LoopLock] = {}
_pacers: dict[str, Pacer] = {}
_settled = RecentIds()


async def process_batch(
    delivery_id: int,
    provider: str,
    apply_many: ApplyMany,
    apply: Apply,
    *,
    job_name: str | None = None,
) -> str:
    """Process `delivery_id` with the provider's other pending deliveries, in batches (oldest
    first), then keep draining while a backlog remains (within the job's time budget): the jobs
    queued behind this one then find their delivery settled, and a burst is ingested at the
    pace of the database. `processed`, `failed` or `done` (an earlier batch took it).

    A delivery whose content fails is retried with backoff: this job's own one by arq (the job
    raises `Retry`), the others by a job of their own (`job_name`, else the sweeper)."""
    lock = _locks.setdefault(provider, LoopLock())
    pace = _pacers.setdefault(provider, Pacer(BATCH_INTERVAL_SECONDS))
    started = time.monotonic()
    outcome = "pending"
    while time.monotonic() - started < JOB_BUDGET_SECONDS:
        own = delivery_id if outcome == "pending" else None
        async with lock.get():
            if own is not None and delivery_id in _settled:
                return "done"
            await pace()
            try:
                batch = await _run_batch(provider, apply_many, apply, job_name, including=own)
            except Exception as exc:  # deadlock, lost connection...: nothing was committed
                log.warning("a %s batch failed, retrying: %r", provider, exc)
                raise Retry(defer=1) from exc
            pace.done()
        if batch is None:
            return "done" if outcome == "pending" else outcome
        if own is not None:
            if delivery_id in batch.failed:
                attempts = batch.failed[delivery_id]
                if attempts >= MAX_ATTEMPTS:
                    return "failed"
                raise Retry(defer=min(60, 0.5 * 2**attempts))
            if delivery_id in batch.ids:
                outcome = "processed"
        if len(batch.ids) < BATCH_SIZE:
            # No backlog: this job's delivery was taken now, or by another process.
            return "done" if outcome == "pending" else outcome
    if outcome == "pending":
        raise Retry(defer=0.1)  # a long backlog ahead: go on in a fresh run (job time limits)
    return outcome


async def _run_batch(
    provider: str,
    apply_many: ApplyMany,
    apply: Apply,
    job_name: str | None,
    *,
    including: int | None,
) -> _Batch | None:
    """One transaction: the oldest pending deliveries (and `including` when it is among them),
    applied together, else one by one. None when there was nothing to take."""
    async with unit_of_work() as session:
        await take_ingest_lock(session, provider)
        rows = await oldest_pending(session, provider, including)
        if not rows:
            return None
        attempts = {row.id: row.attempts + 1 for row in rows}
        if await _apply_jointly(session, rows, apply_many):
            outcomes = [_outcome(delivery_id, n) for delivery_id, n in attempts.items()]
        else:
            outcomes = await _apply_one_by_one(session, list(attempts), attempts, apply)
        await _record(session, outcomes)
        failed = {o["id"]: o["attempts"] for o in outcomes if o["status"] != "processed"}
        for delivery_id, n in failed.items():
            if job_name and n < MAX_ATTEMPTS and delivery_id != including:
                after_commit.enqueue_job(
                    session,
                    job_name,
                    delivery_id,
                    job_id=f"{default_job_id(job_name, delivery_id)}:retry{n}",
                    defer_seconds=min(60, 0.5 * 2**n),
                )
    _settled.add(d for d in attempts if d not in failed or failed[d] >= MAX_ATTEMPTS)
    return _Batch(list(attempts), failed)


async def take_ingest_lock(session: AsyncSession, provider: str) -> None:
    """One batch of `provider` at a time across processes (until the transaction ends)."""
    await session.execute(
        text(
            "SELECT set_config('lock_timeout', :timeout, true),"
            " pg_advisory_xact_lock(hashtext('webhook-ingest'), hashtext(:provider))"
        ),
        {"timeout": f"{LOCK_TIMEOUT_SECONDS}s", "provider": provider},
    )


async def oldest_pending(
    session: AsyncSession, provider: str, including: int | None = None
) -> list[WebhookDelivery]:
    """The oldest pending deliveries not waiting for a retry (plus `including`, if pending and
    among them); row-locked, skipping rows another transaction holds."""
    fresh = WebhookDelivery.attempts == 0
    stmt = (
        select(WebhookDelivery)
        .where(
            WebhookDelivery.provider == provider,
            WebhookDelivery.status == "pending",
            fresh if including is None else or_(fresh, WebhookDelivery.id == including),
        )
        .order_by(WebhookDelivery.id)
        .limit(BATCH_SIZE)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(stmt)).scalars())


async def in_savepoint(
    session: AsyncSession, work: Callable[[], Awaitable[None]]
) -> Exception | None:
    """Run `work` in a savepoint. Returns None, or the content error that undid it (its
    realtime events and jobs discarded too); database errors other than a refused value
    (deadlock, lost connection...) propagate: the whole transaction is retried."""
    side_effects = after_commit.mark(session)
    try:
        async with session.begin_nested():
            await work()
    except DBAPIError as exc:
        if not is_bad_value(exc):
            raise
        failure: Exception = exc
    except Exception as exc:  # content we cannot read, a bug
        failure = exc
    else:
        return None
    after_commit.discard_since(session, side_effects)
    return failure


async def _apply_jointly(
    session: AsyncSession, rows: list[WebhookDelivery], apply_many: ApplyMany
) -> bool:
    """All deliveries in one savepoint; False (undone) when their content fails."""
    failure = await in_savepoint(session, lambda: apply_many(session, rows))
    if failure is not None:
        log.warning("a batch of %s deliveries failed, one by one: %r", len(rows), failure)
    return failure is None


async def _apply_one_by_one(
    session: AsyncSession, ids: list[int], attempts: dict[int, int], apply: Apply
) -> list[dict[str, Any]]:
    """Each delivery in its own savepoint (read afresh: the failed savepoint expired them)."""
    rows = (
        await session.execute(
            select(WebhookDelivery)
            .where(WebhookDelivery.id.in_(ids))
            .order_by(WebhookDelivery.id)
            .execution_options(populate_existing=True)
        )
    ).scalars()
    outcomes = []
    for row in list(rows):
        delivery_id = row.id  # a failed savepoint expires the row: no attribute reads after
        failure = await in_savepoint(session, partial(apply, session, row))
        if failure is None:
            outcomes.append(_outcome(delivery_id, attempts[delivery_id]))
            continue
        log.error("delivery %s could not be applied: %r", delivery_id, failure)
        # Content we cannot read (a field of the wrong type, a value the database refuses)
        # fails the same way every time: `failed` at once, kept and reported. Anything else
        # is retried with backoff, up to MAX_ATTEMPTS.
        n = MAX_ATTEMPTS if isinstance(failure, _UNREADABLE) else attempts[delivery_id]
        outcomes.append(_outcome(delivery_id, n, failure, failed=n >= MAX_ATTEMPTS))
    return outcomes


# Errors that say "this payload does not have the shape we read", not "something is down".
_UNREADABLE = (TypeError, ValueError, KeyError, AttributeError, IndexError, DBAPIError)


def _outcome(
    delivery_id: int, attempts: int, failure: Exception | None = None, *, failed: bool = False
) -> dict[str, Any]:
    if failure is None:
        return {
            "id": delivery_id,
            "status": "processed",
            "processed_at": datetime.now(UTC),
            "attempts": attempts,
        }
    return {
        "id": delivery_id,
        "status": "failed" if failed else "pending",
        "processed_at": None,
        "attempts": attempts,
        "error": f"{type(failure).__name__}: {failure}"[:2000],
    }


async def _record(session: AsyncSession, outcomes: list[dict[str, Any]]) -> None:
    """Every delivery's outcome in one statement (what `apply` noted on the rows is flushed
    before it)."""
    await session.execute(update(WebhookDelivery), outcomes)


# --- repair ----------------------------------------------------------------------------------


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
        await pool.enqueue_job(
            job_name, delivery_id, _job_id=f"{default_job_id(job_name, delivery_id)}:sweep"
        )
    return len(ids)


async def mark_ignored(session: AsyncSession, delivery_id: int, reason: str) -> None:
    await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id)
        .values(status="ignored", error=reason[:2000])
    )
