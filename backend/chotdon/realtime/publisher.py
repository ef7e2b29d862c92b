"""Publish realtime events: one Redis stream per workspace (for replay) plus one pub/sub channel.

Each event is XADDed to `chotdon:events:{workspace_id}` (its stream id is the event id a client
resumes from) and PUBLISHed on `chotdon:events`, which every API process subscribes to once.
Both happen in one Lua script, so an event is never published without being replayable.
"""

from __future__ import annotations

from typing import Any

import orjson

from chotdon.core.redis import get_redis

PUBSUB_CHANNEL = "chotdon:events"
STREAM_MAXLEN = 10_000


def stream_key(workspace_id: int) -> str:
    return f"chotdon:events:{workspace_id}"


_PUBLISH_LUA = """
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4] .. id .. ARGV[5])
return id
"""


async def publish(workspace_id: int, type: str, data: dict[str, Any]) -> str:
    """Publish one event now and return its id. Prefer `after_commit.emit_event` in services."""
    redis = get_redis()
    body = orjson.dumps({"type": type, "data": data}).decode()
    # The pub/sub message is the full frame plus the workspace: built around the id by Lua.
    prefix = '{"workspace_id":' + str(workspace_id) + ',"id":"'
    suffix = (
        '","type":' + orjson.dumps(type).decode() + ',"data":' + orjson.dumps(data).decode() + "}"
    )
    event_id = await redis.eval(
        _PUBLISH_LUA,
        1,
        stream_key(workspace_id),
        STREAM_MAXLEN,
        body,
        PUBSUB_CHANNEL,
        prefix,
        suffix,
    )
    return event_id.decode() if isinstance(event_id, bytes) else str(event_id)


async def publish_many(events: list[tuple[int, str, dict[str, Any]]]) -> list[str]:
    return [await publish(ws, type, data) for ws, type, data in events]
