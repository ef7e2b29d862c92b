"""Backfill: read a page's conversations, posts, comments and live videos from Graph.

Resumable (`channels.backfill`): once a page of results is stored its next cursor is saved in
`channel.sync_state`, so a job that dies (or is rate limited, and re-deferred) starts again
right after the last saved page. Idempotent with webhooks arriving meanwhile:
everything goes through `inbox.flows`, which dedupes on external ids and keeps the latest state.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from arq import Retry
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import backfill
from chotdon.channels.events import InboundComment, InboundMessage, InboundPost, Person
from chotdon.channels.facebook import labels
from chotdon.channels.facebook.graph import (
    GraphError,
    NetworkError,
    RateLimited,
    TokenInvalid,
    TransientError,
    get_graph,
)
from chotdon.channels.facebook.ingest import upsert_live_post
from chotdon.channels.facebook.parse import from_iso
from chotdon.channels.facebook.service import mark_token_invalid, messaging_node, page_token
from chotdon.channels.models import Channel
from chotdon.channels.schemas import ChannelSettings
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows
from chotdon.inbox.models import Conversation, Post

log = logging.getLogger(__name__)

PHASES = ("labels", "conversations", "posts", "live_videos")
# An Instagram account: its conversations through its page (comments arrive by webhook).
INSTAGRAM_PHASES = ("conversations",)
RETRY_SECONDS = 30.0  # rate limited or Facebook down: resume from the saved cursor later
CONVERSATIONS_PER_PAGE = 25
POSTS_PER_PAGE = 25
MESSAGE_FIELDS = (
    "id,message,from,to,created_time,attachments{id,mime_type,name,image_data,video_data,file_url}"
)
COMMENT_FIELDS = "id,message,from,created_time,parent{id},attachment,is_hidden"


def graph_attachments(node: dict[str, Any]) -> list[dict[str, Any]]:
    """Graph REST attachments (`image_data`, `video_data`, `file_url`) → our attachment dicts."""
    out: list[dict[str, Any]] = []
    for att in (node.get("attachments") or {}).get("data") or []:
        mime = str(att.get("mime_type") or "")
        if att.get("image_data"):
            item = {"type": "image", "url": att["image_data"].get("url")}
            if att["image_data"].get("render_as_sticker"):
                item["type"] = "sticker"
        elif att.get("video_data"):
            item = {"type": "video", "url": att["video_data"].get("url")}
        else:
            kind = "audio" if mime.startswith("audio") else "file"
            item = {"type": kind, "url": att.get("file_url")}
        if att.get("name"):
            item["name"] = att["name"]
        out.append(item)
    return out


def message_event(node: dict[str, Any], page_id: str, psid: str, thread_id: str) -> InboundMessage:
    sender = str((node.get("from") or {}).get("id") or "")
    from_page = sender == page_id
    name = None if from_page else (node.get("from") or {}).get("name")
    return InboundMessage(
        external_id=str(node["id"]),
        customer=Person(psid, name),
        direction="out" if from_page else "in",
        sender_type="page" if from_page else "contact",
        created_at=from_iso(node.get("created_time")) or datetime.now(UTC),
        text=node.get("message") or None,
        attachments=graph_attachments(node),
        thread_external_id=thread_id,
        meta={"backfill": True},
    )


def comment_event(
    node: dict[str, Any], page_id: str, post: InboundPost, customer: str | None = None
) -> InboundComment | None:
    author = node.get("from") or {}
    author_id = str(author.get("id") or "")
    from_page = author_id == page_id
    parent = (node.get("parent") or {}).get("id")
    attachments: list[dict[str, Any]] = []
    att = node.get("attachment") or {}
    if att:
        media = (att.get("media") or {}).get("image") or {}
        attachments.append(
            {
                "type": "image" if "photo" in str(att.get("type")) else "file",
                "url": media.get("src") or att.get("url"),
            }
        )
    who = customer if from_page else author_id
    if not who:
        return None
    return InboundComment(
        external_id=str(node["id"]),
        post=post,
        customer=Person(who, None if from_page else author.get("name")),
        direction="out" if from_page else "in",
        sender_type="page" if from_page else "contact",
        created_at=from_iso(node.get("created_time")) or datetime.now(UTC),
        text=node.get("message") or None,
        attachments=attachments,
        parent_external_id=str(parent) if parent else None,
        meta={"backfill": True},
    )


async def _load(channel_id: int) -> tuple[Channel, str] | None:
    async with unit_of_work() as session:
        channel = await session.get(Channel, channel_id)
        if channel is None or channel.status != "connected" or not channel.access_token_encrypted:
            return None
        return channel, page_token(channel)


async def sync_channel(channel_id: int) -> str:
    """Run (or resume) the backfill of a page; re-deferred when Facebook rate limits us."""
    loaded = await _load(channel_id)
    if loaded is None:
        return "not-connected"
    channel, token = loaded
    phases = INSTAGRAM_PHASES if channel.provider == "instagram" else PHASES
    phase = await backfill.begin(channel_id, phases)
    settings = ChannelSettings.model_validate(channel.settings or {})
    try:
        for name in phases[phases.index(phase) :]:
            await backfill.set_phase(channel_id, name)
            if name == "labels" and settings.label_sync:
                await labels.sync_page_labels(channel_id, with_assignments=False)
            elif name == "conversations":
                await _conversations(channel_id, token, settings)
            elif name == "posts":
                await _posts(channel_id, token, settings)
            elif name == "live_videos":
                await _live_videos(channel_id, token)
    except TokenInvalid as exc:
        await mark_token_invalid(channel_id, exc)
        await backfill.end(channel_id, error=str(exc))
        return "token-invalid"
    except (RateLimited, TransientError, NetworkError) as exc:
        log.info("backfill of channel %s paused: %s", channel_id, exc)
        raise Retry(defer=max(RETRY_SECONDS, exc.retry_after or 0)) from exc
    except DBAPIError as exc:  # a deadlock with concurrent webhooks, a lost connection
        log.warning("backfill of channel %s interrupted, resuming: %s", channel_id, exc)
        raise Retry(defer=1) from exc
    except GraphError as exc:
        await backfill.end(channel_id, error=str(exc))
        return "failed"
    await backfill.end(channel_id)
    return "done"


async def _conversations(channel_id: int, token: str, settings: ChannelSettings) -> None:
    graph = get_graph()
    while True:
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id)
            after = (channel.sync_state or {}).get("conversations_after")
            page_id, node = channel.external_id, messaging_node(channel)
            platform = "instagram" if channel.provider == "instagram" else "messenger"
        params: dict[str, Any] = {
            "platform": platform,
            "fields": (
                "id,updated_time,unread_count,participants,"
                f"messages.limit({settings.backfill_messages_per_conversation}){{{MESSAGE_FIELDS}}}"
            ),
            "limit": CONVERSATIONS_PER_PAGE,
        }
        if after:
            params["after"] = after
        body = await graph.get(f"{node}/conversations", token, params)
        threads = body.get("data") or []
        paging = body.get("paging") or {}
        next_after = (paging.get("cursors") or {}).get("after") if paging.get("next") else None
        psids: list[str] = []
        messages = 0
        # One short transaction per thread (webhooks for the same customers arrive meanwhile);
        # the cursor moves only once the whole page is stored, so a crash replays this page.
        for thread in threads:
            psid = _customer_of(thread, page_id)
            if psid is None:
                continue
            psids.append(psid)
            async with unit_of_work() as session:
                channel = await session.get_one(Channel, channel_id)
                messages += await record_thread(session, channel, thread, psid)
        await backfill.save_page(
            channel_id,
            conversations_after=next_after,
            add={"conversations": len(psids), "messages": messages},
        )
        if settings.label_sync and psids:
            await labels.sync_assignments(channel_id, token, psids)
        if not next_after:
            return


def _customer_of(thread: dict[str, Any], page_id: str) -> str | None:
    for person in (thread.get("participants") or {}).get("data") or []:
        if str(person.get("id")) != page_id:
            return str(person["id"])
    return None


async def record_thread(
    session: AsyncSession, channel: Channel, thread: dict[str, Any], psid: str
) -> int:
    """Record a conversation's messages (oldest first); returns how many were new."""
    names = {
        str(p.get("id")): p.get("name") or p.get("username")
        for p in (thread.get("participants") or {}).get("data") or []
    }
    nodes = list(((thread.get("messages") or {}).get("data")) or [])
    nodes.reverse()  # Graph lists newest first; its order is exact, its times are to the second
    new = 0
    floor: datetime | None = None
    for node in nodes:
        if not node.get("id"):
            continue
        event = message_event(node, channel.external_id, psid, str(thread.get("id") or ""))
        if event.customer.name is None:
            event.customer.name = names.get(psid)
        # Keep Graph's order when a webhook stored a neighbour with its millisecond time.
        if floor is not None and event.created_at <= floor < event.created_at + timedelta(
            seconds=1
        ):
            event.created_at = floor + timedelta(milliseconds=1)
        recorded = await flows.record_message(session, channel, event)
        if recorded.message is not None:
            floor = recorded.message.created_at
        new += int(recorded.created)
    return new


