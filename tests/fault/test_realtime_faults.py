"""The API process crashes (SIGKILL) with a client connected; events keep being produced while
it is down; a new process starts; the client resumes with `last_event_id` and ends with every
event exactly once, in order. Counts (sent / lost / duplicated) go to the test summary."""

from __future__ import annotations

import asyncio
import json
import signal
from typing import Any

import pytest
import websockets

from chotdon.realtime import publisher
from security.report import record

pytestmark = pytest.mark.e2e


async def _publish(workspace_id: int, start: int, count: int) -> list[str]:
    return [
        await publisher.publish(workspace_id, "conversation.updated", {"id": n, "qa_seq": n})
        for n in range(start, start + count)
    ]


async def _collect(ws: Any, until: int, got: list[tuple[str, int]], within: float) -> None:
    """Read frames until `until` qa events have arrived in total (or time runs out)."""

    async def loop() -> None:
        while len(got) < until:
            frame = json.loads(await ws.recv())
            data = frame.get("data") or {}
            if frame.get("id") and isinstance(data, dict) and "qa_seq" in data:
                got.append((frame["id"], int(data["qa_seq"])))
            elif frame.get("type") == "ping":
                await ws.send(json.dumps({"type": "pong"}))

    try:
        await asyncio.wait_for(loop(), within)
    except TimeoutError:
        pass


async def test_api_crash_and_restart_client_resumes_with_nothing_lost_or_twice(
    processes: Any, tenant: Any
) -> None:
    api = await processes.start_api()
    url = f"{api.ws_url}/api/v1/ws?token={tenant.token}"
    got: list[tuple[str, int]] = []
    sent: list[str] = []
    async with websockets.connect(url, open_timeout=20) as ws:
        ready = json.loads(await ws.recv())
        assert ready.get("type") == "ready", ready
        sent += await _publish(tenant.workspace_id, 0, 20)
        await _collect(ws, 20, got, 10)
        api.popen.send_signal(signal.SIGKILL)  # a crash: no graceful close frame
        api.popen.wait(5)
        api.expected_exit = True
    last_id = got[-1][0] if got else ready["data"]["last_event_id"]

    sent += await _publish(tenant.workspace_id, 20, 30)  # produced while no API is up
    api2 = await processes.start_api()
    url2 = f"{api2.ws_url}/api/v1/ws?token={tenant.token}&last_event_id={last_id}"
    async with websockets.connect(url2, open_timeout=20) as ws:
        await asyncio.sleep(0.2)
        sent += await _publish(tenant.workspace_id, 50, 10)
        await _collect(ws, 60, got, 15)

    ids = [i for i, _ in got]
    seqs = [s for _, s in got]
    lost = len(set(sent) - set(ids))
    duplicated = len(ids) - len(set(ids))
    record("fault: API SIGKILL + resume — events sent", len(sent))
    record("fault: API SIGKILL + resume — received", len(ids))
    record("fault: API SIGKILL + resume — lost", lost)
    record("fault: API SIGKILL + resume — duplicated", duplicated)
    assert (lost, duplicated) == (0, 0)
    assert seqs == sorted(seqs), "events arrived out of order"
