"""Tags (labels): CRUD for owners/admins, attach/detach for everyone, ≤50 per conversation.

Pinned tags sit on the customer (`customers.models.ContactTag`) and show on every
conversation of that customer.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.auth import Principal
from chotdon.core.errors import Conflict, NotFound, ValidationFailed
from chotdon.core.tenant import get_owned, owned
from chotdon.customers.models import ContactTag
from chotdon.inbox.models import Conversation, ConversationTag, Tag
from chotdon.inbox.schemas import TagIn, TagOut, TagPatch

MAX_TAGS_PER_CONVERSATION = 50


class TagLimitReached(Conflict):
    code = "tag_limit_reached"
    message = f"A conversation can carry at most {MAX_TAGS_PER_CONVERSATION} tags"


async def list_tags(session: AsyncSession, workspace_id: int, *, with_counts: bool) -> list[TagOut]:
    stmt = owned(Tag, workspace_id).order_by(Tag.folder.nulls_first(), Tag.position, Tag.id)
    tags = list((await session.execute(stmt)).scalars())
    counts: dict[int, int] = {}
    if with_counts and tags:
        rows = await session.execute(
            select(ConversationTag.tag_id, func.count())
            .where(ConversationTag.workspace_id == workspace_id)
            .group_by(ConversationTag.tag_id)
        )
        counts = {tag_id: n for tag_id, n in rows.all()}
    return [
        TagOut.model_validate(t).model_copy(
            update={"conversations_count": counts.get(t.id, 0) if with_counts else None}
        )
        for t in tags
    ]


async def _name_taken(
    session: AsyncSession, workspace_id: int, name: str, folder: str | None, exclude: int | None
) -> bool:
    stmt = select(Tag.id).where(
        Tag.workspace_id == workspace_id,
        func.lower(Tag.name) == name.strip().lower(),
        Tag.folder.is_(None) if folder is None else Tag.folder == folder,
    )
    if exclude is not None:
        stmt = stmt.where(Tag.id != exclude)
    return (await session.scalar(stmt.limit(1))) is not None


async def create_tag(session: AsyncSession, principal: Principal, body: TagIn) -> Tag:
    if await _name_taken(session, principal.workspace_id, body.name, body.folder, None):
        raise Conflict("A tag with this name already exists in this folder", code="tag_exists")
    tag = Tag(
        workspace_id=principal.workspace_id, **{**body.model_dump(), "name": body.name.strip()}
    )
    session.add(tag)
    await session.flush()
    return tag


async def update_tag(
    session: AsyncSession, principal: Principal, tag_id: int, body: TagPatch
) -> Tag:
    tag = await get_owned(session, Tag, tag_id, principal.workspace_id, label="Tag")
    changes = body.model_dump(exclude_unset=True)
    for key in ("name", "color", "visible", "position"):
        if key in changes and changes[key] is None:
            raise ValidationFailed(details=[{"field": key, "message": "may not be null"}])
    name = changes.get("name", tag.name)
    folder = changes.get("folder", tag.folder)
    if ("name" in changes or "folder" in changes) and await _name_taken(
        session, principal.workspace_id, name, folder, tag.id
    ):
        raise Conflict("A tag with this name already exists in this folder", code="tag_exists")
    for key, value in changes.items():
        setattr(tag, key, value.strip() if key == "name" else value)
    await session.flush()
    return tag


async def delete_tag(session: AsyncSession, principal: Principal, tag_id: int) -> list[int]:
    """Delete a tag; returns the conversations that carried it (their rows change)."""
    tag = await get_owned(session, Tag, tag_id, principal.workspace_id, label="Tag")
    affected = list(
        (
            await session.execute(
                select(ConversationTag.conversation_id).where(ConversationTag.tag_id == tag.id)
            )
        ).scalars()
    )
    await session.execute(delete(Tag).where(Tag.id == tag.id))
    if affected:
        await _bump(session, affected)
    return affected


async def _bump(session: AsyncSession, conversation_ids: Sequence[int]) -> None:
    await session.execute(
        update(Conversation)
        .where(Conversation.id.in_(list(conversation_ids)))
        .values(version=Conversation.version + 1, updated_at=func.now())
        .execution_options(synchronize_session=False)
    )


async def _valid_tag_ids(
    session: AsyncSession, workspace_id: int, tag_ids: Sequence[int]
) -> list[int]:
    wanted = list(dict.fromkeys(tag_ids))
    found = set(
        (
            await session.execute(
                select(Tag.id).where(Tag.workspace_id == workspace_id, Tag.id.in_(wanted))
            )
        ).scalars()
    )
    missing = [t for t in wanted if t not in found]
    if missing:
        raise ValidationFailed(
            "Unknown tag", details=[{"field": "tag_ids", "message": f"no such tag: {missing}"}]
        )
    return wanted


async def attach_many(
    session: AsyncSession,
    principal: Principal,
    conversation_ids: Sequence[int],
    tag_ids: Sequence[int],
) -> tuple[list[int], list[int]]:
    """Tag conversations (already locked by the caller). Returns (changed, over the limit).

    A conversation that would go over 50 tags gets none of the new ones: a partial tagging is
    harder to notice than a clear "skipped: tag_limit_reached".
    """
    tags = await _valid_tag_ids(session, principal.workspace_id, tag_ids)
    current: dict[int, set[int]] = {cid: set() for cid in conversation_ids}
    rows = await session.execute(
        select(ConversationTag.conversation_id, ConversationTag.tag_id).where(
            ConversationTag.conversation_id.in_(list(conversation_ids))
        )
    )
    for cid, tid in rows.all():
        current[cid].add(tid)
    values: list[dict[str, int | None]] = []
    limited: list[int] = []
    changed: list[int] = []
    for cid in conversation_ids:
        new = [t for t in tags if t not in current[cid]]
        if not new:
            continue
        if len(current[cid]) + len(new) > MAX_TAGS_PER_CONVERSATION:
            limited.append(cid)
            continue
        changed.append(cid)
        values += [
            {
                "workspace_id": principal.workspace_id,
                "conversation_id": cid,
                "tag_id": t,
                "created_by_id": principal.user_id,
            }
            for t in new
        ]
    if values:
        await session.execute(insert(ConversationTag).values(values).on_conflict_do_nothing())
        await _bump(session, changed)
    return changed, limited


async def detach_many(
    session: AsyncSession,
    principal: Principal,
    conversation_ids: Sequence[int],
    tag_ids: Sequence[int],
) -> list[int]:
    result = await session.execute(
        delete(ConversationTag)
        .where(
            ConversationTag.workspace_id == principal.workspace_id,
            ConversationTag.conversation_id.in_(list(conversation_ids)),
            ConversationTag.tag_id.in_(list(tag_ids)),
        )
        .returning(ConversationTag.conversation_id)
    )
    changed = sorted(set(result.scalars()))
    if changed:
        await _bump(session, changed)
    return changed


async def attach(
    session: AsyncSession, principal: Principal, conversation_id: int, tag_id: int
) -> bool:
    """Tag one conversation; idempotent. 409 `tag_limit_reached` beyond 50."""
    conversation = await get_owned(
        session,
        Conversation,
        conversation_id,
        principal.workspace_id,
        for_update=True,
        label="Conversation",
    )
    await get_owned(session, Tag, tag_id, principal.workspace_id, label="Tag")
    changed, limited = await attach_many(session, principal, [conversation.id], [tag_id])
    if limited:
        raise TagLimitReached()
    return bool(changed)


async def detach(
    session: AsyncSession, principal: Principal, conversation_id: int, tag_id: int
) -> bool:
    conversation = await get_owned(
        session,
        Conversation,
        conversation_id,
        principal.workspace_id,
        for_update=True,
        label="Conversation",
    )
    await get_owned(session, Tag, tag_id, principal.workspace_id, label="Tag")
    return bool(await detach_many(session, principal, [conversation.id], [tag_id]))


async def set_contact_tag(
    session: AsyncSession, principal: Principal, conversation_id: int, tag_id: int, pinned: bool
) -> list[int]:
    """Tag the customer of this conversation (pinned or not). Returns their conversations."""
    conversation = await get_owned(
        session, Conversation, conversation_id, principal.workspace_id, label="Conversation"
    )
    await get_owned(session, Tag, tag_id, principal.workspace_id, label="Tag")
    await session.execute(
        insert(ContactTag)
        .values(
            workspace_id=principal.workspace_id,
            contact_id=conversation.contact_id,
            tag_id=tag_id,
            pinned=pinned,
        )
        .on_conflict_do_update(index_elements=["contact_id", "tag_id"], set_={"pinned": pinned})
    )
    return await _conversations_of_contact(session, principal.workspace_id, conversation)


async def remove_contact_tag(
    session: AsyncSession, principal: Principal, conversation_id: int, tag_id: int
) -> list[int]:
    conversation = await get_owned(
        session, Conversation, conversation_id, principal.workspace_id, label="Conversation"
    )
    result = await session.execute(
        delete(ContactTag)
        .where(
            ContactTag.workspace_id == principal.workspace_id,
            ContactTag.contact_id == conversation.contact_id,
            ContactTag.tag_id == tag_id,
        )
        .returning(ContactTag.tag_id)
    )
    if result.scalar_one_or_none() is None:
        raise NotFound("The customer does not carry this tag")
    return await _conversations_of_contact(session, principal.workspace_id, conversation)


async def _conversations_of_contact(
    session: AsyncSession, workspace_id: int, conversation: Conversation
) -> list[int]:
    ids = list(
        (
            await session.execute(
                select(Conversation.id)
                .where(
                    Conversation.workspace_id == workspace_id,
                    Conversation.contact_id == conversation.contact_id,
                )
                .order_by(Conversation.last_message_at.desc())
                .limit(100)
            )
        ).scalars()
    )
    await _bump(session, ids)
    return ids
