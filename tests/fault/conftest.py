"""Fault-injection tests. Those marked `soak` take more than a few seconds: they run with
`make soak` (`pytest -m soak`) or SOAK=1, and are skipped by a plain `make test`."""

from __future__ import annotations

import os
from typing import Any

import pytest

from security.report import print_summary
from support.processes import processes  # noqa: F401  (fixtures)
from support.simulator import app_server, fb, simulator, simulator_server  # noqa: F401


def pytest_configure(config: Any) -> None:
    config.addinivalue_line("markers", "soak: long fault-injection / fuzz runs (make soak)")


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if "soak" in (config.getoption("markexpr") or "") or os.environ.get("SOAK"):
        return
    skip = pytest.mark.skip(reason="soak test: run with `make soak` (pytest -m soak) or SOAK=1")
    for item in items:
        if item.get_closest_marker("soak"):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    print_summary(terminalreporter)
