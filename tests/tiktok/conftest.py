from __future__ import annotations

from support.simulator import app_server  # noqa: F401
from support.tiktok import tiktok, tiktok_server  # noqa: F401
