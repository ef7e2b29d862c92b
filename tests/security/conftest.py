from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from security.report import (
    forget_login_attempts,
    print_summary,
    register_soak_marker,
    skip_soak_unless_asked,
)
from support.simulator import app_server, fb, simulator, simulator_server  # noqa: F401


def pytest_terminal_summary(terminalreporter: Any) -> None:
    print_summary(terminalreporter)


def pytest_configure(config: Any) -> None:
    register_soak_marker(config)


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    skip_soak_unless_asked(config, items)


@pytest.fixture(autouse=True)
async def _clear_login_rate_limits(database: Any) -> AsyncIterator[None]:
    yield
    await forget_login_attempts()
