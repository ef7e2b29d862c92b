"""One customer across channels: the same phone number on two customers (a buyer who wrote it
on Facebook and on Lazada / Shopee / TikTok / Zalo) makes them a suggested merge, shown on the
customer pane and merged with one click (`flows.merge_contacts`, which moves conversations,
orders, phones, addresses, tags and notes, and recounts orders and "bùng đơn").

Automatic only when the owner turns it on (`auto_merge_by_phone`, workspace settings under
"customers"): then a phone that arrives on a second customer merges them into the older one,
in a job after the message is stored (ingestion never waits for a merge). A merge the rules
refuse (both have an open order in the same livestream) stays a suggestion.

Owner and admin (who merge) may also answer a suggestion "Không phải cùng người": the pair is
stored (`SameCustomerDismissal`) and neither suggested again nor merged automatically; undone
by deleting it. Agents see the suggestions but neither merge nor dismiss them: both decide
who a customer is for the whole workspace.
"""

from __future__ import annotations

import logging

from pydantic import BaseModel
from sqlalchemy import delete, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from chotdon.accounts.models import Workspace
from chotdon.core.after_commit import enqueue_job
from chotdon.core.auth import Principal
from chotdon.core.db import unit_of_work
from chotdon.core.errors import BadRequest, Conflict
from chotdon.customers.models import Contact, ContactIdentity, ContactPhone, SameCustomerDismissal
from chotdon.customers.schemas import ChannelRef, SameCustomerOut

log = logging.getLogger(__name__)

AUTO_MERGE_JOB = "merge_same_phone"


class CustomerSettings(BaseModel):
    auto_merge_by_phone: bool = False


def settings_of(raw: dict | None) -> CustomerSettings:
    return CustomerSettings.model_validate((raw or {}).get("customers") or {})


async def get_settings(session: AsyncSession, workspace_id: int) -> CustomerSettings:
    raw = await session.scalar(select(Workspace.settings).where(Workspace.id == workspace_id))
    return settings_of(raw)


async def set_settings(
    session: AsyncSession, principal: Principal, values: CustomerSettings
) -> CustomerSettings:
    from chotdon.accounts.service import audit

    workspace = await session.get_one(Workspace, principal.workspace_id, with_for_update=True)
    workspace.settings = {**(workspace.settings or {}), "customers": values.model_dump()}
    audit(
        session,
        principal,
        "customer_settings.updated",
        "workspace",
        workspace.id,
        values.model_dump(),
    )
    await session.flush()
    return values


async def same_phone_contacts(
    session: AsyncSession, workspace_id: int, contact_id: int
) -> dict[int, list[str]]:
    """Other customers (not merged away) sharing a phone with `contact_id`: id → the phones."""
    mine = select(ContactPhone.phone).where(ContactPhone.contact_id == contact_id)
    rows = await session.execute(
        select(ContactPhone.contact_id, ContactPhone.phone)
        .join(Contact, Contact.id == ContactPhone.contact_id)
        .where(
            ContactPhone.workspace_id == workspace_id,
            ContactPhone.phone.in_(mine),
            ContactPhone.contact_id != contact_id,
            Contact.merged_into_id.is_(None),
        )
        .order_by(ContactPhone.contact_id, ContactPhone.id)
    )
    found: dict[int, list[str]] = {}
    for other_id, phone in rows.all():
        found.setdefault(int(other_id), []).append(phone)
    return found


async def dismissed_with(session: AsyncSession, workspace_id: int, contact_id: int) -> set[int]:
    """The customers staff said are not the same person as `contact_id`."""
    rows = await session.execute(
        select(SameCustomerDismissal.contact_id, SameCustomerDismissal.other_id).where(
            SameCustomerDismissal.workspace_id == workspace_id,
            or_(
                SameCustomerDismissal.contact_id == contact_id,
                SameCustomerDismissal.other_id == contact_id,
            ),
        )
    )
    return {int(b) if int(a) == contact_id else int(a) for a, b in rows.all()}


async def _pair(
    session: AsyncSession, principal: Principal, contact: Contact, other_id: int
) -> tuple[int, int]:
    from chotdon.customers.profiles import get_contact

    other = await get_contact(session, principal.workspace_id, other_id)
    if other.id == contact.id:
        raise BadRequest("A customer cannot be told apart from themself")
    low, high = sorted((contact.id, other.id))
    return low, high


async def dismiss(
    session: AsyncSession, principal: Principal, contact: Contact, other_id: int
) -> None:
    """ "Không phải cùng người": `other_id` is no longer suggested with `contact` (idempotent)."""
    from chotdon.accounts.service import audit

    low, high = await _pair(session, principal, contact, other_id)
    await session.execute(
        insert(SameCustomerDismissal)
        .values(
            workspace_id=principal.workspace_id,
            contact_id=low,
            other_id=high,
            dismissed_by_id=principal.user_id,
        )
        .on_conflict_do_nothing()
    )
    audit(session, principal, "same_customer.dismissed", "contact", low, {"other_id": high})


