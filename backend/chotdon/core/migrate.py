"""Apply Alembic migrations from code (used by `python -m chotdon migrate/run` and tests)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy.ext.asyncio import create_async_engine

from chotdon.core.db import to_sqlalchemy_url
from chotdon.core.settings import REPO_ROOT


def alembic_config() -> Config:
    cfg = Config(str(REPO_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(REPO_ROOT / "migrations"))
    cfg.attributes["configure_logger"] = False
    return cfg


async def upgrade(database_url: str, revision: str = "head") -> None:
    engine = create_async_engine(to_sqlalchemy_url(database_url))
    try:
        async with engine.begin() as conn:
            # Serialise concurrent starters (several API processes booting at once).
            await conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727274)")

            def _upgrade(sync_conn) -> None:
                cfg = alembic_config()
                cfg.attributes["connection"] = sync_conn
                command.upgrade(cfg, revision)

            await conn.run_sync(_upgrade)
    finally:
        await engine.dispose()
