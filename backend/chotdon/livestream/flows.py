"""Livestream stories that start in the inbox: comments becoming orders, bot replies."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.models import Channel
from chotdon.customers.models import Contact
from chotdon.inbox.models import Conversation, Message, Post


async def on_comment(
    session: AsyncSession,
    channel: Channel,
    post: Post,
    conversation: Conversation,
    contact: Contact,
    message: Message,
    verb: str,
    new_phones: list[str],
) -> None:
    """Called in the ingestion transaction for a customer's comment (add / edited / remove).

    When the post belongs to a livestream taking orders, enqueue the per-comment order job.
    """


async def on_incoming_message(
    session: AsyncSession,
    channel: Channel,
    conversation: Conversation,
    contact: Contact,
    message: Message,
) -> None:
    """Called for every new Messenger message: the customer may be answering the order bot."""
