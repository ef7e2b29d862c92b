"""GHN over HTTP: master data (province → district → ward ids, matched once per province to our
official legacy codes by `unitmap`), fee preview and create with those ids (client_order_code =
our order code), detail, cancel, A5 label; webhook parsing and status mapping."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from chotdon.shipping import unitmap
from chotdon.shipping.carrier import (
    Booking,
    CarrierError,
    CarrierIds,
    Credentials,
    DuplicateReference,
    Parcel,
    Place,
    PlaceIdsRefused,
    Quote,
    ShipmentStatus,
    StatusUpdate,
)
from chotdon.shipping.http import client_for, gather_limited, json_of, unreachable
from chotdon.shipping.unitmap import OfficialProvince

STATUS_MAP: dict[str, ShipmentStatus | None] = {
    "ready_to_pick": "booked",
    "picking": "picking",
    "money_collect_picking": "picking",
    "picked": "in_transit",
    "storing": "in_transit",
    "transporting": "in_transit",
    "sorting": "in_transit",
    "delivering": "delivering",
    "money_collect_delivering": "delivering",
    "delivered": "delivered",
    "delivery_fail": "delivery_failed",
    "waiting_to_return": "returning",
    "return": "returning",
    "return_transporting": "returning",
    "return_sorting": "returning",
    "returning": "returning",
    "return_fail": "returning",
    "returned": "returned",
    "cancel": "cancelled",
    "lost": "lost",
    "damage": "lost",
    "exception": None,
}
LABELS = {
    "ready_to_pick": "Mới tạo đơn hàng",
    "picking": "Nhân viên đang lấy hàng",
    "picked": "Đã lấy hàng",
    "storing": "Hàng đang nằm ở kho",
    "transporting": "Đang luân chuyển hàng",
    "sorting": "Đang phân loại hàng",
    "delivering": "Đang giao hàng",
    "delivered": "Giao hàng thành công",
    "delivery_fail": "Giao hàng thất bại",
    "waiting_to_return": "Chờ trả hàng",
    "returning": "Đang trả hàng",
    "returned": "Trả hàng thành công",
    "cancel": "Hủy đơn hàng",
    "lost": "Hàng bị mất",
}
SERVICE_NAME = "Hàng nhẹ (Chuẩn)"

WARD_LISTS_AT_ONCE = 8
# Words of GHN's 400s about the address ids we sent ("Sai thông tin địa chỉ: to_ward_code").
_PLACE_ID_FIELDS = ("ward_code", "district_id", "WardCode", "DistrictID")


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _names(row: dict[str, Any], key: str) -> list[str]:
    return [str(row.get(key) or ""), *(str(n) for n in row.get("NameExtension") or [])]


def parse_webhook(body: dict[str, Any]) -> StatusUpdate | None:
    code, status = body.get("OrderCode"), body.get("Status")
    if not isinstance(code, str) or not isinstance(status, str):
        return None
    return StatusUpdate(
        tracking_code=code,
        carrier_status=status,
        status=STATUS_MAP.get(status),
        label=str(body.get("Description") or LABELS.get(status, status)),
        happened_at=_time(body.get("Time")),
        reason=str(body.get("Reason") or ""),
    )


class GhnCarrier:
    name = "ghn"
    id_scheme = "legacy"  # GHN's master data is still province → district → ward

    def __init__(self, base_url: str, credentials: Credentials) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = client_for(self.base_url)
        self.credentials = credentials

    async def _call(self, path: str, body: dict[str, Any]) -> Any:
        headers = {"Token": self.credentials.token, "ShopId": self.credentials.shop_id}
        try:
            r = await self.http.post(path, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise unreachable("GHN", exc) from exc
        data = json_of("GHN", r)
        if not isinstance(data, dict) or data.get("code") != 200:
            message = str(data.get("message") if isinstance(data, dict) else r.text)[:300]
            if "client_order_code" in message and "tồn tại" in message:
                raise DuplicateReference("duplicate_reference", message)
            if r.status_code == 400 and any(f in message for f in _PLACE_ID_FIELDS):
                raise PlaceIdsRefused("address_ids_refused", f"GHN: {message}")
            code = "carrier_auth" if r.status_code == 401 else "carrier_error"
            raise CarrierError(code, f"GHN: {message}")
        return data.get("data")

    async def ward_ids(self, province: OfficialProvince) -> dict[str, CarrierIds]:
        """GHN's DistrictID + WardCode of each legacy ward of `province` (its master data)."""
        provinces = await self._call("/master-data/province", {})
        pid = unitmap.match(
            [(province.code, province.names)],
            [(str(p["ProvinceID"]), _names(p, "ProvinceName")) for p in provinces or []],
        ).get(province.code)
        if pid is None:
            return {}
        districts = await self._call("/master-data/district", {"province_id": int(pid)})
        ours = province.districts()
        district_ids = unitmap.match(
            [(code, [name]) for code, (name, _) in ours.items()],
            [(str(d["DistrictID"]), _names(d, "DistrictName")) for d in districts or []],
        )

        async def wards_of(district_code: str) -> dict[str, CarrierIds]:
            did = district_ids[district_code]
            wards = await self._call("/master-data/ward", {"district_id": int(did)})
            found = unitmap.match(
                [(w.code, [w.name]) for w in ours[district_code][1]],
                [(str(w["WardCode"]), _names(w, "WardName")) for w in wards or []],
            )
            return {code: CarrierIds(pid, did, ward) for code, ward in found.items()}

        ids: dict[str, CarrierIds] = {}
        for part in await gather_limited(wards_of, list(district_ids), WARD_LISTS_AT_ONCE):
            ids.update(part)
        return ids

    @staticmethod
    def _ids(place: Place) -> CarrierIds:
        if place.ids is None:
            raise CarrierError("address_unsupported", "GHN cần quận/huyện và phường/xã")
        return place.ids

    def _order_body(self, origin: Place, to: Place, parcel: Parcel) -> dict[str, Any]:
        sender, receiver = self._ids(origin), self._ids(to)
        return {
            "payment_type_id": 2,
            "required_note": "CHOXEMHANGKHONGTHU",
            "from_name": origin.name,
            "from_phone": origin.phone,
            "from_address": origin.street,
            "from_district_id": int(sender.district_id),
            "from_ward_code": sender.ward_id,
            "to_name": to.name,
            "to_phone": to.phone,
            "to_address": to.one_line(),
            "to_ward_code": receiver.ward_id,
            "to_district_id": int(receiver.district_id),
            "cod_amount": parcel.cod_amount,
            "content": parcel.content[:2000],
            "weight": max(parcel.weight_grams, 1),
            "length": 20,
            "width": 15,
            "height": 10,
            "insurance_value": min(parcel.value, 5_000_000),
            "service_type_id": 2,
            "client_order_code": parcel.reference,
            "note": parcel.note,
            "items": [
                {"name": n, "quantity": q, "price": p, "weight": 100} for n, q, p in parcel.items
            ],
        }

    async def quote(self, origin: Place, to: Place, parcel: Parcel) -> list[Quote]:
        data = await self._call("/v2/shipping-order/preview", self._order_body(origin, to, parcel))
        return [
            Quote(
                service_id="2",
                service_name=SERVICE_NAME,
                fee=int(data["total_fee"]),
                expected_delivery_at=_time(data.get("expected_delivery_time")),
            )
        ]

    async def book(
        self, origin: Place, to: Place, parcel: Parcel, service_id: str | None
    ) -> Booking:
        data = await self._call("/v2/shipping-order/create", self._order_body(origin, to, parcel))
        return Booking(
            tracking_code=str(data["order_code"]),
            fee=int(data.get("total_fee") or 0),
            expected_delivery_at=_time(data.get("expected_delivery_time")),
        )

    async def find(self, reference: str) -> Booking | None:
        try:
            data = await self._call(
                "/v2/shipping-order/detail-by-client-code", {"client_order_code": reference}
            )
        except CarrierError as exc:
            if "không tồn tại" in exc.message:
                return None
            raise
        order = data[0] if isinstance(data, list) and data else data
        if not order:
            return None
        return Booking(tracking_code=str(order["order_code"]), fee=int(order.get("total_fee") or 0))

    async def cancel(self, tracking_code: str) -> None:
        data = await self._call("/v2/switch-status/cancel", {"order_codes": [tracking_code]})
        result = next((r for r in data or [] if r.get("order_code") == tracking_code), None)
        if not result or not result.get("result"):
            raise CarrierError(
                "cancel_refused", f"GHN: {(result or {}).get('message', 'không hủy được')}"
            )

    async def label(self, tracking_codes: list[str]) -> tuple[bytes, str]:
        data = await self._call("/v2/a5/gen-token", {"order_codes": tracking_codes})
        root = self.base_url.removesuffix("/shiip/public-api")
        try:
            r = await self.http.get(
                f"{root}/a5/public-api/printA5", params={"token": data["token"]}
            )
        except httpx.HTTPError as exc:
            raise unreachable("GHN", exc) from exc
        if r.status_code != 200:
            raise CarrierError("carrier_error", f"GHN: in nhãn thất bại ({r.status_code})")
        return r.content, r.headers.get("content-type", "application/pdf").split(";")[0]

    async def track(self, tracking_code: str) -> list[StatusUpdate]:
        order = await self._call("/v2/shipping-order/detail", {"order_code": tracking_code})
        return [
            StatusUpdate(
                tracking_code=tracking_code,
                carrier_status=str(entry["status"]),
                status=STATUS_MAP.get(str(entry["status"])),
                label=LABELS.get(str(entry["status"]), str(entry["status"])),
                happened_at=_time(entry.get("updated_date")),
            )
            for entry in order.get("log") or []
        ]
