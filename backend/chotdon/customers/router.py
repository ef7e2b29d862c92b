"""HTTP for customers (contacts) and the phone blacklist (thin handlers)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from chotdon.core.auth import AdminPrincipal, CurrentPrincipal, OwnerPrincipal, SessionDep
from chotdon.core.pagination import Page, PageParams, decode_cursor, encode_cursor, page_params
from chotdon.customers import flows, merging, profiles
from chotdon.customers.schemas import (
    AddressIn,
    AddressOut,
    BlacklistIn,
    BlacklistOut,
    ContactBlacklistIn,
    ContactDetailOut,
    ContactOut,
    ContactPatch,
    CustomerSettingsIn,
    CustomerSettingsOut,
    MergeIn,
    NoteIn,
    NoteOut,
    PhoneIn,
    SameCustomersOut,
)

router = APIRouter(tags=["customers"])

Pagination = Annotated[PageParams, Depends(page_params)]


def _after(page: PageParams) -> int | None:
    values = decode_cursor(page.cursor, 1)
    return int(values[0]) if values else None


@router.get("/contacts", response_model=Page[ContactOut])
async def list_contacts(
    session: SessionDep,
    principal: CurrentPrincipal,
    page: Pagination,
    q: Annotated[str | None, Query(max_length=200)] = None,
    phone: Annotated[str | None, Query(max_length=40)] = None,
    risk: Literal["new", "trusted", "watch", "high", "blacklisted"] | None = None,
    tag_id: Annotated[int | None, Query(gt=0, lt=2**63)] = None,
) -> Page[ContactOut]:
    rows = await profiles.list_contacts(
        session,
        principal.workspace_id,
        q=q,
        phone=phone,
        risk=risk,
        tag_id=tag_id,
        limit=page.limit,
        after_id=_after(page),
    )
    next_cursor = encode_cursor([rows[page.limit - 1].id]) if len(rows) > page.limit else None
    items = await profiles.contacts_out(session, rows[: page.limit])
    return Page(items=items, next_cursor=next_cursor)


@router.get("/contacts/{contact_id}", response_model=ContactDetailOut)
async def get_contact(
    contact_id: int, session: SessionDep, principal: CurrentPrincipal
) -> ContactDetailOut:
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    return await flows.contact_detail(session, contact)


@router.patch("/contacts/{contact_id}", response_model=ContactDetailOut)
async def update_contact(
    contact_id: int, body: ContactPatch, session: SessionDep, principal: CurrentPrincipal
) -> ContactDetailOut:
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    await profiles.update_contact(session, contact, body)
    return await flows.contact_detail(session, contact)


@router.post("/contacts/{contact_id}/phones", response_model=ContactDetailOut)
async def add_phone(
    contact_id: int, body: PhoneIn, session: SessionDep, principal: CurrentPrincipal
) -> ContactDetailOut:
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    await profiles.add_phone(session, contact, profiles.parse_phone(body.phone))
    return await flows.contact_detail(session, contact)


@router.delete("/contacts/{contact_id}/phones/{phone}", response_model=ContactDetailOut)
async def remove_phone(
    contact_id: int, phone: str, session: SessionDep, principal: CurrentPrincipal
) -> ContactDetailOut:
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    await profiles.remove_phone(session, contact, phone)
    return await flows.contact_detail(session, contact)


@router.post(
    "/contacts/{contact_id}/addresses",
    status_code=status.HTTP_201_CREATED,
    response_model=AddressOut,
)
async def add_address(
    contact_id: int, body: AddressIn, session: SessionDep, principal: CurrentPrincipal
):
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    return await profiles.add_address(session, contact, body)


@router.delete(
    "/contacts/{contact_id}/addresses/{address_id}", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_address(
    contact_id: int, address_id: int, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    await profiles.delete_address(session, contact, address_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/contacts/{contact_id}/tags/{tag_id}", status_code=status.HTTP_204_NO_CONTENT)
async def tag_contact(
    contact_id: int,
    tag_id: int,
    session: SessionDep,
    principal: CurrentPrincipal,
    pinned: bool = False,
) -> Response:
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    await flows.set_tag(session, contact, tag_id, pinned=pinned)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/contacts/{contact_id}/tags/{tag_id}", status_code=status.HTTP_204_NO_CONTENT)
async def untag_contact(
    contact_id: int, tag_id: int, session: SessionDep, principal: CurrentPrincipal
) -> Response:
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    await profiles.remove_tag(session, contact, tag_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/contacts/{contact_id}/notes", status_code=status.HTTP_201_CREATED, response_model=NoteOut
)
async def add_note(contact_id: int, body: NoteIn, session: SessionDep, principal: CurrentPrincipal):
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    return await flows.add_note(session, contact, principal, body.text)


@router.post("/contacts/{contact_id}/merge", response_model=ContactDetailOut)
async def merge_contacts(
    contact_id: int, body: MergeIn, session: SessionDep, principal: AdminPrincipal
) -> ContactDetailOut:
    """Merge `other_id` into this customer (same person on two pages / shops)."""
    keep = await flows.merge_contacts(session, principal, contact_id, body.other_id)
    return await flows.contact_detail(session, keep)


@router.get("/contacts/{contact_id}/same-customers", response_model=SameCustomersOut)
async def same_customers(
    contact_id: int, session: SessionDep, principal: CurrentPrincipal
) -> SameCustomersOut:
    """Customers sharing a phone with this one (on other channels or pages): suggested merges,
    one `POST /contacts/{id}/merge` each."""
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    return SameCustomersOut(items=await merging.suggestions(session, contact))


@router.post(
    "/contacts/{contact_id}/same-customers/{other_id}/dismiss", response_model=SameCustomersOut
)
async def dismiss_same_customer(
    contact_id: int, other_id: int, session: SessionDep, principal: AdminPrincipal
) -> SameCustomersOut:
    """ "Không phải cùng người" (owner/admin, like merging): `other_id` is no longer suggested
    with this customer, nor merged with it automatically. Answers the remaining suggestions."""
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    await merging.dismiss(session, principal, contact, other_id)
    return SameCustomersOut(items=await merging.suggestions(session, contact))


@router.delete(
    "/contacts/{contact_id}/same-customers/{other_id}/dismiss", response_model=SameCustomersOut
)
async def undismiss_same_customer(
    contact_id: int, other_id: int, session: SessionDep, principal: AdminPrincipal
) -> SameCustomersOut:
    """Undo a dismissal: the pair is suggested again."""
    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    await merging.undismiss(session, principal, contact, other_id)
    return SameCustomersOut(items=await merging.suggestions(session, contact))


@router.get("/customer-settings", response_model=CustomerSettingsOut)
async def get_customer_settings(
    session: SessionDep, principal: CurrentPrincipal
) -> CustomerSettingsOut:
    settings = await merging.get_settings(session, principal.workspace_id)
    return CustomerSettingsOut(**settings.model_dump())


@router.put("/customer-settings", response_model=CustomerSettingsOut)
async def set_customer_settings(
    body: CustomerSettingsIn, session: SessionDep, principal: OwnerPrincipal
) -> CustomerSettingsOut:
    """The owner's choice: merge customers sharing a phone automatically, or only suggest."""
    settings = await merging.set_settings(
        session, principal, merging.CustomerSettings(**body.model_dump())
    )
    return CustomerSettingsOut(**settings.model_dump())


