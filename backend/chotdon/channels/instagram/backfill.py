"""Instagram backfill: the account's recent conversations through the Conversations API of
its page (`GET /{page-id}/conversations?platform=instagram`), resumable and idempotent with
webhooks like the page's own (`facebook.backfill`, which reads the phases of the provider)."""

from __future__ import annotations

from chotdon.channels.facebook import backfill as meta_backfill


async def sync_channel(channel_id: int) -> str:
    return await meta_backfill.sync_channel(channel_id)
