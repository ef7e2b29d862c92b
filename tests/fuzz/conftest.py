from __future__ import annotations

from typing import Any

from security.report import print_summary


def pytest_terminal_summary(terminalreporter: Any) -> None:
    print_summary(terminalreporter)
