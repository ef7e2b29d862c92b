"""Comments become orders: one open order per customer per livestream, kept in step with the
comments as they are added, edited and removed; the confirmation bot; the customer's answer.

Runs in arq jobs (`livestream.jobs`), one per comment, after the ingestion transaction stored
the comment and a `LivestreamComment` row (`flows.on_comment`). Every function is idempotent:
the row remembers which version of the comment it applied (`parsed["stamp"]`), so a duplicate
delivery or a job that runs twice changes nothing, and an edit or a removal is applied exactly
once. All the work for one customer in one livestream is serialised by an advisory lock.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from chotdon.channels import outbound
from chotdon.channels.facebook.policy import message_policy, private_reply_policy
from chotdon.channels.models import Channel
from chotdon.core import locks
from chotdon.core.after_commit import emit_event, enqueue_job
from chotdon.core.errors import AppError
from chotdon.core.text import fold
from chotdon.customers import service as customers_service
from chotdon.customers.addresses import find_address
from chotdon.customers.models import Contact
from chotdon.inbox.models import Conversation, Message
from chotdon.inbox.outgoing import private_reply_sent, queue_message
from chotdon.livestream import bot
from chotdon.livestream import service as live_service
from chotdon.livestream.models import Livestream, LivestreamComment
from chotdon.livestream.parser import ParsedComment, ParseOptions, parse_live_comment
from chotdon.orders import service as orders_service
from chotdon.orders.flows import default_warehouse_id
from chotdon.orders.models import Order, OrderItem

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
NOT_UNDERSTOOD = "not_understood"
QUESTION = "question"
CANCEL_REQUEST = "cancel_request"
PHONE_ONLY = "phone_only"
BLACKLISTED = "blacklisted"
REMOVED = "removed"
LOCKED = "order_locked"  # edited / removed after the order left draft: staff decides
NOT_ACCEPTING = "not_accepting"
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


async def process_comment(
    session: AsyncSession, lc_id: int, *, again: bool = False, variant_hint: str | None = None
) -> None:
    """Bring the customer's order in line with one comment's current text (or its removal).

    `again`: read it again although this version was applied (the customer gave the missing
    phone or, with `variant_hint`, the missing size / colour in another message)."""
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
    if again:
        if lc.outcome not in (MISSING_PHONE, MISSING_VARIANT):
            return  # already completed by an earlier wake-up
        if variant_hint:
            lc.parsed = {**(lc.parsed or {}), "variant_hint": variant_hint[:200]}
    elif lc.outcome != PENDING and (lc.parsed or {}).get("stamp") == stamp:
        return  # this version was applied already (duplicate delivery, job run twice)
    await _apply(session, livestream, lc, message, stamp)
    _emit_comment(session, lc, message)


async def _apply(
    session: AsyncSession,
    livestream: Livestream,
    lc: LivestreamComment,
    message: Message,
    stamp: str,
) -> None:
    info: dict[str, Any] = {"stamp": stamp}
    previous = dict(lc.parsed or {})
    for key in ("bot", "bot_message_id", "bot_error", "hidden"):
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

    # 2. read the comment
    config = await live_service.load_config(session, livestream)
    # A size / colour the customer gave later in Messenger completes the comment.
    hint = previous.get("variant_hint")
    if hint:
        info["variant_hint"] = hint
    parsed = parse_live_comment(
        f"{message.text or ''} {hint}" if hint else message.text,
        config.index,
        ParseOptions(phone_only_single_product=livestream.phone_only_single_product),
    )
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
            await _wake_waiting(session, livestream.id, contact.id, exclude=lc.id)
        return

    # 3. who orders, with which phone
    if lc.order_id is None:
        existing = await orders_service.find_open_order(
            session, livestream.workspace_id, contact_id=contact.id, livestream_id=livestream.id
        )
    else:
        existing = await session.get(Order, lc.order_id)
        if existing is not None and existing.status not in ("draft", "confirmed"):
            existing = await orders_service.find_open_order(
                session,
                livestream.workspace_id,
                contact_id=contact.id,
                livestream_id=livestream.id,
            )
    phone, phone_source = await _phone_for(session, parsed, existing, contact)
    info["phone_used"], info["phone_source"] = phone, phone_source
    if contact.blocked or await _blacklisted(session, livestream.workspace_id, parsed, phone):
        lc.outcome, lc.parsed = BLACKLISTED, dict(info)
        return
    if phone is None:
        lc.outcome, lc.parsed = MISSING_PHONE, dict(info)
        if livestream.confirm_by_message and not info.get("bot"):
            await send_confirmation(session, livestream, lc, message, None, contact, info)
        return

    # 4. the lines to add
    specs, skipped = await _item_specs(session, livestream, config, parsed, existing, message)
    info["skipped"] = skipped
    if not specs:
        lc.parsed = dict(info)
        reasons = {s["reason"] for s in skipped}
        lc.outcome = (
            MISSING_VARIANT
            if "variant" in reasons
            else LIMIT_REACHED
            if "limit" in reasons
            else REPEATED
        )
        if existing is not None:
            lc.order_id = existing.id
        elif lc.outcome == MISSING_VARIANT and livestream.confirm_by_message:
            if not info.get("bot"):
                await send_confirmation(session, livestream, lc, message, None, contact, info)
        return

    # 5. create or extend the customer's one open order of this livestream
    try:
        async with session.begin_nested():
            if existing is None:
                # The address the customer gave before (in any chat) spares a question.
                address = await customers_service.latest_address(session, contact.id)
                order = await orders_service.create_order(
                    session,
                    livestream.workspace_id,
                    source="livestream",
                    conversation_id=message.conversation_id,
                    livestream_id=livestream.id,
                    contact_id=contact.id,
                    warehouse_id=await default_warehouse_id(session, livestream.workspace_id),
                    phone=phone,
                    address=address.text if address else None,
                    province=address.province if address else None,
                    district=address.district if address else None,
                    ward=address.ward if address else None,
                    items=specs,
                    actor=orders_service.SYSTEM,
                )
                lc.outcome = ORDER_CREATED
            else:
                order = existing
                await orders_service.add_items(session, order, specs)
                if not order.phone:
                    await orders_service.update_order(
                        session, order, orders_service.OrderChanges(values={"phone": phone})
                    )
                lc.outcome = ORDER_UPDATED
    except AppError as exc:
        log.warning("livestream comment %s: %s", lc.id, exc.message)
        lc.outcome = FAILED
        info["error"] = {"code": exc.code, "message": exc.message}
        lc.parsed = dict(info)
        return
    lc.order_id = order.id
    lc.parsed = dict(info)
    if parsed.phone:
        await _wake_waiting(session, livestream.id, contact.id, exclude=lc.id)

    # 6. the confirmation bot: one private reply per order (retried on a later comment if the
    # first one could not be sent)
    if livestream.confirm_by_message and order.bot_status in (None, "failed"):
        if info.get("bot") == "sent":
            # This comment already had its one private reply (asking for a phone or a size)
            # and the customer answered in Messenger: the summary goes there.
            await _summary_in_messenger(session, livestream, lc, order, contact, info)
        else:
            await send_confirmation(session, livestream, lc, message, order, contact, info)


async def _has_lines_from(session: AsyncSession, order_id: int, message_id: int) -> bool:
    return (
        await session.scalar(
            select(OrderItem.id)
            .where(OrderItem.order_id == order_id, OrderItem.source_message_id == message_id)
            .limit(1)
        )
    ) is not None


async def _phone_for(
    session: AsyncSession, parsed: ParsedComment, order: Order | None, contact: Contact
) -> tuple[str | None, str | None]:
    """The comment's phone, else the one on the open order, else one the customer gave before."""
    if parsed.phone:
        return parsed.phone, "comment"
    if order is not None and order.phone:
        return order.phone, "order"
    if contact.primary_phone:
        return contact.primary_phone, "customer"
    phones = await customers_service.phones_of(session, contact.id)
    if phones:
        return phones[0], "customer"
    return None, None


