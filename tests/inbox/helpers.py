"""Inbox test data: real channels and messages recorded through the ingestion spine."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from chotdon.channels.events import InboundComment, InboundMessage, InboundPost, Person
from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows

_seq = itertools.count(1)


def now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Seeder:
    workspace_id: int

    async def channel(self, name: str = "Trang Test", **settings: Any) -> int:
        async with unit_of_work() as session:
            channel = Channel(
                workspace_id=self.workspace_id,
                provider="facebook",
                external_id=f"page-{uuid.uuid4().hex[:12]}",
                name=name,
                settings=settings,
            )
            session.add(channel)
            await session.flush()
            return channel.id

    async def message(
        self,
        channel_id: int,
        psid: str,
        text: str | None,
        *,
        name: str = "Nguyễn Thị Lan",
        at: datetime | None = None,
        direction: str = "in",
        attachments: list[dict[str, Any]] | None = None,
    ) -> flows.Recorded:
        event = InboundMessage(
            external_id=f"m_{next(_seq)}_{uuid.uuid4().hex[:8]}",
            customer=Person(psid, name),
            direction=direction,  # type: ignore[arg-type]
            sender_type="contact" if direction == "in" else "page",
            created_at=at or now(),
            text=text,
            attachments=attachments or [],
        )
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id)
            return await flows.record_message(session, channel, event)

    async def comment(
        self,
        channel_id: int,
        post: str,
        user: str,
        text: str,
        *,
        name: str = "Trần Văn Nam",
        at: datetime | None = None,
    ) -> flows.Recorded:
        event = InboundComment(
            external_id=f"{post}_c{next(_seq)}_{uuid.uuid4().hex[:6]}",
            post=InboundPost(external_id=post, message="Áo khoác mới về"),
            customer=Person(user, name),
            direction="in",
            created_at=at or now(),
            text=text,
        )
        async with unit_of_work() as session:
            channel = await session.get_one(Channel, channel_id)
            return await flows.record_comment(session, channel, event)


def ago(**kw: float) -> datetime:
    return now() - timedelta(**kw)
