"""arq jobs of the TikTok Shop channel (the contract jobs are in `channels/jobs.py`)."""

from __future__ import annotations

from typing import Any

from arq import cron

from chotdon.channels import webhooks
from chotdon.channels.tiktok import ingest


async def process_tiktok_delivery(ctx: dict[str, Any], delivery_id: int) -> str:
    return await ingest.process_delivery(delivery_id)


async def sweep_tiktok_deliveries(ctx: dict[str, Any]) -> int:
    return await webhooks.sweep(ingest.PROVIDER, ingest.PROCESS_JOB)


JOBS: list[Any] = [process_tiktok_delivery]
CRON_JOBS: list[Any] = [
    cron(sweep_tiktok_deliveries, second={20, 50}, unique=True, run_at_startup=True),
]
