"""Webhook deliveries: stored before the 200, then processed once by an arq job.

Durability: the POST handler inserts the raw body (`webhook_deliveries`, status `pending`) and
only then answers 200, so Facebook retries anything we did not store. The job marks a delivery
`processed` in the same transaction as the rows it created, so a crash anywhere re-runs the
whole delivery and the flows' idempotence (unique external ids) keeps it to one row per event.
A cron sweeper re-enqueues deliveries still `pending` after a while (Redis or a worker lost).

Throughput: deliveries that arrive together are inserted together (group commit, no timer)
and share one job. Processing runs in batches of the oldest pending deliveries (up to
BATCH_SIZE), one batch at a time across processes, each in one transaction whose new messages
and comments are recorded together (`inbox.flows.record_new`): a burst costs a few statements
per batch, not per message, and batches never deadlock each other on the same customers'
rows. In a worker, jobs wait their turn in the process and skip deliveries an earlier batch
settled (`core.batching`); a job drains the backlog behind its delivery. Events that refer to
a message not stored yet (a reaction overtaking its message) keep their delivery pending and
replay it shortly.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from arq import Retry
from sqlalchemy import any_, literal, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.background import BackgroundTask

from chotdon.channels import webhooks
from chotdon.channels.events import (
    InboundComment,
    InboundMessage,
    InboundPost,
    MessageStatusUpdate,
    Person,
    Reaction,
)
from chotdon.channels.facebook import labels
from chotdon.channels.facebook.graph import GraphError, TokenInvalid, get_graph
from chotdon.channels.facebook.parse import (
    LabelChange,
    LiveVideoChange,
    MessageEdit,
    PageEvents,
    PostChange,
    parse_delivery,
)
from chotdon.channels.facebook.service import mark_token_invalid, page_token
from chotdon.channels.instagram.parse import parse_instagram_delivery
from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.core import after_commit
from chotdon.core.after_commit import emit_event, enqueue_job
from chotdon.core.batching import LoopLock, Pacer, RecentIds
from chotdon.core.db import unit_of_work
from chotdon.core.errors import is_bad_value
from chotdon.core.redis import get_arq_pool
from chotdon.core.settings import get_settings
from chotdon.core.text import search_document
from chotdon.customers.models import ContactIdentity
from chotdon.inbox import flows
from chotdon.inbox.models import Conversation, Message, Post
from chotdon.inbox.serializers import message_event

log = logging.getLogger(__name__)

PROCESS_JOB = "process_facebook_delivery"
PROFILE_JOB = "fetch_facebook_profile"
# Deliveries per transaction (`channels.webhooks.oldest_pending` takes that many).
BATCH_SIZE = webhooks.BATCH_SIZE
BATCH_INTERVAL_SECONDS = 0.05
MAX_BATCHES_PER_JOB = 50
JOB_BUDGET_SECONDS = 60.0  # well under the worker's job timeout
MAX_ATTEMPTS = 8
# A delivery still pending this long lost its job (Redis flushed, worker killed mid-batch).
SWEEP_AFTER = timedelta(seconds=float(os.environ.get("FACEBOOK_SWEEP_AFTER_SECONDS", "30")))
ORPHAN_RETRIES = 5  # about 20 s of waiting for a referenced message in total


async def store_delivery(body: bytes, request_id: str | None) -> int:
    """Insert the raw delivery: committed (durable) when this returns (group commit with the
    deliveries arriving at the same moment, `channels.webhooks.store`).

    That is all the 200 promises; the job is enqueued after the answer (`enqueue_after_answer`),
    and if that is lost (Redis down, process killed) the sweeper enqueues it later.
    """
    return await webhooks.store("facebook", body, request_id)


def enqueue_after_answer(delivery_id: int) -> BackgroundTask:
    """The 200's background task: deliveries stored at the same moment share one job, named
    after the group's newest delivery and carrying the others (`process_facebook_delivery`);
    under load most jobs would find their delivery already ingested by an earlier batch."""
    return webhooks.enqueue_after_answer(PROCESS_JOB, delivery_id, with_group=True, job_id=job_id)


async def enqueues_settled() -> None:
    """Wait until the deliveries acknowledged by this process are on the queue."""
    await webhooks.enqueues_settled()


async def follow_up(delivery_ids: list[int]) -> None:
    """After a group's job: a delivery of the group that is not settled (its content failed
    and waits for a retry) gets a job of its own, as if it had arrived alone."""
    rest = [d for d in delivery_ids if d not in _settled]
    if rest:
        pool = await get_arq_pool()
        for delivery_id in rest:
            await pool.enqueue_job(
                PROCESS_JOB, delivery_id, _job_id=f"{job_id(delivery_id)}:own", _defer_by=0.5
            )


def job_id(delivery_id: int) -> str:
    """The id of the job enqueued when the delivery was stored."""
    return f"fbwh:{delivery_id}"


async def process_delivery(delivery_id: int, *, first_job: bool = False) -> str:
    """Process one delivery (with whatever is pending before it, as batches). Safe to run twice.

    `first_job`: this is the job enqueued when the delivery was stored, so a delivery this
    process saw settled needs nothing more (a replay or a sweep, which may follow a reset to
    `pending`, always reads the database).

    Batches run one at a time (a transaction-scoped advisory lock), oldest deliveries first:
    batches touching the same customers in parallel would deadlock on their rows and redo
    work, and events of one thread would be applied out of arrival order. A job whose delivery
    was already taken by an earlier batch returns at once, so a burst of N deliveries costs
    about N/BATCH_SIZE transactions, not N.
    """
    started = time.monotonic()
    outcome = "more"
    try:
        for _ in range(MAX_BATCHES_PER_JOB):
            outcome = await _process_batch(delivery_id, batch=True, use_cache=first_job)
            if outcome != "more":
                break
            if time.monotonic() - started > JOB_BUDGET_SECONDS:
                outcome = "alone"  # a long backlog ahead: take this delivery on its own
                break
        else:
            # A long backlog ahead of this delivery: continue in a fresh run (job time limits).
            raise Retry(defer=0.1)
    except Retry:
        raise
    except Exception:
        log.exception("batch with delivery %s failed; retrying it alone", delivery_id)
        outcome = "alone"
    if outcome == "alone":
        try:
            outcome = await _process_batch(delivery_id, batch=False)
        except Exception as exc:
            attempts = await _record_failure(delivery_id, exc)
            if attempts >= MAX_ATTEMPTS:
                log.error("delivery %s failed %s times, giving up: %r", delivery_id, attempts, exc)
                return "failed"
            # Deadlocks and lost connections are transient: try again soon (arq retries on Retry).
            raise Retry(defer=min(60, 0.5 * 2**attempts)) from exc
    if outcome == "processed":
        await _drain_backlog(started)
    if outcome.startswith("retry:"):
        # This delivery's content failed (the rest of its batch went through): again later.
        raise Retry(defer=min(60, 0.5 * 2 ** int(outcome[6:])))
    return outcome


# Deliveries settled by this process's batches, and one batch at a time in this process:
# jobs queue here, not on the database's advisory lock (which still orders batches across
# worker processes), and when their turn comes a job whose delivery an earlier batch took
# ends without touching the database.
_settled = RecentIds()
_batch_lock = LoopLock()


async def _process_batch(delivery_id: int, *, batch: bool, use_cache: bool = False) -> str:
    """One transaction: the oldest pending deliveries (the job's own one included when it is
    among them). Returns "more" when the job's delivery is still waiting behind older ones."""
    async with _batch_lock.get():
        if use_cache and delivery_id in _settled:
            return "done-or-busy"
        await _pace()
        if use_cache and delivery_id in _settled:
            return "done-or-busy"
        if batch:
            taken = await _run_batch(
                lambda s: webhooks.oldest_pending(s, "facebook", including=delivery_id)
            )
        else:
            taken = await _run_batch(lambda s: _pending(s, [delivery_id]))
    if taken is None:
        return "done-or-busy"
    deliveries, processor = taken
    if delivery_id in processor.failed:
        attempts = processor.failed[delivery_id]
        return "failed" if attempts >= MAX_ATTEMPTS else f"retry:{attempts}"
    if any(d.id == delivery_id for d in deliveries):
        return "processed"
    if len(deliveries) >= BATCH_SIZE:
        return "more"  # a backlog of older deliveries first
    return "done-or-busy"  # taken meanwhile by another worker


