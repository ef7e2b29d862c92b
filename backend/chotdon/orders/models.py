"""Products with variants and stock, warehouses, orders, their items and status history.

Money is integer VND everywhere (BigInteger), never floats.
"""

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

from chotdon.addresses.models import AddressCodesMixin
from chotdon.core.db import Base, IdMixin, TimestampMixin, WorkspaceMixin, utcnow

ORDER_STATUSES = ("draft", "confirmed", "closed", "completed", "cancelled")
ORDER_SOURCES = ("manual", "chat_auto", "livestream")
PAYMENT_METHODS = ("cod", "bank_transfer")


class Product(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("workspace_id", "sku"),
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("stock >= 0 AND reserved >= 0", name="stock_not_negative"),
        Index(
            "ix_products_search",
            text("to_tsvector('simple', search_text)"),
            postgresql_using="gin",
        ),
    )

    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    images: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default="[]")
    price: Mapped[int] = mapped_column(BigInteger, default=0)
    # For products without variants; a product with variants keeps stock on each variant.
    stock: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reserved: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    weight_grams: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    is_active: Mapped[bool] = mapped_column(default=True, server_default="true")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=text("now()")
    )


class ProductListing(IdMixin, WorkspaceMixin, Base):
    """A product's own listing on a channel whose provider has listings (a Shopee shop's
    `item_id`): its product card then goes out as the provider's native card."""

    __tablename__ = "product_listings"
    __table_args__ = (UniqueConstraint("product_id", "channel_id"),)

    product_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    channel_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("channels.id", ondelete="CASCADE"), index=True
    )
    external_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=text("now()")
    )


class ProductVariant(IdMixin, WorkspaceMixin, Base):
    __tablename__ = "product_variants"
    __table_args__ = (
        UniqueConstraint("workspace_id", "sku"),
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("stock >= 0 AND reserved >= 0", name="stock_not_negative"),
    )

    product_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))  # "M / Đỏ"
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    price: Mapped[int] = mapped_column(BigInteger, default=0)
    stock: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reserved: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Warehouse(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """A stock location; automatic draft orders need a default one (as in the seed)."""

    __tablename__ = "warehouses"

    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    is_default: Mapped[bool] = mapped_column(default=False, server_default="false")


class Order(AddressCodesMixin, IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("workspace_id", "code"),
        CheckConstraint(
            "status IN ('draft', 'confirmed', 'closed', 'completed', 'cancelled')", name="status"
        ),
        CheckConstraint("source IN ('manual', 'chat_auto', 'livestream')", name="source"),
        CheckConstraint(
            "shipping_fee >= 0 AND discount >= 0 AND total >= 0", name="money_not_negative"
        ),
        Index(None, "workspace_id", "status", text("id DESC")),
        # The order list without a status filter: newest first, keyset on id.
        Index("ix_orders_workspace_recent", "workspace_id", text("id DESC")),
        Index(None, "workspace_id", "contact_id"),
        Index(None, "livestream_id", "status"),
        Index(None, "conversation_id"),
        Index(
            "ix_orders_search",
            text("to_tsvector('simple', search_text)"),
            postgresql_using="gin",
        ),
        # One open automatic draft per customer; one open order per customer per livestream.
        Index(
            "uq_orders_open_chat_auto",
            "workspace_id",
            "contact_id",
            unique=True,
            postgresql_where=text("source = 'chat_auto' AND status = 'draft'"),
        ),
        Index(
            "uq_orders_open_livestream",
            "livestream_id",
            "contact_id",
            unique=True,
            postgresql_where=text("livestream_id IS NOT NULL AND status IN ('draft', 'confirmed')"),
        ),
    )

    number: Mapped[int] = mapped_column(BigInteger)
    code: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="draft", server_default="draft")
    source: Mapped[str] = mapped_column(String(16), default="manual", server_default="manual")
    channel_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("channels.id", ondelete="SET NULL")
    )
    contact_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("contacts.id", ondelete="SET NULL")
    )
    conversation_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("conversations.id", ondelete="SET NULL")
    )
    livestream_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("livestreams.id", ondelete="SET NULL")
    )
    warehouse_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("warehouses.id", ondelete="SET NULL")
    )
    customer_name: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(String(100))
    district: Mapped[str | None] = mapped_column(String(100))
    ward: Mapped[str | None] = mapped_column(String(100))
    subtotal: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    shipping_fee: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    discount: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    total: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    cod_amount: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    payment_method: Mapped[str] = mapped_column(String(16), default="cod", server_default="cod")
    carrier: Mapped[str | None] = mapped_column(String(32))
    weight_grams: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    note: Mapped[str | None] = mapped_column(Text)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    # Confirmation bot (livestream) and receipt message bookkeeping.
    bot_status: Mapped[str | None] = mapped_column(String(16))  # queued | sent | failed
    bot_error: Mapped[str | None] = mapped_column(Text)
    receipt_message_id: Mapped[int | None] = mapped_column(BigInteger)
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=text("now()")
    )
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OrderItem(IdMixin, WorkspaceMixin, Base):
    __tablename__ = "order_items"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
    )

    order_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("orders.id", ondelete="CASCADE"), index=True
    )
    product_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("products.id", ondelete="SET NULL")
    )
    variant_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("product_variants.id", ondelete="SET NULL")
    )
    variant_sku: Mapped[str | None] = mapped_column(String(64))
    sku: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    # Livestream: the comment that added this line and the keyword it matched.
    source_message_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    keyword: Mapped[str | None] = mapped_column(String(64))
    # A product with variants whose variant the customer has not chosen yet ("cần chọn phân
    # loại"): the line holds no variant and the order cannot be confirmed until one is picked.
    needs_variant: Mapped[bool] = mapped_column(default=False, server_default="false")


class OrderStatusChange(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "order_status_changes"

    order_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("orders.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    actor_type: Mapped[str] = mapped_column(String(16))  # user | bot | system | api
    actor_user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )


class ShippingRate(IdMixin, WorkspaceMixin, Base):
    """Built-in shipping fee table: by province (folded, "*" for anywhere) and weight."""

    __tablename__ = "shipping_rates"
    __table_args__ = (Index(None, "workspace_id", "province", "max_weight_grams"),)

    carrier: Mapped[str] = mapped_column(String(32), default="default")
    province: Mapped[str] = mapped_column(String(100), default="*")
    max_weight_grams: Mapped[int] = mapped_column(Integer)
    fee: Mapped[int] = mapped_column(BigInteger)
