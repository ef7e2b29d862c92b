"""Customers: one contact per person per channel identity, with phones and addresses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.addresses import structured as structured_addresses
from chotdon.addresses.parser import ParsedAddress
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
    return (await ensure_contacts(session, channel, [person]))[person.external_id]


async def ensure_contacts(
    session: AsyncSession, channel: Channel, persons: Sequence[Person]
) -> dict[str, tuple[Contact, ContactIdentity, bool]]:
    """`ensure_contact` for many people at once (a batch of webhooks): a few statements in all.

    Returns (contact, identity, created) by the person's external id. New identities are
    created under advisory locks taken in a fixed order, so concurrent batches neither
    duplicate a customer nor deadlock each other."""
    by_id: dict[str, Person] = {}
    for person in persons:
        known = by_id.get(person.external_id)
        if known is None or (person.name and not known.name):
            by_id[person.external_id] = person
    identities = await _find_identities(session, channel.id, list(by_id))
    missing = sorted(set(by_id) - set(identities))
    if missing:
        await locks.lock_many(session, "contact_identity", [f"{channel.id}:{m}" for m in missing])
        identities.update(await _find_identities(session, channel.id, missing))
    out: dict[str, tuple[Contact, ContactIdentity, bool]] = {}
    contacts = await _load_contacts(session, [i.contact_id for i in identities.values()])
    for external_id, identity in identities.items():
        contact = contacts[identity.contact_id]
        person = by_id[external_id]
        if person.name and not contact.name:
            contact.name = person.name
            identity.name = person.name
            await refresh_search_text(session, contact)
        if person.picture_url and not contact.picture_url:
            contact.picture_url = person.picture_url
        out[external_id] = (contact, identity, False)
    new = [by_id[m] for m in missing if m not in identities]
    if new:
        created = [
            Contact(
                workspace_id=channel.workspace_id,
                name=person.name or "",
                picture_url=person.picture_url,
                search_text=search_document(person.name),
            )
            for person in new
        ]
        session.add_all(created)
        await session.flush()  # one multi-row INSERT ... RETURNING id
        new_identities = [
            ContactIdentity(
                workspace_id=channel.workspace_id,
                contact_id=contact.id,
                channel_id=channel.id,
                external_id=person.external_id,
                name=person.name,
                picture_url=person.picture_url,
            )
            for person, contact in zip(new, created, strict=True)
        ]
        session.add_all(new_identities)
        await session.flush()
        for person, contact, identity in zip(new, created, new_identities, strict=True):
            out[person.external_id] = (contact, identity, True)
    return out


async def _find_identities(
    session: AsyncSession, channel_id: int, external_ids: list[str]
) -> dict[str, ContactIdentity]:
    if not external_ids:
        return {}
    stmt = select(ContactIdentity).where(
        ContactIdentity.channel_id == channel_id, ContactIdentity.external_id.in_(external_ids)
    )
    return {i.external_id: i for i in (await session.execute(stmt)).scalars()}


async def _load_contacts(session: AsyncSession, ids: list[int]) -> dict[int, Contact]:
    """Contacts by id; a merged-away contact stands for the one it was merged into."""
    if not ids:
        return {}
    rows = {
        c.id: c
        for c in (await session.execute(select(Contact).where(Contact.id.in_(ids)))).scalars()
    }
    merged = {c.merged_into_id for c in rows.values() if c.merged_into_id} - set(rows)
    if merged:
        stmt = select(Contact).where(Contact.id.in_(merged))
        rows.update({c.id: c for c in (await session.execute(stmt)).scalars()})
    out: dict[int, Contact] = {}
    for contact_id in ids:
        contact = rows[contact_id]
        out[contact_id] = rows[contact.merged_into_id] if contact.merged_into_id else contact
    return out


async def add_phones(
    session: AsyncSession,
    contact: Contact,
    phones: Iterable[FoundPhone],
    source_message_id: int | None = None,
) -> list[str]:
    """Attach phone numbers found in a chat; return the ones that were new for this contact."""
    [added] = await add_phones_many(session, [(contact, list(phones), source_message_id)])
    return added


async def add_phones_many(
    session: AsyncSession,
    found: Sequence[tuple[Contact, list[FoundPhone], int | None]],
) -> list[list[str]]:
    """Attach the phones found in many messages: one INSERT, then one read of the phones of
    the contacts that got a new one. Returns, for each entry of `found`, the phones that were
    new for the contact (a phone repeated in a later message counts for the first one)."""
    rows: dict[tuple[int, str], dict[str, object]] = {}
    owner: dict[tuple[int, str], int] = {}
    now = datetime.now(UTC)
    for index, (contact, phones, source_message_id) in enumerate(found):
        for phone in phones:
            key = (contact.id, phone.e164)
            if key in rows:
                continue
            owner[key] = index
            rows[key] = {
                "workspace_id": contact.workspace_id,
                "contact_id": contact.id,
                "phone": phone.e164,
                "raw": phone.raw[:64],
                "source_message_id": source_message_id,
                "created_at": now,
            }
    added: list[list[str]] = [[] for _ in found]
    if not rows:
        return added
    inserted = await session.execute(
        insert(ContactPhone)
        .on_conflict_do_nothing(index_elements=["contact_id", "phone"])
        .returning(ContactPhone.contact_id, ContactPhone.phone),
        list(rows.values()),
    )
    new = {(int(contact_id), str(phone)) for contact_id, phone in inserted}
    if not new:
        return added
    for key in rows:  # in message order
        if key in new:
            added[owner[key]].append(key[1])
    contacts = {contact.id: contact for contact, _, _ in found}
    all_phones = await phones_of_many(session, sorted({contact_id for contact_id, _ in new}))
    for contact_id in {contact_id for contact_id, _ in new}:
        contact = contacts[contact_id]
        if not contact.primary_phone:
            contact.primary_phone = next(p for (c, p) in rows if c == contact_id and (c, p) in new)
        contact.search_text = _contact_document(contact.name, all_phones.get(contact_id, []))
    from chotdon.customers.merging import after_new_phones

    await after_new_phones(session, new)
    return added


async def phones_of(session: AsyncSession, contact_id: int) -> list[str]:
    """The customer's phones (E.164), oldest first."""
    return (await phones_of_many(session, [contact_id])).get(contact_id, [])


