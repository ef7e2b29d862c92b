"""`/api/v1/reports/...` per API.md; `?format=xlsx` returns the same table as a workbook."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from chotdon.core.auth import AdminPrincipal, CurrentPrincipal, SessionDep
from chotdon.orders.export import XLSX_MEDIA_TYPE
from chotdon.reports import service, xlsx
from chotdon.reports.schemas import (
    ConversationGroup,
    ConversationReport,
    LivestreamReport,
    OrderGroup,
    OrderReport,
)

router = APIRouter(prefix="/reports", tags=["reports"])

Format = Annotated[Literal["json", "xlsx"], Query(description="`xlsx`: the table as a workbook")]
FromDate = Annotated[
    date | None, Query(alias="from", description="First day (workspace time zone)")
]
ToDate = Annotated[date | None, Query(alias="to", description="Last day, included")]
XLSX_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {XLSX_MEDIA_TYPE: {}}, "description": "JSON or a workbook"}
}


def _workbook(data: bytes, name: str) -> Response:
    return Response(
        content=data,
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )


@router.get("/conversations", response_model=ConversationReport, responses=XLSX_RESPONSE)
async def conversations_report(
    principal: CurrentPrincipal,
    session: SessionDep,
    from_date: FromDate = None,
    to_date: ToDate = None,
    group_by: ConversationGroup = "day",
    channel_id: int | None = None,
    format: Format = "json",
) -> ConversationReport | Response:
    report = await service.conversations_report(
        session, principal, group_by, from_date, to_date, channel_id
    )
    if format == "xlsx":
        return _workbook(xlsx.conversations_xlsx(report), f"bao-cao-hoi-thoai-{group_by}")
    return report


@router.get("/orders", response_model=OrderReport, responses=XLSX_RESPONSE)
async def orders_report(
    principal: CurrentPrincipal,
    session: SessionDep,
    from_date: FromDate = None,
    to_date: ToDate = None,
    group_by: OrderGroup = "day",
    channel_id: int | None = None,
    format: Format = "json",
) -> OrderReport | Response:
    report = await service.orders_report(
        session, principal, group_by, from_date, to_date, channel_id
    )
    if format == "xlsx":
        return _workbook(xlsx.orders_xlsx(report), f"bao-cao-don-hang-{group_by}")
    return report


@router.get(
    "/livestreams/{livestream_id}", response_model=LivestreamReport, responses=XLSX_RESPONSE
)
async def livestream_report(
    livestream_id: int, principal: AdminPrincipal, session: SessionDep, format: Format = "json"
) -> LivestreamReport | Response:
    report = await service.livestream_report(session, principal, livestream_id)
    if format == "xlsx":
        return _workbook(xlsx.livestream_xlsx(report), f"bao-cao-livestream-{livestream_id}")
    return report
