"""arq jobs of shipping: apply stored webhooks, book in bulk, poll carriers that can be polled.

`JOBS` and `CRON_JOBS` are collected by `chotdon.worker.WorkerSettings`.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from arq import cron
from sqlalchemy import select

from chotdon.addresses import structured as structured_addresses
from chotdon.core.after_commit import enqueue_job
from chotdon.core.db import unit_of_work
from chotdon.core.errors import AppError
from chotdon.core.redis import get_redis
from chotdon.orders.models import Order
from chotdon.shipping import flows, registry, service, unitmap
from chotdon.shipping.carrier import FINAL_STATUSES, CarrierError
from chotdon.shipping.models import CarrierAccount, CarrierWebhook, Shipment
from chotdon.shipping.webhooks import PROCESS_JOB, decode_body

log = logging.getLogger(__name__)
SWEEP_AFTER = timedelta(seconds=30)
POLL_AFTER = timedelta(minutes=30)


async def process_carrier_webhook(ctx: dict[str, Any], webhook_id: int) -> str:
    """Apply one stored webhook; its `processed_at` is set in the same transaction (once)."""
    async with unit_of_work() as session:
        row = (
            await session.execute(
                select(CarrierWebhook)
                .where(CarrierWebhook.id == webhook_id, CarrierWebhook.processed_at.is_(None))
                .with_for_update(skip_locked=True)
            )
        ).scalar_one_or_none()
        if row is None:
            return "done"
        row.processed_at = datetime.now(UTC)
        data = decode_body(row.content_type, row.body)
        update = registry.WEBHOOK_PARSERS[row.carrier](data) if data else None
        if update is None:
            return "unreadable"
        shipment = (
            await session.execute(
                select(Shipment)
                .where(
                    Shipment.workspace_id == row.workspace_id,
                    Shipment.carrier == row.carrier,
                    Shipment.tracking_code == update.tracking_code,
                )
                .with_for_update()
            )
        ).scalar_one_or_none()
        if shipment is None:
            return "unknown shipment"
        return "applied" if await flows.apply_update(session, shipment, update) else "duplicate"


async def sweep_carrier_webhooks(ctx: dict[str, Any]) -> int:
    """Re-enqueue stored webhooks whose job was lost (Redis or a worker died)."""
    cutoff = datetime.now(UTC) - SWEEP_AFTER
    async with unit_of_work() as session:
        ids = list(
            (
                await session.scalars(
                    select(CarrierWebhook.id)
                    .where(
                        CarrierWebhook.processed_at.is_(None), CarrierWebhook.created_at < cutoff
                    )
                    .order_by(CarrierWebhook.id)
                    .limit(500)
                )
            ).all()
        )
        for webhook_id in ids:
            enqueue_job(session, PROCESS_JOB, webhook_id, job_id=f"carrierwh:{webhook_id}:sweep")
    return len(ids)


async def book_shipment(
    ctx: dict[str, Any],
    workspace_id: int,
    order_id: int,
    carrier: str,
    service_id: str | None = None,
) -> str:
    """One order of a bulk booking (jobs queued before `book_shipments`); safe to run twice."""
    try:
        async with unit_of_work() as session:
            _, created = await service.book(session, workspace_id, order_id, carrier, service_id)
    except AppError as exc:
        log.warning("bulk booking of order %s with %s failed: %s", order_id, carrier, exc.message)
        return f"failed: {exc.code}"
    return "booked" if created else "already booked"


BULK_CHUNK = 50  # orders per job of a bulk booking
CARRIER_CALLS_AT_ONCE = 12  # bookings in flight per carrier in one worker process
_carrier_gates: dict[str, asyncio.Semaphore] = {}


async def book_shipments(
    ctx: dict[str, Any],
    workspace_id: int,
    order_ids: list[int],
    carrier: str,
    service_id: str | None = None,
) -> dict[str, int]:
    """A chunk of a bulk booking. Each order is booked once (safe to run twice: `service.book`
    finds the live shipment or adopts the carrier's booking under our reference), in its own
    transaction (one failing order fails alone), at most `CARRIER_CALLS_AT_ONCE` per carrier
    at a time in this process; the account, its credentials and pickup are read once."""
    try:
        async with unit_of_work() as session:
            account = await service.enabled_account(session, workspace_id, carrier)
            sender = await service.sender_of(session, account)
    except AppError as exc:
        log.warning("bulk booking with %s failed: %s", carrier, exc.message)
        return {f"failed: {exc.code}": len(order_ids)}
    gate = _carrier_gates.setdefault(carrier, asyncio.Semaphore(CARRIER_CALLS_AT_ONCE))

    async def one(order_id: int) -> str:
        async with gate:
            try:
                async with unit_of_work() as session:
                    _, created = await service.book(
                        session, workspace_id, order_id, carrier, service_id, sender=sender
                    )
            except AppError as exc:
                log.warning("bulk booking of order %s with %s failed: %s", order_id, carrier, exc)
                return f"failed: {exc.code}"
        return "booked" if created else "already booked"

    outcomes: dict[str, int] = {}
    for outcome in await asyncio.gather(*(one(i) for i in order_ids)):
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


async def poll_shipments(ctx: dict[str, Any], workspace_id: int | None = None) -> int:
    """Read back live shipments whose webhook may have been lost (every carrier)."""
    cutoff = datetime.now(UTC) - POLL_AFTER if workspace_id is None else datetime.now(UTC)
    async with unit_of_work() as session:
        stmt = select(Shipment.id).where(
            Shipment.status.not_in(FINAL_STATUSES),
            Shipment.status_at <= cutoff,
        )
        if workspace_id is not None:
            stmt = stmt.where(Shipment.workspace_id == workspace_id)
        ids = list((await session.scalars(stmt.order_by(Shipment.id).limit(200))).all())
    for shipment_id in ids:
        async with unit_of_work() as session:
            shipment = await session.get(Shipment, shipment_id, with_for_update=True)
            if shipment is None:
                continue
            account = await service.get_account(session, shipment.workspace_id, shipment.carrier)
            if account is None:
                continue
            try:
                updates = await service.client_of(account).track(shipment.tracking_code)
            except CarrierError as exc:
                log.warning(
                    "polling %s %s: %s", shipment.carrier, shipment.tracking_code, exc.message
                )
                continue
            for update in sorted(updates, key=lambda u: u.happened_at):
                await flows.apply_update(session, shipment, update)
    return len(ids)


async def poll_all_shipments(ctx: dict[str, Any]) -> int:
    return await poll_shipments(ctx)


async def refresh_carrier_wards(ctx: dict[str, Any], limit: int = 40) -> int:
    """Read again the carriers' master data of provinces read more than a week ago (carriers
    renumber merged units); each with the credentials of a workspace that has the carrier
    enabled (master data is the same for every shop). How many provinces were read."""
    read = 0
    clients: dict[str, Any] = {}
    for carrier, scheme, province_code in await unitmap.stale_provinces(limit):
        if carrier not in clients:
            async with unit_of_work() as session:
                account = await session.scalar(
                    select(CarrierAccount)
                    .where(
                        CarrierAccount.carrier == carrier,
                        CarrierAccount.enabled.is_(True),
                        CarrierAccount.credentials_encrypted.is_not(None),
                    )
                    .order_by(CarrierAccount.id)
                    .limit(1)
                )
            clients[carrier] = service.client_of(account) if account else None
        client = clients[carrier]
        if client is None or getattr(client, "id_scheme", None) != scheme:
            continue
        try:
            await unitmap.sync_province(client, province_code)
        except CarrierError as exc:
            log.warning("refreshing %s units of province %s: %s", carrier, province_code, exc)
            continue
        read += 1
    return read


ORDER_ADDRESS_CURSOR = "shipping:order-address-cursor"


async def read_order_addresses(ctx: dict[str, Any], batch: int = 100, batches: int = 10) -> int:
    """Orders saved before addresses had codes (migration 0017) get the codes of their text,
    read once, so shipping uses codes for every order: a few batches per run, each its own
    transaction; the last order id done is kept in Redis, so a run goes on where the last
    stopped (an order whose text names no province is read once and left as it is)."""
    redis = get_redis()
    done = 0
    for _ in range(batches):
        after = int(await redis.get(ORDER_ADDRESS_CURSOR) or 0)
        async with unit_of_work() as session:
            orders = (
                await session.scalars(
                    select(Order)
                    .where(Order.id > after, Order.address_scheme.is_(None))
                    .order_by(Order.id)
                    .limit(batch)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            for i, order in enumerate(orders):
                if i % 20 == 19:
                    await asyncio.sleep(0)  # parsing is CPU: let the worker's other jobs run
                if order.address or order.province:
                    parsed = structured_addresses.read(service.order_address_text(order))
                    if parsed is not None:
                        structured_addresses.store(order, parsed)
                        done += 1
        if not orders:
            break
        await redis.set(ORDER_ADDRESS_CURSOR, orders[-1].id)
    return done


JOBS: list[Any] = [
    process_carrier_webhook,
    book_shipment,
    book_shipments,
    poll_shipments,
    refresh_carrier_wards,
    read_order_addresses,
]
CRON_JOBS: list[Any] = [
    cron(read_order_addresses, minute=set(range(3, 60, 10)), second={30}, unique=True),
    # Daily at 03:20 Vietnam time; each province is read again once it is a week old.
    cron(refresh_carrier_wards, hour={20}, minute={20}, second={0}, unique=True),
    cron(sweep_carrier_webhooks, second={15, 45}, unique=True, run_at_startup=True),
    cron(poll_all_shipments, minute=set(range(0, 60, 10)), second={50}, unique=True),
]
