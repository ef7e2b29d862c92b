"""Workspaces, users, memberships (roles), API keys and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base, IdMixin, TimestampMixin, WorkspaceMixin

ROLES = ("owner", "admin", "agent")


class Workspace(IdMixin, TimestampMixin, Base):
    __tablename__ = "workspaces"

    name: Mapped[str] = mapped_column(String(200))
    # Settings that are not per channel: receipt template, currency, auto-order options...
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    # Counter behind readable order codes (DH000123); bumped with UPDATE ... RETURNING.
    order_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class User(IdMixin, TimestampMixin, Base):
    """A person who logs in. Users are global; what they may see comes from memberships."""

    __tablename__ = "users"
    __table_args__ = (Index("uq_users_email_lower", text("lower(email)"), unique=True),)

    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(8), default="vi", server_default="vi")
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Membership(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("workspace_id", "user_id"),
        CheckConstraint("role IN ('owner', 'admin', 'agent')", name="role"),
    )

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(default=True, server_default="true")


class ApiKey(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "api_keys"

    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(16), default="admin", server_default="admin")
    # What the key may do (core/scopes.py); it also never exceeds its creator's membership:
    # the key stops working when that person leaves, is removed or deactivated.
    scopes: Mapped[list[str]] = mapped_column(
        JSONB, default=lambda: ["admin"], server_default='["admin"]'
    )
    created_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditLog(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """Who did what: assignments, order transitions, settings changes, member changes."""

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "workspace_id", "target_type", "target_id"),)

    actor_user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    actor_api_key_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("api_keys.id", ondelete="SET NULL")
    )
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[int | None] = mapped_column(BigInteger)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")


class Invitation(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """Staff invited by e-mail: a single-use, expiring link the invitee accepts.

    Only a hash of the token is stored. Accepting either creates the invitee's account (they set
    their own password) or adds the logged-in account with the invited e-mail; an existing
    account is never attached without its owner logging in.
    """

    __tablename__ = "invitations"

    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UserSession(IdMixin, TimestampMixin, Base):
    """One login (a browser, a device): short access tokens name it (`sid`) and a rotating
    refresh token renews them. Logging out (here or from another device), changing or
    resetting the password, leaving the workspace's staff or a refresh token used twice
    revokes it; `ended_reason` says which."""

    __tablename__ = "user_sessions"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    workspace_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE")
    )
    refresh_hash: Mapped[str] = mapped_column(String(128), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The device as last seen (login or token renewal): shown in the list of sessions.
    user_agent: Mapped[str | None] = mapped_column(String(300))
    ip: Mapped[str | None] = mapped_column(String(64))
    ended_reason: Mapped[str | None] = mapped_column(String(32))


class SpentRefreshToken(IdMixin, TimestampMixin, Base):
    """A refresh token of a session that was already traded for new tokens. Presented again, it
    was copied (stolen, or a client bug): the whole session ends. Kept as long as it could
    otherwise still have been valid (REFRESH_TOKEN_TTL_DAYS)."""

    __tablename__ = "spent_refresh_tokens"

    session_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("user_sessions.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)


class PasswordReset(IdMixin, TimestampMixin, Base):
    """A single-use, expiring password reset link (only the token's hash is stored)."""

    __tablename__ = "password_resets"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
