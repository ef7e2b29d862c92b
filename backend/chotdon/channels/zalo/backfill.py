"""Backfill an OA's recent chats: `listrecentchat` (the latest message of each follower, newest
first, `offset`/`count` ≤ 10 in a `data` JSON query value) and each follower's latest messages
with `conversation` (same paging), back to the channel's `backfill_days`.

Resumable (`channels.backfill`): the list offset is saved in `channel.sync_state` after each
page, so an interrupted or rate-limited run continues where it stopped. Messages already received by webhook are
recognised by their `msg_id` (a backfill overlapping webhooks records nothing twice).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from chotdon.channels import backfill
from chotdon.channels.models import Channel
from chotdon.channels.schemas import ChannelSettings
from chotdon.channels.zalo import parse
from chotdon.channels.zalo.client import (
    NetworkError,
    RateLimited,
    ServerError,
    ZaloError,
    get_zalo,
)
from chotdon.channels.zalo.service import oa_token
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows

log = logging.getLogger(__name__)

LIST_PATH = "/v2.0/oa/listrecentchat"
CONVERSATION_PATH = "/v2.0/oa/conversation"
PAGE_SIZE = 10  # Zalo's maximum `count`
MAX_PAGES = 500
PHASES = ("conversations",)
CURSOR = "conversations_offset"  # in channel.sync_state: the recent-chat list's offset


async def sync_channel(channel_id: int) -> str:
    """Run (or resume) the backfill of an OA's recent chats; re-deferred when Zalo rate limits
    us or cannot be reached."""
    async with unit_of_work() as session:
        channel = await session.get(Channel, channel_id)
        if channel is None or channel.status != "connected":
            return "skip"
        token, oa_id = oa_token(channel), channel.external_id
        settings = ChannelSettings.model_validate(channel.settings or {})
    since = datetime.now(UTC) - timedelta(days=settings.backfill_days)
    return await backfill.run_pages(
        channel_id,
        PHASES,
        partial(_page, channel_id, token, oa_id, since, settings, set()),
        max_pages=MAX_PAGES,
        pause_on=(RateLimited, ServerError, NetworkError),
        fail_on=(ZaloError,),
    )


async def _page(
    channel_id: int,
    token: str,
    oa_id: str,
    since: datetime,
    settings: ChannelSettings,
    seen: set[str],
) -> bool:
    """Store one page of recent chats and save the offset after it; False once the list ends
    or reaches chats older than the backfill period."""
    async with unit_of_work() as session:
        offset = int(backfill.cursor(await session.get_one(Channel, channel_id), CURSOR) or 0)
    page = await get_zalo().get(LIST_PATH, token, {"offset": offset, "count": PAGE_SIZE})
    items = page if isinstance(page, list) else []
    stop = not items
    conversations = messages = 0
    for item in items:
        latest = parse.conversation_message(item, oa_id)
        if latest is None or latest.customer.external_id in seen:
            continue
        if latest.created_at < since:
            stop = True
            break
        seen.add(latest.customer.external_id)
        messages += await _follower(
            channel_id,
            token,
            oa_id,
            latest.customer.external_id,
            settings.backfill_messages_per_conversation,
            since,
        )
        conversations += 1
    await backfill.save_page(
        channel_id,
        **{CURSOR: offset + len(items)},
        add={"conversations": conversations, "messages": messages},
    )
    return not stop and len(items) >= PAGE_SIZE


async def _follower(
    channel_id: int, token: str, oa_id: str, user_id: str, limit: int, since: datetime
) -> int:
    """Record a follower's latest messages (up to `limit`, not older than `since`)."""
    events = []
    offset = 0
    while offset < limit:
        count = min(PAGE_SIZE, limit - offset)
        data: dict[str, Any] = {"user_id": user_id, "offset": offset, "count": count}
        page = await get_zalo().get(CONVERSATION_PATH, token, data)
        items = page if isinstance(page, list) else []
        found = [e for e in (parse.conversation_message(i, oa_id) for i in items) if e]
        events += [e for e in found if e.created_at >= since]
        offset += len(items)
        if len(items) < count or any(e.created_at < since for e in found):
            break
    if not events:
        return 0
    events.sort(key=lambda e: e.created_at)
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        recorded = await flows.record_new(session, channel, events)
    return sum(1 for r in recorded if r.created)


async def sync_conversation(conversation_id: int) -> str:
    """Re-read one follower's latest messages (after a gap)."""
    from chotdon.inbox.models import Conversation

    async with unit_of_work() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            return "gone"
        channel = await session.get_one(Channel, conversation.channel_id)
        if channel.status != "connected":
            return "skip"
        settings = ChannelSettings.model_validate(channel.settings or {})
        token, oa_id, user_id = oa_token(channel), channel.external_id, conversation.external_id
    since = datetime.now(UTC) - timedelta(days=settings.backfill_days)
    try:
        await _follower(
            channel.id, token, oa_id, user_id, settings.backfill_messages_per_conversation, since
        )
    except ZaloError as exc:
        log.warning("zalo conversation %s not synced: %s", conversation_id, exc)
        return "failed"
    return "synced"
