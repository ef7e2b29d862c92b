"""Carrier settings, quotes from every enabled carrier, bookings, cancels and labels."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import literal, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts import service as accounts_service
from chotdon.addresses import parser as address_parser
from chotdon.addresses import service as address_service
from chotdon.addresses import structured as structured_addresses
from chotdon.addresses.models import AdminProvince, AdminWard, AdminWardTransition
from chotdon.addresses.parser import ParsedAddress
from chotdon.core import locks
from chotdon.core.after_commit import emit_event
from chotdon.core.auth import Principal
from chotdon.core.db import unit_of_work
from chotdon.core.errors import AppError, Conflict, NotFound, ValidationFailed
from chotdon.core.security import decrypt_secret, encrypt_secret
from chotdon.core.settings import get_settings
from chotdon.core.tenant import get_owned, owned
from chotdon.core.text import fold
from chotdon.orders.models import Order, OrderItem
from chotdon.shipping import pdf, registry, unitmap
from chotdon.shipping.carrier import (
    CARRIERS,
    STATUS_LABELS_VI,
    Carrier,
    CarrierError,
    Credentials,
    DuplicateReference,
    Parcel,
    Place,
    PlaceIdsRefused,
    StatusUpdate,
)
from chotdon.shipping.models import CarrierAccount, Shipment, ShipmentEvent
from chotdon.shipping.schemas import (
    CarrierAccountIn,
    CarrierAccountOut,
    PickupOut,
    QuoteError,
    QuoteOut,
    QuotesOut,
    ShipmentEventOut,
    ShipmentOut,
)

DEFAULT_WEIGHT_GRAMS = 500
T = TypeVar("T")


class CarrierFailed(AppError):
    """The carrier refused or could not be reached (its message is passed on)."""

    status_code = 502
    code = "carrier_error"
    message = "The carrier refused the request"


WEBHOOK_PATHS = {
    "ghn": "/webhooks/ghn?token={secret}",
    "ghtk": "/webhooks/ghtk?hash={secret}",
    "viettelpost": "/webhooks/viettelpost",
}


# --- carrier accounts ---------------------------------------------------------------------


async def get_account(
    session: AsyncSession, workspace_id: int, carrier: str
) -> CarrierAccount | None:
    stmt = owned(CarrierAccount, workspace_id).where(CarrierAccount.carrier == carrier)
    return (await session.execute(stmt)).scalar_one_or_none()


@dataclass(slots=True)
class PickupCodes:
    """The pickup address's official codes, kept in `carrier_accounts.pickup["codes"]` (read
    from the pickers or the text when saved): quotes and bookings never parse its text."""

    street: str | None = None
    ward_code: str | None = None
    province_code: str | None = None
    address_scheme: str | None = None

    @classmethod
    def of(cls, pickup: dict[str, Any]) -> PickupCodes:
        codes = pickup.get("codes") or {}
        return cls(
            codes.get("street"),
            codes.get("ward_code"),
            codes.get("province_code"),
            codes.get("scheme"),
        )

    @classmethod
    def json_of(cls, parsed: ParsedAddress | None) -> dict[str, str | None]:
        codes = cls()
        structured_addresses.store(codes, parsed)
        return {
            "scheme": codes.address_scheme,
            "province_code": codes.province_code,
            "ward_code": codes.ward_code,
            "street": codes.street,
        }


def account_out(carrier: str, account: CarrierAccount | None) -> CarrierAccountOut:
    secret = account.webhook_secret if account else ""
    base = get_settings().base_url.rstrip("/")
    pickup = account.pickup if account else {}
    return CarrierAccountOut(
        carrier=carrier,  # type: ignore[arg-type]
        enabled=bool(account and account.enabled),
        credentials_set=bool(account and account.credentials_encrypted),
        pickup=PickupOut(
            name=pickup.get("name") or "",
            phone=pickup.get("phone") or "",
            address=pickup.get("address") or "",
            structured_address=structured_addresses.out(PickupCodes.of(pickup)),
        ),
        webhook_url=base + WEBHOOK_PATHS[carrier].format(secret=secret) if account else "",
        webhook_secret=secret,
    )


async def put_account(
    session: AsyncSession, principal: Principal, carrier: str, body: CarrierAccountIn
) -> CarrierAccount:
    """Create or update a carrier account; credentials are stored encrypted, never returned."""
    await locks.lock(session, "carrier_account", f"{principal.workspace_id}:{carrier}")
    account = await get_account(session, principal.workspace_id, carrier)
    if account is None:
        account = CarrierAccount(
            workspace_id=principal.workspace_id,
            carrier=carrier,
            webhook_secret=secrets.token_urlsafe(24),
        )
        session.add(account)
    if body.credentials is not None:
        account.credentials_encrypted = encrypt_secret(body.credentials.model_dump_json())
    if body.enabled and not account.credentials_encrypted:
        raise ValidationFailed(
            "Credentials are needed to enable a carrier",
            details=[{"field": "credentials", "message": "required to enable"}],
        )
    account.enabled = body.enabled
    pickup = body.pickup
    parsed = (
        structured_addresses.resolve(pickup.structured_address, "pickup.structured_address")
        if pickup.structured_address
        else structured_addresses.read(pickup.address)
    )
    account.pickup = {
        **pickup.model_dump(exclude={"structured_address"}),
        "codes": PickupCodes.json_of(parsed),
    }
    await session.flush()
    accounts_service.audit(
        session,
        principal,
        "carrier.update",
        "carrier_account",
        account.id,
        {
            "carrier": carrier,
            "enabled": body.enabled,
            "credentials_changed": body.credentials is not None,
        },
    )
    return account


def credentials_of(account: CarrierAccount) -> Credentials:
    raw = json.loads(decrypt_secret(account.credentials_encrypted or ""))
    return Credentials(token=raw.get("token", ""), shop_id=raw.get("shop_id", ""))


def client_of(account: CarrierAccount) -> Carrier:
    return registry.carrier_for(account.carrier, credentials_of(account))


async def enabled_accounts(session: AsyncSession, workspace_id: int) -> list[CarrierAccount]:
    stmt = owned(CarrierAccount, workspace_id).where(CarrierAccount.enabled.is_(True))
    return list((await session.scalars(stmt.order_by(CarrierAccount.carrier))).all())


# --- places ---------------------------------------------------------------------------------


async def _legacy_of(
    session: AsyncSession, new_ward_code: str, new_ward_name: str | None
) -> tuple[str, str, str, str, str] | None:
    """The legacy ward standing for a 2025 ward at three-level carriers (GHN: its documented
    master data has no 2025 units, shipping-and-addresses.md "Unknowns"): (name, district,
    province, ward code, province code).

    A 2025 ward made of several legacy wards is sent, the same every time, as the old ward it
    is named after ("Phường Bến Thành" 2025 → the old Phường Bến Thành: the courier reads on
    GHN's label the ward the address names; 1,689 of the 3,181 merged wards), else the one
    whose NSO code it kept (the reform numbered every merged ward with the code of one of its
    old wards, the seat it was built around: all 3,181), else one that went whole, lowest code
    first."""
    stmt = (
        select(
            AdminWard.name,
            AdminWard.district_name,
            AdminProvince.name,
            AdminWard.code,
            AdminWard.province_code,
        )
        .join(AdminWardTransition, AdminWardTransition.legacy_code == AdminWard.code)
        .join(
            AdminProvince,
            (AdminProvince.code == AdminWard.province_code) & (AdminProvince.scheme == "legacy"),
        )
        .where(AdminWard.scheme == "legacy", AdminWardTransition.new_code == new_ward_code)
        .order_by(
            AdminWard.name != (new_ward_name or ""),
            AdminWard.code != new_ward_code,
            AdminWardTransition.split,
            AdminWard.code,
        )
        .limit(1)
    )
    row = (await session.execute(stmt)).first()
    return (row[0], row[1] or "", row[2], row[3], row[4]) if row else None


def _shippable(parsed: ParsedAddress, new_ward_code: str | None) -> ParsedAddress:
    """The address with its 2025 ward settled: staff's choice for a split legacy ward (422 when
    it is needed and missing, or not one of the choices)."""
    parsed = address_service.choose(parsed, new_ward_code)
    if parsed.needs_ward_choice:
        raise ValidationFailed(
            "The old ward was split: choose the 2025 ward it is in now",
            code="ward_choice_needed",
            details=[
                {"field": "new_ward_code", "message": f"one of {c.code} ({c.name})"}
                for c in parsed.ward_choices
            ],
        )
    return parsed


async def place_of(
    session: AsyncSession, name: str, phone: str, parsed: ParsedAddress, fallback_street: str
) -> Place:
    """A Place from an address's codes: 2025 names and codes, plus the legacy ones."""
    legacy: tuple[str | None, ...] = (None,) * 5
    if parsed.scheme == "legacy":
        legacy = (
            parsed.ward,
            parsed.district,
            parsed.province,
            parsed.ward_code,
            parsed.province_code,
        )
    elif parsed.ward_code:
        legacy = await _legacy_of(session, parsed.ward_code, parsed.ward) or legacy
    return Place(
        name=name,
        phone=phone,
        street=parsed.street or fallback_street[:200],
        ward=parsed.new_ward,
        province=parsed.new_province,
        ward_code=parsed.new_ward_code,
        province_code=parsed.new_province_code,
        legacy_ward=legacy[0],
        legacy_district=legacy[1],
        legacy_province=legacy[2],
        legacy_ward_code=legacy[3],
        legacy_province_code=legacy[4],
    )


