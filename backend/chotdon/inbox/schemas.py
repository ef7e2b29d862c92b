"""Inbox shapes shared by the REST API and the realtime events (API.md is the contract)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from chotdon.core.schemas import Input


class TagRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    color: str
    folder: str | None = None
    visible: bool = True


class ContactTagRef(TagRef):
    pinned: bool = False


class ContactRef(BaseModel):
    id: int
    name: str
    phones: list[str] = Field(default_factory=list)
    picture_url: str | None = None
    blocked: bool = False
    # Tags on the customer themself, pinned ones first.
    tags: list[ContactTagRef] = Field(default_factory=list)


class LastMessage(BaseModel):
    id: int | None
    text: str | None
    direction: Literal["in", "out"] | None
    sender_type: str | None
    created_at: datetime


class MessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    conversation_id: int
    channel_id: int
    kind: Literal["message", "comment"]
    direction: Literal["in", "out"]
    sender_type: Literal["contact", "agent", "bot", "page"]
    sender_user_id: int | None = None
    text: str | None
    attachments: list[dict[str, Any]]
    status: Literal["pending", "sent", "delivered", "read", "failed"]
    error: str | None
    error_code: str | None = None
    external_id: str | None
    reply_to_external_id: str | None = None
    parent_external_id: str | None = None
    is_private_reply: bool = False
    is_hidden: bool = False
    is_deleted: bool = False
    is_liked: bool = False
    edited_at: datetime | None = None
    meta: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime


class ReplyWindowOut(BaseModel):
    """Whether a reply may go now, by the channel's rules (`channels.contract.ReplyWindow`):
    `open` anyone, `human_only` staff only, `closed` nobody; at `closes_at` it becomes `then`.
    `code` names the provider's rule in force (e.g. `zalo_free_replies_used`); `remaining` is
    how many more messages it allows (Zalo's free replies), when the channel counts them."""

    state: Literal["open", "human_only", "closed"]
    closes_at: datetime | None = None
    then: Literal["open", "human_only", "closed"] | None = None
    reason: str | None = None
    code: str | None = None
    remaining: int | None = None


class ConversationOut(BaseModel):
    id: int
    channel_id: int
    kind: Literal["message", "comment"]
    post_id: int | None
    contact: ContactRef
    status: Literal["open", "done"]
    assignee_id: int | None
    unread: bool
    replied: bool
    has_phone: bool
    has_order: bool
    tags: list[TagRef]
    last_message: LastMessage | None
    last_message_at: datetime
    last_incoming_at: datetime | None = None
    last_read_at: datetime | None = None
    # Chats only (None for comment threads); computed when the answer is built.
    reply_window: ReplyWindowOut | None = None
    version: int
    created_at: datetime
    updated_at: datetime | None = None


# --- requests and other answers -------------------------------------------------------------


class ConversationPatch(BaseModel):
    """Only the fields sent change. `version`: refuse (409) if someone changed it meanwhile."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["open", "done"] | None = None
    assignee_id: int | None = None
    version: int | None = Field(default=None, ge=1)


class StateChange(BaseModel):
    """Optional body of read / unread / block: `version` as in PATCH."""

    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(default=None, ge=1)


BulkActionName = Literal["tag", "untag", "assign", "unassign", "done", "open", "read", "unread"]
MAX_BULK_IDS = 200


class BulkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ids: list[int] = Field(min_length=1, max_length=MAX_BULK_IDS)
    action: BulkActionName
    tag_ids: list[int] = Field(default_factory=list, max_length=50)
    assignee_id: int | None = None


class BulkSkipped(BaseModel):
    id: int
    reason: str


class BulkOut(BaseModel):
    action: BulkActionName
    updated_ids: list[int]
    skipped: list[BulkSkipped] = Field(default_factory=list)


class Counts(BaseModel):
    """Badge numbers of the quick filters, within the other filters given."""

    all: int
    unread: int
    unreplied: int
    mine: int
    unassigned: int
    has_phone: int
    comments: int
    messages: int
    open: int
    done: int


class ChannelCardIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["product", "order"]
    external_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    name: str | None = Field(default=None, max_length=300)


class MessageIn(BaseModel):
    """A reply. On a comment conversation: public reply unless `private_reply` is true."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, max_length=2000)
    attachment_ids: list[int] = Field(default_factory=list, max_length=10)
    product_id: int | None = None
    # A marketplace's own card (channels with `product_cards` / `order_cards`): a listing of
    # the shop on that marketplace or one of its orders there, by the marketplace's id.
    card: ChannelCardIn | None = None
    private_reply: bool = False
    # Comments: which comment to answer; default the customer's latest comment.
    reply_to_message_id: int | None = None


class MessageQueued(BaseModel):
    items: list[MessageOut]


# --- tags -----------------------------------------------------------------------------------

_COLOR = r"^#[0-9a-fA-F]{6}$"


class TagIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    color: str = Field(default="#6b7280", pattern=_COLOR)
    folder: str | None = Field(default=None, max_length=100)
    visible: bool = True
    position: int = 0


class TagPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=100)
    color: str | None = Field(default=None, pattern=_COLOR)
    folder: str | None = Field(default=None, max_length=100)
    visible: bool | None = None
    position: int | None = None