async def _blacklisted(
    session: AsyncSession, workspace_id: int, parsed: ParsedComment, phone: str | None
) -> bool:
    phones = set(parsed.phones)
    if phone:
        phones.add(phone)
    return bool(await customers_service.blacklisted_phones(session, workspace_id, phones))


async def _item_specs(
    session: AsyncSession,
    livestream: Livestream,
    config: live_service.LiveConfig,
    parsed: ParsedComment,
    order: Order | None,
    message: Message,
) -> tuple[list[orders_service.ItemSpec], list[dict[str, Any]]]:
    lines: list[OrderItem] = []
    if order is not None:
        lines = await orders_service.items_of(session, order.id)
    specs: list[orders_service.ItemSpec] = []
    skipped: list[dict[str, Any]] = []
    for item in parsed.items:
        entry = config.entry(item.key)
        if entry is None:
            continue
        if entry.choices and item.variant is None:
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
        variant = next((v for v in entry.choices if v.id == variant_id), None)
        specs.append(
            orders_service.ItemSpec(
                product_id=entry.product.id,
                variant_id=variant_id,
                quantity=quantity,
                unit_price=entry.unit_price(variant),
                source_message_id=message.id,
                keyword=entry.item.keyword,
            )
        )
    return specs, skipped


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


async def _wake_missing_variant(session: AsyncSession, contact_id: int, text: str) -> int:
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