async def _posts(channel_id: int, token: str, settings: ChannelSettings) -> None:
    graph = get_graph()
    since = int((datetime.now(UTC) - timedelta(days=settings.backfill_days)).timestamp())
    while True:
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id)
            after = (channel.sync_state or {}).get("posts_after")
            page_id = channel.external_id
        params: dict[str, Any] = {
            "fields": "id,message,created_time,permalink_url,status_type,full_picture",
            "since": since,
            "limit": POSTS_PER_PAGE,
        }
        if after:
            params["after"] = after
        body = await graph.get(f"{page_id}/posts", token, params)
        paging = body.get("paging") or {}
        next_after = (paging.get("cursors") or {}).get("after") if paging.get("next") else None
        for node in body.get("data") or []:
            await sync_post_comments(channel_id, token, node)
        await backfill.save_page(
            channel_id, posts_after=next_after, add={"posts": len(body.get("data") or [])}
        )
        if not next_after:
            return


def inbound_post(node: dict[str, Any], kind: str = "post") -> InboundPost:
    return InboundPost(
        external_id=str(node["id"]),
        message=node.get("message"),
        permalink_url=node.get("permalink_url"),
        picture_url=node.get("full_picture"),
        status_type=node.get("status_type"),
        created_at=from_iso(node.get("created_time")),
        kind=kind,  # type: ignore[arg-type]
    )