class TagOut(TagRef):
    position: int = 0
    source: str = "manual"
    channel_id: int | None = None
    conversations_count: int | None = None
    created_at: datetime


class ContactTagIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pinned: bool = False


class AutoAssignmentIn(Input):
    """Automatic assignment: `mode`, the staff who take part (empty: every active agent) and
    the channels it applies to (empty: all)."""

    model_config = ConfigDict(extra="forbid")

    mode: Literal["off", "round_robin", "first_reply"]
    member_ids: list[int] = Field(default_factory=list, max_length=500)
    channel_ids: list[int] = Field(default_factory=list, max_length=500)


class AutoAssignmentOut(BaseModel):
    mode: Literal["off", "round_robin", "first_reply"]
    member_ids: list[int]
    channel_ids: list[int]


# --- quick replies --------------------------------------------------------------------------

MAX_QUICK_REPLY_MESSAGES = 10


class QuickReplyMessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, max_length=2000)
    attachment_ids: list[int] = Field(default_factory=list, max_length=10)


class QuickReplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    shortcut: str | None = Field(default=None, max_length=64)
    enabled: bool = True
    channel_ids: list[int] = Field(default_factory=list, max_length=100)
    messages: list[QuickReplyMessageIn] = Field(min_length=1, max_length=MAX_QUICK_REPLY_MESSAGES)
    position: int = 0


class QuickReplyPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    shortcut: str | None = Field(default=None, max_length=64)
    enabled: bool | None = None
    channel_ids: list[int] | None = Field(default=None, max_length=100)
    messages: list[QuickReplyMessageIn] | None = Field(
        default=None, min_length=1, max_length=MAX_QUICK_REPLY_MESSAGES
    )
    position: int | None = None


class QuickReplyMessageOut(BaseModel):
    text: str | None
    attachment_ids: list[int]
    # Filled for a conversation (suggest?conversation_id=): variables replaced.
    rendered_text: str | None = None


class QuickReplyOut(BaseModel):
    id: int
    name: str
    shortcut: str | None
    enabled: bool
    channel_ids: list[int]
    position: int
    messages: list[QuickReplyMessageOut]
    created_at: datetime


class QuickReplySend(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quick_reply_id: int


# --- notes and media ------------------------------------------------------------------------


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=5000)


class NoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    conversation_id: int | None
    contact_id: int | None
    author_id: int | None
    text: str
    created_at: datetime


class MediaOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    filename: str
    content_type: str
    kind: str
    size: int
    sha256: str
    url: str = ""
    last_used_at: datetime | None = None
    created_at: datetime


class CommentActionOut(BaseModel):
    message_id: int
    action: str
    status: Literal["queued"] = "queued"


class PostOut(BaseModel):
    """The post (or live video) a comment conversation hangs under."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    channel_id: int
    external_id: str
    kind: Literal["post", "live_video"]
    message: str | None
    picture_url: str | None
    permalink_url: str | None
    status_type: str | None
    live_status: str | None
    posted_at: datetime | None
    created_at: datetime
