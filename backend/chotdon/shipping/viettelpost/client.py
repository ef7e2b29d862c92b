"""Viettel Post over HTTP with its two-level (2025) ids: provinces and wards from the v3 lists,
the province's pseudo-district "NEW" (matched once per province to our official 2025 codes by
`unitmap`), `getPriceAll` / `createOrder` with those ids; `ORDER_NUMBER` = our order code with
`CHECK_UNIQUE`; webhook parsing and status mapping.

Polling: VTP-DOC documents no order-detail endpoint (its stream is webhook-driven), so status is
read back from `POST /v2/order/getOrderInfo {"ORDER_NUMBER"}` (`TRACK_PATH`), answering the
order's status history as a list of the webhook's `DATA` objects. The path is the one place to
change once VTP confirms theirs; the simulator serves it."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx

from chotdon.shipping import unitmap
from chotdon.shipping.carrier import (
    Booking,
    CarrierError,
    CarrierIds,
    Credentials,
    Parcel,
    Place,
    PlaceIdsRefused,
    Quote,
    ShipmentStatus,
    StatusUpdate,
)
from chotdon.shipping.http import client_for, json_of, unreachable
from chotdon.shipping.unitmap import OfficialProvince

STATUS_MAP: dict[str, ShipmentStatus | None] = {
    "101": "cancelled",
    "107": "cancelled",
    "201": "cancelled",
    "503": "cancelled",
    "102": "booked",
    "103": "booked",
    "104": "picking",
    "105": "in_transit",
    "200": "in_transit",
    "202": "in_transit",
    "300": "in_transit",
    "400": "in_transit",
    "509": "in_transit",
    "500": "delivering",
    "508": "delivering",
    "550": "delivering",
    "501": "delivered",
    "505": "delivery_failed",
    "506": "delivery_failed",
    "507": "delivery_failed",
    "502": "returning",
    "515": "returning",
    "504": "returned",
}


VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _time(value: Any) -> datetime:
    try:
        # dd/MM/yyyy HH:mm:ss, Vietnam time
        local = datetime.strptime(str(value), "%d/%m/%Y %H:%M:%S")
    except ValueError:
        return datetime.now(UTC)
    return local.replace(tzinfo=VN).astimezone(UTC)


TRACK_PATH = "/v2/order/getOrderInfo"
# VTP-DOC §9.4: "Invalid [RECEIVER_WARD]", "Incorrect data: RECEIVER_PROVINCE with address old
# or ... new": ids it does not know (any more).
_PLACE_ID_ERROR = re.compile(
    r"(Invalid \[|Incorrect data: )(SENDER|RECEIVER)_(PROVINCE|DISTRICT|WARD)"
)


def parse_webhook(body: dict[str, Any]) -> StatusUpdate | None:
    return parse_status(body.get("DATA"))


def parse_status(data: Any) -> StatusUpdate | None:
    """One status of an order in VTP's `DATA` shape (webhook or read back)."""
    if (
        not isinstance(data, dict)
        or not data.get("ORDER_NUMBER")
        or data.get("ORDER_STATUS") is None
    ):
        return None
    status = str(data["ORDER_STATUS"])
    return StatusUpdate(
        tracking_code=str(data["ORDER_NUMBER"]),
        carrier_status=status,
        status=STATUS_MAP.get(status),
        label=str(data.get("STATUS_NAME") or status),
        happened_at=_time(data.get("ORDER_STATUSDATE")),
        reason=str(data.get("NOTE") or ""),
    )


