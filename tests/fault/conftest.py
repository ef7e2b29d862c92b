"""Fault-injection tests. Those marked `soak` take more than a few seconds: they run with
`make soak` (`pytest -m soak`) or SOAK=1, and are skipped by a plain `make test`."""

from __future__ import annotations

from typing import Any

from security.report import (
    print_summary,
    register_soak_marker,
    skip_soak_unless_asked,
)
from support.processes import processes  # noqa: F401  (fixtures)
from support.simulator import app_server, fb, simulator, simulator_server  # noqa: F401


def pytest_terminal_summary(terminalreporter: Any) -> None:
    print_summary(terminalreporter)


def pytest_configure(config: Any) -> None:
    register_soak_marker(config)


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    skip_soak_unless_asked(config, items)
