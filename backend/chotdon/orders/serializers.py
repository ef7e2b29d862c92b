"""Build `OrderOut` for one order (events, single GETs) or many at once (lists: 3 queries)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.addresses import structured as structured_addresses
from chotdon.orders.bot_errors import bot_error_code, bot_error_text
from chotdon.orders.models import Order, OrderItem, OrderStatusChange
from chotdon.orders.schemas import OrderDetailOut, OrderItemOut, OrderOut, StatusChangeOut
from chotdon.orders.state_machine import LABELS_VI, allowed_targets, is_editable


def item_out(item: OrderItem) -> OrderItemOut:
    return OrderItemOut(
        id=item.id,
        product_id=item.product_id,
        variant_id=item.variant_id,
        variant_sku=item.variant_sku,
        sku=item.sku,
        name=item.name,
        quantity=item.quantity,
        unit_price=item.unit_price,
        line_total=item.quantity * item.unit_price,
        source_message_id=item.source_message_id,
        keyword=item.keyword,
        needs_variant=bool(item.needs_variant),
    )


def missing_of(order: Order, items: Sequence[OrderItem]) -> list[Any]:
    """What an open order still lacks (nothing once it is closed or over)."""
    if order.status not in ("draft", "confirmed"):
        return []
    missing: list[Any] = []
    if not order.phone:
        missing.append("phone")
    if not (order.address and order.address.strip()):
        missing.append("address")
    if any(i.needs_variant for i in items):
        missing.append("variant")
    return missing


def build_order_out(order: Order, items: Sequence[OrderItem]) -> OrderOut:
    return OrderOut(
        id=order.id,
        code=order.code,
        status=order.status,  # type: ignore[arg-type]
        status_label=LABELS_VI.get(order.status, order.status),
        source=order.source,  # type: ignore[arg-type]
        contact_id=order.contact_id,
        conversation_id=order.conversation_id,
        livestream_id=order.livestream_id,
        channel_id=order.channel_id,
        warehouse_id=order.warehouse_id,
        customer_name=order.customer_name,
        phone=order.phone,
        address=order.address,
        province=order.province,
        district=order.district,
        ward=order.ward,
        structured_address=structured_addresses.out(order),
        items=[item_out(i) for i in items],
        subtotal=order.subtotal,
        shipping_fee=order.shipping_fee,
        discount=order.discount,
        total=order.total,
        cod_amount=order.cod_amount,
        payment_method=order.payment_method,
        carrier=order.carrier,
        weight_grams=order.weight_grams or 0,
        note=order.note,
        cancel_reason=order.cancel_reason,
        bot_status=order.bot_status,
        bot_error=bot_error_text(order.bot_error),
        bot_error_code=bot_error_code(order.bot_error),
        receipt_message_id=order.receipt_message_id,
        created_by_id=order.created_by_id,
        editable=is_editable(order.status),
        allowed_transitions=allowed_targets(order.status),
        missing=missing_of(order, items),
        version=order.version,
        created_at=order.created_at,
        updated_at=order.updated_at,
        confirmed_at=order.confirmed_at,
        closed_at=order.closed_at,
        completed_at=order.completed_at,
        cancelled_at=order.cancelled_at,
    )


async def items_by_order(
    session: AsyncSession, order_ids: Sequence[int]
) -> dict[int, list[OrderItem]]:
    result: dict[int, list[OrderItem]] = {oid: [] for oid in order_ids}
    if not order_ids:
        return result
    rows = await session.execute(
        select(OrderItem).where(OrderItem.order_id.in_(list(order_ids))).order_by(OrderItem.id)
    )
    for item in rows.scalars():
        result[item.order_id].append(item)
    return result


async def risks_of(session: AsyncSession, orders: Sequence[Order]) -> dict[int, str]:
    """Risk badge per order id, from the customers' counters and the blacklist (2 queries)."""
    from chotdon.customers.models import Contact
    from chotdon.customers.risk import risk_level
    from chotdon.customers.service import blacklisted_phones

    if not orders:
        return {}
    contact_ids = {o.contact_id for o in orders if o.contact_id}
    counts: dict[int, tuple[int, int]] = {}
    if contact_ids:
        rows = await session.execute(
            select(
                Contact.id, Contact.completed_orders_count, Contact.cancelled_orders_count
            ).where(Contact.id.in_(contact_ids))
        )
        counts = {cid: (done, cancelled) for cid, done, cancelled in rows.all()}
    listed = await blacklisted_phones(
        session, orders[0].workspace_id, {o.phone for o in orders if o.phone}
    )
    out: dict[int, str] = {}
    for o in orders:
        done, cancelled = counts.get(o.contact_id or 0, (0, 0))
        out[o.id] = risk_level(
            completed=done, cancelled=cancelled, blacklisted=bool(o.phone and o.phone in listed)
        )
    return out


async def orders_out(
    session: AsyncSession,
    orders: Sequence[Order],
    items: dict[int, list[OrderItem]] | None = None,
) -> list[OrderOut]:
    """`items`: the lines per order id when the caller holds them already (a batch)."""
    if items is None:
        items = await items_by_order(session, [o.id for o in orders])
    risks = await risks_of(session, orders)
    outs = []
    for o in orders:
        out = build_order_out(o, items[o.id])
        out.customer_risk = risks.get(o.id)
        outs.append(out)
    return outs


async def order_out(session: AsyncSession, order: Order) -> OrderOut:
    return (await orders_out(session, [order]))[0]


async def order_detail_out(session: AsyncSession, order: Order) -> OrderDetailOut:
    from chotdon.accounts.models import User

    base = await order_out(session, order)
    rows = await session.execute(
        select(OrderStatusChange, User.name)
        .outerjoin(User, User.id == OrderStatusChange.actor_user_id)
        .where(OrderStatusChange.order_id == order.id)
        .order_by(OrderStatusChange.id)
    )
    history = []
    for change, user_name in rows.all():
        out = StatusChangeOut.model_validate(change)
        out.actor_name = user_name
        history.append(out)
    return OrderDetailOut(**base.model_dump(), history=history)


async def order_event(session: AsyncSession, order: Order) -> dict[str, Any]:
    await session.flush()
    return (await order_out(session, order)).model_dump(mode="json")
