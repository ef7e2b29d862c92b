"""Our send's echo (`oa_send_*`) racing Zalo's answer to the send: whichever comes first, the
staff see one message, ours, with Zalo's id. The simulator delivers the echo before answering
and holds the answer until the test releases it, so the echo is applied first every time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import select

from chotdon.channels.models import WebhookDelivery
from chotdon.channels.zalo import ingest
from chotdon.core.db import unit_of_work
from support import inbox_api


async def _eventually(found: Callable[[], Awaitable[Any]], what: str) -> Any:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        value = await found()
        if value:
            return value
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def _echo_stored(oa_id: str, seen: set[int]) -> int:
    """The id of a new stored `oa_send_*` delivery of this OA (the echo Zalo delivered)."""

    async def found() -> int | None:
        async with unit_of_work() as session:
            rows = (
                await session.execute(
                    select(WebhookDelivery.id, WebhookDelivery.body)
                    .where(WebhookDelivery.provider == "zalo")
                    .order_by(WebhookDelivery.id)
                )
            ).all()
        for delivery_id, body in rows:
            text = bytes(body).decode() if not isinstance(body, str) else body
            if delivery_id not in seen and "oa_send_" in text and oa_id in text:
                seen.add(delivery_id)
                return int(delivery_id)
        return None

    return int(await _eventually(found, "the echo to be stored"))


async def _outgoing(tenant: Any, conversation_id: int) -> list[dict[str, Any]]:
    return [m for m in await inbox_api.messages(tenant, conversation_id) if m["direction"] == "out"]


async def _conversation_of(zalo: Any, run_jobs: Any, user_id: str) -> tuple[Any, dict[str, Any]]:
    oa = await zalo.connect()
    await zalo.sim.user_writes(oa, "Shop ơi váy maxi còn không?", user_id=user_id)
    await run_jobs()
    [conversation] = await inbox_api.conversations(zalo.tenant)
    return oa, conversation


async def test_an_echo_before_the_answer_is_our_message_not_a_second_one(zalo, run_jobs):
    oa, conversation = await _conversation_of(zalo, run_jobs, "5101")
    await zalo.sim.configure(echo_before_answer=True, hold_answers=True)
    reply = await zalo.tenant.post(
        f"/api/v1/conversations/{conversation['id']}/messages", json={"text": "Dạ còn ạ"}
    )
    assert reply.status_code == 202, reply.text
    seen: set[int] = set()
    jobs = asyncio.create_task(run_jobs())
    try:
        # Zalo took the message and delivered its echo; its answer to the send is held.
        echo = await _echo_stored(oa.oa_id, seen)
        await ingest.process_delivery(echo)
        [sent] = await zalo.sim.sent(oa)
        [ours] = await _outgoing(zalo.tenant, conversation["id"])
        assert (ours["id"], ours["text"], ours["external_id"]) == (
            reply.json()["id"],
            "Dạ còn ạ",
            sent["msg_id"],
        )
        # Meanwhile a colleague writes from Zalo's own tool: that one is not ours.
        await zalo.sim.oa_writes(oa, "5101", "Shop gửi thêm ảnh nhé")
        await ingest.process_delivery(await _echo_stored(oa.oa_id, seen))
    finally:
        assert await zalo.sim.release_answers() >= 0
        await jobs
    await run_jobs()
    out = await _outgoing(zalo.tenant, conversation["id"])
    assert [(m["text"], m["status"]) for m in out] == [
        ("Dạ còn ạ", "sent"),
        ("Shop gửi thêm ảnh nhé", "sent"),
    ]
    assert out[0]["id"] == reply.json()["id"]
    assert out[0]["external_id"] == sent["msg_id"]


async def test_every_part_of_a_message_converges_when_each_echo_comes_first(zalo, run_jobs):
    oa, conversation = await _conversation_of(zalo, run_jobs, "5102")
    image = await zalo.tenant.client.post(
        "/api/v1/media",
        headers=zalo.tenant.headers,
        files={"file": ("vay.png", inbox_api.TINY_PNG, "image/png")},
    )
    assert image.status_code in (200, 201), image.text
    await zalo.sim.configure(echo_before_answer=True, hold_answers=True)
    # Text, then an image: two parts, two sends, two echoes, each before its answer.
    reply = await zalo.tenant.post(
        f"/api/v1/conversations/{conversation['id']}/messages",
        json={"text": "Mẫu này ạ", "attachment_ids": [image.json()["id"]]},
    )
    assert reply.status_code == 202, reply.text
    seen: set[int] = set()
    jobs = asyncio.create_task(run_jobs())
    try:
        for _ in range(2):
            await ingest.process_delivery(await _echo_stored(oa.oa_id, seen))
            [ours] = await _outgoing(zalo.tenant, conversation["id"])
            assert ours["id"] == reply.json()["id"]
            assert await zalo.sim.release_answers() == 1
    finally:
        await zalo.sim.release_answers()
        await jobs
    await run_jobs()
    sent = await zalo.sim.sent(oa)
    assert [m["type"] for m in sent] == ["text", "photo"]
    [ours] = await _outgoing(zalo.tenant, conversation["id"])
    assert (ours["id"], ours["status"], ours["external_id"]) == (
        reply.json()["id"],
        "sent",
        sent[0]["msg_id"],
    )


async def test_a_send_that_died_after_its_echo_is_sent_not_maybe_sent(zalo, run_jobs):
    """The worker died waiting for Zalo's answer, but the echo came: the part went out (no
    "maybe sent" failure, no second send)."""
    from chotdon.channels.zalo import send

    oa, conversation = await _conversation_of(zalo, run_jobs, "5103")
    await zalo.sim.configure(echo_before_answer=True, hold_answers=True)
    reply = await zalo.tenant.post(
        f"/api/v1/conversations/{conversation['id']}/messages", json={"text": "Dạ shop gửi ạ"}
    )
    assert reply.status_code == 202, reply.text
    message_id = reply.json()["id"]
    sending = asyncio.create_task(send.send_message(message_id))
    try:
        await ingest.process_delivery(await _echo_stored(oa.oa_id, set()))
    finally:
        sending.cancel()  # the worker dies before Zalo's answer
        await asyncio.gather(sending, return_exceptions=True)
        await zalo.sim.release_answers()
    assert await send.send_message(message_id) == "sent"
    await run_jobs()  # the queued job finds the message finished
    [sent] = await zalo.sim.sent(oa)
    [ours] = await _outgoing(zalo.tenant, conversation["id"])
    assert (ours["id"], ours["status"], ours["external_id"]) == (
        message_id,
        "sent",
        sent["msg_id"],
    )
    assert ours["error_code"] is None
