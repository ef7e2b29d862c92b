"""arq jobs of the Shopee channel (the contract jobs are in `channels/jobs.py`)."""

from __future__ import annotations

from typing import Any

from arq import cron

from chotdon.channels import webhooks
from chotdon.channels.shopee import ingest


async def process_shopee_delivery(ctx: dict[str, Any], delivery_id: int) -> str:
    return await ingest.process_delivery(delivery_id)


async def sweep_shopee_deliveries(ctx: dict[str, Any]) -> int:
    return await webhooks.sweep(ingest.PROVIDER, ingest.PROCESS_JOB)


async def recover_shopee_lost_pushes(ctx: dict[str, Any]) -> int:
    """Pushes Shopee could not deliver while we were down (kept 3 days): fetched every minute."""
    return await ingest.recover_lost_pushes()


JOBS: list[Any] = [process_shopee_delivery]
CRON_JOBS: list[Any] = [
    cron(sweep_shopee_deliveries, second={15, 45}, unique=True, run_at_startup=True),
    cron(recover_shopee_lost_pushes, second={25}, unique=True, run_at_startup=True),
]
