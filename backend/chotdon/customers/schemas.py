"""Shapes of customers (contacts), their phones, addresses, notes and the phone blacklist."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chotdon.addresses.schemas import StoredAddressOut, StructuredAddressIn
from chotdon.core.schemas import Input


class AddressIn(Input):
    text: str = Field(min_length=1, max_length=500)
    province: str | None = Field(default=None, max_length=100)
    district: str | None = Field(default=None, max_length=100)
    ward: str | None = Field(default=None, max_length=100)
    structured_address: StructuredAddressIn | None = Field(
        default=None, description="Official codes (pickers); without them the text is read."
    )


class AddressOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    text: str
    province: str | None
    district: str | None
    ward: str | None
    structured_address: StoredAddressOut | None = None
    created_at: datetime


class IdentityOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    channel_id: int
    external_id: str
    name: str | None
    picture_url: str | None


class ContactTagOut(BaseModel):
    id: int
    name: str
    color: str
    pinned: bool


class NoteIn(Input):
    text: str = Field(min_length=1, max_length=5000)


class NoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    text: str
    author_id: int | None
    created_at: datetime


class ContactOut(BaseModel):
    id: int
    name: str
    picture_url: str | None
    primary_phone: str | None
    phones: list[str]
    blocked: bool
    orders_count: int
    completed_orders_count: int
    cancelled_orders_count: int
    total_spent: int
    risk: str
    risk_label: str
    blacklisted: bool
    created_at: datetime
    updated_at: datetime


class PhoneOut(BaseModel):
    phone: str  # E.164
    display: str  # 0912 345 678
    raw: str | None  # as the customer first wrote it
    source_message_id: int | None


class ContactDetailOut(ContactOut):
    phone_details: list[PhoneOut]
    addresses: list[AddressOut]
    identities: list[IdentityOut]
    tags: list[ContactTagOut]
    notes: list[NoteOut]
    orders: list[Any]  # OrderOut, newest first (purchase history)
    conversation_ids: list[int]


class ContactPatch(Input):
    name: str | None = Field(default=None, min_length=1, max_length=300)
    primary_phone: str | None = Field(default=None, max_length=40)
    blocked: bool | None = None


class PhoneIn(Input):
    phone: str = Field(min_length=3, max_length=40)


class MergeIn(Input):
    other_id: int = Field(gt=0, lt=2**63, description="The contact merged into this one")


class BlacklistIn(Input):
    phone: str = Field(min_length=3, max_length=40)
    reason: str | None = Field(default=None, max_length=1000)


class ContactBlacklistIn(Input):
    reason: str | None = Field(default=None, max_length=1000)


class BlacklistOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    phone: str
    reason: str | None
    created_by_id: int | None
    created_at: datetime


class ChannelRef(BaseModel):
    id: int
    provider: str
    name: str


class SameCustomerOut(BaseModel):
    """Another customer with one of this customer's phones: probably the same person."""

    contact: ContactOut
    shared_phones: list[str]  # E.164
    channels: list[ChannelRef]  # where that customer wrote


class SameCustomersOut(BaseModel):
    items: list[SameCustomerOut]


class CustomerSettingsIn(Input):
    auto_merge_by_phone: bool = Field(
        description="Merge customers sharing a phone number automatically (else suggested)"
    )


class CustomerSettingsOut(BaseModel):
    auto_merge_by_phone: bool
