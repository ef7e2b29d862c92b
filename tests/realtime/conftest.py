"""Realtime test harness: the real app behind a real uvicorn on a free port, real WebSockets.

`ws_server` serves the session's app (its lifespan, hence its hub, is already running) with
uvicorn in a background task; `ws_connect(tenant, ...)` opens a `Socket`, a small client that
knows the frame protocol.
"""

# Per-call deadlines are explicit `timeout` parameters in this test client:
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import orjson
import pytest
import uvicorn
import websockets

from support.processes import free_port


class Socket:
    """A WebSocket client speaking Chotdon's frame protocol."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.ready: dict[str, Any] | None = None

    async def frame(self, timeout: float = 5.0) -> dict[str, Any]:
        return orjson.loads(await asyncio.wait_for(self.conn.recv(), timeout))

    async def control(self, type: str, timeout: float = 5.0) -> dict[str, Any]:
        """The next control frame (id null) of `type`, skipping everything else."""
        while True:
            f = await self.frame(timeout)
            if f["id"] is None and f["type"] == type:
                return f

    @staticmethod
    def _wanted(frame: dict[str, Any], types: tuple[str, ...] | None) -> bool:
        if frame["id"] is None:
            return False  # control frame
        return frame["type"] != "presence" if types is None else frame["type"] in types

    async def event(self, timeout: float = 5.0) -> dict[str, Any]:
        """The next event frame, skipping control frames and `presence` events."""
        return (await self.events(1, timeout))[0]

    async def events(
        self, n: int, timeout: float = 5.0, types: tuple[str, ...] | None = None
    ) -> list[dict[str, Any]]:
        """The next `n` event frames of `types` (default: every type but `presence`)."""
        out: list[dict[str, Any]] = []
        while len(out) < n:
            f = await self.frame(timeout)
            if self._wanted(f, types):
                out.append(f)
        return out

    async def nothing_more(
        self, wait: float = 0.3, types: tuple[str, ...] | None = None
    ) -> list[dict[str, Any]]:
        """Events of `types` that arrive within `wait` seconds (expected: [])."""
        got = []
        with contextlib.suppress(TimeoutError):
            while True:
                f = await self.frame(wait)
                if self._wanted(f, types):
                    got.append(f)
        return got

    async def send(self, payload: dict[str, Any]) -> None:
        await self.conn.send(orjson.dumps(payload).decode())

    async def closed(self, timeout: float = 5.0) -> tuple[int | None, str]:
        """Wait for the server to close; return (code, reason). Frames meanwhile are dropped."""
        with contextlib.suppress(websockets.ConnectionClosed):
            while True:
                await asyncio.wait_for(self.conn.recv(), timeout)
        return self.conn.close_code, self.conn.close_reason or ""

    async def close(self) -> None:
        await self.conn.close()


@pytest.fixture(scope="session")
async def ws_server(app: Any) -> AsyncIterator[str]:
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, lifespan="off", log_level="warning", ws_ping_interval=None
    )
    server = uvicorn.Server(config)
    # _serve: serve() without taking over SIGINT/SIGTERM from pytest.
    task = asyncio.create_task(server._serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    yield f"ws://127.0.0.1:{port}"
    server.should_exit = True
    with contextlib.suppress(Exception):
        await asyncio.wait_for(task, 10)


WsConnect = Callable[..., Awaitable[Socket]]


@pytest.fixture
async def ws_connect(ws_server: str) -> AsyncIterator[WsConnect]:
    opened: list[Socket] = []

    async def _connect(
        tenant: Any = None,
        *,
        last_event_id: str | None = None,
        base: str | None = None,
        headers: dict[str, str] | None = None,
        token: str | None = None,
        expect_ready: bool = True,
        **kw: Any,
    ) -> Socket:
        url = f"{base or ws_server}/api/v1/ws"
        params = []
        if token is None and tenant is not None:
            token = tenant.token
        if token:
            params.append(f"token={token}")
        if last_event_id is not None:
            params.append(f"last_event_id={last_event_id}")
        if params:
            url += "?" + "&".join(params)
        conn = await websockets.connect(url, additional_headers=headers, **kw)
        sock = Socket(conn)
        opened.append(sock)
        if expect_ready:
            first = await sock.frame()
            assert first["type"] == "ready", first
            sock.ready = first["data"]
        return sock

    yield _connect
    for sock in opened:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(sock.close(), 2)
