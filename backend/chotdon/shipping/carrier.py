"""The one small interface every carrier adapter implements, and the statuses we map them to.

A carrier folder (`ghn/`, `ghtk/`, `viettelpost/`) holds a client speaking the carrier's wire
format over HTTP (`client.py`), and its simulator (`simulator/`). Nothing outside `shipping/`
knows a carrier's wire format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

CARRIERS = ("ghn", "ghtk", "viettelpost")
CarrierName = Literal["ghn", "ghtk", "viettelpost"]

# Our statuses, whatever the carrier calls them.
ShipmentStatus = Literal[
    "booked",  # created at the carrier, waiting for pick-up
    "picking",
    "in_transit",
    "delivering",
    "delivered",
    "delivery_failed",
    "returning",
    "returned",
    "cancelled",
    "lost",
]
FINAL_STATUSES = frozenset({"delivered", "returned", "cancelled", "lost"})
STATUS_LABELS_VI = {
    "booked": "Chờ lấy hàng",
    "picking": "Đang lấy hàng",
    "in_transit": "Đang vận chuyển",
    "delivering": "Đang giao",
    "delivered": "Đã giao",
    "delivery_failed": "Giao thất bại",
    "returning": "Đang hoàn",
    "returned": "Đã hoàn",
    "cancelled": "Đã huỷ",
    "lost": "Thất lạc",
}


class CarrierError(Exception):
    """The carrier refused or could not be reached; `code` is ours, `message` theirs."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class DuplicateReference(CarrierError):
    """The carrier already has an order with our reference (a retried booking)."""


class PlaceIdsRefused(CarrierError):
    """The carrier does not know (any more) a province/district/ward id we sent: its master
    data changed since we read it (`unitmap` reads the province again and the call is retried
    once)."""


@dataclass(frozen=True, slots=True)
class CarrierIds:
    """A ward under a carrier's own ids (`unitmap`): GHN's DistrictID + WardCode, Viettel
    Post's PROVINCE_ID / DISTRICT_ID ("NEW") / WARDS_ID."""

    province_id: str
    district_id: str
    ward_id: str


@dataclass(frozen=True, slots=True)
class Place:
    """A recipient or pickup place in the forms carriers take.

    2025 names and official codes (`ward`, `province`) always; the legacy ward, district and
    province when known (carriers whose master data is still three-level need them); `ids`:
    the carrier's own ids, set for the carrier it is sent to.
    """

    name: str
    phone: str
    street: str
    ward: str | None
    province: str | None
    ward_code: str | None = None
    province_code: str | None = None
    legacy_ward: str | None = None
    legacy_district: str | None = None
    legacy_province: str | None = None
    legacy_ward_code: str | None = None
    legacy_province_code: str | None = None
    ids: CarrierIds | None = None

    def official_ward(self, scheme: str) -> tuple[str, str] | None:
        """(ward code, province code) in `scheme`, when known."""
        if scheme == "legacy":
            if self.legacy_ward_code and self.legacy_province_code:
                return self.legacy_ward_code, self.legacy_province_code
            return None
        return (
            (self.ward_code, self.province_code) if self.ward_code and self.province_code else None
        )

    def one_line(self) -> str:
        return ", ".join(p for p in (self.street, self.ward, self.province) if p)


@dataclass(frozen=True, slots=True)
class Parcel:
    reference: str  # our order code: the idempotency key at the carrier
    weight_grams: int
    cod_amount: int
    value: int
    content: str
    note: str = ""
    items: tuple[tuple[str, int, int], ...] = ()  # (name, quantity, price)


@dataclass(frozen=True, slots=True)
class Quote:
    service_id: str
    service_name: str
    fee: int
    expected_delivery_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Booking:
    tracking_code: str
    fee: int
    expected_delivery_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    """One status change reported by a carrier (webhook or polling)."""

    tracking_code: str
    carrier_status: str
    status: ShipmentStatus | None  # None: a carrier status we do not act on
    label: str  # the carrier's own words
    happened_at: datetime
    reason: str = ""
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Credentials:
    token: str
    shop_id: str = ""  # GHN ShopId, GHTK X-Client-Source, VTP user name
    password: str = ""  # VTP


class Carrier(Protocol):
    name: str

    async def quote(self, origin: Place, to: Place, parcel: Parcel) -> list[Quote]: ...

    async def book(
        self, origin: Place, to: Place, parcel: Parcel, service_id: str | None
    ) -> Booking: ...

    async def find(self, reference: str) -> Booking | None: ...

    async def cancel(self, tracking_code: str) -> None: ...

    async def label(self, tracking_codes: list[str]) -> tuple[bytes, str]: ...

    async def track(self, tracking_code: str) -> list[StatusUpdate]: ...
