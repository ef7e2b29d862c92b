"""Fault injection with real processes: no event that reached us is lost or duplicated.

- the worker is SIGKILLed in the middle of an ingestion batch and started again;
- PostgreSQL is unreachable while webhooks arrive: every delivery is answered non-2xx (so
  Facebook retries) and nothing is acknowledged and lost; deliveries after recovery are stored;
- Redis is unreachable while webhooks arrive: deliveries are still acknowledged because they are
  stored durably first, and all are processed once Redis is back.
The databases are cut with a TCP proxy in front of them (the shared servers keep running).
Counts (sent / lost / duplicated) go to the test summary.
"""

from __future__ import annotations

import asyncio
import signal
import time
from datetime import timedelta
from typing import Any

import httpx
import pytest

from chotdon.channels.facebook import ingest
from security.report import record

from .helpers import (
    CuttableProxy,
    message_counts,
    messenger_body,
    new_mid,
    postgres_upstream,
    proxied_env,
    redis_upstream,
    signed_headers,
    wait_until,
)

pytestmark = pytest.mark.e2e


async def _post_all(url: str, bodies: list[bytes]) -> list[int]:
    async with httpx.AsyncClient(timeout=30) as client:
        sem = asyncio.Semaphore(8)

        async def one(body: bytes) -> int:
            async with sem:
                try:
                    r = await client.post(
                        f"{url}/webhooks/facebook", content=body, headers=signed_headers(body)
                    )
                    return r.status_code
                except httpx.HTTPError:
                    return 0

        return list(await asyncio.gather(*(one(b) for b in bodies)))


def _deliveries(
    page_id: str, n_deliveries: int, per_delivery: int, tag: str, customers: int = 40
) -> tuple[list[bytes], list[str]]:
    bodies, mids = [], []
    k = 0
    for _ in range(n_deliveries):
        events = []
        for _ in range(per_delivery):
            mid = new_mid(tag)
            events.append(
                (f"psid-{tag}-{k % customers}", mid, f"Tin nhắn số {k} – còn size M không ạ?")
            )
            mids.append(mid)
            k += 1
        bodies.append(messenger_body(page_id, events))
    return bodies, mids


@pytest.mark.soak
async def test_worker_killed_mid_batch_processes_everything_exactly_once(
    fb: Any,
    app_server: Any,
    processes: Any,
) -> None:
    page = await fb.connect()
    channel_id = int(fb.channel["id"])
    bodies, mids = _deliveries(page.page_id, 400, 5, "kill", customers=200)
    sent = len(mids)
    # The worker first (its readiness check is a job queued behind whatever is waiting), then
    # the deliveries: it ingests while they arrive and is killed in the middle.
    worker = await processes.start_worker()
    posting = asyncio.create_task(_post_all(app_server.url, bodies))

    async def some_stored() -> bool:
        rows, _ = await message_counts(channel_id, mids)
        return rows > 0

    assert await wait_until(some_stored, 60, every=0.005), "the worker never started ingesting"
    worker.popen.send_signal(signal.SIGKILL)  # no cleanup, no graceful shutdown
    worker.popen.wait(5)
    worker.expected_exit = True
    at_kill, _ = await message_counts(channel_id, mids)
    statuses = await posting
    assert statuses.count(200) == len(bodies), statuses

    await processes.start_worker()
    # What the worker's cron sweeper does 30 s later, now: re-enqueue what is still pending.
    await ingest.sweep_pending(older_than=timedelta(0))

    async def all_stored() -> bool:
        rows, _ = await message_counts(channel_id, mids)
        return rows >= sent

    await wait_until(all_stored, 90, every=0.2)
    await asyncio.sleep(1.0)  # a late duplicate would land now
    rows, distinct = await message_counts(channel_id, mids)
    lost, duplicated = sent - distinct, rows - distinct
    record("fault: worker SIGKILL mid-batch — events sent", sent)
    record("fault: worker SIGKILL mid-batch — stored when killed", at_kill)
    record("fault: worker SIGKILL mid-batch — lost", lost)
    record("fault: worker SIGKILL mid-batch — duplicated", duplicated)
    await _forget_jobs_of_dead_workers()
    assert at_kill < sent, "the kill came after the batch: nothing was interrupted"
    assert (lost, duplicated) == (0, 0)


