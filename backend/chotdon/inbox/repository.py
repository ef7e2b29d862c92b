"""SQL of the inbox: the list page, the list items (one query for a whole page), counts, history.

A list item carries everything the row shows (customer name, picture, phones, customer tags,
conversation tags, last message) from ONE statement: the page of ids is chosen first by the
indexed keyset query, and the per-row details are correlated subqueries evaluated only for the
rows of that page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    func,
    literal,
    literal_column,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import registry
from chotdon.channels.models import Channel
from chotdon.customers.models import Contact, ContactPhone, ContactTag
from chotdon.inbox import filters, reply_quota
from chotdon.inbox.models import Conversation, ConversationTag, Message, Tag
from chotdon.inbox.schemas import (
    ContactRef,
    ContactTagRef,
    ConversationOut,
    LastMessage,
    ReplyWindowOut,
    TagRef,
)


def _tag_json(*extra: tuple[str, Any]) -> ColumnElement[Any]:
    pairs: list[Any] = [
        literal_column("'id'"),
        Tag.id,
        literal_column("'name'"),
        Tag.name,
        literal_column("'color'"),
        Tag.color,
        literal_column("'folder'"),
        Tag.folder,
        literal_column("'visible'"),
        Tag.visible,
    ]
    for key, value in extra:
        pairs += [literal_column(f"'{key}'"), value]
    return func.jsonb_build_object(*pairs)


def _empty_jsonb() -> ColumnElement[Any]:
    return literal_column("'[]'::jsonb")


def _item_select() -> Select[Any]:
    """Conversation + contact + per-row details as correlated subqueries (no N+1)."""
    phones = (
        select(
            func.coalesce(
                func.array_agg(aggregate_order_by(ContactPhone.phone, ContactPhone.id)),
                literal_column("'{}'::varchar[]"),
            )
        )
        .where(ContactPhone.contact_id == Conversation.contact_id)
        .scalar_subquery()
    )
    conversation_tags = (
        select(
            func.coalesce(
                func.jsonb_agg(aggregate_order_by(_tag_json(), Tag.position, Tag.id)),
                _empty_jsonb(),
            )
        )
        .select_from(ConversationTag)
        .join(Tag, Tag.id == ConversationTag.tag_id)
        .where(ConversationTag.conversation_id == Conversation.id)
        .scalar_subquery()
    )
    contact_tags = (
        select(
            func.coalesce(
                func.jsonb_agg(
                    aggregate_order_by(
                        _tag_json(("pinned", ContactTag.pinned)),
                        ContactTag.pinned.desc(),
                        Tag.position,
                        Tag.id,
                    )
                ),
                _empty_jsonb(),
            )
        )
        .select_from(ContactTag)
        .join(Tag, Tag.id == ContactTag.tag_id)
        .where(ContactTag.contact_id == Conversation.contact_id)
        .scalar_subquery()
    )
    return (
        select(
            Conversation,
            Contact.name,
            Contact.picture_url,
            Contact.blocked,
            type_coerce(phones, ARRAY(String)).label("phones"),
            type_coerce(conversation_tags, JSONB).label("tags"),
            type_coerce(contact_tags, JSONB).label("contact_tags"),
            Channel.provider,
            reply_quota.sent_since_incoming_column().label("sent_since_incoming"),
        )
        .join(Contact, Contact.id == Conversation.contact_id)
        .join(Channel, Channel.id == Conversation.channel_id)
        .execution_options(populate_existing=True)
    )


def _reply_window(
    provider: str, conversation: Conversation, sent_since_incoming: int
) -> ReplyWindowOut | None:
    """Chats only: comment threads are answered in public (no window)."""
    if conversation.kind != "message" or provider not in registry.PROVIDER_MODULES:
        return None
    window = registry.get(provider).reply_window(
        conversation.last_incoming_at,
        datetime.now(UTC),
        sent_since_incoming=sent_since_incoming,
        state=conversation.provider_state,
    )
    return ReplyWindowOut(
        state=window.state,
        closes_at=window.closes_at,
        then=window.then,
        reason=window.reason,
        code=window.code,
        remaining=window.remaining,
    )


def _to_out(row: Any) -> ConversationOut:
    conversation: Conversation = row[0]
    last = None
    if conversation.last_message_direction is not None:
        last = LastMessage(
            id=conversation.last_message_id,
            text=conversation.last_message_preview,
            direction=conversation.last_message_direction,  # type: ignore[arg-type]
            sender_type=conversation.last_message_sender_type,
            created_at=conversation.last_message_at,
        )
    return ConversationOut(
        id=conversation.id,
        channel_id=conversation.channel_id,
        kind=conversation.kind,  # type: ignore[arg-type]
        post_id=conversation.post_id,
        contact=ContactRef(
            id=conversation.contact_id,
            name=row.name,
            phones=list(row.phones or []),
            picture_url=row.picture_url,
            blocked=row.blocked,
            tags=[ContactTagRef.model_validate(t) for t in row.contact_tags or []],
        ),
        status=conversation.status,  # type: ignore[arg-type]
        assignee_id=conversation.assignee_id,
        unread=conversation.unread,
        replied=conversation.replied,
        has_phone=conversation.has_phone,
        has_order=conversation.has_order,
        tags=[TagRef.model_validate(t) for t in row.tags or []],
        last_message=last,
        last_message_at=conversation.last_message_at,
        last_incoming_at=conversation.last_incoming_at,
        last_read_at=conversation.last_read_at,
        reply_window=_reply_window(row.provider, conversation, int(row.sent_since_incoming or 0)),
        version=conversation.version,
        created_at=conversation.created_at,
        updated_at=conversation.updated_at,
    )


async def load_items(
    session: AsyncSession, workspace_id: int, ids: Sequence[int]
) -> list[ConversationOut]:
    """List items for `ids` of this workspace, newest activity first. One query."""
    if not ids:
        return []
    stmt = (
        _item_select()
        .where(Conversation.workspace_id == workspace_id, Conversation.id.in_(list(ids)))
        .order_by(*filters.order_by())
    )
    return [_to_out(row) for row in (await session.execute(stmt)).all()]


# A filter matching fewer rows than this (a rare search term, a rare tag) is answered by
# collecting its matches first; a common one walks the recency index, where matches turn up
# quickly. Either way a page reads at most about limit × workspace size / threshold rows.
SELECTIVE_ROWS = 10_000


async def page_items(
    session: AsyncSession,
    conditions: list[ColumnElement[bool]],
    *,
    after: tuple[datetime, int] | None,
    limit: int,
    probes: Sequence[Select[Any]] = (),
) -> list[ConversationOut]:
    """One page of the list in keyset order: `limit` rows after `after`.

    PostgreSQL cannot know how rare a search word or a tag is: walking the recency index for a
    phone number that matches three rows reads the whole workspace. `probes`
    (`filters.narrowing_probes`) count, from the filter's own index and up to SELECTIVE_ROWS,
    what a filter can match; when one finds few rows, the matches are collected first
    (materialised) and sorted, otherwise the usual index walk serves the page.
    """
    where = list(conditions)
    if after is not None:
        where.append(filters.after_cursor(*after))
    if probes and await _any_selective(session, probes):
        candidates = (
            select(Conversation.id, Conversation.last_message_at)
            .where(*where)
            .cte("candidates")
            .prefix_with("MATERIALIZED")
        )
        page = (
            select(candidates.c.id)
            .order_by(candidates.c.last_message_at.desc(), candidates.c.id.desc())
            .limit(limit)
            .cte("page")
        )
    else:
        page = (
            select(Conversation.id)
            .where(*where)
            .order_by(*filters.order_by())
            .limit(limit)
            .cte("page")
        )
    stmt = _item_select().join(page, page.c.id == Conversation.id).order_by(*filters.order_by())
    return [_to_out(row) for row in (await session.execute(stmt)).all()]


async def _any_selective(session: AsyncSession, probes: Sequence[Select[Any]]) -> bool:
    for probe in probes:
        bounded = probe.limit(SELECTIVE_ROWS).subquery()
        found = await session.scalar(select(func.count()).select_from(bounded))
        if (found or 0) < SELECTIVE_ROWS:
            return True
    return False


def page_ids_statement(
    conditions: list[ColumnElement[bool]], after: tuple[datetime, int] | None, limit: int
) -> Select[Any]:
    """The id-only keyset query (what EXPLAIN in the benchmark looks at)."""
    where = list(conditions)
    if after is not None:
        where.append(filters.after_cursor(*after))
    return select(Conversation.id).where(*where).order_by(*filters.order_by()).limit(limit)


async def counts(
    session: AsyncSession, conditions: list[ColumnElement[bool]], user_id: int | None
) -> dict[str, int]:
    c = Conversation
    count = func.count()
    mine = count.filter(c.assignee_id == user_id) if user_id else literal(0)
    stmt = select(
        count.label("all"),
        count.filter(c.unread).label("unread"),
        count.filter(~c.replied).label("unreplied"),
        mine.label("mine"),
        count.filter(c.assignee_id.is_(None)).label("unassigned"),
        count.filter(c.has_phone).label("has_phone"),
        count.filter(c.kind == "comment").label("comments"),
        count.filter(c.kind == "message").label("messages"),
        count.filter(c.status == "open").label("open"),
        count.filter(c.status == "done").label("done"),
    ).where(*conditions)
    row = (await session.execute(stmt)).one()
    return {k: int(v or 0) for k, v in row._mapping.items()}


async def message_page(
    session: AsyncSession,
    conversation_id: int,
    *,
    cursor: tuple[datetime, int] | None,
    limit: int,
    oldest_first: bool = False,
) -> list[Message]:
    """`limit` messages past `cursor`: newest first (scrolling up), or oldest first (syncing)."""
    stmt = select(Message).where(Message.conversation_id == conversation_id)
    key = tuple_(Message.created_at, Message.id)
    if cursor is not None:
        bound = tuple_(
            literal(cursor[0], Message.created_at.type), literal(cursor[1], Message.id.type)
        )
        stmt = stmt.where(key > bound if oldest_first else key < bound)
    if oldest_first:
        stmt = stmt.order_by(Message.created_at, Message.id)
    else:
        stmt = stmt.order_by(Message.created_at.desc(), Message.id.desc())
    return list((await session.execute(stmt.limit(limit))).scalars())


async def search_messages(
    session: AsyncSession,
    workspace_id: int,
    tsquery: str,
    *,
    conversation_id: int | None,
    before: tuple[datetime, int] | None,
    limit: int,
) -> list[Message]:
    """Messages of the whole history matching `tsquery` (GIN on messages), newest first."""
    from chotdon.inbox.filters import message_matches

    stmt = select(Message).where(Message.workspace_id == workspace_id, message_matches(tsquery))
    if conversation_id is not None:
        stmt = stmt.where(Message.conversation_id == conversation_id)
    if before is not None:
        stmt = stmt.where(
            tuple_(Message.created_at, Message.id)
            < tuple_(
                literal(before[0], Message.created_at.type), literal(before[1], Message.id.type)
            )
        )
    stmt = stmt.order_by(Message.created_at.desc(), Message.id.desc()).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def conversation_phone(
    session: AsyncSession, contact_id: int, conversation_id: int | None
) -> str | None:
    """The phone to call this customer on from this conversation: the last one they wrote in
    it, else the last one they gave anywhere, else their primary one (E.164)."""
    rows = (
        await session.execute(
            select(ContactPhone.phone, Message.conversation_id)
            .outerjoin(Message, Message.id == ContactPhone.source_message_id)
            .where(ContactPhone.contact_id == contact_id)
            .order_by(ContactPhone.id.desc())
        )
    ).all()
    here = next((p for p, conv in rows if conversation_id and conv == conversation_id), None)
    if here or rows:
        return here or rows[0][0]
    return await session.scalar(select(Contact.primary_phone).where(Contact.id == contact_id))
