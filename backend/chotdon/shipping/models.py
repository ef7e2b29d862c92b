"""Carrier accounts per workspace, shipments of orders, their status history, and carrier
webhooks stored as received (applied once by a job)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base, IdMixin, TimestampMixin, WorkspaceMixin, utcnow


class CarrierAccount(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "carrier_accounts"
    __table_args__ = (UniqueConstraint("workspace_id", "carrier"),)

    carrier: Mapped[str] = mapped_column(String(16))
    enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    # JSON of the credentials, encrypted with core.security.encrypt_secret; never returned.
    credentials_encrypted: Mapped[str | None] = mapped_column(Text)
    pickup: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    # Authenticates the carrier's webhooks (URL token / ?hash= / Authorization header).
    webhook_secret: Mapped[str] = mapped_column(String(64), unique=True)


class Shipment(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "shipments"
    __table_args__ = (
        # One live shipment per order: a retried booking finds it instead of booking twice.
        Index(
            None,
            "workspace_id",
            "order_id",
            unique=True,
            postgresql_where=text("status <> 'cancelled'"),
        ),
        Index(None, "carrier", "tracking_code", unique=True),
        Index(None, "workspace_id", "status"),
    )

    order_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("orders.id", ondelete="CASCADE"), index=True
    )
    carrier: Mapped[str] = mapped_column(String(16))
    service_id: Mapped[str | None] = mapped_column(String(32))
    tracking_code: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(24))
    status_label: Mapped[str] = mapped_column(Text)  # the carrier's own words
    carrier_status: Mapped[str] = mapped_column(String(32))
    status_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    fee: Mapped[int] = mapped_column(BigInteger, default=0)
    cod_amount: Mapped[int] = mapped_column(BigInteger, default=0)
    expected_delivery_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    destination: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)


class ShipmentEvent(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "shipment_events"
    # The same carrier event delivered twice (carriers retry) is recorded once.
    __table_args__ = (UniqueConstraint("shipment_id", "carrier_status", "happened_at"),)

    shipment_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("shipments.id", ondelete="CASCADE"), index=True
    )
    carrier_status: Mapped[str] = mapped_column(String(32))
    status: Mapped[str | None] = mapped_column(String(24))
    label: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    happened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CarrierWebhook(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """A carrier's webhook body as received, before anything is applied."""

    __tablename__ = "carrier_webhooks"
    __table_args__ = (Index(None, "created_at", postgresql_where=text("processed_at IS NULL")),)

    carrier: Mapped[str] = mapped_column(String(16))
    content_type: Mapped[str] = mapped_column(String(100), default="")
    body: Mapped[bytes] = mapped_column(LargeBinary)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CarrierWard(Base):
    """An official ward under a carrier's own ids (global, like the admin units).

    GHN and Viettel Post number units their own way (GHN ProvinceID 202 = Hồ Chí Minh): their
    master data is read once per province and matched to our codes (`shipping/unitmap.py`);
    bookings then send ids looked up here. GHN is keyed by legacy wards (its data is still
    three-level), Viettel Post by 2025 wards (its two-level ids, district "NEW").
    """

    __tablename__ = "carrier_wards"
    __table_args__ = (Index(None, "carrier", "scheme", "province_code"),)

    carrier: Mapped[str] = mapped_column(String(16), primary_key=True)
    scheme: Mapped[str] = mapped_column(String(8), primary_key=True)
    ward_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    province_code: Mapped[str] = mapped_column(String(4))
    province_id: Mapped[str] = mapped_column(String(16))
    district_id: Mapped[str] = mapped_column(String(16))
    ward_id: Mapped[str] = mapped_column(String(16))
    synced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
