"""Resumable backfill bookkeeping in `channel.sync_state`, for every provider.

A provider's backfill runs in phases (Facebook: labels, conversations, posts, live videos;
Shopee: conversations), reading pages of history with the provider's cursors. After each page
is stored, the next cursor and the counters are saved (`save_page`, one short transaction that
also tells the SPA), so a run that dies or is re-deferred (rate limits) starts again right after
the last page it saved. What was stored twice is harmless: everything goes through
`inbox.flows`, which dedupes on external ids.

`sync_state`: `{"phase": ..., "progress": {status, phase, started_at, finished_at, error,
counters...}, <the provider's cursors>}`; `progress` is what `GET /channels` shows.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from arq import Retry

from chotdon.channels.models import Channel
from chotdon.channels.service import emit_channel_updated
from chotdon.core.db import unit_of_work

log = logging.getLogger(__name__)
RETRY_SECONDS = 30.0  # rate limited or the provider unreachable: resume from the cursor later


def update_state(channel: Channel, **changes: Any) -> None:
    """Merge `changes` into the sync state: `add={...}` adds to progress counters,
    `progress={...}` sets progress fields, anything else (cursors, phase) is set as is."""
    state = dict(channel.sync_state or {})
    progress = dict(state.get("progress") or {})
    for key, value in changes.pop("add", {}).items():
        progress[key] = int(progress.get(key) or 0) + value
    progress.update(changes.pop("progress", {}))
    state.update(changes)
    state["progress"] = progress
    channel.sync_state = state


def cursor(channel: Channel, name: str) -> Any:
    return (channel.sync_state or {}).get(name)


async def begin(channel_id: int, phases: tuple[str, ...]) -> str:
    """Start a run, or resume the one that was interrupted; returns the phase to start from."""
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id, with_for_update=True)
        state = dict(channel.sync_state or {})
        progress = dict(state.get("progress") or {})
        if progress.get("status") == "running" and state.get("phase") in phases:
            progress.update(status="running", phase=state["phase"])
            channel.sync_state = {**state, "progress": progress}
        else:  # a fresh run: no cursors, counters from zero
            channel.sync_state = {
                "phase": phases[0],
                "progress": {
                    "status": "running",
                    "phase": phases[0],
                    "started_at": datetime.now(UTC).isoformat(),
                },
            }
        emit_channel_updated(session, channel)
        return str(channel.sync_state["phase"])


async def set_phase(channel_id: int, phase: str) -> None:
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id, with_for_update=True)
        if (channel.sync_state or {}).get("phase") != phase:
            update_state(channel, phase=phase, progress={"phase": phase})
            emit_channel_updated(session, channel)


async def save_page(channel_id: int, **changes: Any) -> None:
    """A page is stored: save its cursor(s) and counters (`update_state`), show the progress."""
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id, with_for_update=True)
        update_state(channel, **changes)
        emit_channel_updated(session, channel)


async def end(channel_id: int, error: str | None = None) -> None:
    """The run is over (`done`, or `failed` with the reason): cursors are dropped."""
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id, with_for_update=True)
        now = datetime.now(UTC)
        progress = dict((channel.sync_state or {}).get("progress") or {})
        progress.update(
            status="failed" if error else "done",
            phase=None,
            finished_at=now.isoformat(),
            error=error,
        )
        channel.sync_state = {"progress": progress}
        if not error:
            channel.last_synced_at = now
        emit_channel_updated(session, channel)


async def run_pages(
    channel_id: int,
    phases: tuple[str, ...],
    page: Callable[[], Awaitable[bool]],
    *,
    max_pages: int,
    pause_on: tuple[type[Exception], ...],
    fail_on: tuple[type[Exception], ...],
) -> str:
    """A one-phase backfill: `page()` stores the next page and saves its cursor (`save_page`),
    False once there is no more. A `pause_on` error (rate limit, provider unreachable) defers
    the job, which resumes from the saved cursor; a `fail_on` error ends the run `failed`."""
    await begin(channel_id, phases)
    try:
        for _ in range(max_pages):
            if not await page():
                break
    except pause_on as exc:
        log.info("backfill of channel %s paused: %s", channel_id, exc)
        raise Retry(defer=RETRY_SECONDS) from exc
    except fail_on as exc:
        await end(channel_id, error=str(exc)[:500])
        return "failed"
    await end(channel_id)
    return "done"
