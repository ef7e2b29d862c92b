"""arq jobs of the Facebook channel: thin functions that take ids and call the service.

`JOBS` and `CRON_JOBS` are collected by `chotdon.worker.WorkerSettings`. The contract jobs
(`send_message`, `comment_action`, `sync_*`, `unsubscribe_channel`) live in `channels/jobs.py`
and reach Facebook through `channels.facebook.provider`.
"""

from __future__ import annotations

from typing import Any

from arq import cron
from sqlalchemy import select

from chotdon.channels.facebook import ingest, labels, service
from chotdon.channels.facebook.graph import GraphError, get_graph
from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work


def _try(ctx: dict[str, Any]) -> int:
    return int(ctx.get("job_try") or 1)


async def process_facebook_delivery(
    ctx: dict[str, Any], delivery_id: int, group: list[int] | None = None
) -> str:
    """Ingest a stored delivery (and `group`, the deliveries stored with it)."""
    first_job = ctx.get("job_id") == ingest.job_id(delivery_id) and _try(ctx) == 1
    outcome = await ingest.process_delivery(delivery_id, first_job=first_job)
    if group:
        await ingest.follow_up(group)
    return outcome


async def replay_facebook_deliveries(ctx: dict[str, Any], page_id: str) -> int:
    return await ingest.replay_kept_deliveries(page_id)


async def fetch_facebook_profile(ctx: dict[str, Any], channel_id: int, psid: str) -> None:
    await service.fetch_profile(channel_id, psid)


async def sync_labels(ctx: dict[str, Any], channel_id: int, with_assignments: bool = False) -> Any:
    return await labels.sync_page_labels(channel_id, with_assignments=with_assignments)


async def unsubscribe(channel_id: int) -> str:
    """After a staff disconnect: stop Facebook sending us this page's webhooks (best effort)."""
    async with unit_of_work() as session:
        channel = await session.get(Channel, channel_id)
        if channel is None or channel.status != "disconnected":
            return "skip"
        try:
            token = service.page_token(channel)
        except (GraphError, ValueError):
            return "no-token"
        page_id = channel.external_id
    try:
        await get_graph().delete(f"{page_id}/subscribed_apps", token)
    except GraphError as exc:
        return f"failed: {exc}"
    return "unsubscribed"


async def sweep_facebook_deliveries(ctx: dict[str, Any]) -> int:
    return await ingest.sweep_pending()


async def refresh_all_labels(ctx: dict[str, Any]) -> int:
    """Labels created / renamed / deleted in Facebook have no webhook: poll them."""
    async with unit_of_work() as session:
        ids = list(
            (
                await session.execute(
                    select(Channel.id).where(
                        Channel.provider == "facebook",
                        Channel.status == "connected",
                        Channel.settings["label_sync"].astext == "true",
                    )
                )
            ).scalars()
        )
    for channel_id in ids:
        await labels.sync_page_labels(channel_id, with_assignments=False)
    return len(ids)


JOBS: list[Any] = [
    process_facebook_delivery,
    replay_facebook_deliveries,
    fetch_facebook_profile,
    sync_labels,
]
CRON_JOBS: list[Any] = [
    cron(sweep_facebook_deliveries, second={5, 35}, unique=True, run_at_startup=True),
    cron(refresh_all_labels, minute={0, 15, 30, 45}, second={40}, unique=True),
]