async def _run_batch(
    pick: Callable[[AsyncSession], Awaitable[list[WebhookDelivery]]],
) -> tuple[list[WebhookDelivery], _Processor] | None:
    """Ingest the deliveries `pick` row-locks, in one transaction under the ingestion lock
    (the caller holds this process's batch lock); None when there was nothing to take."""
    async with unit_of_work() as session:
        await webhooks.take_ingest_lock(session, "facebook")
        deliveries = await pick(session)
        if not deliveries:
            return None
        processor = _Processor(session)
        await processor.process_batch(deliveries)
        await processor.after_batch()
    _settled.add(processor.settled_ids())  # committed now
    _pace.done()
    return deliveries, processor


_pace = Pacer(BATCH_INTERVAL_SECONDS)


async def _drain_backlog(started: float) -> None:
    """Keep ingesting the oldest pending deliveries while a backlog remains (within the job's
    time budget): the jobs queued behind this one then find their delivery done, and a burst
    is ingested at the pace of the database, not at the pace jobs are picked up."""
    while time.monotonic() - started < JOB_BUDGET_SECONDS:
        async with _batch_lock.get():
            taken = await _run_batch(lambda s: webhooks.oldest_pending(s, "facebook"))
        if taken is None or len(taken[0]) < BATCH_SIZE:
            return


