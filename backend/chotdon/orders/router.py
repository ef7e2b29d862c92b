"""HTTP for products, orders, warehouses, shipping rates and order settings (thin handlers)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Header, Query, Response, UploadFile, status
from fastapi.responses import HTMLResponse, StreamingResponse

from chotdon.accounts.models import Workspace
from chotdon.addresses import structured as structured_addresses
from chotdon.core.auth import AdminPrincipal, CurrentPrincipal, SessionDep
from chotdon.core.errors import ValidationFailed
from chotdon.core.pagination import Page, PageParams, decode_cursor, encode_cursor, page_params
from chotdon.core.tenant import owned
from chotdon.orders import catalog, export, printing, receipt, shipping
from chotdon.orders import service as orders_service
from chotdon.orders.models import Warehouse
from chotdon.orders.schemas import (
    BulkResult,
    BulkTransitionIn,
    BulkTransitionOut,
    ImportResult,
    OrderDetailOut,
    OrderIn,
    OrderItemIn,
    OrderOut,
    OrderPatch,
    OrderPrefillOut,
    OrderSettings,
    OrderSettingsIn,
    ProductIn,
    ProductOut,
    ProductPatch,
    ShippingEstimateIn,
    ShippingQuoteOut,
    ShippingRateOut,
    ShippingRatesIn,
    TransitionIn,
    WarehouseIn,
    WarehouseOut,
    WarehousePatch,
)
from chotdon.orders.serializers import order_detail_out, orders_out
from chotdon.orders.service import Actor, ItemSpec, OrderChanges, OrderFilters

router = APIRouter(tags=["orders"])
products_router = APIRouter(tags=["products"])

Pagination = Annotated[PageParams, Depends(page_params)]
MAX_UPLOAD = 10 * 1024 * 1024


# --------------------------------------------------------------------------- products


@products_router.get("/products", response_model=Page[ProductOut])
async def list_products(
    session: SessionDep,
    principal: CurrentPrincipal,
    page: Pagination,
    q: Annotated[str | None, Query(max_length=200)] = None,
    sku: Annotated[str | None, Query(max_length=64)] = None,
    active: bool | None = None,
    in_stock: bool | None = None,
) -> Page[ProductOut]:
    rows, next_cursor = await catalog.list_products(
        session,
        principal.workspace_id,
        q=q,
        sku=sku,
        active=active,
        in_stock=in_stock,
        limit=page.limit,
        cursor=page.cursor,
    )
    return Page(items=await catalog.products_out(session, rows), next_cursor=next_cursor)


@products_router.post("/products", status_code=status.HTTP_201_CREATED, response_model=ProductOut)
async def create_product(
    body: ProductIn, session: SessionDep, principal: AdminPrincipal
) -> ProductOut:
    product = await catalog.create_product(session, principal.workspace_id, body)
    return (await catalog.products_out(session, [product]))[0]


async def _all_products(session, workspace_id: int) -> list[ProductOut]:
    out: list[ProductOut] = []
    cursor = None
    while True:
        rows, cursor = await catalog.list_products(session, workspace_id, limit=200, cursor=cursor)
        out.extend(await catalog.products_out(session, rows))
        if cursor is None:
            return out


@products_router.get(
    "/products/export.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "The catalogue as CSV"}},
)
async def export_products_csv(session: SessionDep, principal: AdminPrincipal) -> Response:
    rows = catalog.export_rows(await _all_products(session, principal.workspace_id))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(catalog.EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([export.safe_cell(v) for v in row])
    return Response(
        content="\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="san-pham.csv"'},
    )


@products_router.get(
    "/products/export.xlsx",
    response_class=Response,
    responses={
        200: {"content": {export.XLSX_MEDIA_TYPE: {}}, "description": "The catalogue as XLSX"}
    },
)
async def export_products_xlsx(session: SessionDep, principal: AdminPrincipal) -> Response:
    from openpyxl import Workbook

    rows = catalog.export_rows(await _all_products(session, principal.workspace_id))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sản phẩm")
    sheet.append(catalog.EXPORT_COLUMNS)
    for row in rows:
        sheet.append([export.safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return Response(
        content=buffer.getvalue(),
        media_type=export.XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": 'attachment; filename="san-pham.xlsx"'},
    )


@products_router.post("/products/import", response_model=ImportResult)
async def import_products(
    session: SessionDep,
    principal: AdminPrincipal,
    file: Annotated[UploadFile, File(description="CSV (UTF-8) or XLSX, header row first")],
) -> ImportResult:
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise ValidationFailed(
            "The file is larger than 10 MB",
            details=[{"field": "file", "message": "too large"}],
        )
    name = (file.filename or "").lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        rows = catalog.read_xlsx(data)
    else:
        rows = catalog.read_csv(data)
    result = await catalog.import_products(session, principal.workspace_id, rows)
    return ImportResult(**result)


@products_router.get("/products/{product_id}", response_model=ProductOut)
async def get_product(
    product_id: int, session: SessionDep, principal: CurrentPrincipal
) -> ProductOut:
    product = await catalog.get_product(session, principal.workspace_id, product_id)
    return (await catalog.products_out(session, [product]))[0]


@products_router.patch("/products/{product_id}", response_model=ProductOut)
async def update_product(
    product_id: int, body: ProductPatch, session: SessionDep, principal: AdminPrincipal
) -> ProductOut:
    product = await catalog.update_product(session, principal.workspace_id, product_id, body)
    return (await catalog.products_out(session, [product]))[0]


@products_router.delete("/products/{product_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_product(
    product_id: int, session: SessionDep, principal: AdminPrincipal
) -> Response:
    await catalog.delete_product(session, principal.workspace_id, product_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --------------------------------------------------------------------------- orders


def _items(items: list[OrderItemIn]) -> list[ItemSpec]:
    return [
        ItemSpec(
            product_id=i.product_id,
            variant_id=i.variant_id,
            variant_sku=i.variant_sku,
            quantity=i.quantity,
            unit_price=i.unit_price,
            name=i.name,
        )
        for i in items
    ]


def order_filters(
    status_: Annotated[
        list[Literal["draft", "confirmed", "closed", "completed", "cancelled"]] | None,
        Query(alias="status"),
    ] = None,
    livestream_id: Annotated[int | None, Query(gt=0, lt=2**63)] = None,
    contact_id: Annotated[int | None, Query(gt=0, lt=2**63)] = None,
    conversation_id: Annotated[int | None, Query(gt=0, lt=2**63)] = None,
    source: Literal["manual", "chat_auto", "livestream"] | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    ids: Annotated[
        str | None, Query(max_length=4000, description="Comma-separated order ids")
    ] = None,
    shipping_status: Annotated[
        Literal[
            "none",
            "booked",
            "picking",
            "in_transit",
            "delivering",
            "delivered",
            "delivery_failed",
            "returning",
            "returned",
            "lost",
        ]
        | None,
        Query(description="The live shipment's status; `none`: not shipped"),
    ] = None,
) -> OrderFilters:
    return OrderFilters(
        statuses=list(status_ or []),
        livestream_id=livestream_id,
        contact_id=contact_id,
        conversation_id=conversation_id,
        source=source,
        q=q,
        since=since,
        until=until,
        ids=_parse_ids(ids),
        shipping_status=shipping_status,
    )


def _parse_ids(ids: str | None) -> list[int]:
    if not ids:
        return []
    out = []
    for part in ids.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not (0 < int(part) < 2**63):
            raise ValidationFailed(
                "ids must be comma-separated order ids",
                details=[{"field": "ids", "message": f"'{part[:20]}' is not an id"}],
            )
        out.append(int(part))
    if len(out) > 500:
        raise ValidationFailed(
            "At most 500 orders at once", details=[{"field": "ids", "message": "too many"}]
        )
    return out


Filters = Annotated[OrderFilters, Depends(order_filters)]


@router.get("/orders", response_model=Page[OrderOut])
async def list_orders(
    session: SessionDep, principal: CurrentPrincipal, page: Pagination, filters: Filters
) -> Page[OrderOut]:
    after = decode_cursor(page.cursor, 1)
    rows = await orders_service.list_orders(
        session,
        principal.workspace_id,
        filters,
        limit=page.limit,
        after_id=int(after[0]) if after else None,
    )
    next_cursor = encode_cursor([rows[page.limit - 1].id]) if len(rows) > page.limit else None
    return Page(items=await orders_out(session, rows[: page.limit]), next_cursor=next_cursor)


@router.post("/orders", status_code=status.HTTP_201_CREATED, response_model=OrderDetailOut)
async def create_order(
    body: OrderIn,
    session: SessionDep,
    principal: CurrentPrincipal,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=200,
            description="Retries with the same key return the order the first request created",
        ),
    ] = None,
) -> OrderDetailOut:
    from chotdon.core.errors import NotFound
    from chotdon.orders import idempotency

    ws = principal.workspace_id
    if idempotency_key:
        earlier = await idempotency.claim(ws, idempotency_key)
        if earlier is not None:
            try:
                return await order_detail_out(
                    session, await orders_service.get_order(session, ws, earlier)
                )
            except NotFound:  # the first attempt never committed
                await idempotency.release(ws, idempotency_key)
                await idempotency.claim(ws, idempotency_key)
    try:
        order = await _create_order(session, principal, body)
    except BaseException:
        if idempotency_key:
            await idempotency.release(ws, idempotency_key)
        raise
    if idempotency_key:
        await idempotency.remember(ws, idempotency_key, order.id)
    return await order_detail_out(session, order)


async def _create_order(session, principal, body: OrderIn):
    actor = Actor.from_principal(principal)
    order = await orders_service.create_order(
        session,
        principal.workspace_id,
        source="manual",
        contact_id=body.contact_id,
        conversation_id=body.conversation_id,
        warehouse_id=body.warehouse_id,
        customer_name=body.customer_name,
        phone=body.phone,
        address=body.address,
        province=body.province,
        district=body.district,
        ward=body.ward,
        structured=structured_addresses.resolve(body.structured_address)
        if body.structured_address
        else None,
        items=_items(body.items),
        shipping_fee=body.shipping_fee,
        discount=body.discount,
        cod_amount=body.cod_amount,
        payment_method=body.payment_method,
        note=body.note,
        actor=actor,
    )
    if body.confirm:
        order = await orders_service.transition(
            session, principal.workspace_id, order.id, "confirmed", actor=actor
        )
    return order


@router.post("/orders/bulk-transition", response_model=BulkTransitionOut)
async def bulk_transition(
    body: BulkTransitionIn, session: SessionDep, principal: CurrentPrincipal
) -> BulkTransitionOut:
    """Move many orders at once (close the day's orders, cancel a batch); each on its own."""
    results = await orders_service.bulk_transition(
        session,
        principal.workspace_id,
        body.ids,
        body.to,
        actor=Actor.from_principal(principal),
        reason=body.reason,
    )
    out = [
        BulkResult(id=i, ok=e is None, code=e.code if e else None, message=e.message if e else None)
        for i, e in results
    ]
    ok = sum(1 for r in out if r.ok)
    return BulkTransitionOut(results=out, succeeded=ok, failed=len(out) - ok)


@router.get(
    "/orders/export.xlsx",
    response_class=StreamingResponse,
    responses={200: {"content": {export.XLSX_MEDIA_TYPE: {}}, "description": "The orders as XLSX"}},
)
async def export_orders(
    session: SessionDep, principal: AdminPrincipal, filters: Filters
) -> StreamingResponse:
    """The order list (same filters) as an Excel file, newest first."""

    async def next_page(cursor):
        rows = await orders_service.list_orders(
            session, principal.workspace_id, filters, limit=500, after_id=cursor
        )
        more = len(rows) > 500
        rows = rows[:500]
        return await orders_out(session, rows), (rows[-1].id if more else None)

    file = await export.write_orders_xlsx(next_page)
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return StreamingResponse(
        export.stream_file(file),
        media_type=export.XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="don-hang-{stamp}.xlsx"'},
    )


@router.get("/orders/print", response_class=HTMLResponse)
async def print_orders(
    session: SessionDep,
    principal: CurrentPrincipal,
    ids: Annotated[str, Query(max_length=4000, description="Comma-separated order ids")],
    paper: Literal["a5", "80mm"] = "a5",
    autoprint: bool = False,
) -> HTMLResponse:
    """Several orders in one printable document, one per page, in the order given."""
    wanted = _parse_ids(ids)
    if not wanted:
        raise ValidationFailed(
            "Choose orders to print", details=[{"field": "ids", "message": "empty"}]
        )
    rows = await orders_service.list_orders(
        session, principal.workspace_id, OrderFilters(ids=wanted), limit=len(wanted)
    )
    by_id = {o.id: o for o in rows}
    missing = [i for i in wanted if i not in by_id]
    if missing:
        from chotdon.core.errors import NotFound

        raise NotFound(f"Order {missing[0]} not found")
    outs = await orders_out(session, [by_id[i] for i in dict.fromkeys(wanted)])
    return await _printed(session, principal.workspace_id, outs, paper, autoprint)


async def _printed(session, workspace_id: int, outs, paper, autoprint) -> HTMLResponse:
    workspace = await session.get_one(Workspace, workspace_id)
    html = printing.render_invoices(outs, workspace.name, paper, autoprint=autoprint)
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


@router.get("/orders/{order_id}", response_model=OrderDetailOut)
async def get_order(
    order_id: int, session: SessionDep, principal: CurrentPrincipal
) -> OrderDetailOut:
    order = await orders_service.get_order(session, principal.workspace_id, order_id)
    return await order_detail_out(session, order)


@router.patch("/orders/{order_id}", response_model=OrderDetailOut)
async def update_order(
    order_id: int, body: OrderPatch, session: SessionDep, principal: CurrentPrincipal
) -> OrderDetailOut:
    order = await orders_service.get_order(session, principal.workspace_id, order_id)
    values = body.model_dump(exclude_unset=True, exclude={"items", "version"})
    if "structured_address" in values:
        values["structured_address"] = (
            structured_addresses.resolve(body.structured_address)
            if body.structured_address
            else None
        )
    changes = OrderChanges(
        values=values,
        items=_items(body.items) if body.items is not None else None,
        expected_version=body.version,
    )
    order = await orders_service.update_order(
        session, order, changes, actor=Actor.from_principal(principal)
    )
    return await order_detail_out(session, order)


@router.post("/orders/{order_id}/transition", response_model=OrderDetailOut)
async def transition_order(
    order_id: int, body: TransitionIn, session: SessionDep, principal: CurrentPrincipal
) -> OrderDetailOut:
    order = await orders_service.transition(
        session,
        principal.workspace_id,
        order_id,
        body.to,
        actor=Actor.from_principal(principal),
        reason=body.reason,
    )
    return await order_detail_out(session, order)


@router.post("/orders/{order_id}/receipt", response_model=OrderDetailOut)
async def resend_receipt(
    order_id: int, session: SessionDep, principal: CurrentPrincipal
) -> OrderDetailOut:
    """Send the receipt message again (409 `receipt_not_sent` with the reason if it cannot go)."""
    order = await orders_service.resend_receipt(
        session, principal.workspace_id, order_id, actor=Actor.from_principal(principal)
    )
    return await order_detail_out(session, order)


@router.get("/orders/{order_id}/print", response_class=HTMLResponse)
async def print_order(
    order_id: int,
    session: SessionDep,
    principal: CurrentPrincipal,
    paper: Literal["a5", "80mm"] = "a5",
    autoprint: bool = False,
) -> HTMLResponse:
    order = await orders_service.get_order(session, principal.workspace_id, order_id)
    outs = await orders_out(session, [order])
    return await _printed(session, principal.workspace_id, outs, paper, autoprint)


@router.get("/conversations/{conversation_id}/order-draft", response_model=OrderPrefillOut)
async def order_draft_for_conversation(
    conversation_id: int, session: SessionDep, principal: CurrentPrincipal
) -> OrderPrefillOut:
    """What the order form in this conversation starts with: name, phones, last address,
    the customer's open order and recent orders, risk badge, estimated shipping fee."""
    from chotdon.orders import prefill

    return await prefill.prefill_for_conversation(session, principal.workspace_id, conversation_id)


# --------------------------------------------------------------------------- warehouses


@router.get("/warehouses", response_model=list[WarehouseOut])
async def list_warehouses(session: SessionDep, principal: CurrentPrincipal) -> list[Warehouse]:
    rows = await session.execute(owned(Warehouse, principal.workspace_id).order_by(Warehouse.id))
    return list(rows.scalars())


@router.post("/warehouses", status_code=status.HTTP_201_CREATED, response_model=WarehouseOut)
async def create_warehouse(
    body: WarehouseIn, session: SessionDep, principal: AdminPrincipal
) -> Warehouse:
    from chotdon.orders import warehouses

    return await warehouses.create(session, principal.workspace_id, body)


@router.patch("/warehouses/{warehouse_id}", response_model=WarehouseOut)
async def update_warehouse(
    warehouse_id: int, body: WarehousePatch, session: SessionDep, principal: AdminPrincipal
) -> Warehouse:
    from chotdon.orders import warehouses

    return await warehouses.update(session, principal.workspace_id, warehouse_id, body)


@router.delete("/warehouses/{warehouse_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_warehouse(
    warehouse_id: int, session: SessionDep, principal: AdminPrincipal
) -> Response:
    from chotdon.orders import warehouses

    await warehouses.delete(session, principal.workspace_id, warehouse_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --------------------------------------------------------------------------- shipping


@router.get("/shipping-rates", response_model=list[ShippingRateOut])
async def list_shipping_rates(session: SessionDep, principal: CurrentPrincipal):
    return await shipping.load_rates(session, principal.workspace_id)


@router.put("/shipping-rates", response_model=list[ShippingRateOut])
async def replace_shipping_rates(
    body: ShippingRatesIn, session: SessionDep, principal: AdminPrincipal
):
    """Replace the workspace's rate table (province '*' = anywhere else)."""
    rates = [shipping.Rate(r.carrier, r.province, r.max_weight_grams, r.fee) for r in body.rates]
    return await shipping.replace_rates(session, principal.workspace_id, rates)


@router.post("/shipping/estimate", response_model=list[ShippingQuoteOut])
async def estimate_shipping(
    body: ShippingEstimateIn, session: SessionDep, principal: CurrentPrincipal
) -> list[ShippingQuoteOut]:
    """Quotes for a parcel, cheapest first (province from `province` or read from `address`)."""
    request = shipping.ShippingRequest(
        province=body.province or body.address,
        weight_grams=body.weight_grams,
        cod_amount=body.cod_amount,
    )
    quotes = await shipping.estimate(session, principal.workspace_id, request)
    return [
        ShippingQuoteOut(carrier=q.carrier, service=q.service, fee=q.fee, province=q.province)
        for q in quotes
    ]


# --------------------------------------------------------------------------- settings


async def _order_settings(session, workspace_id: int) -> OrderSettings:
    workspace = await session.get_one(Workspace, workspace_id)
    section = receipt.orders_settings(workspace.settings)
    return OrderSettings(
        receipt_enabled=bool(section["receipt_enabled"]),
        receipt_template=str(section["receipt_template"]),
        default_warehouse_id=await orders_service.default_warehouse_id(session, workspace_id),
    )


@router.get("/order-settings", response_model=OrderSettings)
async def get_order_settings(session: SessionDep, principal: CurrentPrincipal) -> OrderSettings:
    return await _order_settings(session, principal.workspace_id)


@router.put("/order-settings", response_model=OrderSettings)
async def update_order_settings(
    body: OrderSettingsIn, session: SessionDep, principal: AdminPrincipal
) -> OrderSettings:
    """Receipt on/off and its template ({code}, {customer_name}, {items}, {total}...)."""
    from chotdon.accounts.service import audit

    workspace = await session.get_one(Workspace, principal.workspace_id, with_for_update=True)
    settings = dict(workspace.settings or {})
    section = dict(settings.get("orders") or {})
    section.update(body.model_dump(exclude_unset=True, exclude_none=True))
    settings["orders"] = section
    workspace.settings = settings
    audit(session, principal, "order_settings.updated", "workspace", workspace.id, {})
    await session.flush()
    return await _order_settings(session, principal.workspace_id)


router.include_router(products_router)
