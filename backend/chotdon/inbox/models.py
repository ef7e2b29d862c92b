"""Posts, conversations, messages, tags, quick replies, internal notes and the media library."""

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
)
from sqlalchemy import (
    text as sa_text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base, IdMixin, TimestampMixin, WorkspaceMixin, utcnow

CONVERSATION_KINDS = ("message", "comment")
CONVERSATION_STATUSES = ("open", "done")
MESSAGE_DIRECTIONS = ("in", "out")
SENDER_TYPES = ("contact", "agent", "bot", "page")
MESSAGE_STATUSES = ("pending", "sent", "delivered", "read", "failed")


class Post(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """A page post or a live video's post; comment conversations hang under it."""

    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("channel_id", "external_id"),
        Index(None, "channel_id", "live_video_external_id"),
    )

    channel_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("channels.id", ondelete="CASCADE")
    )
    external_id: Mapped[str] = mapped_column(String(128))  # {page_id}_{post_fbid}
    kind: Mapped[str] = mapped_column(String(16), default="post")  # post | live_video
    message: Mapped[str | None] = mapped_column(Text)
    picture_url: Mapped[str | None] = mapped_column(Text)
    permalink_url: Mapped[str | None] = mapped_column(Text)
    status_type: Mapped[str | None] = mapped_column(String(64))
    live_video_external_id: Mapped[str | None] = mapped_column(String(64))
    live_status: Mapped[str | None] = mapped_column(String(32))  # live, live_stopped, vod...
    posted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Conversation(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """A Messenger thread, or one customer's comments under one post."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("channel_id", "kind", "external_id"),
        CheckConstraint("kind IN ('message', 'comment')", name="kind"),
        CheckConstraint("status IN ('open', 'done')", name="status"),
        # The inbox list: newest activity first, keyset on (last_message_at, id). Named: the
        # automatic name would clash with the plain workspace_id index and be dropped.
        Index(
            "ix_conversations_recent",
            "workspace_id",
            sa_text("last_message_at DESC"),
            sa_text("id DESC"),
        ),
        Index(
            None, "workspace_id", "channel_id", sa_text("last_message_at DESC"), sa_text("id DESC")
        ),
        Index(
            None, "workspace_id", "assignee_id", sa_text("last_message_at DESC"), sa_text("id DESC")
        ),
        Index(
            "ix_conversations_unread",
            "workspace_id",
            sa_text("last_message_at DESC"),
            sa_text("id DESC"),
            postgresql_where=sa_text("unread"),
        ),
        Index(
            "ix_conversations_unreplied",
            "workspace_id",
            sa_text("last_message_at DESC"),
            sa_text("id DESC"),
            postgresql_where=sa_text("NOT replied"),
        ),
        # /conversations/counts: one index-only scan instead of reading the wide rows.
        Index(
            "ix_conversations_counts",
            "workspace_id",
            postgresql_include=[
                "channel_id",
                "kind",
                "status",
                "unread",
                "replied",
                "has_phone",
                "has_order",
                "assignee_id",
            ],
        ),
        Index(None, "workspace_id", "contact_id"),
        Index(None, "post_id", sa_text("last_message_at DESC")),
        Index(
            "ix_conversations_search",
            sa_text("to_tsvector('simple', search_text)"),
            postgresql_using="gin",
        ),
    )

    channel_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("channels.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(16))
    # Facebook thread id (t_...) for messages; "{post external id}:{commenter id}" for comments.
    external_id: Mapped[str] = mapped_column(String(200))
    post_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("posts.id", ondelete="SET NULL")
    )
    contact_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("contacts.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")
    assignee_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    unread: Mapped[bool] = mapped_column(default=True, server_default="true")
    replied: Mapped[bool] = mapped_column(default=False, server_default="false")
    has_phone: Mapped[bool] = mapped_column(default=False, server_default="false")
    has_order: Mapped[bool] = mapped_column(default=False, server_default="false")
    last_message_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=sa_text("now()")
    )
    # The customer's last message: the 24 h / 7 day messaging window starts here.
    last_incoming_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # What the provider last said about the thread (TikTok Shop: can_send_message), read by
    # the provider's `reply_window`; written only by the provider's folder.
    provider_state: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    last_message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_message_preview: Mapped[str | None] = mapped_column(String(300))
    last_message_direction: Mapped[str | None] = mapped_column(String(8))
    last_message_sender_type: Mapped[str | None] = mapped_column(String(16))
    # Folded customer name + phones + the latest messages' words (inbox.preview, searchdoc).
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Bumped on every staff-visible change; PATCH may send it to avoid undoing others' changes.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=sa_text("now()")
    )


class Message(IdMixin, WorkspaceMixin, Base):
    """A Messenger message or a comment, incoming or outgoing."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("channel_id", "external_id"),
        CheckConstraint("direction IN ('in', 'out')", name="direction"),
        CheckConstraint(
            "status IN ('pending', 'sent', 'delivered', 'read', 'failed')", name="status"
        ),
        Index(None, "conversation_id", "created_at", "id"),
        Index(
            "ix_messages_search",
            sa_text("to_tsvector('simple', search_text)"),
            postgresql_using="gin",
        ),
        Index(
            "ix_messages_pending",
            "created_at",
            postgresql_where=sa_text("status = 'pending'"),
        ),
    )

    conversation_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("conversations.id", ondelete="CASCADE")
    )
    channel_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("channels.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(16), default="message")  # message | comment
    direction: Mapped[str] = mapped_column(String(8))
    sender_type: Mapped[str] = mapped_column(String(16))
    sender_user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    sender_external_id: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    # [{type, url, media_id, name, size, sticker_id, payload...}]
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default="[]"
    )
    status: Mapped[str] = mapped_column(String(16), default="sent", server_default="sent")
    error: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(32))
    external_id: Mapped[str | None] = mapped_column(String(200))
    reply_to_external_id: Mapped[str | None] = mapped_column(String(200))
    # Comments: the comment this one replies to (None for a top-level comment).
    parent_external_id: Mapped[str | None] = mapped_column(String(200))
    is_private_reply: Mapped[bool] = mapped_column(default=False, server_default="false")
    is_hidden: Mapped[bool] = mapped_column(default=False, server_default="false")
    is_deleted: Mapped[bool] = mapped_column(default=False, server_default="false")
    is_liked: Mapped[bool] = mapped_column(default=False, server_default="false")
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # reactions, quick_reply payload, postback, standby flag, product card, send attempt...
    meta: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # When it happened at the provider (ordering); received_at is when we stored it.
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=sa_text("now()")
    )
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=sa_text("now()")
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=sa_text("now()")
    )


