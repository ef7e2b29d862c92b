from __future__ import annotations

from support.lazada import lazada, lazada_server  # noqa: F401
from support.simulator import app_server  # noqa: F401
