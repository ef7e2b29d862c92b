"""Per-process fan-out of realtime events to the WebSockets connected to this process.

- **One Redis subscription per API process.** The hub's subscriber task reads the events
  channel (see `publisher.py`) and hands each event to the sockets of its workspace with
  `put_nowait` on a bounded `asyncio.Queue` per socket: it never awaits a client.
- **A slow client never slows the others.** Each socket has its own sender task draining its
  queue. When a queue is full the socket is closed with 4008 (the client reconnects with
  `last_event_id` and misses nothing).
- **Resume without gap or duplicate.** A socket is registered (live events start buffering)
  *before* the stream is read; the replay and the buffer are then merged by event id
  (`replay.merge`), and from then on an event is delivered only if its id is greater than the
  last one delivered, so the overlap between replay and live delivery is sent once.
- **Redis drops.** The subscriber reconnects with backoff; once subscribed again it reads every
  workspace stream after the last event each local socket received and feeds the gap in order
  before any newer live event (same task, so order is kept).
- **Heartbeats.** Every `heartbeat_seconds` the hub sends `{"type": "ping"}` to every socket,
  closes sockets that have sent nothing for `idle_timeout_seconds` (4000) or whose token has
  expired (4401), and refreshes this process's presence entries in one Redis round trip.
- **Shutdown.** `stop()` closes every socket with 1001 and stops the subscriber. Under uvicorn,
  SIGTERM first closes open sockets with 1012 (service restart); both tell the client to
  reconnect (to another process) with its `last_event_id`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

import orjson
from redis.asyncio import Redis
from starlette.websockets import WebSocket

from chotdon.core.auth import Principal
from chotdon.core.redis import get_redis
from chotdon.core.settings import get_settings
from chotdon.realtime import presence, publisher
from chotdon.realtime.replay import (
    ZERO_ID,
    EventId,
    StreamState,
    decide_resume,
    format_event_id,
    merge,
    parse_event_id,
)

log = logging.getLogger(__name__)

# Close codes (RFC 6455 ones plus application codes in 4000-4999).
CLOSE_GOING_AWAY = 1001  # server shutting down: reconnect with last_event_id
CLOSE_MESSAGE_TOO_BIG = 1009
CLOSE_TRY_AGAIN_LATER = 1013  # realtime backend (Redis) unavailable right now
CLOSE_IDLE = 4000  # the client sent nothing (not even a ping) within the idle timeout
CLOSE_SLOW_CONSUMER = 4008  # the client did not keep up; reconnect with last_event_id
CLOSE_UNAUTHORIZED = 4401  # missing, invalid or expired credentials: log in again
CLOSE_FORBIDDEN = 4403  # membership or API key revoked

MAX_CLIENT_FRAME_BYTES = 4096
# A socket may cause at most this many `presence` broadcasts per window; beyond, its changes are
# stored at once but announced with the next heartbeat (one event for the workspace).
PRESENCE_BURST = 10
PRESENCE_WINDOW_SECONDS = 10.0


@dataclass(slots=True)
class RealtimeConfig:
    """Tunables; defaults suit production, tests shrink them (`hub.get_hub().config`)."""

    queue_size: int = 1000  # frames waiting for one socket before it counts as too slow
    replay_limit: int = 500  # missed events replayed on resume; more means "resync"
    heartbeat_seconds: float = 25.0
    idle_timeout_seconds: float = 75.0
    connect_wait_seconds: float = 5.0  # how long a new socket waits for the Redis subscription
    revalidate_seconds: float = 300.0  # re-check memberships / API keys of open sockets

    @classmethod
    def from_env(cls) -> RealtimeConfig:
        cfg = cls()
        for field_name, cast in (
            ("queue_size", int),
            ("replay_limit", int),
            ("heartbeat_seconds", float),
            ("idle_timeout_seconds", float),
            ("connect_wait_seconds", float),
            ("revalidate_seconds", float),
        ):
            raw = os.environ.get(f"REALTIME_{field_name.upper()}")
            if raw:
                setattr(cfg, field_name, cast(raw))
        return cfg


def control_frame(type: str, data: dict[str, Any] | None = None) -> str:
    """A frame that is not an event: same shape, `id` null (never resumed from)."""
    return orjson.dumps({"id": None, "type": type, "data": data or {}}).decode()


PING_FRAME = control_frame("ping")
PONG_FRAME = control_frame("pong")


def frame_from_entry(entry_id: bytes | str, fields: dict[Any, Any]) -> str:
    """A stream entry (`e` = `{"type","data"}`) as the frame `{"id","type","data"}`."""
    eid = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
    body = fields.get(b"e") or fields.get("e") or b"{}"
    text = body.decode() if isinstance(body, bytes) else body
    return '{"id":"' + eid + '",' + text[1:] if text != "{}" else '{"id":"' + eid + '"}'


def split_pubsub_message(raw: bytes | str) -> tuple[int, EventId, str] | None:
    """`{"workspace_id":W,"id":"…",…}` → (W, id, frame without the workspace)."""
    text = raw.decode() if isinstance(raw, bytes) else raw
    head = '{"workspace_id":'
    if text.startswith(head):
        comma = text.find(",", len(head))
        ws, frame = text[len(head) : comma], "{" + text[comma + 1 :]
        if ws.isdigit() and frame.startswith('{"id":"'):
            event_id = parse_event_id(frame[7 : frame.find('"', 7)])
            if event_id is not None:
                return int(ws), event_id, frame
    try:  # not built by our publisher's fast path: parse it properly
        msg = orjson.loads(text)
        ws_id = int(msg.pop("workspace_id"))
        event_id = parse_event_id(msg["id"])
        if event_id is None:
            return None
        return ws_id, event_id, orjson.dumps(msg).decode()
    except (ValueError, KeyError, TypeError):
        return None


class Connection:
    """One WebSocket: its queue, what it has been sent, what it is viewing."""

    def __init__(
        self, websocket: WebSocket, principal: Principal, queue_size: int, epoch: int
    ) -> None:
        self.socket_id = secrets.token_hex(6)
        self.websocket = websocket
        self.principal = principal
        self.workspace_id = principal.workspace_id
        self.user_id = principal.user_id
        self.queue: asyncio.Queue[str] = asyncio.Queue(maxsize=queue_size)
        self.last_id: EventId = ZERO_ID  # last event put on the queue
        self.buffer: list[tuple[EventId, str]] | None = []  # live events while starting
        self.close_code: int | None = None
        self.close_reason = ""
        self.close_requested = asyncio.Event()
        self.last_heard = time.monotonic()
        self.expires_at: float | None = None  # token expiry (epoch seconds)
        self.conversation_id: int | None = None
        self.epoch = epoch
        self.broadcasts: deque[float] = deque(maxlen=PRESENCE_BURST)
        self.presence_dirty = False

    def offer(self, event_id: EventId, frame: str) -> None:
        """Called by the hub for every event of the workspace; never blocks."""
        if self.close_code is not None:
            return
        if self.buffer is not None:
            if len(self.buffer) >= self.queue.maxsize:
                self.request_close(CLOSE_SLOW_CONSUMER, "too many events while starting")
            else:
                self.buffer.append((event_id, frame))
            return
        if event_id <= self.last_id:
            return  # already replayed / delivered
        if self.send(frame):
            self.last_id = event_id

    def send(self, frame: str) -> bool:
        try:
            self.queue.put_nowait(frame)
            return True
        except asyncio.QueueFull:
            self.request_close(CLOSE_SLOW_CONSUMER, "client too slow: reconnect with last_event_id")
            return False

    def go_live(self, start_after: EventId, replayed: list[tuple[EventId, str]]) -> int:
        """Queue the replay merged with what arrived meanwhile; then deliver live. No awaits."""
        events = merge(start_after, replayed, self.buffer or [])
        self.buffer = None
        self.last_id = start_after
        for event_id, frame in events:
            if not self.send(frame):
                break
            self.last_id = event_id
        return len(events)

    def request_close(self, code: int, reason: str) -> None:
        if self.close_code is None:
            self.close_code, self.close_reason = code, reason
            self.close_requested.set()

    def may_broadcast(self) -> bool:
        """Rate limit on presence events caused by this socket (a client flipping views)."""
        now = time.monotonic()
        if len(self.broadcasts) == self.broadcasts.maxlen and (
            now - self.broadcasts[0] < PRESENCE_WINDOW_SECONDS
        ):
            self.presence_dirty = True
            return False
        self.broadcasts.append(now)
        return True

    def presence_entry(self) -> presence.PresenceEntry | None:
        if self.user_id is None:
            return None
        return presence.PresenceEntry(
            self.workspace_id, self.user_id, self.socket_id, self.conversation_id
        )


class Hub:
    def __init__(self, config: RealtimeConfig | None = None) -> None:
        self.config = config or RealtimeConfig.from_env()
        self.by_workspace: dict[int, set[Connection]] = defaultdict(set)
        self.connected = asyncio.Event()
        self.epoch = 0  # +1 each time the subscription is (re)established
        self.closing = False
        self.client_name = f"chotdon-hub-{os.getpid()}-{secrets.token_hex(4)}"
        self.stats: dict[str, int] = defaultdict(int)
        self._client: Redis | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._presence_lock = asyncio.Lock()
        self._idle = asyncio.Event()
        self._idle.set()

    # ----------------------------------------------------------------- lifecycle
    async def start(self) -> None:
        url = get_settings().redis_url
        if not url:
            log.warning("REDIS_URL is not set: realtime disabled")
            return
        self._client = Redis.from_url(
            url, client_name=self.client_name, health_check_interval=10, socket_connect_timeout=5
        )
        self._tasks = [
            asyncio.create_task(self._subscribe_forever(), name="realtime-subscriber"),
            asyncio.create_task(self._heartbeat_forever(), name="realtime-heartbeat"),
        ]

    async def stop(self, grace_seconds: float = 5.0) -> None:
        self.closing = True
        for conn in self.connections():
            conn.request_close(CLOSE_GOING_AWAY, "server shutting down")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), grace_seconds)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []
        self.connected.clear()
        if self._client is not None:
            with contextlib.suppress(Exception):
                await self._client.aclose()
            self._client = None

    def connections(self) -> list[Connection]:
        return [c for conns in self.by_workspace.values() for c in conns]

    def _register(self, conn: Connection) -> None:
        self.by_workspace[conn.workspace_id].add(conn)
        self._idle.clear()
        self.stats["connections_total"] += 1

    def _unregister(self, conn: Connection) -> None:
        conns = self.by_workspace.get(conn.workspace_id)
        if conns is not None:
            conns.discard(conn)
            if not conns:
                del self.by_workspace[conn.workspace_id]
        if not self.by_workspace:
            self._idle.set()

    # ----------------------------------------------------------------- one socket
    async def serve(
        self,
        websocket: WebSocket,
        principal: Principal,
        last_event_id: str | None,
        expires_at: float | None = None,
    ) -> None:
        """Run an accepted WebSocket until it closes."""
        if self.closing:
            await _close(websocket, CLOSE_GOING_AWAY, "server shutting down")
            return
        try:
            await asyncio.wait_for(self.connected.wait(), self.config.connect_wait_seconds)
        except TimeoutError:
            await _close(websocket, CLOSE_TRY_AGAIN_LATER, "realtime unavailable, retry later")
            return
        resumed = bool(last_event_id)
        if not resumed:
            # A fresh socket starts from the stream's tail as it was *before* it subscribed: a
            # client loading its REST data meanwhile gets every later change (possibly twice,
            # never lost). `ready.last_event_id` reports that position.
            try:
                last_event_id = await _stream_tail(principal.workspace_id)
            except Exception:
                log.warning("realtime: could not read the event stream", exc_info=True)
                await _close(websocket, CLOSE_TRY_AGAIN_LATER, "realtime unavailable, retry later")
                return
        conn = Connection(websocket, principal, self.config.queue_size, self.epoch)
        conn.expires_at = expires_at
        self._register(conn)
        tasks: list[asyncio.Task[Any]] = []
        joined = False
        try:
            try:
                await self._start_stream(conn, last_event_id, resumed)
            except Exception:
                log.exception("realtime: could not read the event stream")
                conn.request_close(CLOSE_TRY_AGAIN_LATER, "realtime unavailable, retry later")
            if conn.close_code is None:
                joined = await self._presence_join(conn)
                tasks = [
                    asyncio.create_task(self._send_loop(conn)),
                    asyncio.create_task(self._receive_loop(conn)),
                ]
                waiter = asyncio.create_task(conn.close_requested.wait())
                tasks.append(waiter)
                await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            try:
                if conn.close_code is not None:
                    if conn.close_code == CLOSE_SLOW_CONSUMER:
                        self.stats["slow_consumer_closes"] += 1
                    await _close(websocket, conn.close_code, conn.close_reason)
                if joined:
                    await self._presence_leave(conn)
            finally:
                # Last: `stop()` waits for every socket to get here, presence included.
                self._unregister(conn)

    async def _start_stream(
        self, conn: Connection, last_event_id: str | None, resumed: bool = True
    ) -> None:
        """Replay what the client missed (or tell it to resync), then switch to live."""
        redis = get_redis()
        key = publisher.stream_key(conn.workspace_id)
        limit = min(self.config.replay_limit, max(self.config.queue_size - 2, 0))
        wanted = parse_event_id(last_event_id) if last_event_id else None
        pipe = redis.pipeline(transaction=True)  # one consistent view of the stream
        pipe.xrange(key, "-", "+", count=1)
        pipe.xrevrange(key, "+", "-", count=1)
        pipe.exists(publisher.trimmed_key(conn.workspace_id))
        if wanted is not None:
            pipe.xrange(key, f"({format_event_id(wanted)}", "+", count=limit + 1)
        results = await pipe.execute()
        first, last, trimmed = results[0], results[1], bool(results[2])
        entries = results[3] if wanted is not None else []
        state = StreamState(
            first_id=parse_event_id(first[0][0]) if first else None,
            last_id=parse_event_id(last[0][0]) if last else None,
            trimmed=trimmed,
        )
        decision = decide_resume(last_event_id, state, len(entries), limit)
        replayed: list[tuple[EventId, str]] = []
        if decision.action == "replay":
            replayed = _frames(entries)
        # The subscription was re-established while we read: catch up from the stream.
        while conn.epoch != self.epoch:
            conn.epoch = self.epoch
            floor = replayed[-1][0] if replayed else decision.start_after
            more = await redis.xrange(key, f"({format_event_id(floor)}", "+", count=limit + 1)
            replayed += _frames(more)
        ready: dict[str, Any] = {
            "workspace_id": conn.workspace_id,
            "user_id": conn.user_id,
            "socket_id": conn.socket_id,
            "last_event_id": format_event_id(decision.start_after),
            "resumed": resumed and decision.action == "replay",
            "heartbeat_seconds": self.config.heartbeat_seconds,
            "idle_timeout_seconds": self.config.idle_timeout_seconds,
        }
        conn.send(control_frame("ready", ready))
        if decision.action == "resync":
            conn.send(
                control_frame(
                    "resync",
                    {
                        "reason": decision.reason,
                        "last_event_id": format_event_id(decision.start_after),
                    },
                )
            )
            self.stats["resyncs"] += 1
        delivered = conn.go_live(decision.start_after, replayed)
        self.stats["replayed_events"] += len(replayed) if decision.action == "replay" else 0
        log.debug("socket %s live after %d queued events", conn.socket_id, delivered)

    async def _send_loop(self, conn: Connection) -> None:
        websocket = conn.websocket
        while True:
            frame = await conn.queue.get()
            await websocket.send_text(frame)

    async def _receive_loop(self, conn: Connection) -> None:
        websocket = conn.websocket
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            conn.last_heard = time.monotonic()
            text = message.get("text")
            if text is None and message.get("bytes") is not None:
                text = message["bytes"].decode("utf-8", "replace")
            if text is None:
                continue
            if len(text) > MAX_CLIENT_FRAME_BYTES:
                conn.request_close(CLOSE_MESSAGE_TOO_BIG, "client frames are at most 4 KiB")
                return
            await self._handle_client_frame(conn, text)

    async def _handle_client_frame(self, conn: Connection, text: str) -> None:
        try:
            payload = orjson.loads(text)
        except orjson.JSONDecodeError:
            payload = None
        kind = payload.get("type") if isinstance(payload, dict) else None
        if kind == "ping":
            conn.send(PONG_FRAME)
        elif kind == "pong":
            pass
        elif kind == "presence.view":
            cid = payload.get("conversation_id") if isinstance(payload, dict) else None
            if isinstance(cid, int) and not isinstance(cid, bool) and 0 < cid < 2**63:
                await self._set_viewing(conn, cid)
            else:
                conn.send(
                    control_frame(
                        "error",
                        {"code": "invalid_frame", "message": "conversation_id must be an id"},
                    )
                )
        elif kind == "presence.leave":
            cid = payload.get("conversation_id") if isinstance(payload, dict) else None
            if cid is None or cid == conn.conversation_id:
                await self._set_viewing(conn, None)
        else:
            conn.send(
                control_frame(
                    "error",
                    {
                        "code": "invalid_frame",
                        "message": 'expected {"type": "ping"|"pong"|"presence.view"|'
                        '"presence.leave"}',
                    },
                )
            )

    # ----------------------------------------------------------------- presence
    async def _presence_join(self, conn: Connection) -> bool:
        entry = conn.presence_entry()
        if entry is None:
            return False
        try:
            async with self._presence_lock:
                came_online = await presence.join(entry)
            if came_online:
                await presence.broadcast(
                    conn.workspace_id, {"user_id": conn.user_id, "action": "online"}
                )
        except Exception:  # presence is a nicety: never refuse the socket for it
            log.warning("presence join failed", exc_info=True)
        return True

    async def _presence_leave(self, conn: Connection) -> None:
        entry = conn.presence_entry()
        if entry is None:
            return
        try:
            async with self._presence_lock:
                changed = await presence.leave(entry)
            if changed:
                online = conn.user_id in await presence.online_user_ids(conn.workspace_id)
                await presence.broadcast(
                    conn.workspace_id,
                    {
                        "user_id": conn.user_id,
                        "action": "leave" if online else "offline",
                        "conversation_id": conn.conversation_id,
                    },
                )
        except Exception:
            log.warning("presence leave failed", exc_info=True)

    async def _set_viewing(self, conn: Connection, conversation_id: int | None) -> None:
        entry = conn.presence_entry()
        if entry is None:
            return
        previous = conn.conversation_id
        try:
            async with self._presence_lock:
                changed = await presence.view(entry, conversation_id)
                conn.conversation_id = conversation_id
            if changed and conn.may_broadcast():
                await presence.broadcast(
                    conn.workspace_id,
                    {
                        "user_id": conn.user_id,
                        "action": "view" if conversation_id is not None else "leave",
                        "conversation_id": conversation_id
                        if conversation_id is not None
                        else previous,
                    },
                )
        except Exception:
            log.warning("presence update failed", exc_info=True)

    # ----------------------------------------------------------------- heartbeats
    async def _heartbeat_forever(self) -> None:
        last_check = time.monotonic()
        while True:
            await asyncio.sleep(self.config.heartbeat_seconds)
            try:
                await self.heartbeat()
            except Exception:
                log.warning("realtime heartbeat failed", exc_info=True)
            if time.monotonic() - last_check >= self.config.revalidate_seconds:
                last_check = time.monotonic()
                try:
                    await self.revalidate()
                except Exception:
                    log.warning("realtime revalidation failed", exc_info=True)

    async def revalidate(self) -> None:
        """Close sockets whose member was deactivated or whose API key was revoked (4403)."""
        from chotdon.core.db import unit_of_work
        from chotdon.realtime import service

        conns = [c for c in self.connections() if c.close_code is None]
        users = {(c.user_id, c.workspace_id) for c in conns if c.user_id is not None}
        keys = {c.principal.api_key_id for c in conns if c.principal.api_key_id is not None}
        if not users and not keys:
            return
        async with unit_of_work() as session:
            active_users, active_keys = await service.still_allowed(session, users, keys)
        for c in conns:
            if c.user_id is not None and (c.user_id, c.workspace_id) not in active_users:
                c.request_close(CLOSE_FORBIDDEN, "membership deactivated")
            elif c.principal.api_key_id is not None and c.principal.api_key_id not in active_keys:
                c.request_close(CLOSE_FORBIDDEN, "API key revoked")

    async def heartbeat(self) -> None:
        """Ping every socket, close idle or expired ones, refresh presence (one round trip)."""
        now, wall = time.monotonic(), time.time()
        entries = []
        for conn in self.connections():
            if conn.buffer is not None or conn.close_code is not None:
                continue
            if conn.expires_at is not None and wall >= conn.expires_at:
                conn.request_close(CLOSE_UNAUTHORIZED, "access token expired")
                continue
            if now - conn.last_heard > self.config.idle_timeout_seconds:
                conn.request_close(CLOSE_IDLE, "idle: send a ping at least every heartbeat")
                continue
            conn.send(PING_FRAME)
            entry = conn.presence_entry()
            if entry is not None:
                entries.append(entry)
        async with self._presence_lock:
            await presence.refresh(entries)
        dirty = set()
        for conn in self.connections():
            if conn.presence_dirty:
                conn.presence_dirty = False
                dirty.add(conn.workspace_id)
        for workspace_id in dirty:  # changes held back by the rate limit
            await presence.broadcast(workspace_id, {"action": "sync"})

    # ----------------------------------------------------------------- subscriber
    async def _subscribe_forever(self) -> None:
        assert self._client is not None
        backoff = 0.1
        channel = publisher.pubsub_channel(self._client)
        while True:
            pubsub = self._client.pubsub()
            try:
                await pubsub.subscribe(channel)
                while True:  # wait for the confirmation: from here on nothing is missed
                    msg = await pubsub.get_message(timeout=5.0)
                    if msg is not None and msg["type"] == "subscribe":
                        break
                self.epoch += 1
                if self.epoch > 1:
                    self.stats["resubscribes"] += 1
                    await self._fill_gaps()
                self.connected.set()
                backoff = 0.1
                while True:
                    msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    if msg is not None and msg["type"] == "message":
                        self.dispatch(msg["data"])
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.connected.clear()
                log.warning("realtime subscriber lost Redis (%s); retrying", type(exc).__name__)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()

    def dispatch(self, raw: bytes | str) -> None:
        """Hand one pub/sub message to the local sockets of its workspace (never blocks)."""
        self.stats["events_received"] += 1
        text = raw.decode() if isinstance(raw, bytes) else raw
        if text.startswith('{"workspace_id":'):
            ws_text = text[16 : text.find(",", 16)]
            if ws_text.isdigit() and int(ws_text) not in self.by_workspace:
                return  # nobody here for that workspace: skip parsing
        parsed = split_pubsub_message(text)
        if parsed is None:
            log.warning("realtime: unreadable event %r", text[:200])
            return
        workspace_id, event_id, frame = parsed
        for conn in list(self.by_workspace.get(workspace_id, ())):
            conn.offer(event_id, frame)

    async def _fill_gaps(self) -> None:
        """After a resubscribe: feed every local socket what was published while we were away."""
        redis = self._client or get_redis()
        cap = self.config.queue_size
        for workspace_id, conns in list(self.by_workspace.items()):
            live = [c for c in conns if c.buffer is None and c.close_code is None]
            if not live:
                continue
            floor = min(c.last_id for c in live)
            entries = await redis.xrange(
                publisher.stream_key(workspace_id), f"({format_event_id(floor)}", "+", count=cap + 1
            )
            if len(entries) > cap:
                for c in live:
                    c.request_close(CLOSE_SLOW_CONSUMER, "missed too many events: reconnect")
                continue
            for event_id, frame in _frames(entries):
                for c in live:
                    c.offer(event_id, frame)
            self.stats["gap_events"] += len(entries)


async def _stream_tail(workspace_id: int) -> str:
    """The id of the newest event of the workspace stream (`0-0` when there is none)."""
    last = await get_redis().xrevrange(publisher.stream_key(workspace_id), "+", "-", count=1)
    event_id = parse_event_id(last[0][0]) if last else None
    return format_event_id(event_id or ZERO_ID)


def _frames(entries: list[Any]) -> list[tuple[EventId, str]]:
    out = []
    for entry_id, fields in entries:
        event_id = parse_event_id(entry_id)
        if event_id is not None:
            out.append((event_id, frame_from_entry(entry_id, fields)))
    return out


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    """Close, bounded in time: a client that stopped reading cannot hold us.

    The close frame queues behind whatever the client has not read; if it cannot be written
    within 2 s the TCP connection is aborted so a stuck client holds no buffers.
    """
    try:
        await asyncio.wait_for(websocket.close(code=code, reason=reason[:120]), 2.0)
    except TimeoutError:
        transport = _find_transport(getattr(websocket, "_send", None))
        if transport is not None:
            transport.abort()
    except Exception:  # already closed by the client
        return


def _find_transport(send: Any, depth: int = 0) -> asyncio.Transport | None:
    """The server's transport behind an ASGI `send` (uvicorn's protocol, under wrappers)."""
    if send is None or depth > 6:
        return None
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if isinstance(transport, asyncio.Transport):
        return transport
    for cell in getattr(send, "__closure__", None) or ():
        with contextlib.suppress(ValueError):
            found = (
                _find_transport(cell.cell_contents, depth + 1)
                if callable(cell.cell_contents)
                else None
            )
            if found is not None:
                return found
    return None


# ----------------------------------------------------------------- the process's hub
_hub: Hub | None = None


def get_hub() -> Hub:
    global _hub
    if _hub is None:
        _hub = Hub()
    return _hub


async def start() -> None:
    """Start the process-wide subscriber (called from the app lifespan)."""
    global _hub
    _hub = Hub()
    await _hub.start()


async def stop() -> None:
    """Close every socket gracefully and stop the subscriber."""
    if _hub is not None:
        await _hub.stop()
