"""Connected pages / shops and the raw webhook deliveries received from providers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base, IdMixin, TimestampMixin, WorkspaceMixin, utcnow

PROVIDERS = ("facebook", "shopee", "lazada", "tiktok", "api")
CHANNEL_STATUSES = ("connected", "disconnected")


class Channel(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """A Facebook page or a marketplace shop connected to a workspace."""

    __tablename__ = "channels"
    __table_args__ = (
        # A page belongs to one workspace at a time; disconnecting keeps the row and history.
        UniqueConstraint("provider", "external_id"),
        CheckConstraint(
            "provider IN ('facebook', 'instagram', 'zalo', 'shopee', 'lazada', 'tiktok', 'api')",
            name="provider",
        ),
        CheckConstraint("status IN ('connected', 'disconnected')", name="status"),
    )

    provider: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    picture_url: Mapped[str | None] = mapped_column(Text)
    # Fernet-encrypted (core.security.encrypt_secret); decrypted only when calling the provider.
    access_token_encrypted: Mapped[str | None] = mapped_column(Text)
    # OAuth channels (Shopee...): the refresh token (encrypted like the access token) and when
    # each token expires; `channels/tokens.py` refreshes before `token_expires_at`.
    refresh_token_encrypted: Mapped[str | None] = mapped_column(Text)
    token_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    refresh_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="connected")
    status_reason: Mapped[str | None] = mapped_column(Text)
    # label_sync, auto_draft_orders, backfill_days... (ChannelSettings); automatic assignment
    # is the workspace's (GET/PUT /api/v1/auto-assignment), not a channel switch.
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    # Backfill cursors so that a sync resumes where it stopped.
    sync_state: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    connected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_synced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=text("now()")
    )


class WebhookDelivery(IdMixin, Base):
    """One POST from a provider, stored byte for byte before it is acknowledged.

    Not tenant-owned: a single delivery can carry entries for pages of several workspaces. The
    job that processes it resolves each entry to its channel (and so its workspace).
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'processed', 'failed', 'ignored')", name="status"),
        Index(
            "ix_webhook_deliveries_pending",
            "received_at",
            postgresql_where=text("status = 'pending'"),
        ),
    )

    provider: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=text("now()")
    )
    body: Mapped[bytes] = mapped_column(LargeBinary)
    request_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(Text)
    # Page ids in this delivery that no connected channel matched: kept and reported.
    unknown_page_ids: Mapped[list[str]] = mapped_column(
        ARRAY(String(64)), default=list, server_default="{}"
    )
    events_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    workspace_ids: Mapped[list[int]] = mapped_column(
        ARRAY(BigInteger), default=list, server_default="{}"
    )