# --------------------------------------------------------------------------- the bot


async def send_confirmation(
    session: AsyncSession,
    livestream: Livestream,
    lc: LivestreamComment,
    comment: Message,
    order: Order | None,
    contact: Contact,
    info: dict[str, Any],
) -> None:
    """Private reply to the comment: the order and what is missing (or, without an order yet,
    a request for the phone). Within Facebook's limits, else queued or failed visibly."""
    now = datetime.now(UTC)
    try:
        private_reply_policy(
            comment.created_at, now, already_replied=await private_reply_sent(session, comment)
        )
    except AppError as exc:
        await _bot_state(session, lc, order, info, "failed", exc.message)
        return
    channel = await session.get_one(Channel, livestream.channel_id)
    wait = await bot.reserve_slot(channel.id, bot.hourly_cap(channel.settings), f"c{comment.id}")
    if wait is not None:
        # The page used its private replies of the last hour: the reply waits in the visible
        # queue (`bot` = queued) that `drain_bot_queue` sends as slots free up.
        await _bot_state(session, lc, order, info, "queued", None)
        return
    conversation = await session.get_one(Conversation, comment.conversation_id)
    text, meta = await _confirmation_text(session, livestream, channel, order, contact, info)
    reply = await queue_message(
        session,
        conversation,
        text=text,
        sender_type="bot",
        private_reply_to=comment,
        meta=meta,
    )
    info["bot_message_id"] = reply.id
    await _bot_state(session, lc, order, info, "sent", None)


async def _summary_in_messenger(
    session: AsyncSession,
    livestream: Livestream,
    lc: LivestreamComment,
    order: Order,
    contact: Contact,
    info: dict[str, Any],
) -> None:
    conversation = (
        await session.execute(
            select(Conversation)
            .where(
                Conversation.channel_id == livestream.channel_id,
                Conversation.contact_id == contact.id,
                Conversation.kind == "message",
            )
            .order_by(Conversation.last_incoming_at.desc().nulls_last())
            .limit(1)
        )
    ).scalar_one_or_none()
    try:
        message_policy(
            conversation.last_incoming_at if conversation else None,
            datetime.now(UTC),
            sent_by_human=False,
        )
    except AppError as exc:
        await _bot_state(session, lc, order, info, "failed", exc.message)
        return
    assert conversation is not None
    channel = await session.get_one(Channel, livestream.channel_id)
    text, meta = await _confirmation_text(session, livestream, channel, order, contact, info)
    reply = await queue_message(session, conversation, text=text, sender_type="bot", meta=meta)
    info["bot_message_id"] = reply.id
    await _bot_state(session, lc, order, info, "sent", None)


