"""Fixed-window rate limits in Redis, shared by every API process."""

from __future__ import annotations

import time

from chotdon.core.errors import TooManyRequests
from chotdon.core.redis import get_redis


async def hit(key: str, limit: int, window_seconds: int = 60) -> None:
    """Count one hit on `key`; raise 429 once more than `limit` hits fall in the window."""
    window = int(time.time() // window_seconds)
    redis_key = f"chotdon:rl:{key}:{window}"
    redis = get_redis()
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(redis_key)
        pipe.expire(redis_key, window_seconds + 1)
        count, _ = await pipe.execute()
    if int(count) > limit:
        retry = window_seconds - int(time.time() % window_seconds)
        raise TooManyRequests(
            "Too many attempts, try again in a minute", details={"retry_after": retry}
        )


async def reset(key: str, window_seconds: int = 60) -> None:
    window = int(time.time() // window_seconds)
    await get_redis().delete(f"chotdon:rl:{key}:{window}")