async def _pending(session: AsyncSession, ids: list[int]) -> list[WebhookDelivery]:
    stmt = (
        select(WebhookDelivery)
        .where(WebhookDelivery.id.in_(ids), WebhookDelivery.status == "pending")
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(stmt)).scalars())


async def _record_failure(delivery_id: int, exc: BaseException) -> int:
    """Count the failed attempt; after MAX_ATTEMPTS the delivery is `failed` (kept, reported)."""
    async with unit_of_work() as session:
        attempts = await session.scalar(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending")
            .values(
                attempts=WebhookDelivery.attempts + 1,
                error=f"{type(exc).__name__}: {exc}"[:2000],
            )
            .returning(WebhookDelivery.attempts)
        )
        await session.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.status == "pending",
                WebhookDelivery.attempts >= MAX_ATTEMPTS,
            )
            .values(status="failed")
        )
    return int(attempts or MAX_ATTEMPTS)


async def sweep_pending(older_than: timedelta | None = None, limit: int = 500) -> int:
    """Re-enqueue deliveries still pending (their job was lost with Redis or a worker)."""
    cutoff = datetime.now(UTC) - (older_than if older_than is not None else SWEEP_AFTER)
    async with unit_of_work() as session:
        ids = list(
            (
                await session.execute(
                    select(WebhookDelivery.id)
                    .where(
                        WebhookDelivery.status == "pending",
                        WebhookDelivery.received_at < cutoff,
                    )
                    .order_by(WebhookDelivery.id)
                    .limit(limit)
                )
            ).scalars()
        )
        for delivery_id in ids:
            # A distinct job id: the original one may still be "in progress" in a dead worker.
            enqueue_job(session, PROCESS_JOB, delivery_id, job_id=f"fbwh:{delivery_id}:sweep")
    return len(ids)


# Errors that say "this payload does not have the shape we read", not "something is down".
_UNREADABLE = (TypeError, ValueError, KeyError, AttributeError, IndexError)


def is_third_party_app(app_id: str, inbox_apps: frozenset[str]) -> bool:
    """An echo of another app than ours: a person in Facebook's inbox, else a third party's
    software (a chatbot, an auto-reply tool), whose messages are not a staff reply."""
    return app_id not in inbox_apps


