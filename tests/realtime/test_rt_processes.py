"""Real processes: the process helpers, and realtime across two API processes on one Redis."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime

import httpx
import orjson
import pytest
import websockets

from chotdon.channels.events import InboundMessage, Person
from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows
from chotdon.realtime.replay import parse_event_id
from support.processes import (  # noqa: F401  (fixtures)
    ApiProcess,
    ProcessGroup,
    module_processes,
    processes,
)

pytestmark = pytest.mark.e2e


async def test_api_and_worker_processes_start_answer_and_stop(
    processes: ProcessGroup,  # noqa: F811
) -> None:
    api, worker, sim = await asyncio.gather(
        processes.start_api(), processes.start_worker(), processes.start_simulator()
    )
    async with httpx.AsyncClient() as http:
        r = await http.get(f"{api.url}/healthz")
        assert r.status_code == 200 and r.json()["redis"] == "ok"
        assert (await http.get(f"{sim.url}/_sim/health")).status_code == 200
    assert worker.alive
    assert sim.api_env() == {"FACEBOOK_GRAPH_URL": f"{sim.url}/v25.0"}
    # uvicorn re-raises the SIGTERM it handled gracefully: -15 is a clean stop.
    assert await api.stop() in (0, -15)
    assert not api.alive
    await worker.stop()
    assert not worker.alive


async def _conversation(workspace_id: int) -> int:
    """A customer conversation, recorded through the ingestion spine in this process."""
    async with unit_of_work() as session:
        channel = Channel(
            workspace_id=workspace_id,
            provider="facebook",
            external_id=f"page-{uuid.uuid4().hex[:12]}",
            name="Trang Test",
        )
        session.add(channel)
        await session.flush()
        recorded = await flows.record_message(
            session,
            channel,
            InboundMessage(
                external_id=f"m_{uuid.uuid4().hex}",
                customer=Person(f"psid-{uuid.uuid4().hex[:8]}", "Nguyễn Thị Lan"),
                direction="in",
                sender_type="contact",
                created_at=datetime.now(UTC),
                text="Shop ơi còn áo khoác đỏ không?",
            ),
        )
        assert recorded.conversation is not None
        return recorded.conversation.id


async def _socket(api: ApiProcess, token: str, last_event_id: str | None = None):
    url = f"{api.ws_url}/api/v1/ws?token={token}"
    if last_event_id:
        url += f"&last_event_id={last_event_id}"
    conn = await websockets.connect(url)
    ready = orjson.loads(await asyncio.wait_for(conn.recv(), 5))
    assert ready["type"] == "ready", ready
    return conn, ready["data"]


async def _next_event(conn, type: str, within: float = 5.0) -> dict:
    deadline = time.monotonic() + within
    while True:
        remaining = deadline - time.monotonic()
        frame = orjson.loads(await asyncio.wait_for(conn.recv(), max(remaining, 0.001)))
        if frame["type"] == type:
            return frame


async def _set_status(http: httpx.AsyncClient, api: ApiProcess, tenant, cid: int, status: str):
    r = await http.patch(
        f"{api.url}/api/v1/conversations/{cid}", json={"status": status}, headers=tenant.headers
    )
    assert r.status_code == 200, r.text


@pytest.fixture(scope="module")
async def two_apis(module_processes: ProcessGroup) -> tuple[ApiProcess, ApiProcess]:  # noqa: F811
    """Two API processes on the test database and Redis, shared by this module's tests."""
    a, b = await asyncio.gather(module_processes.start_api(), module_processes.start_api())
    return a, b


async def test_event_caused_on_process_b_reaches_a_client_of_process_a(
    two_apis: tuple[ApiProcess, ApiProcess],
    tenant,
    make_tenant,
) -> None:
    api_a, api_b = two_apis
    other_shop = await make_tenant()
    cid = await _conversation(tenant.workspace_id)
    conn_a, _ = await _socket(api_a, tenant.token)
    other, _ = await _socket(api_a, other_shop.token)
    async with httpx.AsyncClient(timeout=10) as http:
        await _set_status(http, api_b, tenant, cid, "done")
        # The event left B before B answered (after commit): A delivers it within a second.
        frame = await _next_event(conn_a, "conversation.updated", within=1.0)
        assert frame["data"]["id"] == cid and frame["data"]["status"] == "done"
        assert set(frame) == {"id", "type", "data"}
        last_seen = frame["id"]
        await conn_a.close()

        # Missed while away: two changes made through B.
        await _set_status(http, api_b, tenant, cid, "open")
        await _set_status(http, api_b, tenant, cid, "done")

    # Reconnect, this time to B: exactly the two missed events, then nothing twice.
    conn_b, ready = await _socket(api_b, tenant.token, last_event_id=last_seen)
    assert ready["resumed"] is True
    missed = [await _next_event(conn_b, "conversation.updated") for _ in range(2)]
    assert [f["data"]["status"] for f in missed] == ["open", "done"]
    ids = [parse_event_id(i) for i in (last_seen, missed[0]["id"], missed[1]["id"])]
    assert ids == sorted(set(ids))
    with pytest.raises(TimeoutError):
        await _next_event(conn_b, "conversation.updated", within=0.3)
    await conn_b.close()

    # The other workspace, connected to A all along, saw none of it.
    with pytest.raises(TimeoutError):
        await _next_event(other, "conversation.updated", within=0.2)
    await other.close()


async def test_stopping_a_process_closes_its_sockets_and_clients_resume_elsewhere(
    processes: ProcessGroup,  # noqa: F811
    two_apis: tuple[ApiProcess, ApiProcess],
    tenant,
) -> None:
    api_a = await processes.start_api()  # this one is stopped
    api_b = two_apis[1]
    cid = await _conversation(tenant.workspace_id)
    conn, ready = await _socket(api_a, tenant.token)
    position = ready["last_event_id"]
    stopping = asyncio.create_task(api_a.stop())
    with pytest.raises(websockets.ConnectionClosed):
        while True:
            frame = orjson.loads(await asyncio.wait_for(conn.recv(), 10))
            if frame["id"]:
                position = frame["id"]
    assert conn.close_code in (1001, 1012)  # going away / service restart: reconnect
    await stopping
    async with httpx.AsyncClient(timeout=10) as http:
        await _set_status(http, api_b, tenant, cid, "done")
    again, _ = await _socket(api_b, tenant.token, last_event_id=position)
    frame = await _next_event(again, "conversation.updated")
    assert frame["data"]["id"] == cid
    await again.close()
