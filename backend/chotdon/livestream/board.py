"""The livestream order board: orders by status with the customer's history, totals, the
comment feed with what the parser understood, and bulk actions through the orders service."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.models import Channel
from chotdon.core.auth import Principal
from chotdon.core.errors import AppError, Conflict, NotFound, ValidationFailed
from chotdon.core.pagination import Page, PageParams, decode_cursor, encode_cursor
from chotdon.customers.models import Contact
from chotdon.customers.phones import normalize_phone
from chotdon.inbox.models import Message
from chotdon.livestream import bot, intake
from chotdon.livestream import service as live_service
from chotdon.livestream.models import Livestream, LivestreamComment
from chotdon.livestream.schemas import (
    BoardOrderOut,
    BulkFailure,
    BulkIn,
    BulkOut,
    CommentResolveIn,
    CustomerHistory,
    LiveCommentOut,
    TotalsOut,
)
from chotdon.orders import service as orders_service
from chotdon.orders.models import ORDER_STATUSES, Order, OrderItem
from chotdon.orders.serializers import order_event, orders_out

# The comment feed's "cần xử lý" filter (`outcome=needs_action`): comments staff should look at.
NEEDS_ACTION = "needs_action"
NEEDS_ACTION_OUTCOMES = (
    intake.MISSING_PHONE,
    intake.MISSING_VARIANT,
    intake.FAILED,
    intake.LOCKED,
    intake.CANCEL_REQUEST,
    intake.LIMIT_REACHED,
)

BULK_TARGETS = {
    "confirm": "confirmed",
    "close": "closed",
    "complete": "completed",
    "cancel": "cancelled",
}


async def list_board_orders(
    session: AsyncSession,
    livestream: Livestream,
    params: PageParams,
    *,
    statuses: list[str] | None = None,
    bot_status: str | None = None,
) -> Page[BoardOrderOut]:
    """The livestream's orders, newest first, each with the customer's earlier orders."""
    await _sync_bot_failures(session, livestream)
    stmt = select(Order).where(
        Order.workspace_id == livestream.workspace_id, Order.livestream_id == livestream.id
    )
    if statuses:
        stmt = stmt.where(Order.status.in_(statuses))
    if bot_status:
        stmt = stmt.where(Order.bot_status == bot_status)
    cursor = decode_cursor(params.cursor, 1)
    if cursor is not None:
        stmt = stmt.where(Order.id < int(cursor[0]))
    rows = list(
        (await session.execute(stmt.order_by(Order.id.desc()).limit(params.limit + 1))).scalars()
    )
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    outs = await orders_out(session, rows)
    histories = await _histories(session, livestream.workspace_id, rows)
    items = [
        BoardOrderOut(order=out, history=histories.get(order.contact_id or 0))
        for order, out in zip(rows, outs, strict=True)
    ]
    return Page(items=items, next_cursor=encode_cursor([rows[-1].id]) if more and rows else None)


async def _histories(
    session: AsyncSession, workspace_id: int, orders: list[Order]
) -> dict[int, CustomerHistory]:
    """Per customer: counters ("bùng đơn" = cancelled) and up to 5 earlier orders, 2 queries."""
    contact_ids = {o.contact_id for o in orders if o.contact_id}
    if not contact_ids:
        return {}
    contacts = {
        c.id: c
        for c in (
            await session.execute(select(Contact).where(Contact.id.in_(contact_ids)))
        ).scalars()
    }
    ranked = (
        select(
            Order.id,
            Order.contact_id,
            Order.code,
            Order.status,
            Order.total,
            Order.livestream_id,
            Order.created_at,
            func.row_number()
            .over(partition_by=Order.contact_id, order_by=Order.id.desc())
            .label("n"),
        )
        .where(Order.workspace_id == workspace_id, Order.contact_id.in_(contact_ids))
        .subquery()
    )
    rows = await session.execute(select(ranked).where(ranked.c.n <= 6))
    earlier: dict[int, list[dict[str, Any]]] = {}
    current = {o.id for o in orders}
    for r in rows.all():
        if r.id in current:
            continue
        earlier.setdefault(r.contact_id, []).append(
            {
                "id": r.id,
                "code": r.code,
                "status": r.status,
                "total": r.total,
                "livestream_id": r.livestream_id,
                "created_at": r.created_at.isoformat(),
            }
        )
    return {
        cid: CustomerHistory(
            contact_id=cid,
            orders_count=c.orders_count,
            completed_orders_count=c.completed_orders_count,
            cancelled_orders_count=c.cancelled_orders_count,
            total_spent=c.total_spent,
            earlier_orders=earlier.get(cid, [])[:5],
        )
        for cid, c in contacts.items()
    }


async def _sync_bot_failures(session: AsyncSession, livestream: Livestream) -> None:
    """A private reply the provider could not deliver shows as a bot failure on its order."""
    rows = await session.execute(
        select(Order, Message)
        .join(
            Message,
            (Message.meta["order_id"].as_integer() == Order.id)
            & (Message.meta["bot"].as_string() == "livestream_confirmation"),
        )
        .where(
            Order.livestream_id == livestream.id,
            Order.bot_status == "sent",
            Message.conversation_id == Order.conversation_id,
            Message.status == "failed",
        )
        .limit(200)
    )
    for order, message in rows.all():
        order.bot_status = "failed"
        order.bot_error = message.error_code or "private_reply_failed"
        order.version += 1
        await session.flush()
        from chotdon.core.after_commit import emit_event

        emit_event(session, order.workspace_id, "order.updated", await order_event(session, order))


async def totals(session: AsyncSession, livestream: Livestream) -> TotalsOut:
    """Orders, items, revenue (not cancelled), confirmed rate, comments, the bot's queue."""
    by_status = {s: 0 for s in ORDER_STATUSES}
    rows = await session.execute(
        select(Order.status, func.count(), func.coalesce(func.sum(Order.total), 0))
        .where(Order.livestream_id == livestream.id)
        .group_by(Order.status)
    )
    revenue = 0
    for status, count, total in rows.all():
        by_status[status] = int(count)
        if status != "cancelled":
            revenue += int(total)
    orders = sum(by_status.values())
    items = await session.scalar(
        select(func.coalesce(func.sum(OrderItem.quantity), 0))
        .join(Order, Order.id == OrderItem.order_id)
        .where(Order.livestream_id == livestream.id, Order.status != "cancelled")
    )
    customers = await session.scalar(
        select(func.count(func.distinct(Order.contact_id))).where(
            Order.livestream_id == livestream.id
        )
    )
    bot_counts = dict(
        (
            await session.execute(
                select(Order.bot_status, func.count())
                .where(Order.livestream_id == livestream.id, Order.bot_status.is_not(None))
                .group_by(Order.bot_status)
            )
        ).all()
    )
    outcomes = dict(
        (
            await session.execute(
                select(LivestreamComment.outcome, func.count())
                .where(LivestreamComment.livestream_id == livestream.id)
                .group_by(LivestreamComment.outcome)
            )
        ).all()
    )
    confirmed = by_status["confirmed"] + by_status["closed"] + by_status["completed"]
    channel = await session.get(Channel, livestream.channel_id)
    try:
        used = await bot.slots_used(livestream.channel_id)
    except Exception:  # Redis down: the board still shows its numbers
        used = -1
    return TotalsOut(
        orders=orders,
        by_status=by_status,
        items=int(items or 0),
        revenue=revenue,
        confirmed_rate=round(confirmed / orders, 4) if orders else 0.0,
        customers=int(customers or 0),
        comments=sum(int(v) for v in outcomes.values()),
        comments_by_outcome={k: int(v) for k, v in outcomes.items()},
        bot_queued=int(bot_counts.get("queued", 0)),
        bot_sent=int(bot_counts.get("sent", 0)),
        bot_failed=int(bot_counts.get("failed", 0)),
        private_replies_last_hour=used,
        private_reply_hourly_cap=bot.hourly_cap(channel.settings if channel else None),
    )


