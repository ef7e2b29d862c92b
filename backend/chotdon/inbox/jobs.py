"""arq jobs of this domain: thin functions that take ids, load, and call the service.

`JOBS` and `CRON_JOBS` are collected by `chotdon.worker.WorkerSettings`.
"""

from __future__ import annotations

from typing import Any

from chotdon.inbox import attachments


async def keep_attachments(ctx: dict[str, Any], message_ids: list[int]) -> int:
    return await attachments.keep_attachments(message_ids)


JOBS: list[Any] = [keep_attachments]
CRON_JOBS: list[Any] = []
