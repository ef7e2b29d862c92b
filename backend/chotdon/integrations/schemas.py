"""Request and response bodies of `/api/v1/webhooks` (API.md "Outgoing webhooks")."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, field_validator

from chotdon.core.outbox import DURABLE_TYPES
from chotdon.core.schemas import Input

EVENT_TYPES = sorted(DURABLE_TYPES)


def _check_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL with a host")
    if parts.username or parts.password:
        raise ValueError("must not contain a user name or password")
    return value


def _check_events(values: list[str]) -> list[str]:
    unknown = [v for v in values if v not in DURABLE_TYPES]
    if unknown:
        raise ValueError(f"unknown event type {unknown[0]!r}; known: {', '.join(EVENT_TYPES)}")
    if not values:
        raise ValueError("subscribe to at least one event type")
    return sorted(set(values))


class WebhookIn(Input):
    url: str = Field(max_length=2000)
    events: list[str] = Field(max_length=len(EVENT_TYPES) * 2)
    active: bool = True
    description: str = Field(default="", max_length=500)

    _url = field_validator("url")(_check_url)
    _events = field_validator("events")(_check_events)


class WebhookPatch(Input):
    url: str | None = Field(default=None, max_length=2000)
    events: list[str] | None = Field(default=None, max_length=len(EVENT_TYPES) * 2)
    active: bool | None = None
    description: str | None = Field(default=None, max_length=500)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _check_url(value)

    @field_validator("events")
    @classmethod
    def _events(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _check_events(value)


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[str]
    active: bool
    description: str
    consecutive_failures: int
    failing_since: datetime | None
    disabled_reason: str | None
    disabled_at: datetime | None
    created_at: datetime
    updated_at: datetime


class WebhookCreatedOut(WebhookOut):
    secret: str = Field(description="Shown once: verify X-Chotdon-Signature with it")


class DeliveryRequest(BaseModel):
    headers: dict[str, Any]
    body: dict[str, Any]


class DeliveryOut(BaseModel):
    id: int
    webhook_id: int
    event_id: str
    event_type: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    redelivery: bool
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    response_status: int | None
    response_body: str | None
    duration_ms: int | None
    error: str | None
    request: DeliveryRequest
    delivered_at: datetime | None
    created_at: datetime
