"""Backfill a shop's chats: `GET /conversations` (page_token paging, 20 a page) and each
conversation's latest messages (`GET /conversations/{id}/messages`, 10 a page, newest first,
page_token paging up to the channel's `backfill_messages_per_conversation`).

Resumable: the list's page token is saved in `channel.sync_state["tiktok"]` after each page.
Messages already received by webhook are recognised by their id (a backfill overlapping
webhooks records nothing twice). Each conversation's `can_send_message` goes to
`Conversation.provider_state`, read by the reply window.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from chotdon.channels.events import Person
from chotdon.channels.models import Channel
from chotdon.channels.schemas import ChannelSettings
from chotdon.channels.service import emit_channel_updated
from chotdon.channels.tiktok import client as api
from chotdon.channels.tiktok import parse
from chotdon.channels.tiktok.client import TikTokError
from chotdon.channels.tiktok.service import STATE_KEY, TikTokRefused, shop_call
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows
from chotdon.inbox.models import Conversation

log = logging.getLogger(__name__)

LIST_PATH = f"/customer_service/{api.API_VERSION}/conversations"
CONVERSATIONS_PAGE = 20
MESSAGES_PAGE = 10
MAX_PAGES = 500


async def _progress(channel_id: int, cursor: str | None = None, **changes: Any) -> None:
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id, with_for_update=True)
        state = dict(channel.sync_state or {})
        progress = {**(state.get("progress") or {}), **changes}
        state["progress"] = progress
        state[STATE_KEY] = {**(state.get(STATE_KEY) or {}), "page_token": cursor}
        channel.sync_state = state
        if progress.get("status") == "done":
            channel.last_synced_at = datetime.now(UTC)
        await session.flush()
        emit_channel_updated(session, channel)


async def sync_channel(channel_id: int) -> str:
    async with unit_of_work() as session:
        channel = await session.get(Channel, channel_id)
        if channel is None or channel.status != "connected":
            return "skip"
        settings = ChannelSettings.model_validate(channel.settings or {})
        cursor = ((channel.sync_state or {}).get(STATE_KEY) or {}).get("page_token")
        progress = dict((channel.sync_state or {}).get("progress") or {})
    since = datetime.now(UTC) - timedelta(days=settings.backfill_days)
    counts = {
        "conversations": int(progress.get("conversations") or 0),
        "messages": int(progress.get("messages") or 0),
    }
    await _progress(
        channel_id,
        cursor,
        status="running",
        phase="conversations",
        started_at=progress.get("started_at") or datetime.now(UTC).isoformat(),
        error=None,
    )
    try:
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {"page_size": CONVERSATIONS_PAGE, "locale": "vi-VN"}
            if cursor:
                params["page_token"] = cursor
            data = await shop_call(channel_id, "GET", LIST_PATH, params=params)
            stop = False
            for item in data.get("conversations") or []:
                latest = (item.get("latest_message") or {}).get("create_time")
                if latest and parse.from_timestamp(latest) < since:
                    stop = True
                    break
                counts["messages"] += await _conversation(
                    channel_id, item, settings.backfill_messages_per_conversation
                )
                counts["conversations"] += 1
            cursor = data.get("next_page_token") or None
            await _progress(channel_id, cursor, **counts)
            if stop or not cursor:
                break
    except (TikTokError, TikTokRefused) as exc:
        await _progress(channel_id, cursor, status="failed", error=str(exc)[:500])
        return "failed"
    await _progress(
        channel_id,
        None,
        **counts,
        status="done",
        phase=None,
        finished_at=datetime.now(UTC).isoformat(),
    )
    return "done"


async def _messages(channel_id: int, conversation_id: str, buyer: Person, limit: int) -> list[Any]:
    events: list[Any] = []
    token: str | None = None
    while len(events) < limit:
        params: dict[str, Any] = {
            "page_size": MESSAGES_PAGE,
            "locale": "vi-VN",
            "sort_order": "DESC",
            "sort_field": "create_time",
        }
        if token:
            params["page_token"] = token
        data = await shop_call(channel_id, "GET", api.messages_path(conversation_id), params=params)
        for m in data.get("messages") or []:
            event = parse.message_event(m, conversation_id, buyer)
            if event is not None:
                events.append(event)
        token = data.get("next_page_token") or None
        if not token:
            break
    events.sort(key=lambda e: (e.created_at, int(e.meta.get("tiktok_index") or 0)))
    return events[-limit:] if limit else events


async def _conversation(channel_id: int, item: dict[str, Any], limit: int) -> int:
    buyer = parse.buyer_of(item)
    if buyer is None:
        return 0
    events = await _messages(channel_id, buyer.external_id, buyer, limit)
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        recorded = await flows.record_new(session, channel, events) if events else []
        await _remember_rule(session, channel_id, buyer.external_id, item.get("can_send_message"))
    return sum(1 for r in recorded if r.created)


async def _remember_rule(session: Any, channel_id: int, conversation_id: str, allowed: Any) -> None:
    if not isinstance(allowed, bool):
        return
    conversation = (
        await session.execute(
            select(Conversation).where(
                Conversation.channel_id == channel_id,
                Conversation.kind == "message",
                Conversation.external_id == conversation_id,
            )
        )
    ).scalar_one_or_none()
    if conversation is not None:
        conversation.provider_state = {
            **(conversation.provider_state or {}),
            "can_send_message": allowed,
            "checked_at": datetime.now(UTC).isoformat(),
        }


async def sync_conversation(conversation_id: int) -> str:
    """Re-read one conversation's latest messages (a conversation-change notification)."""
    async with unit_of_work() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            return "gone"
        channel = await session.get_one(Channel, conversation.channel_id)
        if channel.status != "connected":
            return "skip"
        settings = ChannelSettings.model_validate(channel.settings or {})
        channel_id, external_id = channel.id, conversation.external_id
    events = await _messages(
        channel_id, external_id, Person(external_id), settings.backfill_messages_per_conversation
    )
    if events:
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id)
            await flows.record_new(session, channel, events)
    return "synced"
