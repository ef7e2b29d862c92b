"""The order service API other domains call (livestream jobs, automatic drafts)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from chotdon.core.db import unit_of_work
from chotdon.core.errors import Conflict, NotFound, ValidationFailed
from chotdon.customers.models import Contact
from chotdon.orders import service
from chotdon.orders.models import Order, OrderStatusChange, Product
from chotdon.orders.service import Actor, ItemSpec

from .helpers import customer_says, make_channel, make_product


async def test_create_add_remove_transition(tenant):
    ws = tenant.workspace_id
    channel_id = await make_channel(ws)
    rec = await customer_says(channel_id, "Chốt em 2 áo nhé")
    product_id, _ = await make_product(ws, price=150_000, stock=5)
    async with unit_of_work() as session:
        order = await service.create_order(
            session,
            ws,
            source="livestream",
            conversation_id=rec.conversation.id,
            phone="0912.345.678",
            items=[
                ItemSpec(product_id, quantity=2, source_message_id=rec.message.id, keyword="A1")
            ],
            shipping_fee=30_000,
        )
        assert order.code.startswith("DH") and len(order.code) == 8
        assert order.phone == "+84912345678"
        assert (order.subtotal, order.total, order.cod_amount) == (300_000, 330_000, 330_000)
        assert order.contact_id == rec.conversation.contact_id
        await service.add_items(session, order, [ItemSpec(product_id, quantity=1)], merge=True)
        assert order.subtotal == 450_000
        order_id = order.id
    async with unit_of_work() as session:
        order = await service.get_order(session, ws, order_id)
        [line] = await service.items_of(session, order_id)
        assert line.quantity == 3
        await service.transition(session, ws, order_id, "confirmed", actor=Actor("bot"))
    async with unit_of_work() as session:
        product = await session.get_one(Product, product_id)
        assert product.reserved == 3
        order = await service.get_order(session, ws, order_id)
        removed = await service.remove_items_for_message(session, order, rec.message.id)
        assert removed == 1 and order.total == 30_000
    async with unit_of_work() as session:
        product = await session.get_one(Product, product_id)
        assert product.reserved == 0
        contact = await session.get_one(Contact, rec.conversation.contact_id)
        assert contact.orders_count == 1
        history = (
            await session.execute(
                select(OrderStatusChange.to_status, OrderStatusChange.actor_type)
                .where(OrderStatusChange.order_id == order_id)
                .order_by(OrderStatusChange.id)
            )
        ).all()
        assert [tuple(h) for h in history] == [("draft", "system"), ("confirmed", "bot")]


async def test_codes_are_sequential_per_workspace(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    codes = []
    for t in (a, a, b):
        async with unit_of_work() as session:
            order = await service.create_order(session, t.workspace_id)
            codes.append(order.code)
    assert codes == ["DH000001", "DH000002", "DH000001"]


async def test_bad_items_change_nothing(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    foreign_id, _ = await make_product(b.workspace_id)
    own_id, variant_ids = await make_product(a.workspace_id, variants=[("M", 100, 1)])
    cases = [
        ([ItemSpec(foreign_id)], NotFound),
        ([ItemSpec(10**12)], NotFound),
        ([ItemSpec(own_id, variant_id=variant_ids[0], quantity=-1)], ValidationFailed),
        ([ItemSpec(own_id, variant_id=variant_ids[0], unit_price=10**17)], ValidationFailed),
        ([ItemSpec(own_id)], ValidationFailed),  # a product with variants needs one
    ]
    for items, error in cases:
        with pytest.raises(error):
            async with unit_of_work() as session:
                await service.create_order(session, a.workspace_id, items=items)
    async with unit_of_work() as session:
        count = (
            await session.execute(select(Order).where(Order.workspace_id == a.workspace_id))
        ).all()
        assert count == []


async def test_one_open_order_per_customer_per_livestream_is_a_conflict(tenant):
    """The livestream job relies on this: Conflict(open_order_exists), then find_open_order."""
    ws = tenant.workspace_id
    channel_id = await make_channel(ws)
    rec = await customer_says(channel_id, "A1 0912345678")
    async with unit_of_work() as session:
        from chotdon.livestream.models import Livestream

        live = Livestream(workspace_id=ws, channel_id=channel_id, title="Live tối nay")
        session.add(live)
        await session.flush()
        live_id = live.id
        first = await service.create_order(
            session,
            ws,
            source="livestream",
            livestream_id=live_id,
            contact_id=rec.conversation.contact_id,
        )
        with pytest.raises(Conflict) as info:
            await service.create_order(
                session,
                ws,
                source="livestream",
                livestream_id=live_id,
                contact_id=rec.conversation.contact_id,
            )
        assert info.value.code == "open_order_exists"
        found = await service.find_open_order(
            session, ws, contact_id=rec.conversation.contact_id, livestream_id=live_id
        )
        assert found.id == first.id
