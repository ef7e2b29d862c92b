"""Order stories that start in the inbox (automatic draft orders from phone numbers)."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.models import Channel
from chotdon.core import locks
from chotdon.core.errors import AppError
from chotdon.customers import service as customers_service
from chotdon.customers.addresses import FoundAddress, find_address
from chotdon.customers.models import Contact
from chotdon.customers.phones import find_phones
from chotdon.inbox.models import Conversation, Message
from chotdon.orders import service as orders_service
from chotdon.orders.models import Order

log = logging.getLogger(__name__)


async def on_incoming_message(
    session: AsyncSession,
    channel: Channel,
    conversation: Conversation,
    contact: Contact,
    message: Message,
) -> None:
    """Called in the ingestion transaction for every new customer message.

    Remembers an address the customer wrote (prefill of the order form). With the channel
    setting `auto_draft_orders` on (and a default warehouse), a customer who writes a valid
    phone number gets one open draft order (source chat_auto).
    """
    found = find_address(message.text)
    if found is not None:
        await customers_service.remember_chat_address(session, contact, found, message.id)
    auto = bool((channel.settings or {}).get("auto_draft_orders"))
    if auto:
        phones = [p.e164 for p in find_phones(message.text)]
        if phones:
            await create_auto_draft(session, channel, conversation, contact, phones[0])
    if found is not None or auto:  # no extra query per message for shops without drafts
        await _complete_open_draft(session, contact, found)


async def create_auto_draft(
    session: AsyncSession,
    channel: Channel,
    conversation: Conversation,
    contact: Contact,
    phone: str,
) -> Order | None:
    """One open draft per customer: skipped for a blocked or blacklisted customer, when the
    customer already has a draft, or when the workspace has no default warehouse."""
    if contact.blocked:
        return None
    if await customers_service.blacklisted_phones(session, contact.workspace_id, [phone]):
        return None
    warehouse_id = await orders_service.default_warehouse_id(session, contact.workspace_id)
    if warehouse_id is None:
        log.info("auto draft skipped: workspace %s has no default warehouse", contact.workspace_id)
        return None
    await locks.lock(session, "auto_draft", contact.id)
    if await orders_service.find_open_order(
        session, contact.workspace_id, contact_id=contact.id, statuses=("draft",)
    ):
        return None
    address = await customers_service.latest_address(session, contact.id)
    try:
        return await orders_service.create_order(
            session,
            contact.workspace_id,
            source="chat_auto",
            contact_id=contact.id,
            conversation_id=conversation.id,
            channel_id=channel.id,
            warehouse_id=warehouse_id,
            customer_name=contact.name or None,
            phone=phone,
            address=address.text if address else None,
            province=address.province if address else None,
            district=address.district if address else None,
            ward=address.ward if address else None,
            structured=customers_service.read_address_codes(address),
        )
    except AppError as exc:  # never fail ingestion because of an automatic draft
        log.info("auto draft skipped for contact %s: %s", contact.id, exc.message)
        return None


async def _complete_open_draft(
    session: AsyncSession, contact: Contact, found: FoundAddress | None
) -> None:
    """An automatic draft missing the address (or the name, known only once the profile was
    fetched) gets what the customer has told us since."""
    draft = await orders_service.find_open_order(
        session,
        contact.workspace_id,
        contact_id=contact.id,
        source="chat_auto",
        statuses=("draft",),
    )
    if draft is None:
        return
    values: dict[str, str | None] = {}
    if found is not None and not draft.address:
        values.update(
            address=found.text, province=found.province, district=found.district, ward=found.ward
        )
    if not draft.customer_name and contact.name:
        values["customer_name"] = contact.name
    if values:
        await orders_service.update_order(
            session, draft, orders_service.OrderChanges(values=values)
        )
