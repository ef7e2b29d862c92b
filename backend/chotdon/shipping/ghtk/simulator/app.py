"""GHTK's API as documented (shared/shipping-and-addresses.md A2): names instead of ids, weight in
grams for the fee and kg in products[] and webhooks, `{"success": ..., "message": ...}` envelope.
Webhooks are form-encoded POSTs to the shop's URL carrying `?hash=<secret>`.
"""

from __future__ import annotations

import os
import secrets
from datetime import datetime

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response

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

STATUS_TEXT = {
    "-1": "Hủy đơn hàng",
    "1": "Chưa tiếp nhận",
    "2": "Đã tiếp nhận",
    "3": "Đã lấy hàng/Đã nhập kho",
    "4": "Đã điều phối giao hàng/Đang giao hàng",
    "5": "Đã giao hàng/Chưa đối soát",
    "6": "Đã đối soát",
    "9": "Không giao được hàng",
    "12": "Đã điều phối lấy hàng/Đang lấy hàng",
    "20": "Đang trả hàng (COD cầm hàng đi trả)",
    "21": "Đã trả hàng (COD đã trả xong hàng)",
}


def fail(message: str, error_code: str = "", status: int = 200) -> JSONResponse:
    body = {
        "success": False,
        "message": message,
        "error_code": error_code,
        "log_id": secrets.token_hex(8),
    }
    return JSONResponse(body, status_code=status)


