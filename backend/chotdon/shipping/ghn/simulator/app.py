"""GHN's API as documented (shared/shipping-and-addresses.md A1), under `/shiip/public-api`.

Envelope `{"code": 200, "message": "Success", "data": ...}`; errors as GHN sends them (400 with
`code_message`, 401 "Token is not valid!"). Webhooks are JSON POSTs (GHN signs nothing; the
shop's URL carries its secret). Control API: `chotdon.shipping.simcore`.
"""

from __future__ import annotations

import os
import secrets
from datetime import datetime
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response

from chotdon.shipping.masterdata import master_data
from chotdon.shipping.simcore import (
    RetryPolicy,
    SimShipment,
    SimState,
    control_router,
    eta,
    fee_for,
    label_pdf,
    lifespan_with_autopilot,
    post_webhook,
)

BASE = "/shiip/public-api"
LABELS = {
    "ready_to_pick": "Mới tạo đơn hàng",
    "picking": "Nhân viên đang lấy hàng",
    "picked": "Đã lấy hàng",
    "storing": "Hàng đang nằm ở kho",
    "transporting": "Đang luân chuyển hàng",
    "delivering": "Nhân viên đang giao cho người nhận",
    "delivered": "Giao hàng thành công",
    "delivery_fail": "Giao hàng thất bại",
    "waiting_to_return": "Đang đợi trả hàng về cho người gửi",
    "return": "Trả hàng",
    "returning": "Nhân viên đang đi trả hàng",
    "returned": "Trả hàng thành công",
    "cancel": "Hủy đơn hàng",
    "lost": "Hàng bị mất",
}


def ok(data: Any) -> JSONResponse:
    return JSONResponse({"code": 200, "message": "Success", "data": data})


def err(status: int, message: str, code_message: str = "USER_ERR_COMMON") -> JSONResponse:
    body = {"code": status, "message": message, "data": None, "code_message": code_message}
    return JSONResponse(body, status_code=status)


def _order(ship: SimShipment) -> dict[str, Any]:
    return {
        "order_code": ship.code,
        "client_order_code": ship.reference,
        "status": ship.status,
        "cod_amount": ship.cod,
        "weight": ship.weight,
        "to_name": ship.to.get("to_name"),
        "to_ward_code": ship.to.get("to_ward_code"),
        "to_district_id": ship.to.get("to_district_id"),
        "total_fee": ship.fee,
        "log": [{"status": s, "updated_date": at.isoformat()} for s, at in ship.history],
    }


