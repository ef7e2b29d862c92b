"""arq workers; started by `python -m chotdon worker`, which supplies the Redis URL.

Three queues, each with its own worker slots: the main queue (ingestion, the inbox, crons), the
webhooks queue (`deliver_webhooks`, one job per endpoint, which waits on receivers we do not
control) and the outbox queue (`drain_outbox`: durable events → automatic messages and webhook
delivery rows). A slow or dead receiver can fill only the webhooks queue's WEBHOOK_WORKER_JOBS
slots, never the ones ingestion needs; a burst of ingestion on the main queue never holds back
the drain (events reach integrators while the burst is still being ingested). `chotdon worker`
serves all three in one process by default (`--queue main|webhooks|outbox` to scale them apart).

Jobs are at-least-once (arq keeps a job in the queue until it finishes), so every job is
idempotent: it takes ids, re-reads the database and does nothing twice.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Sequence
from typing import Any

from arq.worker import Worker, get_kwargs

from chotdon.channels import jobs as channels_jobs
from chotdon.channels.facebook import jobs as facebook_jobs
from chotdon.channels.lazada import jobs as lazada_jobs
from chotdon.channels.shopee import jobs as shopee_jobs
from chotdon.channels.tiktok import jobs as tiktok_jobs
from chotdon.channels.zalo import jobs as zalo_jobs
from chotdon.core.db import dispose_engine
from chotdon.core.logging import configure_logging
from chotdon.core.metrics import instrument_jobs, start_worker_metrics_server
from chotdon.core.redis import (
    OUTBOX_QUEUE_NAME,
    QUEUE_NAME,
    WEBHOOK_QUEUE_NAME,
    close_redis,
    redis_settings,
)
from chotdon.core.settings import get_settings
from chotdon.customers import jobs as customers_jobs
from chotdon.inbox import jobs as inbox_jobs
from chotdon.integrations import jobs as integrations_jobs
from chotdon.integrations.delivery import close_shared_client
from chotdon.livestream import jobs as livestream_jobs
from chotdon.orders import jobs as orders_jobs
from chotdon.realtime import jobs as realtime_jobs
from chotdon.shipping import jobs as shipping_jobs

_DOMAINS = (
    channels_jobs,
    facebook_jobs,
    shopee_jobs,
    zalo_jobs,
    tiktok_jobs,
    lazada_jobs,
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
    await close_shared_client()
    await close_redis()
    await dispose_engine()


# What the workers of every queue share; each queue's settings class below adds or overrides
# (arq's get_kwargs reads only a class's own attributes, so `_create` merges the two).
EVERY_QUEUE: dict[str, Any] = {
    "on_startup": startup,
    "on_shutdown": shutdown,
    # arq sleeps this long between reads of the queue: short, so that a burst of cheap jobs
    # (webhook deliveries already ingested by an earlier batch) drains at CPU speed.
    "poll_delay": 0.02,
    "max_tries": 10,
    # A job id may be reused once its result is gone: results are not needed after the fact.
    "keep_result": 0,
    "retry_jobs": True,
    "health_check_interval": 10,
}


class WorkerSettings:
    """The main queue."""

    functions = instrument_jobs([ping, *(job for domain in _DOMAINS for job in domain.JOBS)])
    cron_jobs = [cron for domain in _DOMAINS for cron in domain.CRON_JOBS]
    queue_name = QUEUE_NAME
    # Many jobs of a burst only wait in-process for the batch that takes their item, then end
    # (core.batching): slots are cheap, and a full house would hold back new webhooks.
    max_jobs = 100
    queue_read_limit = 500
    job_timeout = 120


class WebhookWorkerSettings:
    """The webhooks queue: endpoint runners only (`integrations.delivery`)."""

    functions = instrument_jobs([ping, *integrations_jobs.DELIVERY_JOBS])
    queue_name = WEBHOOK_QUEUE_NAME
    # A runner sends one endpoint's due deliveries and ends; a dead endpoint's runner ends
    # after one timed-out batch (its retries are deferred jobs).
    job_timeout = 300


class OutboxWorkerSettings:
    """The outbox queue: the drain only (`core.outbox`, `integrations.jobs.drain_outbox`)."""

    functions = instrument_jobs([ping, *integrations_jobs.OUTBOX_JOBS])
    queue_name = OUTBOX_QUEUE_NAME
    # Drains are coalesced (one per 50 ms) and serialised by an advisory lock: a few slots.
    max_jobs = 4
    job_timeout = 300


QUEUES: dict[str, Any] = {
    "main": WorkerSettings,
    "webhooks": WebhookWorkerSettings,
    "outbox": OutboxWorkerSettings,
}


def _create(settings_cls: Any, first: bool) -> Worker:
    extra: dict[str, Any] = {}
    if settings_cls is WebhookWorkerSettings:
        extra["max_jobs"] = get_settings().webhook_worker_jobs
    if not first:  # one process: the first worker starts and stops the shared resources
        extra.update(on_startup=None, on_shutdown=None)
    return Worker(
        **{
            **EVERY_QUEUE,
            **get_kwargs(settings_cls),
            "redis_settings": redis_settings(),
            "handle_signals": False,
            **extra,
        }
    )


def run(queues: Sequence[str]) -> None:
    """Serve the given queues in this process until SIGINT/SIGTERM."""
    workers = [_create(QUEUES[name], i == 0) for i, name in enumerate(queues)]
    # Shutdown releases what the first worker's startup made: it runs last.
    loop = workers[0].loop

    def stop(signum: signal.Signals) -> None:
        for worker in workers:
            worker.handle_sig(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop, signum)
    for worker in workers:
        worker.main_task = loop.create_task(worker.main())
    try:
        loop.run_until_complete(
            asyncio.gather(*(w.main_task for w in workers if w.main_task), return_exceptions=True)
        )
    finally:
        for worker in reversed(workers):
            loop.run_until_complete(worker.close())