async def _confirmation_text(
    session: AsyncSession,
    livestream: Livestream,
    channel: Channel,
    order: Order | None,
    contact: Contact,
    info: dict[str, Any],
) -> tuple[str, dict[str, Any]]:
    missing: list[str] = []
    values = {
        "customer_name": contact.name or "bạn",
        "page_name": channel.name or "Shop",
        "livestream": livestream.title,
        "code": "",
        "items": "",
        "total": "",
    }
    meta: dict[str, Any] = {"livestream_id": livestream.id, "bot": "livestream_confirmation"}
    if order is None:
        if not info.get("phone_used"):
            missing.append("phone")
        if any(s.get("reason") == "variant" for s in info.get("skipped", [])):
            missing.append("variant")
        values["items"] = ", ".join(
            f"{i['keyword']} x{i['quantity']}" for i in info.get("items", [])
        )
        values["missing"] = bot.missing_sentence(missing)
        return bot.render(bot.WAITING_TEMPLATE, values), meta
    lines = await orders_service.items_of(session, order.id)
    if not order.address:
        missing.append("address")
    if any(s.get("reason") == "variant" for s in info.get("skipped", [])):
        missing.append("variant")
    values.update(
        code=order.code,
        items=bot.item_lines([(line.name, line.quantity, line.unit_price) for line in lines]),
        total=bot.format_vnd(order.total),
        missing=bot.missing_sentence(missing),
    )
    meta.update(
        order_id=order.id,
        quick_replies=[{"title": "Xác nhận", "payload": f"{bot.CONFIRM_PAYLOAD_PREFIX}{order.id}"}],
    )
    return bot.render(livestream.bot_template, values), meta


async def _bot_state(
    session: AsyncSession,
    lc: LivestreamComment,
    order: Order | None,
    info: dict[str, Any],
    status: str,
    error: str | None,
) -> None:
    unchanged = info.get("bot") == status and info.get("bot_error") == error
    info["bot"] = status
    info["bot_error"] = error
    # A fresh dict: the JSONB column only notices a new value, never an in-place change.
    lc.parsed = dict(info)
    flag_modified(lc, "parsed")
    if order is not None and not (unchanged and order.bot_status == status):
        order.bot_status = status
        order.bot_error = error
        order.version += 1
        await session.flush()
        from chotdon.orders.serializers import order_event

        emit_event(session, order.workspace_id, "order.updated", await order_event(session, order))


async def retry_bot_reply(session: AsyncSession, lc_id: int) -> str | None:
    """A private reply held back by the hourly cap: send it now if still wanted.

    Returns the comment's bot state afterwards (sent / queued / failed / skipped)."""
    head = await session.get(LivestreamComment, lc_id)
    if head is None:
        return None
    await locks.lock(session, "live-customer", f"{head.livestream_id}:{head.contact_id}")
    await session.refresh(head)
    info = dict(head.parsed or {})
    if info.get("bot") != "queued":
        return info.get("bot")
    livestream = await session.get(Livestream, head.livestream_id)
    message = await session.get(Message, head.message_id)
    contact = await session.get(Contact, head.contact_id) if head.contact_id else None
    order = await session.get(Order, head.order_id) if head.order_id else None
    gone = livestream is None or message is None or contact is None or message.is_deleted
    if gone or (order is not None and order.status != "draft"):
        # Staff handled the order (or the comment is gone) while the reply waited.
        await _bot_state(session, head, order, info, "skipped", None)
        return "skipped"
    assert livestream is not None and message is not None and contact is not None
    await send_confirmation(session, livestream, head, message, order, contact, info)
    return info.get("bot")


async def drain_bot_queue(session: AsyncSession, limit: int = 500) -> int:
    """Send queued private replies, oldest first, while each page has slots left this hour."""
    rows = await session.execute(
        select(LivestreamComment.id, Livestream.channel_id)
        .join(Livestream, Livestream.id == LivestreamComment.livestream_id)
        .where(LivestreamComment.parsed["bot"].astext == "queued")
        .order_by(LivestreamComment.id)
        .limit(limit)
    )
    capped: set[int] = set()
    sent = 0
    for lc_id, channel_id in rows.all():
        if channel_id in capped:
            continue
        state = await retry_bot_reply(session, lc_id)
        if state == "queued":
            capped.add(channel_id)
        elif state == "sent":
            sent += 1
    return sent


# --------------------------------------------------------------------------- the answer


async def has_pending_answer(session: AsyncSession, contact_id: int, workspace_id: int) -> bool:
    """Cheap check in the ingestion transaction: is this customer in a bot conversation, or
    waiting to give a phone number?"""
    order_id = await session.scalar(
        select(Order.id)
        .where(
            Order.workspace_id == workspace_id,
            Order.contact_id == contact_id,
            Order.livestream_id.is_not(None),
            Order.status == "draft",
            Order.bot_status.is_not(None),
        )
        .limit(1)
    )
    if order_id is not None:
        return True
    waiting = await session.scalar(
        select(LivestreamComment.id)
        .where(
            LivestreamComment.contact_id == contact_id,
            LivestreamComment.outcome.in_([MISSING_PHONE, MISSING_VARIANT]),
        )
        .limit(1)
    )
    return waiting is not None


