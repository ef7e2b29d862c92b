"""arq jobs of this domain: thin functions that take ids, load, and call the service.

`JOBS` and `CRON_JOBS` are collected by `chotdon.worker.WorkerSettings`.
"""

from __future__ import annotations

from typing import Any

from chotdon.customers import merging


async def merge_same_phone(ctx: dict[str, Any], workspace_id: int, contact_id: int) -> int:
    """A customer's new phone is another customer's: merge them (owner's setting on)."""
    return await merging.merge_same_phone(workspace_id, contact_id)


JOBS: list[Any] = [merge_same_phone]
CRON_JOBS: list[Any] = []
