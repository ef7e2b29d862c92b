"""One-way label sync, Facebook → Chotdon (a channel setting, `label_sync`).

On enabling: up to 100 page labels (also unused ones) become tags in the folder "Facebook",
hidden by default, and the labels of the page's conversations (at most 50 per conversation)
are assigned. Afterwards `inbox_labels` webhooks keep assignments current and a periodic job
picks up labels created, renamed or deleted in Facebook (there is no webhook for those).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import delete, func, select, true
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.facebook.graph import GraphError, TokenInvalid, get_graph
from chotdon.channels.models import Channel
from chotdon.core.after_commit import emit_event
from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Conversation, ConversationTag, Tag
from chotdon.inbox.serializers import conversation_event

log = logging.getLogger(__name__)

MAX_LABELS = 100
MAX_TAGS_PER_CONVERSATION = 50
FOLDER = "Facebook"
SOURCE = "facebook"


def enabled(channel: Channel) -> bool:
    return bool((channel.settings or {}).get("label_sync"))


async def upsert_label_tag(
    session: AsyncSession, channel: Channel, label_id: str, name: str | None
) -> Tag | None:
    """The tag of a page label, created hidden in "Facebook" (None past the 100-label limit)."""
    tag = (
        await session.execute(
            select(Tag).where(Tag.channel_id == channel.id, Tag.external_id == label_id)
        )
    ).scalar_one_or_none()
    if tag is not None:
        if name and tag.name != name[:100]:
            tag.name = name[:100]
        return tag
    count = await session.scalar(
        select(func.count()).where(Tag.channel_id == channel.id, Tag.source == SOURCE)
    )
    if (count or 0) >= MAX_LABELS:
        return None
    stmt = (
        insert(Tag)
        .values(
            workspace_id=channel.workspace_id,
            channel_id=channel.id,
            external_id=label_id,
            name=(name or label_id)[:100],
            folder=FOLDER,
            visible=False,
            source=SOURCE,
        )
        .on_conflict_do_nothing(index_elements=["channel_id", "external_id"])
        .returning(Tag)
    )
    tag = (await session.execute(stmt)).scalar_one_or_none()
    if tag is None:
        tag = (
            await session.execute(
                select(Tag).where(Tag.channel_id == channel.id, Tag.external_id == label_id)
            )
        ).scalar_one()
    return tag


async def assign(session: AsyncSession, conversation: Conversation, tag: Tag, *, add: bool) -> bool:
    """Add or remove one tag on a conversation; returns whether anything changed."""
    if not add:
        result = await session.execute(
            delete(ConversationTag).where(
                ConversationTag.conversation_id == conversation.id,
                ConversationTag.tag_id == tag.id,
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]
    count = await session.scalar(
        select(func.count()).where(ConversationTag.conversation_id == conversation.id)
    )
    if (count or 0) >= MAX_TAGS_PER_CONVERSATION:
        return False
    result = await session.execute(
        insert(ConversationTag)
        .values(
            workspace_id=conversation.workspace_id,
            conversation_id=conversation.id,
            tag_id=tag.id,
        )
        .on_conflict_do_nothing()
        .returning(ConversationTag.tag_id)
    )
    return result.scalar_one_or_none() is not None


async def _emit_conversation(session: AsyncSession, conversation: Conversation) -> None:
    conversation.version += 1
    await session.flush()
    emit_event(
        session,
        conversation.workspace_id,
        "conversation.updated",
        await conversation_event(session, conversation),
    )


async def apply_label_change(session: AsyncSession, channel: Channel, change: Any) -> None:
    """`inbox_labels` webhook: someone (un)labelled a person in Facebook's inbox."""
    if not enabled(channel):
        return
    tag = await upsert_label_tag(session, channel, change.label_id, change.label_name)
    if tag is None:
        return
    conversation = (
        await session.execute(
            select(Conversation).where(
                Conversation.channel_id == channel.id,
                Conversation.kind == "message",
                Conversation.external_id == change.psid,
            )
        )
    ).scalar_one_or_none()
    if conversation is None:
        return
    if await assign(session, conversation, tag, add=change.action == "add"):
        await _emit_conversation(session, conversation)


