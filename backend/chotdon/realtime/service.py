"""Database checks for long-lived sockets (credentials are verified once at connect time)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts.models import ApiKey, Membership


async def still_allowed(
    session: AsyncSession,
    users: Iterable[tuple[int, int]],
    api_key_ids: Iterable[int],
) -> tuple[set[tuple[int, int]], set[int]]:
    """Of (user_id, workspace_id) pairs and API key ids, those still active (two queries)."""
    users, api_key_ids = set(users), set(api_key_ids)
    active_users: set[tuple[int, int]] = set()
    active_keys: set[int] = set()
    if users:
        rows = await session.execute(
            select(Membership.user_id, Membership.workspace_id).where(
                tuple_(Membership.user_id, Membership.workspace_id).in_(sorted(users)),
                Membership.is_active.is_(True),
            )
        )
        active_users = {(int(u), int(w)) for u, w in rows}
    if api_key_ids:
        key_rows = await session.execute(
            select(ApiKey.id).where(ApiKey.id.in_(sorted(api_key_ids)), ApiKey.revoked_at.is_(None))
        )
        active_keys = {int(k) for (k,) in key_rows}
    return active_users, active_keys
