"""The customer's answer to the bot: a Messenger message from a customer with a draft
livestream order the bot wrote about (or comments waiting for a phone or a size).

It may carry an address, a phone number, a size, or "OK" / the "Xác nhận" button: the order is
completed or confirmed, the comments that waited are read again, and the bot says what it took.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, union
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import registry
from chotdon.core import locks
from chotdon.core.errors import AppError
from chotdon.customers.addresses import find_address
from chotdon.customers.models import Contact
from chotdon.inbox.models import Conversation, Message
from chotdon.inbox.outgoing import queue_message
from chotdon.livestream import bot, intake
from chotdon.livestream.models import LivestreamComment
from chotdon.orders import bot_errors
from chotdon.orders import service as orders_service
from chotdon.orders.models import Order


async def contacts_with_pending_answer(
    session: AsyncSession, workspace_id: int, contact_ids: list[int]
) -> set[int]:
    """Which of these customers are in a bot conversation (a draft livestream order the bot
    wrote about) or owe a phone number / a size for a comment: their next Messenger message
    may be an answer (`process_answer`). One query, for a whole batch of messages."""
    in_bot = select(Order.contact_id).where(
        Order.workspace_id == workspace_id,
        Order.contact_id.in_(contact_ids),
        Order.livestream_id.is_not(None),
        Order.status == "draft",
        Order.bot_status.is_not(None),
    )
    waiting = select(LivestreamComment.contact_id).where(
        LivestreamComment.workspace_id == workspace_id,
        LivestreamComment.contact_id.in_(contact_ids),
        LivestreamComment.outcome.in_([intake.MISSING_PHONE, intake.MISSING_VARIANT]),
    )
    rows = await session.execute(union(in_bot, waiting))
    return {int(contact_id) for contact_id in rows.scalars() if contact_id is not None}


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
        await intake.wake_waiting_comments(session, contact.id)
    if message.text and not answer.confirm and not answer.address and not answer.phone:
        await intake.wake_missing_variant(session, contact.id, message.text)
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
            order.bot_error = bot_errors.code_of(exc)
            if exc.code in ("phone_required", "variant_required"):
                reply = f"Shop chưa xác nhận được đơn {order.code}. " + bot.missing_sentence(
                    ["phone" if exc.code == "phone_required" else "variant"]
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
            provider = await registry.provider_of(session, conversation.channel_id)
            provider.check_reply(
                conversation.last_incoming_at,
                datetime.now(UTC),
                sent_by_human=False,
                state=conversation.provider_state,
            )
        except AppError:
            return
        await queue_message(
            session,
            conversation,
            text=reply,
            sender_type="bot",
            meta={"livestream_id": order.livestream_id, "order_id": order.id},
        )