async def process_answer(session: AsyncSession, message_id: int) -> None:
    """A customer's Messenger message after the bot wrote: address, phone, confirmation."""
    message = await session.get(Message, message_id)
    if message is None or message.direction != "in":
        return
    conversation = await session.get_one(Conversation, message.conversation_id)
    contact = await session.get_one(Contact, conversation.contact_id)
    meta = message.meta or {}
    payload = meta.get("quick_reply") or (meta.get("postback") or {}).get("payload")
    answer = bot.understand_answer(message.text, payload if isinstance(payload, str) else None)
    if answer.phone:
        await _wake_waiting(session, None, contact.id, exclude=None)
    if message.text and not answer.confirm and not answer.address and not answer.phone:
        await _wake_missing_variant(session, contact.id, message.text)
    stmt = select(Order).where(
        Order.workspace_id == message.workspace_id,
        Order.contact_id == contact.id,
        Order.livestream_id.is_not(None),
        Order.status == "draft",
        Order.bot_status.is_not(None),
    )
    if answer.order_id is not None:
        stmt = stmt.where(Order.id == answer.order_id)
    order = (await session.execute(stmt.order_by(Order.id.desc()).limit(1))).scalar_one_or_none()
    if order is None:
        return
    await locks.lock(session, "live-customer", f"{order.livestream_id}:{contact.id}")
    await session.refresh(order)
    if order.status != "draft":
        return
    done = (message.meta or {}).get("live_answer_applied")
    if done:
        return
    changes: dict[str, Any] = {}
    found = find_address(message.text)
    if found is not None:
        changes.update(
            address=found.text, province=found.province, district=found.district, ward=found.ward
        )
    elif answer.address:
        changes["address"] = answer.address
    if changes.get("address") == order.address:
        changes = {}
    if answer.phone and answer.phone != order.phone:
        changes["phone"] = answer.phone
    if changes:
        await orders_service.update_order(
            session, order, orders_service.OrderChanges(values=changes), actor=orders_service.BOT
        )
    message.meta = {**meta, "live_answer_applied": order.id}
    reply: str | None = None
    if answer.confirm:
        try:
            async with session.begin_nested():
                await orders_service.transition(
                    session, order.workspace_id, order.id, "confirmed", actor=orders_service.BOT
                )
        except AppError as exc:
            order.bot_error = exc.message
            if exc.code == "phone_required":
                reply = f"Shop chưa xác nhận được đơn {order.code}. " + bot.missing_sentence(
                    ["phone"]
                )
        else:
            await session.refresh(order)
            if not order.address:
                reply = f"Cảm ơn bạn! Đơn {order.code} đã được xác nhận. " + bot.missing_sentence(
                    ["address"]
                )
    elif changes:
        got = "địa chỉ" if "address" in changes else "số điện thoại"
        reply = (
            f'Shop đã ghi nhận {got} cho đơn {order.code}. Bạn trả lời "OK" để xác nhận đơn nhé!'
        )
    if reply:
        try:
            message_policy(conversation.last_incoming_at, datetime.now(UTC), sent_by_human=False)
        except AppError:
            return
        await queue_message(
            session,
            conversation,
            text=reply,
            sender_type="bot",
            meta={"livestream_id": order.livestream_id, "order_id": order.id},
        )


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
    from sqlalchemy import func as sa_func

    rows = await session.execute(
        update(LivestreamComment)
        .where(
            LivestreamComment.outcome == PENDING,
            LivestreamComment.updated_at
            < sa_func.now() - sa_func.make_interval(0, 0, 0, 0, 0, 0, older_than_seconds),
        )
        .values(updated_at=sa_func.now())
        .returning(LivestreamComment.id)
        .execution_options(synchronize_session=False)
    )
    ids = [int(r) for r in rows.scalars()][:1000]
    for lc_id in ids:
        enqueue_job(session, COMMENT_JOB, lc_id, job_id=f"live-comment:{lc_id}:sweep")
    return len(ids)
