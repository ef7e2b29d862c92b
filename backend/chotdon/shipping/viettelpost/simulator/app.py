"""Viettel Post's API as documented (shared/shipping-and-addresses.md A3): the 2025 lists (v3
provinces and wards, each province's pseudo-district "NEW"), `getPriceAll` and `createOrder`
with those ids (mixed old/new ids refused with VTP's message), `UpdateOrder` TYPE 4 to cancel, `printing-code` then the print page; envelope
`{"status": 200, "error": false, "message": "OK", "data": ...}`. Webhooks are JSON `{DATA, TOKEN}`
with the shop's secret in `Authorization`. `getOrderInfo` (status read-back) is not in VTP-DOC:
it stands for whichever endpoint VTP confirms (the client's TRACK_PATH).
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response

from chotdon.shipping.masterdata import master_data
from chotdon.shipping.simcore import (
    RetryPolicy,
    SimShipment,
    SimState,
    control_router,
    fee_for,
    label_pdf,
    lifespan_with_autopilot,
    post_webhook,
)

STATUS_NAMES = {
    "101": "VTP từ chối nhận",
    "102": "Đơn hàng chờ xử lý",
    "103": "Giao cho bưu cục",
    "104": "Giao cho Bưu tá đi nhận",
    "105": "Bưu tá đã nhận hàng",
    "107": "Đối tác yêu cầu hủy qua API",
    "200": "Nhận từ bưu tá - Bưu cục gốc",
    "300": "Khai thác đi",
    "400": "Khai thác đến",
    "500": "Giao bưu tá đi phát",
    "501": "Phát thành công",
    "502": "Chuyển hoàn bưu cục gốc",
    "503": "Hủy - Theo yêu cầu khách hàng",
    "504": "Hoàn thành công - Chuyển trả người gửi",
    "505": "Phát thất bại - Yêu cầu chuyển hoàn",
    "506": "Phát thất bại",
}
LEVELS = ("PROVINCE", "DISTRICT", "WARD")
NEW_DISTRICT_BASE = 100_000_000  # each 2025 province's pseudo-district "NEW" (VTP-DOC §1.1.2)
SERVICES = [("VCN", "Chuyển phát nhanh", 1.0, 1), ("LCOD", "TMĐT Tiết kiệm", 0.8, 4)]


def ok(data: Any, message: str = "OK") -> JSONResponse:
    return JSONResponse({"status": 200, "error": False, "message": message, "data": data})


def fail(message: str, status: int = 200) -> JSONResponse:
    return JSONResponse(
        {"status": status, "error": True, "message": message, "data": None}, status_code=status
    )


def create_app(webhook_url: str | None = None) -> FastAPI:
    # VTP-DOC §7.1: anything but 200 is retried 5 times (delay undocumented).
    state = SimState(prefix="VTP", retry=RetryPolicy(retries=5, delay_seconds=5.0))
    state.webhook_url = webhook_url or os.environ.get("VIETTELPOST_SIM_WEBHOOK_URL") or None
    print_codes: dict[str, list[str]] = {}

    def status_data(ship: SimShipment, status: str, at: datetime) -> dict[str, Any]:
        """An order's status in the `DATA` shape of VTP's webhook."""
        local = at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
        return {
            "ORDER_NUMBER": ship.code,
            "ORDER_REFERENCE": ship.reference,
            "ORDER_STATUSDATE": local.strftime("%d/%m/%Y %H:%M:%S"),
            "ORDER_STATUS": int(status),
            "STATUS_NAME": STATUS_NAMES.get(status, status),
            "LOCALION_CURRENTLY": "HNI, GLM, Bưu cục Gia Lâm",
            "LOCATION_CURRENTLY": "HNI, GLM, Bưu cục Gia Lâm",
            "NOTE": "",
            "MONEY_COLLECTION": ship.cod,
            "MONEY_TOTAL": ship.fee,
            "PRODUCT_WEIGHT": ship.weight,
            "ORDER_SERVICE": ship.service,
            "ORDER_PAYMENT": 3,
            "IS_RETURNING": status in ("502", "504", "505"),
            "REASON_CODE": None,
        }

    async def send(state: SimState, ship: SimShipment, status: str, at: datetime) -> None:
        await post_webhook(
            state,
            headers={"Authorization": state.webhook_secret},
            json={"DATA": status_data(ship, status, at), "TOKEN": "0333333333"},
        )

    router = APIRouter()

    def _auth(request: Request) -> JSONResponse | None:
        token = request.headers.get("token", "")
        if not token or token == "invalid":
            return fail("Token invalid or expired", 401)
        return None

    async def payload(request: Request) -> dict[str, Any] | JSONResponse:
        if problem := _auth(request):
            return problem
        try:
            body = await request.json()
        except ValueError:
            return fail("Invalid JSON", 400)
        return body if isinstance(body, dict) else {}

    md = master_data()
    province_names = dict(md.new_provinces)
    # This app's own copy: the control API can give a ward a new WARDS_ID.
    ward_lists = {pid: list(wards) for pid, wards in md.new_wards.items()}
    ward_province = {wid: pid for pid, wards in ward_lists.items() for wid, _ in wards}

    def renumber(old: str, new: str) -> bool:
        try:
            old_id, new_id = int(old), int(new)
        except ValueError:
            return False
        pid = ward_province.pop(old_id, None)
        if pid is None:
            return False
        ward_lists[pid] = [(new_id if w == old_id else w, n) for w, n in ward_lists[pid]]
        ward_province[new_id] = pid
        return True

    def new_district(pid: int) -> int:
        return NEW_DISTRICT_BASE + pid

    def _fee(weight: int, province: str, factor: float) -> int:
        return int(fee_for(20000, 4000, weight, province, "Hà Nội") * factor)

    def _place(body: dict[str, Any], role: str) -> int | JSONResponse:
        """The province id of a sender/receiver given as 2025 ids (ward inside the province,
        district = the province's "NEW"); VTP's own error messages otherwise."""
        try:
            pid, did, wid = (int(body.get(f"{role}_{k}") or 0) for k in LEVELS)
        except (TypeError, ValueError):
            return fail(f"Invalid [{role}_WARD]")
        if pid not in province_names:
            return fail(f"Incorrect data: {role}_PROVINCE")
        if did != new_district(pid):
            return fail(
                f"Incorrect data: {role}_PROVINCE with address old or {role}_DISTRICT "
                "with address new"
            )
        if ward_province.get(wid) != pid:
            return fail(f"Invalid [{role}_WARD]")
        return pid

    @router.get("/v3/categories/listProvinceNew")
    async def provinces_new(request: Request) -> JSONResponse:
        if problem := _auth(request):
            return problem
        return ok(
            [
                {"PROVINCE_ID": pid, "PROVINCE_CODE": f"P{pid:02d}", "PROVINCE_NAME": name}
                for pid, name in md.new_provinces
            ]
        )

    @router.get("/v2/categories/listDistrict")
    async def districts(request: Request, provinceId: int = -1) -> JSONResponse:
        if problem := _auth(request):
            return problem
        pids = list(province_names) if provinceId == -1 else [provinceId]
        return ok(
            [
                {
                    "DISTRICT_ID": new_district(pid),
                    "DISTRICT_VALUE": "NEW",
                    "DISTRICT_NAME": "Bỏ qua - Sử dụng địa chỉ 2 cấp",
                    "PROVINCE_ID": pid,
                }
                for pid in pids
                if pid in province_names
            ]
        )

    @router.get("/v3/categories/listWardsNew")
    async def wards_new(request: Request, provinceId: int = 0) -> JSONResponse:
        if problem := _auth(request):
            return problem
        return ok(
            [
                {"WARDS_ID": wid, "WARDS_NAME": name, "DISTRICT_ID": new_district(provinceId)}
                for wid, name in ward_lists.get(provinceId, [])
            ]
        )

    @router.post("/v2/order/getPriceAll")
    async def price_all(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        if not await state.before_quote():
            return fail("Hệ thống bận", 500)
        for role in ("SENDER", "RECEIVER"):
            if isinstance(pid := _place(body, role), JSONResponse):
                return pid
        province = province_names[int(body["RECEIVER_PROVINCE"])]
        weight = int(body.get("PRODUCT_WEIGHT") or 0)
        return JSONResponse(  # a bare array, as documented
            [
                {
                    "MA_DV_CHINH": code,
                    "TEN_DICHVU": name,
                    "GIA_CUOC": _fee(weight, province, factor),
                    "THOI_GIAN": f"{hours * 24} giờ",
                    "EXCHANGE_WEIGHT": weight,
                    "EXTRA_SERVICE": [],
                }
                for code, name, factor, hours in SERVICES
            ]
        )

    @router.post("/v2/order/createOrder")
    async def create(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        state.create_calls += 1
        for field in (
            "ORDER_NUMBER",
            "SENDER_FULLNAME",
            "SENDER_ADDRESS",
            "SENDER_PHONE",
            "RECEIVER_FULLNAME",
            "RECEIVER_ADDRESS",
            "RECEIVER_PHONE",
            "ORDER_SERVICE",
        ):
            if not body.get(field):
                return fail(f"Incorrect data: {field}")
        for role in ("SENDER", "RECEIVER"):
            if isinstance(pid := _place(body, role), JSONResponse):
                return pid
        service = next((s for s in SERVICES if s[0] == body["ORDER_SERVICE"]), None)
        if service is None:
            return fail("Incorrect data: ORDER_SERVICE")
        existing = state.by_reference(str(body["ORDER_NUMBER"]), request.headers.get("token", ""))
        if existing and body.get("CHECK_UNIQUE"):
            ship = existing
        elif existing:
            return fail("ORDER_NUMBER đã tồn tại")
        else:
            weight = int(body.get("PRODUCT_WEIGHT") or 50)
            province = province_names[int(body["RECEIVER_PROVINCE"])]
            to = {
                k: body.get(k)
                for k in (
                    "RECEIVER_FULLNAME",
                    "RECEIVER_PHONE",
                    "RECEIVER_ADDRESS",
                    "RECEIVER_PROVINCE",
                    "RECEIVER_DISTRICT",
                    "RECEIVER_WARD",
                    "SENDER_PROVINCE",
                    "SENDER_WARD",
                )
            }
            ship = state.add(
                str(body["ORDER_NUMBER"]),
                service[0],
                _fee(weight, province, service[2]),
                int(body.get("MONEY_COLLECTION") or 0),
                weight,
                to,
                "102",
                account=request.headers.get("token", ""),
            )
        if state.take_drop():
            return JSONResponse({"message": "Gateway Timeout"}, status_code=504)
        return ok(
            {
                "ORDER_NUMBER": ship.code,
                "MONEY_COLLECTION": ship.cod,
                "EXCHANGE_WEIGHT": ship.weight,
                "MONEY_TOTAL": ship.fee,
                "MONEY_TOTAL_FEE": ship.fee,
                "MONEY_FEE": ship.fee,
                "MONEY_COLLECTION_FEE": 0,
                "MONEY_OTHER_FEE": 0,
                "MONEY_VAS": 0,
                "MONEY_VAT": 0,
                "KPI_HT": service[3] * 24,
                "RECEIVER_PROVINCE": body["RECEIVER_PROVINCE"],
                "RECEIVER_DISTRICT": body["RECEIVER_DISTRICT"],
                "RECEIVER_WARD": body["RECEIVER_WARD"],
            }
        )

    @router.post("/v2/order/UpdateOrder")
    async def update(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        ship = state.shipments.get(str(body.get("ORDER_NUMBER")))
        if ship is None:
            return fail("Order does not exist")
        if int(body.get("TYPE") or 0) != 4:
            return fail("Incorrect data: TYPE")
        if ship.status in ("107", "503"):
            return ok(None, "Hủy đơn hàng thành công")
        if int(ship.status) >= 200 or ship.status == "105":
            return fail("Đơn hàng đã được bưu tá nhận, không thể hủy")
        ship.status = "107"
        ship.history.append(("107", datetime.now(UTC)))
        return ok(None, "Hủy đơn hàng thành công")

    @router.post("/v2/order/getOrderInfo")
    async def order_info(request: Request) -> JSONResponse:
        """Not in VTP-DOC (see the client's TRACK_PATH): the order's status history."""
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        ship = state.shipments.get(str(body.get("ORDER_NUMBER")))
        if ship is None or ship.account != request.headers.get("token", ""):
            return fail("Order does not exist")
        return ok([status_data(ship, status, at) for status, at in ship.history])

    @router.post("/v2/order/printing-code")
    async def printing_code(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        codes = [str(c) for c in body.get("ORDER_ARRAY") or []]
        if not codes or len(codes) > 100 or any(c not in state.shipments for c in codes):
            return fail("Order does not exist")
        code = secrets.token_urlsafe(24)
        print_codes[code] = codes
        return JSONResponse({"status": 200, "error": False, "message": code, "data": None})

    @router.get("/DigitalizePrint/report.do")
    async def print_page(bill: str = "", type: str = "1") -> Response:
        codes = print_codes.get(bill)
        if codes is None:
            return fail("Mã in không hợp lệ", 404)
        return Response(label_pdf("Viettel Post", codes), media_type="application/pdf")

    state.path = ("102", "105", "200", "500", "501")
    app = FastAPI(lifespan=lifespan_with_autopilot(state, send), title="Viettel Post simulator")
    app.state.sim = state
    app.include_router(router)
    app.include_router(control_router(state, send, renumber))
    return app