async def _forget_jobs_of_dead_workers() -> None:
    """The killed worker's job stays "in progress" in arq for job_timeout + 10 s; its delivery is
    already processed (checked above), so drop it rather than slow the next tests' run_jobs."""
    from chotdon.core.redis import QUEUE_NAME, get_redis

    redis = get_redis()
    for job_id in await redis.zrange(QUEUE_NAME, 0, -1):
        jid = job_id.decode() if isinstance(job_id, bytes) else job_id
        if await redis.exists(f"arq:in-progress:{jid}"):
            await redis.zrem(QUEUE_NAME, job_id)
            await redis.delete(f"arq:in-progress:{jid}", f"arq:job:{jid}", f"arq:retry:{jid}")


async def test_postgres_down_means_non_2xx_and_nothing_lost(
    fb: Any,
    processes: Any,
    run_jobs: Any,
) -> None:
    import os

    page = await fb.connect()
    channel_id = int(fb.channel["id"])
    upstream, _ = postgres_upstream(os.environ["DATABASE_URL"])
    proxy = await CuttableProxy(upstream).start()
    try:
        api = await processes.start_api(env=proxied_env(proxy, None))
        before, mids_before = _deliveries(page.page_id, 5, 2, "pgup")
        assert set(await _post_all(api.url, before)) == {200}

        proxy.cut()
        during, mids_during = _deliveries(page.page_id, 20, 2, "pgdown")
        statuses = await _post_all(api.url, during)
        acknowledged = sum(1 for s in statuses if 200 <= s < 300)
        proxy.restore()

        # Facebook retries what was not acknowledged: after recovery it is stored.
        async def retried_ok() -> bool:
            return set(await _post_all(api.url, during)) == {200}

        assert await wait_until(retried_ok, 30, every=0.5)
        await run_jobs()
        mids = mids_before + mids_during
        rows, distinct = await message_counts(channel_id, mids)
    finally:
        await proxy.close()
    record("fault: Postgres down — deliveries sent during outage", len(during))
    record("fault: Postgres down — acknowledged during outage (must be 0)", acknowledged)
    record("fault: Postgres down — events lost", len(mids) - distinct)
    record("fault: Postgres down — events duplicated", rows - distinct)
    assert acknowledged == 0, statuses
    assert all(s >= 500 or s == 0 for s in statuses), statuses
    assert (rows, distinct) == (len(mids), len(mids))


async def test_redis_down_webhooks_still_stored_and_processed_after(
    fb: Any,
    processes: Any,
    run_jobs: Any,
) -> None:
    import os

    page = await fb.connect()
    channel_id = int(fb.channel["id"])
    upstream, _ = redis_upstream(os.environ["REDIS_URL"])
    proxy = await CuttableProxy(upstream).start()
    try:
        api = await processes.start_api(env=proxied_env(None, proxy))
        proxy.cut()
        bodies, mids = _deliveries(page.page_id, 8, 3, "redisdown")
        started = time.monotonic()
        statuses = await _post_all(api.url, bodies)
        outage_seconds = time.monotonic() - started
        proxy.restore()
        acknowledged = [b for b, s in zip(bodies, statuses, strict=True) if s == 200]
        not_acked = [b for b, s in zip(bodies, statuses, strict=True) if s != 200]
        # What was not acknowledged, Facebook sends again.
        if not_acked:
            assert set(await _post_all(api.url, not_acked)) == {200}
        # The jobs enqueued while Redis was down are lost; the sweeper finds the deliveries.
        await ingest.sweep_pending(older_than=timedelta(0))
        await run_jobs()
        rows, distinct = await message_counts(channel_id, mids)
    finally:
        await proxy.close()
    record("fault: Redis down — deliveries sent during outage", len(bodies))
    record("fault: Redis down — acknowledged during outage (stored in Postgres)", len(acknowledged))
    record("fault: Redis down — events lost", len(mids) - distinct)
    record(
        "fault: Redis down — slowest ACK in ms (8 deliveries at once)", int(outage_seconds * 1000)
    )
    record("fault: Redis down — events duplicated", rows - distinct)
    assert (rows, distinct) == (len(mids), len(mids))