def _unreadable() -> ValidationFailed:
    return ValidationFailed(
        "The address names no province we know",
        code="address_unreadable",
        details=[{"field": "address", "message": "no province found"}],
    )


def order_address_text(order: Order) -> str:
    text = order.address or ""
    for part in (order.ward, order.district, order.province):
        if part and fold(part) not in fold(text):
            text = f"{text}, {part}" if text else part
    return text


async def destination(session: AsyncSession, order: Order, new_ward_code: str | None) -> Place:
    """Where the order goes, from its stored official codes. An order saved before addresses
    had codes that `jobs.read_order_addresses` has not reached yet is read from its text, and
    the codes are kept on it."""
    parsed = structured_addresses.stored(order)
    if parsed is None:
        if not (order.address or order.province):
            raise ValidationFailed(
                "The order has no delivery address",
                code="address_missing",
                details=[{"field": "address", "message": "required to ship"}],
            )
        parsed = address_parser.parse_address(order_address_text(order))
        if parsed.scheme is None:
            raise _unreadable()
        if order.address_scheme is None:
            structured_addresses.store(order, parsed)
    return await place_of(
        session,
        order.customer_name or "Khách hàng",
        order.phone or "",
        _shippable(parsed, new_ward_code),
        order.address or "",
    )


async def for_carrier(client: Carrier, place: Place) -> Place:
    """`place` with the carrier's own ids when the carrier takes ids (`unitmap`)."""
    scheme = getattr(client, "id_scheme", None)
    if scheme is None:
        return place
    official = place.official_ward(scheme)
    if official is None:
        raise CarrierError(
            "address_unsupported",
            f"{registry.DISPLAY_NAMES[client.name]} cần phường/xã của địa chỉ",
        )
    return replace(place, ids=await unitmap.ids_for(client, *official))  # type: ignore[arg-type]