async def sync_post_comments(
    channel_id: int, token: str, node: dict[str, Any], only_author: str | None = None
) -> int:
    """Record a post and its comments (all of them, replies included)."""
    post = inbound_post(node)
    recorded = 0
    async for items, _ in get_graph().paginate(
        f"{post.external_id}/comments",
        token,
        {"filter": "stream", "order": "chronological", "fields": COMMENT_FIELDS, "limit": 100},
        max_pages=200,
    ):
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id)
            await flows.upsert_post(session, channel, post)
            for item in items:
                author = str((item.get("from") or {}).get("id") or "")
                customer = None
                if author == channel.external_id:
                    customer = await _thread_customer(session, channel, item)
                elif only_author and author != only_author:
                    continue
                event = comment_event(item, channel.external_id, post, customer)
                if event is None:
                    continue
                result = await flows.record_comment(session, channel, event)
                recorded += int(result.created)
    if not recorded:
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id)
            await flows.upsert_post(session, channel, post)
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id, with_for_update=True)
        backfill.update_state(channel, add={"comments": recorded})
    return recorded


async def _thread_customer(
    session: AsyncSession, channel: Channel, item: dict[str, Any]
) -> str | None:
    parent = (item.get("parent") or {}).get("id")
    if not parent:
        return None
    message = await flows._find_message(session, channel.id, str(parent))
    if message is None:
        return None
    conversation = await session.get_one(Conversation, message.conversation_id)
    return conversation.external_id.rsplit(":", 1)[-1]


async def _live_videos(channel_id: int, token: str) -> None:
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        page_id = channel.external_id
    async for items, _ in get_graph().paginate(
        f"{page_id}/live_videos",
        token,
        {
            "fields": "id,status,title,description,creation_time,permalink_url,video{id}",
            "limit": 25,
        },
        max_pages=4,
    ):
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id)
            for node in items:
                await upsert_live_post(session, channel, node)
        for node in items:
            video_id = (node.get("video") or {}).get("id") or node.get("id")
            await sync_post_comments(
                channel_id, token, {"id": f"{page_id}_{video_id}", "status_type": "added_video"}
            )


async def sync_conversation(conversation_id: int) -> str:
    """Re-read one conversation from Facebook (the "sync messages" action)."""
    async with unit_of_work() as session:
        conversation = await session.get(Conversation, conversation_id)
        if conversation is None:
            return "gone"
        channel = await session.get_one(Channel, conversation.channel_id)
        if (
            channel.provider != "facebook"
            or channel.status != "connected"
            or not channel.access_token_encrypted
        ):
            return "not-connected"
        token = page_token(channel)
        post = await session.get(Post, conversation.post_id) if conversation.post_id else None
    settings = ChannelSettings.model_validate(channel.settings or {})
    try:
        if conversation.kind == "message":
            body = await get_graph().get(
                f"{channel.external_id}/conversations",
                token,
                {
                    "platform": "messenger",
                    "user_id": conversation.external_id,
                    "fields": (
                        "id,updated_time,participants,"
                        f"messages.limit({settings.backfill_messages_per_conversation})"
                        f"{{{MESSAGE_FIELDS}}}"
                    ),
                },
            )
            async with unit_of_work() as session:
                ch = await session.get_one(Channel, channel.id)
                for thread in body.get("data") or []:
                    await record_thread(session, ch, thread, conversation.external_id)
            if settings.label_sync:
                await labels.sync_assignments(channel.id, token, [conversation.external_id])
        elif post is not None:
            author = conversation.external_id.rsplit(":", 1)[-1]
            await sync_post_comments(
                channel.id,
                token,
                {
                    "id": post.external_id,
                    "message": post.message,
                    "permalink_url": post.permalink_url,
                },
                only_author=author,
            )
    except TokenInvalid as exc:
        await mark_token_invalid(channel.id, exc)
        return "token-invalid"
    except (RateLimited, TransientError, NetworkError) as exc:
        raise Retry(defer=max(RETRY_SECONDS, exc.retry_after or 0)) from exc
    except GraphError as exc:
        log.info("sync of conversation %s failed: %s", conversation_id, exc)
        return "failed"
    return "done"


async def stale_connected_channels() -> list[int]:
    async with unit_of_work() as session:
        rows = await session.execute(
            select(Channel.id).where(Channel.provider == "facebook", Channel.status == "connected")
        )
        return list(rows.scalars())
