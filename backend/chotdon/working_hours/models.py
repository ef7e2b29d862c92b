"""One row per workspace that set its hours; a workspace without a row is open all the time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, String, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base, IdMixin, WorkspaceMixin, utcnow


class WorkingHours(IdMixin, WorkspaceMixin, Base):
    __tablename__ = "working_hours"
    __table_args__ = (UniqueConstraint("workspace_id"),)

    timezone: Mapped[str] = mapped_column(String(64))
    # {"mon": [["08:00", "12:00"], ["13:30", "21:00"]], ...}: a missing or empty day is closed
    days: Mapped[dict[str, Any]] = mapped_column(JSONB)
    closed_dates: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default="[]")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), default=utcnow, onupdate=utcnow
    )
