"""The list's search box (`q`): every word a customer wrote stays findable, with or without
diacritics, also in the message that brought a new phone number; phones by their last digits."""

from __future__ import annotations

import pytest

from .helpers import Seeder

pytestmark = pytest.mark.asyncio

PHONE_MESSAGE = "Chào shop, mình muốn mua áo khoác đỏ size M, sđt mình 0912 345 678 nhé"


async def found(tenant, q: str) -> list[int]:
    r = await tenant.get("/api/v1/conversations", params={"q": q})
    assert r.status_code == 200, r.text
    return [c["id"] for c in r.json()["items"]]


@pytest.mark.parametrize("first", [True, False], ids=["first-message", "later-message"])
async def test_message_with_a_new_phone_keeps_its_words(tenant, seed: Seeder, first: bool):
    ch = await seed.channel()
    if not first:
        await seed.message(ch, "p1", "alo shop")
    cid = (await seed.message(ch, "p1", PHONE_MESSAGE)).conversation.id
    other = (await seed.message(ch, "p2", "áo sơ mi trắng", name="Khác")).conversation.id
    for q in (
        "áo khoác đỏ",
        "ao khoac do",
        "AO KHOAC",
        "0912345678",
        "0912 345 678",
        "+84912345678",
    ):
        assert await found(tenant, q) == [cid], q
    assert await found(tenant, "áo") == [other, cid]


async def test_phone_by_its_last_digits(tenant, seed: Seeder):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "sđt em 0912 345 678")).conversation.id
    await seed.message(ch, "p2", "sđt 0987 000 111", name="B")
    for q in ("345678", "5678", "45678", "912345678"):
        assert await found(tenant, q) == [cid], q
    assert await found(tenant, "999999") == []


@pytest.mark.parametrize("before", [[], ["alo shop"], ["alo", "còn hàng không"]])
async def test_phone_message_in_a_webhook_batch_keeps_its_words(tenant, seed: Seeder, before):
    """The ingestion path: several messages of a customer in one batch, the phone one last."""
    from datetime import UTC, datetime, timedelta

    from chotdon.channels.events import InboundMessage, Person
    from chotdon.channels.models import Channel
    from chotdon.core.db import unit_of_work
    from chotdon.inbox import flows

    ch = await seed.channel()
    at = datetime.now(UTC) - timedelta(minutes=5)
    texts = [*before, PHONE_MESSAGE]
    events = [
        InboundMessage(
            external_id=f"m-batch-{i}-{len(before)}-{tenant.workspace_id}",
            customer=Person("psid-batch", "Nguyễn Thị Lan"),
            direction="in",
            sender_type="contact",
            created_at=at + timedelta(seconds=i),
            text=text,
        )
        for i, text in enumerate(texts)
    ]
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, ch)
        await flows.record_new(session, channel, events)
    r = await tenant.get("/api/v1/conversations")
    [cid] = [c["id"] for c in r.json()["items"]]
    for q in ("áo khoác đỏ", "ao khoac do", "0912345678", *(b.split()[-1] for b in before)):
        assert await found(tenant, q) == [cid], q
