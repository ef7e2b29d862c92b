"""Build `ConversationOut` / `MessageOut` for realtime events and single GETs.

A conversation is built by the same one-query loader as the list (`repository.load_items`), so
an event carries exactly what a list row shows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.inbox.models import Conversation, Message
from chotdon.inbox.schemas import ConversationOut, MessageOut


def message_out(message: Message) -> MessageOut:
    return MessageOut.model_validate(message)


def message_event(message: Message) -> dict[str, Any]:
    return message_out(message).model_dump(mode="json")


async def conversation_out(session: AsyncSession, conversation: Conversation) -> ConversationOut:
    from chotdon.inbox import repository

    await session.flush()
    [out] = await repository.load_items(session, conversation.workspace_id, [conversation.id])
    return out


async def conversation_event(session: AsyncSession, conversation: Conversation) -> dict[str, Any]:
    return (await conversation_out(session, conversation)).model_dump(mode="json")
