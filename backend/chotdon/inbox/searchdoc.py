"""Keep `conversations.search_text` current: customer name + phones + recent message words."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.inbox.models import Conversation, Message
from chotdon.inbox.preview import conversation_document, message_words_of

REBUILD_MESSAGES = 40


async def add_message_words(
    session: AsyncSession,
    conversation: Conversation,
    contact_doc: str,
    new_words: str,
    *,
    fresh: bool = False,
) -> None:
    """Append new messages' folded words; rebuild from the latest messages if the customer's
    part changed (a new phone, a new name). `fresh`: the conversation was created with these
    messages, so they are all its words."""
    words = "" if fresh else message_words_of(conversation.search_text or "", contact_doc)
    if words is None:
        words = await recent_message_words(session, conversation.id)
    elif new_words:
        words = f"{words} {new_words}" if words else new_words
    document = conversation_document(contact_doc, words)
    if document != conversation.search_text:
        conversation.search_text = document


async def recent_message_words(session: AsyncSession, conversation_id: int) -> str:
    rows = await session.execute(
        select(Message.search_text)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(REBUILD_MESSAGES)
    )
    return " ".join(t for t in reversed(list(rows.scalars())) if t)
