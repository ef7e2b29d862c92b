"""Province and ward pickers over our `admin_*` tables, and parsing for the API."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.addresses import parser
from chotdon.addresses.models import AdminProvince, AdminWard
from chotdon.addresses.schemas import (
    ParsedAddressOut,
    StructuredAddress,
    WardChoiceOut,
)
from chotdon.core.errors import NotFound, ValidationFailed
from chotdon.core.text import fold_words

MAX_WARDS = 200


def _matching(column, q: str | None):  # type: ignore[no-untyped-def]
    return [column.contains(word, autoescape=True) for word in fold_words(q)[:8]]


async def list_provinces(
    session: AsyncSession, scheme: str, q: str | None = None
) -> list[AdminProvince]:
    """Provinces of a scheme, diacritics-insensitive search on name and aliases ("tphcm")."""
    stmt = select(AdminProvince).where(
        AdminProvince.scheme == scheme, *_matching(AdminProvince.search_text, q)
    )
    return list((await session.scalars(stmt.order_by(AdminProvince.code))).all())


async def list_wards(
    session: AsyncSession,
    scheme: str,
    province_code: str,
    q: str | None = None,
    limit: int = MAX_WARDS,
) -> list[AdminWard]:
    """Wards of a province ("ben thanh" finds Phường Bến Thành), 404 for an unknown province."""
    province = await session.get(AdminProvince, (scheme, province_code))
    if province is None:
        raise NotFound("Province not found")
    stmt = select(AdminWard).where(
        AdminWard.scheme == scheme,
        AdminWard.province_code == province_code,
        *_matching(AdminWard.search_text, q),
    )
    stmt = stmt.order_by(AdminWard.name, AdminWard.code).limit(limit)
    return list((await session.scalars(stmt)).all())


def choose(parsed: parser.ParsedAddress, new_ward_code: str | None) -> parser.ParsedAddress:
    """Staff's 2025 ward for a split legacy ward (422 when it is not one of the choices)."""
    if not new_ward_code:
        return parsed
    try:
        return parser.choose_ward(parsed, new_ward_code)
    except ValueError:
        raise ValidationFailed(
            "This ward is not one the address can become",
            details=[{"field": "new_ward_code", "message": "not among ward_choices"}],
        ) from None


def parse(text: str, new_ward_code: str | None = None) -> ParsedAddressOut:
    """Parse chat text; `new_ward_code` settles a split legacy ward (422 if not a candidate)."""
    return to_out(choose(parser.parse_address(text), new_ward_code))


def written_form(parsed: parser.ParsedAddress) -> StructuredAddress:
    """The address in the scheme it was written (or stored) in."""
    return StructuredAddress(
        street=parsed.street,
        ward=parsed.ward,
        district=parsed.district,
        province=parsed.province,
        ward_code=parsed.ward_code,
        province_code=parsed.province_code,
        scheme=parsed.scheme,  # type: ignore[arg-type]
    )


def form_2025(parsed: parser.ParsedAddress) -> StructuredAddress:
    """Its 2025 form (no district; no ward while a split ward waits for a choice)."""
    return StructuredAddress(
        street=parsed.street,
        ward=parsed.new_ward,
        province=parsed.new_province,
        ward_code=parsed.new_ward_code,
        province_code=parsed.new_province_code,
        scheme="2025",
    )


def choices_out(parsed: parser.ParsedAddress) -> list[WardChoiceOut]:
    return [
        WardChoiceOut(code=c.code, name=c.name, is_default=c.is_default)
        for c in parsed.ward_choices
    ]


def to_out(parsed: parser.ParsedAddress) -> ParsedAddressOut:
    if parsed.scheme is None:
        return ParsedAddressOut(
            found=False, address=None, address_2025=None, needs_ward_choice=False, ward_choices=[]
        )
    return ParsedAddressOut(
        found=True,
        address=written_form(parsed),
        address_2025=form_2025(parsed),
        needs_ward_choice=parsed.needs_ward_choice,
        ward_choices=choices_out(parsed),
    )
