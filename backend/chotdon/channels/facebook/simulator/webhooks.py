"""Sends webhooks like Facebook: batched entries, ASCII-escaped signed bodies, retries.

- Events queue up as `entry` objects; a POST carries whatever is queued (up to
  `max_entries`), so a burst arrives as several entries per POST, like Facebook's batching.
- The body is `json.dumps(ensure_ascii=True)` with `/` escaped as `\\/` and signed with
  HMAC-SHA256 (`X-Hub-Signature-256`) plus the legacy SHA-1 header.
- A non-200 answer (or no answer) is retried with the same body after `retry_delays`; newer
  deliveries go on meanwhile, so a retried delivery arrives after newer ones (out of order).
- Test modes: wrong or missing signature, every delivery sent twice, pause / resume.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx

from chotdon.channels.facebook.signature import facebook_json, sign, sign_sha1

log = logging.getLogger(__name__)


@dataclass
class DeliveryLog:
    id: int
    entries: int
    attempts: int = 0
    statuses: list[int | str] = field(default_factory=list)
    delivered: bool = False
    gave_up: bool = False
    sent_at: list[float] = field(default_factory=list)


class WebhookSender:
    def __init__(self) -> None:
        self.url: str | None = None
        self.secret = "dev-facebook-app-secret"
        self.signature_mode = "valid"  # valid | wrong | missing
        self.max_entries = 50
        self.concurrency = 8
        self.retry_delays: list[float] = [0.0, 0.5, 2.0, 5.0, 15.0, 60.0]
        self.duplicate = False
        self.timeout = 20.0
        self.paused = False
        self.queue: deque[tuple[str, dict[str, Any]]] = deque()  # (object, entry)
        self.log: list[DeliveryLog] = []
        self.max_log = 2000
        self._wake = asyncio.Event()
        self._inflight = 0
        self._scheduled = 0
        self._task: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None
        self._sem: asyncio.Semaphore | None = None
        self._next_id = 1
        # Facebook unsubscribes an app whose endpoint keeps failing (about an hour).
        self.unsubscribe_after: float | None = 3600.0
        self.failing_since: float | None = None
        self.on_unsubscribe: Any = None
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        if self._task is None:
            self._client = httpx.AsyncClient(
                timeout=self.timeout,
                headers={"User-Agent": "facebookexternalua"},
                limits=httpx.Limits(max_connections=64),
            )
            self._sem = asyncio.Semaphore(self.concurrency)
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def reset(self) -> None:
        self.queue.clear()
        self.log.clear()
        self.paused = False
        self.signature_mode = "valid"
        self.duplicate = False

    def push(self, obj: str, entry: dict[str, Any]) -> None:
        if not self.url:
            return
        self.queue.append((obj, entry))
        self._wake.set()

    @property
    def idle(self) -> bool:
        return not self.queue and self._inflight == 0 and self._scheduled == 0

    def _spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def flush(self, wait_seconds: float = 10.0) -> bool:
        """Wait until every queued delivery was acknowledged (or given up)."""
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if self.idle or (self.paused and self._inflight == 0 and self._scheduled == 0):
                return True
            await asyncio.sleep(0.01)
        return False

    def resume(self) -> None:
        self.paused = False
        self._wake.set()

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self.queue and not self.paused:
                batch: list[dict[str, Any]] = []
                obj = self.queue[0][0]
                while self.queue and len(batch) < self.max_entries and self.queue[0][0] == obj:
                    batch.append(self.queue.popleft()[1])
                body = facebook_json({"object": obj, "entry": batch})
                record = DeliveryLog(self._next_id, len(batch))
                self._next_id += 1
                self.log.append(record)
                if len(self.log) > self.max_log:
                    del self.log[: len(self.log) - self.max_log]
                assert self._sem is not None
                await self._sem.acquire()
                self._inflight += 1
                self._spawn(self._deliver(body, record, 0))
                if self.duplicate:
                    dup = DeliveryLog(self._next_id, len(batch))
                    self._next_id += 1
                    self.log.append(dup)
                    await self._sem.acquire()
                    self._inflight += 1
                    self._spawn(self._deliver(body, dup, 0))

    def headers_for(self, body: bytes, mode: str | None = None) -> dict[str, str]:
        mode = mode or self.signature_mode
        headers = {"Content-Type": "application/json"}
        if mode == "valid":
            headers["X-Hub-Signature-256"] = sign(body, self.secret)
            headers["X-Hub-Signature"] = sign_sha1(body, self.secret)
        elif mode == "wrong":
            headers["X-Hub-Signature-256"] = sign(body, self.secret + "-wrong")
        return headers

    async def post_raw(self, body: bytes, mode: str | None = None) -> int | str:
        """POST exact bytes to the target (tests of signatures and malformed bodies)."""
        assert self._client is not None and self.url
        try:
            response = await self._client.post(
                self.url, content=body, headers=self.headers_for(body, mode)
            )
            return response.status_code
        except httpx.HTTPError as exc:
            return type(exc).__name__

    async def _deliver(self, body: bytes, record: DeliveryLog, attempt: int) -> None:
        try:
            status = await self.post_raw(body)
        finally:
            self._inflight -= 1
            assert self._sem is not None
            self._sem.release()
        record.attempts += 1
        record.statuses.append(status)
        record.sent_at.append(time.time())
        if status == 200:
            record.delivered = True
            self.failing_since = None
            return
        now = time.monotonic()
        self.failing_since = self.failing_since or now
        if (
            self.unsubscribe_after is not None
            and now - self.failing_since >= self.unsubscribe_after
            and self.on_unsubscribe is not None
        ):
            log.warning(
                "webhooks failing for %.0f s: unsubscribing the app", now - self.failing_since
            )
            self.on_unsubscribe()
            self.failing_since = None
            record.gave_up = True
            return
        if attempt + 1 >= len(self.retry_delays):
            record.gave_up = True
            log.warning("webhook delivery %s dropped after %s attempts", record.id, attempt + 1)
            return
        self._scheduled += 1
        self._spawn(self._retry(body, record, attempt + 1))

    async def _retry(self, body: bytes, record: DeliveryLog, attempt: int) -> None:
        try:
            await asyncio.sleep(self.retry_delays[attempt])
            assert self._sem is not None
            await self._sem.acquire()
            self._inflight += 1
        finally:
            self._scheduled -= 1
        await self._deliver(body, record, attempt)
