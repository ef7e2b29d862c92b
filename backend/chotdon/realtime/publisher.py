"""Publish realtime events: one Redis stream per workspace (for replay) plus one pub/sub channel.

Each event is XADDed to `chotdon:events:{workspace_id}` (its stream id is the event id a client
resumes from) and PUBLISHed on the events channel, which every API process subscribes to once.
Both happen in one Lua script, so an event is never published without being replayable, and
pub/sub order equals stream order within a workspace.

Pub/sub ignores Redis database numbers, so the channel carries the database number
(`chotdon:events` on db 0, `chotdon:events:db3` on db 3): two deployments or test runs that
share one Redis server on different databases never see each other's events.

The stream keeps about `STREAM_MAXLEN` recent events per workspace. When trimming drops entries
from its head, the script sets `chotdon:events:{workspace_id}:trimmed`, which tells the replay
logic that a client older than the oldest kept entry must resynchronise instead of replaying.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, cast

import orjson
from redis.asyncio import Redis

from chotdon.core.redis import get_redis

PUBSUB_CHANNEL = "chotdon:events"
STREAM_MAXLEN = 10_000


def stream_key(workspace_id: int) -> str:
    return f"chotdon:events:{workspace_id}"


def trimmed_key(workspace_id: int) -> str:
    return f"chotdon:events:{workspace_id}:trimmed"


def pubsub_channel(redis: Redis | None = None) -> str:
    """The events channel for the database `redis` (default: the app's client) points at."""
    client = redis if redis is not None else get_redis()
    db = int(client.connection_pool.connection_kwargs.get("db", 0) or 0)
    return PUBSUB_CHANNEL if db == 0 else f"{PUBSUB_CHANNEL}:db{db}"


_PUBLISH_LUA = """
local before = redis.call('XLEN', KEYS[1])
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2])
if redis.call('XLEN', KEYS[1]) <= before then
  redis.call('SET', KEYS[2], '1')
end
redis.call('PUBLISH', ARGV[3], ARGV[4] .. id .. ARGV[5])
return id
"""


def _script_args(workspace_id: int, type: str, data: dict[str, Any], channel: str) -> list[Any]:
    type_json = orjson.dumps(type).decode()
    data_json = orjson.dumps(data).decode()
    return [
        stream_key(workspace_id),
        trimmed_key(workspace_id),
        STREAM_MAXLEN,
        # Stream entry: the frame without its id (the entry id is the id).
        '{"type":' + type_json + ',"data":' + data_json + "}",
        channel,
        # The pub/sub message is the full frame plus the workspace, built around the id by Lua.
        '{"workspace_id":' + str(int(workspace_id)) + ',"id":"',
        '","type":' + type_json + ',"data":' + data_json + "}",
    ]


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


async def publish(workspace_id: int, type: str, data: dict[str, Any]) -> str:
    """Publish one event now and return its id. Prefer `after_commit.emit_event` in services."""
    redis = get_redis()
    args = _script_args(workspace_id, type, data, pubsub_channel(redis))
    return _text(await cast(Awaitable[Any], redis.eval(_PUBLISH_LUA, 2, *args)))


async def publish_many(events: list[tuple[int, str, dict[str, Any]]]) -> list[str]:
    """Publish several events in order, pipelined in one round trip."""
    if len(events) <= 1:
        return [await publish(ws, type, data) for ws, type, data in events]
    redis = get_redis()
    channel = pubsub_channel(redis)
    pipe = redis.pipeline(transaction=False)
    for ws, type, data in events:
        pipe.eval(_PUBLISH_LUA, 2, *_script_args(ws, type, data, channel))
    return [_text(i) for i in await pipe.execute()]
