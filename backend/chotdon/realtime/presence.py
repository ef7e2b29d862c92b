"""Who is online and who is looking at which conversation, across every API process.

State lives in Redis so every process sees the same picture:

- `chotdon:presence:{ws}:online`  sorted set, member `"{user_id}:{socket_id}"`
- `chotdon:presence:{ws}:viewing` sorted set, member `"{user_id}:{socket_id}:{conversation_id}"`

The score is the moment the entry expires. Each API process refreshes the entries of its own
sockets on every heartbeat (`refresh`), so when a process dies its users drop out after
`PRESENCE_TTL_SECONDS` without anyone cleaning up; readers ignore expired entries and writers
prune them. One user with several tabs (or processes) is online while any of them is.

Changes that others should see (someone came online, went offline, opened or left a
conversation) are broadcast as `presence` events carrying the workspace's full presence
picture, so a client simply replaces its copy:
`{"online_user_ids": [..], "viewers": {"<conversation_id>": [user ids]}, "change": {...}}`.

Public helpers for other domains: `online_user_ids(workspace_id)` (round-robin assignment) and
`viewers(workspace_id, conversation_id)` ("someone else is answering this customer").
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from chotdon.core.redis import get_redis

PRESENCE_TTL_SECONDS = 60.0


def online_key(workspace_id: int) -> str:
    return f"chotdon:presence:{workspace_id}:online"


def viewing_key(workspace_id: int) -> str:
    return f"chotdon:presence:{workspace_id}:viewing"


@dataclass(frozen=True, slots=True)
class PresenceEntry:
    """One socket's presence: whose it is and what it is viewing."""

    workspace_id: int
    user_id: int
    socket_id: str
    conversation_id: int | None = None


def _online_member(user_id: int, socket_id: str) -> str:
    return f"{user_id}:{socket_id}"


def _viewing_member(user_id: int, socket_id: str, conversation_id: int) -> str:
    return f"{user_id}:{socket_id}:{conversation_id}"


def _user_of(member: bytes | str) -> int | None:
    text = member.decode() if isinstance(member, bytes) else member
    head = text.split(":", 1)[0]
    return int(head) if head.isdigit() else None


def _conversation_of(member: bytes | str) -> tuple[int, int] | None:
    text = member.decode() if isinstance(member, bytes) else member
    parts = text.split(":")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
        return None
    return int(parts[0]), int(parts[2])


def _key_ttl_ms() -> int:
    """The sets themselves vanish once nothing refreshes them (a workspace nobody has open)."""
    return max(1000, int(PRESENCE_TTL_SECONDS * 2000))


def _expiry(now: float | None = None) -> float:
    return (now or time.time()) + PRESENCE_TTL_SECONDS


async def _read(workspace_id: int) -> tuple[list[bytes], list[bytes]]:
    now = time.time()
    pipe = get_redis().pipeline(transaction=False)
    pipe.zrangebyscore(online_key(workspace_id), now, "+inf")
    pipe.zrangebyscore(viewing_key(workspace_id), now, "+inf")
    online, viewing = await pipe.execute()
    return online, viewing


async def online_user_ids(workspace_id: int) -> set[int]:
    """Users of the workspace with at least one live socket (any tab, any API process)."""
    online, _ = await _read(workspace_id)
    return {u for u in map(_user_of, online) if u is not None}


async def viewers(workspace_id: int, conversation_id: int) -> set[int]:
    """Users who have this conversation open right now."""
    _, viewing = await _read(workspace_id)
    found = set()
    for member in viewing:
        parsed = _conversation_of(member)
        if parsed and parsed[1] == conversation_id:
            found.add(parsed[0])
    return found


async def snapshot(workspace_id: int) -> dict[str, Any]:
    """The workspace's presence: online user ids and, per open conversation, its viewers."""
    online, viewing = await _read(workspace_id)
    by_conversation: dict[int, set[int]] = defaultdict(set)
    for member in viewing:
        parsed = _conversation_of(member)
        if parsed:
            by_conversation[parsed[1]].add(parsed[0])
    return {
        "online_user_ids": sorted({u for u in map(_user_of, online) if u is not None}),
        "viewers": {str(c): sorted(users) for c, users in sorted(by_conversation.items())},
    }


