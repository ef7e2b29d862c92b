"""`/api/v1/carriers`, quotes and shipments of orders (API.md "Shipping")."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse, Response

from chotdon.core.after_commit import enqueue_job
from chotdon.core.auth import AdminPrincipal, CurrentPrincipal, SessionDep
from chotdon.core.errors import ValidationFailed
from chotdon.core.tenant import get_owned
from chotdon.shipping import service
from chotdon.shipping.carrier import CARRIERS
from chotdon.shipping.jobs import BULK_CHUNK
from chotdon.shipping.models import Shipment
from chotdon.shipping.schemas import (
    BulkShipmentsIn,
    BulkShipmentsOut,
    CarrierAccountIn,
    CarrierAccountList,
    CarrierAccountOut,
    LabelsIn,
    QuoteIn,
    QuotesOut,
    ShipmentIn,
    ShipmentList,
    ShipmentOut,
)

router = APIRouter(tags=["shipping"])
CarrierPath = Annotated[str, Path(pattern="^(ghn|ghtk|viettelpost)$")]
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "The carrier's label"}
}


@router.get("/carriers", response_model=CarrierAccountList)
async def list_carriers(principal: AdminPrincipal, session: SessionDep) -> CarrierAccountList:
    return CarrierAccountList(
        items=[
            service.account_out(c, await service.get_account(session, principal.workspace_id, c))
            for c in CARRIERS
        ]
    )


@router.get("/carriers/{carrier}", response_model=CarrierAccountOut)
async def get_carrier(
    carrier: CarrierPath, principal: AdminPrincipal, session: SessionDep
) -> CarrierAccountOut:
    return service.account_out(
        carrier, await service.get_account(session, principal.workspace_id, carrier)
    )


@router.put("/carriers/{carrier}", response_model=CarrierAccountOut)
async def put_carrier(
    carrier: CarrierPath, body: CarrierAccountIn, principal: AdminPrincipal, session: SessionDep
) -> CarrierAccountOut:
    return service.account_out(
        carrier, await service.put_account(session, principal, carrier, body)
    )


@router.post("/orders/{order_id}/shipping-quotes", response_model=QuotesOut)
async def shipping_quotes(
    order_id: int, principal: CurrentPrincipal, session: SessionDep, body: QuoteIn | None = None
) -> QuotesOut:
    return await service.quotes(
        session, principal.workspace_id, order_id, body.new_ward_code if body else None
    )


@router.post("/orders/{order_id}/shipments", response_model=ShipmentOut, status_code=201)
async def create_shipment(
    order_id: int, body: ShipmentIn, principal: CurrentPrincipal, session: SessionDep
) -> ShipmentOut | JSONResponse:
    shipment, created = await service.book(
        session,
        principal.workspace_id,
        order_id,
        body.carrier,
        body.service_id,
        body.note,
        body.new_ward_code,
    )
    out = await service.shipment_out(session, shipment)
    if not created:  # already booked: the same shipment, not a second one
        return JSONResponse(out.model_dump(mode="json"), status_code=200)
    return out


@router.get("/orders/{order_id}/shipments", response_model=ShipmentList)
async def list_shipments(
    order_id: int, principal: CurrentPrincipal, session: SessionDep
) -> ShipmentList:
    return ShipmentList(
        items=await service.shipments_of_order(session, principal.workspace_id, order_id)
    )


@router.get("/shipments/{shipment_id}", response_model=ShipmentOut)
async def get_shipment(
    shipment_id: int, principal: CurrentPrincipal, session: SessionDep
) -> ShipmentOut:
    shipment = await get_owned(
        session, Shipment, shipment_id, principal.workspace_id, label="Shipment"
    )
    return await service.shipment_out(session, shipment)


@router.post("/shipments/{shipment_id}/cancel", response_model=ShipmentOut)
async def cancel_shipment(
    shipment_id: int, principal: CurrentPrincipal, session: SessionDep
) -> ShipmentOut:
    shipment = await service.cancel(session, principal.workspace_id, shipment_id)
    return await service.shipment_out(session, shipment)


@router.get("/shipments/{shipment_id}/label", response_class=Response, responses=PDF)
async def shipment_label(
    shipment_id: int, principal: CurrentPrincipal, session: SessionDep
) -> Response:
    content, media_type = await service.label(session, principal.workspace_id, [shipment_id])
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'inline; filename="label-{shipment_id}.pdf"'},
    )


@router.post("/shipments/labels", response_class=Response, responses=PDF)
async def shipment_labels(
    body: LabelsIn, principal: CurrentPrincipal, session: SessionDep
) -> Response:
    """Several labels in one printable PDF, whatever their carriers (merged)."""
    ids = list(body.shipment_ids)
    if body.livestream_id is not None:
        ids += await service.live_shipments_of_livestream(
            session, principal.workspace_id, body.livestream_id, body.carrier
        )
    if not ids:
        raise ValidationFailed(
            "No shipment to print", details=[{"field": "shipment_ids", "message": "empty"}]
        )
    content, media_type = await service.label(session, principal.workspace_id, ids[:100])
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": 'inline; filename="labels.pdf"'},
    )


@router.post("/shipments/bulk", response_model=BulkShipmentsOut, status_code=202)
async def bulk_shipments(
    body: BulkShipmentsIn, principal: CurrentPrincipal, session: SessionDep
) -> BulkShipmentsOut:
    """Book many closed orders (or a livestream's) with one carrier, in the background."""
    order_ids = list(dict.fromkeys(body.order_ids))
    if body.livestream_id is not None:
        order_ids += await service.closed_orders_without_shipment(
            session, principal.workspace_id, body.livestream_id
        )
    if not order_ids:
        raise ValidationFailed(
            "No orders to ship", details=[{"field": "order_ids", "message": "empty"}]
        )
    account = await service.get_account(session, principal.workspace_id, body.carrier)
    if account is None or not account.enabled:
        raise ValidationFailed(
            "This carrier is not enabled",
            code="carrier_disabled",
            details=[{"field": "carrier", "message": "not enabled"}],
        )
    queued = list(dict.fromkeys(order_ids))
    for start in range(0, len(queued), BULK_CHUNK):
        chunk = queued[start : start + BULK_CHUNK]
        # the same chunk asked twice while queued (a double click) is queued once
        key = hashlib.sha256(",".join(map(str, chunk)).encode()).hexdigest()[:16]
        enqueue_job(
            session,
            "book_shipments",
            principal.workspace_id,
            chunk,
            body.carrier,
            body.service_id,
            job_id=f"bookmany:{principal.workspace_id}:{body.carrier}:{key}",
        )
    return BulkShipmentsOut(queued=queued)
