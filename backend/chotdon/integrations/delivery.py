"""Sending outgoing webhook deliveries: one runner per endpoint, in order per key, at least once.

- A runner (`run_endpoint`, the `deliver_webhooks` job, on the webhooks queue served by its
  own bounded worker slots: `chotdon.worker`) holds the endpoint's advisory lock for
  one batch at a time: one endpoint never has two runners, so the deliveries of one key
  (`signing.ordering_key`) leave in order; different endpoints run in different jobs, so a
  slow or dead endpoint only ever delays itself.
- A batch is the oldest due pending delivery of each key (at most BATCH_FACTOR ×
  WEBHOOK_CONCURRENCY, only WEBHOOK_CONCURRENCY while the endpoint is failing), sent at most
  WEBHOOK_CONCURRENCY at a time through the worker's one connection pool (`shared_client`:
  httpx's transport, without the client layer's cookies and redirects, and less CPU per request);
  results are written by the same transaction. A worker killed mid-batch leaves them pending:
  they are sent again with the same event id and delivery id (the receiver dedupes on the
  event id).
- A failure schedules the next attempt with exponential backoff and jitter until
  WEBHOOK_RETRY_WINDOW_HOURS have passed; later deliveries of that key wait behind it.
- An endpoint that keeps failing is disabled with a `webhook.updated` event (a notice to owners).
- Targets: no redirects, no cookies, no proxies from the environment, a timeout, a response read
  limit; in production the host must resolve to public addresses only and the connection goes
  to the checked address (no DNS rebinding), with the URL's host as Host and TLS server name.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import certifi
import httpx
import orjson
from sqlalchemy import and_, exists, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from chotdon.core.after_commit import emit_event, enqueue_job
from chotdon.core.db import unit_of_work, utcnow
from chotdon.core.redis import WEBHOOK_QUEUE_NAME
from chotdon.core.security import decrypt_secret
from chotdon.core.settings import get_settings
from chotdon.integrations import signing
from chotdon.integrations.models import OutgoingDelivery, WebhookSubscription

log = logging.getLogger(__name__)

DELIVER_JOB = "deliver_webhooks"
EXCERPT_CHARS = 2000
# A healthy endpoint's batch: this many times WEBHOOK_CONCURRENCY deliveries per transaction.
BATCH_FACTOR = 8
USER_AGENT = "Chotdon-Webhooks/1"


class TargetRefused(Exception):
    """The URL may not be called (bad scheme, private address in production, no address)."""


@dataclass(slots=True)
class Attempt:
    status: int | None
    body: str | None
    error: str | None
    duration_ms: int
    headers: dict[str, str]

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


Target = tuple[str, str | None]  # the URL to connect to, the TLS server name (None: the URL's)


async def check_target(url: str) -> Target:
    """The URL to connect to and the TLS server name; raises TargetRefused.

    Outside production (WEBHOOK_ALLOW_PRIVATE_TARGETS) the URL is used as it is. Otherwise the
    host is resolved, every address must be public, and the request goes to the first address
    with the original Host header and TLS server name.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused("The URL must be http:// or https:// with a host")
    if get_settings().webhook_private_targets_allowed:
        return url, None
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise TargetRefused(f"The host {host} cannot be resolved") from exc
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise TargetRefused(f"The host {host} cannot be resolved")
    bad = [a for a in addresses if signing.forbidden_address(a)]
    if bad:
        raise TargetRefused(
            f"The host {host} resolves to a private, loopback or link-local address ({bad[0]})"
        )
    ip = addresses[0]
    netloc_host = f"[{ip}]" if ":" in ip else ip
    netloc = f"{netloc_host}:{parts.port}" if parts.port else netloc_host
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    return pinned, host


def payload_bytes(payload: dict[str, Any]) -> bytes:
    return orjson.dumps(payload)


