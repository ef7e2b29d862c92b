"""Jobs of the outbox and outgoing webhooks (collected by `chotdon.worker`).

- `drain_outbox`: enqueued on the outbox queue (`OUTBOX_JOBS`,
  `chotdon.worker.OutboxWorkerSettings`) after every commit that wrote durable events; hands
  them to the consumers below, in this order, in the transaction that marks them processed.
  Also on the main queue, for drains enqueued there by an earlier version.
- `deliver_webhooks(subscription_id)`: one endpoint's runner (`integrations/delivery.py`), on
  the webhooks queue (`DELIVERY_JOBS`, `chotdon.worker.WebhookWorkerSettings`).
- crons: drain and sweep every minute (enqueues lost while Redis was down, worker restarts),
  prune processed outbox rows daily.
"""

from __future__ import annotations

from typing import Any

from arq import cron

from chotdon.core import outbox
from chotdon.integrations import delivery


def _consumers() -> list[outbox.Consumer]:
    from chotdon.automations.flows import on_events as automations_on_events
    from chotdon.integrations.service import fan_out

    return [automations_on_events, fan_out]


async def drain_outbox(ctx: dict[str, Any]) -> int:
    return await outbox.drain(_consumers())


async def deliver_webhooks(ctx: dict[str, Any], subscription_id: int) -> int:
    return await delivery.run_endpoint(subscription_id)


async def sweep_outbox(ctx: dict[str, Any]) -> int:
    drained = await outbox.drain(_consumers())
    await delivery.sweep()
    return drained


async def prune_outbox(ctx: dict[str, Any]) -> int:
    return await outbox.prune()


JOBS: list[Any] = [drain_outbox, sweep_outbox, prune_outbox]
DELIVERY_JOBS: list[Any] = [deliver_webhooks]
OUTBOX_JOBS: list[Any] = [drain_outbox]
CRON_JOBS: list[Any] = [
    cron(sweep_outbox, second={7}, run_at_startup=True, unique=True),
    cron(prune_outbox, hour={3}, minute={17}, second={0}, unique=True),
]
