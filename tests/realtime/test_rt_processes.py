"""The process helpers other suites rely on: a real API and a real worker start, answer, stop."""

from __future__ import annotations

import httpx
import pytest

from support.processes import ProcessGroup, processes  # noqa: F401

pytestmark = pytest.mark.e2e


async def test_api_and_worker_processes_start_answer_and_stop(
    processes: ProcessGroup,  # noqa: F811
) -> None:
    api = await processes.start_api()
    worker = await processes.start_worker()
    async with httpx.AsyncClient() as http:
        r = await http.get(f"{api.url}/healthz")
    assert r.status_code == 200 and r.json()["redis"] == "ok"
    assert worker.alive
    # uvicorn re-raises the SIGTERM it handled gracefully: -15 is a clean stop.
    assert await api.stop() in (0, -15)
    assert not api.alive
    await worker.stop()
    assert not worker.alive