async def with_ids(
    client: Carrier, origin: Place, to: Place, call: Callable[[Place, Place], Awaitable[T]]
) -> T:
    """`call(origin, to)` with the carrier's ids of both places. When the carrier refuses ids
    (its master data changed since it was read), the provinces of both places are read again
    and the call is made once more."""
    looked_up_at = datetime.now(UTC)
    try:
        return await call(await for_carrier(client, origin), await for_carrier(client, to))
    except PlaceIdsRefused:
        scheme = getattr(client, "id_scheme", None)
        if scheme is None:
            raise
        officials = (p.official_ward(scheme) for p in (origin, to))
        for province_code in dict.fromkeys(o[1] for o in officials if o):
            await unitmap.read_again(client, province_code, looked_up_at)  # type: ignore[arg-type]
        return await call(await for_carrier(client, origin), await for_carrier(client, to))


async def _read_pickup_codes(account: CarrierAccount) -> dict[str, Any]:
    """The codes of a pickup saved before they were stored, read from its text once and kept
    (a short transaction of its own: concurrent bookings do not queue on the account row)."""
    codes = PickupCodes.json_of(structured_addresses.read(account.pickup.get("address")))
    async with unit_of_work() as session:
        await session.execute(
            update(CarrierAccount)
            .where(CarrierAccount.id == account.id, ~CarrierAccount.pickup.has_key("codes"))
            .values(pickup=CarrierAccount.pickup.op("||")(literal({"codes": codes}, JSONB)))
        )
    return {**account.pickup, "codes": codes}


