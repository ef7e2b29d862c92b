"""OAuth token refresh for every provider (`OAuthProvider.refresh_tokens`), run by a cron job.

A channel's row is locked (FOR UPDATE SKIP LOCKED) for the whole refresh, so two workers never
spend the same single-use refresh token (Shopee's) twice. The new pair is stored in the same
transaction that held the lock. When the answer is lost half-way (network), nothing is stored:
the next run presents the same refresh token again; Shopee's reuse behaviour is unknown
(channels-api.md §8), the simulator's `refresh_reuse_grace_seconds` lets tests cover both
"the same pair comes back" and "refused": then the channel is shown disconnected with the
reason, live, instead of failing silently. A refusal for good (`TokenRevoked`) does the same.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import select

from chotdon.channels import oauth, registry
from chotdon.channels.contract import TokenRevoked
from chotdon.channels.models import Channel
from chotdon.channels.service import emit_channel_updated
from chotdon.core.db import unit_of_work
from chotdon.core.security import decrypt_secret, encrypt_secret
from chotdon.core.settings import get_settings

log = logging.getLogger(__name__)


T = TypeVar("T")


async def with_fresh_token(
    channel_id: int,
    token_of: Callable[[Channel], str],
    call: Callable[[str], Awaitable[T]],
    token_invalid: type[Exception],
) -> T:
    """`call(token)` with the channel's access token (`token_of(channel)`); when the provider
    refuses it (`token_invalid`), the token is refreshed once and the call made again."""
    for refreshed in (False, True):
        async with unit_of_work() as session:
            token = token_of(await session.get_one(Channel, channel_id))
        try:
            return await call(token)
        except token_invalid:
            if refreshed:
                raise
            await refresh_channel(channel_id, force=True)
    raise AssertionError("unreachable")  # pragma: no cover


def _soon(now: datetime) -> datetime:
    return now + timedelta(seconds=get_settings().channel_token_refresh_before_seconds)


async def due_channel_ids(now: datetime | None = None) -> list[int]:
    now = now or datetime.now(UTC)
    oauth_providers = [p.name for p in registry.all_providers() if "oauth" in p.connect_modes]
    async with unit_of_work() as session:
        rows = await session.execute(
            select(Channel.id).where(
                Channel.provider.in_(oauth_providers),
                Channel.status == "connected",
                Channel.refresh_token_encrypted.is_not(None),
                Channel.token_expires_at < _soon(now),
            )
        )
        return list(rows.scalars())


async def refresh_channel(channel_id: int, *, force: bool = False) -> str:
    """Refresh one channel's tokens when due (or `force`, after the provider refused the access
    token). Returns what happened: refreshed, fresh, busy, revoked, retry, skip."""
    now = datetime.now(UTC)
    async with unit_of_work() as session:
        channel = (
            await session.execute(
                select(Channel).where(Channel.id == channel_id).with_for_update(skip_locked=True)
            )
        ).scalar_one_or_none()
        if channel is None:
            return "busy"  # another worker holds it (or it is gone)
        if channel.status != "connected" or not channel.refresh_token_encrypted:
            return "skip"
        if not force and channel.token_expires_at and channel.token_expires_at > _soon(now):
            return "fresh"
        flow = oauth.oauth_of(channel.provider)
        try:
            tokens = await flow.refresh_tokens(
                channel.external_id, decrypt_secret(channel.refresh_token_encrypted)
            )
        except TokenRevoked as exc:
            channel.status = "disconnected"
            channel.status_reason = exc.reason
            await session.flush()
            emit_channel_updated(session, channel)
            log.warning("channel %s disconnected: %s", channel_id, exc.reason)
            return "revoked"
        except Exception as exc:  # lost answer, rate limit, provider down: try again later
            log.warning("token refresh of channel %s failed, will retry: %s", channel_id, exc)
            if channel.token_expires_at is not None and channel.token_expires_at <= now:
                channel.status_reason = "token_refresh_pending"
            return "retry"
        channel.access_token_encrypted = encrypt_secret(tokens.access_token)
        if tokens.refresh_token:
            channel.refresh_token_encrypted = encrypt_secret(tokens.refresh_token)
        channel.token_expires_at = tokens.access_expires_at
        channel.refresh_expires_at = tokens.refresh_expires_at or channel.refresh_expires_at
        channel.status_reason = None
        return "refreshed"


async def refresh_due_tokens() -> int:
    count = 0
    for channel_id in await due_channel_ids():
        if await refresh_channel(channel_id) == "refreshed":
            count += 1
    return count
