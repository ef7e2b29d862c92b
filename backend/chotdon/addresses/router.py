"""`/api/v1/addresses`: province → ward pickers (both schemes) and parsing of typed addresses."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from chotdon.addresses import service
from chotdon.addresses.schemas import (
    ParsedAddressOut,
    ParseIn,
    ProvinceList,
    ProvinceOut,
    Scheme,
    WardList,
    WardOut,
)
from chotdon.core.auth import CurrentPrincipal, SessionDep

router = APIRouter(prefix="/addresses", tags=["addresses"])

SchemeQuery = Annotated[Scheme, Query(description="`2025` (34 provinces, no district) or `legacy`")]
SearchQuery = Annotated[str | None, Query(max_length=100, description="diacritics-insensitive")]


@router.get("/provinces", response_model=ProvinceList)
async def list_provinces(
    principal: CurrentPrincipal,
    session: SessionDep,
    scheme: SchemeQuery = "2025",
    q: SearchQuery = None,
) -> ProvinceList:
    rows = await service.list_provinces(session, scheme, q)
    return ProvinceList(items=[ProvinceOut.model_validate(r, from_attributes=True) for r in rows])


@router.get("/provinces/{code}/wards", response_model=WardList)
async def list_wards(
    code: Annotated[str, Path(max_length=4)],
    principal: CurrentPrincipal,
    session: SessionDep,
    scheme: SchemeQuery = "2025",
    q: SearchQuery = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_WARDS)] = service.MAX_WARDS,
) -> WardList:
    rows = await service.list_wards(session, scheme, code, q, limit)
    return WardList(items=[WardOut.model_validate(r, from_attributes=True) for r in rows])


@router.post("/parse", response_model=ParsedAddressOut)
async def parse_address(body: ParseIn, principal: CurrentPrincipal) -> ParsedAddressOut:
    return service.parse(body.text, body.new_ward_code)
