"""The webhook endpoint: real signed deliveries from the simulator, stored, then processed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from arq import Retry
from fb_helpers import conversations, deliveries_containing, message_rows, messages
from sqlalchemy import update

from chotdon.channels import webhooks
from chotdon.channels.facebook import ingest, signature
from chotdon.channels.models import WebhookDelivery
from chotdon.core.db import unit_of_work
from chotdon.core.settings import get_settings
from chotdon.inbox import flows


def marker() -> str:
    return uuid.uuid4().hex[:12]


async def test_verification_echoes_the_challenge(client):
    token = get_settings().facebook_verify_token
    r = await client.get(
        "/webhooks/facebook",
        params={"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "1158201444"},
    )
    assert r.status_code == 200 and r.text == "1158201444"
    r = await client.get(
        "/webhooks/facebook",
        params={"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
    )
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize("mode", ["wrong", "missing"])
async def test_bad_or_missing_signature_is_refused_and_not_stored(simulator, mode):
    tag = marker()
    body = {"object": "page", "entry": [{"id": "1", "time": 1, "messaging": [{"tag": tag}]}]}
    assert await simulator.post_raw(body, signature_mode=mode) == 403
    assert await deliveries_containing(tag) == []


async def test_signature_over_reserialised_json_fails(client):
    """The signature covers the raw ASCII-escaped bytes, not a re-encoding of the JSON."""
    raw = signature.facebook_json({"object": "page", "entry": [], "text": "Áo khoác ❤️"})
    unescaped = raw.decode("unicode_escape").encode()
    header = signature.sign(unescaped, get_settings().facebook_app_secret)
    r = await client.post(
        "/webhooks/facebook", content=raw, headers={"X-Hub-Signature-256": header}
    )
    assert r.status_code == 403


async def test_malformed_json_is_400_and_not_stored(simulator):
    tag = marker()
    assert await simulator.post_raw(raw='{"object": "page", ' + tag, signature_mode="valid") == 400
    assert await deliveries_containing(tag) == []


async def test_database_down_answers_503_so_facebook_retries(client, monkeypatch):
    from sqlalchemy.ext.asyncio import create_async_engine

    # A database nobody listens on: connecting is refused, as when PostgreSQL is down.
    dead = create_async_engine("postgresql+asyncpg://postgres@127.0.0.1:9/chotdon")
    monkeypatch.setattr(webhooks, "get_engine", lambda: dead)
    raw = signature.facebook_json({"object": "page", "entry": []})
    header = signature.sign(raw, get_settings().facebook_app_secret)
    r = await client.post(
        "/webhooks/facebook", content=raw, headers={"X-Hub-Signature-256": header}
    )
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "service_unavailable"
    assert r.headers["retry-after"]
    await dead.dispose()


async def test_vietnamese_and_emoji_arrive_intact(fb, run_jobs):
    page = await fb.connect()
    text = "Chị ơi, áo khoác dù màu be còn size M không ạ? ❤️😍 Giá 299.000đ/cái"
    await fb.sim.customer_writes(page, "psid-vn", text, name="Trần Thị Bích Ngọc")
    [delivery] = [d for d in await fb.sim.deliveries() if d["delivered"]][-1:]
    assert delivery["statuses"][-1] == 200
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    assert conv["contact"]["name"] == "Trần Thị Bích Ngọc"
    [msg] = await messages(fb.tenant, conv["id"])
    assert msg["text"] == text and msg["direction"] == "in" and msg["sender_type"] == "contact"


async def test_duplicate_deliveries_record_one_message(fb, run_jobs):
    page = await fb.connect()
    await fb.sim.configure(duplicate_deliveries=True)
    await fb.sim.customer_writes(page, "psid-dup", "Còn hàng không shop?")
    await fb.sim.customer_writes(page, "psid-dup", "Shop ơi")
    await run_jobs()
    rows = await message_rows(fb.channel_id)
    assert [m.text for m in rows] == ["Còn hàng không shop?", "Shop ơi"]
    [conv] = await conversations(fb.tenant)
    assert conv["last_message"]["text"] == "Shop ơi"


async def test_retried_delivery_arrives_after_newer_one_and_state_is_right(fb, run_jobs):
    page = await fb.connect()
    # The first delivery is refused once (403) and retried after the second one.
    await fb.sim.configure(signature_mode="wrong", retry_delays=[0.0, 0.4])
    first = await fb.sim.customer_writes(page, "psid-ord", "tin thứ nhất", flush=False)
    await fb.sim.configure(signature_mode="valid")
    await fb.sim.customer_writes(page, "psid-ord", "tin thứ hai", flush=False)
    await fb.sim.flush()
    log = await fb.sim.deliveries()
    retried = [d for d in log if d["attempts"] == 2]
    assert retried and retried[-1]["statuses"] == [403, 200]
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    assert conv["last_message"]["text"] == "tin thứ hai"
    texts = [m["text"] for m in await messages(fb.tenant, conv["id"])]
    assert texts == ["tin thứ nhất", "tin thứ hai"]
    assert first["mid"]


async def test_several_entries_in_one_post(fb, run_jobs):
    page = await fb.connect()
    await fb.sim.pause_webhooks()
    for i in range(5):
        await fb.sim.customer_writes(page, f"psid-batch-{i}", f"Khách {i} hỏi giá", flush=False)
    before = len(await fb.sim.deliveries())
    await fb.sim.resume_webhooks()
    log = (await fb.sim.deliveries())[before:]
    assert [d["entries"] for d in log] == [5]
    await run_jobs()
    assert len(await conversations(fb.tenant)) == 5


async def test_unknown_page_is_kept_reported_and_replayed_once_connected(
    simulator, tenant, run_jobs
):
    stranger = await simulator.create_page("Trang lạ", subscribed=True)
    tag = marker()
    await simulator.customer_writes(stranger, "psid-x", f"hello {tag}")
    await run_jobs()
    [delivery] = await deliveries_containing(tag)
    assert delivery.status == "ignored"
    assert delivery.unknown_page_ids == [stranger.page_id]
    assert delivery.processed_at is not None
    # The shop connects that page later: what was kept for it is ingested.
    await simulator.pause_webhooks()  # only the kept delivery, not a backfill race
    r = await tenant.post(
        "/api/v1/channels/facebook",
        json={"page_id": stranger.page_id, "access_token": stranger.access_token},
    )
    assert r.status_code == 201, r.text
    await run_jobs()
    [delivery] = await deliveries_containing(tag)
    assert delivery.status == "processed" and delivery.workspace_ids == [tenant.workspace_id]
    [conv] = await conversations(tenant)
    assert conv["last_message"]["text"] == f"hello {tag}"
    assert len(await message_rows(r.json()["id"])) == 1
    await simulator.resume_webhooks()


async def test_processing_is_idempotent_even_if_a_delivery_runs_again(fb, run_jobs):
    page = await fb.connect()
    sent = await fb.sim.customer_writes(page, "psid-again", "Một lần thôi")
    await run_jobs()
    [delivery] = await deliveries_containing(sent["mid"])
    assert delivery.status == "processed" and delivery.events_count == 1
    # As if the worker had died after the commit and the job ran again from scratch:
    async with unit_of_work() as session:
        await session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery.id)
            .values(status="pending")
        )
    assert await ingest.process_delivery(delivery.id) == "processed"
    assert await ingest.process_delivery(delivery.id) == "done-or-busy"
    assert len(await message_rows(fb.channel_id)) == 1


async def test_sweeper_picks_up_deliveries_whose_job_was_lost(fb, run_jobs):
    """Redis lost the job (or a worker died): the cron sweeper enqueues it again."""
    page = await fb.connect()
    payload = {
        "object": "page",
        "entry": [
            {
                "id": page.page_id,
                "time": 1,
                "messaging": [
                    {
                        "sender": {"id": "psid-lost"},
                        "recipient": {"id": page.page_id},
                        "timestamp": int(datetime.now(UTC).timestamp() * 1000),
                        "message": {"mid": f"m_lost_{marker()}", "text": "Tin bị kẹt"},
                    }
                ],
            }
        ],
    }
    async with unit_of_work() as session:
        delivery = WebhookDelivery(
            provider="facebook",
            body=signature.facebook_json(payload),
            received_at=datetime.now(UTC) - timedelta(minutes=5),
        )
        session.add(delivery)
    assert await ingest.sweep_pending() >= 1
    await run_jobs()
    [row] = await message_rows(fb.channel_id)
    assert row.text == "Tin bị kẹt"


async def test_a_failing_delivery_is_retried_then_marked_failed(fb, run_jobs, monkeypatch):
    page = await fb.connect()
    await fb.sim.pause_webhooks()
    await fb.sim.customer_writes(page, "psid-boom", "boom", flush=False)
    await fb.sim.resume_webhooks()
    await fb.sim.customer_writes(page, "psid-ok", "ok")  # a later delivery of its own

    original = flows.record_new

    async def explode(session, channel, events):
        if any(getattr(event, "text", None) == "boom" for event in events):
            raise RuntimeError("bug in a handler")
        return await original(session, channel, events)

    # Recorded with the batch first, then (after that failed) delivery by delivery.
    monkeypatch.setattr(flows, "record_new", explode)
    [delivery] = [d for d in await deliveries_containing("boom")]
    with pytest.raises(Retry):  # arq runs it again a little later
        await ingest.process_delivery(delivery.id)
    # The other message of the same batch was not held back by the failing one.
    ok_deliveries = await deliveries_containing('"ok"')
    assert ok_deliveries and all(d.id != delivery.id for d in ok_deliveries), "one per POST"
    assert [m.text for m in await message_rows(fb.channel_id)] == ["ok"]
    async with unit_of_work() as session:
        stored = await session.get_one(WebhookDelivery, delivery.id)
        assert stored.status == "pending" and stored.attempts == 1
        assert "bug in a handler" in stored.error
        stored.attempts = ingest.MAX_ATTEMPTS - 1
    assert await ingest.process_delivery(delivery.id) == "failed"
    async with unit_of_work() as session:
        assert (await session.get_one(WebhookDelivery, delivery.id)).status == "failed"
    monkeypatch.setattr(flows, "record_new", original)


async def test_sustained_failures_unsubscribe_the_app_until_reconnected(fb, run_jobs):
    """Like Facebook: an endpoint failing for too long loses the page's subscription."""
    page = await fb.connect()
    await fb.sim.configure(
        signature_mode="wrong",
        retry_delays=[0.0, 0.2, 0.2, 0.2, 0.2],
        unsubscribe_after_seconds=0.3,
    )
    await fb.sim.customer_writes(page, "psid-unsub", "alo", flush=False)
    await fb.sim.flush()
    assert (await fb.sim.page_state(page))["subscribed_fields"] == []
    await fb.sim.configure(signature_mode="valid", unsubscribe_after_seconds=3600)
    r = await fb.tenant.post(
        "/api/v1/channels/facebook",
        json={"page_id": page.page_id, "access_token": page.access_token},
    )
    assert r.status_code == 200
    assert (await fb.sim.page_state(page))["subscribed_fields"]
    await run_jobs()
    [conv] = await conversations(fb.tenant)  # the backfill recovered the lost message
    assert conv["last_message"]["text"] == "alo"
