"""The confirmation bot's message: a private reply to the comment (or, when the customer asked
for it, a Messenger message) summarising the order and what is still missing.

Facebook allows one private reply per comment, within 7 days, and a page only so many an hour:
a reply over the hourly cap waits in a visible queue (`bot` = queued) that `drain_bot_queue`
sends as slots free up. The state of the bot's message is kept on the comment's row and the
order (`bot_status`, `bot_error`), which the board shows.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from chotdon.channels import registry
from chotdon.channels.models import Channel
from chotdon.core import locks
from chotdon.core.after_commit import emit_event
from chotdon.core.errors import AppError
from chotdon.customers.models import Contact
from chotdon.inbox.models import Conversation, Message
from chotdon.inbox.outgoing import private_reply_sent, queue_message
from chotdon.livestream import bot
from chotdon.livestream.models import Livestream, LivestreamComment
from chotdon.orders import bot_errors
from chotdon.orders import service as orders_service
from chotdon.orders.models import Order


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
        provider = await registry.provider_of(session, livestream.channel_id)
        provider.check_private_reply(
            comment.created_at, now, already_replied=await private_reply_sent(session, comment)
        )
    except AppError as exc:
        await _bot_state(session, lc, order, info, "failed", bot_errors.code_of(exc))
        return
    channel = await session.get_one(Channel, livestream.channel_id)
    wait = await bot.reserve_slot(channel.id, bot.hourly_cap(channel.settings), f"c{comment.id}")
    if wait is not None:
        # The page used its private replies of the last hour: the reply waits in the visible
        # queue (`bot` = queued) that `drain_bot_queue` sends as slots free up.
        await _bot_state(session, lc, order, info, "queued", None)
        return
    conversation = await session.get_one(Conversation, comment.conversation_id)
    await _send(session, livestream, channel, lc, order, contact, info, conversation, comment)


async def summary_in_messenger(
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
        provider = await registry.provider_of(session, livestream.channel_id)
        provider.check_reply(
            conversation.last_incoming_at if conversation else None,
            datetime.now(UTC),
            sent_by_human=False,
            state=conversation.provider_state if conversation else None,
        )
    except AppError as exc:
        await _bot_state(session, lc, order, info, "failed", bot_errors.code_of(exc))
        return
    assert conversation is not None
    channel = await session.get_one(Channel, livestream.channel_id)
    await _send(session, livestream, channel, lc, order, contact, info, conversation, None)


async def _send(
    session: AsyncSession,
    livestream: Livestream,
    channel: Channel,
    lc: LivestreamComment,
    order: Order | None,
    contact: Contact,
    info: dict[str, Any],
    conversation: Conversation,
    private_reply_to: Message | None,
) -> None:
    """Queue the bot's message (a private reply to `private_reply_to`, else in `conversation`)
    and mark it sent on the comment and the order."""
    text, meta = await _confirmation_text(session, livestream, channel, order, contact, info)
    reply = await queue_message(
        session,
        conversation,
        text=text,
        sender_type="bot",
        private_reply_to=private_reply_to,
        meta=meta,
    )
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
    if any(line.needs_variant for line in lines) or any(
        s.get("reason") == "variant" for s in info.get("skipped", [])
    ):
        missing.append("variant")
    values.update(
        code=order.code,
        items=bot.item_lines(
            [
                (
                    f"{line.name} ({bot.VARIANT_PENDING})" if line.needs_variant else line.name,
                    line.quantity,
                    line.unit_price,
                )
                for line in lines
            ]
        ),
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
