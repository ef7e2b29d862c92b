"""Backfill a shop's chats: `get_conversation_list` (newest first, `next_timestamp_nano`
cursor) and each conversation's latest messages with `get_message` (`offset` cursor).

Resumable (`channels.backfill`): the list cursor is saved in `channel.sync_state` after each
page, so an interrupted or rate-limited run continues where it stopped. Messages already
received by push are recognised by their id (a backfill overlapping pushes records nothing
twice).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from chotdon.channels import backfill
from chotdon.channels.models import Channel
from chotdon.channels.schemas import ChannelSettings
from chotdon.channels.shopee import parse
from chotdon.channels.shopee.client import NetworkError, RateLimited, ShopeeError, get_shopee
from chotdon.channels.shopee.service import shop_token
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows

log = logging.getLogger(__name__)

LIST_PATH = "/api/v2/sellerchat/get_conversation_list"
MESSAGES_PATH = "/api/v2/sellerchat/get_message"
PAGE_SIZE = 50
MAX_PAGES = 200
PHASES = ("conversations",)
CURSOR = "conversations_after"  # in channel.sync_state: the list's `next_timestamp_nano`


async def sync_channel(channel_id: int) -> str:
    """Run (or resume) the backfill of a shop's chats; re-deferred when Shopee rate limits us
    or cannot be reached."""
    async with unit_of_work() as session:
        channel = await session.get(Channel, channel_id)
        if channel is None or channel.status != "connected":
            return "skip"
        token, shop_id = shop_token(channel), channel.external_id
        settings = ChannelSettings.model_validate(channel.settings or {})
    since = datetime.now(UTC) - timedelta(days=settings.backfill_days)
    return await backfill.run_pages(
        channel_id,
        PHASES,
        partial(_page, channel_id, token, shop_id, since, settings),
        max_pages=MAX_PAGES,
        pause_on=(RateLimited, NetworkError),
        fail_on=(ShopeeError,),
    )


async def _page(
    channel_id: int, token: str, shop_id: str, since: datetime, settings: ChannelSettings
) -> bool:
    """Store one page of the conversation list (newest first) and save its cursor; False once
    the list ends or reaches conversations older than the backfill period."""
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        after = backfill.cursor(channel, CURSOR)
    params: dict[str, Any] = {"direction": "older", "type": "all", "page_size": PAGE_SIZE}
    if after:
        params["next_timestamp_nano"] = after
    body = await get_shopee().shop_get(LIST_PATH, token, shop_id, params)
    response = body.get("response") or {}
    conversations = messages = 0
    stop = False
    for conversation in response.get("conversations") or []:
        if parse.from_timestamp(conversation.get("last_message_timestamp")) < since:
            stop = True
            break
        messages += await _conversation(
            channel_id, token, shop_id, conversation, settings.backfill_messages_per_conversation
        )
        conversations += 1
    page = response.get("page_result") or {}
    nxt = (page.get("next_cursor") or {}).get("next_message_time_nano")
    await backfill.save_page(
        channel_id, **{CURSOR: nxt}, add={"conversations": conversations, "messages": messages}
    )
    return not stop and bool(page.get("more")) and bool(nxt)


async def _conversation(
    channel_id: int, token: str, shop_id: str, conversation: dict[str, Any], limit: int
) -> int:
    conversation_id = conversation.get("conversation_id")
    if conversation_id is None:
        return 0
    body = await get_shopee().shop_get(
        MESSAGES_PATH,
        token,
        shop_id,
        {"conversation_id": conversation_id, "page_size": min(limit, 60)},
    )
    messages = (body.get("response") or {}).get("messages") or []
    events = [e for m in messages if (e := parse.message_event(m, shop_id)) is not None]
    events.sort(key=lambda e: e.created_at)
    if not events:
        return 0
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        recorded = await flows.record_new(session, channel, events)
    return sum(1 for r in recorded if r.created)


async def sync_conversation(conversation_id: int) -> str:
    return "not-supported"
