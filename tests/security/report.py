"""Counts printed at the end of the test run: isolation checks, fuzz cases, events lost.

Tests call `record(name, count)`; the conftests of tests/security, tests/fuzz and tests/fault
print the table once in pytest's terminal summary.
"""

from __future__ import annotations

from typing import Any

_COUNTS: dict[str, int] = {}
_NOTES: dict[str, list[str]] = {}
_printed = False


def record(name: str, count: int, note: str | None = None) -> None:
    _COUNTS[name] = _COUNTS.get(name, 0) + int(count)
    if note:
        _NOTES.setdefault(name, []).append(note)


def print_summary(terminalreporter: Any) -> None:
    global _printed
    if _printed or not _COUNTS:
        return
    _printed = True
    terminalreporter.section("quality counts (tests/security, tests/fuzz, tests/fault)")
    width = max(len(k) for k in _COUNTS)
    for name in sorted(_COUNTS):
        terminalreporter.write_line(f"{name.ljust(width)}  {_COUNTS[name]:>8}")
        for note in _NOTES.get(name, [])[:5]:
            terminalreporter.write_line(f"{'':{width}}    {note}")


def skip_soak_unless_asked(config: Any, items: list[Any]) -> None:
    """`soak` tests run with `make soak` (pytest -m soak) or SOAK=1, not in a plain run."""
    import os

    import pytest

    if "soak" in (config.getoption("markexpr") or "") or os.environ.get("SOAK"):
        return
    skip = pytest.mark.skip(reason="soak test: run with `make soak` (pytest -m soak) or SOAK=1")
    for item in items:
        if item.get_closest_marker("soak"):
            item.add_marker(skip)


async def forget_login_attempts() -> None:
    """Our suites log in many times from one address; clear the login rate-limit windows so
    that a later test that counts attempts starts from zero."""
    from chotdon.core.redis import get_redis

    redis = get_redis()
    keys = [k async for k in redis.scan_iter(match="chotdon:rl:login:*", count=500)]
    if keys:
        await redis.delete(*keys)
