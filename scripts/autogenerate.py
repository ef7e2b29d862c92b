"""Autogenerate an Alembic revision against a scratch database (embedded unless DATABASE_URL).

`-m MESSAGE` adds the next numbered revision (0001_initial.py is the released baseline: never rewritten).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))


async def _fresh_db(url: str, name: str) -> str:
    import asyncpg

    dsn = url.replace("postgresql+asyncpg://", "postgresql://", 1)
    conn = await asyncpg.connect(dsn)
    await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-m", "--message", default="change")
    args = parser.parse_args()

    from alembic import command

    from chotdon.core import embedded
    from chotdon.core.migrate import alembic_config, upgrade

    handles = []
    base = os.environ.get("DATABASE_URL")
    if not base:
        server, base = embedded.start_postgres(Path(tempfile.mkdtemp(prefix="chotdon-autogen-")))
        handles.append(server)
    url = asyncio.run(_fresh_db(base, f"chotdon_autogen_{os.getpid()}"))
    versions = ROOT / "migrations" / "versions"
    asyncio.run(upgrade(url))
    cfg = alembic_config()
    cfg.attributes["database_url"] = url
    existing = sorted(p.name for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))
    next_id = f"{int(existing[-1][:4]) + 1:04d}" if existing else "0001"
    command.revision(cfg, message=args.message, autogenerate=True, rev_id=next_id)
    del handles
    return 0


if __name__ == "__main__":
    sys.exit(main())
