"""Posts and live videos of the workspace's pages (comment conversations hang under them)."""

from __future__ import annotations

from sqlalchemy import func, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.pagination import decode_cursor, encode_cursor
from chotdon.core.tenant import owned
from chotdon.inbox.models import Post


async def list_posts(
    session: AsyncSession,
    workspace_id: int,
    *,
    channel_id: int | None,
    kind: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Post], str | None]:
    """Newest first (by when the post was published, else first seen), keyset by (time, id)."""
    when = func.coalesce(Post.posted_at, Post.created_at)
    stmt = owned(Post, workspace_id)
    if channel_id is not None:
        stmt = stmt.where(Post.channel_id == channel_id)
    if kind is not None:
        stmt = stmt.where(Post.kind == kind)
    after = decode_cursor(cursor, 2)
    if after is not None:
        stmt = stmt.where(tuple_(when, Post.id) < tuple_(func.to_timestamp(after[0]), after[1]))
    rows = list(
        (
            await session.execute(stmt.order_by(when.desc(), Post.id.desc()).limit(limit + 1))
        ).scalars()
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor([(last.posted_at or last.created_at).timestamp(), last.id])
    return rows, next_cursor
