"""`Idempotency-Key` for creating orders: a retried or double-clicked request creates one order.

The key (per workspace, kept 24 h in Redis) first holds "pending" while the request runs, then
the new order's id. A second request with the same key gets that order back; one arriving while
the first still runs gets 409 `request_in_progress`. If the first request failed, or its
transaction never committed (the id leads nowhere), the key is free again.
"""

from __future__ import annotations

import hashlib

from chotdon.core.errors import Conflict
from chotdon.core.redis import get_redis

TTL_SECONDS = 24 * 3600
_PENDING = b"pending"


def _key(workspace_id: int, key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"chotdon:idempotency:orders:{workspace_id}:{digest}"


async def claim(workspace_id: int, key: str) -> int | None:
    """None: go ahead (the key is ours now). An id: the order an earlier request created."""
    redis = get_redis()
    name = _key(workspace_id, key)
    for _ in range(2):
        if await redis.set(name, _PENDING, nx=True, ex=TTL_SECONDS):
            return None
        value = await redis.get(name)
        if value is None:  # expired in between: try to take it again
            continue
        if value == _PENDING:
            raise Conflict("The same request is still being processed", code="request_in_progress")
        return int(value)
    raise Conflict("The same request is still being processed", code="request_in_progress")


async def remember(workspace_id: int, key: str, order_id: int) -> None:
    await get_redis().set(_key(workspace_id, key), str(order_id).encode(), ex=TTL_SECONDS)


async def release(workspace_id: int, key: str) -> None:
    await get_redis().delete(_key(workspace_id, key))