async def undismiss(
    session: AsyncSession, principal: Principal, contact: Contact, other_id: int
) -> None:
    """The pair is suggested again (and merged automatically when the owner turned it on)."""
    from chotdon.accounts.service import audit

    low, high = await _pair(session, principal, contact, other_id)
    await session.execute(
        delete(SameCustomerDismissal).where(
            SameCustomerDismissal.workspace_id == principal.workspace_id,
            SameCustomerDismissal.contact_id == low,
            SameCustomerDismissal.other_id == high,
        )
    )
    audit(session, principal, "same_customer.undismissed", "contact", low, {"other_id": high})


async def suggestions(session: AsyncSession, contact: Contact) -> list[SameCustomerOut]:
    """Customers to merge with `contact`: a shared phone, with the channels they wrote on."""
    from chotdon.channels.models import Channel
    from chotdon.customers.profiles import contacts_out

    shared = await same_phone_contacts(session, contact.workspace_id, contact.id)
    dismissed = await dismissed_with(session, contact.workspace_id, contact.id)
    shared = {other: phones for other, phones in shared.items() if other not in dismissed}
    if not shared:
        return []
    others = list(
        (
            await session.execute(
                select(Contact).where(Contact.id.in_(shared)).order_by(Contact.id)
            )
        ).scalars()
    )
    rows = await session.execute(
        select(ContactIdentity.contact_id, Channel.id, Channel.provider, Channel.name)
        .join(Channel, Channel.id == ContactIdentity.channel_id)
        .where(ContactIdentity.contact_id.in_(shared))
        .distinct()
        .order_by(ContactIdentity.contact_id, Channel.id)
    )
    channels: dict[int, list[ChannelRef]] = {}
    for contact_id, channel_id, provider, name in rows.all():
        channels.setdefault(int(contact_id), []).append(
            ChannelRef(id=channel_id, provider=provider, name=name)
        )
    return [
        SameCustomerOut(
            contact=out, shared_phones=shared[out.id], channels=channels.get(out.id, [])
        )
        for out in await contacts_out(session, others)
    ]


async def after_new_phones(session: AsyncSession, new: set[tuple[int, str]]) -> None:
    """Phones just attached (contact id, phone): when another customer of the same workspace
    has one of them and that workspace merges automatically, a job merges them after this
    transaction."""
    if not new:
        return
    contact_ids = {c for c, _ in new}
    mine = aliased(ContactPhone)
    rows = await session.execute(
        select(mine.contact_id, mine.workspace_id)
        .join(
            ContactPhone,
            (ContactPhone.workspace_id == mine.workspace_id) & (ContactPhone.phone == mine.phone),
        )
        .join(Contact, Contact.id == ContactPhone.contact_id)
        .where(
            mine.contact_id.in_(contact_ids),
            mine.phone.in_({p for _, p in new}),
            ContactPhone.contact_id.not_in(contact_ids),
            Contact.merged_into_id.is_(None),
        )
        .distinct()
    )
    by_workspace: dict[int, set[int]] = {}
    for contact_id, workspace_id in rows.all():
        by_workspace.setdefault(int(workspace_id), set()).add(int(contact_id))
    for workspace_id, ids in by_workspace.items():
        if not (await get_settings(session, workspace_id)).auto_merge_by_phone:
            continue
        for contact_id in sorted(ids):
            phones = "-".join(sorted(p for c, p in new if c == contact_id))
            job_id = f"merge-phone:{contact_id}:{phones}"
            enqueue_job(session, AUTO_MERGE_JOB, workspace_id, contact_id, job_id=job_id)


async def merge_same_phone(workspace_id: int, contact_id: int) -> int:
    """Merge every customer sharing a phone with `contact_id` into the oldest of them (the
    workspace's setting is checked again: it may have been turned off since)."""
    from chotdon.customers.flows import merge_contacts

    merged = 0
    async with unit_of_work() as session:
        if not (await get_settings(session, workspace_id)).auto_merge_by_phone:
            return 0
        contact = await session.get(Contact, contact_id)
        if contact is None or contact.workspace_id != workspace_id:
            return 0
        keep_id = contact.merged_into_id or contact.id
        others = await same_phone_contacts(session, workspace_id, keep_id)
    system = Principal(workspace_id=workspace_id, role="owner")
    for other_id in sorted(others):
        keep, other = sorted((keep_id, other_id))
        try:
            async with unit_of_work() as session:
                # Staff said these two are different people: checked per pair, as the kept
                # customer changes along the way.
                if other_id in await dismissed_with(session, workspace_id, keep_id):
                    continue
                await merge_contacts(session, system, keep, other)
        except Conflict as exc:  # stays a suggestion for staff
            log.info("customers %s and %s not merged automatically: %s", keep, other, exc)
            continue
        keep_id = keep
        merged += 1
    return merged
