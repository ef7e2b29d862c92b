"""Automatic messages as an outbox consumer (`core/outbox.py`): runs in the drain's transaction.

- `message.created` from a customer in a Messenger-style conversation: a greeting to the first
  message on a channel (again after `silence_hours` without one), an away message outside
  working hours (once per closed period per conversation). A first message outside working
  hours gets the away message only: the greeting is recorded skipped (`rules.AWAY_WINS`).
- `order.created` / `order.updated` with a status a rule names, `shipment.updated` for
  "shipped" (with its tracking code): the order-status message.

Every decision is one `AutoMessageSend` row with a unique key, inserted before anything is
sent: the same event processed twice sends nothing twice. A message the channel would refuse
(reply window), to a blocked customer or through a disconnected channel is recorded `skipped`
with the reason and never retried. Messages go out as `sender_type: "bot"` through
`inbox.outgoing.queue_message`, which leaves `replied` and `unread` alone for bots.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts.models import Workspace
from chotdon.automations import rules as decide
from chotdon.automations import templates, window
from chotdon.automations.models import AutoMessageRule, AutoMessageSend
from chotdon.channels.models import Channel
from chotdon.core.db import utcnow
from chotdon.core.errors import ValidationFailed
from chotdon.core.outbox import OutboxEvent
from chotdon.customers.models import Contact
from chotdon.inbox import reply_quota
from chotdon.inbox.models import Conversation, Message

ORDER_STATUSES = {"confirmed", "closed", "completed", "cancelled"}
TRIGGERS = {"message.created", "order.created", "order.updated", "shipment.updated"}


async def on_events(session: AsyncSession, events: Sequence[OutboxEvent]) -> None:
    relevant = [e for e in events if e.type in TRIGGERS and _interesting(e)]
    if not relevant:
        return
    rows = (
        await session.scalars(
            select(AutoMessageRule)
            .where(
                AutoMessageRule.workspace_id.in_({e.workspace_id for e in relevant}),
                AutoMessageRule.enabled.is_(True),
            )
            .order_by(AutoMessageRule.id)
        )
    ).all()
    if not rows:
        return
    by_workspace: dict[int, list[AutoMessageRule]] = defaultdict(list)
    for rule in rows:
        by_workspace[rule.workspace_id].append(rule)
    now = utcnow()
    for event in relevant:
        rules = by_workspace.get(event.workspace_id)
        if not rules:
            continue
        if event.type == "message.created":
            await _on_customer_message(session, event, rules, now)
        elif event.type == "shipment.updated":
            await _on_order(session, event.workspace_id, rules, now, event.data, "shipped")
        else:
            await _on_order(session, event.workspace_id, rules, now, event.data, None)


def _interesting(event: OutboxEvent) -> bool:
    data = event.data
    if event.type == "message.created":
        return (
            data.get("direction") == "in"
            and data.get("sender_type") == "contact"
            and data.get("kind") == "message"
        )
    if event.type == "shipment.updated":
        return bool(data.get("order_id")) and bool(data.get("tracking_code"))
    return data.get("status") in ORDER_STATUSES


async def _on_customer_message(
    session: AsyncSession, event: OutboxEvent, rules: list[AutoMessageRule], now: datetime
) -> None:
    data = event.data
    created_at = datetime.fromisoformat(data["created_at"])
    if decide.is_stale(created_at, now):
        return
    channel_id = int(data["channel_id"])
    matching = [r for r in rules if decide.channel_matches(r.channel_ids, channel_id)]
    greetings = [r for r in matching if r.kind == "greeting"]
    aways = [r for r in matching if r.kind == "away"]
    if not greetings and not aways:
        return
    conversation = await session.get(Conversation, int(data["conversation_id"]))
    if conversation is None:
        return
    away = None
    if aways:
        from chotdon.working_hours.service import get_schedule

        schedule = await get_schedule(session, event.workspace_id)
        away = decide.away_key(schedule, conversation.id, created_at)
        if away is not None:
            await _send(session, aways[0], conversation, away, {}, now)
    for rule in greetings[:1]:
        if await _earlier_message(session, conversation, int(data["id"]), created_at, rule):
            continue
        key = decide.greeting_key(
            channel_id, conversation.contact_id, int(data["id"]), rule.silence_hours
        )
        # Outside working hours the away message answers: one automatic message per first
        # message, and the one that tells the customer when the shop will answer.
        reason = decide.AWAY_WINS if away is not None else None
        await _send(session, rule, conversation, key, {}, now, reason=reason)


async def _earlier_message(
    session: AsyncSession,
    conversation: Conversation,
    message_id: int,
    created_at: datetime,
    rule: AutoMessageRule,
) -> bool:
    """Whether the customer wrote on this channel before (within the silence, when set)."""
    conditions = [
        Conversation.contact_id == conversation.contact_id,
        Conversation.channel_id == conversation.channel_id,
        Message.direction == "in",
        Message.id != message_id,
        Message.created_at <= created_at,
    ]
    if rule.silence_hours is not None:
        from datetime import timedelta

        conditions.append(Message.created_at > created_at - timedelta(hours=rule.silence_hours))
    return bool(
        await session.scalar(
            select(exists().where(Message.conversation_id == Conversation.id).where(*conditions))
        )
    )


async def _on_order(
    session: AsyncSession,
    workspace_id: int,
    rules: list[AutoMessageRule],
    now: datetime,
    data: dict[str, Any],
    status: str | None,
) -> None:
    from chotdon.orders.models import Order
    from chotdon.orders.totals import format_vnd

    status = status or str(data.get("status"))
    order_id = int(data["order_id"] if "order_id" in data and status == "shipped" else data["id"])
    order = await session.get(Order, order_id)
    if order is None or order.workspace_id != workspace_id:
        return
    candidates = [
        r
        for r in rules
        if r.kind == "order_status"
        and r.order_status == status
        and (order.channel_id is None or decide.channel_matches(r.channel_ids, order.channel_id))
    ]
    if not candidates:
        return
    conversation = await _order_conversation(session, order)
    values = {
        "customer_name": order.customer_name or "",
        "order_code": order.code,
        "order_total": format_vnd(order.total),
        "tracking_code": str(data.get("tracking_code") or ""),
    }
    await _send(
        session,
        candidates[0],
        conversation,
        decide.order_key(order.id, status),
        values,
        now,
        order_id=order.id,
        contact_id=order.contact_id,
    )


async def _order_conversation(session: AsyncSession, order: Any) -> Conversation | None:
    """The order's Messenger conversation, else the customer's latest on the order's channel."""
    if order.conversation_id is not None:
        conversation = await session.get(Conversation, order.conversation_id)
        if conversation is not None and conversation.kind == "message":
            return conversation
    if order.contact_id is None:
        return None
    stmt = select(Conversation).where(
        Conversation.workspace_id == order.workspace_id,
        Conversation.contact_id == order.contact_id,
        Conversation.kind == "message",
    )
    if order.channel_id is not None:
        stmt = stmt.where(Conversation.channel_id == order.channel_id)
    return await session.scalar(stmt.order_by(Conversation.last_message_at.desc()).limit(1))


