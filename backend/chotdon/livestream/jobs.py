"""arq jobs of this domain: thin functions that take ids, load, and call the service.

`JOBS` and `CRON_JOBS` are collected by `chotdon.worker.WorkerSettings`.
"""

from __future__ import annotations

from typing import Any

JOBS: list[Any] = []
CRON_JOBS: list[Any] = []
