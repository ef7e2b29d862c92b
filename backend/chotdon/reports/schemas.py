"""Report tables: rows keyed by the grouping, and the same figures for the whole period."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

ConversationGroup = Literal["day", "hour", "agent", "channel"]
OrderGroup = Literal["day", "source", "channel", "agent", "livestream"]


class Durations(BaseModel):
    """Seconds: the mean and the median / 90th percentile; null when nothing was answered."""

    avg: int | None = None
    p50: int | None = None
    p90: int | None = None


class ConversationFigures(BaseModel):
    new_conversations: int = 0
    reopened_conversations: int = 0
    messages_in: int = 0
    messages_out: int = 0
    messages_bot: int = 0
    replied: int = 0
    first_response_seconds: Durations = Durations()
    first_response_seconds_working_hours: Durations = Durations()
    response_seconds: Durations = Durations()
    response_seconds_working_hours: Durations = Durations()


class ConversationRow(ConversationFigures):
    key: str
    label: str


class ConversationReport(BaseModel):
    group_by: ConversationGroup
    from_date: date
    to_date: date
    timezone: str
    rows: list[ConversationRow]
    totals: ConversationFigures


class OrderFigures(BaseModel):
    orders: int = 0
    draft: int = 0
    confirmed: int = 0
    closed: int = 0
    completed: int = 0
    cancelled: int = 0
    returned: int = 0
    revenue: int = 0
    cancel_rate: float | None = None
    return_rate: float | None = None


class OrderRow(OrderFigures):
    key: str
    label: str


class OrderReport(BaseModel):
    group_by: OrderGroup
    from_date: date
    to_date: date
    timezone: str
    rows: list[OrderRow]
    totals: OrderFigures


class ProductFigures(BaseModel):
    product_id: int | None
    name: str
    units: int
    revenue: int


class MinuteCount(BaseModel):
    minute: str  # ISO time of the minute's start (UTC)
    comments: int


class LivestreamReport(BaseModel):
    livestream_id: int
    title: str
    started_at: str | None
    ended_at: str | None
    comments: int
    commenters: int
    order_comments: int
    orders: int
    orders_by_status: dict[str, int]
    units: int
    revenue: int
    products: list[ProductFigures]
    comments_per_minute: list[MinuteCount]
    peak_comments_per_minute: int
