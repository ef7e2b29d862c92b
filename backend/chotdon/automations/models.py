"""Automatic message rules and the record of every automatic message sent or skipped."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base, IdMixin, TimestampMixin, WorkspaceMixin, utcnow


class AutoMessageRule(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "auto_message_rules"

    kind: Mapped[str] = mapped_column(String(16))  # greeting | away | order_status
    # Empty: every channel of the workspace.
    channel_ids: Mapped[list[int]] = mapped_column(
        ARRAY(BigInteger), default=list, server_default="{}"
    )
    text: Mapped[str] = mapped_column(Text)
    attachment_ids: Mapped[list[int]] = mapped_column(
        ARRAY(BigInteger), default=list, server_default="{}"
    )
    enabled: Mapped[bool] = mapped_column(default=True, server_default="true")
    # order_status rules: confirmed | closed | shipped | completed | cancelled
    order_status: Mapped[str | None] = mapped_column(String(16))
    # greeting rules: greet again after this many hours without a customer message (None: once).
    silence_hours: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), default=utcnow, onupdate=utcnow
    )


class AutoMessageSend(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """One decision: an automatic message queued, or skipped with the reason (window, blocked...).

    `dedupe_key` is unique per workspace: the same trigger processed twice adds nothing.
    """

    __tablename__ = "auto_message_sends"
    __table_args__ = (
        Index("uq_auto_message_sends_key", "workspace_id", "dedupe_key", unique=True),
        Index("ix_auto_message_sends_log", "workspace_id", "id"),
    )

    rule_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("auto_message_rules.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(16))
    dedupe_key: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))  # queued | skipped
    reason: Mapped[str | None] = mapped_column(Text)
    conversation_id: Mapped[int | None] = mapped_column(BigInteger)
    contact_id: Mapped[int | None] = mapped_column(BigInteger)
    order_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