async def origin(session: AsyncSession, account: CarrierAccount) -> Place:
    """Where the carrier picks up, from the pickup's stored codes."""
    pickup = account.pickup or {}
    if not pickup.get("address"):
        raise ValidationFailed(
            "The carrier has no pickup address",
            code="pickup_missing",
            details=[
                {"field": "pickup.address", "message": f"set it in the {account.carrier} settings"}
            ],
        )
    if "codes" not in pickup:
        pickup = await _read_pickup_codes(account)
    parsed = structured_addresses.stored(PickupCodes.of(pickup))
    if parsed is None:
        raise ValidationFailed(
            "The pickup address names no province we know",
            code="address_unreadable",
            details=[{"field": "pickup.address", "message": "no province found"}],
        )
    return await place_of(
        session,
        pickup.get("name") or "Shop",
        pickup.get("phone") or "",
        _shippable(parsed, None),
        pickup["address"],
    )


async def parcel_of(session: AsyncSession, order: Order, reference: str, note: str = "") -> Parcel:
    rows = (
        await session.execute(
            select(OrderItem.name, OrderItem.quantity, OrderItem.unit_price).where(
                OrderItem.order_id == order.id
            )
        )
    ).all()
    items = tuple((str(n), int(q), int(p)) for n, q, p in rows)
    return Parcel(
        reference=reference,
        weight_grams=order.weight_grams or DEFAULT_WEIGHT_GRAMS,
        cod_amount=order.cod_amount if order.payment_method == "cod" else 0,
        value=order.subtotal,
        content=", ".join(f"{n} x{q}" for n, q, _ in items)[:500] or f"Đơn {order.code}",
        note=note or (order.note or ""),
        items=items,
    )


# --- quotes ---------------------------------------------------------------------------------


async def quotes(
    session: AsyncSession, workspace_id: int, order_id: int, new_ward_code: str | None
) -> QuotesOut:
    """Every enabled carrier asked at once; one slower than the timeout or failing becomes an
    error entry, never a wait for the others."""
    order = await get_owned(session, Order, order_id, workspace_id, label="Order")
    to = await destination(session, order, new_ward_code)
    parcel = await parcel_of(session, order, order.code)
    accounts = await enabled_accounts(session, workspace_id)
    origins = {a.carrier: await origin(session, a) for a in accounts}
    timeout = get_settings().shipping_quote_timeout_seconds

    async def ask(account: CarrierAccount) -> tuple[str, list[Any] | CarrierError]:
        try:
            async with asyncio.timeout(timeout):
                client = client_of(account)
                return account.carrier, await with_ids(
                    client,
                    origins[account.carrier],
                    to,
                    lambda sender, receiver: client.quote(sender, receiver, parcel),
                )
        except TimeoutError:
            return account.carrier, CarrierError(
                "carrier_timeout",
                f"{registry.DISPLAY_NAMES[account.carrier]} không trả lời trong {timeout:g} giây",
            )
        except CarrierError as exc:
            return account.carrier, exc

    items: list[QuoteOut] = []
    errors: list[QuoteError] = []
    for carrier, result in await asyncio.gather(*(ask(a) for a in accounts)):
        if isinstance(result, CarrierError):
            errors.append(QuoteError(carrier=carrier, code=result.code, message=result.message))  # type: ignore[arg-type]
            continue
        items.extend(
            QuoteOut(
                carrier=carrier,
                service_id=q.service_id,
                service_name=q.service_name,
                fee=q.fee,
                expected_delivery_at=q.expected_delivery_at,
            )  # type: ignore[arg-type]
            for q in result
        )
    items.sort(key=lambda q: (q.fee, q.carrier))
    timed = [q for q in items if q.expected_delivery_at]
    return QuotesOut(
        items=items,
        errors=errors,
        cheapest=items[0].carrier if items else None,
        fastest=min(timed, key=lambda q: (q.expected_delivery_at, q.fee)).carrier
        if timed
        else None,
    )


# --- shipments ------------------------------------------------------------------------------


async def live_shipment(session: AsyncSession, workspace_id: int, order_id: int) -> Shipment | None:
    stmt = owned(Shipment, workspace_id).where(
        Shipment.order_id == order_id, Shipment.status != "cancelled"
    )
    return (await session.execute(stmt)).scalar_one_or_none()


