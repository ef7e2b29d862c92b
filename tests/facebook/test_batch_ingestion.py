"""A batch of deliveries ends in exactly the state the same deliveries give one by one.

Ingestion records the new messages and comments of a whole batch together
(`inbox.flows.record_new`) and then applies the other events delivery by delivery. These
scenarios mix what a busy page receives — several messages from one customer, new and known
customers, duplicates, deliveries out of order, phones and addresses, echoes from the page,
reactions, reads, comment edits, hides and removals — and compare, table by table, one
workspace fed a single batch with another fed the same deliveries one at a time.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from sqlalchemy import select

from chotdon.channels import webhooks
from chotdon.channels.facebook import ingest
from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.core.db import unit_of_work
from chotdon.core.redis import QUEUE_NAME, get_redis
from chotdon.customers.models import Contact, ContactIdentity, ContactPhone
from chotdon.inbox.models import Conversation, Message
from support.shop import make_channel

TEXTS = [
    "Shop ơi còn hàng không ạ",
    "cho mình hỏi giá size M",
    "0912345678 giao giúp em",
    "sđt của mình 0987 654 321 nha",
    "ok shop 😍",
    "Địa chỉ: 12 Lê Lợi, Phường Bến Nghé, Quận 1, TP HCM",
    "",
    "Mình lấy 2 cái nhé, số 090.123.4567",
]
BASE_MS = 1_790_000_000_000


def _scenario(seed: int) -> list[dict[str, Any]]:
    """Abstract events (page-independent), in delivery order."""
    rng = random.Random(seed)
    customers = [f"c{seed}-{i}" for i in range(6)]
    events: list[dict[str, Any]] = []
    mids: list[str] = []
    comments: list[tuple[str, str]] = []
    for n in range(70):
        at = BASE_MS + n * 1000 + rng.choice([0, 0, 0, -4000])  # now and then out of order
        roll = rng.random()
        customer = rng.choice(customers)
        if roll < 0.45 or not mids:
            mid = f"m{seed}-{n}"
            mids.append(mid)
            events.append(
                {"t": "msg", "psid": customer, "mid": mid, "text": rng.choice(TEXTS), "at": at}
            )
        elif roll < 0.52:
            events.append(dict(rng.choice([e for e in events if e["t"] == "msg"])))  # duplicate
        elif roll < 0.60:
            events.append(
                {"t": "echo", "psid": customer, "mid": f"e{seed}-{n}", "text": "Dạ còn ạ", "at": at}
            )
        elif roll < 0.66:
            events.append({"t": "react", "psid": customer, "mid": rng.choice(mids), "at": at})
        elif roll < 0.70:
            events.append({"t": "read", "psid": customer, "at": at})
        elif roll < 0.85 or not comments:
            cid = f"P{seed}_c{n}"
            comments.append((cid, customer))
            events.append(
                {
                    "t": "comment",
                    "verb": "add",
                    "psid": customer,
                    "cid": cid,
                    "text": rng.choice(TEXTS),
                    "at": at,
                }
            )
        else:
            cid, owner = rng.choice(comments)
            verb = rng.choice(["edited", "remove", "hide"])
            events.append(
                {
                    "t": "comment",
                    "verb": verb,
                    "psid": owner,
                    "cid": cid,
                    "text": "A01 0912345678 sửa",
                    "at": at,
                }
            )
    # A reaction to a message that comes later in the batch.
    events.insert(
        3, {"t": "react", "psid": events[10]["psid"], "mid": f"m{seed}-late", "at": BASE_MS}
    )
    events.append(
        {
            "t": "msg",
            "psid": events[10]["psid"],
            "mid": f"m{seed}-late",
            "text": "tin đến muộn",
            "at": BASE_MS + 1,
        }
    )
    return events


def _body(page: str, seed: int, event: dict[str, Any]) -> bytes:
    kind = event["t"]
    if kind == "comment":
        post = f"{page}_P{seed}"
        value = {
            "from": {"id": event["psid"], "name": f"Khách {event['psid']}"},
            "post_id": post,
            "comment_id": f"{page}_{event['cid']}",
            "parent_id": post,
            "message": event["text"],
            "created_time": event["at"] // 1000,
            "item": "comment",
            "verb": event["verb"],
        }
        entry: dict[str, Any] = {
            "id": page,
            "time": event["at"],
            "changes": [{"field": "feed", "value": value}],
        }
    else:
        item: dict[str, Any] = {"timestamp": event["at"]}
        if kind == "msg":
            item.update(
                sender={"id": event["psid"]},
                recipient={"id": page},
                message={"mid": event["mid"], "text": event["text"]},
            )
        elif kind == "echo":
            item.update(
                sender={"id": page},
                recipient={"id": event["psid"]},
                message={
                    "mid": event["mid"],
                    "text": event["text"],
                    "is_echo": True,
                    "app_id": 111,
                },
            )
        elif kind == "react":
            item.update(
                sender={"id": event["psid"]},
                recipient={"id": page},
                reaction={"mid": event["mid"], "action": "react", "reaction": "love", "emoji": "❤"},
            )
        else:
            item.update(
                sender={"id": event["psid"]},
                recipient={"id": page},
                read={"watermark": event["at"]},
            )
        entry = {"id": page, "time": event["at"], "messaging": [item]}
    return json.dumps({"object": "page", "entry": [entry]}, ensure_ascii=True).encode()


async def _settle(ids: list[int]) -> None:
    """Run jobs until nothing is left pending (deliveries waiting for a referenced item)."""
    for _ in range(10):
        async with unit_of_work() as session:
            pending = list(
                (
                    await session.execute(
                        select(WebhookDelivery.id).where(
                            WebhookDelivery.id.in_(ids), WebhookDelivery.status == "pending"
                        )
                    )
                ).scalars()
            )
        if not pending:
            return
        for delivery_id in pending:
            await ingest.process_delivery(delivery_id)
    raise AssertionError(f"deliveries still pending: {pending}")


async def _state(channel_id: int) -> dict[str, Any]:
    """What staff see, independent of ids and of the order rows were written in."""
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        page = channel.external_id
        conversations = list(
            (
                await session.execute(
                    select(Conversation).where(Conversation.channel_id == channel_id)
                )
            ).scalars()
        )
        docs = {c.id: c.search_text or "" for c in conversations}
        messages = list(
            (
                await session.execute(select(Message).where(Message.channel_id == channel_id))
            ).scalars()
        )
        by_id = {m.id: m for m in messages}
        identities = (
            await session.execute(
                select(ContactIdentity).where(ContactIdentity.channel_id == channel_id)
            )
        ).scalars()
        contacts = {}
        for identity in identities:
            contact = await session.get_one(Contact, identity.contact_id)
            phones = (
                await session.execute(
                    select(ContactPhone.phone).where(ContactPhone.contact_id == contact.id)
                )
            ).scalars()
            contacts[identity.external_id] = (
                contact.primary_phone,
                sorted(phones),
                sorted(contact.search_text.split()),
            )
    strip = lambda value: value.replace(page, "PAGE") if isinstance(value, str) else value  # noqa: E731
    return {
        "conversations": sorted(
            (
                c.kind,
                strip(c.external_id),
                c.unread,
                c.replied,
                c.has_phone,
                c.status,
                c.last_message_preview,
                c.last_message_direction,
                c.last_incoming_at,
                strip(by_id[c.last_message_id].external_id) if c.last_message_id else None,
            )
            for c in conversations
        ),
        # Search: every chat message can be found by its words. (The documents themselves
        # may differ: a name learnt from a comment reaches a chat's document with the chat's
        # next message, which in a batch is at once.)
        "unsearchable": [
            m.text
            for m in messages
            if m.kind == "message"
            and not set((m.search_text or "").split()) <= set(docs[m.conversation_id].split())
        ],
        "messages": sorted(
            (
                strip(m.external_id),
                m.kind,
                m.direction,
                m.sender_type,
                m.text,
                m.status,
                m.is_deleted,
                m.is_hidden,
                json.dumps((m.meta or {}).get("reactions"), sort_keys=True),
            )
            for m in messages
        ),
        "contacts": contacts,
    }


async def _drop_profile_jobs(channel_ids: list[int]) -> None:
    redis = get_redis()
    for job_id in await redis.zrange(QUEUE_NAME, 0, -1):
        name = job_id.decode()
        if any(name.startswith(f"fbprofile:{cid}:") for cid in channel_ids):
            await redis.zrem(QUEUE_NAME, name)
            await redis.delete(f"arq:job:{name}")


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
async def test_one_batch_equals_one_by_one(make_tenant, monkeypatch, seed):
    monkeypatch.setattr(ingest._pace, "interval", 0.0)
    batch_tenant, single_tenant = await make_tenant(), await make_tenant()
    batch_channel = await make_channel(batch_tenant.workspace_id)
    single_channel = await make_channel(single_tenant.workspace_id)
    async with unit_of_work() as session:
        batch_page = (await session.get_one(Channel, batch_channel)).external_id
        single_page = (await session.get_one(Channel, single_channel)).external_id
    events = _scenario(seed)

    batch_ids = await webhooks._insert_deliveries(
        [("facebook", _body(batch_page, seed, e), None) for e in events]
    )
    await ingest.process_delivery(batch_ids[-1])
    await _settle(batch_ids)

    single_ids = []
    for event in events:
        [delivery_id] = await webhooks._insert_deliveries(
            [("facebook", _body(single_page, seed, event), None)]
        )
        single_ids.append(delivery_id)
        await ingest.process_delivery(delivery_id)
    await _settle(single_ids)
    await _drop_profile_jobs([batch_channel, single_channel])

    batch, single = await _state(batch_channel), await _state(single_channel)
    assert batch["messages"] == single["messages"]
    assert batch["conversations"] == single["conversations"]
    assert batch["contacts"] == single["contacts"]
    assert batch["unsearchable"] == single["unsearchable"] == []
    # The scenario did exercise the interesting paths.
    assert any(m[2] == "out" for m in batch["messages"]), "echoes"
    assert any(m[6] for m in batch["messages"]) or any(m[7] for m in batch["messages"]), "removals"
    assert any(m[8] != "null" for m in batch["messages"]), "reactions"
    assert any(c[4] for c in batch["conversations"]), "phones"


async def test_a_batch_with_a_value_the_database_refuses_fails_only_that_delivery(
    tenant, monkeypatch
):
    """The joint recording is undone and the deliveries go one by one: only the bad one fails."""
    monkeypatch.setattr(ingest._pace, "interval", 0.0)
    channel_id = await make_channel(tenant.workspace_id)
    async with unit_of_work() as session:
        page = (await session.get_one(Channel, channel_id)).external_id
    events = [
        {"t": "msg", "psid": "bad-1", "mid": f"ok-{i}", "text": f"tin {i}", "at": BASE_MS + i}
        for i in range(5)
    ]
    events.insert(
        2, {"t": "msg", "psid": "bad-2", "mid": "nul", "text": "chữ\x00lạ", "at": BASE_MS}
    )
    ids = await webhooks._insert_deliveries([("facebook", _body(page, 0, e), None) for e in events])
    await ingest.process_delivery(ids[-1])
    await _drop_profile_jobs([channel_id])
    async with unit_of_work() as session:
        rows = {
            d.id: d.status
            for d in (
                await session.execute(select(WebhookDelivery).where(WebhookDelivery.id.in_(ids)))
            ).scalars()
        }
        texts = sorted(
            (
                await session.execute(select(Message.text).where(Message.channel_id == channel_id))
            ).scalars()
        )
    assert rows[ids[2]] == "failed"
    assert [rows[i] for i in ids if i != ids[2]] == ["processed"] * 5
    assert texts == [f"tin {i}" for i in range(5)]
