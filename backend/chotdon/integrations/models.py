"""Outgoing webhooks that integrations (ERP, warehouse, shipping) subscribe to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base, IdMixin, TimestampMixin, WorkspaceMixin, utcnow


class WebhookSubscription(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "webhook_subscriptions"

    url: Mapped[str] = mapped_column(Text)
    secret_encrypted: Mapped[str] = mapped_column(Text)
    # Realtime event types to forward ("message.created", "order.updated"...).
    events: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list)
    # `active` in the API: false when the owner paused it or after repeated failure.
    enabled: Mapped[bool] = mapped_column(default=True, server_default="true")
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), default=utcnow, onupdate=utcnow
    )


class OutgoingDelivery(IdMixin, WorkspaceMixin, Base):
    """One event for one endpoint: an attempt series (`X-Chotdon-Delivery`) and its last result."""

    __tablename__ = "outgoing_deliveries"
    __table_args__ = (
        # One delivery per (endpoint, outbox event): a drain that runs twice adds nothing.
        Index(
            "uq_outgoing_deliveries_subscription_event",
            "subscription_id",
            "outbox_event_id",
            unique=True,
            postgresql_where=text("outbox_event_id IS NOT NULL AND NOT redelivery"),
        ),
        Index(
            "ix_outgoing_deliveries_pending",
            "subscription_id",
            "id",
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_outgoing_deliveries_log", "subscription_id", "id"),
    )

    subscription_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("webhook_subscriptions.id", ondelete="CASCADE")
    )
    outbox_event_id: Mapped[int | None] = mapped_column(BigInteger)
    event_id: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(64))
    # Deliveries with the same key reach an endpoint in order ("order:12", "conversation:7").
    ordering_key: Mapped[str | None] = mapped_column(String(64))
    redelivery: Mapped[bool] = mapped_column(default=False, server_default="false")
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|delivered|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    request_headers: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), default=utcnow
    )
