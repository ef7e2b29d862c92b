"""Redis connections: one client and one arq pool per process, created on first use."""

from __future__ import annotations

from arq.connections import ArqRedis, RedisSettings, create_pool
from redis.asyncio import Redis

from chotdon.core.settings import get_settings

QUEUE_NAME = "chotdon:queue"
# Outgoing webhook deliveries wait on receivers we do not control: their own queue and worker
# slots, so a slow receiver never holds the slots that ingestion and the inbox need.
WEBHOOK_QUEUE_NAME = "chotdon:webhooks"
# The outbox drain (events → automatic messages, webhook delivery rows): its own queue and
# slots, so a burst of ingestion on the main queue or hanging receivers on the webhooks queue
# never hold the events back.
OUTBOX_QUEUE_NAME = "chotdon:outbox"
QUEUE_NAMES = (QUEUE_NAME, WEBHOOK_QUEUE_NAME, OUTBOX_QUEUE_NAME)

_redis: Redis | None = None
_arq: ArqRedis | None = None


def redis_settings() -> RedisSettings:
    url = get_settings().redis_url
    if not url:
        raise RuntimeError("REDIS_URL is not set: start through `python -m chotdon run`")
    return RedisSettings.from_dsn(url)


def get_redis() -> Redis:
    global _redis
    if _redis is None:
        url = get_settings().redis_url
        if not url:
            raise RuntimeError("REDIS_URL is not set")
        _redis = Redis.from_url(url, decode_responses=False, health_check_interval=30)
    return _redis


async def get_arq_pool() -> ArqRedis:
    global _arq
    if _arq is None:
        _arq = await create_pool(redis_settings(), default_queue_name=QUEUE_NAME)
    return _arq


async def close_redis() -> None:
    global _redis, _arq
    if _redis is not None:
        await _redis.aclose()
        _redis = None
    if _arq is not None:
        await _arq.aclose()
        _arq = None
