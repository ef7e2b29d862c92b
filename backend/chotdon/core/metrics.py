"""Prometheus metrics and the `/metrics` endpoint.

What is measured, and where:
- HTTP requests by method, route template and status, with latency (an ASGI middleware, so
  webhook deliveries — `route="/webhooks/facebook"` — are counted with their answer);
  `chotdon_webhook_deliveries_total` counts provider deliveries by provider and status.
- Open WebSocket connections (the same middleware sees every `websocket` scope).
- arq jobs by name: run time, time spent waiting in the queue, outcome (`instrument_jobs`,
  applied to `WorkerSettings.functions`). Each job also runs with its job id as the log
  context's `request_id` unless the job sets one itself (the delivery's, say), so a webhook's
  request id can be followed from the request to the job to the realtime event.
- Graph API errors by code and subcode (`graph_api_error`, called by the Facebook client).
- At scrape time, from the shared servers: arq queue depth and webhook deliveries still
  pending, so any API process answers the same for the whole installation.

Several processes: when `PROMETHEUS_MULTIPROC_DIR` is set (before start), the counters of
every process of the host (API workers and arq workers) are aggregated by `/metrics`;
otherwise each process reports its own, and a worker can expose its own on
`WORKER_METRICS_PORT`.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

_MULTIPROC = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
_LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 120)

HTTP_REQUESTS = Counter(
    "chotdon_http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "chotdon_http_request_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=_LATENCY_BUCKETS,
)
WEBHOOK_DELIVERIES = Counter(
    "chotdon_webhook_deliveries_total",
    "Provider webhook deliveries received, by the status we answered",
    ["provider", "status"],
)
WEBSOCKETS = Gauge(
    "chotdon_websocket_connections",
    "Open WebSocket connections",
    multiprocess_mode="livesum",
)
JOB_SECONDS = Histogram(
    "chotdon_job_seconds", "arq job run time", ["job"], buckets=_LATENCY_BUCKETS
)
JOB_QUEUED_SECONDS = Histogram(
    "chotdon_job_queue_wait_seconds",
    "Time between enqueue and start of an arq job",
    ["job"],
    buckets=_LATENCY_BUCKETS,
)
JOBS = Counter("chotdon_jobs_total", "arq jobs finished, by outcome", ["job", "outcome"])
GRAPH_API_ERRORS = Counter(
    "chotdon_graph_api_errors_total",
    "Errors answered by the Facebook Graph API, by error code and subcode",
    ["code", "subcode"],
)
QUEUE_DEPTH = Gauge(
    "chotdon_queue_depth", "Jobs waiting in the arq queue", multiprocess_mode="liveall"
)
WEBHOOKS_PENDING = Gauge(
    "chotdon_webhook_deliveries_pending",
    "Stored webhook deliveries not processed yet",
    multiprocess_mode="liveall",
)


def graph_api_error(code: int | str | None, subcode: int | str | None = None) -> None:
    """Count one Graph API error (called where Graph errors are turned into typed errors)."""
    GRAPH_API_ERRORS.labels(code=str(code or "unknown"), subcode=str(subcode or "")).inc()


# --- HTTP / WebSocket middleware ----------------------------------------------------------------


_ID_SEGMENT = re.compile(r"/(?:\d+|[0-9a-f]{16,}|[0-9a-f-]{36})(?=/|$)")


def _route_template(scope: Scope) -> str:
    """The path with ids replaced by `{id}`, or "unmatched" when no route answered.

    Raw paths of 404s (scanners probing `/wp-admin`...) would explode the label cardinality.
    """
    if "route" not in scope and "endpoint" not in scope:
        return "unmatched"
    return _ID_SEGMENT.sub("/{id}", str(scope.get("path", "")))[:200]


class MetricsMiddleware:
    """Count requests and WebSockets. Cheap: two dict lookups and a clock read per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            accepted = False

            async def ws_send(message: Message) -> None:
                nonlocal accepted
                if message["type"] == "websocket.accept" and not accepted:
                    accepted = True
                    WEBSOCKETS.inc()
                await send(message)

            try:
                await self.app(scope, receive, ws_send)
            finally:
                if accepted:
                    WEBSOCKETS.dec()
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def http_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, http_send)
        finally:
            route = _route_template(scope)
            method = scope.get("method", "GET")
            HTTP_REQUESTS.labels(method, route, str(status)).inc()
            HTTP_LATENCY.labels(method, route).observe(time.perf_counter() - start)
            if route.startswith("/webhooks/") and method == "POST":
                WEBHOOK_DELIVERIES.labels(route.rsplit("/", 1)[-1], str(status)).inc()


