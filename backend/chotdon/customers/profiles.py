"""Customer profiles for staff: list and search, edit, blacklist.

`service.py` holds what ingestion calls on every message; this module is the staff-facing side.
The detail with conversations and orders, tags, notes and merging reach other domains: `flows.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import delete, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.addresses import structured as structured_addresses
from chotdon.core.auth import Principal
from chotdon.core.errors import NotFound, ValidationFailed
from chotdon.core.tenant import get_owned, owned
from chotdon.core.text import fold_words
from chotdon.customers import service
from chotdon.customers.models import (
    Contact,
    ContactAddress,
    ContactPhone,
    ContactTag,
    PhoneBlacklist,
)
from chotdon.customers.phones import find_phones, normalize_phone
from chotdon.customers.risk import RISK_LABELS_VI, risk_level
from chotdon.customers.schemas import (
    AddressIn,
    AddressOut,
    ContactOut,
    ContactPatch,
)


def _invalid(field_name: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, details=[{"field": field_name, "message": message}])


def parse_phone(value: str, field_name: str = "phone") -> str:
    e164 = normalize_phone(value)
    if e164 is None:
        found = find_phones(value)
        e164 = found[0].e164 if found else None
    if e164 is None:
        raise _invalid(field_name, f"'{value}' is not a valid phone number")
    return e164


async def get_contact(session: AsyncSession, workspace_id: int, contact_id: int) -> Contact:
    """The contact or 404; a merged contact answers as the one it was merged into."""
    contact = await get_owned(session, Contact, contact_id, workspace_id, label="Contact")
    if contact.merged_into_id:
        contact = await get_owned(
            session, Contact, contact.merged_into_id, workspace_id, label="Contact"
        )
    return contact


# --------------------------------------------------------------------------- reads


async def list_contacts(
    session: AsyncSession,
    workspace_id: int,
    *,
    q: str | None = None,
    phone: str | None = None,
    risk: str | None = None,
    tag_id: int | None = None,
    limit: int = 50,
    after_id: int | None = None,
) -> list[Contact]:
    """Newest first. `q`: name or phone, without diacritics; `phone`: any format of a number;
    `risk`: the badge (blacklisted = a phone on the blacklist); `tag_id`: customers so tagged."""
    stmt = owned(Contact, workspace_id).where(Contact.merged_into_id.is_(None))
    listed = (
        select(ContactPhone.id)
        .join(
            PhoneBlacklist,
            (PhoneBlacklist.workspace_id == ContactPhone.workspace_id)
            & (PhoneBlacklist.phone == ContactPhone.phone),
        )
        .where(ContactPhone.contact_id == Contact.id)
        .exists()
    )
    done, cancelled = Contact.completed_orders_count, Contact.cancelled_orders_count
    high = (cancelled >= 2) & (cancelled >= done)
    if risk == "blacklisted":
        stmt = stmt.where(listed)
    elif risk is not None:
        by_risk = {
            "high": high,
            "watch": (cancelled >= 1) & ~high,
            "trusted": (done >= 1) & (cancelled == 0),
            "new": (done == 0) & (cancelled == 0),
        }
        stmt = stmt.where(by_risk[risk], ~listed)
    if tag_id is not None:
        stmt = stmt.where(
            select(ContactTag.tag_id)
            .where(ContactTag.contact_id == Contact.id, ContactTag.tag_id == tag_id)
            .exists()
        )
    words = fold_words(q)[:10]
    if words:
        stmt = stmt.where(
            text("to_tsvector('simple', contacts.search_text) @@ to_tsquery('simple', :tsq)")
        ).params(tsq=" & ".join(f"{w}:*" for w in words))
    if phone:
        e164 = normalize_phone(phone)
        if e164 is None:
            return []
        stmt = stmt.where(
            Contact.id.in_(
                select(ContactPhone.contact_id).where(
                    ContactPhone.workspace_id == workspace_id, ContactPhone.phone == e164
                )
            )
        )
    if after_id is not None:
        stmt = stmt.where(Contact.id < after_id)
    rows = await session.execute(stmt.order_by(Contact.id.desc()).limit(limit + 1))
    return list(rows.scalars())


async def contacts_out(session: AsyncSession, contacts: Sequence[Contact]) -> list[ContactOut]:
    ids = [c.id for c in contacts]
    phones: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        rows = await session.execute(
            select(ContactPhone.contact_id, ContactPhone.phone)
            .where(ContactPhone.contact_id.in_(ids))
            .order_by(ContactPhone.id)
        )
        for contact_id, phone in rows.all():
            phones[contact_id].append(phone)
    listed: set[str] = set()
    if contacts:
        listed = await service.blacklisted_phones(
            session, contacts[0].workspace_id, {p for ps in phones.values() for p in ps}
        )
    out = []
    for c in contacts:
        blacklisted = any(p in listed for p in phones[c.id])
        risk = risk_level(
            completed=c.completed_orders_count,
            cancelled=c.cancelled_orders_count,
            blacklisted=blacklisted,
        )
        out.append(
            ContactOut(
                id=c.id,
                name=c.name,
                picture_url=c.picture_url,
                primary_phone=c.primary_phone,
                phones=phones[c.id],
                blocked=c.blocked,
                orders_count=c.orders_count,
                completed_orders_count=c.completed_orders_count,
                cancelled_orders_count=c.cancelled_orders_count,
                total_spent=c.total_spent,
                risk=risk,
                risk_label=RISK_LABELS_VI[risk],
                blacklisted=blacklisted,
                created_at=c.created_at,
                updated_at=c.updated_at,
            )
        )
    return out


# --------------------------------------------------------------------------- edits


async def update_contact(session: AsyncSession, contact: Contact, patch: ContactPatch) -> Contact:
    values = patch.model_dump(exclude_unset=True)
    if values.get("name") is not None:
        contact.name = values["name"].strip()
    if "primary_phone" in values:
        if values["primary_phone"]:
            e164 = parse_phone(values["primary_phone"], "primary_phone")
            await add_phone(session, contact, e164)
            contact.primary_phone = e164
        else:
            contact.primary_phone = None
    if values.get("blocked") is not None:
        contact.blocked = values["blocked"]
    await service.refresh_search_text(session, contact)
    await session.flush()
    return contact


async def add_phone(session: AsyncSession, contact: Contact, e164: str) -> None:
    await session.execute(
        insert(ContactPhone)
        .values(workspace_id=contact.workspace_id, contact_id=contact.id, phone=e164, raw=e164)
        .on_conflict_do_nothing(index_elements=["contact_id", "phone"])
    )
    if not contact.primary_phone:
        contact.primary_phone = e164
    await service.refresh_search_text(session, contact)
    from chotdon.customers.merging import after_new_phones

    await after_new_phones(session, {(contact.id, e164)})


async def remove_phone(session: AsyncSession, contact: Contact, phone: str) -> None:
    e164 = parse_phone(phone)
    result = await session.execute(
        delete(ContactPhone).where(
            ContactPhone.contact_id == contact.id, ContactPhone.phone == e164
        )
    )
    if not cast(CursorResult[Any], result).rowcount:
        raise NotFound("This customer has no such phone number")
    if contact.primary_phone == e164:
        remaining = await service.phones_of(session, contact.id)
        contact.primary_phone = remaining[0] if remaining else None
    await service.refresh_search_text(session, contact)


async def add_address(session: AsyncSession, contact: Contact, body: AddressIn) -> AddressOut:
    """A customer's address typed by staff, with its official codes (pickers or read)."""
    text = body.text.strip()
    parsed = (
        structured_addresses.resolve(body.structured_address)
        if body.structured_address
        else structured_addresses.read(text)
    )
    address = ContactAddress(
        workspace_id=contact.workspace_id,
        contact_id=contact.id,
        text=text,
        province=body.province,
        district=body.district,
        ward=body.ward,
    )
    structured_addresses.store(address, parsed)
    session.add(address)
    await session.flush()
    return address_out(address)