async def comment_feed(
    session: AsyncSession,
    livestream: Livestream,
    params: PageParams,
    *,
    outcome: str | None = None,
    contact_id: int | None = None,
) -> Page[LiveCommentOut]:
    """The livestream's comments, newest first, with the parse outcome of each."""
    stmt = (
        select(LivestreamComment, Message, Contact.name, Order.code)
        .join(Message, Message.id == LivestreamComment.message_id)
        .outerjoin(Contact, Contact.id == LivestreamComment.contact_id)
        .outerjoin(Order, Order.id == LivestreamComment.order_id)
        .where(LivestreamComment.livestream_id == livestream.id)
    )
    if outcome == NEEDS_ACTION:
        stmt = stmt.where(LivestreamComment.outcome.in_(NEEDS_ACTION_OUTCOMES))
    elif outcome:
        stmt = stmt.where(LivestreamComment.outcome == outcome)
    if contact_id is not None:
        stmt = stmt.where(LivestreamComment.contact_id == contact_id)
    cursor = decode_cursor(params.cursor, 1)
    if cursor is not None:
        stmt = stmt.where(LivestreamComment.id < int(cursor[0]))
    rows = (
        await session.execute(stmt.order_by(LivestreamComment.id.desc()).limit(params.limit + 1))
    ).all()
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    items = [_comment_out(lc, message, name, code) for lc, message, name, code in rows]
    return Page(items=items, next_cursor=encode_cursor([rows[-1][0].id]) if more and rows else None)