class ViettelPostCarrier:
    name = "viettelpost"
    id_scheme = "2025"  # the v3 lists: 34 provinces, wards under the pseudo-district "NEW"

    def __init__(self, base_url: str, credentials: Credentials) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = client_for(self.base_url)
        self.credentials = credentials

    async def _send(self, method: str, path: str, **kw: Any) -> Any:
        try:
            r = await self.http.request(
                method, path, headers={"Token": self.credentials.token}, **kw
            )
        except httpx.HTTPError as exc:
            raise unreachable("Viettel Post", exc) from exc
        data = json_of("Viettel Post", r)
        if isinstance(data, dict) and data.get("error"):
            message = str(data.get("message"))[:300]
            if _PLACE_ID_ERROR.search(message):
                raise PlaceIdsRefused("address_ids_refused", f"Viettel Post: {message}")
            code = "carrier_auth" if r.status_code == 401 else "carrier_error"
            raise CarrierError(code, f"Viettel Post: {message}")
        if r.status_code >= 400:
            raise CarrierError("carrier_error", f"Viettel Post: HTTP {r.status_code}")
        return data

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        return await self._send("POST", path, json=body)

    async def _list(self, path: str, **params: Any) -> list[dict[str, Any]]:
        data = await self._send("GET", path, params=params)
        rows = data.get("data") if isinstance(data, dict) else data
        return rows if isinstance(rows, list) else []

    async def ward_ids(self, province: OfficialProvince) -> dict[str, CarrierIds]:
        """VTP's PROVINCE_ID, pseudo-district "NEW" and WARDS_ID of each 2025 ward."""
        pid = unitmap.match(
            [(province.code, province.names)],
            [
                (str(p["PROVINCE_ID"]), [str(p.get("PROVINCE_NAME") or "")])
                for p in await self._list("/v3/categories/listProvinceNew")
            ],
        ).get(province.code)
        if pid is None:
            return {}
        districts = await self._list("/v2/categories/listDistrict", provinceId=pid)
        new = next((d for d in districts if d.get("DISTRICT_VALUE") == "NEW"), None)
        if new is None:
            return {}
        wards = await self._list("/v3/categories/listWardsNew", provinceId=pid)
        found = unitmap.match(
            [(w.code, [w.name]) for w in province.wards],
            [(str(w["WARDS_ID"]), [str(w.get("WARDS_NAME") or "")]) for w in wards],
        )
        return {code: CarrierIds(pid, str(new["DISTRICT_ID"]), wid) for code, wid in found.items()}

    @staticmethod
    def _ids(role: str, place: Place) -> dict[str, int]:
        if place.ids is None:
            raise CarrierError("address_unsupported", "Viettel Post cần phường/xã (địa chỉ 2025)")
        return {
            f"{role}_PROVINCE": int(place.ids.province_id),
            f"{role}_DISTRICT": int(place.ids.district_id),
            f"{role}_WARD": int(place.ids.ward_id),
        }

    async def quote(self, origin: Place, to: Place, parcel: Parcel) -> list[Quote]:
        data = await self._post(
            "/v2/order/getPriceAll",
            {
                **self._ids("SENDER", origin),
                **self._ids("RECEIVER", to),
                "PRODUCT_TYPE": "HH",
                "PRODUCT_WEIGHT": max(parcel.weight_grams, 1),
                "PRODUCT_PRICE": parcel.value,
                "MONEY_COLLECTION": parcel.cod_amount,
                "TYPE": 1,
            },
        )
        now = datetime.now(UTC)
        quotes = []
        for row in (data.get("data") if isinstance(data, dict) else data) or []:
            hours = "".join(ch for ch in str(row.get("THOI_GIAN") or "") if ch.isdigit())
            quotes.append(
                Quote(
                    service_id=str(row["MA_DV_CHINH"]),
                    service_name=str(row.get("TEN_DICHVU") or row["MA_DV_CHINH"]),
                    fee=int(row["GIA_CUOC"]),
                    expected_delivery_at=now + timedelta(hours=int(hours)) if hours else None,
                )
            )
        return quotes

    async def book(
        self, origin: Place, to: Place, parcel: Parcel, service_id: str | None
    ) -> Booking:
        data = await self._post(
            "/v2/order/createOrder",
            {
                "ORDER_NUMBER": parcel.reference,
                "GROUPADDRESS_ID": 0,
                "SENDER_FULLNAME": origin.name,
                "SENDER_ADDRESS": origin.one_line()[:150],
                "SENDER_PHONE": origin.phone,
                **self._ids("SENDER", origin),
                "RECEIVER_FULLNAME": to.name,
                "RECEIVER_ADDRESS": to.one_line()[:150],
                "RECEIVER_PHONE": to.phone,
                **self._ids("RECEIVER", to),
                "PRODUCT_NAME": parcel.content[:150],
                "PRODUCT_QUANTITY": sum(q for _, q, _ in parcel.items) or 1,
                "PRODUCT_PRICE": parcel.value,
                "PRODUCT_WEIGHT": max(parcel.weight_grams, 1),
                "PRODUCT_TYPE": "HH",
                "ORDER_PAYMENT": 3 if parcel.cod_amount else 1,
                "ORDER_SERVICE": service_id or "VCN",
                "ORDER_NOTE": parcel.note[:150],
                "MONEY_COLLECTION": parcel.cod_amount,
                "CHECK_UNIQUE": True,
                "LIST_ITEM": [
                    {"PRODUCT_NAME": n, "PRODUCT_QUANTITY": q, "PRODUCT_PRICE": p}
                    for n, q, p in parcel.items
                ],
            },
        )
        order = data["data"]
        return Booking(
            tracking_code=str(order["ORDER_NUMBER"]), fee=int(order.get("MONEY_TOTAL") or 0)
        )

    async def find(self, reference: str) -> Booking | None:
        return None  # CHECK_UNIQUE makes a retried create answer with the existing order

    async def cancel(self, tracking_code: str) -> None:
        try:
            await self._post(
                "/v2/order/UpdateOrder",
                {"TYPE": 4, "ORDER_NUMBER": tracking_code, "NOTE": "Shop hủy đơn"},
            )
        except CarrierError as exc:
            raise CarrierError("cancel_refused", exc.message) from None

    async def label(self, tracking_codes: list[str]) -> tuple[bytes, str]:
        expiry = int((time.time() + 3600) * 1000)
        data = await self._post(
            "/v2/order/printing-code", {"EXPIRY_TIME": expiry, "ORDER_ARRAY": tracking_codes}
        )
        parts = urlsplit(self.base_url)
        # Production prints on digitalize.viettelpost.vn; a simulator or proxy serves it itself.
        host = (
            "https://digitalize.viettelpost.vn"
            if parts.netloc.endswith("viettelpost.vn")
            else f"{parts.scheme}://{parts.netloc}"
        )
        try:
            r = await self.http.get(
                f"{host}/DigitalizePrint/report.do",
                params={"type": "2", "bill": data["message"], "showPostage": "1"},
            )
        except httpx.HTTPError as exc:
            raise unreachable("Viettel Post", exc) from exc
        if r.status_code != 200:
            raise CarrierError("carrier_error", f"Viettel Post: in nhãn thất bại ({r.status_code})")
        return r.content, r.headers.get("content-type", "application/pdf").split(";")[0]

    async def track(self, tracking_code: str) -> list[StatusUpdate]:
        data = await self._post(TRACK_PATH, {"ORDER_NUMBER": tracking_code})
        rows = data.get("data") if isinstance(data, dict) else None
        updates = [parse_status(row) for row in rows or []]
        return [u for u in updates if u is not None and u.tracking_code == tracking_code]
