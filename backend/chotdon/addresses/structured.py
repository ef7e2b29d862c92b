"""Addresses stored as official codes next to their free text (orders, customers' addresses).

Staff's pickers or the parser give the codes (`StructuredAddressIn`); text typed without them is
read by the parser once, when it is saved. Reading an address back never parses text again: the
names and the 2025 form come from the codes (`parser.from_codes`).
"""

from __future__ import annotations

from typing import Protocol

from chotdon.addresses import parser, service
from chotdon.addresses.parser import ParsedAddress
from chotdon.addresses.schemas import StoredAddressOut, StructuredAddressIn
from chotdon.core.errors import ValidationFailed


class HasAddressCodes(Protocol):
    street: str | None
    ward_code: str | None
    province_code: str | None
    address_scheme: str | None


def resolve(body: StructuredAddressIn, field: str = "structured_address") -> ParsedAddress:
    """The address the codes name; 422 on a code that is not in the scheme."""
    try:
        return parser.from_codes(body.scheme, body.province_code, body.ward_code, body.street)
    except ValueError as exc:
        raise ValidationFailed(
            "Unknown administrative unit",
            code="unknown_admin_unit",
            details=[{"field": f"{field}.{exc.args[0]}", "message": f"not a {body.scheme} code"}],
        ) from None


def read(text: str | None) -> ParsedAddress | None:
    """The codes of an address typed as text, or None when no province can be read."""
    parsed = parser.parse_address(text)
    return parsed if parsed.scheme else None


def store(target: HasAddressCodes, parsed: ParsedAddress | None) -> None:
    """Write the address as written (its own scheme) onto an order or a customer's address."""
    target.address_scheme = parsed.scheme if parsed else None
    target.province_code = parsed.province_code if parsed else None
    target.ward_code = parsed.ward_code if parsed else None
    target.street = (parsed.street or None) if parsed else None


def stored(target: HasAddressCodes) -> ParsedAddress | None:
    """The stored address with names and 2025 form, or None when none was read."""
    if not target.address_scheme:
        return None
    try:
        return parser.from_codes(
            target.address_scheme, target.province_code, target.ward_code, target.street
        )
    except ValueError:  # a code the data no longer has: treat the address as unread
        return None


def out(target: HasAddressCodes) -> StoredAddressOut | None:
    parsed = stored(target)
    if parsed is None:
        return None
    return StoredAddressOut(
        **service.written_form(parsed).model_dump(),
        address_2025=service.form_2025(parsed) if parsed.scheme == "legacy" else None,
        ward_choices=service.choices_out(parsed),
    )
