"""arq jobs of the Lazada channel (the contract jobs are in `channels/jobs.py`)."""

from __future__ import annotations

from typing import Any

from arq import cron

from chotdon.channels import webhooks
from chotdon.channels.lazada import ingest


async def process_lazada_delivery(ctx: dict[str, Any], delivery_id: int) -> str:
    return await ingest.process_delivery(delivery_id)


async def sweep_lazada_deliveries(ctx: dict[str, Any]) -> int:
    return await webhooks.sweep(ingest.PROVIDER, ingest.PROCESS_JOB)


JOBS: list[Any] = [process_lazada_delivery]
CRON_JOBS: list[Any] = [
    cron(sweep_lazada_deliveries, second={20, 50}, unique=True, run_at_startup=True),
]
