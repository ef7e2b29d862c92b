"""Quick replies: groups of up to 10 messages, per channel, with a shortcut and an on/off switch."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import BigInteger, any_, delete, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.models import Channel
from chotdon.core.auth import Principal
from chotdon.core.errors import Conflict, ValidationFailed
from chotdon.core.tenant import get_owned, owned
from chotdon.core.text import search_document
from chotdon.inbox import templates
from chotdon.inbox.models import Media, QuickReplyGroup, QuickReplyMessage
from chotdon.inbox.schemas import (
    QuickReplyIn,
    QuickReplyMessageIn,
    QuickReplyMessageOut,
    QuickReplyOut,
    QuickReplyPatch,
)

SUGGEST_LIMIT = 20
# Suggestions are ranked in Python over the workspace's enabled groups (hundreds at most).
SUGGEST_SCAN_LIMIT = 2000


async def _check_refs(
    session: AsyncSession,
    workspace_id: int,
    channel_ids: Sequence[int],
    messages: Sequence[QuickReplyMessageIn],
) -> None:
    if channel_ids:
        found = set(
            (
                await session.execute(
                    select(Channel.id).where(
                        Channel.workspace_id == workspace_id, Channel.id.in_(list(channel_ids))
                    )
                )
            ).scalars()
        )
        if missing := [c for c in channel_ids if c not in found]:
            raise ValidationFailed(
                details=[{"field": "channel_ids", "message": f"no such channel: {missing}"}]
            )
    media_ids = {m for msg in messages for m in msg.attachment_ids}
    if media_ids:
        found = set(
            (
                await session.execute(
                    select(Media.id).where(
                        Media.workspace_id == workspace_id, Media.id.in_(list(media_ids))
                    )
                )
            ).scalars()
        )
        if missing := sorted(media_ids - found):
            raise ValidationFailed(
                details=[
                    {"field": "messages.attachment_ids", "message": f"no such file: {missing}"}
                ]
            )
    for i, msg in enumerate(messages):
        if not (msg.text and msg.text.strip()) and not msg.attachment_ids:
            raise ValidationFailed(
                details=[{"field": f"messages.{i}", "message": "a text or an attachment"}]
            )


async def _shortcut_taken(
    session: AsyncSession, workspace_id: int, shortcut: str | None, exclude: int | None
) -> bool:
    if not shortcut:
        return False
    wanted = templates.normalize_shortcut(shortcut)
    stmt = owned(QuickReplyGroup, workspace_id).where(QuickReplyGroup.shortcut.is_not(None))
    if exclude is not None:
        stmt = stmt.where(QuickReplyGroup.id != exclude)
    return any(
        templates.normalize_shortcut(g.shortcut) == wanted
        for g in (await session.execute(stmt)).scalars()
    )


def _document(name: str, shortcut: str | None, messages: Sequence[QuickReplyMessageIn]) -> str:
    return search_document(name, shortcut, *(m.text for m in messages))


async def _replace_messages(
    session: AsyncSession, group: QuickReplyGroup, messages: Sequence[QuickReplyMessageIn]
) -> None:
    await session.execute(delete(QuickReplyMessage).where(QuickReplyMessage.group_id == group.id))
    for position, msg in enumerate(messages):
        session.add(
            QuickReplyMessage(
                workspace_id=group.workspace_id,
                group_id=group.id,
                position=position,
                text=msg.text,
                attachment_ids=list(msg.attachment_ids),
            )
        )
    await session.flush()


async def create(
    session: AsyncSession, principal: Principal, body: QuickReplyIn
) -> QuickReplyGroup:
    await _check_refs(session, principal.workspace_id, body.channel_ids, body.messages)
    if await _shortcut_taken(session, principal.workspace_id, body.shortcut, None):
        raise Conflict("Another quick reply already uses this shortcut", code="shortcut_taken")
    group = QuickReplyGroup(
        workspace_id=principal.workspace_id,
        name=body.name.strip(),
        shortcut=(body.shortcut or "").strip() or None,
        enabled=body.enabled,
        channel_ids=sorted(set(body.channel_ids)),
        position=body.position,
        search_text=_document(body.name, body.shortcut, body.messages),
    )
    session.add(group)
    await session.flush()
    await _replace_messages(session, group, body.messages)
    return group


async def update(
    session: AsyncSession, principal: Principal, group_id: int, body: QuickReplyPatch
) -> QuickReplyGroup:
    group = await get_owned(
        session, QuickReplyGroup, group_id, principal.workspace_id, label="Quick reply"
    )
    changes = body.model_dump(exclude_unset=True)
    for key in ("name", "enabled", "channel_ids", "messages", "position"):
        if key in changes and changes[key] is None:
            raise ValidationFailed(details=[{"field": key, "message": "may not be null"}])
    messages = body.messages if body.messages is not None else await _messages_in(session, group)
    await _check_refs(
        session,
        principal.workspace_id,
        body.channel_ids if body.channel_ids is not None else [],
        messages,
    )
    if "shortcut" in changes and await _shortcut_taken(
        session, principal.workspace_id, body.shortcut, group.id
    ):
        raise Conflict("Another quick reply already uses this shortcut", code="shortcut_taken")
    if "name" in changes:
        group.name = changes["name"].strip()
    if "shortcut" in changes:
        group.shortcut = (changes["shortcut"] or "").strip() or None
    if "enabled" in changes:
        group.enabled = changes["enabled"]
    if "channel_ids" in changes:
        group.channel_ids = sorted(set(changes["channel_ids"]))
    if "position" in changes:
        group.position = changes["position"]
    if body.messages is not None:
        await _replace_messages(session, group, body.messages)
    group.search_text = _document(group.name, group.shortcut, messages)
    await session.flush()
    return group


async def _messages_in(session: AsyncSession, group: QuickReplyGroup) -> list[QuickReplyMessageIn]:
    rows = await _messages_of(session, [group.id])
    return [
        QuickReplyMessageIn(text=m.text, attachment_ids=list(m.attachment_ids))
        for m in rows.get(group.id, [])
    ]


async def delete_group(session: AsyncSession, principal: Principal, group_id: int) -> None:
    group = await get_owned(
        session, QuickReplyGroup, group_id, principal.workspace_id, label="Quick reply"
    )
    await session.execute(delete(QuickReplyGroup).where(QuickReplyGroup.id == group.id))


async def _messages_of(
    session: AsyncSession, group_ids: Sequence[int]
) -> dict[int, list[QuickReplyMessage]]:
    out: dict[int, list[QuickReplyMessage]] = {g: [] for g in group_ids}
    if not group_ids:
        return out
    rows = await session.execute(
        select(QuickReplyMessage)
        .where(QuickReplyMessage.group_id.in_(list(group_ids)))
        .order_by(QuickReplyMessage.group_id, QuickReplyMessage.position, QuickReplyMessage.id)
    )
    for m in rows.scalars():
        out[m.group_id].append(m)
    return out


async def to_out(
    session: AsyncSession,
    groups: Sequence[QuickReplyGroup],
    values: dict[str, str] | None = None,
) -> list[QuickReplyOut]:
    """Groups with their messages (two queries for any number of groups)."""
    messages = await _messages_of(session, [g.id for g in groups])
    return [
        QuickReplyOut(
            id=g.id,
            name=g.name,
            shortcut=g.shortcut,
            enabled=g.enabled,
            channel_ids=list(g.channel_ids or []),
            position=g.position,
            created_at=g.created_at,
            messages=[
                QuickReplyMessageOut(
                    text=m.text,
                    attachment_ids=list(m.attachment_ids or []),
                    rendered_text=templates.render(m.text, values) if values is not None else None,
                )
                for m in messages[g.id]
            ],
        )
        for g in groups
    ]


def _for_channel(channel_id: int | None):
    if channel_id is None:
        return None
    return or_(
        func.cardinality(QuickReplyGroup.channel_ids) == 0,
        literal(channel_id, BigInteger) == any_(QuickReplyGroup.channel_ids),
    )


async def list_groups(
    session: AsyncSession, workspace_id: int, channel_id: int | None
) -> list[QuickReplyGroup]:
    stmt = owned(QuickReplyGroup, workspace_id)
    if (cond := _for_channel(channel_id)) is not None:
        stmt = stmt.where(cond)
    stmt = stmt.order_by(QuickReplyGroup.position, QuickReplyGroup.id)
    return list((await session.execute(stmt)).scalars())


async def suggest(
    session: AsyncSession, workspace_id: int, q: str, channel_id: int | None
) -> list[QuickReplyGroup]:
    """Enabled groups matching what the agent typed: shortcut prefix first, then words."""
    stmt = owned(QuickReplyGroup, workspace_id).where(QuickReplyGroup.enabled.is_(True))
    if (cond := _for_channel(channel_id)) is not None:
        stmt = stmt.where(cond)
    stmt = stmt.order_by(QuickReplyGroup.position, QuickReplyGroup.id).limit(SUGGEST_SCAN_LIMIT)
    ranked = []
    for group in (await session.execute(stmt)).scalars():
        rank = templates.suggest_rank(q, group.shortcut, group.search_text)
        if rank is not None:
            ranked.append((rank, group.position, group.id, group))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked[:SUGGEST_LIMIT]]


async def get(session: AsyncSession, workspace_id: int, group_id: int) -> QuickReplyGroup:
    return await get_owned(session, QuickReplyGroup, group_id, workspace_id, label="Quick reply")
