"""The order form of a conversation, prefilled from what the customer wrote in the chat."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.addresses import structured as structured_addresses
from chotdon.core.tenant import get_owned
from chotdon.customers import service as customers_service
from chotdon.customers.models import Contact, ContactAddress
from chotdon.customers.risk import risk_level
from chotdon.inbox import repository as inbox_repository
from chotdon.inbox.models import Conversation
from chotdon.orders import service as orders_service
from chotdon.orders import shipping
from chotdon.orders.models import Order
from chotdon.orders.schemas import OrderPrefillOut
from chotdon.orders.serializers import orders_out


async def prefill_for_conversation(
    session: AsyncSession, workspace_id: int, conversation_id: int
) -> OrderPrefillOut:
    conversation = await get_owned(
        session, Conversation, conversation_id, workspace_id, label="Conversation"
    )
    contact = await session.get_one(Contact, conversation.contact_id)
    if contact.merged_into_id:
        contact = await session.get_one(Contact, contact.merged_into_id)
    phones = await customers_service.phones_of(session, contact.id)
    # The number the customer wrote last is the one they want to be called on.
    phones_newest_first = list(reversed(phones))
    addresses = list(
        (
            await session.execute(
                select(ContactAddress)
                .where(ContactAddress.contact_id == contact.id)
                .order_by(ContactAddress.id.desc())
                .limit(10)
            )
        ).scalars()
    )
    last = addresses[0] if addresses else None
    customers_service.read_address_codes(last)  # a chat address is read when first used
    open_order = await orders_service.find_open_order(
        session, workspace_id, contact_id=contact.id, statuses=("draft",)
    )
    recent = list(
        (
            await session.execute(
                select(Order)
                .where(Order.workspace_id == workspace_id, Order.contact_id == contact.id)
                .order_by(Order.id.desc())
                .limit(10)
            )
        ).scalars()
    )
    blacklisted = bool(await customers_service.blacklisted_phones(session, workspace_id, phones))
    fee = None
    if last is not None and last.province:
        quotes = await shipping.estimate(
            session, workspace_id, shipping.ShippingRequest(last.province, 500)
        )
        fee = quotes[0].fee if quotes else None
    recent_out = await orders_out(session, recent)
    open_out = next((o for o in recent_out if open_order and o.id == open_order.id), None)
    if open_order is not None and open_out is None:
        open_out = (await orders_out(session, [open_order]))[0]
    return OrderPrefillOut(
        conversation_id=conversation.id,
        contact_id=contact.id,
        channel_id=conversation.channel_id,
        customer_name=contact.name or None,
        phone=await inbox_repository.conversation_phone(session, contact.id, conversation.id),
        phones=phones_newest_first,
        address=last.text if last else None,
        province=last.province if last else None,
        district=last.district if last else None,
        ward=last.ward if last else None,
        structured_address=structured_addresses.out(last) if last else None,
        addresses=[a.text for a in addresses],
        open_order=open_out,
        recent_orders=recent_out,
        orders_count=contact.orders_count,
        completed_orders_count=contact.completed_orders_count,
        cancelled_orders_count=contact.cancelled_orders_count,
        risk=risk_level(
            completed=contact.completed_orders_count,
            cancelled=contact.cancelled_orders_count,
            blacklisted=blacklisted,
        ),
        blacklisted=blacklisted,
        shipping_fee=fee,
    )