async def send_once(
    client: httpx.AsyncHTTPTransport,
    url: str,
    secret: str,
    delivery: OutgoingDelivery,
    target: Target | TargetRefused | None = None,
) -> Attempt:
    """POST one delivery; never raises (a refusal or network error is a failed attempt).

    `target`: what `check_target(url)` gave (a batch checks its endpoint once), else checked here.
    """
    settings = get_settings()
    body = payload_bytes(delivery.payload)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Chotdon-Event": delivery.event_type,
        "X-Chotdon-Delivery": str(delivery.id),
        "X-Chotdon-Timestamp": timestamp,
        "X-Chotdon-Signature": signing.sign(secret, timestamp, body),
    }
    started = time.perf_counter()
    try:
        if target is None:
            target = await checked_target(url)
        if isinstance(target, TargetRefused):
            raise target
        pinned, server_name = target
        request_headers = dict(headers)
        request_headers["Host"] = urlsplit(url).netloc
        extensions: dict[str, Any] = {
            "timeout": httpx.Timeout(settings.webhook_timeout_seconds).as_dict()
        }
        if server_name:
            extensions["sni_hostname"] = server_name
        request = httpx.Request(
            "POST", pinned, content=body, headers=request_headers, extensions=extensions
        )
        async with asyncio.timeout(settings.webhook_timeout_seconds):  # a slow drip included
            response = await client.handle_async_request(request)
            try:
                raw = b""
                async for chunk in response.aiter_raw():
                    raw += chunk
                    if len(raw) >= settings.webhook_max_response_bytes:
                        break
            finally:
                await response.aclose()
        status = response.status_code
        location = response.headers.get("location", "?")
        excerpt = raw[:EXCERPT_CHARS].decode("utf-8", "replace")
        error = None
        if 300 <= status < 400:
            error = f"Redirect to {location} not followed"
        elif not 200 <= status < 300:
            error = f"HTTP {status}"
        return Attempt(status, excerpt, error, _ms(started), headers)
    except TargetRefused as exc:
        return Attempt(None, None, f"Refused: {exc}", _ms(started), headers)
    except (TimeoutError, httpx.TimeoutException):
        return Attempt(
            None,
            None,
            f"Timed out after {settings.webhook_timeout_seconds:g} s",
            _ms(started),
            headers,
        )
    except (httpx.HTTPError, OSError, ValueError) as exc:
        # httpx's names (ConnectError, RemoteProtocolError, ReadError…) are what the SPA
        # translates (`frontend/src/app/errorText.ts`).
        return Attempt(None, None, f"{type(exc).__name__}: {exc}"[:500], _ms(started), headers)


async def checked_target(url: str) -> Target | TargetRefused:
    """`check_target` with the refusal as a value (one check serves a whole batch)."""
    try:
        return await check_target(url)
    except TargetRefused as exc:
        return exc


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


def new_client(max_connections: int | None = None) -> httpx.AsyncHTTPTransport:
    """A connection pool for webhook targets: httpx's transport, which keeps no cookies (a
    receiver's cookie never reaches another endpoint), follows no redirects and reads no proxy
    settings from the environment; certifi's CAs; `async with` it."""
    settings = get_settings()
    connections = max_connections or settings.webhook_concurrency * 4
    return httpx.AsyncHTTPTransport(
        verify=ssl.create_default_context(cafile=certifi.where()),
        trust_env=False,
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
    )


_shared: tuple[asyncio.AbstractEventLoop, httpx.AsyncHTTPTransport] | None = None


def shared_client() -> httpx.AsyncHTTPTransport:
    """The worker process's client: one connection pool for every runner, kept alive between
    jobs (a runner per burst of events would otherwise connect afresh each time)."""
    global _shared
    loop = asyncio.get_running_loop()
    if _shared is None or _shared[0] is not loop:
        settings = get_settings()
        _shared = (
            loop,
            new_client(settings.webhook_worker_jobs * settings.webhook_concurrency),
        )
    return _shared[1]


async def close_shared_client() -> None:
    global _shared
    if _shared is not None and _shared[0] is asyncio.get_running_loop():
        await _shared[1].aclose()
    _shared = None


def record(
    session: AsyncSession,
    sub: WebhookSubscription,
    delivery: OutgoingDelivery,
    attempt: Attempt,
    now: datetime,
) -> None:
    """Write an attempt's result on the delivery and the endpoint's failure streak."""
    settings = get_settings()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_status = attempt.status
    delivery.response_body = attempt.body
    delivery.duration_ms = attempt.duration_ms
    delivery.error = attempt.error
    delivery.request_headers = {
        k: v for k, v in attempt.headers.items() if k != "X-Chotdon-Signature"
    }
    if attempt.ok:
        delivery.status = "delivered"
        delivery.delivered_at = now
        sub.consecutive_failures = 0
        sub.failing_since = None
        return
    delay = signing.retry_delay(
        delivery.attempts,
        base=settings.webhook_retry_base_seconds,
        cap=settings.webhook_retry_max_delay_seconds,
    )
    next_at = now + timedelta(seconds=delay)
    if next_at - delivery.created_at > timedelta(hours=settings.webhook_retry_window_hours):
        delivery.status = "failed"
    else:
        delivery.next_attempt_at = next_at
    sub.consecutive_failures += 1
    if sub.failing_since is None:
        sub.failing_since = now
    if (
        sub.enabled
        and sub.consecutive_failures >= settings.webhook_disable_after_failures
        and (now - sub.failing_since).total_seconds() >= settings.webhook_disable_after_seconds
    ):
        sub.enabled = False
        sub.disabled_at = now
        sub.disabled_reason = (
            f"Disabled after {sub.consecutive_failures} failed deliveries in a row "
            f"(last: {attempt.error})"
        )


