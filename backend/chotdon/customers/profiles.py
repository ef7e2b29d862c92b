"""Customer profiles for staff: list and search, detail with history, edit, merge, blacklist.

`service.py` holds what ingestion calls on every message; this module is the staff-facing side.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import delete, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.addresses import structured as structured_addresses
from chotdon.core.auth import Principal
from chotdon.core.errors import Conflict, NotFound, ValidationFailed
from chotdon.core.tenant import get_owned, owned
from chotdon.core.text import fold_words
from chotdon.customers import service
from chotdon.customers.models import (
    Contact,
    ContactAddress,
    ContactIdentity,
    ContactPhone,
    ContactTag,
    PhoneBlacklist,
)
from chotdon.customers.phones import display_phone, find_phones, normalize_phone
from chotdon.customers.risk import RISK_LABELS_VI, risk_level
from chotdon.customers.schemas import (
    AddressIn,
    AddressOut,
    ContactDetailOut,
    ContactOut,
    ContactPatch,
    ContactTagOut,
    IdentityOut,
    NoteOut,
    PhoneOut,
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


async def contact_detail(session: AsyncSession, contact: Contact) -> ContactDetailOut:
    from chotdon.inbox.models import Conversation, Note, Tag
    from chotdon.orders.models import Order
    from chotdon.orders.serializers import orders_out

    await session.refresh(contact)
    [base] = await contacts_out(session, [contact])
    phone_rows = (
        await session.execute(
            select(ContactPhone)
            .where(ContactPhone.contact_id == contact.id)
            .order_by(ContactPhone.id)
        )
    ).scalars()
    addresses = (
        await session.execute(
            select(ContactAddress)
            .where(ContactAddress.contact_id == contact.id)
            .order_by(ContactAddress.id.desc())
        )
    ).scalars()
    identities = (
        await session.execute(
            select(ContactIdentity)
            .where(ContactIdentity.contact_id == contact.id)
            .order_by(ContactIdentity.id)
        )
    ).scalars()
    tags = (
        await session.execute(
            select(Tag, ContactTag.pinned)
            .join(ContactTag, ContactTag.tag_id == Tag.id)
            .where(ContactTag.contact_id == contact.id)
            .order_by(ContactTag.pinned.desc(), Tag.position, Tag.id)
        )
    ).all()
    notes = (
        await session.execute(
            select(Note).where(Note.contact_id == contact.id).order_by(Note.id.desc()).limit(100)
        )
    ).scalars()
    orders = (
        await session.execute(
            select(Order)
            .where(Order.workspace_id == contact.workspace_id, Order.contact_id == contact.id)
            .order_by(Order.id.desc())
            .limit(50)
        )
    ).scalars()
    conversation_ids = (
        await session.execute(
            select(Conversation.id)
            .where(Conversation.contact_id == contact.id)
            .order_by(Conversation.last_message_at.desc())
        )
    ).scalars()
    return ContactDetailOut(
        **base.model_dump(),
        phone_details=[
            PhoneOut(
                phone=p.phone,
                display=display_phone(p.phone),
                raw=p.raw,
                source_message_id=p.source_message_id,
            )
            for p in phone_rows
        ],
        addresses=[address_out(a) for a in addresses],
        identities=[IdentityOut.model_validate(i) for i in identities],
        tags=[
            ContactTagOut(id=t.id, name=t.name, color=t.color, pinned=pinned) for t, pinned in tags
        ],
        notes=[NoteOut.model_validate(n) for n in notes],
        orders=[o.model_dump(mode="json") for o in await orders_out(session, list(orders))],
        conversation_ids=list(conversation_ids),
    )


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


async def set_tag(
    session: AsyncSession, contact: Contact, tag_id: int, *, pinned: bool = False
) -> None:
    from chotdon.inbox.models import Tag

    await get_owned(session, Tag, tag_id, contact.workspace_id, label="Tag")
    await session.execute(
        insert(ContactTag)
        .values(
            workspace_id=contact.workspace_id, contact_id=contact.id, tag_id=tag_id, pinned=pinned
        )
        .on_conflict_do_update(index_elements=["contact_id", "tag_id"], set_={"pinned": pinned})
    )


async def remove_tag(session: AsyncSession, contact: Contact, tag_id: int) -> None:
    if not 0 < tag_id < 2**63:
        raise NotFound("This customer does not have this tag")
    result = await session.execute(
        delete(ContactTag).where(ContactTag.contact_id == contact.id, ContactTag.tag_id == tag_id)
    )
    if not cast(CursorResult[Any], result).rowcount:
        raise NotFound("This customer does not have this tag")


async def add_note(session: AsyncSession, contact: Contact, principal: Principal, note_text: str):
    from chotdon.inbox.models import Note

    note = Note(
        workspace_id=contact.workspace_id,
        contact_id=contact.id,
        author_id=principal.user_id,
        text=note_text.strip(),
    )
    session.add(note)
    await session.flush()
    return note


# --------------------------------------------------------------------------- merge


async def merge_contacts(
    session: AsyncSession, principal: Principal, keep_id: int, other_id: int
) -> Contact:
    """Fold `other` into `keep`: identities, phones, addresses, tags, notes, conversations and
    orders move; `other` remains as a pointer (`merged_into_id`) so old links still resolve."""
    from chotdon.accounts.service import audit
    from chotdon.inbox.models import Conversation, Note
    from chotdon.orders.models import Order

    ws = principal.workspace_id
    if keep_id == other_id:
        raise _invalid("other_id", "A customer cannot be merged with themself")
    first, second = sorted((keep_id, other_id))
    # Lock both rows in id order: two merges of the same pair cannot deadlock or interleave.
    locked = {
        c.id: c
        for c in [
            await get_owned(session, Contact, first, ws, for_update=True, label="Contact"),
            await get_owned(session, Contact, second, ws, for_update=True, label="Contact"),
        ]
    }
    keep, other = locked[keep_id], locked[other_id]
    await session.refresh(keep)
    await session.refresh(other)
    if keep.merged_into_id or other.merged_into_id:
        raise Conflict("One of these customers was already merged", code="already_merged")

    open_live = (
        await session.execute(
            select(Order.livestream_id)
            .where(
                Order.contact_id.in_([keep.id, other.id]),
                Order.livestream_id.is_not(None),
                Order.status.in_(["draft", "confirmed"]),
            )
            .group_by(Order.livestream_id)
            .having(text("count(DISTINCT orders.contact_id) > 1"))
        )
    ).first()
    if open_live is not None:
        raise Conflict(
            "Both customers have an open order in the same livestream: close or cancel one first",
            code="merge_conflict",
        )
    drafts = (
        (
            await session.execute(
                select(Order).where(
                    Order.contact_id == other.id,
                    Order.source == "chat_auto",
                    Order.status == "draft",
                )
            )
        )
        .scalars()
        .all()
    )
    keep_has_draft = (
        await session.execute(
            select(Order.id).where(
                Order.contact_id == keep.id, Order.source == "chat_auto", Order.status == "draft"
            )
        )
    ).first() is not None
    if drafts and keep_has_draft:
        from chotdon.orders import service as orders_service

        for draft in drafts:
            await orders_service.transition(
                session,
                ws,
                draft.id,
                "cancelled",
                actor=orders_service.Actor.from_principal(principal),
                reason="Gộp khách hàng: đã có đơn nháp tự động",
            )

    phones = await service.phones_of(session, other.id)
    for phone in phones:
        await session.execute(
            insert(ContactPhone)
            .values(workspace_id=ws, contact_id=keep.id, phone=phone, raw=phone)
            .on_conflict_do_nothing(index_elements=["contact_id", "phone"])
        )
    await session.execute(delete(ContactPhone).where(ContactPhone.contact_id == other.id))
    tag_rows = (
        await session.execute(
            select(ContactTag.tag_id, ContactTag.pinned).where(ContactTag.contact_id == other.id)
        )
    ).all()
    for tag_id, pinned in tag_rows:
        await session.execute(
            insert(ContactTag)
            .values(workspace_id=ws, contact_id=keep.id, tag_id=tag_id, pinned=pinned)
            .on_conflict_do_nothing(index_elements=["contact_id", "tag_id"])
        )
    await session.execute(delete(ContactTag).where(ContactTag.contact_id == other.id))
    moved_conversations = list(
        (
            await session.execute(
                select(Conversation.id).where(Conversation.contact_id == other.id)
            )
        ).scalars()
    )
    from chotdon.livestream.models import LivestreamComment

    for model in (ContactIdentity, ContactAddress, Note, Conversation, Order, LivestreamComment):
        await session.execute(
            update(model)
            .where(model.contact_id == other.id)
            .values(contact_id=keep.id)
            .execution_options(synchronize_session=False)
        )
    await session.execute(
        update(Contact)
        .where(Contact.merged_into_id == other.id)
        .values(merged_into_id=keep.id)
        .execution_options(synchronize_session=False)
    )
    if not keep.name and other.name:
        keep.name = other.name
    if not keep.picture_url:
        keep.picture_url = other.picture_url
    if not keep.primary_phone:
        keep.primary_phone = other.primary_phone
    keep.blocked = keep.blocked or other.blocked
    other.merged_into_id = keep.id
    other.orders_count = other.completed_orders_count = other.cancelled_orders_count = 0
    other.total_spent = 0
    other.search_text = ""
    try:
        await session.flush()
    except IntegrityError as exc:  # a unique open-order rule we did not foresee
        raise Conflict("These customers cannot be merged right now", code="merge_conflict") from exc
    await service.refresh_search_text(session, keep)
    await service.refresh_order_counters(session, keep.id)
    audit(session, principal, "contact.merged", "contact", keep.id, {"merged": other.id})
    await session.flush()
    if keep.primary_phone or await service.phones_of(session, keep.id):
        # Livestream comments that waited for a phone (under either identity) go on now.
        from chotdon.livestream.intake import wake_waiting_comments

        await wake_waiting_comments(session, keep.id)
    await _announce_conversations(session, moved_conversations)
    return keep


async def _announce_conversations(session: AsyncSession, conversation_ids: list[int]) -> None:
    """Open inboxes show the merged customer on the conversations that moved."""
    from chotdon.core.after_commit import emit_event
    from chotdon.inbox.models import Conversation
    from chotdon.inbox.serializers import conversation_event

    for conversation_id in conversation_ids[:200]:
        conversation = await session.get(Conversation, conversation_id, populate_existing=True)
        if conversation is None:
            continue
        conversation.version += 1
        await session.flush()
        emit_event(
            session,
            conversation.workspace_id,
            "conversation.updated",
            await conversation_event(session, conversation),
        )


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
