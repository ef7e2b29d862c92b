"""Administrative units of Vietnam in both schemes, seeded by migrations from official data.

Global reference data (no workspace): every workspace reads the same provinces and wards.
Codes are NSO codes; a code can mean different units in the two schemes (26740 is Phường Bến
Nghé in the legacy scheme and Phường Sài Gòn in 2025), so the scheme is part of every key.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base


class AdminProvince(Base):
    __tablename__ = "admin_provinces"

    scheme: Mapped[str] = mapped_column(String(8), primary_key=True)  # "2025" | "legacy"
    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)


class AdminWard(Base):
    __tablename__ = "admin_wards"
    __table_args__ = (Index(None, "scheme", "province_code"),)

    scheme: Mapped[str] = mapped_column(String(8), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    province_code: Mapped[str] = mapped_column(String(4))
    district_code: Mapped[str | None] = mapped_column(String(8))  # legacy scheme only
    district_name: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)


class AdminWardTransition(Base):
    """Legacy ward → 2025 ward. A split legacy ward has several rows: staff pick the right one."""

    __tablename__ = "admin_ward_transitions"
    __table_args__ = (Index(None, "new_code"),)

    legacy_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    new_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    split: Mapped[bool] = mapped_column(Boolean)
    is_default: Mapped[bool] = mapped_column(Boolean)


class AddressCodesMixin:
    """An address as official codes, next to its free text (orders, customers' addresses).

    `address_scheme` is the scheme the codes are in ("2025" | "legacy"; None: not read yet);
    a legacy address keeps its legacy codes and is converted when shipped (a split ward needs
    staff's choice, which then stores the 2025 form).
    """

    street: Mapped[str | None] = mapped_column(Text)
    ward_code: Mapped[str | None] = mapped_column(String(8))
    province_code: Mapped[str | None] = mapped_column(String(4))
    address_scheme: Mapped[str | None] = mapped_column(String(8))
