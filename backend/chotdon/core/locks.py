"""Transaction-scoped PostgreSQL advisory locks for "get or create" races between workers."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def lock(session: AsyncSession, namespace: str, key: str | int) -> None:
    """Block until no other transaction holds (namespace, key); released at commit/rollback."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:ns), hashtext(:key))"),
        {"ns": namespace, "key": str(key)},
    )


async def lock_many(session: AsyncSession, namespace: str, keys: list[str]) -> None:
    """`lock` for many keys in one statement, taken in sorted order (so two transactions
    locking overlapping sets never deadlock on each other)."""
    if not keys:
        return
    await session.execute(
        text(
            "SELECT count(pg_advisory_xact_lock(hashtext(:ns), hashtext(k)))"
            " FROM unnest(CAST(:keys AS text[])) AS k"
        ),
        {"ns": namespace, "keys": sorted(set(keys))},
    )
