"""Livestream shapes of the REST API (API.md: /api/v1/livestreams)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator

from chotdon.core.schemas import Input
from chotdon.orders.schemas import OrderOut

LivestreamStatus = Literal["scheduled", "live", "ended"]


class LivestreamIn(BaseModel):
    channel_id: int
    # Attach at once to a live video (Graph id) or to its post (our post id); neither: a
    # livestream prepared in advance, attached to the page's next live video.
    live_video_id: str | None = Field(default=None, max_length=64)
    # Our post id or the page's Facebook post id ("{page_id}_{post_id}" or the bare post id).
    post_id: int | Annotated[str, Field(min_length=1, max_length=128)] | None = None
    title: str = Field(min_length=1, max_length=300)


class LivestreamPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=300)
    accepting_orders: bool | None = None


class ConfigItemIn(BaseModel):
    keyword: str = Field(min_length=1, max_length=64)
    product_id: int
    variant_sku: str | None = Field(default=None, max_length=64)
    price: int | None = Field(default=None, ge=0, le=10_000_000_000)
    quantity_limit: int | None = Field(default=None, ge=1, le=10_000)  # per customer
    stock_limit: int | None = Field(default=None, ge=0, le=1_000_000)  # for the whole live

    @field_validator("keyword")
    @classmethod
    def _keyword_has_letters_or_digits(cls, value: str) -> str:
        value = value.strip()
        if not any(ch.isalnum() for ch in value):
            raise ValueError("a keyword needs letters or digits")
        return value


class ConfigIn(BaseModel):
    items: list[ConfigItemIn] = Field(default_factory=list, max_length=500)
    # None keeps the livestream's setting (both on for a new livestream).
    confirm_by_message: bool | None = None
    hide_phone_comments: bool | None = None
    phone_only_single_product: bool = False
    repeat_adds_quantity: bool = False
    # Editable confirmation message; None keeps the default (see `bot.DEFAULT_TEMPLATE`).
    bot_template: str | None = Field(default=None, max_length=2000)


class ConfigItemOut(BaseModel):
    id: int
    keyword: str
    product_id: int
    product_name: str
    product_sku: str
    variant_id: int | None
    variant_sku: str | None
    variant_name: str | None
    # The choices a comment picks from when the keyword is a product with variants.
    variants: list[dict[str, Any]]
    price: int | None
    effective_price: int
    quantity_limit: int | None
    stock_limit: int | None = None
    sold: int = 0  # units in this livestream's orders (not cancelled)


class ConfigOut(BaseModel):
    items: list[ConfigItemOut]
    confirm_by_message: bool
    hide_phone_comments: bool
    phone_only_single_product: bool
    repeat_adds_quantity: bool
    bot_template: str
    bot_template_is_default: bool
    placeholders: list[str]


class LivestreamOut(BaseModel):
    id: int
    channel_id: int
    post_id: int | None
    live_video_id: str | None
    title: str
    status: LivestreamStatus
    accepting_orders: bool
    # Why comments do not become orders now (None: they do): the live ended, staff stopped
    # taking orders, or no product is configured yet (orders are taken only once one is).
    not_taking_orders: Literal["ended", "stopped", "no_products"] | None = None
    confirm_by_message: bool
    hide_phone_comments: bool
    phone_only_single_product: bool
    repeat_adds_quantity: bool
    items_count: int
    permalink_url: str | None
    started_at: datetime | None
    ended_at: datetime | None
    created_at: datetime
    updated_at: datetime


class LivestreamDetailOut(LivestreamOut):
    config: ConfigOut


class LiveVideoOut(BaseModel):
    """A live video of a page, as synced by the channel (a post of kind live_video)."""

    post_id: int
    channel_id: int
    live_video_id: str | None
    title: str | None
    status: Literal["live", "ended"]
    live_status: str | None
    permalink_url: str | None
    picture_url: str | None
    started_at: datetime | None
    livestream_id: int | None


class TotalsOut(BaseModel):
    orders: int
    by_status: dict[str, int]
    items: int
    revenue: int
    confirmed_rate: float
    customers: int
    comments: int
    comments_by_outcome: dict[str, int]
    bot_queued: int
    bot_sent: int
    bot_failed: int
    private_replies_last_hour: int
    private_reply_hourly_cap: int


class CustomerHistory(BaseModel):
    contact_id: int
    orders_count: int
    completed_orders_count: int
    cancelled_orders_count: int
    total_spent: int
    earlier_orders: list[dict[str, Any]]


class BoardOrderOut(BaseModel):
    order: OrderOut
    history: CustomerHistory | None


class LiveCommentOut(BaseModel):
    id: int
    message_id: int
    contact_id: int | None
    customer_name: str | None
    order_id: int | None
    order_code: str | None
    text: str | None
    outcome: str
    parsed: dict[str, Any]
    is_deleted: bool
    is_hidden: bool
    created_at: datetime
    updated_at: datetime


class ResolveItemIn(Input):
    item_id: int = Field(gt=0, lt=2**63)  # a configured item (GET .../config)
    variant_id: int | None = Field(default=None, gt=0, lt=2**63)
    quantity: int | None = Field(default=None, ge=1, le=99)


class CommentResolveIn(Input):
    """Staff completes a comment on the board: the phone it lacks, the products it meant or
    the size / colour it did not name. The comment is then read again with these choices."""

    phone: str | None = Field(default=None, max_length=40)
    items: list[ResolveItemIn] = Field(default_factory=list, max_length=20)


class BulkIn(BaseModel):
    ids: list[int] = Field(min_length=1, max_length=500)
    action: Literal["confirm", "close", "cancel", "complete"]
    reason: str | None = Field(default=None, max_length=2000)


class BulkFailure(BaseModel):
    id: int
    code: str
    message: str


class BulkOut(BaseModel):
    done: list[int]
    failed: list[BulkFailure]


class PrintIn(BaseModel):
    ids: list[int] = Field(min_length=1, max_length=500)
