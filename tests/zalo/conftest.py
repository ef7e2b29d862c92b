from __future__ import annotations

from support.simulator import app_server  # noqa: F401
from support.zalo import zalo, zalo_server  # noqa: F401