def _due(sub_id: int, now: datetime, limit: int) -> Any:
    earlier = aliased(OutgoingDelivery)
    return (
        select(OutgoingDelivery)
        .where(
            OutgoingDelivery.subscription_id == sub_id,
            OutgoingDelivery.status == "pending",
            OutgoingDelivery.next_attempt_at <= now,
            (OutgoingDelivery.ordering_key.is_(None))
            | ~exists().where(
                and_(
                    earlier.subscription_id == sub_id,
                    earlier.status == "pending",
                    earlier.ordering_key == OutgoingDelivery.ordering_key,
                    earlier.id < OutgoingDelivery.id,
                )
            ),
        )
        .order_by(OutgoingDelivery.id)
        .limit(limit)
    )


async def _try_lock(session: AsyncSession, sub_id: int) -> bool:
    return bool(
        await session.scalar(
            text("SELECT pg_try_advisory_xact_lock(hashtext('webhook_endpoint'), :k)"),
            {"k": int(sub_id) % 2**31},
        )
    )


async def _send_batch(
    client: httpx.AsyncHTTPTransport, sub: WebhookSubscription, batch: list[OutgoingDelivery]
) -> list[Attempt]:
    """Send a batch, at most WEBHOOK_CONCURRENCY requests at a time; results in batch order."""
    secret = decrypt_secret(sub.secret_encrypted)
    target = await checked_target(sub.url)
    gate = asyncio.Semaphore(get_settings().webhook_concurrency)

    async def one(delivery: OutgoingDelivery) -> Attempt:
        async with gate:
            return await send_once(client, sub.url, secret, delivery, target)

    return list(await asyncio.gather(*(one(d) for d in batch)))


async def run_endpoint(sub_id: int) -> int:
    """Deliver everything due for one endpoint; returns how many attempts were made.

    Whoever fails to take the lock leaves: the holder checks for due work again after it
    releases the lock, which is later than the failed try (so nothing is left behind).
    """
    from chotdon.integrations.serializers import webhook_event

    attempts = 0
    settings = get_settings()
    client = shared_client()
    while True:
        async with unit_of_work() as session:
            if not await _try_lock(session, sub_id):
                return attempts
            sub = await session.get(WebhookSubscription, sub_id)
            if sub is None or not sub.enabled:
                return attempts
            # A healthy endpoint takes BATCH_FACTOR times more per transaction (a burst costs
            # a few round trips per batch, not per delivery); a failing one only what can be
            # sent at once, so a dead receiver is not sent a whole batch of doomed requests.
            limit = settings.webhook_concurrency * (1 if sub.consecutive_failures else BATCH_FACTOR)
            now = utcnow()
            batch = list((await session.scalars(_due(sub_id, now, limit))).all())
            if batch:
                results = await _send_batch(client, sub, batch)
                now = utcnow()
                was_enabled = sub.enabled
                for delivery, attempt in zip(batch, results, strict=True):
                    record(session, sub, delivery, attempt, now)
                attempts += len(batch)
                if was_enabled and not sub.enabled:
                    emit_event(session, sub.workspace_id, "webhook.updated", webhook_event(sub))
                continue
        # Lock released: anything due that arrived meanwhile is ours; else wake up later.
        async with unit_of_work() as session:
            now = utcnow()
            if await session.scalar(_due(sub_id, now, 1).with_only_columns(OutgoingDelivery.id)):
                continue
            next_at = await session.scalar(
                select(OutgoingDelivery.next_attempt_at)
                .where(
                    OutgoingDelivery.subscription_id == sub_id,
                    OutgoingDelivery.status == "pending",
                    # Due ones now are blocked behind a later retry of their key.
                    OutgoingDelivery.next_attempt_at > now,
                )
                .order_by(OutgoingDelivery.next_attempt_at)
                .limit(1)
            )
            if next_at is not None:
                wake_at(session, sub_id, next_at, now)
        return attempts


def wake_at(session: AsyncSession, sub_id: int, at: datetime, now: datetime) -> None:
    """A deferred runner for the endpoint's next retry (one per endpoint and due time)."""
    delay = max(0.0, (at - now).total_seconds())
    enqueue_job(
        session,
        DELIVER_JOB,
        sub_id,
        job_id=f"webhook-wake:{sub_id}:{at.timestamp():.6f}",
        defer_seconds=delay,
        queue=WEBHOOK_QUEUE_NAME,
    )


def start(session: AsyncSession, sub_id: int) -> None:
    enqueue_job(session, DELIVER_JOB, sub_id, queue=WEBHOOK_QUEUE_NAME)


async def sweep() -> int:
    """Cron: start a runner for every enabled endpoint with due deliveries (lost jobs, restarts)."""
    async with unit_of_work() as session:
        ids = list(
            (
                await session.scalars(
                    select(OutgoingDelivery.subscription_id)
                    .join(
                        WebhookSubscription,
                        WebhookSubscription.id == OutgoingDelivery.subscription_id,
                    )
                    .where(
                        OutgoingDelivery.status == "pending",
                        OutgoingDelivery.next_attempt_at <= utcnow(),
                        WebhookSubscription.enabled.is_(True),
                    )
                    .distinct()
                )
            ).all()
        )
        for sub_id in ids:
            start(session, sub_id)
    return len(ids)
