"""Backfill a Lazada seller's chats: `/im/session/list` (newest first, paged by `start_time` =
the previous page's `next_start_time` plus `last_session_id`) and each session's latest
messages with `/im/message/list` (same paging, by `last_message_id`).

Resumable: the list cursor is saved in `channel.sync_state["lazada"]` after each page, so an
interrupted run continues where it stopped. Messages already received by push are recognised by
their id (a backfill overlapping pushes records nothing twice), and pages overlapping on the
same `start_time` are told apart by the last id, so nothing is skipped or read twice.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from chotdon.channels.events import Person
from chotdon.channels.lazada import parse
from chotdon.channels.lazada.client import LazadaError, get_lazada
from chotdon.channels.lazada.service import seller_token
from chotdon.channels.models import Channel
from chotdon.channels.schemas import ChannelSettings
from chotdon.channels.service import emit_channel_updated
from chotdon.core.db import unit_of_work
from chotdon.customers import service as customers_service
from chotdon.inbox import flows
from chotdon.inbox.models import Conversation, Message

SESSIONS_PATH = "/im/session/list"
SESSION_PATH = "/im/session/get"
MESSAGES_PATH = "/im/message/list"
PAGE_SIZE = 20
MAX_PAGES = 500


async def _progress(channel_id: int, cursor: dict[str, Any] | None = None, **changes: Any) -> None:
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id, with_for_update=True)
        state = dict(channel.sync_state or {})
        state["progress"] = {**(state.get("progress") or {}), **changes}
        if cursor is not None:
            state["lazada"] = cursor
        channel.sync_state = state
        if changes.get("status") == "done":
            channel.last_synced_at = datetime.now(UTC)
        await session.flush()
        emit_channel_updated(session, channel)


def now_ms() -> int:
    return int(time.time() * 1000)


async def sync_channel(channel_id: int) -> str:
    async with unit_of_work() as session:
        channel = await session.get(Channel, channel_id)
        if channel is None or channel.status != "connected":
            return "skip"
        token = seller_token(channel)
        settings = ChannelSettings.model_validate(channel.settings or {})
        cursor = dict((channel.sync_state or {}).get("lazada") or {})
        progress = dict((channel.sync_state or {}).get("progress") or {})
    since = datetime.now(UTC) - timedelta(days=settings.backfill_days)
    counts = {k: int(progress.get(k) or 0) for k in ("conversations", "messages")}
    await _progress(
        channel_id,
        status="running",
        phase="conversations",
        started_at=progress.get("started_at") or datetime.now(UTC).isoformat(),
        error=None,
    )
    client = get_lazada()
    try:
        for _ in range(MAX_PAGES):
            params = {
                "start_time": cursor.get("start_time") or now_ms(),
                "page_size": PAGE_SIZE,
                "last_session_id": cursor.get("last_session_id"),
            }
            page = await client.get(SESSIONS_PATH, token, params) or {}
            stop = False
            for item in page.get("session_list") or []:
                if parse.from_ms(item.get("last_message_time")) < since:
                    stop = True
                    break
                counts["messages"] += await _session_messages(
                    channel_id, token, item, settings.backfill_messages_per_conversation
                )
                counts["conversations"] += 1
            cursor = {
                "start_time": page.get("next_start_time"),
                "last_session_id": page.get("last_session_id"),
            }
            await _progress(channel_id, cursor, **counts)
            if stop or not page.get("has_more") or not cursor["start_time"]:
                break
    except LazadaError as exc:
        await _progress(channel_id, status="failed", error=str(exc)[:500])
        return "failed"
    await _progress(
        channel_id,
        {},
        **counts,
        status="done",
        phase=None,
        finished_at=datetime.now(UTC).isoformat(),
    )
    return "done"


async def _session_messages(
    channel_id: int, token: str, session_item: dict[str, Any], limit: int
) -> int:
    """Up to `limit` latest messages of a session, recorded with the buyer's nick and avatar."""
    session_id = parse.optional_session_id(session_item.get("session_id"))
    if session_id is None:
        return 0
    client = get_lazada()
    messages: list[dict[str, Any]] = []
    params: dict[str, Any] = {
        "session_id": session_id,
        "start_time": now_ms(),
        "page_size": min(limit, 50),
    }
    while len(messages) < limit:
        page = await client.get(MESSAGES_PATH, token, params) or {}
        messages += [m for m in page.get("message_list") or [] if isinstance(m, dict)]
        if not page.get("has_more") or not page.get("next_start_time"):
            break
        params = {
            **params,
            "start_time": page["next_start_time"],
            "last_message_id": page.get("last_message_id"),
        }
    name, picture = session_item.get("title"), session_item.get("head_url")
    events = [
        e
        for m in messages[:limit]
        if (e := parse.message_event(m, buyer_name=name, buyer_picture=picture)) is not None
    ]
    if not events:
        return 0
    events.sort(key=lambda e: e.created_at)
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        recorded = await flows.record_new(session, channel, events)
    return sum(1 for r in recorded if r.created)


async def session_id_of(session: Any, conversation_id: int) -> str | None:
    """The Lazada session of a conversation: on its newest message from Lazada that names one
    (our own sends do not)."""
    meta = await session.scalar(
        select(Message.meta)
        .where(
            Message.conversation_id == conversation_id,
            Message.meta.has_key("lazada_session_id"),
        )
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(1)
    )
    return parse.optional_session_id((meta or {}).get("lazada_session_id"))


async def sync_conversation(conversation_id: int) -> str:
    """The buyer's nick and avatar (`/im/session/get`) and the session's latest messages."""
    async with unit_of_work() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            return "gone"
        channel = await session.get_one(Channel, conversation.channel_id)
        if channel.status != "connected":
            return "disconnected"
        session_id = await session_id_of(session, conversation_id)
        token, channel_id, buyer_id = seller_token(channel), channel.id, conversation.external_id
        limit = ChannelSettings.model_validate(
            channel.settings or {}
        ).backfill_messages_per_conversation
    if session_id is None:
        return "no-session"
    item = await get_lazada().get(SESSION_PATH, token, {"session_id": session_id}) or {}
    name, picture = item.get("title"), item.get("head_url")
    if isinstance(name, str) and name:
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id)
            person = Person(buyer_id, name, picture if isinstance(picture, str) else None)
            await customers_service.ensure_contacts(session, channel, [person])
    await _session_messages(channel_id, token, {**item, "session_id": session_id}, limit)
    return "synced"