@dataclass(frozen=True, slots=True)
class Sender:
    """What bookings with one carrier account share (a bulk booking reads it once): the
    adapter with its decrypted credentials and the pickup place."""

    carrier: str
    client: Carrier
    origin: Place


async def enabled_account(session: AsyncSession, workspace_id: int, carrier: str) -> CarrierAccount:
    account = await get_account(session, workspace_id, carrier)
    if account is None or not account.enabled:
        raise Conflict(f"{registry.DISPLAY_NAMES[carrier]} is not enabled", code="carrier_disabled")
    return account


async def sender_of(session: AsyncSession, account: CarrierAccount) -> Sender:
    return Sender(account.carrier, client_of(account), await origin(session, account))


async def book(
    session: AsyncSession,
    workspace_id: int,
    order_id: int,
    carrier: str,
    service_id: str | None = None,
    note: str | None = None,
    new_ward_code: str | None = None,
    sender: Sender | None = None,
) -> tuple[Shipment, bool]:
    """Book a closed order with a carrier, once: (shipment, created). A retry (job or click)
    finds the live shipment, or adopts the carrier's order booked under our reference."""
    await locks.lock(session, "shipment_order", order_id)
    earlier = (
        await session.scalars(owned(Shipment, workspace_id).where(Shipment.order_id == order_id))
    ).all()
    existing = next((s for s in earlier if s.status != "cancelled"), None)
    if existing is not None:
        return existing, False
    order = await get_owned(session, Order, order_id, workspace_id, label="Order")
    if order.status != "closed":
        raise Conflict(
            "Only a closed order can be shipped",
            code="order_not_closed",
            details={"status": order.status},
        )
    if sender is not None and sender.carrier != carrier:
        sender = None
    account = None if sender else await enabled_account(session, workspace_id, carrier)
    # A re-booking after a cancel needs a new reference: the carrier keeps the cancelled one.
    reference = order.code if not earlier else f"{order.code}-{len(earlier) + 1}"
    to = await destination(session, order, new_ward_code)
    if sender is None:
        sender = await sender_of(session, account)  # type: ignore[arg-type]
    client = sender.client
    parcel = await parcel_of(session, order, reference, note or "")
    try:
        booking = await with_ids(
            client,
            sender.origin,
            to,
            lambda origin, receiver: client.book(origin, receiver, parcel, service_id),
        )
    except DuplicateReference:
        found = await client.find(reference)
        if found is None:
            raise
        booking = found
    except CarrierError as exc:
        raise CarrierFailed(exc.message, code=exc.code) from None
    now = datetime.now(UTC)
    shipment = Shipment(
        workspace_id=workspace_id,
        order_id=order.id,
        carrier=carrier,
        service_id=service_id,
        tracking_code=booking.tracking_code,
        status="booked",
        status_label=STATUS_LABELS_VI["booked"],
        carrier_status="",
        status_at=now,
        fee=booking.fee,
        cod_amount=parcel.cod_amount,
        expected_delivery_at=booking.expected_delivery_at,
        destination={k: getattr(to, k) for k in to.__slots__},  # type: ignore[attr-defined]
    )
    session.add(shipment)
    await session.flush()
    session.add(
        ShipmentEvent(
            workspace_id=workspace_id,
            shipment_id=shipment.id,
            carrier_status="",
            status="booked",
            label="Đã tạo vận đơn",
            happened_at=now,
        )
    )
    await session.flush()
    emit_event(session, workspace_id, "shipment.updated", shipment_data(shipment))
    return shipment, True


async def cancel(session: AsyncSession, workspace_id: int, shipment_id: int) -> Shipment:
    shipment = await get_owned(
        session, Shipment, shipment_id, workspace_id, for_update=True, label="Shipment"
    )
    if shipment.status == "cancelled":
        return shipment
    if shipment.status not in ("booked", "picking"):
        raise Conflict(
            "The carrier has the parcel already",
            code="cancel_refused",
            details={"status": shipment.status},
        )
    account = await get_account(session, workspace_id, shipment.carrier)
    if account is None:
        raise Conflict("The carrier account is gone", code="carrier_disabled")
    try:
        await client_of(account).cancel(shipment.tracking_code)
    except CarrierError as exc:
        raise Conflict(exc.message, code=exc.code) from None
    from chotdon.shipping import flows

    await flows.apply_update(
        session,
        shipment,
        StatusUpdate(
            shipment.tracking_code, "cancel", "cancelled", "Shop đã huỷ vận đơn", datetime.now(UTC)
        ),
    )
    return shipment


