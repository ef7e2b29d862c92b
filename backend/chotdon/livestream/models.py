"""Livestreams, their keyword configuration and the comments turned (or not) into orders."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base, IdMixin, TimestampMixin, WorkspaceMixin, utcnow


class Livestream(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "livestreams"
    __table_args__ = (
        UniqueConstraint("channel_id", "live_video_external_id"),
        CheckConstraint("status IN ('scheduled', 'live', 'ended')", name="status"),
    )

    channel_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("channels.id", ondelete="CASCADE")
    )
    post_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("posts.id", ondelete="SET NULL"), index=True
    )
    live_video_external_id: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    accepting_orders: Mapped[bool] = mapped_column(default=True, server_default="true")
    confirm_by_message: Mapped[bool] = mapped_column(default=False, server_default="false")
    hide_phone_comments: Mapped[bool] = mapped_column(default=False, server_default="false")
    # A bare phone number orders the only product on sale.
    phone_only_single_product: Mapped[bool] = mapped_column(default=False, server_default="false")
    # A later comment repeating a keyword without a quantity adds one more unit.
    repeat_adds_quantity: Mapped[bool] = mapped_column(default=False, server_default="false")
    bot_template: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=text("now()")
    )


class LivestreamItem(IdMixin, WorkspaceMixin, Base):
    """A product (or one variant) on sale in a livestream, ordered by its keyword."""

    __tablename__ = "livestream_items"
    __table_args__ = (UniqueConstraint("livestream_id", "keyword_folded"),)

    livestream_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("livestreams.id", ondelete="CASCADE")
    )
    keyword: Mapped[str] = mapped_column(String(64))
    keyword_folded: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("products.id", ondelete="CASCADE")
    )
    variant_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("product_variants.id", ondelete="CASCADE")
    )
    price: Mapped[int | None] = mapped_column(BigInteger)
    quantity_limit: Mapped[int | None] = mapped_column(Integer)  # per customer
    # Units on sale in this livestream: once the orders hold them all, the keyword is sold out.
    stock_limit: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class LivestreamComment(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """What the parser understood of one comment and what became of it."""

    __tablename__ = "livestream_comments"
    __table_args__ = (
        UniqueConstraint("livestream_id", "message_id"),
        # The comment feed (newest first), a customer's comments waiting for a phone number,
        # and the sweeper of comments whose job was lost.
        Index(None, "livestream_id", "id"),
        Index(None, "contact_id", "outcome"),
        Index(
            "ix_livestream_comments_pending",
            "updated_at",
            postgresql_where=text("outcome = 'pending'"),
        ),
        # The bot's queue: private replies held back by a page's hourly cap.
        Index(
            "ix_livestream_comments_bot_queued",
            "id",
            postgresql_where=text("parsed->>'bot' = 'queued'"),
        ),
    )

    livestream_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("livestreams.id", ondelete="CASCADE")
    )
    message_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("messages.id", ondelete="CASCADE")
    )
    contact_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("contacts.id", ondelete="SET NULL")
    )
    order_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("orders.id", ondelete="SET NULL")
    )
    # order_created | order_updated | missing_phone | not_understood | blacklisted | ignored
    outcome: Mapped[str] = mapped_column(String(32))
    parsed: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=text("now()")
    )
