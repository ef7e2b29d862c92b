"""Fan-out under stress: a slow client is cut off without slowing the others; Redis drops."""

from __future__ import annotations

import asyncio
import base64
import os
import socket
from urllib.parse import urlsplit

from chotdon.core.redis import get_redis
from chotdon.realtime import hub, publisher


class StuckClient:
    """A WebSocket client that completes the handshake and then never reads again.

    Its receive buffer is tiny (no autotuning), so TCP backpressure reaches the server at once
    instead of after megabytes.
    """

    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token
        self.sock = socket.socket()

    async def open(self) -> None:
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.setblocking(False)
        port = urlsplit(self.base).port
        loop = asyncio.get_running_loop()
        await loop.sock_connect(self.sock, ("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /api/v1/ws?token={self.token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        await loop.sock_sendall(self.sock, request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += await loop.sock_recv(self.sock, 1)  # byte by byte: leave frames unread
        assert head.startswith(b"HTTP/1.1 101"), head

    async def read_until_close_frame(self, idle: float = 10.0) -> tuple[int, str, int]:
        """Start reading again: (close code, reason, data frames before it)."""
        loop = asyncio.get_running_loop()
        buf = b""
        frames = 0
        try:
            while True:
                while (parsed := _parse_frame(buf)) is not None:
                    opcode, payload, buf = parsed
                    if opcode == 0x8:
                        code = int.from_bytes(payload[:2], "big")
                        return code, payload[2:].decode(), frames
                    frames += 1
                chunk = await asyncio.wait_for(loop.sock_recv(self.sock, 1 << 16), idle)
                if not chunk:
                    raise AssertionError(f"connection ended without a close frame ({frames})")
                buf += chunk
        finally:
            self.sock.close()


def _parse_frame(buf: bytes) -> tuple[int, bytes, bytes] | None:
    """One unmasked server frame off the front of `buf`: (opcode, payload, rest)."""
    if len(buf) < 2:
        return None
    opcode, length, offset = buf[0] & 0x0F, buf[1] & 0x7F, 2
    if length == 126:
        if len(buf) < 4:
            return None
        length, offset = int.from_bytes(buf[2:4], "big"), 4
    elif length == 127:
        if len(buf) < 10:
            return None
        length, offset = int.from_bytes(buf[2:10], "big"), 10
    if len(buf) < offset + length:
        return None
    return opcode, buf[offset : offset + length], buf[offset + length :]


async def test_slow_consumer_is_disconnected_while_a_fast_one_keeps_receiving(
    tenant, ws_connect, ws_server
):
    the_hub = hub.get_hub()
    saved = the_hub.config.queue_size
    the_hub.config.queue_size = 20
    try:
        fast = await ws_connect(tenant, max_size=None)
        stuck = StuckClient(ws_server, tenant.token)
        await stuck.open()
        for _ in range(100):  # the stuck socket is registered once its ready frame is queued
            if len(the_hub.by_workspace.get(tenant.workspace_id, ())) == 2:
                break
            await asyncio.sleep(0.02)
    finally:
        the_hub.config.queue_size = saved
    slow_closes = the_hub.stats["slow_consumer_closes"]
    ws = tenant.workspace_id
    blob = "x" * 32_000
    n = 300  # ~10 MB: far more than the stuck socket's buffers
    received: list[str] = []

    async def read_fast() -> None:
        received.extend(f["id"] for f in await fast.events(n, timeout=20))

    reader = asyncio.create_task(read_fast())
    published = []
    for i in range(n):
        published.append(await publisher.publish(ws, "message.created", {"n": i, "blob": blob}))
    await asyncio.wait_for(reader, 30)
    assert received == published  # the fast client got everything, in order
    for _ in range(200):
        if the_hub.stats["slow_consumer_closes"] > slow_closes:
            break
        await asyncio.sleep(0.05)
    assert the_hub.stats["slow_consumer_closes"] == slow_closes + 1
    code, reason, delivered = await stuck.read_until_close_frame()
    assert code == hub.CLOSE_SLOW_CONSUMER and "last_event_id" in reason
    assert delivered < n  # it was cut off, not fed everything
    for _ in range(200):
        if len(the_hub.by_workspace.get(ws, ())) == 1:
            break
        await asyncio.sleep(0.05)
    assert len(the_hub.by_workspace.get(ws, ())) == 1  # only the fast one is left


async def test_hub_resubscribes_after_redis_drops_and_fills_the_gap(tenant, ws_connect):
    the_hub = hub.get_hub()
    sock = await ws_connect(tenant)
    ws = tenant.workspace_id
    before = [await publisher.publish(ws, "order.updated", {"n": i}) for i in range(2)]
    assert [f["id"] for f in await sock.events(2)] == before

    epoch = the_hub.epoch
    redis = get_redis()
    clients = await redis.client_list()
    hub_ids = [c["id"] for c in clients if c.get("name") == the_hub.client_name]
    assert hub_ids, "the hub's subscriber connection is named"
    for client_id in hub_ids:
        await redis.client_kill_filter(_id=client_id)
    # Published while the hub is (probably) still reconnecting: only the stream has them.
    during = [await publisher.publish(ws, "order.updated", {"n": i}) for i in range(2, 6)]
    for _ in range(100):
        if the_hub.epoch > epoch and the_hub.connected.is_set():
            break
        await asyncio.sleep(0.05)
    assert the_hub.epoch > epoch
    after = [await publisher.publish(ws, "order.updated", {"n": i}) for i in range(6, 8)]
    got = await sock.events(len(during) + len(after), timeout=10)
    assert [f["id"] for f in got] == during + after
    assert await sock.nothing_more() == []


async def test_graceful_stop_closes_sockets_with_1001(tenant, ws_connect, monkeypatch):
    """A separate hub instance, stopped like the lifespan does at shutdown."""
    own = hub.Hub()
    await own.start()
    monkeypatch.setattr(hub, "_hub", own)
    try:
        sock = await ws_connect(tenant)
        event_id = await publisher.publish(tenant.workspace_id, "channel.updated", {"id": 1})
        assert (await sock.event())["id"] == event_id
    finally:
        await own.stop()
    code, reason = await sock.closed()
    assert code == 1001 and "shutting down" in reason
    assert own.connections() == []


async def test_socket_is_told_to_retry_when_the_hub_has_no_redis_subscription(
    tenant, ws_connect, monkeypatch
):
    """Redis unreachable: new sockets get 1013 (try again later) instead of hanging."""
    never_connected = hub.Hub(hub.RealtimeConfig(connect_wait_seconds=0.2))
    monkeypatch.setattr(hub, "_hub", never_connected)
    sock = await ws_connect(tenant, expect_ready=False)
    assert (await sock.closed())[0] == hub.CLOSE_TRY_AGAIN_LATER
