"""Provider-neutral inbound events: what a webhook or a backfill tells us happened.

Provider modules (channels/facebook, later Shopee/Lazada/TikTok) translate their wire formats
into these; `inbox.flows` records them. Nothing here knows about HTTP or a provider's JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Direction = Literal["in", "out"]
SenderType = Literal["contact", "agent", "bot", "page"]


@dataclass(slots=True)
class Person:
    """The customer as the channel identifies them (PSID, commenter id, buyer id)."""

    external_id: str
    name: str | None = None
    picture_url: str | None = None


@dataclass(slots=True)
class InboundMessage:
    """A private message in a thread: from the customer, or sent by the page (echo)."""

    external_id: str  # mid
    customer: Person
    direction: Direction
    created_at: datetime
    text: str | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    sender_type: SenderType = "contact"
    reply_to_external_id: str | None = None
    thread_external_id: str | None = None  # provider thread id when known (t_...)
    # Echo correlation: our own sends carry `metadata` = "chotdon:<message id>".
    app_id: str | None = None
    metadata: str | None = None
    # quick_reply, postback, standby...; `automated: True` on a page message another app sent
    # (a third-party chatbot, not a person in the provider's own inbox): no staff reply.
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class InboundPost:
    external_id: str
    message: str | None = None
    permalink_url: str | None = None
    picture_url: str | None = None
    status_type: str | None = None
    created_at: datetime | None = None
    kind: Literal["post", "live_video"] = "post"
    live_video_external_id: str | None = None


@dataclass(slots=True)
class InboundComment:
    """A comment under a post (or a live video), including the page's own replies."""

    external_id: str  # comment_id
    post: InboundPost
    customer: Person  # the commenter; for the page's own replies, the customer of the thread
    direction: Direction
    created_at: datetime
    verb: Literal["add", "edited", "remove", "hide", "unhide"] = "add"
    text: str | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    parent_external_id: str | None = None
    sender_type: SenderType = "contact"
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class MessageStatusUpdate:
    """Deliveries and reads: everything the page sent up to `watermark` reached that state."""

    customer_external_id: str
    status: Literal["delivered", "read"]
    watermark: datetime
    external_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Reaction:
    customer_external_id: str
    message_external_id: str
    action: Literal["react", "unreact"]
    reaction: str | None = None
    emoji: str | None = None
    created_at: datetime | None = None
