"""Build `ConversationOut` / `MessageOut` for one row (realtime events, single GETs).

List endpoints build many rows at once in the repository instead: never one query per row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.customers import service as customers_service
from chotdon.customers.models import Contact
from chotdon.inbox.models import Conversation, ConversationTag, Message, Tag
from chotdon.inbox.schemas import ContactRef, ConversationOut, LastMessage, MessageOut, TagRef


def message_out(message: Message) -> MessageOut:
    return MessageOut.model_validate(message)


def message_event(message: Message) -> dict[str, Any]:
    return message_out(message).model_dump(mode="json")


async def conversation_out(session: AsyncSession, conversation: Conversation) -> ConversationOut:
    contact = await session.get_one(Contact, conversation.contact_id)
    phones = await customers_service.phones_of(session, contact.id)
    tags = (
        await session.execute(
            select(Tag)
            .join(ConversationTag, ConversationTag.tag_id == Tag.id)
            .where(ConversationTag.conversation_id == conversation.id)
            .order_by(Tag.position, Tag.id)
        )
    ).scalars()
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
            id=contact.id,
            name=contact.name,
            phones=phones,
            picture_url=contact.picture_url,
            blocked=contact.blocked,
        ),
        status=conversation.status,  # type: ignore[arg-type]
        assignee_id=conversation.assignee_id,
        unread=conversation.unread,
        replied=conversation.replied,
        has_phone=conversation.has_phone,
        has_order=conversation.has_order,
        tags=[TagRef.model_validate(t) for t in tags],
        last_message=last,
        last_message_at=conversation.last_message_at,
        last_incoming_at=conversation.last_incoming_at,
        version=conversation.version,
        created_at=conversation.created_at,
    )


async def conversation_event(session: AsyncSession, conversation: Conversation) -> dict[str, Any]:
    return (await conversation_out(session, conversation)).model_dump(mode="json")
