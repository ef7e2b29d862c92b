"""Shapes of `/api/v1/addresses` (API.md "Shipping": structured addresses)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from chotdon.core.schemas import Input

Scheme = Literal["2025", "legacy"]


class ProvinceOut(BaseModel):
    scheme: Scheme
    code: str
    name: str
    short_name: str


class WardOut(BaseModel):
    scheme: Scheme
    code: str
    name: str
    short_name: str
    province_code: str
    district_code: str | None = None
    district_name: str | None = None


class ProvinceList(BaseModel):
    items: list[ProvinceOut]


class WardList(BaseModel):
    items: list[WardOut]


class ParseIn(Input):
    text: str = Field(
        min_length=1, max_length=2000, examples=["59 nguyễn sỹ sách, p15, tan binh, hcm"]
    )
    new_ward_code: str | None = Field(
        default=None,
        max_length=8,
        description="Staff's choice among `ward_choices` when a legacy ward was split.",
    )


class WardChoiceOut(BaseModel):
    code: str
    name: str
    is_default: bool


class StructuredAddress(BaseModel):
    """An address in one scheme: the 2025 scheme has no district."""

    street: str | None = None
    ward: str | None = None
    district: str | None = None
    province: str | None = None
    ward_code: str | None = None
    province_code: str | None = None
    scheme: Scheme


class StructuredAddressIn(Input):
    """An address as official codes (from the parser or the pickers). Names are read from the
    codes: any sent along are ignored."""

    scheme: Scheme
    province_code: str | None = Field(default=None, max_length=4)
    ward_code: str | None = Field(default=None, max_length=8)
    street: str | None = Field(default=None, max_length=500)
    province: str | None = Field(default=None, max_length=200)
    district: str | None = Field(default=None, max_length=200)
    ward: str | None = Field(default=None, max_length=200)


class StoredAddressOut(StructuredAddress):
    """An order's or customer's address as stored (its own scheme), with its 2025 form."""

    address_2025: StructuredAddress | None = Field(
        default=None,
        description="The 2025 form of a legacy address; its ward is empty while a split ward "
        "waits for staff's choice among `ward_choices`.",
    )
    ward_choices: list[WardChoiceOut] = Field(default_factory=list)


class ParsedAddressOut(BaseModel):
    found: bool
    address: StructuredAddress | None = Field(description="As written (its own scheme).")
    address_2025: StructuredAddress | None = Field(
        description="The 2025 form; its ward is empty while a split ward waits for a choice."
    )
    needs_ward_choice: bool
    ward_choices: list[WardChoiceOut]
