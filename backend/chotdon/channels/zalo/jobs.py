"""arq jobs of the Zalo OA channel (the contract jobs are in `channels/jobs.py`)."""

from __future__ import annotations

from typing import Any

from arq import cron

from chotdon.channels import webhooks
from chotdon.channels.zalo import ingest, profiles


async def process_zalo_delivery(ctx: dict[str, Any], delivery_id: int) -> str:
    return await ingest.process_delivery(delivery_id)


async def fetch_zalo_profile(ctx: dict[str, Any], channel_id: int, user_id: str) -> str:
    return await profiles.fetch_profile(channel_id, user_id)


async def sweep_zalo_deliveries(ctx: dict[str, Any]) -> int:
    return await webhooks.sweep(ingest.PROVIDER, ingest.PROCESS_JOB)


JOBS: list[Any] = [process_zalo_delivery, fetch_zalo_profile]
CRON_JOBS: list[Any] = [
    cron(sweep_zalo_deliveries, second={20, 50}, unique=True, run_at_startup=True),
]
