"""Request and response bodies of `/api/v1/auto-messages` (API.md "Automatic messages")."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from chotdon.automations.templates import problems
from chotdon.core.schemas import Input

Kind = Literal["greeting", "away", "order_status"]
OrderStatus = Literal["confirmed", "closed", "shipped", "completed", "cancelled"]


class _RuleFields(Input):
    channel_ids: list[int] | None = Field(default=None, max_length=200)
    text: str | None = Field(default=None, min_length=1, max_length=2000)
    attachment_ids: list[int] | None = Field(default=None, max_length=10)
    enabled: bool | None = None
    order_status: OrderStatus | None = None
    silence_hours: int | None = Field(default=None, ge=1, le=24 * 365)


class AutoMessageIn(_RuleFields):
    kind: Kind
    text: str = Field(min_length=1, max_length=2000)
    enabled: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> AutoMessageIn:
        check_rule(self.kind, self.text, self.order_status, self.silence_hours)
        return self


class AutoMessagePatch(_RuleFields):
    pass


def check_rule(kind: str, text: str, order_status: str | None, silence_hours: int | None) -> None:
    """Raise ValueError (a 422 through pydantic) for a rule that makes no sense."""
    if not text.strip():
        raise ValueError("text must not be blank")
    if found := problems(text, kind):
        raise ValueError(found[0])
    if kind == "order_status" and order_status is None:
        raise ValueError("order_status is required for an order status message")
    if kind != "order_status" and order_status is not None:
        raise ValueError("order_status is only for order status messages")
    if kind != "greeting" and silence_hours is not None:
        raise ValueError("silence_hours is only for greetings")


class AutoMessageOut(BaseModel):
    id: int
    kind: Kind
    channel_ids: list[int]
    text: str
    attachment_ids: list[int]
    enabled: bool
    order_status: OrderStatus | None
    silence_hours: int | None
    created_at: datetime
    updated_at: datetime


class PreviewIn(Input):
    text: str = Field(max_length=2000)
    kind: Kind = "order_status"


class PreviewOut(BaseModel):
    text: str
    problems: list[str]


class AutoMessageSendOut(BaseModel):
    id: int
    rule_id: int | None
    kind: Kind
    status: Literal["queued", "skipped"]
    reason: str | None
    conversation_id: int | None
    contact_id: int | None
    order_id: int | None
    message_id: int | None
    created_at: datetime