async def label(
    session: AsyncSession, workspace_id: int, shipment_ids: Sequence[int]
) -> tuple[bytes, str]:
    """The printable labels of shipments, in the order given: each carrier is asked once for
    its own, and labels of several carriers are merged into one PDF (one print job)."""
    shipments = [
        await get_owned(session, Shipment, i, workspace_id, label="Shipment")
        for i in dict.fromkeys(shipment_ids)
    ]
    if any(s.status == "cancelled" for s in shipments):
        raise Conflict("A cancelled shipment has no label", code="shipment_cancelled")
    by_carrier: dict[str, list[str]] = {}
    for s in shipments:
        by_carrier.setdefault(s.carrier, []).append(s.tracking_code)
    documents: list[tuple[bytes, str]] = []
    for carrier, codes in by_carrier.items():
        account = await get_account(session, workspace_id, carrier)
        if account is None:
            raise Conflict("The carrier account is gone", code="carrier_disabled")
        try:
            documents.append(await client_of(account).label(codes))
        except CarrierError as exc:
            raise CarrierFailed(exc.message, code=exc.code) from None
    if len(documents) == 1:
        return documents[0]
    try:
        return pdf.merge([content for content, _ in documents]), pdf.PDF
    except CarrierError as exc:
        raise CarrierFailed(exc.message, code=exc.code) from None


async def shipments_of_order(
    session: AsyncSession, workspace_id: int, order_id: int
) -> list[ShipmentOut]:
    await get_owned(session, Order, order_id, workspace_id, label="Order")
    rows = (
        await session.scalars(
            owned(Shipment, workspace_id)
            .where(Shipment.order_id == order_id)
            .order_by(Shipment.id.desc())
        )
    ).all()
    return [await shipment_out(session, s) for s in rows]


async def shipment_out(session: AsyncSession, shipment: Shipment) -> ShipmentOut:
    events = (
        await session.scalars(
            select(ShipmentEvent)
            .where(ShipmentEvent.shipment_id == shipment.id)
            .order_by(ShipmentEvent.happened_at, ShipmentEvent.id)
        )
    ).all()
    return ShipmentOut(
        **shipment_data(shipment),
        events=[
            ShipmentEventOut(
                status=e.status,
                carrier_status=e.carrier_status,
                label=e.label,
                reason=e.reason,
                happened_at=e.happened_at,
            )
            for e in events
        ],
    )


def shipment_data(shipment: Shipment) -> dict[str, Any]:
    return {
        "id": shipment.id,
        "order_id": shipment.order_id,
        "carrier": shipment.carrier,
        "service_id": shipment.service_id,
        "tracking_code": shipment.tracking_code,
        "fee": shipment.fee,
        "cod_amount": shipment.cod_amount,
        "status": shipment.status,
        "status_label": shipment.status_label,
        "carrier_status": shipment.carrier_status,
        "label_url": f"/api/v1/shipments/{shipment.id}/label",
        "expected_delivery_at": shipment.expected_delivery_at,
        "created_at": shipment.created_at,
    }


async def closed_orders_without_shipment(
    session: AsyncSession, workspace_id: int, livestream_id: int
) -> list[int]:
    live = select(Shipment.order_id).where(
        Shipment.workspace_id == workspace_id, Shipment.status != "cancelled"
    )
    stmt = select(Order.id).where(
        Order.workspace_id == workspace_id,
        Order.livestream_id == livestream_id,
        Order.status == "closed",
        Order.id.not_in(live),
    )
    return list((await session.scalars(stmt.order_by(Order.id))).all())


async def live_shipments_of_livestream(
    session: AsyncSession, workspace_id: int, livestream_id: int, carrier: str | None
) -> list[int]:
    stmt = (
        select(Shipment.id)
        .join(Order, Order.id == Shipment.order_id)
        .where(
            Shipment.workspace_id == workspace_id,
            Shipment.status != "cancelled",
            Order.livestream_id == livestream_id,
        )
        .order_by(Shipment.id)
    )
    if carrier is not None:
        stmt = stmt.where(Shipment.carrier == carrier)
    return list((await session.scalars(stmt)).all())


def check_carrier(carrier: str) -> str:
    if carrier not in CARRIERS:
        raise NotFound("Unknown carrier")
    return carrier