class _Processor:
    """Applies the events of deliveries inside one transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.channels: dict[str, Channel | None] = {}
        self.new_identities: set[tuple[int, str]] = set()
        self.app_id = get_settings().facebook_app_id
        self.inbox_apps = frozenset(get_settings().facebook_page_inbox_app_ids)
        self.orphans = 0
        self.results: list[dict[str, Any]] = []
        self.failed: dict[int, int] = {}  # delivery id -> attempts, for content that failed

    async def channel(self, page_id: str, provider: str = "facebook") -> Channel | None:
        key = f"{provider}:{page_id}"
        if key not in self.channels:
            self.channels[key] = (
                await self.session.execute(
                    select(Channel).where(
                        Channel.provider == provider, Channel.external_id == page_id
                    )
                )
            ).scalar_one_or_none()
        return self.channels[key]

    async def connected(self, page_id: str, provider: str = "facebook") -> Channel | None:
        """The page's (or Instagram account's) channel, unless it is unknown or was
        disconnected by the shop."""
        channel = await self.channel(page_id, provider)
        if channel is None or (channel.settings or {}).get("disconnected_by") == "user":
            return None
        return channel

    def settled_ids(self) -> list[int]:
        return [r["id"] for r in self.results if r["status"] != "pending"]

    def _result(self, delivery: WebhookDelivery, **values: Any) -> None:
        """Outcome of one delivery, written for the whole batch in one statement."""
        self.results.append(
            {
                "id": delivery.id,
                "status": "processed",
                "error": None,
                "processed_at": datetime.now(UTC),
                "attempts": delivery.attempts + 1,
                "unknown_page_ids": [],
                "workspace_ids": [],
                "events_count": 0,
                **values,
            }
        )

    async def process_batch(self, deliveries: list[WebhookDelivery]) -> None:
        """The deliveries' new customer messages and comments are recorded together
        (`flows.record_new`: a few statements for the whole batch); every other event
        (echoes, edits, reactions, reads, labels, live videos...) then follows delivery by
        delivery. Recording new items first is safe: each of those events is idempotent and
        order-tolerant, and an event referring to a new item now finds it.

        If the joint recording fails on content (a value the database refuses), it is undone
        and every delivery goes the one-by-one way, so that only the faulty one fails."""
        parsed: list[tuple[WebhookDelivery, list[PageEvents] | None]] = []
        joint: dict[int, tuple[Channel, list[Any]]] = {}
        for delivery in deliveries:
            groups = self._parse(delivery)
            parsed.append((delivery, groups))
            for group in groups or ():
                channel = await self.connected(group.page_id, group.provider)
                if channel is None:
                    continue
                for event in group.events:
                    if _recorded_jointly(event):
                        joint.setdefault(channel.id, (channel, []))[1].append(event)
        if joint and not await self._record_jointly(list(joint.values())):
            for delivery, _ in parsed:
                await self.process_isolated(delivery)
            return
        for delivery, groups in parsed:
            if groups is None:
                await self.process_isolated(delivery)  # unreadable: fails alone, as before
            elif not any(
                not _recorded_jointly(event) for group in groups for event in group.events
            ):
                await self.process(delivery, groups, jointly=bool(joint))  # nothing left to do
            else:
                await self.process_isolated(delivery, groups, jointly=bool(joint))

    def _parse(self, delivery: WebhookDelivery) -> list[PageEvents] | None:
        try:
            return parse_payload(orjson.loads(delivery.body), app_id=self.app_id)
        except Exception:  # reported by the one-by-one path, which parses it again
            return None

    async def _record_jointly(self, per_channel: list[tuple[Channel, list[Any]]]) -> bool:
        side_effects = after_commit.mark(self.session)
        try:
            async with self.session.begin_nested():
                for channel, events in per_channel:
                    recorded = await flows.record_new(self.session, channel, events)
                    for event, result in zip(events, recorded, strict=True):
                        # Messenger gives no name: fetch the profile. A comment comes with
                        # the commenter's name, and Graph rarely has more for commenters.
                        if result.created and isinstance(event, InboundMessage):
                            self.new_identities.add((channel.id, event.customer.external_id))
        except DBAPIError as exc:
            if not is_bad_value(exc):
                raise  # deadlock, lost connection...: the whole batch is retried
            failure: Exception = exc
        except Exception as exc:  # content we cannot read, a bug: find the delivery at fault
            failure = exc
        else:
            return True
        log.warning("batch could not be recorded jointly, one by one instead: %r", failure)
        after_commit.discard_since(self.session, side_effects)
        self.new_identities.clear()
        return False

    async def process_isolated(
        self,
        delivery: WebhookDelivery,
        groups: list[PageEvents] | None = None,
        *,
        jointly: bool = False,
    ) -> None:
        """Process one delivery in a savepoint: if its content breaks ingestion (a field of an
        unexpected type...), only that delivery is rolled back and counted as a failed attempt;
        the rest of the batch goes on. Database errors (deadlock, lost connection) still fail
        the batch, which is retried."""
        results_mark = len(self.results)
        side_effects = after_commit.mark(self.session)
        try:
            async with self.session.begin_nested():
                await self.process(delivery, groups, jointly=jointly)
        except DBAPIError as exc:
            if not is_bad_value(exc):
                raise  # deadlock, lost connection...: the whole batch is retried
            failure: Exception = exc
        except Exception as exc:
            failure = exc
        else:
            return
        log.error("delivery %s could not be ingested: %r", delivery.id, failure)
        del self.results[results_mark:]
        after_commit.discard_since(self.session, side_effects)
        # Content that cannot be read (a field of the wrong type, a value the database refuses)
        # fails the same way every time: `failed` at once, kept and reported. Anything else is
        # kept pending (batches skip it: attempts > 0) and retried alone by its job, up to
        # MAX_ATTEMPTS. Either way a payload we cannot ingest never blocks the others.
        unreadable = isinstance(failure, (*_UNREADABLE, DBAPIError))
        attempts = MAX_ATTEMPTS if unreadable else delivery.attempts + 1
        self.failed[delivery.id] = attempts
        self._result(
            delivery,
            status="failed" if attempts >= MAX_ATTEMPTS else "pending",
            attempts=attempts,
            processed_at=None,
            error=f"{type(failure).__name__}: {failure}"[:2000],
        )

    async def process(
        self,
        delivery: WebhookDelivery,
        groups: list[PageEvents] | None = None,
        *,
        jointly: bool = False,
    ) -> None:
        """Apply a delivery's events (`jointly`: its new messages and comments were recorded
        with the batch already) and note its outcome."""
        self.orphans = 0
        if groups is None:
            try:
                payload = orjson.loads(delivery.body)
            except orjson.JSONDecodeError:
                self._result(delivery, status="ignored", error="body is not JSON")
                return
            groups = parse_payload(payload, app_id=self.app_id)
        unknown: list[str] = []
        workspaces: set[int] = set()
        count = 0
        for group in groups:
            channel = await self.connected(group.page_id, group.provider)
            if channel is None:
                unknown.append(group.page_id)
                continue
            workspaces.add(channel.workspace_id)
            for event in group.events:
                if not (jointly and _recorded_jointly(event)):
                    await self.apply(channel, event)
                count += 1
        if unknown:
            log.warning("delivery %s: no connected channel for pages %s", delivery.id, unknown)
        orphans, self.orphans = self.orphans, 0
        if orphans and delivery.attempts < ORPHAN_RETRIES:
            # An event refers to a message or comment not stored yet (its delivery is being
            # processed concurrently, or Facebook retried it late): keep the delivery pending
            # and replay it shortly; everything else in it is idempotent.
            self._result(
                delivery,
                status="pending",
                processed_at=None,
                error=f"waiting for {orphans} referenced item(s)",
                unknown_page_ids=unknown,
                workspace_ids=sorted(workspaces),
                events_count=count,
            )
            enqueue_job(
                self.session,
                PROCESS_JOB,
                delivery.id,
                job_id=f"fbwh:{delivery.id}:wait{delivery.attempts + 1}",
                defer_seconds=0.3 * 2 ** (delivery.attempts + 1),
            )
            return
        self._result(
            delivery,
            status="processed" if workspaces or not unknown else "ignored",
            unknown_page_ids=unknown,
            workspace_ids=sorted(workspaces),
            events_count=count,
        )

    async def apply(self, channel: Channel, event: Any) -> None:
        session = self.session
        if isinstance(event, InboundMessage):
            if event.direction == "out" and event.app_id and event.app_id != self.app_id:
                event.meta["other_app"] = True
                # Instagram's own inbox apps are not known yet: only Messenger echoes are judged.
                if channel.provider == "facebook" and is_third_party_app(
                    event.app_id, self.inbox_apps
                ):
                    event.meta["automated"] = True
            recorded = await flows.record_message(session, channel, event)
            if recorded.created and event.direction == "in":
                self.new_identities.add((channel.id, event.customer.external_id))
        elif isinstance(event, InboundComment):
            await self.apply_comment(channel, event)
        elif isinstance(event, PostChange):
            if event.verb != "remove":
                await flows.upsert_post(session, channel, event.post)
        elif isinstance(event, LiveVideoChange):
            await apply_live_video(session, channel, event)
        elif isinstance(event, LabelChange):
            await labels.apply_label_change(session, channel, event)
        elif isinstance(event, MessageEdit):
            if not await self.known(channel, event.external_id):
                return
            await apply_message_edit(session, channel, event)
        elif isinstance(event, MessageStatusUpdate):
            await flows.record_status(session, channel, event)
        elif isinstance(event, Reaction):
            if not await self.known(channel, event.message_external_id):
                return
            await flows.record_reaction(session, channel, event)
            await _reaction_opens_window(session, channel, event)

    async def known(self, channel: Channel, external_id: str | None) -> bool:
        """Whether a referenced message/comment exists; counts an orphan when it does not."""
        if external_id and await flows._find_message(self.session, channel.id, external_id):
            return True
        self.orphans += 1
        return False

    async def apply_comment(self, channel: Channel, event: InboundComment) -> None:
        session = self.session
        if event.verb in ("remove", "hide", "unhide") and not await self.known(
            channel, event.external_id
        ):
            return
        if event.direction == "out":
            # The page's own comment: it belongs to the thread of the comment it answers.
            if not event.parent_external_id:
                return  # the page commenting on its own post: no customer thread
            if not await self.known(channel, event.parent_external_id):
                return
            parent = await flows._find_message(session, channel.id, event.parent_external_id)
            assert parent is not None
            conversation = await session.get_one(Conversation, parent.conversation_id)
            event.customer = Person(conversation.external_id.rsplit(":", 1)[-1])
            if await _match_our_comment(session, channel, conversation, event):
                return
        await flows.record_comment(session, channel, event)

    async def after_batch(self) -> None:
        """Store every delivery's outcome; fetch profiles of new customers after the commit."""
        if self.results:
            await self.session.execute(update(WebhookDelivery), self.results)
        if not self.new_identities:
            return
        for channel_id, psid in self.new_identities:
            enqueue_job(
                self.session, PROFILE_JOB, channel_id, psid, job_id=f"fbprofile:{channel_id}:{psid}"
            )
        # Identities already fetched do not need a job: drop those (cheap, one query).
        rows = await self.session.execute(
            select(ContactIdentity.channel_id, ContactIdentity.external_id).where(
                ContactIdentity.profile_fetched_at.is_not(None),
                ContactIdentity.external_id.in_([p for _, p in self.new_identities]),
            )
        )
        fetched = {(c, e) for c, e in rows}
        if fetched:
            from chotdon.core.after_commit import _buffer

            buf = _buffer(self.session)
            buf.jobs = [
                j
                for j in buf.jobs
                if not (j.name == PROFILE_JOB and (j.args[0], j.args[1]) in fetched)
            ]


