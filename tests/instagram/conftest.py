"""Instagram and Facebook Login tests: the Facebook simulator as a real HTTP server (it serves
the Instagram accounts linked to pages and the OAuth dialog), the app behind real uvicorn."""

from __future__ import annotations

from typing import Any

import pytest

from support.instagram import MetaWorld
from support.simulator import Simulator, app_server, simulator, simulator_server  # noqa: F401


@pytest.fixture
async def meta(
    simulator: Simulator,  # noqa: F811
    app_server: Any,  # noqa: F811
    tenant: Any,
    run_jobs: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> MetaWorld:
    from chotdon.core.settings import settings_cache_clear

    monkeypatch.setenv("PUBLIC_URL", app_server.url)  # the dialog's redirect_uri
    settings_cache_clear()
    return MetaWorld(simulator, tenant, run_jobs)
