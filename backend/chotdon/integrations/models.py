"""Outgoing webhooks that integrations (ERP, warehouse, shipping) subscribe to."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base, IdMixin, TimestampMixin, WorkspaceMixin


class WebhookSubscription(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "webhook_subscriptions"

    url: Mapped[str] = mapped_column(Text)
    secret_encrypted: Mapped[str] = mapped_column(Text)
    # Realtime event types to forward ("message.created", "order.updated"...).
    events: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list)
    enabled: Mapped[bool] = mapped_column(default=True, server_default="true")
