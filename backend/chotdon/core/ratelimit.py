"""Sliding-window rate limits in Redis, shared by every API process.

Each key is a sorted set of hit times: a hit counts while it is younger than the window, so a
burst that straddles a minute boundary is limited like any other (a fixed window let through
twice the limit there).
"""

from __future__ import annotations

import time
import uuid

from chotdon.core.errors import TooManyRequests
from chotdon.core.redis import get_redis


def _key(key: str) -> str:
    return f"chotdon:rl:{key}"


async def hit(key: str, limit: int, window_seconds: int = 60) -> None:
    """Count one hit on `key`; raise 429 once more than `limit` hits fall in the last window."""
    now = time.time()
    redis_key = _key(key)
    async with get_redis().pipeline(transaction=True) as pipe:
        pipe.zremrangebyscore(redis_key, "-inf", now - window_seconds)
        pipe.zadd(redis_key, {f"{now:.6f}:{uuid.uuid4().hex[:8]}": now})
        pipe.zcard(redis_key)
        pipe.zrange(redis_key, 0, 0, withscores=True)
        pipe.expire(redis_key, window_seconds + 1)
        _, _, count, oldest, _ = await pipe.execute()
    if int(count) > limit:
        first = oldest[0][1] if oldest else now
        retry = max(1, int(first + window_seconds - now) + 1)
        raise TooManyRequests(
            "Too many attempts, try again in a minute", details={"retry_after": retry}
        )


async def reset(key: str) -> None:
    await get_redis().delete(_key(key))