def parse_payload(payload: Any, *, app_id: str) -> list[PageEvents]:
    """A delivery of `POST /webhooks/facebook`: pages (`object: page`) or the Instagram
    accounts linked to them (`object: instagram`), which share the Meta app's endpoint."""
    if isinstance(payload, dict) and payload.get("object") == "instagram":
        return parse_instagram_delivery(payload, app_id=app_id)
    return parse_delivery(payload, app_id=app_id)


def _recorded_jointly(event: Any) -> bool:
    """New customer messages and comments: the bulk of the traffic, recorded per batch."""
    if isinstance(event, InboundMessage):
        return event.direction == "in"
    if isinstance(event, InboundComment):
        return event.verb == "add" and event.direction == "in"
    return False


async def _match_our_comment(
    session: AsyncSession, channel: Channel, conversation: Conversation, event: InboundComment
) -> bool:
    """Our public reply seen as a webhook before the send job stored its comment id."""
    existing = await flows._find_message(session, channel.id, event.external_id)
    if existing is not None:
        return False  # already known: record_comment handles edits / duplicates
    candidate = (
        await session.execute(
            select(Message)
            .where(
                Message.conversation_id == conversation.id,
                Message.direction == "out",
                Message.kind == "comment",
                Message.external_id.is_(None),
                Message.parent_external_id == event.parent_external_id,
                Message.text == event.text,
            )
            .order_by(Message.id)
            .limit(1)
            .with_for_update()
        )
    ).scalar_one_or_none()
    if candidate is None:
        return False
    candidate.external_id = event.external_id
    if candidate.status == "pending":
        candidate.status = "sent"
    await session.flush()
    emit_event(session, candidate.workspace_id, "message.updated", message_event(candidate))
    return True