async def _refusal(
    session: AsyncSession, conversation: Conversation | None, contact: Contact | None, now: datetime
) -> str | None:
    """Why an automatic message may not go now: a code of orders/bot_errors.py, or None."""
    if conversation is None:
        return "no_messenger_conversation"
    if contact is not None and contact.blocked:
        return "customer_blocked"
    channel = await session.get(Channel, conversation.channel_id)
    if channel is None or channel.status != "connected":
        return "channel_disconnected"
    sent = await reply_quota.sent_since_incoming(session, conversation, channel.provider)
    return window.refusal(channel, conversation.last_incoming_at, now, sent)


async def _send(
    session: AsyncSession,
    rule: AutoMessageRule,
    conversation: Conversation | None,
    key: str,
    values: dict[str, str],
    now: datetime,
    *,
    order_id: int | None = None,
    contact_id: int | None = None,
    reason: str | None = None,
) -> None:
    """Decide once (the send row's unique key) and queue the bot message, or record `reason`
    (given, or the channel's refusal) as a skip."""
    from chotdon.inbox.media import attachments_for
    from chotdon.inbox.outgoing import queue_message

    contact_id = conversation.contact_id if conversation is not None else contact_id
    contact = await session.get(Contact, contact_id) if contact_id is not None else None
    reason = reason or await _refusal(session, conversation, contact, now)
    attachments: list[dict[str, Any]] = []
    if reason is None and rule.attachment_ids:
        try:
            attachments = await attachments_for(session, rule.workspace_id, rule.attachment_ids)
        except ValidationFailed:
            reason = "attachment_missing"
    decided = await session.scalar(
        insert(AutoMessageSend)
        .values(
            workspace_id=rule.workspace_id,
            rule_id=rule.id,
            kind=rule.kind,
            dedupe_key=key,
            status="skipped" if reason else "queued",
            reason=reason,
            conversation_id=conversation.id if conversation is not None else None,
            contact_id=contact_id,
            order_id=order_id,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["workspace_id", "dedupe_key"])
        .returning(AutoMessageSend.id)
    )
    if decided is None or reason is not None or conversation is None:
        return  # already decided for this trigger, or skipped with its reason
    shop = await session.scalar(select(Workspace.name).where(Workspace.id == rule.workspace_id))
    text = templates.render(
        rule.text,
        {
            "shop_name": shop or "",
            "customer_name": (contact.name if contact is not None else "") or "",
            **{k: v for k, v in values.items() if v or k != "customer_name"},
        },
    )
    # The conversation row is locked like an agent's reply does (concurrent updates in turn).
    await session.refresh(conversation, with_for_update=True)
    message = await queue_message(
        session,
        conversation,
        text=text or None,
        attachments=attachments,
        sender_type="bot",
        meta={"purpose": f"auto_{rule.kind}", "auto_message_rule": rule.id},
    )
    send = await session.get_one(AutoMessageSend, decided)
    send.message_id = message.id
