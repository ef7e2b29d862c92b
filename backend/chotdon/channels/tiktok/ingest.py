"""TikTok Shop notifications → the inbox. A stored notification is applied once
(`channels.webhooks.process_batch`): new messages (type 14, the shop's own sends included:
recognised by message id) are recorded per shop in one `record_new`; a conversation change
(type 13) re-reads that conversation's messages; the seller's deauthorisation (6) disconnects
the channel, an authorisation about to expire (7) says so on the channel."""

from __future__ import annotations

import logging

import orjson
from sqlalchemy import or_, select
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import outbound, webhooks
from chotdon.channels.events import InboundMessage
from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.channels.service import emit_channel_updated
from chotdon.channels.tiktok import parse
from chotdon.inbox import flows
from chotdon.inbox.models import Conversation, Message

log = logging.getLogger(__name__)

PROVIDER = "tiktok"
PROCESS_JOB = "process_tiktok_delivery"
DEAUTHORIZED_REASON = "The seller withdrew Chotdon's authorisation on TikTok Shop: reconnect it"
EXPIRING_REASON = "TikTok Shop's authorisation of this shop expires soon: reconnect it"


class EchoBeforeSend(Exception):
    """The echo of a part we are sending came before the send's answer was stored: the
    delivery is retried with backoff (`channels.webhooks`), then recognised as ours."""


def _parsed(delivery: WebhookDelivery) -> parse.Notification | None:
    try:
        return parse.parse_notification(orjson.loads(delivery.body))
    except orjson.JSONDecodeError:
        return None


async def _channel(session: AsyncSession, shop_id: str) -> Channel | None:
    return (
        await session.execute(
            select(Channel).where(Channel.provider == PROVIDER, Channel.external_id == shop_id)
        )
    ).scalar_one_or_none()


async def _authorisation(session: AsyncSession, channel: Channel, kind: int) -> None:
    if kind == parse.SELLER_DEAUTHORIZATION:
        channel.status = "disconnected"
        channel.status_reason = DEAUTHORIZED_REASON
    else:
        channel.status_reason = EXPIRING_REASON
    await session.flush()
    emit_channel_updated(session, channel)


async def _conversation_changed(
    session: AsyncSession, channel: Channel, conversation_id: str
) -> None:
    conversation = (
        await session.execute(
            select(Conversation.id).where(
                Conversation.channel_id == channel.id,
                Conversation.kind == "message",
                Conversation.external_id == conversation_id,
            )
        )
    ).scalar_one_or_none()
    if conversation is not None:
        outbound.enqueue_conversation_sync(session, conversation)


async def apply_delivery(session: AsyncSession, delivery: WebhookDelivery) -> None:
    await apply_deliveries(session, [delivery])


async def apply_deliveries(session: AsyncSession, deliveries: list[WebhookDelivery]) -> None:
    """Stored notifications, oldest first: the messages of each shop in one `record_new`."""
    by_shop: dict[str, list[InboundMessage]] = {}
    owners: dict[str, list[tuple[WebhookDelivery, parse.Notification]]] = {}
    for delivery in deliveries:
        notification = _parsed(delivery)
        if notification is None:
            delivery.error = "not a TikTok Shop notification"
            continue
        by_shop.setdefault(notification.shop_id, []).extend(notification.events)
        owners.setdefault(notification.shop_id, []).append((delivery, notification))
        delivery.events_count = len(notification.events)
    for shop_id, events in by_shop.items():
        channel = await _channel(session, shop_id)
        if channel is None or channel.status != "connected":
            for delivery, _ in owners[shop_id]:
                delivery.unknown_page_ids = [shop_id]
            continue
        for delivery, notification in owners[shop_id]:
            delivery.workspace_ids = [channel.workspace_id]
            if notification.type in (parse.SELLER_DEAUTHORIZATION, parse.AUTHORIZATION_EXPIRING):
                await _authorisation(session, channel, notification.type)
            elif notification.type == parse.NEW_CONVERSATION and notification.conversation_id:
                await _conversation_changed(session, channel, notification.conversation_id)
        events = await _without_our_sends(session, channel, events)
        if events and channel.status == "connected":
            events.sort(key=lambda e: (e.created_at, _index(e)))
            await flows.record_new(session, channel, events)


async def _without_our_sends(
    session: AsyncSession, channel: Channel, events: list[InboundMessage]
) -> list[InboundMessage]:
    """TikTok notifies the shop's own sends too (channels-api.md §2.4): the parts Chotdon sent
    (ids in `meta.send.ids`) are ours already; an echo while a send to that conversation is
    still waiting for TikTok's answer is retried later rather than recorded as a stranger's."""
    echoes = [e for e in events if e.direction == "out"]
    if not echoes:
        return events
    ids = [e.external_id for e in echoes]
    sent = Message.meta[("send", "ids")]
    ours = list(
        (
            await session.execute(
                select(Message.external_id, sent).where(
                    Message.channel_id == channel.id,
                    Message.direction == "out",
                    or_(Message.external_id.in_(ids), sent.has_any(array(ids))),
                )
            )
        ).all()
    )
    known = {external_id for external_id, _ in ours} | {
        part for _, parts in ours for part in (parts or [])
    }
    unknown = [e for e in echoes if e.external_id not in known]
    if unknown and await _sending_to(session, channel, {e.customer.external_id for e in unknown}):
        raise EchoBeforeSend(f"{len(unknown)} echo(es) before their send's answer")
    return [e for e in events if e.direction == "in" or e.external_id not in known]


async def _sending_to(session: AsyncSession, channel: Channel, conversations: set[str]) -> bool:
    inflight = await session.scalar(
        select(Message.id)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(
            Message.channel_id == channel.id,
            Message.status == "pending",
            Message.direction == "out",
            Conversation.external_id.in_(conversations),
            Message.meta[("send", "inflight")].astext.is_not(None),
        )
        .limit(1)
    )
    return inflight is not None


def _index(event: InboundMessage) -> int:
    try:
        return int(event.meta.get("tiktok_index") or 0)
    except ValueError:
        return 0


async def process_delivery(delivery_id: int) -> str:
    return await webhooks.process_batch(
        delivery_id, PROVIDER, apply_deliveries, apply_delivery, job_name=PROCESS_JOB
    )
