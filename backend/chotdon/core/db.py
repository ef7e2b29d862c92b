"""Database engine, declarative base and the unit of work used by requests and jobs."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import BigInteger, DateTime, ForeignKey, MetaData, func
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chotdon.core import after_commit
from chotdon.core.settings import get_settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


class IdMixin:
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), default=utcnow
    )


class WorkspaceMixin:
    """Every tenant-owned row carries its workspace; reads filter on it (see `tenant.py`)."""

    workspace_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )


def to_sqlalchemy_url(url: str) -> str:
    """Accept plain `postgresql://` URLs (as most hosts give them) and use asyncpg."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


@lru_cache
def get_engine() -> AsyncEngine:
    settings = get_settings()
    if not settings.database_url:
        raise RuntimeError(
            "DATABASE_URL is not set: start through `python -m chotdon run` "
            "(embedded PostgreSQL) or point DATABASE_URL at a server"
        )
    return create_async_engine(
        to_sqlalchemy_url(settings.database_url),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


@lru_cache
def get_sessionmaker() -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(get_engine(), expire_on_commit=False)


async def dispose_engine() -> None:
    if get_engine.cache_info().currsize:
        await get_engine().dispose()
    get_sessionmaker.cache_clear()
    get_engine.cache_clear()


@contextlib.asynccontextmanager
async def unit_of_work() -> AsyncIterator[AsyncSession]:
    """A session that commits on success, rolls back on error, then sends buffered side effects.

    Jobs and realtime events queued with `after_commit` leave only after the data they refer to
    is committed, so a worker never looks for a row that does not exist yet.
    """
    session = get_sessionmaker()()
    try:
        yield session
        await session.commit()
    except BaseException:
        await session.rollback()
        after_commit.discard(session)
        raise
    finally:
        await session.close()
    await after_commit.flush(session)


async def get_session() -> AsyncIterator[AsyncSession]:
    """FastAPI dependency (use with `scope="function"`): commits before the response is sent."""
    async with unit_of_work() as session:
        yield session


# The outbox writes durable events at commit time through a session event: importing it here
# registers the listener wherever a session is used (API, worker, scripts).
from chotdon.core import outbox as _outbox  # noqa: E402, F401
