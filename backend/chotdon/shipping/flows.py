"""A carrier's status update applied to a shipment and its order.

Idempotent and order-insensitive: an event already recorded changes nothing, and an event
older than the shipment's current status is recorded in the history without moving it back.
Delivered → the order is completed; returned → the order is cancelled with reason "returned"
(counted in the customer's "bùng" figures).
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.after_commit import emit_event
from chotdon.core.errors import AppError
from chotdon.orders import service as orders_service
from chotdon.orders.models import Order
from chotdon.shipping.carrier import STATUS_LABELS_VI, StatusUpdate
from chotdon.shipping.models import Shipment, ShipmentEvent

log = logging.getLogger(__name__)

ORDER_EFFECTS = {"delivered": ("completed", None), "returned": ("cancelled", "returned")}


async def apply_update(session: AsyncSession, shipment: Shipment, update: StatusUpdate) -> bool:
    """Record `update`; move the shipment (and order) if it is new and not older. True if new."""
    inserted = await session.execute(
        insert(ShipmentEvent)
        .values(
            workspace_id=shipment.workspace_id,
            shipment_id=shipment.id,
            carrier_status=update.carrier_status,
            status=update.status,
            label=update.label[:500],
            reason=update.reason[:2000] or None,
            happened_at=update.happened_at,
        )
        .on_conflict_do_nothing()
        .returning(ShipmentEvent.id)
    )
    if inserted.scalar_one_or_none() is None:
        return False  # a duplicate delivery
    if update.status is None or update.happened_at < shipment.status_at:
        return True  # history only: unknown status or arrived out of order
    previous = shipment.status
    shipment.status = update.status
    shipment.carrier_status = update.carrier_status
    shipment.status_label = update.label or STATUS_LABELS_VI[update.status]
    shipment.status_at = update.happened_at
    await session.flush()
    if update.status != previous and update.status in ORDER_EFFECTS:
        await _apply_to_order(session, shipment, *ORDER_EFFECTS[update.status])
    from chotdon.shipping.service import shipment_data

    emit_event(session, shipment.workspace_id, "shipment.updated", shipment_data(shipment))
    return True


async def _apply_to_order(
    session: AsyncSession, shipment: Shipment, to: str, reason: str | None
) -> None:
    status = await session.scalar(select(Order.status).where(Order.id == shipment.order_id))
    if status != "closed":
        return  # staff already finished the order by hand
    try:
        async with session.begin_nested():
            await orders_service.transition(
                session, shipment.workspace_id, shipment.order_id, to, reason=reason
            )
    except AppError as exc:
        log.warning(
            "shipment %s: order %s not moved to %s: %s", shipment.id, shipment.order_id, to, exc
        )