async def phones_of_many(session: AsyncSession, contact_ids: list[int]) -> dict[int, list[str]]:
    stmt = (
        select(ContactPhone.contact_id, ContactPhone.phone)
        .where(ContactPhone.contact_id.in_(contact_ids))
        .order_by(ContactPhone.id)
    )
    out: dict[int, list[str]] = {}
    for contact_id, phone in await session.execute(stmt):
        out.setdefault(contact_id, []).append(phone)
    return out


async def refresh_search_text(session: AsyncSession, contact: Contact) -> None:
    """Folded name + phones in every format staff type them (0912..., 84912..., +84912...)."""
    contact.search_text = _contact_document(contact.name, await phones_of(session, contact.id))


def _contact_document(name: str | None, phones: list[str]) -> str:
    variants = [
        v for p in phones for v in (p, p.lstrip("+"), "0" + p[3:] if p.startswith("+84") else p)
    ]
    return search_document(name, *variants, *(phone_suffix_token(p) for p in phones))


def phone_suffix_token(phone: str) -> str:
    """The phone's digits reversed behind `r`: staff type a phone's last digits (`345678`), and
    a reversed prefix (`r876543:*`) is a suffix match the full-text index can answer."""
    return "r" + "".join(ch for ch in reversed(phone) if ch.isdigit())


async def remember_chat_address(
    session: AsyncSession, contact: Contact, found: FoundAddress, message_id: int
) -> ContactAddress | None:
    """Remember an address the customer wrote in chat (once per distinct text); return it if new.

    Its official codes are read the first time it is used (`read_address_codes`), not here:
    reading takes milliseconds, too long for the ingestion transaction of every message."""
    return await _add_address(session, contact, found, message_id, None, codes_read=False)


async def add_address(
    session: AsyncSession, contact: Contact, found: FoundAddress, codes: ParsedAddress | None
) -> ContactAddress | None:
    """Remember an address with its official codes already read (an order's, `codes` None when
    none could be read), once per distinct text; return it if new."""
    return await _add_address(session, contact, found, None, codes, codes_read=True)


async def _add_address(
    session: AsyncSession,
    contact: Contact,
    found: FoundAddress,
    source_message_id: int | None,
    codes: ParsedAddress | None,
    *,
    codes_read: bool,
) -> ContactAddress | None:
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
        codes_read=codes_read,
    )
    structured_addresses.store(address, codes)
    session.add(address)
    await session.flush()
    return address


def read_address_codes(address: ContactAddress | None) -> ParsedAddress | None:
    """The official codes of a customer's address, None when none could be read. An address
    found in chat is read here, the first time it is used, and its codes kept."""
    if address is None:
        return None
    if not address.codes_read:
        structured_addresses.store(address, structured_addresses.read(address.text))
        address.codes_read = True
    return structured_addresses.stored(address)


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