def create_app(webhook_url: str | None = None) -> FastAPI:
    # api.ghtk.vn: only a 200 counts; a failed webhook is retried once (delay undocumented).
    state = SimState(prefix="S1.A1.", retry=RetryPolicy(retries=1, delay_seconds=5.0))
    state.webhook_url = webhook_url or os.environ.get("GHTK_SIM_WEBHOOK_URL") or None

    async def send(state: SimState, ship: SimShipment, status: str, at: datetime) -> None:
        await post_webhook(
            state,
            data={
                "label_id": ship.code,
                "partner_id": ship.reference,
                "action_time": at.isoformat(),
                "status_id": status,
                "reason_code": "",
                "reason": "",
                "weight": str(ship.weight / 1000),
                "fee": str(ship.fee),
                "pick_money": str(ship.cod),
                "return_part_package": "0",
            },
        )

    router = APIRouter(prefix="/services")

    def authorised(request: Request) -> JSONResponse | None:
        token = request.headers.get("token", "")
        if not token or token == "invalid":
            return fail("Cần cung cấp token hợp lệ", "20101", 401)
        return None

    @router.get("/shipment/fee")
    async def fee(request: Request) -> JSONResponse:
        if problem := authorised(request):
            return problem
        if not await state.before_quote():
            return fail("Hệ thống đang bận", "10101", 500)
        q = request.query_params
        for field in ("pick_province", "pick_district", "province", "weight"):
            if not q.get(field):
                return fail(f"Thiếu thông tin {field}", "30101", 422)
        total = fee_for(
            18000, 2500, int(float(q["weight"])), q.get("province"), q.get("pick_province", "")
        )
        return JSONResponse(
            {
                "success": True,
                "message": "",
                "fee": {
                    "name": "area1",
                    "fee": total,
                    "insurance_fee": 0,
                    "include_vat": 0,
                    "delivery_type": "road",
                    "delivery": True,
                    "extFees": [],
                },
            }
        )

    @router.post("/shipment/order/")
    async def create(request: Request) -> JSONResponse:
        if problem := authorised(request):
            return problem
        state.create_calls += 1
        try:
            body = await request.json()
        except ValueError:
            return fail("Dữ liệu không hợp lệ", "30101", 422)
        order = body.get("order") or {}
        products = body.get("products") or []
        for field in ("id", "pick_name", "name", "tel", "address", "province"):
            if not order.get(field):
                return fail(f"Thiếu thông tin đơn hàng: {field}", "30101", 422)
        if not products:
            return fail("Thiếu thông tin sản phẩm", "30103", 422)
        if state.by_reference(str(order["id"]), request.headers.get("token", "")):
            return fail(f"Mã đơn hàng {order['id']} đã tồn tại", "30102", 422)
        grams = int(
            sum(float(p.get("weight") or 0) * int(p.get("quantity") or 1) for p in products) * 1000
        )
        total = fee_for(18000, 2500, grams, order.get("province"), order.get("pick_province", ""))
        to = {k: order.get(k) for k in ("name", "tel", "address", "province", "district", "ward")}
        ship = state.add(
            str(order["id"]),
            "road",
            total,
            int(order.get("pick_money") or 0),
            grams,
            to,
            "2",
            account=request.headers.get("token", ""),
        )
        if state.take_drop():
            return JSONResponse({"message": "Gateway Timeout"}, status_code=504)
        return JSONResponse(
            {
                "success": True,
                "message": "",
                "order": {
                    "partner_id": ship.reference,
                    "label": ship.code,
                    "area": "1",
                    "fee": str(total),
                    "insurance_fee": "0",
                    "estimated_pick_time": "Sáng " + eta(0).date().isoformat(),
                    "estimated_deliver_time": "Chiều " + eta(3).date().isoformat(),
                    "products": [],
                    "status_id": 2,
                    "tracking_id": int(ship.code.rsplit(".", 1)[-1]),
                    "sorting_code": "A1",
                },
            }
        )

    def _lookup(key: str, request: Request) -> SimShipment | None:
        if key.startswith("partner_id:"):
            return state.by_reference(
                key.removeprefix("partner_id:"), request.headers.get("token", "")
            )
        return state.shipments.get(key) or state.by_reference(key, request.headers.get("token", ""))

    @router.get("/shipment/v2/{key}")
    async def status(key: str, request: Request) -> JSONResponse:
        if problem := authorised(request):
            return problem
        ship = _lookup(key, request)
        if ship is None:
            return fail("Không tìm thấy đơn hàng", "40102")
        return JSONResponse(
            {
                "success": True,
                "message": "",
                "order": {
                    "label_id": ship.code,
                    "partner_id": ship.reference,
                    "status": ship.status,
                    "status_text": STATUS_TEXT.get(ship.status, ship.status),
                    "created": ship.created_at.isoformat(),
                    "modified": ship.history[-1][1].isoformat(),
                    "ship_money": ship.fee,
                    "pick_money": ship.cod,
                    "weight": ship.weight,
                },
            }
        )

    @router.api_route("/shipment/cancel/{key}", methods=["GET", "POST"])
    async def cancel(key: str, request: Request) -> JSONResponse:
        if problem := authorised(request):
            return problem
        ship = _lookup(key, request)
        if ship is None:
            return fail("Không tìm thấy đơn hàng", "40102")
        if ship.status == "-1":
            return JSONResponse({"success": True, "message": "", "log_id": secrets.token_hex(8)})
        if ship.status not in ("1", "2", "12"):
            return fail("Đơn đã lấy hàng, không thể hủy đơn.")
        ship.status = "-1"
        ship.history.append(("-1", datetime.now(ship.created_at.tzinfo)))
        return JSONResponse({"success": True, "message": "", "log_id": secrets.token_hex(8)})

    @router.get("/label/{label}")
    async def label(label: str, request: Request) -> Response:
        if problem := authorised(request):
            return problem
        if label not in state.shipments:
            return fail("Mã vận đơn không hợp lệ, không tìm thấy vận đơn", "40102")
        return Response(label_pdf("GHTK A6", [label]), media_type="application/pdf")

    state.path = ("2", "12", "3", "4", "5")
    app = FastAPI(lifespan=lifespan_with_autopilot(state, send), title="GHTK simulator")
    app.state.sim = state
    app.include_router(router)
    app.include_router(control_router(state, send))
    return app
