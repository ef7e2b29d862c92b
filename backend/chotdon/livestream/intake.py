"""Comments become orders: one open order per customer per livestream, kept in step with the
comments as they are added, edited and removed (the bot's message about the order is
`confirmation.py`, the customer's answer to it `answers.py`).

Runs in arq jobs (`livestream.jobs`), one per comment, after the ingestion transaction stored
the comment and a `LivestreamComment` row (`flows.on_comment`). Every function is idempotent:
the row remembers which version of the comment it applied (`parsed["stamp"]`), so a duplicate
delivery or a job that runs twice changes nothing, and an edit or a removal is applied exactly
once. All the work for one customer in one livestream is serialised by an advisory lock.
"""

from __future__ import annotations

import copy
import hashlib
import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, false, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
)
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import outbound
from chotdon.core import after_commit, locks
from chotdon.core.after_commit import emit_event, enqueue_job
from chotdon.core.errors import AppError
from chotdon.core.text import fold
from chotdon.customers import service as customers_service
from chotdon.customers.models import Contact, ContactAddress, ContactPhone
from chotdon.inbox.models import Message
from chotdon.livestream import confirmation
from chotdon.livestream import service as live_service
from chotdon.livestream.models import Livestream, LivestreamComment
from chotdon.livestream.parser import (
    ParsedComment,
    ParsedItem,
    ParseOptions,
    VariantChoice,
    parse_live_comment,
)
from chotdon.orders import batch as orders_batch
from chotdon.orders import service as orders_service
from chotdon.orders.models import Order, OrderItem
from chotdon.orders.serializers import items_by_order
from chotdon.orders.service import default_warehouse_id

log = logging.getLogger(__name__)

COMMENT_JOB = "live_comment"
ANSWER_JOB = "live_customer_answer"

# Outcomes stored on LivestreamComment (shown in the comment feed of the order board).
PENDING = "pending"
ORDER_CREATED = "order_created"
ORDER_UPDATED = "order_updated"
MISSING_PHONE = "missing_phone"
MISSING_VARIANT = "missing_variant"
REPEATED = "repeated"
LIMIT_REACHED = "limit_reached"
SOLD_OUT = "sold_out"  # the livestream's stock of the keyword is in other orders
NOT_UNDERSTOOD = "not_understood"
QUESTION = "question"
CANCEL_REQUEST = "cancel_request"
PHONE_ONLY = "phone_only"
BLACKLISTED = "blacklisted"
REMOVED = "removed"
LOCKED = "order_locked"  # edited / removed after the order left draft: staff decides
NOT_ACCEPTING = "not_accepting"
NOT_CONFIGURED = "not_configured"  # no product on sale yet: orders wait for the configuration
FAILED = "failed"


def comment_job_id(lc_id: int, message: Message, verb: str) -> str:
    if verb == "remove":
        return f"live-comment:{lc_id}:rm"
    if verb == "edited":
        return f"live-comment:{lc_id}:e:{comment_stamp(message)}"
    return f"live-comment:{lc_id}"


def _digest(text: str | None) -> str:
    return hashlib.blake2b((text or "").encode(), digest_size=8).hexdigest()


def comment_stamp(message: Message) -> str:
    """Which version of the comment: the same text twice is the same work."""
    if message.is_deleted:
        return "deleted"
    return _digest(message.text)


# --------------------------------------------------------------------------- the comment job

# Comments of one livestream claimed by one transaction: big enough that a burst costs a few
# statements and round trips per comment, small enough that the transaction (and the
# workspace row holding the order numbers, locked from the numbering to the commit) stays
# under a second. Measured on the 20,000-comment burst: 100 -> 72 s, 250 -> 59 s, 500 -> 56 s.
BATCH_SIZE = 500
# `session.info` key: ids of the comments a batch applied (settled once the session commits).
APPLIED_KEY = "livestream_comments_applied"


async def process_comment(
    session: AsyncSession, lc_id: int, *, again: bool = False, variant_hint: str | None = None
) -> bool:
    """Bring the customers' orders in line with a comment's current text (or its removal).

    A comment still `pending` is processed with the other pending comments of its livestream
    (`process_batch`); an applied one (an edit, a removal, a duplicate job) alone. `again`:
    read it again although this version was applied (the customer gave the missing phone or,
    with `variant_hint`, the missing size / colour in another message).

    Returns False when the comment is in another transaction's batch that is still at work:
    the caller, after its commit, waits for that batch with `process_after_batch`."""
    if again:
        await process_one(session, lc_id, again=True, variant_hint=variant_hint)
        return True
    row = (
        await session.execute(
            select(
                LivestreamComment.livestream_id,
                LivestreamComment.outcome,
                LivestreamComment.parsed["stamp"].astext,
                Message.text,
                Message.is_deleted,
            )
            .join(Message, Message.id == LivestreamComment.message_id)
            .where(LivestreamComment.id == lc_id)
        )
    ).one_or_none()
    if row is None:
        return True
    livestream_id, outcome, applied, body, is_deleted = row
    if outcome != PENDING:
        if applied == ("deleted" if is_deleted else _digest(body)):
            return True  # this version was applied already (most jobs of a burst end here)
        await process_one(session, lc_id)
        return True
    # One batch per livestream at a time, across worker processes: a batch then claims every
    # pending comment (none is held by a batch still at work, so a customer's comments are
    # never split between two batches), and the jobs of the comments it took find them done.
    await locks.lock(session, "live-batch", livestream_id)
    if await process_batch(session, livestream_id, lc_id):
        return True
    # Not in this batch: usually another process's batch (which held the lock) applied it.
    outcome = await session.scalar(
        select(LivestreamComment.outcome).where(LivestreamComment.id == lc_id)
    )
    return outcome != PENDING


