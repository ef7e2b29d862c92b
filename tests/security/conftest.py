from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from security.report import forget_login_attempts
from support.simulator import app_server, fb, simulator, simulator_server  # noqa: F401


@pytest.fixture(autouse=True)
async def _clear_login_rate_limits(database: Any) -> AsyncIterator[None]:
    yield
    await forget_login_attempts()