async def _reaction_opens_window(session: AsyncSession, channel: Channel, event: Reaction) -> None:
    """Messenger policy: a customer's reaction opens the 24 h window like a message does."""
    if event.action != "react" or event.created_at is None:
        return
    await session.execute(
        update(Conversation)
        .where(
            Conversation.channel_id == channel.id,
            Conversation.kind == "message",
            Conversation.external_id == event.customer_external_id,
            (Conversation.last_incoming_at.is_(None))
            | (Conversation.last_incoming_at < event.created_at),
        )
        .values(last_incoming_at=event.created_at)
        .execution_options(synchronize_session=False)
    )


async def replay_kept_deliveries(page_id: str, within: timedelta = timedelta(days=7)) -> int:
    """A page was connected: deliveries kept for it while it was unknown are processed now."""
    cutoff = datetime.now(UTC) - within
    async with unit_of_work() as session:
        ids = list(
            (
                await session.execute(
                    update(WebhookDelivery)
                    .where(
                        WebhookDelivery.provider == "facebook",
                        WebhookDelivery.status == "ignored",
                        literal(page_id) == any_(WebhookDelivery.unknown_page_ids),
                        WebhookDelivery.received_at >= cutoff,
                    )
                    .values(status="pending", attempts=0)
                    .returning(WebhookDelivery.id)
                )
            ).scalars()
        )
        for delivery_id in ids:
            enqueue_job(session, PROCESS_JOB, delivery_id, job_id=f"fbwh:{delivery_id}:replay")
    return len(ids)