def address_out(address: ContactAddress) -> AddressOut:
    service.read_address_codes(address)  # a chat address is read when first shown
    return AddressOut.model_validate(address).model_copy(
        update={"structured_address": structured_addresses.out(address)}
    )


async def delete_address(session: AsyncSession, contact: Contact, address_id: int) -> None:
    address = await get_owned(
        session, ContactAddress, address_id, contact.workspace_id, label="Address"
    )
    if address.contact_id != contact.id:
        raise NotFound("Address not found")
    await session.delete(address)
    await session.flush()


async def remove_tag(session: AsyncSession, contact: Contact, tag_id: int) -> None:
    if not 0 < tag_id < 2**63:
        raise NotFound("This customer does not have this tag")
    result = await session.execute(
        delete(ContactTag).where(ContactTag.contact_id == contact.id, ContactTag.tag_id == tag_id)
    )
    if not cast(CursorResult[Any], result).rowcount:
        raise NotFound("This customer does not have this tag")


# --------------------------------------------------------------------------- blacklist


async def list_blacklist(
    session: AsyncSession, workspace_id: int, *, phone: str | None, limit: int, after_id: int | None
) -> list[PhoneBlacklist]:
    stmt = owned(PhoneBlacklist, workspace_id)
    if phone:
        e164 = normalize_phone(phone)
        if e164 is None:
            return []
        stmt = stmt.where(PhoneBlacklist.phone == e164)
    if after_id is not None:
        stmt = stmt.where(PhoneBlacklist.id < after_id)
    rows = await session.execute(stmt.order_by(PhoneBlacklist.id.desc()).limit(limit + 1))
    return list(rows.scalars())


async def blacklist_phone(
    session: AsyncSession, principal: Principal, phone: str, reason: str | None
) -> PhoneBlacklist:
    """Add a number (any format) to the blacklist; adding it again updates the reason."""
    from chotdon.accounts.service import audit

    e164 = parse_phone(phone)
    result = await session.execute(
        insert(PhoneBlacklist)
        .values(
            workspace_id=principal.workspace_id,
            phone=e164,
            reason=reason,
            created_by_id=principal.user_id,
        )
        .on_conflict_do_update(index_elements=["workspace_id", "phone"], set_={"reason": reason})
        .returning(PhoneBlacklist.id)
    )
    entry_id = result.scalar_one()
    audit(session, principal, "blacklist.added", "phone_blacklist", entry_id, {"phone": e164})
    entry = await session.get_one(PhoneBlacklist, entry_id, populate_existing=True)
    return entry


async def unblacklist(session: AsyncSession, principal: Principal, entry_id: int) -> None:
    from chotdon.accounts.service import audit

    entry = await get_owned(
        session, PhoneBlacklist, entry_id, principal.workspace_id, label="Blacklist entry"
    )
    audit(
        session, principal, "blacklist.removed", "phone_blacklist", entry.id, {"phone": entry.phone}
    )
    await session.delete(entry)
    await session.flush()