@router.post("/contacts/{contact_id}/blacklist", response_model=ContactDetailOut)
async def blacklist_contact(
    contact_id: int, body: ContactBlacklistIn, session: SessionDep, principal: AdminPrincipal
) -> ContactDetailOut:
    """Put every phone number of this customer on the blacklist."""
    from chotdon.core.errors import Conflict
    from chotdon.customers import service

    contact = await profiles.get_contact(session, principal.workspace_id, contact_id)
    phones = await service.phones_of(session, contact.id)
    if not phones:
        raise Conflict("This customer has no phone number to blacklist", code="no_phone")
    for phone in phones:
        await profiles.blacklist_phone(session, principal, phone, body.reason)
    return await flows.contact_detail(session, contact)


# --------------------------------------------------------------------------- blacklist


@router.get("/phone-blacklist", response_model=Page[BlacklistOut])
async def list_blacklist(
    session: SessionDep,
    principal: CurrentPrincipal,
    page: Pagination,
    phone: Annotated[str | None, Query(max_length=40)] = None,
) -> Page[BlacklistOut]:
    rows = await profiles.list_blacklist(
        session, principal.workspace_id, phone=phone, limit=page.limit, after_id=_after(page)
    )
    next_cursor = encode_cursor([rows[page.limit - 1].id]) if len(rows) > page.limit else None
    return Page(
        items=[BlacklistOut.model_validate(r) for r in rows[: page.limit]],
        next_cursor=next_cursor,
    )


@router.post("/phone-blacklist", status_code=status.HTTP_201_CREATED, response_model=BlacklistOut)
async def add_to_blacklist(body: BlacklistIn, session: SessionDep, principal: AdminPrincipal):
    return await profiles.blacklist_phone(session, principal, body.phone, body.reason)


@router.delete("/phone-blacklist/{entry_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_from_blacklist(
    entry_id: int, session: SessionDep, principal: AdminPrincipal
) -> Response:
    await profiles.unblacklist(session, principal, entry_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