def _comment_out(
    lc: LivestreamComment, message: Message, name: str | None, code: str | None
) -> LiveCommentOut:
    return LiveCommentOut(
        id=lc.id,
        message_id=lc.message_id,
        contact_id=lc.contact_id,
        customer_name=name,
        order_id=lc.order_id,
        order_code=code,
        text=message.text,
        outcome=lc.outcome,
        parsed=lc.parsed or {},
        is_deleted=message.is_deleted,
        is_hidden=message.is_hidden,
        created_at=message.created_at,
        updated_at=lc.updated_at,
    )


async def resolve_comment(
    session: AsyncSession, livestream: Livestream, comment_id: int, body: CommentResolveIn
) -> LiveCommentOut:
    """Staff completes a flagged comment (phone, products, size / colour); it is read again
    at once with those choices, creating or completing the customer's order."""
    lc = await session.get(LivestreamComment, comment_id) if 0 < comment_id < 2**63 else None
    if lc is None or lc.livestream_id != livestream.id:
        raise NotFound("Comment not found", code="comment_not_found")
    message = await session.get_one(Message, lc.message_id)
    if message.is_deleted:
        raise Conflict("The customer removed this comment", code="comment_removed")
    if lc.contact_id is None:
        raise Conflict("This comment has no customer to order for", code="comment_no_customer")
    staff: dict[str, Any] = dict((lc.parsed or {}).get("staff") or {})
    if body.phone is not None:
        phone = normalize_phone(body.phone)
        if phone is None:
            raise ValidationFailed(
                "Invalid phone number", details=[{"field": "phone", "message": "invalid"}]
            )
        staff["phone"] = phone
    if body.items:
        config = await live_service.load_config(session, livestream, use_cache=False)
        choices = []
        for n, item in enumerate(body.items):
            entry = config.entry(item.item_id)
            if entry is None:
                raise ValidationFailed(
                    "This product is not on sale in this livestream",
                    details=[{"field": f"items.{n}.item_id", "message": "not configured"}],
                )
            if item.variant_id is not None and all(v.id != item.variant_id for v in entry.choices):
                raise ValidationFailed(
                    "This variant is not one of the product's choices",
                    details=[{"field": f"items.{n}.variant_id", "message": "not a choice"}],
                )
            choices.append(item.model_dump(exclude_none=True))
        staff["items"] = choices
    await intake.process_one(session, lc.id, staff=staff)
    await session.refresh(lc)
    name = await session.scalar(select(Contact.name).where(Contact.id == lc.contact_id))
    code = (
        await session.scalar(select(Order.code).where(Order.id == lc.order_id))
        if lc.order_id
        else None
    )
    return _comment_out(lc, message, name, code)


async def bulk(
    session: AsyncSession, principal: Principal, livestream: Livestream, body: BulkIn
) -> BulkOut:
    """Confirm / close / complete / cancel many orders; each one succeeds or fails alone."""
    to = BULK_TARGETS[body.action]
    actor = orders_service.Actor.from_principal(principal)
    done: list[int] = []
    failed: list[BulkFailure] = []
    wanted = list(dict.fromkeys(body.ids))
    found = set(
        (
            await session.execute(
                select(Order.id).where(
                    Order.workspace_id == livestream.workspace_id,
                    Order.livestream_id == livestream.id,
                    Order.id.in_([i for i in wanted if 0 < i < 2**63]),
                )
            )
        ).scalars()
    )
    for order_id in wanted:
        if order_id not in found:
            failed.append(BulkFailure(id=order_id, code="not_found", message="Order not found"))
            continue
        try:
            async with session.begin_nested():
                await orders_service.transition(
                    session, livestream.workspace_id, order_id, to, actor=actor, reason=body.reason
                )
        except AppError as exc:
            failed.append(BulkFailure(id=order_id, code=exc.code, message=exc.message))
        else:
            done.append(order_id)
    return BulkOut(done=done, failed=failed)


async def orders_for_print(
    session: AsyncSession, livestream: Livestream, ids: list[int] | None, statuses: list[str]
) -> list[Order]:
    stmt = select(Order).where(
        Order.workspace_id == livestream.workspace_id, Order.livestream_id == livestream.id
    )
    if ids:
        stmt = stmt.where(Order.id.in_([i for i in ids if 0 < i < 2**63]))
    if statuses:
        stmt = stmt.where(Order.status.in_(statuses))
    return list((await session.execute(stmt.order_by(Order.id).limit(500))).scalars())
