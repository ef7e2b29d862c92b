"""/metrics answers in the Prometheus format; request ids are echoed; jobs carry their id."""

from __future__ import annotations

import logging
from typing import Any

import httpx

from chotdon.core import metrics
from chotdon.core.middleware import request_id_var


async def test_metrics_endpoint_counts_requests_and_reads_shared_gauges(
    client: httpx.AsyncClient,
) -> None:
    await client.get("/api/v1/me")  # 401, counted under its route template
    r = await client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    body = r.text
    assert 'chotdon_http_requests_total{method="GET",route="/api/v1/me",status="401"}' in body
    for name in (
        "chotdon_queue_depth",
        "chotdon_webhook_deliveries_pending",
        "chotdon_websocket_connections",
    ):
        assert f"\n{name} " in body, name
    # No tenant data: no emails or credentials in the exposition.
    assert "@" not in body and "bearer" not in body.lower()


async def test_request_id_is_echoed_and_bounded(client: httpx.AsyncClient) -> None:
    r = await client.get("/healthz", headers={"X-Request-Id": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    r = await client.get("/healthz", headers={"X-Request-Id": "x" * 500})
    assert len(r.headers["x-request-id"]) <= 64


async def test_instrumented_job_logs_with_its_job_id_and_counts_outcomes(
    caplog: Any,
) -> None:
    seen: list[str | None] = []

    async def sample_job(ctx: dict[str, Any], fail: bool) -> str:
        seen.append(request_id_var.get())
        logging.getLogger("chotdon.test").warning("inside the job")
        if fail:
            raise ValueError("boom")
        return "ok"

    (wrapped,) = metrics.instrument_jobs([sample_job])
    assert wrapped.__qualname__ == sample_job.__qualname__  # arq names jobs by it
    assert await wrapped({"job_id": "j-1"}, False) == "ok"
    try:
        await wrapped({"job_id": "j-2"}, True)
    except ValueError:
        pass
    assert seen == ["job:j-1", "job:j-2"]
    assert request_id_var.get() is None
    name = sample_job.__qualname__
    assert metrics.JOBS.labels(name, "complete")._value.get() == 1
    assert metrics.JOBS.labels(name, "failed")._value.get() == 1