# --- arq jobs -----------------------------------------------------------------------------------


def _instrument(name: str, coroutine: Callable[..., Awaitable[Any]]) -> Callable[..., Any]:
    @functools.wraps(coroutine)
    async def run(ctx: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        from chotdon.core.middleware import request_id_var

        enqueued = ctx.get("enqueue_time") if isinstance(ctx, dict) else None
        if isinstance(enqueued, datetime):
            wait = (datetime.now(UTC) - enqueued).total_seconds()
            JOB_QUEUED_SECONDS.labels(name).observe(max(0.0, wait))
        job_id = ctx.get("job_id") if isinstance(ctx, dict) else None
        token = request_id_var.set(f"job:{job_id}" if job_id else None)
        start = time.perf_counter()
        outcome = "failed"
        try:
            result = await coroutine(ctx, *args, **kwargs)
            outcome = "complete"
            return result
        except BaseException as exc:
            # arq's Retry is not a failure: the job runs again.
            if type(exc).__name__ == "Retry":
                outcome = "retry"
            elif isinstance(exc, (TimeoutError,)):
                outcome = "timeout"
            raise
        finally:
            JOB_SECONDS.labels(name).observe(time.perf_counter() - start)
            JOBS.labels(name, outcome).inc()
            request_id_var.reset(token)

    return run


def instrument_jobs(functions: list[Any]) -> list[Any]:
    """Wrap arq job functions (plain coroutines or `arq.worker.Function`s) with metrics."""
    from arq.worker import Function

    out: list[Any] = []
    for fn in functions:
        if isinstance(fn, Function):
            out.append(
                Function(
                    fn.name,
                    _instrument(fn.name, fn.coroutine),
                    fn.timeout_s,
                    fn.keep_result_s,
                    fn.keep_result_forever,
                    fn.max_tries,
                )
            )
        elif callable(fn):
            out.append(_instrument(getattr(fn, "__qualname__", repr(fn)), fn))
        else:  # a string to import: leave it to arq
            out.append(fn)
    return out


def start_worker_metrics_server() -> None:
    """Expose a worker's own metrics on WORKER_METRICS_PORT (when not aggregated by host)."""
    port = os.environ.get("WORKER_METRICS_PORT")
    if port and not _MULTIPROC:
        from prometheus_client import start_http_server

        start_http_server(int(port), addr="127.0.0.1")


# --- /metrics -----------------------------------------------------------------------------------

router = APIRouter(tags=["ops"])


async def _refresh_shared_gauges() -> None:
    """Values that live in the shared servers: correct whichever process is scraped."""
    try:
        from chotdon.core.redis import QUEUE_NAMES, get_redis

        QUEUE_DEPTH.set(sum([await get_redis().zcard(name) for name in QUEUE_NAMES]))
    except Exception as exc:  # a scrape must answer even when Redis is down
        log.warning("metrics: queue depth unavailable: %s", type(exc).__name__)
        QUEUE_DEPTH.set(float("nan"))
    try:
        from sqlalchemy import text

        from chotdon.core.db import get_engine

        async with get_engine().connect() as conn:
            pending = await conn.scalar(
                text("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'")
            )
        WEBHOOKS_PENDING.set(float(pending or 0))
    except Exception as exc:
        log.warning("metrics: pending deliveries unavailable: %s", type(exc).__name__)
        WEBHOOKS_PENDING.set(float("nan"))


def render() -> bytes:
    if _MULTIPROC:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest()


@router.get("/metrics", include_in_schema=False)
async def metrics_endpoint() -> Response:
    """Prometheus text format. Aggregate counters only: no workspace data leaves here."""
    await _refresh_shared_gauges()
    return Response(render(), media_type=CONTENT_TYPE_LATEST)