async def fetch_page_labels(channel: Channel, token: str) -> list[dict[str, Any]]:
    labels: list[dict[str, Any]] = []
    async for items, _ in get_graph().paginate(
        f"{channel.external_id}/custom_labels",
        token,
        {"fields": "id,page_label_name", "limit": 100},
        max_pages=50,
    ):
        labels.extend(items)
        if len(labels) >= MAX_LABELS:
            break
    return labels[:MAX_LABELS]


async def sync_page_labels(channel_id: int, *, with_assignments: bool) -> dict[str, int]:
    """Import / rename / delete label tags; optionally read every conversation's labels."""
    from chotdon.channels.facebook.service import mark_token_invalid, page_token

    async with unit_of_work() as session:
        channel = await session.get(Channel, channel_id)
        if (
            channel is None
            or channel.status != "connected"
            or not channel.access_token_encrypted
            or not enabled(channel)
        ):
            return {}
        token = page_token(channel)
    try:
        labels = await fetch_page_labels(channel, token)
    except TokenInvalid as exc:
        await mark_token_invalid(channel_id, exc)
        return {}
    stats = {"labels": len(labels), "deleted": 0, "assigned": 0}
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        seen = set()
        for label in labels:
            label_id = str(label.get("id"))
            seen.add(label_id)
            await upsert_label_tag(
                session, channel, label_id, label.get("page_label_name") or label.get("name")
            )
        gone = (
            await session.execute(
                delete(Tag)
                .where(
                    Tag.channel_id == channel_id,
                    Tag.source == SOURCE,
                    Tag.external_id.not_in(seen) if seen else Tag.id.is_not(None),
                )
                .returning(Tag.id)
            )
        ).all()
        stats["deleted"] = len(gone)
    if with_assignments:
        stats["assigned"] = await sync_assignments(channel_id, token)
    return stats


async def sync_assignments(channel_id: int, token: str, psids: list[str] | None = None) -> int:
    """Read the labels of each Messenger conversation's person and mirror them as tags."""
    async with unit_of_work() as session:
        stmt = select(Conversation.id, Conversation.external_id).where(
            Conversation.channel_id == channel_id, Conversation.kind == "message"
        )
        if psids is not None:
            stmt = stmt.where(Conversation.external_id.in_(psids))
        rows = list((await session.execute(stmt.order_by(Conversation.id))).all())
    assigned = 0
    for conversation_id, psid in rows:
        try:
            body = await get_graph().get(
                f"{psid}/custom_labels", token, {"fields": "id,page_label_name", "limit": 100}
            )
        except TokenInvalid:
            raise
        except GraphError as exc:
            log.info("labels of %s not readable: %s", psid, exc)
            continue
        wanted = [
            (str(label.get("id")), label.get("page_label_name") or label.get("name"))
            for label in (body.get("data") or [])
        ][:MAX_TAGS_PER_CONVERSATION]
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id)
            conversation = await session.get_one(Conversation, conversation_id)
            changed = False
            wanted_ids = set()
            for label_id, name in wanted:
                tag = await upsert_label_tag(session, channel, label_id, name)
                if tag is None:
                    continue
                wanted_ids.add(tag.id)
                if await assign(session, conversation, tag, add=True):
                    changed = True
                    assigned += 1
            # Facebook labels removed from this person while we were not listening.
            stale = await session.execute(
                delete(ConversationTag)
                .where(
                    ConversationTag.conversation_id == conversation_id,
                    ConversationTag.tag_id.in_(
                        select(Tag.id).where(Tag.channel_id == channel_id, Tag.source == SOURCE)
                    ),
                    ConversationTag.tag_id.not_in(wanted_ids) if wanted_ids else true(),
                )
                .returning(ConversationTag.tag_id)
            )
            if stale.all():
                changed = True
            if changed:
                await _emit_conversation(session, conversation)
    return assigned