async def process_one(
    session: AsyncSession,
    lc_id: int,
    *,
    again: bool = False,
    variant_hint: str | None = None,
    staff: dict[str, Any] | None = None,
) -> None:
    """One comment on its own, under its customer's lock (waits for a batch holding it).

    `staff`: what staff completed on the board (`with_staff_choices`), applied at once."""
    head = await session.get(LivestreamComment, lc_id)
    if head is None:
        return
    await locks.lock(session, "live-customer", f"{head.livestream_id}:{head.contact_id}")
    lc = (
        await session.execute(
            select(LivestreamComment)
            .where(LivestreamComment.id == lc_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one()
    message = await session.get(Message, lc.message_id)
    livestream = await session.get(Livestream, lc.livestream_id)
    if message is None or livestream is None:
        return
    stamp = comment_stamp(message)
    if staff is not None:
        lc.parsed = {**(lc.parsed or {}), "staff": staff}
    elif again:
        if lc.outcome not in (MISSING_PHONE, MISSING_VARIANT):
            return  # already completed by an earlier wake-up
        if variant_hint:
            lc.parsed = {**(lc.parsed or {}), "variant_hint": variant_hint[:200]}
    elif lc.outcome != PENDING and (lc.parsed or {}).get("stamp") == stamp:
        return  # this version was applied already (duplicate delivery, job run twice)
    config = await live_service.load_config(session, livestream)
    await _apply(session, _Direct(session, livestream, config), livestream, lc, message, stamp)
    _emit_comment(session, lc, message)


async def process_after_batch(session: AsyncSession, lc_id: int) -> None:
    """Wait for the batch holding the comment (or an older pending comment of the same
    customer), then apply what that batch left, the customer's comments in order.

    Rows first, in id order, as batches take them: a batch holding rows waits for customers'
    locks, so taking a customer's lock first could close a cycle."""
    head = (
        await session.execute(
            select(LivestreamComment.livestream_id, LivestreamComment.contact_id).where(
                LivestreamComment.id == lc_id
            )
        )
    ).one_or_none()
    if head is None:
        return
    livestream_id, contact_id = head
    earlier = and_(
        LivestreamComment.livestream_id == livestream_id,
        LivestreamComment.contact_id == contact_id,
        LivestreamComment.outcome == PENDING,
        LivestreamComment.id < lc_id,
    )
    rows = await session.execute(
        select(LivestreamComment.id)
        .where(or_(LivestreamComment.id == lc_id, earlier if contact_id is not None else false()))
        .order_by(LivestreamComment.id)
        .with_for_update()
    )
    for comment_id in list(rows.scalars()):
        await _one_in_savepoint(session, comment_id)


async def process_batch(session: AsyncSession, livestream_id: int, lc_id: int) -> bool:
    """The pending comments of a livestream, oldest first (comment `lc_id` among them unless
    another transaction holds it), at most BATCH_SIZE, in one transaction.

    Every customer's comments are applied in order under the customer's lock, planned in
    memory and written together (`orders.batch`). If anything raises, the batch is undone and
    each comment is applied alone in its own savepoint: a comment that fails again is marked
    `failed` and never holds back the others. Returns whether comment `lc_id` was applied
    here (False: another transaction holds it or an older comment of the same customer)."""
    rows = (
        await session.execute(
            select(LivestreamComment, Message, Contact)
            .join(Message, Message.id == LivestreamComment.message_id)
            .outerjoin(Contact, Contact.id == LivestreamComment.contact_id)
            .where(
                LivestreamComment.livestream_id == livestream_id,
                LivestreamComment.outcome == PENDING,
            )
            .order_by((LivestreamComment.id == lc_id).desc(), LivestreamComment.id)
            .limit(BATCH_SIZE)
            .with_for_update(of=LivestreamComment, skip_locked=True)
            .execution_options(populate_existing=True)
        )
    ).all()
    contacts = {c.id: c for _, _, c in rows if c is not None}
    claimed = await _in_turn(
        session, livestream_id, sorted(((lc, m) for lc, m, _ in rows), key=lambda r: r[0].id)
    )
    if not claimed:
        return False
    ids = [lc.id for lc, _ in claimed]  # a rolled-back savepoint expires the rows
    livestream = await session.get_one(Livestream, livestream_id)
    await _lock_customers(session, livestream_id, {lc.contact_id for lc, _ in claimed})
    point = after_commit.mark(session)
    try:
        async with session.begin_nested():
            batch = _Batch(session, livestream, await live_service.load_config(session, livestream))
            await batch.load(claimed, contacts)
            for group in batch.groups(claimed):
                if batch.takes(group):
                    for lc, message in group:
                        await _apply(
                            session, batch, livestream, lc, message, comment_stamp(message)
                        )
                        batch.feed.append((lc, message))
                else:  # an applied comment, a confirmed order: the one-at-a-time path
                    for lc, _ in group:
                        await _one_in_savepoint(session, lc.id)
            await batch.finish()
    except Exception as exc:
        if _transient(exc):
            raise  # the connection, a deadlock: the whole job again (the rows stay pending)
        log.exception("livestream %s: batch of %d comments undone", livestream_id, len(ids))
        after_commit.discard_since(session, point)
        for comment_id in ids:
            await _one_in_savepoint(session, comment_id)
    session.info.setdefault(APPLIED_KEY, []).extend(ids)
    return lc_id in ids


async def _in_turn(
    session: AsyncSession, livestream_id: int, claimed: list[tuple[LivestreamComment, Message]]
) -> list[tuple[LivestreamComment, Message]]:
    """The claimed comments whose customer has no older comment pending elsewhere.

    Another batch still at work holds it: going first would apply the customer's comments out
    of order ("A02" before "A01 0912..." gives it no phone). Those comments are left pending
    (locked until this commit); their own jobs apply them after that batch."""
    firsts: dict[int, int] = {}
    for lc, _ in claimed:
        if lc.contact_id is not None:
            firsts.setdefault(lc.contact_id, lc.id)
    if not firsts:
        return claimed
    rows = await session.execute(
        select(LivestreamComment.contact_id, func.min(LivestreamComment.id))
        .where(
            LivestreamComment.contact_id.in_(sorted(firsts)),
            LivestreamComment.outcome == PENDING,
            LivestreamComment.livestream_id == livestream_id,
        )
        .group_by(LivestreamComment.contact_id)
    )
    waiting = {c for c, oldest in rows.all() if c is not None and oldest < firsts[c]}
    return [(lc, m) for lc, m in claimed if lc.contact_id not in waiting]


def _transient(exc: BaseException) -> bool:
    """A lost connection or a deadlock: worth the whole job again, not a `failed` comment."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and (
        exc.connection_invalidated or not isinstance(exc, IntegrityError | DataError)
    )


async def _one_in_savepoint(session: AsyncSession, lc_id: int) -> None:
    point = after_commit.mark(session)
    try:
        async with session.begin_nested():
            await process_one(session, lc_id)
    except Exception as exc:
        if _transient(exc):
            raise
        log.exception("livestream comment %s failed", lc_id)
        after_commit.discard_since(session, point)
        # What the rolled-back savepoint changed is expired: read it again.
        lc = await session.get_one(LivestreamComment, lc_id, populate_existing=True)
        message = await session.get_one(Message, lc.message_id, populate_existing=True)
        lc.outcome = FAILED
        lc.parsed = {
            **(lc.parsed or {}),
            "stamp": comment_stamp(message),
            "error": {"code": "internal_error", "message": str(exc)[:300] or type(exc).__name__},
        }
        _emit_comment(session, lc, message)


async def _lock_customers(
    session: AsyncSession, livestream_id: int, contact_ids: set[int | None]
) -> None:
    """`locks.lock` for many customers in one statement, in one global order (sorted keys), so
    two batches sharing customers wait for each other and never deadlock."""
    keys = sorted(f"{livestream_id}:{c}" for c in contact_ids)
    await session.execute(
        text(
            "SELECT count(pg_advisory_xact_lock(hashtext('live-customer'), hashtext(k)))"
            " FROM unnest(CAST(:keys AS text[])) AS k"
        ),
        {"keys": keys},
    )


async def _apply(
    session: AsyncSession,
    src: _Direct | _Batch,
    livestream: Livestream,
    lc: LivestreamComment,
    message: Message,
    stamp: str,
) -> None:
    info: dict[str, Any] = {"stamp": stamp}
    previous = dict(lc.parsed or {})
    waited_for_variant = lc.outcome == MISSING_VARIANT and lc.order_id is not None
    for key in ("bot", "bot_message_id", "bot_error", "hidden", "staff"):
        if key in previous:
            info[key] = previous[key]

    # 1. undo what an earlier version of this comment added, while the order is a draft
    if lc.order_id is not None:
        order = await session.get(Order, lc.order_id)
        if order is not None and await _has_lines_from(session, order.id, message.id):
            if order.status != "draft":
                lc.outcome = LOCKED
                lc.parsed = {**previous, "stamp": stamp, "locked_status": order.status}
                return
            await orders_service.remove_items_for_message(session, order, message.id)
    if message.is_deleted:
        lc.outcome = REMOVED
        lc.parsed = {**info, "text": message.text}
        return
    if not livestream.accepting_orders:
        lc.outcome = NOT_ACCEPTING
        lc.parsed = dict(info)
        return
    if not src.config.entries:
        lc.outcome = NOT_CONFIGURED
        lc.parsed = dict(info)
        return

    # 2. read the comment
    # A size / colour the customer gave later in Messenger completes the comment.
    hint = previous.get("variant_hint")
    if hint:
        info["variant_hint"] = hint
    parsed = src.parse(f"{message.text or ''} {hint}" if hint else message.text)
    parsed = with_staff_choices(parsed, previous.get("staff"), src.config)
    info.update(parsed.as_dict())
    contact = await session.get(Contact, lc.contact_id) if lc.contact_id else None
    if contact is None:
        lc.outcome, lc.parsed = NOT_UNDERSTOOD, dict(info)
        return
    if livestream.hide_phone_comments and parsed.phones and not message.is_hidden:
        if not info.get("hidden"):
            outbound.enqueue_comment_action(session, message.id, "hide", "live-hide")
            info["hidden"] = True

    if not parsed.is_order:
        lc.parsed = dict(info)
        if parsed.items and parsed.is_cancel:
            lc.outcome = CANCEL_REQUEST
        elif parsed.items:
            lc.outcome = QUESTION
        elif parsed.phone:
            lc.outcome = PHONE_ONLY
        else:
            lc.outcome = NOT_UNDERSTOOD
        if parsed.phone:
            await src.wake_waiting(contact.id, exclude=lc.id)
        return

    # 3. who orders, with which phone
    if lc.order_id is None:
        existing = await src.open_order(contact.id)
    else:
        existing = await session.get(Order, lc.order_id)
        if existing is not None and existing.status not in ("draft", "confirmed"):
            existing = await src.open_order(contact.id)
    phone, phone_source = await _phone_for(src, parsed, existing, contact)
    info["phone_used"], info["phone_source"] = phone, phone_source
    phones = {p for p in (*parsed.phones, phone) if p}
    if contact.blocked or await src.blacklisted(phones):
        lc.outcome, lc.parsed = BLACKLISTED, dict(info)
        return
    if phone is None:
        lc.outcome, lc.parsed = MISSING_PHONE, dict(info)
        if livestream.confirm_by_message and not info.get("bot"):
            await confirmation.send_confirmation(
                session, livestream, lc, message, None, contact, info
            )
        return

    # 4. the lines to add
    lines = await src.lines(existing) if existing is not None else []
    # Keyword + phone always makes an order: a product whose size / colour is missing goes on
    # the draft flagged "cần chọn phân loại" (a confirmed order holds stock: it cannot).
    waiting_allowed = existing is None or existing.status == "draft"
    specs, skipped = _item_specs(
        livestream,
        src.config,
        parsed,
        lines,
        message,
        allow_missing_variant=waiting_allowed,
        sold=await src.sold(),
    )
    info["skipped"] = skipped
    if not specs:
        lc.parsed = dict(info)
        reasons = {s["reason"] for s in skipped}
        lc.outcome = (
            MISSING_VARIANT
            if "variant" in reasons
            else SOLD_OUT
            if "sold_out" in reasons
            else LIMIT_REACHED
            if "limit" in reasons
            else REPEATED
        )
        if existing is not None:
            src.link(lc, existing)
        elif lc.outcome == MISSING_VARIANT and livestream.confirm_by_message:
            if not info.get("bot"):
                await confirmation.send_confirmation(
                    session, livestream, lc, message, None, contact, info
                )
        return

    # 5. create or extend the customer's one open order of this livestream
    try:
        order = await src.place(existing, specs, contact=contact, message=message, phone=phone)
    except AppError as exc:
        log.warning("livestream comment %s: %s", lc.id, exc.message)
        lc.outcome = FAILED
        info["error"] = {"code": exc.code, "message": exc.message}
        lc.parsed = dict(info)
        return
    created = existing is None or (
        bool(previous.get("order_created")) and lc.order_id == existing.id
    )
    lc.outcome = ORDER_CREATED if created else ORDER_UPDATED
    info["order_created"] = created
    pending_variant = [s.keyword for s in specs if s.needs_variant]
    if pending_variant:
        # The order exists; the comment stays flagged until the customer (or staff) chooses.
        lc.outcome = MISSING_VARIANT
        info["needs_variant"] = pending_variant
    src.link(lc, order)
    lc.parsed = dict(info)
    if parsed.phone:
        await src.wake_waiting(contact.id, exclude=lc.id)

    # 6. the confirmation bot: one private reply per order (retried on a later comment if the
    # first one could not be sent); the size / colour it asked for, once given, gets the
    # completed summary in Messenger
    if livestream.confirm_by_message:
        if waited_for_variant and lc.outcome != MISSING_VARIANT and info.get("bot") == "sent":
            await confirmation.summary_in_messenger(session, livestream, lc, order, contact, info)
        else:
            await src.confirm(lc, message, order, contact, info)


class _Direct:
    """Reads and writes of one comment, one statement at a time (`process_one`)."""

    def __init__(
        self, session: AsyncSession, livestream: Livestream, config: live_service.LiveConfig
    ) -> None:
        self.session = session
        self.livestream = livestream
        self.config = config

    def parse(self, text: str | None) -> ParsedComment:
        return parse_live_comment(
            text,
            self.config.index,
            ParseOptions(phone_only_single_product=self.livestream.phone_only_single_product),
        )

    async def open_order(self, contact_id: int) -> Order | None:
        ls = self.livestream
        return await orders_service.find_open_order(
            self.session, ls.workspace_id, contact_id=contact_id, livestream_id=ls.id
        )

    async def phones_of(self, contact: Contact) -> list[str]:
        return await customers_service.phones_of(self.session, contact.id)

    async def blacklisted(self, phones: set[str]) -> bool:
        ws = self.livestream.workspace_id
        return bool(await customers_service.blacklisted_phones(self.session, ws, phones))

    async def lines(self, order: Order) -> list[OrderItem]:
        return await orders_service.items_of(self.session, order.id)

    async def sold(self) -> dict[str, int]:
        return await live_service.sold_for_sale(self.session, self.livestream, self.config)

    async def place(
        self,
        existing: Order | None,
        specs: list[orders_service.ItemSpec],
        *,
        contact: Contact,
        message: Message,
        phone: str,
    ) -> Order:
        session, ls = self.session, self.livestream
        async with session.begin_nested():
            if existing is not None:
                await orders_service.add_items(session, existing, specs)
                if not existing.phone:
                    await orders_service.update_order(
                        session, existing, orders_service.OrderChanges(values={"phone": phone})
                    )
                return existing
            # The address the customer gave before (in any chat) spares a question.
            address = await customers_service.latest_address(session, contact.id)
            return await orders_service.create_order(
                session,
                ls.workspace_id,
                source="livestream",
                conversation_id=message.conversation_id,
                livestream_id=ls.id,
                contact_id=contact.id,
                warehouse_id=await default_warehouse_id(session, ls.workspace_id),
                phone=phone,
                address=address.text if address else None,
                province=address.province if address else None,
                district=address.district if address else None,
                ward=address.ward if address else None,
                structured=customers_service.read_address_codes(address),
                items=specs,
                actor=orders_service.SYSTEM,
            )

    def link(self, lc: LivestreamComment, order: Order) -> None:
        lc.order_id = order.id

    async def wake_waiting(self, contact_id: int, *, exclude: int) -> None:
        await _wake_waiting(self.session, self.livestream.id, contact_id, exclude=exclude)

    async def confirm(
        self,
        lc: LivestreamComment,
        message: Message,
        order: Order,
        contact: Contact,
        info: dict[str, Any],
    ) -> None:
        await _confirm_order(self.session, self.livestream, lc, message, order, contact, info)


async def _confirm_order(
    session: AsyncSession,
    livestream: Livestream,
    lc: LivestreamComment,
    message: Message,
    order: Order,
    contact: Contact,
    info: dict[str, Any],
) -> None:
    if order.bot_status not in (None, "failed"):
        return
    if info.get("bot") == "sent":
        # This comment already had its one private reply (asking for a phone or a size)
        # and the customer answered in Messenger: the summary goes there.
        await confirmation.summary_in_messenger(session, livestream, lc, order, contact, info)
    else:
        await confirmation.send_confirmation(session, livestream, lc, message, order, contact, info)


class _Batch:
    """Reads and writes of a batch of comments: loaded once for all, orders planned in memory
    (`OrderBatch`) and written by `finish`, which then links the comments to their orders,
    sends the bot's replies, wakes comments waiting for a phone and emits the feed."""

    def __init__(
        self, session: AsyncSession, livestream: Livestream, config: live_service.LiveConfig
    ) -> None:
        self.session = session
        self.livestream = livestream
        self.config = config
        self.orders = orders_batch.OrderBatch(session, livestream.workspace_id, _catalog(config))
        self.contacts: dict[int, Contact] = {}
        self.open: dict[int, Order] = {}
        self.phones: dict[int, list[str]] = {}
        self.listed: set[str] = set()
        self.checked: set[str] = set()
        self.addresses: dict[int, ContactAddress] | None = None
        self.warehouse: tuple[int | None] | None = None
        self.parsed: dict[str | None, ParsedComment] = {}
        self.links: list[tuple[LivestreamComment, Order]] = []
        self.confirmations: list[tuple[Any, ...]] = []
        self.waking: set[int] = set()
        self.feed: list[tuple[LivestreamComment, Message]] = []
        self.sold_counts: dict[str, int] | None = None

    async def load(
        self, claimed: list[tuple[LivestreamComment, Message]], contacts: dict[int, Contact]
    ) -> None:
        """The customers' open orders (locked) with their lines, their phones, the blacklist."""
        session, ls = self.session, self.livestream
        self.contacts = contacts
        ids = sorted(contacts)
        if ids:
            rows = await session.execute(
                select(Order)
                .where(
                    Order.livestream_id == ls.id,
                    Order.contact_id.in_(ids),
                    Order.status.in_(["draft", "confirmed"]),
                )
                .order_by(Order.id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
            for order in rows.scalars():
                self.open[order.contact_id] = order  # type: ignore[index]
        lines = await items_by_order(session, [o.id for o in self.open.values()])
        for order in self.open.values():
            self.orders.track(order, lines[order.id])
        without = [c.id for c in contacts.values() if not c.primary_phone]
        if without:
            found = await session.execute(
                select(ContactPhone.contact_id, ContactPhone.phone)
                .where(ContactPhone.contact_id.in_(without))
                .order_by(ContactPhone.id)
            )
            for contact_id, phone in found.all():
                self.phones.setdefault(contact_id, []).append(phone)
        phones = {c.primary_phone for c in contacts.values()}
        phones |= {o.phone for o in self.open.values()}
        phones |= {p for known in self.phones.values() for p in known}
        for _, message in claimed:
            phones.update(self.parse(message.text).phones)
        await self.blacklisted({p for p in phones if p})

    def groups(
        self, claimed: list[tuple[LivestreamComment, Message]]
    ) -> list[list[tuple[LivestreamComment, Message]]]:
        """Each customer's comments in order (the comments without a customer one by one)."""
        by_customer: dict[Any, list[tuple[LivestreamComment, Message]]] = {}
        for lc, message in claimed:
            key = lc.contact_id if lc.contact_id is not None else ("none", lc.id)
            by_customer.setdefault(key, []).append((lc, message))
        return list(by_customer.values())

    def takes(self, group: list[tuple[LivestreamComment, Message]]) -> bool:
        """A batch plans new comments and drafts; the rest goes the one-at-a-time way."""
        lc = group[0][0]
        if any(c.order_id is not None for c, _ in group):
            return False
        if lc.contact_id is None:
            return True
        contact = self.contacts.get(lc.contact_id)
        if contact is None or contact.merged_into_id is not None:
            return False
        order = self.open.get(lc.contact_id)
        return order is None or order.status == "draft"

    def parse(self, text: str | None) -> ParsedComment:
        parsed = self.parsed.get(text)
        if parsed is None:
            parsed = self.parsed[text] = parse_live_comment(
                text,
                self.config.index,
                ParseOptions(phone_only_single_product=self.livestream.phone_only_single_product),
            )
        return parsed

    async def open_order(self, contact_id: int) -> Order | None:
        return self.open.get(contact_id)

    async def phones_of(self, contact: Contact) -> list[str]:
        return self.phones.get(contact.id, [])

    async def blacklisted(self, phones: set[str]) -> bool:
        unknown = phones - self.checked
        if unknown:
            ws = self.livestream.workspace_id
            self.listed |= await customers_service.blacklisted_phones(self.session, ws, unknown)
            self.checked |= unknown
        return bool(phones & self.listed)

    async def lines(self, order: Order) -> list[OrderItem]:
        return self.orders.lines_of(order)

    async def sold(self) -> dict[str, int]:
        """Loaded once; `_item_specs` counts the lines the batch plans into it."""
        if self.sold_counts is None:
            self.sold_counts = await live_service.sold_for_sale(
                self.session, self.livestream, self.config
            )
        return self.sold_counts

    async def place(
        self,
        existing: Order | None,
        specs: list[orders_service.ItemSpec],
        *,
        contact: Contact,
        message: Message,
        phone: str,
    ) -> Order:
        if existing is not None:
            self.orders.add(existing, specs)
            if not existing.phone:
                self.orders.set_phone(existing, phone)
            return existing
        address = (await self._addresses()).get(contact.id)
        order = self.orders.create(
            source="livestream",
            contact_id=contact.id,
            customer_name=contact.name or None,
            conversation_id=message.conversation_id,
            livestream_id=self.livestream.id,
            channel_id=message.channel_id,
            warehouse_id=await self._warehouse_id(),
            phone=phone,
            address=address.text if address else None,
            province=address.province if address else None,
            district=address.district if address else None,
            ward=address.ward if address else None,
            structured=customers_service.read_address_codes(address),
            items=specs,
        )
        self.open[contact.id] = order
        return order

    def link(self, lc: LivestreamComment, order: Order) -> None:
        self.links.append((lc, order))

    async def wake_waiting(self, contact_id: int, *, exclude: int) -> None:
        self.waking.add(contact_id)

    async def confirm(
        self,
        lc: LivestreamComment,
        message: Message,
        order: Order,
        contact: Contact,
        info: dict[str, Any],
    ) -> None:
        self.confirmations.append((lc, message, order, contact, info))

    async def _addresses(self) -> dict[int, ContactAddress]:
        """The latest address of every customer of the batch (asked once, when needed)."""
        if self.addresses is None:
            ids = [c for c in sorted(self.contacts) if c not in self.open]
            rows = await self.session.execute(
                select(ContactAddress)
                .where(ContactAddress.contact_id.in_(ids))
                .order_by(ContactAddress.contact_id, ContactAddress.id.desc())
                .ext(distinct_on(ContactAddress.contact_id))
            )
            self.addresses = {a.contact_id: a for a in rows.scalars()}
        return self.addresses

    async def _warehouse_id(self) -> int | None:
        if self.warehouse is None:
            self.warehouse = (
                await default_warehouse_id(self.session, self.livestream.workspace_id),
            )
        return self.warehouse[0]

    async def finish(self) -> None:
        session = self.session
        await self.orders.write()
        for lc, order in self.links:
            lc.order_id = order.id
        for lc, message, order, contact, info in self.confirmations:
            await _confirm_order(session, self.livestream, lc, message, order, contact, info)
        if self.waking:
            await session.flush()
            rows = await session.execute(
                select(LivestreamComment.id)
                .where(
                    LivestreamComment.livestream_id == self.livestream.id,
                    LivestreamComment.contact_id.in_(sorted(self.waking)),
                    LivestreamComment.outcome == MISSING_PHONE,
                )
                .limit(50 * len(self.waking))
            )
            for lc_id in rows.scalars():
                enqueue_job(session, COMMENT_JOB, lc_id, True, job_id=f"live-comment:{lc_id}:phone")
        for lc, message in self.feed:
            _emit_comment(session, lc, message)


def _catalog(config: live_service.LiveConfig) -> orders_service.Catalog:
    """The products on sale and the variants a comment may choose, as the lines' catalogue."""
    catalog = orders_service.Catalog()
    for entry in config.entries:
        catalog.products[entry.product.id] = entry.product
        known = catalog.variants.setdefault(entry.product.id, [])
        for v in [*entry.choices, *([entry.variant] if entry.variant else [])]:
            if all(k.id != v.id for k in known):
                known.append(v)
    return catalog


async def _has_lines_from(session: AsyncSession, order_id: int, message_id: int) -> bool:
    return (
        await session.scalar(
            select(OrderItem.id)
            .where(OrderItem.order_id == order_id, OrderItem.source_message_id == message_id)
            .limit(1)
        )
    ) is not None


async def _phone_for(
    src: _Direct | _Batch, parsed: ParsedComment, order: Order | None, contact: Contact
) -> tuple[str | None, str | None]:
    """The comment's phone, else the one on the open order, else one the customer gave before."""
    if parsed.phone:
        return parsed.phone, "comment"
    if order is not None and order.phone:
        return order.phone, "order"
    if contact.primary_phone:
        return contact.primary_phone, "customer"
    phones = await src.phones_of(contact)
    if phones:
        return phones[0], "customer"
    return None, None


def _item_specs(
    livestream: Livestream,
    config: live_service.LiveConfig,
    parsed: ParsedComment,
    lines: list[OrderItem],
    message: Message,
    *,
    allow_missing_variant: bool = False,
    sold: dict[str, int] | None = None,
) -> tuple[list[orders_service.ItemSpec], list[dict[str, Any]]]:
    """The lines a comment adds to an order holding `lines` (repeats and limits skipped).

    With `allow_missing_variant`, a product whose variant the comment does not name is added
    without one (`needs_variant`); otherwise it is skipped with reason "variant"."""
    specs: list[orders_service.ItemSpec] = []
    skipped: list[dict[str, Any]] = []
    for item in parsed.items:
        entry = config.entry(item.key)
        if entry is None:
            continue
        needs_variant = bool(entry.choices) and item.variant is None
        if needs_variant and not allow_missing_variant:
            skipped.append({"keyword": item.keyword, "reason": "variant"})
            continue
        variant_id = item.variant.id if item.variant else entry.item.variant_id
        same = [
            line
            for line in lines
            if line.keyword is not None
            and fold(line.keyword) == fold(entry.item.keyword)
            and line.variant_id == variant_id
        ]
        if same and not item.quantity_given and not livestream.repeat_adds_quantity:
            skipped.append({"keyword": item.keyword, "reason": "repeat"})
            continue
        quantity = item.quantity
        if entry.item.quantity_limit is not None:
            already = sum(
                line.quantity
                for line in lines
                if line.keyword is not None and fold(line.keyword) == fold(entry.item.keyword)
            )
            already += sum(s.quantity for s in specs if s.keyword == entry.item.keyword)
            quantity = min(quantity, entry.item.quantity_limit - already)
            if quantity <= 0:
                skipped.append({"keyword": item.keyword, "reason": "limit"})
                continue
            if quantity < item.quantity:
                skipped.append(
                    {"keyword": item.keyword, "reason": "limit_partial", "quantity": quantity}
                )
        key = live_service.keyword_key(entry.item.keyword)
        if entry.item.stock_limit is not None and sold is not None:
            left = entry.item.stock_limit - sold.get(key, 0)
            if left <= 0:
                skipped.append({"keyword": item.keyword, "reason": "sold_out"})
                continue
            if quantity > left:
                skipped.append(
                    {"keyword": item.keyword, "reason": "sold_out_partial", "quantity": left}
                )
                quantity = left
        if sold is not None:
            sold[key] = sold.get(key, 0) + quantity
        variant = next((v for v in entry.choices if v.id == variant_id), None)
        specs.append(
            orders_service.ItemSpec(
                product_id=entry.product.id,
                variant_id=variant_id,
                quantity=quantity,
                unit_price=entry.unit_price(variant),
                source_message_id=message.id,
                keyword=entry.item.keyword,
                needs_variant=needs_variant,
            )
        )
    return specs, skipped


def with_staff_choices(
    parsed: ParsedComment, staff: dict[str, Any] | None, config: live_service.LiveConfig
) -> ParsedComment:
    """The comment as staff completed it on the board: a phone it lacks, products or the
    size / colour it did not name (`staff` = {"phone", "items": [{item_id, variant_id,
    quantity}]}). A copy: parsed comments are shared within a batch."""
    if not staff:
        return parsed
    parsed = copy.deepcopy(parsed)
    phone = staff.get("phone")
    if phone and parsed.phone is None:
        parsed.phone = phone
        parsed.phones = [phone, *parsed.phones]
    for choice in staff.get("items") or []:
        entry = config.entry(choice.get("item_id"))
        if entry is None:
            continue
        item = next(
            (i for i in parsed.items if i.key == entry.item.id and i.variant is None),
            None,
        ) or next((i for i in parsed.items if i.key == entry.item.id), None)
        if item is None:
            item = ParsedItem(entry.item.keyword, entry.item.id)
            parsed.items.append(item)
        variant = next((v for v in entry.choices if v.id == choice.get("variant_id")), None)
        if variant is not None:
            item.variant = VariantChoice(sku=variant.sku, name=variant.name, id=variant.id)
            item.variant_status = "resolved"
        if choice.get("quantity"):
            item.quantity, item.quantity_given = int(choice["quantity"]), True
    if staff.get("items"):
        parsed.is_cancel = parsed.is_question = False  # staff says it is an order
    return parsed


async def _wake_waiting(
    session: AsyncSession, livestream_id: int | None, contact_id: int, *, exclude: int | None
) -> int:
    """The customer gave a phone: their comments waiting for one are processed again."""
    stmt = select(LivestreamComment.id).where(
        LivestreamComment.contact_id == contact_id, LivestreamComment.outcome == MISSING_PHONE
    )
    if livestream_id is not None:
        stmt = stmt.where(LivestreamComment.livestream_id == livestream_id)
    # Only enqueue: the rows change in their own job, under the customer's lock.
    ids = [i for i in (await session.execute(stmt.limit(50))).scalars() if i != exclude]
    for lc_id in ids:
        enqueue_job(session, COMMENT_JOB, lc_id, True, job_id=f"live-comment:{lc_id}:phone")
    return len(ids)


async def wake_waiting_comments(session: AsyncSession, contact_id: int) -> int:
    """The customer has a phone now (merged with the identity that gave it): every comment of
    theirs that waited for one, in any livestream, is read again."""
    return await _wake_waiting(session, None, contact_id, exclude=None)


async def wake_missing_variant(session: AsyncSession, contact_id: int, text: str) -> int:
    """The customer answered "size M màu đỏ": their comments waiting for a variant are read
    again with those words (kept as `variant_hint`)."""
    rows = await session.execute(
        select(LivestreamComment.id)
        .where(
            LivestreamComment.contact_id == contact_id,
            LivestreamComment.outcome == MISSING_VARIANT,
        )
        .order_by(LivestreamComment.id.desc())
        .limit(10)
    )
    ids = list(rows.scalars())
    for lc_id in ids:
        enqueue_job(
            session,
            COMMENT_JOB,
            lc_id,
            True,
            text[:200],
            job_id=f"live-comment:{lc_id}:v:{_digest(text)}",
        )
    return len(ids)


# --------------------------------------------------------------------------- feed events


def comment_out_data(
    lc: LivestreamComment, message: Message, order_code: str | None = None, name: str | None = None
) -> dict[str, Any]:
    return {
        "id": lc.id,
        "livestream_id": lc.livestream_id,
        "message_id": lc.message_id,
        "contact_id": lc.contact_id,
        "customer_name": name,
        "order_id": lc.order_id,
        "order_code": order_code,
        "text": message.text,
        "outcome": lc.outcome,
        "parsed": lc.parsed or {},
        "is_deleted": message.is_deleted,
        "is_hidden": message.is_hidden,
        "created_at": (lc.created_at or message.created_at).isoformat(),
        "updated_at": datetime.now(UTC).isoformat(),
    }


def _emit_comment(session: AsyncSession, lc: LivestreamComment, message: Message) -> None:
    emit_event(session, lc.workspace_id, "livestream.comment", comment_out_data(lc, message))


async def requeue_stale(session: AsyncSession, older_than_seconds: int = 60) -> int:
    """Sweeper: comments still pending (their job was lost with Redis) are enqueued again."""
    rows = await session.execute(
        update(LivestreamComment)
        .where(
            LivestreamComment.outcome == PENDING,
            LivestreamComment.updated_at
            < func.now() - func.make_interval(0, 0, 0, 0, 0, 0, older_than_seconds),
        )
        .values(updated_at=func.now())
        .returning(LivestreamComment.id)
        .execution_options(synchronize_session=False)
    )
    ids = [int(r) for r in rows.scalars()][:1000]
    for lc_id in ids:
        enqueue_job(session, COMMENT_JOB, lc_id, job_id=f"live-comment:{lc_id}:sweep")
    return len(ids)
