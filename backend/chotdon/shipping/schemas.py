"""Shapes of carrier settings, quotes and shipments (API.md "Shipping")."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from chotdon.addresses.schemas import StoredAddressOut, StructuredAddressIn
from chotdon.core.schemas import Input

CarrierName = Literal["ghn", "ghtk", "viettelpost"]


class Pickup(BaseModel):
    name: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=20)
    address: str = Field(default="", max_length=500)


class PickupIn(Pickup):
    structured_address: StructuredAddressIn | None = Field(
        default=None,
        description="The pickup address as official codes (the pickers); omitted: read from "
        "`address` once, when saved.",
    )


class PickupOut(Pickup):
    structured_address: StoredAddressOut | None = Field(
        default=None, description="The official codes quotes and bookings use."
    )


class CarrierCredentials(BaseModel):
    token: str = Field(min_length=1, max_length=2000, description="GHN/GHTK token, VTP JWT")
    shop_id: str = Field(default="", max_length=64, description="GHN ShopId / GHTK X-Client-Source")


class CarrierAccountIn(Input):
    enabled: bool = False
    credentials: CarrierCredentials | None = Field(
        default=None, description="Write-only; omitted keeps the stored ones."
    )
    pickup: PickupIn = Field(default_factory=PickupIn)


class CarrierAccountOut(BaseModel):
    carrier: CarrierName
    enabled: bool
    credentials_set: bool
    pickup: PickupOut
    webhook_url: str
    webhook_secret: str


class CarrierAccountList(BaseModel):
    items: list[CarrierAccountOut]


class QuoteIn(Input):
    new_ward_code: str | None = Field(
        default=None,
        max_length=8,
        description="The 2025 ward when the address's old ward was split",
    )


class QuoteOut(BaseModel):
    carrier: CarrierName
    service_id: str
    service_name: str
    fee: int
    expected_delivery_at: datetime | None


class QuoteError(BaseModel):
    carrier: CarrierName
    code: str
    message: str


class QuotesOut(BaseModel):
    items: list[QuoteOut]
    errors: list[QuoteError]
    cheapest: CarrierName | None = None
    fastest: CarrierName | None = None


class ShipmentIn(Input):
    carrier: CarrierName
    service_id: str | None = Field(default=None, max_length=32)
    note: str | None = Field(default=None, max_length=500)
    new_ward_code: str | None = Field(default=None, max_length=8)


class ShipmentEventOut(BaseModel):
    status: str | None
    carrier_status: str
    label: str
    reason: str | None
    happened_at: datetime


class ShipmentOut(BaseModel):
    id: int
    order_id: int
    carrier: CarrierName
    service_id: str | None
    tracking_code: str
    fee: int
    cod_amount: int
    status: str
    status_label: str
    carrier_status: str
    label_url: str
    expected_delivery_at: datetime | None
    created_at: datetime
    events: list[ShipmentEventOut] = Field(default_factory=list)


class ShipmentList(BaseModel):
    items: list[ShipmentOut]


class BulkShipmentsIn(Input):
    carrier: CarrierName
    service_id: str | None = Field(default=None, max_length=32)
    order_ids: list[int] = Field(default_factory=list, max_length=1000)
    livestream_id: int | None = Field(
        default=None, description="Every closed order of this livestream without a shipment"
    )


class BulkShipmentsOut(BaseModel):
    queued: list[int]


class LabelsIn(Input):
    shipment_ids: list[int] = Field(default_factory=list, max_length=100)
    livestream_id: int | None = Field(
        default=None,
        description="Every live shipment of this livestream's orders (only `carrier`'s if set)",
    )
    carrier: CarrierName | None = None
