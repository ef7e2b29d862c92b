"""End to end with real processes: uvicorn API + arq worker + the simulator over HTTP.

A customer message becomes a stored message and a realtime frame on the WebSocket; a reply
reaches the simulator; killing the worker in the middle of a batch loses and duplicates nothing.
"""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import orjson
import pytest
import websockets
from sqlalchemy import func, select

from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.core.db import unit_of_work
from chotdon.core.settings import get_settings
from chotdon.inbox.models import Message
from support.e2e import connect_page, register_owner
from support.live import wait_for
from support.processes import processes  # noqa: F401  (pytest fixture)
from support.simulator import Simulator, SimulatorServer

pytestmark = pytest.mark.e2e


@pytest.fixture
async def stack(processes, database):  # noqa: F811
    """API + worker processes, the simulator aimed at the API, a registered owner."""
    settings = get_settings()
    sim_server = SimulatorServer(
        None, app_secret=settings.facebook_app_secret, app_id=settings.facebook_app_id
    ).start()
    env = {"FACEBOOK_GRAPH_URL": sim_server.graph_url, "FACEBOOK_SWEEP_AFTER_SECONDS": "1"}
    api = await processes.start_api(env=env)
    worker = await processes.start_worker(env=env)
    sim = Simulator(sim_server.url)
    await sim.configure(webhook_url=f"{api.url}/webhooks/facebook")
    http = httpx.AsyncClient(base_url=api.url, timeout=30)
    token = await register_owner(http)
    page = await sim.create_page("Shop E2E")
    channel_id = await connect_page(http, page)
    try:
        yield {
            "api": api,
            "worker": worker,
            "sim": sim,
            "http": http,
            "token": token,
            "page": page,
            "channel_id": channel_id,
            "processes": processes,
            "env": env,
        }
    finally:
        await http.aclose()
        await sim.aclose()
        await processes.stop_all()
        sim_server.stop()
        await release_jobs_of_killed_workers()


async def release_jobs_of_killed_workers() -> None:
    """A SIGKILLed worker leaves "in progress" markers that block those jobs for minutes; the
    work is done (the sweeper redid it), so let later tests' workers run them out quickly."""
    from chotdon.core.redis import QUEUE_NAME, get_redis

    redis = get_redis()
    for job_id in await redis.zrange(QUEUE_NAME, 0, -1):
        key = job_id.decode() if isinstance(job_id, bytes) else job_id
        await redis.delete(f"arq:in-progress:{key}")


async def test_message_to_realtime_and_reply_to_simulator(stack):
    sim, http, page = stack["sim"], stack["http"], stack["page"]
    url = f"{stack['api'].ws_url}/api/v1/ws?token={stack['token']}"
    async with websockets.connect(url) as ws:
        text = "Shop ơi còn áo size M không ạ? 😍"
        await sim.customer_writes(page, "psid-e2e", text, name="Nguyễn Thị Lan")
        frame = None
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(20):
                while True:
                    candidate = orjson.loads(await ws.recv())
                    if candidate.get("type") == "message.created":
                        frame = candidate
                        break
        assert frame is not None, "no message.created frame"
        assert frame["data"]["text"] == text and frame["data"]["direction"] == "in"
    conversation_id = frame["data"]["conversation_id"]
    r = await http.post(
        f"/api/v1/conversations/{conversation_id}/messages", json={"text": "Dạ còn ạ ❤️"}
    )
    assert r.status_code == 202, r.text

    async def reply_reached_facebook():
        return [s for s in await sim.sent(page) if s["text"] == "Dạ còn ạ ❤️"]

    [sent] = await wait_for(reply_reached_facebook)
    assert sent["recipient"] == {"id": "psid-e2e"}

    async def reply_marked_sent():
        r = await http.get(f"/api/v1/conversations/{conversation_id}/messages")
        out = [m for m in r.json()["items"] if m["direction"] == "out"]
        return out if out and out[0]["status"] == "sent" and out[0]["external_id"] else None

    [out] = await wait_for(reply_marked_sent)
    assert out["external_id"] == sent["message_id"]


async def test_killing_the_worker_mid_batch_loses_and_duplicates_nothing(stack):
    sim, page, procs = stack["sim"], stack["page"], stack["processes"]
    channel_id = stack["channel_id"]
    count = 300
    await sim.pause_webhooks()
    await sim.bulk_messages(page, count, customers=40)
    await sim.resume_webhooks(flush=False)

    async def some_processed():
        async with unit_of_work() as session:
            n = await session.scalar(
                select(func.count()).select_from(Message).where(Message.channel_id == channel_id)
            )
        return n if n and n >= 20 else None

    await wait_for(some_processed, within=60, interval=0.02)
    stack["worker"].kill()  # SIGKILL in the middle of the work
    await sim.flush(wait_seconds=60)  # every delivery acknowledged by the API meanwhile
    await procs.start_worker(env=stack["env"])  # its startup sweep picks up the orphans

    async def all_processed():
        async with unit_of_work() as session:
            pending = await session.scalar(
                select(func.count())
                .select_from(WebhookDelivery)
                .where(WebhookDelivery.status == "pending")
            )
            n = await session.scalar(
                select(func.count()).select_from(Message).where(Message.channel_id == channel_id)
            )
        return n == count and not pending

    await wait_for(all_processed, within=90, interval=0.2)
    async with unit_of_work() as session:
        rows = list(
            (
                await session.execute(
                    select(Message.external_id, Message.text).where(
                        Message.channel_id == channel_id
                    )
                )
            ).all()
        )
        channel = await session.get_one(Channel, channel_id)
    assert len(rows) == count == len({r.external_id for r in rows})
    assert {r.text.rsplit("#", 1)[1] for r in rows} == {str(i) for i in range(count)}
    assert channel.status == "connected"
