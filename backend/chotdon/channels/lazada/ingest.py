"""Lazada pushes → the inbox: a stored push is applied once (`channels.webhooks.process_batch`).

IM messages of each seller in a batch go to one `inbox.flows.record_new` (oldest first;
duplicates and echoes of our own sends are recognised by message id, an echo arriving before
its send stored the id is retried later); session updates become
read receipts; a token-expiry alert (type 8) refreshes the token now. A buyer we know no name
of yet (pushes carry none) gets a conversation sync (`/im/session/get`: masked nick, avatar).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import outbound, webhooks
from chotdon.channels.events import InboundMessage
from chotdon.channels.lazada import parse
from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.core.after_commit import enqueue_job
from chotdon.customers.models import Contact
from chotdon.inbox import flows
from chotdon.inbox.models import Conversation, Message

PROVIDER = "lazada"
PROCESS_JOB = "process_lazada_delivery"


async def _channel(session: AsyncSession, seller_id: str) -> Channel | None:
    return (
        await session.execute(
            select(Channel).where(Channel.provider == PROVIDER, Channel.external_id == seller_id)
        )
    ).scalar_one_or_none()


def _parsed(delivery: WebhookDelivery) -> parse.SellerEvents | None:
    try:
        return parse.parse_push(orjson.loads(delivery.body))
    except orjson.JSONDecodeError:
        return None


class EchoTooEarly(Exception):
    """An echo arrived while one of our sends to that buyer is still in flight: the delivery
    is retried later (`webhooks.process`), when the send has stored Lazada's message id."""


async def _known_echo(session: AsyncSession, channel: Channel, event: InboundMessage) -> bool:
    """True: an echo of a part we sent (its id is in our row's send state). Raises
    `EchoTooEarly` while a send to this buyer is in flight (Lazada's echo carries nothing of
    ours to tell which part it is; a moment later the id is known, or the send failed as
    "maybe sent" and the echo is recorded as the shop's message)."""
    if event.direction != "out":
        return False
    ours = (
        select(Message.id)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(
            Conversation.channel_id == channel.id,
            Conversation.external_id == event.customer.external_id,
            Message.direction == "out",
        )
    )
    known = ours.where(Message.meta["send"]["ids"].contains([event.external_id]))
    if (await session.execute(known.limit(1))).first() is not None:
        return True
    in_flight = ours.where(
        Message.status == "pending", Message.meta["send"]["inflight"].as_integer().is_not(None)
    )
    if (await session.execute(in_flight.limit(1))).first() is not None:
        raise EchoTooEarly(f"a send to {event.customer.external_id} is in flight")
    return False


async def _record(
    session: AsyncSession, channel: Channel, pushed: Sequence[parse.SellerEvents]
) -> None:
    ordered = sorted((m for p in pushed for m in p.messages), key=lambda m: m.created_at)
    messages = [m for m in ordered if not await _known_echo(session, channel, m)]
    if messages:
        recorded = await flows.record_new(session, channel, messages)
        await _sync_nameless(session, [r.conversation for r in recorded if r.created])
    for read in (r for p in pushed for r in p.reads):
        await flows.record_status(session, channel, read)
    if any(p.message_type == parse.TOKEN_EXPIRING for p in pushed):
        enqueue_job(session, "refresh_channel_token", channel.id, job_id=f"refresh:{channel.id}")


async def _sync_nameless(session: AsyncSession, conversations: list[Any]) -> None:
    by_contact = {c.contact_id: c.id for c in conversations if c is not None}
    if not by_contact:
        return
    nameless = await session.scalars(
        select(Contact.id).where(Contact.id.in_(by_contact), Contact.name == "")
    )
    for contact_id in nameless:
        outbound.enqueue_conversation_sync(session, by_contact[contact_id])


async def apply_deliveries(session: AsyncSession, deliveries: list[WebhookDelivery]) -> None:
    """Stored pushes, grouped by seller: one `record_new` per seller and batch."""
    by_seller: dict[str, list[tuple[WebhookDelivery, parse.SellerEvents]]] = {}
    for delivery in deliveries:
        pushed = _parsed(delivery)
        if pushed is None:
            delivery.error = "not a Lazada push"
            continue
        delivery.events_count = len(pushed.messages) + len(pushed.reads)
        by_seller.setdefault(pushed.seller_id, []).append((delivery, pushed))
    for seller_id, items in by_seller.items():
        channel = await _channel(session, seller_id)
        if channel is None or channel.status != "connected":
            for delivery, _ in items:
                delivery.unknown_page_ids = [seller_id]
            continue
        for delivery, _ in items:
            delivery.workspace_ids = [channel.workspace_id]
        await _record(session, channel, [p for _, p in items])


async def apply_delivery(session: AsyncSession, delivery: WebhookDelivery) -> None:
    await apply_deliveries(session, [delivery])


async def process_delivery(delivery_id: int) -> str:
    return await webhooks.process_batch(delivery_id, PROVIDER, apply_deliveries, apply_delivery)
