"""Inbox shapes shared by the REST API and the realtime events (API.md is the contract)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class TagRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    color: str
    folder: str | None = None
    visible: bool = True


class ContactRef(BaseModel):
    id: int
    name: str
    phones: list[str] = Field(default_factory=list)
    picture_url: str | None = None
    blocked: bool = False


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
    version: int
    created_at: datetime
