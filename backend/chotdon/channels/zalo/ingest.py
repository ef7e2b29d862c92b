"""Zalo webhook events → the inbox: a stored delivery is applied once
(`channels.webhooks.process_batch`); the messages of a batch are recorded per OA in one
`record_new` (oldest first, so reordered deliveries still read in order), delivery and read
receipts move the OA's messages forward. Duplicates are recognised by Zalo's `msg_id`; the echo
of our own send, before or after Zalo's answer to it, by `echoes`."""

from __future__ import annotations

import json
import logging
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import webhooks
from chotdon.channels.events import InboundMessage
from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.channels.zalo import echoes, parse, profiles
from chotdon.inbox import flows

log = logging.getLogger(__name__)

PROVIDER = "zalo"
PROCESS_JOB = "process_zalo_delivery"


def load(body: bytes) -> Any:
    """A webhook body; ids above 2^64 (orjson's limit) fall back to the standard parser."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        try:
            return json.loads(body)
        except ValueError:
            return None


async def _channels(session: AsyncSession, oa_ids: set[str]) -> dict[str, Channel]:
    rows = await session.execute(
        select(Channel).where(Channel.provider == PROVIDER, Channel.external_id.in_(oa_ids))
    )
    return {c.external_id: c for c in rows.scalars() if c.status == "connected"}


async def apply_deliveries(session: AsyncSession, deliveries: list[WebhookDelivery]) -> None:
    """Several stored events at once: messages grouped per OA, then receipts in order."""
    parsed: list[tuple[WebhookDelivery, parse.ZaloEvent]] = []
    for delivery in deliveries:
        event = parse.parse_event(load(delivery.body))
        if event is None:
            delivery.error = "not a Zalo OA event"
            continue
        parsed.append((delivery, event))
    channels = await _channels(session, {event.oa_id for _, event in parsed})
    messages: dict[str, list[InboundMessage]] = {}
    for delivery, event in parsed:
        channel = channels.get(event.oa_id)
        if channel is None:
            delivery.unknown_page_ids = [event.oa_id]
            continue
        delivery.workspace_ids = [channel.workspace_id]
        delivery.events_count = len(event.messages) + len(event.statuses)
        messages.setdefault(event.oa_id, []).extend(event.messages)
    for oa_id, events in messages.items():
        events = await echoes.without_ours(channels[oa_id].id, events)
        events = await echoes.adopt_early(session, channels[oa_id], events)
        if events:
            events.sort(key=lambda e: e.created_at)
            await flows.record_new(session, channels[oa_id], events)
            await profiles.enqueue_unnamed(
                session, channels[oa_id], (e.customer.external_id for e in events)
            )
    for _, event in parsed:
        found = channels.get(event.oa_id)
        if found is None:
            continue
        for status in event.statuses:
            await flows.record_status(session, found, status)


async def apply_delivery(session: AsyncSession, delivery: WebhookDelivery) -> None:
    await apply_deliveries(session, [delivery])


async def process_delivery(delivery_id: int) -> str:
    return await webhooks.process_batch(
        delivery_id, PROVIDER, apply_deliveries, apply_delivery, job_name=PROCESS_JOB
    )
