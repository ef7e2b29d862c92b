"""A customer's profile where it meets the other domains: the detail with its conversations,
notes and orders, tags and notes (inbox's rows), and merging two customers (which moves their
conversations, orders and livestream comments).

`profiles.py` is the staff-facing side within customers; this module may import higher domains.
"""

from __future__ import annotations

from sqlalchemy import delete, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.auth import Principal
from chotdon.core.errors import Conflict, ValidationFailed
from chotdon.core.tenant import get_owned
from chotdon.customers import profiles, service
from chotdon.customers.models import (
    Contact,
    ContactAddress,
    ContactIdentity,
    ContactPhone,
    ContactTag,
)
from chotdon.customers.phones import display_phone
from chotdon.customers.schemas import (
    ContactDetailOut,
    ContactTagOut,
    IdentityOut,
    NoteOut,
    PhoneOut,
)


async def contact_detail(session: AsyncSession, contact: Contact) -> ContactDetailOut:
    from chotdon.inbox.models import Conversation, Note, Tag
    from chotdon.orders.models import Order
    from chotdon.orders.serializers import orders_out

    await session.refresh(contact)
    [base] = await profiles.contacts_out(session, [contact])
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
        addresses=[profiles.address_out(a) for a in addresses],
        identities=[IdentityOut.model_validate(i) for i in identities],
        tags=[
            ContactTagOut(id=t.id, name=t.name, color=t.color, pinned=pinned) for t, pinned in tags
        ],
        notes=[NoteOut.model_validate(n) for n in notes],
        orders=[o.model_dump(mode="json") for o in await orders_out(session, list(orders))],
        conversation_ids=list(conversation_ids),
    )


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
        message = "A customer cannot be merged with themself"
        raise ValidationFailed(message, details=[{"field": "other_id", "message": message}])
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
    from chotdon.orders import service as orders_service

    await orders_service.refresh_order_counters(session, keep.id)
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
