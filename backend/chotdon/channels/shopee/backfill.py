"""Backfill a shop's chats: `get_conversation_list` (newest first, `next_timestamp_nano`
cursor) and each conversation's latest messages with `get_message` (`offset` cursor).

Resumable: the list cursor is saved in `channel.sync_state["shopee"]` after each page, so an
interrupted run continues where it stopped. Messages already received by push are recognised
by their id (a backfill overlapping pushes records nothing twice).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from chotdon.channels.models import Channel
from chotdon.channels.schemas import ChannelSettings
from chotdon.channels.service import save_sync_progress
from chotdon.channels.shopee import parse
from chotdon.channels.shopee.client import ShopeeError, TokenInvalid, get_shopee
from chotdon.channels.shopee.service import shop_token
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows

log = logging.getLogger(__name__)

LIST_PATH = "/api/v2/sellerchat/get_conversation_list"
MESSAGES_PATH = "/api/v2/sellerchat/get_message"
PAGE_SIZE = 50
MAX_PAGES = 200


async def _progress(channel_id: int, **changes: Any) -> None:
    await save_sync_progress(
        channel_id, changes.get("progress") or {}, "shopee", changes.get("shopee")
    )


async def sync_channel(channel_id: int) -> str:
    async with unit_of_work() as session:
        channel = await session.get(Channel, channel_id)
        if channel is None or channel.status != "connected":
            return "skip"
        token, shop_id = shop_token(channel), channel.external_id
        settings = ChannelSettings.model_validate(channel.settings or {})
        cursor_state = dict((channel.sync_state or {}).get("shopee") or {})
        progress = dict((channel.sync_state or {}).get("progress") or {})
    since = datetime.now(UTC) - timedelta(days=settings.backfill_days)
    counts = {
        "conversations": int(progress.get("conversations") or 0),
        "messages": int(progress.get("messages") or 0),
    }
    await _progress(
        channel_id,
        progress={
            "status": "running",
            "phase": "conversations",
            "started_at": progress.get("started_at") or datetime.now(UTC).isoformat(),
            "error": None,
        },
    )
    client = get_shopee()
    try:
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {"direction": "older", "type": "all", "page_size": PAGE_SIZE}
            if cursor_state.get("next_timestamp_nano"):
                params["next_timestamp_nano"] = cursor_state["next_timestamp_nano"]
            body = await client.shop_get(LIST_PATH, token, shop_id, params)
            response = body.get("response") or {}
            stop = False
            for conversation in response.get("conversations") or []:
                at = parse.from_timestamp(conversation.get("last_message_timestamp"))
                if at < since:
                    stop = True
                    break
                counts["messages"] += await _conversation(
                    channel_id,
                    token,
                    shop_id,
                    conversation,
                    settings.backfill_messages_per_conversation,
                )
                counts["conversations"] += 1
            page = response.get("page_result") or {}
            nxt = (page.get("next_cursor") or {}).get("next_message_time_nano")
            cursor_state = {"next_timestamp_nano": nxt}
            await _progress(channel_id, progress=dict(counts), shopee=cursor_state)
            if stop or not page.get("more") or not nxt:
                break
    except (ShopeeError, TokenInvalid) as exc:
        await _progress(channel_id, progress={"status": "failed", "error": str(exc)[:500]})
        return "failed"
    await _progress(
        channel_id,
        progress={
            **counts,
            "status": "done",
            "phase": None,
            "finished_at": datetime.now(UTC).isoformat(),
        },
        shopee={},
    )
    return "done"


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
