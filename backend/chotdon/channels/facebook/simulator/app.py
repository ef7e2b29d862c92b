"""The simulator's ASGI app: the Graph API under `/{version}/...`, control under `/_sim/...`.

`create_simulator_app(webhook_url=..., app_secret=...)` or, standalone, environment variables
`SIMULATOR_WEBHOOK_URL`, `FACEBOOK_APP_SECRET`, `FACEBOOK_APP_ID`.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from chotdon.channels.facebook.simulator.control import _NotFound, control_router, not_found_handler
from chotdon.channels.facebook.simulator.graph_api import graph_router
from chotdon.channels.facebook.simulator.login import login_router
from chotdon.channels.facebook.simulator.world import World


def create_simulator_app(
    webhook_url: str | None = None,
    app_secret: str | None = None,
    app_id: str | None = None,
) -> FastAPI:
    world = World()
    world.webhooks.url = webhook_url or os.environ.get("SIMULATOR_WEBHOOK_URL") or None
    secret = app_secret or os.environ.get("FACEBOOK_APP_SECRET") or "dev-facebook-app-secret"
    world.state.app_secret = world.webhooks.secret = secret
    world.state.app_id = app_id or os.environ.get("FACEBOOK_APP_ID") or "100000000000001"

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        world.webhooks.start()
        try:
            yield
        finally:
            await world.webhooks.stop()

    app = FastAPI(title="Facebook Graph API simulator", lifespan=lifespan)
    app.state.world = world
    app.add_exception_handler(_NotFound, not_found_handler)  # type: ignore[arg-type]
    app.include_router(control_router(world))
    app.include_router(login_router(world))  # before the Graph catch-all routes
    app.include_router(graph_router(world))
    return app