# Adds a socket's entry, prunes expired ones, returns 1 when its user was offline before.
_JOIN_LUA = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local prefix = ARGV[3] .. ':'
local was_online = 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(member, 1, #prefix) == prefix then was_online = 1 break end
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return was_online
"""

# Removes a socket's entries; returns {user still online (0/1), viewing entries removed}.
_LEAVE_LUA = """
redis.call('ZREM', KEYS[1], ARGV[2])
local removed = 0
if ARGV[3] ~= '' then removed = redis.call('ZREM', KEYS[2], ARGV[3]) end
local prefix = ARGV[4] .. ':'
local still = 0
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')) do
  if string.sub(member, 1, #prefix) == prefix then still = 1 break end
end
return {still, removed}
"""


async def _eval(script: str, keys: list[str], *args: object) -> Any:
    redis = get_redis()
    return await cast(Awaitable[Any], redis.eval(script, len(keys), *keys, *map(str, args)))


async def join(entry: PresenceEntry) -> bool:
    """Record a new socket; True when its user just came online (worth a `presence` event)."""
    now = time.time()
    was_online = await _eval(
        _JOIN_LUA,
        [online_key(entry.workspace_id)],
        now,
        _expiry(now),
        entry.user_id,
        _online_member(entry.user_id, entry.socket_id),
        _key_ttl_ms(),
    )
    return not int(was_online)


async def leave(entry: PresenceEntry) -> bool:
    """Forget a closed socket; True when that changed what others see."""
    viewing = (
        _viewing_member(entry.user_id, entry.socket_id, entry.conversation_id)
        if entry.conversation_id is not None
        else ""
    )
    still_online, removed = await _eval(
        _LEAVE_LUA,
        [online_key(entry.workspace_id), viewing_key(entry.workspace_id)],
        time.time(),
        _online_member(entry.user_id, entry.socket_id),
        viewing,
        entry.user_id,
    )
    return not int(still_online) or bool(int(removed))


async def view(entry: PresenceEntry, conversation_id: int | None) -> bool:
    """Move a socket's "viewing" to `conversation_id` (None: viewing nothing). True if changed."""
    if entry.conversation_id == conversation_id:
        await refresh([entry])
        return False
    key = viewing_key(entry.workspace_id)
    now = time.time()
    pipe = get_redis().pipeline(transaction=True)
    pipe.zremrangebyscore(key, "-inf", now)
    if entry.conversation_id is not None:
        pipe.zrem(key, _viewing_member(entry.user_id, entry.socket_id, entry.conversation_id))
    if conversation_id is not None:
        pipe.zadd(
            key, {_viewing_member(entry.user_id, entry.socket_id, conversation_id): _expiry(now)}
        )
        pipe.pexpire(key, _key_ttl_ms())
    await pipe.execute()
    return True


async def refresh(entries: Iterable[PresenceEntry]) -> None:
    """Push back the expiry of live sockets (one round trip for all of this process's sockets)."""
    entries = list(entries)
    if not entries:
        return
    expires = _expiry()
    ttl = _key_ttl_ms()
    pipe = get_redis().pipeline(transaction=False)
    for e in entries:
        # Plain ZADD, not XX: an entry pruned while its process was stalled comes back. The hub
        # serialises refresh and leave, so a closed socket is not resurrected.
        pipe.zadd(online_key(e.workspace_id), {_online_member(e.user_id, e.socket_id): expires})
        pipe.pexpire(online_key(e.workspace_id), ttl)
        if e.conversation_id is not None:
            pipe.zadd(
                viewing_key(e.workspace_id),
                {_viewing_member(e.user_id, e.socket_id, e.conversation_id): expires},
            )
            pipe.pexpire(viewing_key(e.workspace_id), ttl)
    await pipe.execute()


async def broadcast(workspace_id: int, change: dict[str, Any]) -> None:
    """Send the workspace's presence picture to every socket of the workspace."""
    from chotdon.realtime import publisher

    data = await snapshot(workspace_id)
    data["change"] = change
    await publisher.publish(workspace_id, "presence", data)
