"""Customers: one contact per person per channel identity, with phones and addresses."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.events import Person
from chotdon.channels.models import Channel
from chotdon.core import locks
from chotdon.core.text import search_document
from chotdon.customers.addresses import FoundAddress
from chotdon.customers.models import (
    Contact,
    ContactAddress,
    ContactIdentity,
    ContactPhone,
    PhoneBlacklist,
)
from chotdon.customers.phones import FoundPhone


async def ensure_contact(
    session: AsyncSession, channel: Channel, person: Person
) -> tuple[Contact, ContactIdentity, bool]:
    """The contact behind `person` on `channel`, created on first sight. Safe under races."""
    identity = await _find_identity(session, channel.id, person.external_id)
    if identity is None:
        await locks.lock(session, "contact_identity", f"{channel.id}:{person.external_id}")
        identity = await _find_identity(session, channel.id, person.external_id)
    created = False
    if identity is None:
        contact = Contact(
            workspace_id=channel.workspace_id,
            name=person.name or "",
            picture_url=person.picture_url,
            search_text=search_document(person.name),
        )
        session.add(contact)
        await session.flush()
        identity = ContactIdentity(
            workspace_id=channel.workspace_id,
            contact_id=contact.id,
            channel_id=channel.id,
            external_id=person.external_id,
            name=person.name,
            picture_url=person.picture_url,
        )
        session.add(identity)
        await session.flush()
        created = True
    else:
        contact = await session.get_one(Contact, identity.contact_id)
        if contact.merged_into_id:
            contact = await session.get_one(Contact, contact.merged_into_id)
        if person.name and not contact.name:
            contact.name = person.name
            identity.name = person.name
            await refresh_search_text(session, contact)
        if person.picture_url and not contact.picture_url:
            contact.picture_url = person.picture_url
    return contact, identity, created


async def _find_identity(
    session: AsyncSession, channel_id: int, external_id: str
) -> ContactIdentity | None:
    stmt = select(ContactIdentity).where(
        ContactIdentity.channel_id == channel_id, ContactIdentity.external_id == external_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def add_phones(
    session: AsyncSession,
    contact: Contact,
    phones: Iterable[FoundPhone],
    source_message_id: int | None = None,
) -> list[str]:
    """Attach phone numbers found in a chat; return the ones that were new for this contact."""
    added: list[str] = []
    for phone in phones:
        result = await session.execute(
            insert(ContactPhone)
            .values(
                workspace_id=contact.workspace_id,
                contact_id=contact.id,
                phone=phone.e164,
                raw=phone.raw[:64],
                source_message_id=source_message_id,
                created_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing(index_elements=["contact_id", "phone"])
            .returning(ContactPhone.id)
        )
        if result.scalar_one_or_none() is not None:
            added.append(phone.e164)
    if added:
        if not contact.primary_phone:
            contact.primary_phone = added[0]
        await refresh_search_text(session, contact)
    return added


async def phones_of(session: AsyncSession, contact_id: int) -> list[str]:
    stmt = (
        select(ContactPhone.phone)
        .where(ContactPhone.contact_id == contact_id)
        .order_by(ContactPhone.id)
    )
    return list((await session.execute(stmt)).scalars())


async def refresh_search_text(session: AsyncSession, contact: Contact) -> None:
    """Folded name + phones in every format staff type them (0912..., 84912..., +84912...)."""
    phones = await phones_of(session, contact.id)
    variants = [
        v for p in phones for v in (p, p.lstrip("+"), "0" + p[3:] if p.startswith("+84") else p)
    ]
    contact.search_text = search_document(contact.name, *variants)


async def refresh_order_counters(session: AsyncSession, contact_id: int) -> None:
    """Recount the customer's orders from the orders table (one query, never drifts).

    "bùng đơn" (`cancelled_orders_count`) = cancelled orders, except automatic drafts that were
    never confirmed: those were the system's guess, not the customer's order, and they count
    nowhere.
    """
    from chotdon.orders.models import Order

    guess = and_(
        Order.source == "chat_auto", Order.status == "cancelled", Order.confirmed_at.is_(None)
    )
    counted = ~guess
    row = (
        await session.execute(
            select(
                func.count().filter(counted),
                func.count().filter(Order.status == "completed"),
                func.count().filter(and_(Order.status == "cancelled", counted)),
                func.coalesce(func.sum(Order.total).filter(Order.status == "completed"), 0),
            ).where(Order.contact_id == contact_id)
        )
    ).one()
    contact = await session.get(Contact, contact_id)
    if contact is None:
        return
    contact.orders_count = int(row[0])
    contact.completed_orders_count = int(row[1])
    contact.cancelled_orders_count = int(row[2])
    contact.total_spent = int(row[3])


async def add_address(
    session: AsyncSession,
    contact: Contact,
    found: FoundAddress,
    source_message_id: int | None = None,
) -> ContactAddress | None:
    """Remember an address found in a chat (once per distinct text); return it if new."""
    folded = search_document(found.text)
    existing = (
        await session.execute(select(ContactAddress).where(ContactAddress.contact_id == contact.id))
    ).scalars()
    if any(search_document(a.text) == folded for a in existing):
        return None
    address = ContactAddress(
        workspace_id=contact.workspace_id,
        contact_id=contact.id,
        text=found.text,
        province=found.province,
        district=found.district,
        ward=found.ward,
        source_message_id=source_message_id,
    )
    session.add(address)
    await session.flush()
    return address


async def latest_address(session: AsyncSession, contact_id: int) -> ContactAddress | None:
    stmt = (
        select(ContactAddress)
        .where(ContactAddress.contact_id == contact_id)
        .order_by(ContactAddress.id.desc())
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def blacklisted_phones(
    session: AsyncSession, workspace_id: int, phones: Iterable[str]
) -> set[str]:
    """Which of `phones` (E.164) are on the workspace's blacklist."""
    phones = [p for p in phones if p]
    if not phones:
        return set()
    rows = await session.execute(
        select(PhoneBlacklist.phone).where(
            PhoneBlacklist.workspace_id == workspace_id, PhoneBlacklist.phone.in_(phones)
        )
    )
    return set(rows.scalars())
