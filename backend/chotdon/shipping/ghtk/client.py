"""GHTK over HTTP: names (no ids), fee in grams, products in kg, `order.id` = our order code;
webhook parsing (form or JSON) and status mapping."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

import httpx

from chotdon.shipping import pdf
from chotdon.shipping.carrier import (
    Booking,
    CarrierError,
    Credentials,
    DuplicateReference,
    Parcel,
    Place,
    Quote,
    ShipmentStatus,
    StatusUpdate,
)
from chotdon.shipping.http import client_for, gather_limited, json_of, unreachable
from chotdon.shipping.pdf import PDF

STATUS_MAP: dict[str, ShipmentStatus | None] = {
    "-1": "cancelled",
    "1": "booked",
    "2": "booked",
    "12": "picking",
    "8": "picking",
    "7": None,
    "3": "in_transit",
    "123": "in_transit",
    "4": "delivering",
    "10": "delivering",
    "5": "delivered",
    "6": "delivered",
    "45": "delivered",
    "9": "delivery_failed",
    "49": "delivery_failed",
    "410": "delivering",
    "20": "returning",
    "21": "returned",
    "11": "returned",
    "13": "lost",
}
LABELS = {
    "-1": "Hủy đơn hàng",
    "1": "Chưa tiếp nhận",
    "2": "Đã tiếp nhận",
    "3": "Đã lấy hàng/Đã nhập kho",
    "4": "Đã điều phối giao hàng/Đang giao hàng",
    "5": "Đã giao hàng/Chưa đối soát",
    "6": "Đã đối soát",
    "7": "Không lấy được hàng",
    "8": "Hoãn lấy hàng",
    "9": "Không giao được hàng",
    "10": "Delay giao hàng",
    "11": "Đã đối soát công nợ trả hàng",
    "12": "Đã điều phối lấy hàng/Đang lấy hàng",
    "13": "Đơn hàng bồi hoàn",
    "20": "Đang trả hàng (COD cầm hàng đi trả)",
    "21": "Đã trả hàng (COD đã trả xong hàng)",
}
SERVICE_NAME = "Đường bộ"
LABEL_FETCHES = 8  # labels fetched at once for a bulk print


def _time(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.now(UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _deliver_date(text: str | None) -> datetime | None:
    """ "Chiều 2017-07-01" → that day at 17:00 (Vietnam)."""
    found = re.search(r"\d{4}-\d{2}-\d{2}", text or "")
    if not found:
        return None
    return datetime.combine(date.fromisoformat(found.group()), time(10, 0), tzinfo=UTC)


def parse_webhook(fields: dict[str, Any]) -> StatusUpdate | None:
    label, status = fields.get("label_id"), fields.get("status_id")
    if not label or status is None:
        return None
    status = str(status)
    return StatusUpdate(
        tracking_code=str(label),
        carrier_status=status,
        status=STATUS_MAP.get(status),
        label=LABELS.get(status, status),
        happened_at=_time(fields.get("action_time")),
        reason=str(fields.get("reason") or ""),
    )


class GhtkCarrier:
    name = "ghtk"

    def __init__(self, base_url: str, credentials: Credentials) -> None:
        self.http = client_for(base_url.rstrip("/"))
        self.credentials = credentials

    @property
    def headers(self) -> dict[str, str]:
        return {"Token": self.credentials.token, "X-Client-Source": self.credentials.shop_id}

    async def _send(self, method: str, path: str, **kw: Any) -> httpx.Response:
        try:
            return await self.http.request(method, path, headers=self.headers, **kw)
        except httpx.HTTPError as exc:
            raise unreachable("GHTK", exc) from exc

    def _checked(self, r: httpx.Response) -> dict[str, Any]:
        data = json_of("GHTK", r)
        if not isinstance(data, dict) or not data.get("success"):
            message = str(data.get("message") if isinstance(data, dict) else r.text)[:300]
            if isinstance(data, dict) and data.get("error_code") == "30102":
                raise DuplicateReference("duplicate_reference", message)
            code = "carrier_auth" if r.status_code == 401 else "carrier_error"
            raise CarrierError(code, f"GHTK: {message}")
        return data

    @staticmethod
    def _province(place: Place) -> str:
        return place.legacy_province or place.province or ""

    async def quote(self, origin: Place, to: Place, parcel: Parcel) -> list[Quote]:
        params = {
            "pick_address": origin.street,
            "pick_province": self._province(origin),
            "pick_district": origin.legacy_district or origin.ward or "",
            "address": to.street,
            "province": self._province(to),
            "district": to.legacy_district or to.ward or "",
            "ward": to.legacy_ward or to.ward or "",
            "weight": max(parcel.weight_grams, 1),
            "value": parcel.value,
            "transport": "road",
            "deliver_option": "none",
        }
        data = self._checked(await self._send("GET", "/services/shipment/fee", params=params))
        return [Quote(service_id="road", service_name=SERVICE_NAME, fee=int(data["fee"]["fee"]))]

    async def book(
        self, origin: Place, to: Place, parcel: Parcel, service_id: str | None
    ) -> Booking:
        body = {
            "products": [
                {
                    "name": n,
                    "quantity": q,
                    "price": p,
                    "weight": round(
                        parcel.weight_grams / 1000 / max(len(parcel.items), 1) / max(q, 1), 3
                    ),
                }
                for n, q, p in parcel.items
            ]
            or [
                {
                    "name": parcel.content or "Hàng hóa",
                    "quantity": 1,
                    "weight": parcel.weight_grams / 1000,
                }
            ],
            "order": {
                "id": parcel.reference,
                "pick_name": origin.name,
                "pick_address": origin.street,
                "pick_province": self._province(origin),
                "pick_district": origin.legacy_district or origin.ward or "",
                "pick_tel": origin.phone,
                "name": to.name,
                "tel": to.phone,
                "address": to.street or to.one_line(),
                "province": self._province(to),
                "district": to.legacy_district or "",
                "ward": to.legacy_ward or to.ward or "",
                "hamlet": "Khác",
                "pick_money": parcel.cod_amount,
                "is_freeship": "1",
                "note": parcel.note,
                "value": parcel.value,
                "transport": service_id or "road",
            },
        }
        data = self._checked(
            await self._send("POST", "/services/shipment/order/", params={"ver": "1.5"}, json=body)
        )
        order = data["order"]
        return Booking(
            tracking_code=str(order["label"]),
            fee=int(order.get("fee") or 0),
            expected_delivery_at=_deliver_date(order.get("estimated_deliver_time")),
        )

    async def find(self, reference: str) -> Booking | None:
        r = await self._send("GET", f"/services/shipment/v2/partner_id:{reference}")
        data = json_of("GHTK", r)
        if not isinstance(data, dict) or not data.get("success"):
            return None
        order = data["order"]
        return Booking(tracking_code=str(order["label_id"]), fee=int(order.get("ship_money") or 0))

    async def cancel(self, tracking_code: str) -> None:
        r = await self._send("POST", f"/services/shipment/cancel/{tracking_code}")
        try:
            self._checked(r)
        except CarrierError as exc:
            raise CarrierError("cancel_refused", exc.message) from None

    async def label(self, tracking_codes: list[str]) -> tuple[bytes, str]:
        """GHTK prints one label per request: several are fetched together and merged."""
        return pdf.merge(await gather_limited(self._one_label, tracking_codes, LABEL_FETCHES)), PDF

    async def _one_label(self, tracking_code: str) -> bytes:
        r = await self._send(
            "GET",
            f"/services/label/{tracking_code}",
            params={"original": "portrait", "paper_size": "A6"},
        )
        if r.headers.get("content-type", "").startswith(PDF):
            return r.content
        self._checked(r)
        raise CarrierError("carrier_error", f"GHTK: no label for {tracking_code}")

    async def track(self, tracking_code: str) -> list[StatusUpdate]:
        data = self._checked(await self._send("GET", f"/services/shipment/v2/{tracking_code}"))
        order = data["order"]
        status = str(order["status"])
        return [
            StatusUpdate(
                tracking_code=tracking_code,
                carrier_status=status,
                status=STATUS_MAP.get(status),
                label=str(order.get("status_text") or LABELS.get(status, status)),
                happened_at=_time(order.get("modified")),
            )
        ]
