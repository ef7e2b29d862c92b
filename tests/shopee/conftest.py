from __future__ import annotations

from support.shopee import shopee, shopee_server  # noqa: F401
from support.simulator import app_server  # noqa: F401