class Tag(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("channel_id", "external_id"),)

    name: Mapped[str] = mapped_column(String(100))
    color: Mapped[str] = mapped_column(String(16), default="#6b7280", server_default="#6b7280")
    folder: Mapped[str | None] = mapped_column(String(100))
    visible: Mapped[bool] = mapped_column(default=True, server_default="true")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    source: Mapped[str] = mapped_column(String(16), default="manual", server_default="manual")
    # Facebook page labels synced one way: the page and the label id.
    channel_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("channels.id", ondelete="CASCADE")
    )
    external_id: Mapped[str | None] = mapped_column(String(64))


class ConversationTag(TimestampMixin, WorkspaceMixin, Base):
    __tablename__ = "conversation_tags"

    conversation_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )


class QuickReplyGroup(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """Up to 10 messages sent together, suggested when the agent types the shortcut."""

    __tablename__ = "quick_reply_groups"

    name: Mapped[str] = mapped_column(String(200))
    shortcut: Mapped[str | None] = mapped_column(String(64))
    enabled: Mapped[bool] = mapped_column(default=True, server_default="true")
    # Empty means every channel of the workspace.
    channel_ids: Mapped[list[int]] = mapped_column(
        ARRAY(BigInteger), default=list, server_default="{}"
    )
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=sa_text("now()")
    )


class QuickReplyMessage(IdMixin, WorkspaceMixin, Base):
    __tablename__ = "quick_reply_messages"

    group_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("quick_reply_groups.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str | None] = mapped_column(Text)
    attachment_ids: Mapped[list[int]] = mapped_column(
        ARRAY(BigInteger), default=list, server_default="{}"
    )


class Note(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """An internal note on a conversation or a customer, visible to staff only."""

    __tablename__ = "notes"

    conversation_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(Text)


class Media(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """An uploaded file in the media library ("images sent before")."""

    __tablename__ = "media"
    __table_args__ = (Index(None, "workspace_id", "sha256"),)

    uploaded_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    filename: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))  # image | video | audio | file
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(300))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ChannelAttachment(IdMixin, TimestampMixin, WorkspaceMixin, Base):
    """A media file uploaded once to a page (`message_attachments`) and reused by id."""

    __tablename__ = "channel_attachments"
    __table_args__ = (UniqueConstraint("media_id", "channel_id"),)

    media_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("media.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("channels.id", ondelete="CASCADE")
    )
    external_attachment_id: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
