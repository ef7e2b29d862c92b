"""Customers (contacts), their identities on each page/shop, phones, addresses, blacklist."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import (
    text as sa_text,
)
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.addresses.models import AddressCodesMixin
from chotdon.core.db import Base, IdMixin, TimestampMixin, WorkspaceMixin, utcnow


class Contact(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """One customer. Several identities (PSID on page A, commenter on page B...) can merge."""

    __tablename__ = "contacts"
    __table_args__ = (
        # The customer list: newest first, merged-away contacts left out.
        Index(
            "ix_contacts_workspace_recent",
            "workspace_id",
            sa_text("id DESC"),
            postgresql_where=sa_text("merged_into_id IS NULL"),
        ),
        Index(
            "ix_contacts_search",
            sa_text("to_tsvector('simple', search_text)"),
            postgresql_using="gin",
        ),
    )

    name: Mapped[str] = mapped_column(String(300), default="", server_default="")
    picture_url: Mapped[str | None] = mapped_column(Text)
    primary_phone: Mapped[str | None] = mapped_column(String(20))
    blocked: Mapped[bool] = mapped_column(default=False, server_default="false")
    merged_into_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("contacts.id", ondelete="SET NULL")
    )
    orders_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    completed_orders_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    cancelled_orders_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    total_spent: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # Folded name + phones (core.text.search_document), for diacritics-insensitive search.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=sa_text("now()")
    )


class ContactIdentity(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """The person as one page/shop sees them: a PSID, a commenter id, a marketplace buyer id."""

    __tablename__ = "contact_identities"
    __table_args__ = (UniqueConstraint("channel_id", "external_id"),)

    contact_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    channel_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("channels.id", ondelete="CASCADE")
    )
    external_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(300))
    picture_url: Mapped[str | None] = mapped_column(Text)
    profile_fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ContactPhone(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "contact_phones"
    __table_args__ = (
        UniqueConstraint("contact_id", "phone"),
        Index(None, "workspace_id", "phone"),
    )

    contact_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("contacts.id", ondelete="CASCADE")
    )
    phone: Mapped[str] = mapped_column(String(20))  # E.164
    raw: Mapped[str | None] = mapped_column(String(64))
    source_message_id: Mapped[int | None] = mapped_column(BigInteger)


class ContactAddress(AddressCodesMixin, IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "contact_addresses"

    contact_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(String(100))
    district: Mapped[str | None] = mapped_column(String(100))
    ward: Mapped[str | None] = mapped_column(String(100))
    source_message_id: Mapped[int | None] = mapped_column(BigInteger)
    # False for an address found in chat until its codes are read, when it is first used
    # (customers.service.read_address_codes): reading is too slow for the ingestion path.
    codes_read: Mapped[bool] = mapped_column(default=True, server_default="true")


class ContactTag(TimestampMixin, WorkspaceMixin, Base):
    """Tags on the customer themself; `pinned` ones show first everywhere the customer does."""

    __tablename__ = "contact_tags"

    contact_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    pinned: Mapped[bool] = mapped_column(default=False, server_default="false")


class PhoneBlacklist(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """Phone numbers that never get automatic orders (known "bùng đơn" customers)."""

    __tablename__ = "phone_blacklist"
    __table_args__ = (UniqueConstraint("workspace_id", "phone"),)

    phone: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )


class SameCustomerDismissal(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """Staff said two customers sharing a phone are not the same person ("Không phải cùng
    người"): the pair is no longer suggested, nor merged automatically. The pair is stored
    once, smaller id first."""

    __tablename__ = "same_customer_dismissals"
    __table_args__ = (
        UniqueConstraint("workspace_id", "contact_id", "other_id"),
        Index(None, "other_id"),
    )

    contact_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("contacts.id", ondelete="CASCADE")
    )
    other_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("contacts.id", ondelete="CASCADE"))
    dismissed_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
