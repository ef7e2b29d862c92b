"""arq worker settings; started by `python -m chotdon worker`, which supplies the Redis URL.

Jobs are at-least-once (arq keeps a job in the queue until it finishes), so every job is
idempotent: it takes ids, re-reads the database and does nothing twice.
"""

from __future__ import annotations

from typing import Any

from chotdon.channels import jobs as channels_jobs
from chotdon.channels.facebook import jobs as facebook_jobs
from chotdon.channels.shopee import jobs as shopee_jobs
from chotdon.core.db import dispose_engine
from chotdon.core.logging import configure_logging
from chotdon.core.metrics import instrument_jobs, start_worker_metrics_server
from chotdon.core.redis import QUEUE_NAME, close_redis
from chotdon.core.settings import get_settings
from chotdon.customers import jobs as customers_jobs
from chotdon.inbox import jobs as inbox_jobs
from chotdon.integrations import jobs as integrations_jobs
from chotdon.livestream import jobs as livestream_jobs
from chotdon.orders import jobs as orders_jobs
from chotdon.realtime import jobs as realtime_jobs
from chotdon.shipping import jobs as shipping_jobs

_DOMAINS = (
    channels_jobs,
    facebook_jobs,
    shopee_jobs,
    inbox_jobs,
    customers_jobs,
    orders_jobs,
    livestream_jobs,
    realtime_jobs,
    shipping_jobs,
    integrations_jobs,
)


async def ping(ctx: dict[str, Any]) -> str:
    """A no-op job: lets ops (and tests) check that a worker is consuming the queue."""
    return "pong"


async def startup(ctx: dict[str, Any]) -> None:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    start_worker_metrics_server()


async def shutdown(ctx: dict[str, Any]) -> None:
    await close_redis()
    await dispose_engine()


class WorkerSettings:
    functions = instrument_jobs([ping, *(job for domain in _DOMAINS for job in domain.JOBS)])
    cron_jobs = [cron for domain in _DOMAINS for cron in domain.CRON_JOBS]
    on_startup = startup
    on_shutdown = shutdown
    queue_name = QUEUE_NAME
    # Many jobs of a burst only wait in-process for the batch that takes their item, then end
    # (core.batching): slots are cheap, and a full house would hold back new webhooks.
    max_jobs = 100
    # arq sleeps this long between reads of the queue: short, so that a burst of cheap jobs
    # (webhook deliveries already ingested by an earlier batch) drains at CPU speed.
    poll_delay = 0.02
    queue_read_limit = 500
    job_timeout = 120
    max_tries = 10
    # A job id may be reused once its result is gone: results are not needed after the fact.
    keep_result = 0
    retry_jobs = True
    health_check_interval = 10
