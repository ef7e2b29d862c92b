"""The contract jobs: provider-neutral work the other domains ask for (`channels/outbound.py`),
dispatched to the channel's provider through `channels.registry`.

arq job names are process-wide, so these exist once for every provider; a provider implements
the matching methods of `channels.contract.ChannelProvider` instead of registering its own job.
"""

from __future__ import annotations

from typing import Any

from arq import cron
from sqlalchemy import select

from chotdon.channels import registry, sending, tokens
from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work


def _try(ctx: dict[str, Any]) -> int:
    return int(ctx.get("job_try") or 1)


async def _provider_of_message(message_id: int) -> str | None:
    from chotdon.inbox.models import Message

    async with unit_of_work() as session:
        row = await session.execute(
            select(Channel.provider)
            .join(Message, Message.channel_id == Channel.id)
            .where(Message.id == message_id)
        )
        return row.scalar_one_or_none()


async def _provider_of_channel(channel_id: int) -> str | None:
    async with unit_of_work() as session:
        return await session.scalar(select(Channel.provider).where(Channel.id == channel_id))


async def _provider_of_conversation(conversation_id: int) -> str | None:
    from chotdon.inbox.models import Conversation

    async with unit_of_work() as session:
        return await session.scalar(
            select(Channel.provider)
            .join(Conversation, Conversation.channel_id == Channel.id)
            .where(Conversation.id == conversation_id)
        )


def _known(name: str | None) -> bool:
    return name is not None and name in registry.PROVIDER_MODULES


async def send_message(ctx: dict[str, Any], message_id: int) -> str:
    provider = await _provider_of_message(message_id)
    if not _known(provider):
        return "no-provider"
    return await registry.get(provider).send_message(message_id, _try(ctx))  # type: ignore[arg-type]


async def comment_action(ctx: dict[str, Any], message_id: int, action: str) -> str:
    provider = await _provider_of_message(message_id)
    if not _known(provider):
        return "no-provider"
    return await registry.get(provider).comment_action(message_id, action, _try(ctx))  # type: ignore[arg-type]


async def sync_channel(ctx: dict[str, Any], channel_id: int) -> str:
    provider = await _provider_of_channel(channel_id)
    if not _known(provider):
        return "no-provider"
    return await registry.get(provider).sync_channel(channel_id)  # type: ignore[arg-type]


async def sync_conversation(ctx: dict[str, Any], conversation_id: int) -> str:
    provider = await _provider_of_conversation(conversation_id)
    if not _known(provider):
        return "no-provider"
    return await registry.get(provider).sync_conversation(conversation_id)  # type: ignore[arg-type]


async def mark_read(ctx: dict[str, Any], conversation_id: int) -> str:
    """Staff read a conversation: the provider marks it read on its side."""
    provider = await _provider_of_conversation(conversation_id)
    if not _known(provider):
        return "no-provider"
    return await registry.get(provider).mark_read(conversation_id)  # type: ignore[arg-type]


async def unsubscribe_channel(ctx: dict[str, Any], channel_id: int) -> str:
    """After a staff disconnect: the provider's best-effort cleanup (stop webhooks...)."""
    provider = await _provider_of_channel(channel_id)
    if not _known(provider):
        return "no-provider"
    return await registry.get(provider).after_disconnect(channel_id)  # type: ignore[arg-type]


async def refresh_channel_token(ctx: dict[str, Any], channel_id: int) -> str:
    """Refresh one OAuth channel's tokens now (after the provider refused its access token)."""
    return await tokens.refresh_channel(channel_id, force=True)


async def sweep_pending_sends(ctx: dict[str, Any]) -> int:
    """Outgoing messages still pending after a while lost their job: enqueue them again."""
    return await sending.sweep_pending_sends()


async def refresh_channel_tokens(ctx: dict[str, Any]) -> int:
    """OAuth channels whose access token expires soon get a new one."""
    return await tokens.refresh_due_tokens()


JOBS: list[Any] = [
    refresh_channel_token,
    send_message,
    comment_action,
    sync_channel,
    sync_conversation,
    unsubscribe_channel,
    mark_read,
]
CRON_JOBS: list[Any] = [
    cron(refresh_channel_tokens, second={50}, unique=True, run_at_startup=True),
    cron(sweep_pending_sends, second={20}, unique=True),
]
