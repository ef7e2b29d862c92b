"""Order stories that start in the inbox (automatic draft orders from phone numbers)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.models import Channel
from chotdon.customers.models import Contact
from chotdon.inbox.models import Conversation, Message


async def on_incoming_message(
    session: AsyncSession,
    channel: Channel,
    conversation: Conversation,
    contact: Contact,
    message: Message,
    new_phones: list[str],
) -> None:
    """Called in the ingestion transaction for every new customer message.

    With the channel setting `auto_draft_orders` on (and a default warehouse), a customer who
    writes a valid phone number gets one open draft order (source chat_auto).
    """