async def apply_message_edit(session: AsyncSession, channel: Channel, event: MessageEdit) -> None:
    message = await flows._find_message(session, channel.id, event.external_id)
    if message is None:
        return
    message.text = event.text
    message.search_text = search_document(event.text)
    message.edited_at = datetime.now(UTC)
    await session.flush()
    emit_event(session, message.workspace_id, "message.updated", message_event(message))


async def apply_live_video(session: AsyncSession, channel: Channel, event: LiveVideoChange) -> None:
    """A live video changed status: find (or read from Graph) its post and store the status."""
    post = (
        await session.execute(
            select(Post).where(
                Post.channel_id == channel.id, Post.live_video_external_id == event.live_video_id
            )
        )
    ).scalar_one_or_none()
    if post is None:
        try:
            node = await get_graph().get(
                event.live_video_id,
                page_token(channel),
                {"fields": "id,title,description,status,permalink_url,creation_time,video{id}"},
            )
        except TokenInvalid as exc:
            await mark_token_invalid(channel.id, exc)
            return
        except GraphError as exc:
            log.warning("cannot read live video %s: %s", event.live_video_id, exc)
            return
        post = await upsert_live_post(session, channel, node)
    post.live_status = event.status
    await session.flush()


async def upsert_live_post(session: AsyncSession, channel: Channel, node: dict[str, Any]) -> Post:
    from chotdon.channels.facebook.parse import from_iso

    video_id = (node.get("video") or {}).get("id") or node.get("id")
    post = await flows.upsert_post(
        session,
        channel,
        InboundPost(
            external_id=f"{channel.external_id}_{video_id}",
            message=node.get("title") or node.get("description"),
            permalink_url=node.get("permalink_url"),
            status_type="added_video",
            created_at=from_iso(node.get("creation_time")),
            kind="live_video",
            live_video_external_id=str(node.get("id")),
        ),
    )
    if post.kind != "live_video":
        post.kind = "live_video"
    if node.get("status"):
        post.live_status = str(node["status"]).lower()
    return post
