"""Shopee pushes → the inbox: stored pushes are applied once, in batches whose chat messages are
recorded together (`channels.webhooks.process_batch`);
pushes lost while we were down are fetched back (`get_lost_push_message`), stored like a push,
then confirmed (`confirm_consumed_lost_push_message`) — stored first, confirmed after, so a crash
between the two only fetches them again (duplicates are ignored by message id)."""

from __future__ import annotations

import logging
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import webhooks
from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.channels.service import emit_channel_updated
from chotdon.channels.shopee import parse
from chotdon.channels.shopee.client import ShopeeError, get_shopee
from chotdon.inbox import flows

log = logging.getLogger(__name__)

PROVIDER = "shopee"
PROCESS_JOB = "process_shopee_delivery"
LOST_PUSH_PATH = "/api/v2/push/get_lost_push_message"
CONFIRM_LOST_PATH = "/api/v2/push/confirm_consumed_lost_push_message"
LOST_PUSH_PAGES = 50


async def _channel(session: AsyncSession, shop_id: str) -> Channel | None:
    return (
        await session.execute(
            select(Channel).where(
                Channel.provider == PROVIDER,
                Channel.external_id == shop_id,
            )
        )
    ).scalar_one_or_none()


async def apply_delivery(session: AsyncSession, delivery: WebhookDelivery) -> None:
    """Record a stored push: chat messages into the inbox, (de)authorisation on the channel."""
    try:
        payload = orjson.loads(delivery.body)
    except orjson.JSONDecodeError:
        payload = None
    pushed = parse.parse_push(payload)
    if pushed is None:
        delivery.error = "not a Shopee push"
        return
    channel = await _channel(session, pushed.shop_id)
    if channel is None or channel.status != "connected":
        delivery.unknown_page_ids = [pushed.shop_id]
        return
    delivery.workspace_ids = [channel.workspace_id]
    if pushed.code in (parse.SHOP_DEAUTHORIZED, parse.AUTHORIZATION_EXPIRY):
        channel.status = "disconnected"
        channel.status_reason = (
            "shop_deauthorized"
            if pushed.code == parse.SHOP_DEAUTHORIZED
            else "authorization_expired"
        )
        await session.flush()
        emit_channel_updated(session, channel)
        return
    if pushed.events:
        await flows.record_new(session, channel, pushed.events)
    delivery.events_count = len(pushed.events)


async def apply_deliveries(session: AsyncSession, deliveries: list[WebhookDelivery]) -> None:
    """Several stored pushes at once: chat messages of each shop recorded in one `record_new`
    (oldest first); anything else (authorisation changes...) push by push."""
    by_shop: dict[str, list[Any]] = {}
    owners: dict[str, list[WebhookDelivery]] = {}
    for delivery in deliveries:
        try:
            pushed = parse.parse_push(orjson.loads(delivery.body))
        except orjson.JSONDecodeError:
            pushed = None
        if pushed is None or pushed.code != parse.WEBCHAT_PUSH:
            await apply_delivery(session, delivery)
            continue
        by_shop.setdefault(pushed.shop_id, []).extend(pushed.events)
        owners.setdefault(pushed.shop_id, []).append(delivery)
        delivery.events_count = len(pushed.events)
    for shop_id, events in by_shop.items():
        channel = await _channel(session, shop_id)
        if channel is None or channel.status != "connected":
            for delivery in owners[shop_id]:
                delivery.unknown_page_ids = [shop_id]
            continue
        for delivery in owners[shop_id]:
            delivery.workspace_ids = [channel.workspace_id]
        if events:
            events.sort(key=lambda e: e.created_at)
            await flows.record_new(session, channel, events)


async def process_delivery(delivery_id: int) -> str:
    return await webhooks.process_batch(
        delivery_id, PROVIDER, apply_deliveries, apply_delivery, job_name=PROCESS_JOB
    )


async def recover_lost_pushes() -> int:
    """Fetch pushes Shopee could not deliver (kept 3 days), store them, then confirm them."""
    client = get_shopee()
    stored = 0
    for _ in range(LOST_PUSH_PAGES):
        try:
            body = await client.partner_call("GET", LOST_PUSH_PATH)
        except ShopeeError as exc:
            log.warning("cannot read Shopee's lost pushes: %s", exc)
            return stored
        response: dict[str, Any] = body.get("response") or {}
        pushes = response.get("push_message_list") or []
        ids = []
        for push in pushes:
            if not isinstance(push, dict):
                continue
            envelope = {
                "msg_id": "",
                "shop_id": push.get("shop_id"),
                "code": push.get("code"),
                "timestamp": push.get("timestamp"),
                "data": push.get("data"),
                "lost_push": True,
            }
            ids.append(await webhooks.store(PROVIDER, orjson.dumps(envelope)))
        last = response.get("last_message_id")
        if pushes and last is not None:
            # Stored durably above: only now may Shopee forget them.
            await client.partner_call("POST", CONFIRM_LOST_PATH, json={"last_message_id": last})
        for delivery_id in ids:
            await webhooks.enqueue(PROCESS_JOB, delivery_id)
        stored += len(ids)
        if not response.get("has_next_page") or not pushes:
            break
    return stored
