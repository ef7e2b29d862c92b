"""The channel registry: list, read, change settings, disconnect, request a sync."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import outbound, registry
from chotdon.channels.models import Channel
from chotdon.channels.schemas import ChannelPatch, ChannelSettings, channel_out
from chotdon.core.after_commit import emit_event, enqueue_job
from chotdon.core.errors import Conflict
from chotdon.core.pagination import PageParams, decode_cursor, encode_cursor
from chotdon.core.tenant import owned

LABEL_SYNC_JOB = "sync_labels"
UNSUBSCRIBE_JOB = "unsubscribe_channel"


def _has(channel: Channel, capability: str) -> bool:
    return capability in registry.for_channel(channel).capabilities


def emit_channel_updated(session: AsyncSession, channel: Channel) -> None:
    emit_event(
        session,
        channel.workspace_id,
        "channel.updated",
        channel_out(channel).model_dump(mode="json"),
    )


async def list_channels(
    session: AsyncSession, workspace_id: int, page: PageParams
) -> tuple[list[Channel], str | None]:
    stmt = owned(Channel, workspace_id).order_by(Channel.id).limit(page.limit + 1)
    cursor = decode_cursor(page.cursor, 1)
    if cursor is not None:
        stmt = stmt.where(Channel.id > int(cursor[0]))
    rows: list[Channel] = list((await session.execute(stmt)).scalars())  # type: ignore[arg-type]
    next_cursor = encode_cursor([rows[page.limit - 1].id]) if len(rows) > page.limit else None
    return rows[: page.limit], next_cursor


async def update_channel(session: AsyncSession, channel: Channel, patch: ChannelPatch) -> Channel:
    """Rename or change settings; switching label sync on imports the page's labels."""
    if patch.name is not None:
        channel.name = patch.name
    if patch.settings is not None:
        before = ChannelSettings.model_validate(channel.settings or {})
        changes = patch.settings.model_dump(exclude_none=True)
        channel.settings = {**(channel.settings or {}), **changes}
        if changes.get("label_sync") and not before.label_sync and _has(channel, "labels"):
            enqueue_job(session, LABEL_SYNC_JOB, channel.id, True, job_id=f"labels:{channel.id}")
    channel.updated_at = datetime.now(UTC)
    await session.flush()
    emit_channel_updated(session, channel)
    return channel


async def disconnect_channel(session: AsyncSession, channel: Channel) -> None:
    """Stop receiving from the page; conversations and messages stay (reconnect resumes)."""
    channel.status = "disconnected"
    channel.status_reason = "disconnected_by_user"
    channel.settings = {**(channel.settings or {}), "disconnected_by": "user"}
    await session.flush()
    enqueue_job(session, UNSUBSCRIBE_JOB, channel.id)
    emit_channel_updated(session, channel)


def request_sync(session: AsyncSession, channel: Channel) -> None:
    if channel.status != "connected":
        raise Conflict(
            "The channel is disconnected: reconnect it before syncing", code="channel_disconnected"
        )
    progress = (channel.sync_state or {}).get("progress") or {}
    if progress.get("status") != "running":
        # A fresh run: keep cursors of an interrupted run (resume), reset a finished one.
        state = dict(channel.sync_state or {})
        if progress.get("status") in ("done", "failed", None):
            state = {"progress": {"status": "running", "phase": "queued"}}
        channel.sync_state = state
    outbound.enqueue_channel_sync(session, channel.id)


async def connected_ids(
    session: AsyncSession, workspace_id: int, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """Channel ids of this workspace's connected channels among `(provider, external_id)`."""
    if not keys:
        return {}
    rows = await session.execute(
        select(Channel.provider, Channel.external_id, Channel.id).where(
            Channel.workspace_id == workspace_id,
            Channel.status == "connected",
            tuple_(Channel.provider, Channel.external_id).in_(keys),
        )
    )
    return {(p, e): i for p, e, i in rows}
