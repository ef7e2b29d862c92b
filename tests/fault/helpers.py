"""Fault-injection helpers: signed Facebook deliveries, a cuttable TCP proxy, counting rows."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import func, select

from chotdon.channels.models import WebhookDelivery
from chotdon.core.db import unit_of_work
from chotdon.core.settings import get_settings
from chotdon.inbox.models import Message


def messenger_body(page_id: str, events: list[tuple[str, str, str]]) -> bytes:
    """One delivery with several Messenger events: (psid, mid, text). ASCII-escaped like FB."""
    now = int(time.time() * 1000)
    messaging = [
        {
            "sender": {"id": psid},
            "recipient": {"id": page_id},
            "timestamp": now,
            "message": {"mid": mid, "text": text},
        }
        for psid, mid, text in events
    ]
    body = {"object": "page", "entry": [{"id": page_id, "time": now, "messaging": messaging}]}
    return json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode()


def signature(body: bytes) -> str:
    secret = get_settings().facebook_app_secret.encode()
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def signed_headers(body: bytes) -> dict[str, str]:
    return {"Content-Type": "application/json", "X-Hub-Signature-256": signature(body)}


def new_mid(tag: str) -> str:
    return f"m_{tag}_{uuid.uuid4().hex[:12]}"


async def message_counts(channel_id: int, mids: list[str]) -> tuple[int, int]:
    """(rows, distinct external ids) among the given mids on the channel."""
    async with unit_of_work() as session:
        row = (
            await session.execute(
                select(func.count(), func.count(func.distinct(Message.external_id))).where(
                    Message.channel_id == channel_id, Message.external_id.in_(mids)
                )
            )
        ).one()
    return int(row[0]), int(row[1])


async def deliveries_by_status(ids: list[int] | None = None) -> dict[str, int]:
    async with unit_of_work() as session:
        stmt = select(WebhookDelivery.status, func.count()).group_by(WebhookDelivery.status)
        if ids is not None:
            stmt = stmt.where(WebhookDelivery.id.in_(ids))
        return {status: int(n) for status, n in (await session.execute(stmt)).all()}


async def wait_until(
    check: Callable[[], Awaitable[bool]], within: float, every: float = 0.05
) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await check():
            return True
        await asyncio.sleep(every)
    return await check()


class CuttableProxy:
    """A TCP proxy in front of PostgreSQL or Redis that a test can cut and restore.

    `cut()` closes every open connection and refuses new ones, as a server that went down
    would; `restore()` lets connections through again. Upstream may be TCP or a unix socket
    (the embedded servers).
    """

    def __init__(self, upstream: tuple[str, int] | str) -> None:
        self.upstream = upstream
        self.port = 0
        self.cut_now = False
        self._server: asyncio.AbstractServer | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> CuttableProxy:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def _open_upstream(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if isinstance(self.upstream, str):
            return await asyncio.open_unix_connection(self.upstream)
        return await asyncio.open_connection(*self.upstream)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cut_now:
            writer.close()
            return
        try:
            up_reader, up_writer = await self._open_upstream()
        except OSError:
            writer.close()
            return
        self._writers.update({writer, up_writer})

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    if self.cut_now:
                        break
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                with contextlib.suppress(Exception):
                    dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._writers.difference_update({writer, up_writer})

    def cut(self) -> None:
        self.cut_now = True
        for w in list(self._writers):
            with contextlib.suppress(Exception):
                w.transport.abort()
        self._writers.clear()

    def restore(self) -> None:
        self.cut_now = False

    async def close(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)


def postgres_upstream(database_url: str) -> tuple[tuple[str, int] | str, str]:
    """(upstream address, database name) of a SQLAlchemy/asyncpg URL (TCP or unix socket)."""
    parts = urlsplit(database_url.replace("+asyncpg", ""))
    name = parts.path.lstrip("/") or "postgres"
    host_q = parse_qs(parts.query).get("host", [None])[0]
    port = parts.port or 5432
    if host_q and host_q.startswith("/"):
        return f"{host_q}/.s.PGSQL.{port}", name
    return (parts.hostname or "127.0.0.1", port), name


def redis_upstream(redis_url: str) -> tuple[tuple[str, int] | str, str]:
    """(upstream address, db number) of a redis:// or unix:// URL."""
    parts = urlsplit(redis_url)
    if parts.scheme == "unix":
        db = parse_qs(parts.query).get("db", ["0"])[0]
        return parts.path, db
    return (parts.hostname or "127.0.0.1", parts.port or 6379), (parts.path.lstrip("/") or "0")


def proxied_env(
    db_proxy: CuttableProxy | None, redis_proxy: CuttableProxy | None
) -> dict[str, Any]:
    """DATABASE_URL / REDIS_URL of a child process that goes through the proxies."""
    env = {}
    DB_URL, REDIS_URL = os.environ["DATABASE_URL"], os.environ["REDIS_URL"]
    if db_proxy is not None:
        _, name = postgres_upstream(DB_URL)
        env["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:{db_proxy.port}/{name}"
    if redis_proxy is not None:
        _, db = redis_upstream(REDIS_URL)
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_proxy.port}/{db}"
    return env
