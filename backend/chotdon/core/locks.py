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
