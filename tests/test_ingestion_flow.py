"""The provider-neutral ingestion spine (inbox.flows): idempotent, order-independent."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from chotdon.channels.events import InboundComment, InboundMessage, InboundPost, Person
from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows
from chotdon.inbox.models import Conversation, Message

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


async def make_channel(workspace_id: int) -> int:
    async with unit_of_work() as session:
        channel = Channel(
            workspace_id=workspace_id,
            provider="facebook",
            external_id=f"page-{uuid.uuid4().hex[:10]}",
            name="Trang Test",
        )
        session.add(channel)
        await session.flush()
        return channel.id


async def record(channel_id: int, event) -> flows.Recorded:
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        if isinstance(event, InboundMessage):
            return await flows.record_message(session, channel, event)
        return await flows.record_comment(session, channel, event)


def msg(mid: str, psid: str, text: str, at: datetime, direction: str = "in") -> InboundMessage:
    return InboundMessage(
        external_id=mid,
        customer=Person(psid, "Nguyễn Thị Lan"),
        direction=direction,  # type: ignore[arg-type]
        sender_type="contact" if direction == "in" else "page",
        created_at=at,
        text=text,
    )


async def conversations_of(channel_id: int) -> list[Conversation]:
    async with unit_of_work() as session:
        rows = await session.execute(
            select(Conversation).where(Conversation.channel_id == channel_id)
        )
        return list(rows.scalars())


async def count_messages(channel_id: int) -> int:
    async with unit_of_work() as session:
        return await session.scalar(select(func.count()).where(Message.channel_id == channel_id))


async def test_same_message_twice_is_stored_once(tenant):
    channel_id = await make_channel(tenant.workspace_id)
    event = msg("m_1", "psid-1", "Shop ơi áo này còn size M không?", T0)
    first = await record(channel_id, event)
    second = await record(channel_id, event)
    assert first.created and not second.created
    assert await count_messages(channel_id) == 1
    [conv] = await conversations_of(channel_id)
    assert conv.unread and not conv.replied and conv.kind == "message"


async def test_out_of_order_keeps_latest_state(tenant):
    channel_id = await make_channel(tenant.workspace_id)
    await record(channel_id, msg("m_2", "psid-2", "Dạ còn ạ", T0 + timedelta(minutes=1), "out"))
    await record(channel_id, msg("m_1", "psid-2", "Còn size M không?", T0))
    [conv] = await conversations_of(channel_id)
    assert conv.last_message_preview == "Dạ còn ạ"
    assert conv.replied is True
    assert conv.last_incoming_at == T0


async def test_phone_in_message_sets_has_phone(tenant):
    channel_id = await make_channel(tenant.workspace_id)
    await record(channel_id, msg("m_1", "psid-3", "sdt mình 0912.345.678 nha", T0))
    [conv] = await conversations_of(channel_id)
    assert conv.has_phone
    assert "84912345678" in conv.search_text


async def test_comment_thread_per_post_and_customer(tenant):
    channel_id = await make_channel(tenant.workspace_id)
    post = InboundPost(external_id="page_post1", message="Áo khoác mới về")
    for i, (who, text) in enumerate([("u1", "giá?"), ("u1", "A01 0912345678"), ("u2", "ib")]):
        await record(
            channel_id,
            InboundComment(
                external_id=f"post1_c{i}",
                post=post,
                customer=Person(who, who.upper()),
                direction="in",
                created_at=T0 + timedelta(seconds=i),
                text=text,
            ),
        )
    convs = await conversations_of(channel_id)
    assert len(convs) == 2
    assert {c.kind for c in convs} == {"comment"}