def create_app(webhook_url: str | None = None) -> FastAPI:
    # GHN#47: any answer but 200 is retried 10 times, 5 s apart.
    state = SimState(prefix="GHN", retry=RetryPolicy(retries=10, delay_seconds=5.0))
    state.webhook_url = webhook_url or os.environ.get("GHN_SIM_WEBHOOK_URL") or None
    tokens: dict[str, list[str]] = {}
    md = master_data()
    # This app's own copy: the control API can give a ward a new WardCode.
    ward_lists = {did: list(wards) for did, wards in md.wards.items()}
    ward_to_district = {code: did for did, wards in ward_lists.items() for code, _ in wards}

    def renumber(old: str, new: str) -> bool:
        did = ward_to_district.pop(old, None)
        if did is None:
            return False
        ward_lists[did] = [(new if code == old else code, name) for code, name in ward_lists[did]]
        ward_to_district[new] = did
        return True

    district_province = {did: pid for pid, ds in md.districts.items() for did, _ in ds}
    province_names = {pid: name for pid, name, _ in md.provinces}

    async def send(state: SimState, ship: SimShipment, status: str, at: datetime) -> None:
        await post_webhook(
            state,
            json={
                "CODAmount": ship.cod,
                "CODTransferDate": None,
                "ClientOrderCode": ship.reference,
                "ConvertedWeight": ship.weight,
                "Description": LABELS.get(status, status),
                "Fee": {"MainService": ship.fee, "Insurance": 0, "Total": ship.fee},
                "OrderCode": ship.code,
                "PaymentType": 1,
                "Reason": "",
                "ReasonCode": "",
                "ShopID": int(ship.to.get("shop_id") or 0),
                "Status": status,
                "Time": at.isoformat().replace("+00:00", "Z"),
                "TotalFee": ship.fee,
                "Type": "create" if status == "ready_to_pick" else "switch_status",
                "Warehouse": "Bưu Cục 229 Quan Nhân-Q.Thanh Xuân-HN",
                "Weight": ship.weight,
            },
        )

    router = APIRouter(prefix=BASE)

    async def payload(request: Request) -> dict[str, Any] | JSONResponse:
        token = request.headers.get("token", "")
        if not token or token == "invalid":
            return err(401, "code=401, message=Token is not valid!")
        try:
            body = await request.json()
        except ValueError:
            return err(400, "code=400, message=Syntax error: invalid JSON")
        return body if isinstance(body, dict) else {}

    @router.api_route("/master-data/province", methods=["GET", "POST"])
    async def provinces(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        return ok(
            [
                {"ProvinceID": pid, "ProvinceName": name, "NameExtension": aliases, "Status": 1}
                for pid, name, aliases in md.provinces
            ]
        )

    @router.api_route("/master-data/district", methods=["GET", "POST"])
    async def districts(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        pid = int(body.get("province_id") or request.query_params.get("province_id") or 0)
        return ok(
            [
                {
                    "DistrictID": did,
                    "ProvinceID": pid,
                    "DistrictName": name,
                    "NameExtension": [name],
                    "Status": 1,
                }
                for did, name in md.districts.get(pid, [])
            ]
        )

    @router.api_route("/master-data/ward", methods=["GET", "POST"])
    async def wards(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        did = int(body.get("district_id") or request.query_params.get("district_id") or 0)
        return ok(
            [
                {
                    "WardCode": code,
                    "DistrictID": did,
                    "WardName": name,
                    "NameExtension": [name],
                    "Status": 1,
                }
                for code, name in ward_lists.get(did, [])
            ]
        )

    def _check_to(body: dict[str, Any]) -> JSONResponse | None:
        for side in ("from", "to"):
            district = body.get(f"{side}_district_id")
            ward = str(body.get(f"{side}_ward_code") or "")
            if side == "from" and not (district or ward):
                continue  # GHN#76: the sender defaults to the shop's address
            if not district or ward_to_district.get(ward) != int(district):
                return err(
                    400,
                    f"code=400, message=Sai thông tin địa chỉ: {side}_ward_code / "
                    f"{side}_district_id",
                )
        if not body.get("weight"):
            return err(400, "code=400, message=Weight is required")
        return None

    def _fee(body: dict[str, Any]) -> int:
        pid = district_province.get(int(body["to_district_id"]), 0)
        return fee_for(22000, 5000, int(body["weight"]), province_names.get(pid), "Hà Nội")

    @router.post("/v2/shipping-order/fee")
    async def fee(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        if not await state.before_quote():
            return err(
                500, "code=500, message=Hệ thống đang bận, vui lòng thử lại", "SERVER_ERR_COMMON"
            )
        if problem := _check_to(body):
            return problem
        total = _fee(body)
        return ok({"total": total, "service_fee": total, "insurance_fee": 0, "coupon_value": 0})

    @router.post("/v2/shipping-order/preview")
    async def preview(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        if not await state.before_quote():
            return err(
                500, "code=500, message=Hệ thống đang bận, vui lòng thử lại", "SERVER_ERR_COMMON"
            )
        if problem := _check_to(body):
            return problem
        total = _fee(body)
        return ok(
            {
                "order_code": "",
                "total_fee": total,
                "expected_delivery_time": eta(1).isoformat(),
                "fee": {"main_service": total, "insurance": 0},
            }
        )

    @router.post("/v2/shipping-order/create")
    async def create(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        state.create_calls += 1
        if problem := _check_to(body):
            return problem
        reference = str(body.get("client_order_code") or "")
        if reference and state.by_reference(reference, request.headers.get("token", "")):
            return err(
                400, "code=400, message=Mã đơn hàng của khách (client_order_code) đã tồn tại"
            )
        for field in ("to_name", "to_phone", "to_address"):
            if not body.get(field):
                return err(400, f"code=400, message={field} is required")
        total = _fee(body)
        to = {
            k: body.get(k)
            for k in ("to_name", "to_phone", "to_address", "to_ward_code", "to_district_id")
        }
        to["shop_id"] = request.headers.get("shopid", "0")
        ship = state.add(
            reference,
            str(body.get("service_type_id") or 2),
            total,
            int(body.get("cod_amount") or 0),
            int(body["weight"]),
            to,
            "ready_to_pick",
            account=request.headers.get("token", ""),
        )
        if state.take_drop():
            return JSONResponse({"message": "upstream timeout"}, status_code=502)
        return ok(
            {
                "order_code": ship.code,
                "sort_code": "19-40-07",
                "trans_type": "truck",
                "total_fee": total,
                "expected_delivery_time": eta(1).isoformat(),
                "fee": {"main_service": total, "insurance": 0, "cod_fee": 0},
            }
        )

    @router.post("/v2/shipping-order/detail")
    async def detail(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        ship = state.shipments.get(str(body.get("order_code")))
        if ship is None:
            return err(
                400,
                "Lỗi gọi API: corev2_tenant_order_detail - code=404, message=Đơn hàng không tồn tại",
            )
        return ok(_order(ship))

    @router.post("/v2/shipping-order/detail-by-client-code")
    async def detail_by_client(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        ship = state.by_reference(
            str(body.get("client_order_code")), request.headers.get("token", "")
        )
        if ship is None:
            return err(
                400,
                "Lỗi gọi API: corev2_tenant_order_detail - code=404, message=Đơn hàng không tồn tại",
            )
        return ok([_order(ship)])

    @router.post("/v2/switch-status/cancel")
    async def cancel(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        results = []
        for code in body.get("order_codes") or []:
            ship = state.shipments.get(str(code))
            if ship is None:
                results.append(
                    {"order_code": code, "result": False, "message": "Đơn hàng không tồn tại"}
                )
            elif ship.status not in ("ready_to_pick", "picking", "cancel"):
                results.append(
                    {"order_code": code, "result": False, "message": "Đơn hàng không thể hủy"}
                )
            else:
                if ship.status != "cancel":
                    ship.status = "cancel"
                    ship.history.append(("cancel", datetime.now(ship.created_at.tzinfo)))
                results.append({"order_code": code, "result": True, "message": "OK"})
        return ok(results)

    print_tokens: dict[str, list[str]] = tokens

    @router.post("/v2/a5/gen-token")
    async def gen_token(request: Request) -> JSONResponse:
        body = await payload(request)
        if isinstance(body, JSONResponse):
            return body
        codes = [str(c) for c in body.get("order_codes") or []]
        if not codes or any(c not in state.shipments for c in codes):
            return err(400, "code=400, message=Đơn hàng không tồn tại")
        token = secrets.token_hex(16)
        print_tokens[token] = codes
        return ok({"token": token})

    state.path = ("ready_to_pick", "picking", "picked", "transporting", "delivering", "delivered")
    app = FastAPI(lifespan=lifespan_with_autopilot(state, send), title="GHN simulator")
    app.state.sim = state
    app.include_router(router)
    app.include_router(control_router(state, send, renumber))

    @app.get("/a5/public-api/printA5")
    async def print_a5(token: str = "") -> Response:
        codes = print_tokens.get(token)
        if codes is None:
            return err(400, "code=400, message=Token không hợp lệ hoặc đã hết hạn")
        return Response(label_pdf("GHN A5", codes), media_type="application/pdf")

    return app
