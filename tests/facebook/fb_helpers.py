"""Small helpers shared by the Facebook tests (database reads of what the API does not show)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from chotdon.channels.models import WebhookDelivery
from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Message


async def deliveries_containing(marker: str) -> list[WebhookDelivery]:
    async with unit_of_work() as session:
        rows = await session.execute(
            select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(500)
        )
        return [d for d in rows.scalars() if marker.encode() in d.body]


async def message_rows(channel_id: int) -> list[Message]:
    async with unit_of_work() as session:
        rows = await session.execute(
            select(Message).where(Message.channel_id == channel_id).order_by(Message.id)
        )
        return list(rows.scalars())


async def conversations(tenant: Any, **params: Any) -> list[dict[str, Any]]:
    r = await tenant.get("/api/v1/conversations", params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def messages(tenant: Any, conversation_id: int) -> list[dict[str, Any]]:
    r = await tenant.get(f"/api/v1/conversations/{conversation_id}/messages")
    assert r.status_code == 200, r.text
    return r.json()["items"]
