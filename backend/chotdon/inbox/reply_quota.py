"""How many messages the page sent since the customer's last one, for the providers whose reply
window counts them (`ChannelProvider.counts_replies`: Zalo's free replies, Lazada's daily limit
in a chat the buyer never wrote in). In a conversation the customer never wrote in, the count
is of the last 24 hours (a daily quota). Elsewhere 0, and nothing is counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import registry
from chotdon.channels.models import Channel
from chotdon.inbox.models import Conversation, Message


def _counted(conversation_id: Any, since: Any) -> Any:
    return (
        select(func.count())
        .select_from(Message)
        .where(
            Message.conversation_id == conversation_id,
            Message.direction == "out",
            Message.status != "failed",
            Message.created_at > since,
        )
    )


def counting_providers() -> list[str]:
    return [p.name for p in registry.all_providers() if p.counts_replies]


def sent_since_incoming_column() -> ColumnElement[int]:
    """A list query's column (joined with `Channel`): the count, computed only for rows of a
    counting provider (Postgres evaluates a CASE branch's subquery only when it is taken)."""
    providers = counting_providers()
    if not providers:
        return literal(0)
    since = func.coalesce(Conversation.last_incoming_at, func.now() - timedelta(days=1))
    count = _counted(Conversation.id, since).scalar_subquery()
    return case((Channel.provider.in_(providers), count), else_=literal(0))


async def sent_since_incoming(
    session: AsyncSession, conversation: Conversation, provider: str
) -> int:
    """The count for one conversation (0 unless `provider` counts replies)."""
    if not registry.get(provider).counts_replies:
        return 0
    since = conversation.last_incoming_at or datetime.now(UTC) - timedelta(days=1)
    stmt = _counted(conversation.id, since)
    return int(await session.scalar(stmt) or 0)
