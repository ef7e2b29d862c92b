"""Outgoing webhook tests: an integrator's receiver and fast retry settings."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from support.receiver import Receiver, receiver_server

FAST = {
    "WEBHOOK_RETRY_BASE_SECONDS": "0.05",
    "WEBHOOK_RETRY_MAX_DELAY_SECONDS": "0.2",
    "WEBHOOK_TIMEOUT_SECONDS": "0.5",
}


@pytest.fixture
def settings_env() -> Iterator[dict[str, str]]:
    """Environment overrides for this test (settings re-read, restored afterwards)."""
    from chotdon.core.settings import settings_cache_clear

    overrides: dict[str, str] = dict(FAST)
    saved = {
        k: os.environ.get(k)
        for k in [
            *FAST,
            "WEBHOOK_DISABLE_AFTER_FAILURES",
            "WEBHOOK_DISABLE_AFTER_SECONDS",
            "WEBHOOK_RETRY_WINDOW_HOURS",
            "WEBHOOK_ALLOW_PRIVATE_TARGETS",
        ]
    }

    class Env(dict[str, str]):
        def __setitem__(self, key: str, value: str) -> None:
            super().__setitem__(key, value)
            os.environ[key] = value
            settings_cache_clear()

    env = Env()
    for k, v in overrides.items():
        env[k] = v
    yield env
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    settings_cache_clear()


@pytest.fixture
def receiver(settings_env: dict[str, str]) -> Iterator[Receiver]:
    with receiver_server() as r:
        yield r
