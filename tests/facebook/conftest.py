"""Facebook channel tests: the simulator as a real HTTP server, the app behind real uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from chotdon.channels.facebook import backfill, graph, send
from support.simulator import app_server, fb, simulator, simulator_server  # noqa: F401


@pytest.fixture
async def fast_retries(simulator_server, monkeypatch) -> AsyncIterator[None]:  # noqa: F811
    """Backoffs of milliseconds instead of seconds, so retry paths run quickly."""
    client = graph.GraphClient(simulator_server.graph_url, backoff=0.01, throttle_pause=0.01)
    graph.set_graph(client)
    monkeypatch.setattr(send, "RETRY_BASE_SECONDS", 0.05)
    monkeypatch.setattr(send, "RECONCILE_POLL_SECONDS", 0.05)
    monkeypatch.setattr(backfill, "RETRY_SECONDS", 0.05)
    try:
        yield
    finally:
        graph.set_graph(None)
        await client.aclose()
